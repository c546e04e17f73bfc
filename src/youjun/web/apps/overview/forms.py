from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youjun.web.apps.overview.models import SchoolWork


class RangeForm(forms.Form):
    """The overview's year range (checked by ``youjun.core.overview.parse_range``, not here)."""

    first = forms.CharField(label=_("From year"), required=False, max_length=4)
    last = forms.CharField(label=_("To year"), required=False, max_length=4)


class WorksFilter(forms.Form):
    first = forms.IntegerField(label=_("Completed from year"), required=False, min_value=2000, max_value=2100)
    last = forms.IntegerField(label=_("Completed to year"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind of work"), required=False)
    school = forms.CharField(label=_("School"), required=False, max_length=60)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *SchoolWork.Kind.choices]


class WorkForm(forms.Form):
    school = forms.ChoiceField(label=_("School"), required=False)
    new_school_name = forms.CharField(label=_("New school's name (not yet in the register)"), required=False,
                                      max_length=120)
    kind = forms.ChoiceField(label=_("Kind of work"), choices=SchoolWork.Kind.choices)
    project = forms.CharField(label=_("Project name"), max_length=200)
    started = forms.DateField(label=pgettext_lazy("overview", "Started"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    completed = forms.DateField(label=_("Completed"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    seats_added = forms.IntegerField(label=_("Seats added"), min_value=0, initial=0)
    land_m2 = forms.IntegerField(label=_("Land added (m²)"), min_value=0, initial=0)
    floor_m2 = forms.IntegerField(label=_("Floor area added (m²)"), min_value=0, initial=0)
    teacher_flats = forms.IntegerField(label=_("Teacher flats"), min_value=0, initial=0)
    investment = forms.DecimalField(label=_("Investment (10,000 yuan)"), min_value=0, max_digits=12,
                                    decimal_places=2, initial=0)
    evidence = forms.FileField(label=_("Evidence (PDF or photo)"), required=False)

    def __init__(self, *args: Any, schools: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [("", _("— a new school —")), *schools]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Building works spreadsheet (.xlsx)"))
