"""Forms of the career-record pages: the list's filters, the bureau's forms (a teacher, a
rotation, a qualification, a title, a key-teacher term, an honour or contest result with its
evidence file) and the two imports (a stored school year, an HR spreadsheet)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youjun.web.apps.platform.models import School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.workforce.models import Honour
from youjun.web.apps.workforce.selectors import teacher_choices

DATE = forms.DateInput(attrs={"type": "date"})


def _choices(kind: str, *, blank: str | None = None, skip_none: bool = False) -> list[tuple[str, str]]:
    out = teacher_choices(kind, lang_code(), skip_none=skip_none)
    return ([("", blank)] if blank is not None else []) + out


class FilterForm(forms.Form):
    school = forms.ChoiceField(label=_("School"), required=False)
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    title = forms.ChoiceField(label=_("Professional title"), required=False)
    key_tier = forms.ChoiceField(label=_("Key-teacher tier"), required=False)
    eligible = forms.BooleanField(label=_("Eligible for rotation"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=64)

    def __init__(self, *args: Any, schools: list[School], names: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = str(_("all"))
        self.fields["school"].choices = [("", every)] + [(s.code, s.name) for s in schools]
        self.fields["subject"].choices = _choices("subject", blank=every)
        self.fields["title"].choices = _choices("title", blank=every)
        self.fields["key_tier"].choices = [("", every), ("any", str(_("any key-teacher tier"))),
                                           *_choices("key_tier", skip_none=True)]
        self.fields["q"].help_text = (_("Teacher number or name") if names else _("Teacher number"))


class TeacherForm(forms.Form):
    staff_id = forms.CharField(label=_("Teacher number"), max_length=32,
                               help_text=_("The district's masked staff number, never an ID-card number."))
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    start = forms.DateField(label=_("At the school since"), widget=DATE)
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=64, required=False)
    sex = forms.ChoiceField(label=_("Sex"), required=False,
                            choices=(("", "—"), ("male", _("male")), ("female", _("female"))))
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1940, max_value=2100)
    started_teaching = forms.IntegerField(label=_("Started teaching (year)"), required=False, min_value=1950,
                                          max_value=2100)
    section = forms.ChoiceField(label=_("Section"), required=False)
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    on_establishment = forms.BooleanField(label=_("On the establishment"), required=False, initial=True)
    has_certificate = forms.BooleanField(label=_("Holds a teacher's certificate"), required=False, initial=True)
    pe_art_specialist = forms.BooleanField(label=_("PE or arts specialist"), required=False)
    active = forms.BooleanField(label=_("Still teaching in the district"), required=False, initial=True)

    def __init__(self, *args: Any, district: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _choices("section", blank="—")
        self.fields["subject"].choices = _choices("subject", blank="—")
        if editing:
            for key in ("staff_id", "school", "start"):
                del self.fields[key]
        else:
            del self.fields["active"]
            self.fields["school"].queryset = School.objects.filter(district=district).order_by("code")


class RotationForm(forms.Form):
    to_school = forms.ModelChoiceField(label=_("Rotates to"), queryset=School.objects.none())
    start = forms.DateField(label=_("From"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, district: Any, current: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = School.objects.filter(district=district).order_by("code")
        # a rotation goes to another school: the teacher's own school is not offered
        self.fields["to_school"].queryset = schools.exclude(pk=current.pk) if current is not None else schools


class QualificationForm(forms.Form):
    level = forms.ChoiceField(label=_("Qualification"))
    major = forms.CharField(label=_("Major"), max_length=64, required=False)
    institution = forms.CharField(label=_("Institution"), max_length=128, required=False)
    awarded_on = forms.DateField(label=_("Awarded on"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = _choices("qualification")


class TitleForm(forms.Form):
    title = forms.ChoiceField(label=_("Professional title"))
    awarded_on = forms.DateField(label=_("Held from"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].choices = _choices("title", skip_none=True)


class KeyAwardForm(forms.Form):
    tier = forms.ChoiceField(label=_("Key-teacher tier"))
    level = forms.ChoiceField(label=_("Awarding level"))
    start = forms.DateField(label=_("Term from"), widget=DATE)
    end = forms.DateField(label=_("Term until"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = _choices("key_tier", skip_none=True)
        self.fields["level"].choices = _choices("key_level")


class KeyEndForm(forms.Form):
    award = forms.IntegerField(widget=forms.HiddenInput)
    end = forms.DateField(label=_("Term ended on"), widget=DATE)


class HonourForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Honour.Kind.choices)
    name = forms.CharField(label=_("Honour or contest"), max_length=128)
    level = forms.ChoiceField(label=_("Awarding level"))
    prize = forms.CharField(label=_("Prize"), max_length=32, required=False,
                            help_text=_("For a contest, e.g. 一等奖; blank for an honour."))
    awarded_on = forms.DateField(label=_("Date"), widget=DATE)
    evidence = forms.FileField(label=_("Evidence file (photo or PDF)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = _choices("key_level")


class HRUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in teachers' spreadsheet (.xlsx)"))


class SnapshotImportForm(forms.Form):
    school_year = forms.ChoiceField(label=_("School year"))

    def __init__(self, *args: Any, years: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = [(y, y) for y in years]
