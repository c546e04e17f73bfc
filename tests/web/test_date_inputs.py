"""An <input type="date"> shows only an ISO value: on Chinese pages Django wrote 2026/12/01,
which the browser showed as an empty box, and a form with a default date was then refused as
missing (a walk found it on the rotation and group-move forms)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import translation


class _Form(forms.Form):
    start = forms.DateField(initial=dt.date(2026, 12, 1), widget=forms.DateInput(attrs={"type": "date"}))


def test_a_date_input_is_written_as_an_iso_date_in_both_languages() -> None:
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            assert 'value="2026-12-01"' in str(_Form()["start"]), lang


def test_chinese_dates_typed_by_hand_are_still_accepted() -> None:
    with translation.override("zh-hans"):
        for typed in ("2026-12-01", "2026/12/01", "2026年12月01日"):
            form = _Form({"start": typed})
            assert form.is_valid() and form.cleaned_data["start"] == dt.date(2026, 12, 1), typed
