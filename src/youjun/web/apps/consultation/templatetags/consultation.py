"""Template helpers of the consultation pages: the section's navigation (only the pages that
exist and that the visitor may use), masking, and labels of states and venues."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from youjun.core.consultation import FIXED, SATISFACTION, VENUES
from youjun.web.apps.consultation import access as access_rules

register = template.Library()

# (url name, zh, en, who: "all" | "auth" | "worker")
NAV = (
    ("consultation:public_list", "公开议题", "Public concerns", "all"),
    ("consultation:raise", "我要反映", "Raise a concern", "all"),
    ("consultation:mine", "我的议题", "My concerns", "auth"),
    ("consultation:stats", "统计", "Statistics", "all"),
    ("consultation:work", "工作台", "Work list", "worker"),
    ("consultation:meetings", "协商活动", "Consultations", "worker"),
    ("consultation:notices", "通知", "Notices", "auth"),
)


def _zh() -> bool:
    return not (get_language() or "zh").startswith("en")


@register.inclusion_tag("consultation/_nav.html", takes_context=True)
def consultation_nav(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    acc = access_rules.access_of(user)
    links = []
    for name, zh, en, who in NAV:
        if who == "auth" and not acc.is_authenticated:
            continue
        if who == "worker" and not acc.works_here:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": zh if _zh() else en, "name": name.split(":")[1],
                      "current": request is not None and request.path == url})
    return {"links": links}


@register.filter
def mask_name(value: str) -> str:
    return access_rules.mask_name(value)


@register.filter
def mask_phone(value: str) -> str:
    return access_rules.mask_phone(value)


def _pick(table: dict[str, tuple[str, str]], key: str) -> str:
    pair = table.get(key)
    return (pair[0] if _zh() else pair[1]) if pair else "—"


@register.filter
def venue_label(key: str) -> str:
    return _pick(VENUES, key)


@register.filter
def satisfaction_label(key: str) -> str:
    return _pick(SATISFACTION, key)


@register.filter
def fixed_label(key: str) -> str:
    return _pick(FIXED, key)
