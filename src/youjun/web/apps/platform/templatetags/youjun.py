"""Template filters for bilingual result data and honest number formatting."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language

from youjun.report import numbers

register = template.Library()


def lang_code() -> str:
    """'zh' or 'en': the key suffix used by the result dicts and the error catalogue."""
    return "en" if (get_language() or "zh-hans").startswith("en") else "zh"


def requested_lang(request: Any) -> str:
    """'zh' or 'en' for a download: ``?lang=`` if given, else the page's language."""
    lang = request.GET.get("lang") or lang_code()
    return "en" if lang.startswith("en") else "zh"


@register.filter
def tr(value: Any, key: str = "") -> Any:
    """``{"zh":..,"en":..}|tr`` or ``obj|tr:"name"`` (picks name_zh / name_en)."""
    lang = lang_code()
    if not isinstance(value, Mapping):
        return value
    if key:
        return value.get(f"{key}_{lang}") or value.get(f"{key}_zh") or value.get(key) or ""
    return value.get(lang) or value.get("zh") or ""


@register.filter
def get(value: Any, key: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get(key)
    if isinstance(value, list | tuple) and isinstance(key, int) and 0 <= key < len(value):
        return value[key]
    return None


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


@register.filter
def num(value: Any, digits: int = 2) -> str:
    """A number for the language (thousands grouped), '—' when missing: never guessed."""
    if _missing(value):
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer() and digits <= 0:
        return formats.number_format(int(number), 0, use_l10n=True, force_grouping=True)
    return formats.number_format(round(number, digits), digits, use_l10n=True, force_grouping=True)


@register.filter
def amount(value: Any) -> str:
    """A quantity: whole numbers without decimals (5 teachers), others with two (12.35 m²)."""
    if _missing(value):
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return num(number, 0 if number.is_integer() else 2)


@register.filter
def integer(value: Any) -> str:
    return num(value, 0)


def partial_percent(x: float, shown: str, digits: int = 1) -> str:
    """``shown`` (the per-cent value ``x`` as rounded to ``digits``), unless rounding made a partial
    share read as all or none: then with the decimals ``numbers.partial_decimals`` gives."""
    d = numbers.partial_decimals(x, digits)
    return shown if d == digits else f"{num(x, d)}%"


@register.filter
def pct(value: Any, digits: int = 1) -> str:
    """A ratio (0.8734) as a percentage (87.3%); a partial share never reads 100.0% or 0.0%."""
    if _missing(value):
        return "—"
    return partial_percent(float(value) * 100, f"{num(float(value) * 100, digits)}%", int(digits))


@register.filter
def pct_standard(value: Any) -> str:
    """A standard given in per cent, as the documents write it: 85 -> "85%" (report.numbers)."""
    return numbers.percent(value)


@register.filter
def pct_measured(value: Any, minimum: Any = None) -> str:
    """A measured rate in per cent with one decimal (89.1%), never rounded up to ``minimum``; a
    partial share never reads 100.0% or 0.0% (``numbers.partial_decimals``)."""
    return numbers.percent(value, measured=True, below=minimum)


@register.filter
def share_of(part: Any, whole: Any) -> str:
    """``part`` of ``whole`` as a percentage with one decimal ("—" without a whole): 2,842 of 2,843
    is "99.96%", not "100.0%"."""
    if _missing(part) or _missing(whole) or not float(whole):
        return "—"
    return pct_measured(100 * float(part) / float(whole))


@register.filter
def status_css(value: Any) -> str:
    return {True: "ok", False: "bad", None: "na", "pass": "ok", "fail": "bad",
            "evidence_missing": "na", "met": "ok", "not_met": "bad", "done": "ok", "failed": "bad"}.get(value, "na")


@register.simple_tag
def colon() -> str:
    """The colon after a label in the page's language: full-width "：" on a Chinese page (a
    Chinese page never shows "标签: 值"), ": " on an English one."""
    return ": " if lang_code() == "en" else "："
