"""``{{ stage|stage_label }}``: a ladder stage's name in the page's language."""

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
