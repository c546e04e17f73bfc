"""Forms of the fitness pages: the import upload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youjun.core.school_year import start_year


def plausible_years(today: dt.date, known: Any = ()) -> list[str]:
    """The current school year and the previous one, and any year the school already has classes of."""
    start = start_year(today)
    years = {f"{start}-{start + 1}", f"{start - 1}-{start}", *known}
    return sorted(years, reverse=True)


class ImportForm(forms.Form):
    school_year = forms.ChoiceField(label=_("School year"),
                                    help_text=_("The school year starts on 1 September."))
    file = forms.FileField(label=_("Results in the national upload layout (.xlsx)"))

    def __init__(self, *args: Any, years: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = years or plausible_years(timezone.localdate())
        self.fields["school_year"].choices = [(y, y) for y in choices]
