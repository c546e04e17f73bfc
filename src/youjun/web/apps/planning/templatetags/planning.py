"""Template filters of the planning pages: the plan renderer's labels and number format."""

from __future__ import annotations

from typing import Any

from django import template

from youjun.web.apps.platform.templatetags.youjun import lang_code

register = template.Library()


@register.filter
def plabel(key: Any) -> str:
    from youjun.plan.render import label

    return label(str(key), lang_code())


@register.filter
def pval(value: Any) -> str:
    from youjun.plan.render import fmt

    return fmt(value)


@register.filter
def why(move: dict[str, Any]) -> str:
    return str(move.get("why_zh" if lang_code() == "zh" else "why_en") or "")


@register.filter
def reason_text(reason: dict[str, Any]) -> str:
    return str(reason.get(lang_code()) or reason.get("zh") or reason.get("key") or "")


@register.filter
def what(project: dict[str, Any]) -> str:
    return str(project.get("what_zh" if lang_code() == "zh" else "what_en") or project.get("what") or "")


@register.filter
def split_words(value: str) -> list[str]:
    return str(value).split()


@register.filter
def pretty_json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


@register.filter
def code(value: Any, kind: str) -> str:
    """A domain code in words (``{{ m.subject|code:"subject" }}``), from ``youjun.core.labels``."""
    from youjun.core.labels import code_label

    return code_label(kind, value, lang_code())
