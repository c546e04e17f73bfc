"""Template helpers of the consultation pages: the section's navigation (only the pages that
exist and that the visitor may use; the tools in a "更多" group), masking, and labels of states
and venues."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

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


# the tools, in the nav's "更多" group (short on a phone): (url name, zh, en, who)
#   district_admin: manages a district (platform scoping); handler: staff or department handler;
#   staff: staff of a body (one link per body, to its own queue)
TOOLS = (
    ("consultation:surveys", "社会认可度调查", "Recognition surveys", "district_admin"),
    ("consultation:bulk", "批量更新进度", "Bulk progress", "handler"),
    ("consultation:moderation", "内容审核", "Moderation", "staff"),
    ("consultation:body", "机构管理", "Running the committee", "staff"),
    ("consultation:bodies", "全部政协机构", "All committees", "admin"),
)


def _zh() -> bool:
    return not (get_language() or "zh").startswith("en")


def _link(request: Any, name: str, label: str, args: tuple[str, ...] = ()) -> dict[str, Any] | None:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None
    return {"url": url, "label": label, "name": name.split(":")[1],
            "current": request is not None and request.path == url}


def _tools(request: Any, user: Any, acc: access_rules.Access) -> list[dict[str, Any]]:
    """The tools the visitor may use: surveys, bulk progress, moderation of their bodies."""
    from youjun.web.apps.consultation.models import Body
    from youjun.web.apps.platform import scoping

    out: list[dict[str, Any] | None] = []
    for name, zh, en, who in TOOLS:
        label = zh if _zh() else en
        if who == "district_admin":
            scope = scoping.scope_of(user)
            if scope.everything or scope.admin_districts:
                out.append(_link(request, name, label))
        elif who == "admin":
            if acc.everything:
                out.append(_link(request, name, label))
        elif who == "handler":
            if acc.everything or acc.staff_bodies or acc.departments:
                out.append(_link(request, name, label))
        elif who == "staff" and (acc.everything or acc.staff_bodies):
            bodies = Body.objects.all() if acc.everything else Body.objects.filter(pk__in=acc.staff_bodies)
            bodies = list(bodies.order_by("code"))
            for body in bodies:
                out.append(_link(request, name, f"{label}（{body.name}）" if len(bodies) > 1 and _zh()
                                 else f"{label} ({body.name})" if len(bodies) > 1 else label, (body.code,)))
    return [t for t in out if t is not None]


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
        link = _link(request, name, zh if _zh() else en)
        if link is not None:
            links.append(link)
    tools = _tools(request, user, acc) if acc.is_authenticated else []
    sign_in = None
    if not acc.is_authenticated:  # 登录/注册 for an anonymous visitor, back to this page after
        here = urlencode({"next": request.path}) if request is not None else ""
        sign_in = {"login": f"{reverse('platform:login')}?{here}",
                   "register": f"{reverse('consultation:register')}?{here}",
                   "login_label": "登录" if _zh() else "Log in", "register_label": "注册" if _zh() else "Register"}
    return {"links": links, "tools": tools, "tools_open": any(t["current"] for t in tools),
            "more": "更多" if _zh() else "More", "sign_in": sign_in}


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
