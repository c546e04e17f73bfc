"""Forms of the education groups (the bureau's and the lead schools' writes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, EducationGroup, School


class SchoolChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.code}）"


class SchoolsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.code}）"


LEAVE = "leave"


class MoveForm(forms.Form):
    school = SchoolChoice(queryset=School.objects.none(), label=_("School"))
    # no default: leaving a group is a choice of its own, so a form sent without one changes nothing
    group = forms.ChoiceField(label=_("Education group"), choices=())
    role = forms.ChoiceField(choices=(("member", _("member school")), ("lead", _("lead school"))), label=_("Role"))
    start = forms.DateField(label=_("From"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(max_length=200, required=False, label=_("Note"))

    def __init__(self, district: District, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(district=district).order_by("code")
        self._groups = {str(g.pk): g for g in EducationGroup.objects.filter(district=district).order_by("name")}
        self.fields["group"].choices = [("", _("— choose —")),
                                        *((pk, g.name) for pk, g in self._groups.items()),
                                        (LEAVE, _("(no group: leave its group)"))]

    def clean_group(self) -> EducationGroup | None:
        value = self.cleaned_data["group"]
        return None if value == LEAVE else self._groups[value]


class GroupForm(forms.Form):
    name = forms.CharField(max_length=128, label=_("Name of the group"))


class AdoptForm(forms.Form):
    start = forms.DateField(label=_("Memberships start on"), widget=forms.DateInput(attrs={"type": "date"}))


class QualityForm(forms.Form):
    school = SchoolChoice(queryset=School.objects.none(), label=_("School"))
    basis = forms.CharField(max_length=200, label=_("Basis (document, title, number)"))
    marked_on = forms.DateField(label=_("Marked on"), initial=timezone.localdate,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, district: District, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(district=district).order_by("code")


class CourseForm(forms.Form):
    title = forms.CharField(max_length=120, label=_("Course title"))
    offering = SchoolChoice(queryset=School.objects.none(), label=_("Offering school"))
    receiving = SchoolsChoice(queryset=School.objects.none(), label=_("Receiving schools"),
                              widget=forms.CheckboxSelectMultiple)
    school_year = forms.RegexField(regex=r"^\d{4}-\d{4}$", max_length=9, label=_("School year"))
    term = forms.TypedChoiceField(choices=((1, _("term 1")), (2, _("term 2"))), coerce=int, label=_("Term"))
    hours = forms.DecimalField(max_digits=6, decimal_places=1, label=_("Hours"))

    def __init__(self, schools: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offering"].queryset = schools
        self.fields["receiving"].queryset = schools


class ResearchForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), initial=timezone.localdate,
                              widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(max_length=120, label=_("Topic"))
    host = SchoolChoice(queryset=School.objects.none(), label=_("Host school"))
    schools = SchoolsChoice(queryset=School.objects.none(), label=_("Participating schools"), required=False,
                            widget=forms.CheckboxSelectMultiple)
    outputs = forms.CharField(max_length=500, required=False, label=_("Outputs"),
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, schools: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = schools
        self.fields["schools"].queryset = schools


class AreaForm(forms.Form):
    name = forms.CharField(max_length=64, label=_("Name of the area"))
    schools = SchoolsChoice(queryset=School.objects.none(), label=_("Schools"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, district: District, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = School.objects.filter(district=district).order_by("code")


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), initial=timezone.localdate,
                              widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(max_length=120, label=_("Topic"))
    host = SchoolChoice(queryset=School.objects.none(), label=_("Host school"))
    participants = forms.CharField(required=False, label=_("Participants (staff numbers, one a line)"),
                                   widget=forms.Textarea(attrs={"rows": 3}))
    outputs = forms.CharField(max_length=500, required=False, label=_("Outputs"),
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, schools: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = schools

    def staff_ids(self) -> list[str]:
        raw = self.cleaned_data.get("participants") or ""
        return [s.strip() for s in raw.replace(",", "\n").replace("，", "\n").splitlines() if s.strip()][:2000]
