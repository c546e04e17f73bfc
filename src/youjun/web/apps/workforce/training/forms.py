"""Forms of the training ledger's pages: a course, a session, one attendance, an upload, the list
filters and the district's G9 setting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youjun.web.apps.workforce.training.models import HourType, Level


class CourseForm(forms.Form):
    name = forms.CharField(label=_("Course name"), max_length=120)
    level = forms.ChoiceField(label=pgettext_lazy("training", "Level"), choices=())
    organiser = forms.CharField(label=_("Organiser"), max_length=120, required=False)
    hour_type = forms.ChoiceField(label=_("Hour type"), choices=HourType.choices)
    funded = forms.BooleanField(label=_("Funded by the bureau"), required=False)
    cost_yuan = forms.DecimalField(label=_("Cost (yuan)"), min_value=0, max_digits=12, decimal_places=2,
                                   required=False)
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, school_level: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [c for c in Level.choices if (c[0] == Level.SCHOOL) == school_level]
        self.fields["level"].choices = levels
        if school_level:
            self.fields["hour_type"].initial = HourType.SCHOOL_BASED
            for name in ("funded", "cost_yuan"):
                del self.fields[name]


class SessionForm(forms.Form):
    start = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_digits=5, decimal_places=1)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    host_school = forms.ChoiceField(label=_("Host school"), required=False, choices=())

    def __init__(self, *args: Any, schools: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if schools is None:
            del self.fields["host_school"]
        else:
            self.fields["host_school"].choices = [("", "—"), *schools]


class AttendForm(forms.Form):
    staff_id = forms.CharField(label=_("Staff number"), max_length=32)
    hours = forms.DecimalField(label=_("Hours credited"), min_value=0, max_digits=5, decimal_places=1,
                               required=False, help_text=_("Empty: the session's hours."))
    passed = forms.BooleanField(label=_("Passed"), required=False, initial=True)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in attendance sheet (.xlsx)"))


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Show"), required=False, choices=(
        ("short", _("short of the hours")), ("done", _("hours completed")), ("", _("all teachers"))))
    school = forms.ChoiceField(label=_("School"), required=False, choices=())
    q = forms.CharField(label=_("Staff number"), required=False, max_length=32)

    def __init__(self, *args: Any, schools: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if schools is None:
            del self.fields["school"]
        else:
            self.fields["school"].choices = [("", _("all schools")), *schools]


class SettingForm(forms.Form):
    use_for_g9 = forms.BooleanField(label=_("Read teachers' 5-year hours for G9 from the training ledger"),
                                    required=False)
