"""Filters of the growth pages: ``stage_label`` (a stage's name) and ``item_award`` (a contest
item's level and prize), in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def stage_label(stage: Any) -> str:
    if stage is None:
        return ""
    return str(stage.label("en" if (get_language() or "zh").startswith("en") else "zh"))


@register.filter
def item_award(item: Any) -> str:
    """A contest item's level and prize in the page's language (“区县级 一等奖”), else ""."""
    from youjun.core import workforce_growth as core

    i = 1 if (get_language() or "zh").startswith("en") else 0
    parts = [core.LEVELS[item.level][i] if item.level in core.LEVELS else "",
             core.PRIZES[item.prize][i] if item.prize in core.PRIZES else ""]
    return " ".join(p for p in parts if p)
