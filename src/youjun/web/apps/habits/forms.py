"""Forms of the habits app: a habit's definition (the rules of it are checked by the service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from youjun.core import habits as rules


def lang() -> str:
    return "en" if (get_language() or "zh").startswith("en") else "zh"


def pick(pair: tuple[str, str]) -> str:
    return pair[1] if lang() == "en" else pair[0]


def grade_label(grade: int) -> str:
    words = "一二三四五六七八九"
    return f"Grade {grade}" if lang() == "en" else f"{words[grade - 1]}年级"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class HabitForm(forms.Form):
    name = forms.CharField(label=_("Habit"), max_length=64)
    target = forms.CharField(label=_("What counts as done"), max_length=200, required=False)
    dimension = forms.ChoiceField(label=_("Dimension"))
    slot = forms.ChoiceField(label=_("Time of day"))
    grades = forms.TypedMultipleChoiceField(label=_("Grades"), coerce=int, widget=forms.CheckboxSelectMultiple)
    frequency = forms.ChoiceField(label=_("Frequency"), widget=forms.RadioSelect)
    weekdays = forms.TypedMultipleChoiceField(label=_("Days of the week (weekly habits)"), coerce=int,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    checkers = forms.MultipleChoiceField(label=_("Who ticks it"), widget=forms.CheckboxSelectMultiple)
    starts_on = forms.DateField(label=_("Active from"), widget=DateInput())
    ends_on = forms.DateField(label=_("Active until"), widget=DateInput())
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        f = self.fields
        f["dimension"].choices = [(k, pick(v)) for k, v in rules.dimensions().items()]
        f["slot"].choices = [(s.code, s.label(lang())) for s in rules.slots()]
        f["grades"].choices = [(g, grade_label(g)) for g in rules.GRADES]
        f["frequency"].choices = [(k, pick(v)) for k, v in rules.FREQUENCIES.items()]
        f["weekdays"].choices = [(i, pick(w)) for i, w in enumerate(rules.WEEKDAYS)]
        f["checkers"].choices = [(k, pick(v)) for k, v in rules.CHECKERS.items()]


def parse_day(text: str | None, default: dt.date) -> dt.date:
    """A day from a form or the address ("2025-11-12"); ``default`` when missing or not a date."""
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return default
