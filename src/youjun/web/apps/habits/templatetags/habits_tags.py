"""Template filters of the habits pages: rates and days in the page's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html

from youjun.core import habits as rules
from youjun.report import numbers
from youjun.web.apps.habits import charts
from youjun.web.apps.habits.forms import grade_label, lang, pick

register = template.Library()


@register.filter
def rate(value: Any) -> str:
    """A completion rate (0–1) with one decimal: "87.5%"; "—" when nothing was due."""
    return charts.percent(value)


@register.filter
def count(value: Any) -> str:
    return numbers.count(value)


@register.filter
def day(value: dt.date | None, weekday: bool = True) -> str:
    """A day in the page's language: "2025年11月12日 周三" / "Wed 12 November 2025"."""
    if value is None:
        return "—"
    w = rules.WEEKDAYS[value.weekday()]
    if lang() == "en":
        return f"{w[1] + ' ' if weekday else ''}{value.day} {value:%B} {value.year}"
    return f"{value.year}年{value.month}月{value.day}日" + (f" {w[0]}" if weekday else "")


@register.filter
def short_day(value: dt.date) -> str:
    w = rules.WEEKDAYS[value.weekday()]
    return f"{w[1]} {value.day}/{value.month}" if lang() == "en" else f"{value.month}月{value.day}日 {w[0]}"


@register.filter
def slot_label(code: str) -> str:
    return next((s.label(lang()) for s in rules.slots() if s.code == code), code)


@register.filter
def dimension_label(code: str) -> str:
    pair = rules.dimensions().get(code)
    return pick(pair) if pair else code


@register.filter
def frequency_label(habit: Any) -> str:
    text = pick(rules.FREQUENCIES.get(habit.frequency, (habit.frequency, habit.frequency)))
    if habit.frequency == "weekly":
        sep = "、" if lang() == "zh" else ", "
        text += (": " if lang() == "en" else "：") + sep.join(pick(rules.WEEKDAYS[d]) for d in habit.weekdays)
    return text


@register.filter
def checkers_label(codes: Any) -> str:
    return ("、" if lang() == "zh" else ", ").join(pick(rules.CHECKERS[c]) for c in codes if c in rules.CHECKERS)


@register.filter
def grades_label(grades: Any) -> str:
    return ("、" if lang() == "zh" else ", ").join(grade_label(int(g)) for g in grades)


@register.filter
def by_label(role: str) -> str:
    return pick(rules.CHECKERS.get(role, (role, role)))


@register.filter
def when(stamp: dt.datetime | None) -> str:
    """A moment in local time (Asia/Shanghai): "11月12日 07:15" / "12 Nov 07:15"."""
    if stamp is None:
        return "—"
    t = timezone.localtime(stamp)
    return f"{t.day} {t:%b} {t:%H:%M}" if lang() == "en" else f"{t.month}月{t.day}日 {t:%H:%M}"


@register.filter
def year_nowrap(value: Any) -> str:
    """A school year ("2026-2027") kept on one line on a phone."""
    return format_html('<span class="h-year">{}</span>', value)
