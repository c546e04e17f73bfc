"""Forms of the vocational centre (plain forms; the services check and write)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youjun.core import vocational as core
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.vocational.models import Centre, CertificatePilot, Competition, CompetitionResult, Major

DATE = forms.DateInput(attrs={"type": "date"})


def _year(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1900, max_value=2100, required=required)


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=1_000_000)


class CentreForm(forms.Form):
    name = forms.CharField(label=_("Name of the centre"), max_length=100)
    school = forms.ModelChoiceField(label=_("The centre's school (its data officer manages the records)"),
                                    queryset=School.objects.none(), required=False)

    def __init__(self, district: District, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(district=district).order_by("code")


class MajorForm(forms.Form):
    code = forms.CharField(label=_("Major code"), max_length=20)
    name = forms.CharField(label=_("Major"), max_length=100)
    started = _year(_("First year of enrolment"))
    stopped = _year(_("Last year (empty while it runs)"), required=False)
    apprenticeship_partner = forms.CharField(label=_("Apprenticeship partner enterprise"), max_length=120,
                                             required=False)
    apprenticeship_from = _year(_("Apprenticeship since (year)"), required=False)


class MajorEditForm(forms.Form):
    stopped = _year(_("Last year (empty while it runs)"), required=False)
    apprenticeship_partner = forms.CharField(label=_("Apprenticeship partner enterprise"), max_length=120,
                                             required=False)
    apprenticeship_from = _year(_("Apprenticeship since (year)"), required=False)


class PilotForm(forms.Form):
    certificate = forms.CharField(label=_("1+X certificate"), max_length=120)
    level = forms.ChoiceField(label=pgettext_lazy("vocational", "Level"), choices=())
    awarding_org = forms.CharField(label=_("Awarding organisation"), max_length=120)
    from_year = _year(_("Pilot from (year)"))
    to_year = _year(_("Pilot to (year, empty while it runs)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(c, _level(c)) for c, _w in CertificatePilot.LEVELS]


def _level(code: str) -> Any:
    return {"junior": pgettext_lazy("vocational", "junior"), "middle": pgettext_lazy("vocational", "middle"),
            "senior": pgettext_lazy("vocational", "senior")}[code]


class PilotResultForm(forms.Form):
    year = _year(_("Year"))
    candidates = _count(_("Candidates"))
    passes = _count(_("Passed"))


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Enterprise"), max_length=120)
    sector = forms.CharField(label=pgettext_lazy("vocational", "Sector"), max_length=60)
    agreed_on = forms.DateField(label=_("Agreement signed on"), widget=DATE)
    agreement_ends = forms.DateField(label=_("Agreement ends on (empty: open)"), widget=DATE, required=False)
    majors = forms.ModelMultipleChoiceField(label=_("Majors served"), queryset=Major.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, centre: Centre, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["majors"].queryset = Major.objects.filter(centre=centre).order_by("code")


class PlacementForm(forms.Form):
    year = _year(_("Year"))
    pupils = _count(_("Pupils placed"))


class TeacherForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=40)
    subject = forms.CharField(label=_("Subject or major taught"), max_length=60)
    full_time = forms.BooleanField(label=_("Full-time teacher"), required=False, initial=True)
    joined = forms.DateField(label=_("Joined the centre on"), widget=DATE, required=False)
    staff_id = forms.CharField(label=_("Staff number in the teachers' register (optional)"), max_length=40,
                               required=False)


class RecognitionForm(forms.Form):
    recognised_on = forms.DateField(label=_("Recognised on"), widget=DATE)
    level = forms.ChoiceField(label=pgettext_lazy("vocational", "Level"), choices=())
    basis = forms.ChoiceField(label=pgettext_lazy("vocational", "Basis"), choices=())
    evidence = forms.FileField(label=_("Evidence (image or PDF)"), required=False)

    def __init__(self, *args: Any, lang: str = "zh", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule = core.double_qualified_rule(timezone.localdate())
        self.fields["level"].choices = [(w.code, w.label(lang)) for w in rule.levels]
        self.fields["basis"].choices = [(w.code, w.label(lang)) for w in rule.bases]


class CompetitionForm(forms.Form):
    name = forms.CharField(label=_("Competition"), max_length=160)
    level = forms.ChoiceField(label=pgettext_lazy("vocational", "Level"), choices=())
    year = _year(_("Year"))
    entrants = _count(_("Entrants"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(c, competition_level(c)) for c, _w in Competition.LEVELS]


def competition_level(code: str) -> Any:
    return {"district": _("district level"), "city": _("city level"), "national": _("national level")}.get(code, code)


def person_kind(code: str) -> Any:
    return {"pupil": _("pupil"), "teacher": _("teacher")}.get(code, code)


class ResultForm(forms.Form):
    person = forms.CharField(label=_("Full name"), max_length=40)
    kind = forms.ChoiceField(label=_("Pupil or teacher"), choices=())
    prize = forms.CharField(label=_("Prize"), max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(c, person_kind(c)) for c, _w in CompetitionResult.KINDS]


class TrainingForm(forms.Form):
    programme = forms.CharField(label=_("Programme"), max_length=160)
    year = _year(_("Year"))
    trainees = _count(_("Trainees (person-times)"))
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_value=100_000, decimal_places=1)


class DestinationForm(forms.Form):
    year = _year(_("Year of graduation"))
    further = _count(_("Further study"))
    employed = _count(_("Employed"))
    matched = _count(_("Employed in their field"))
    other = _count(_("Other"))


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=60)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    # the teachers' list: who the double-qualified share counts (on ``on``, today when empty)
    status = forms.ChoiceField(label=pgettext_lazy("vocational", "Teachers"), required=False, choices=(
        ("", _("All teachers")),
        ("staff", _("Full-time teachers in post")),
        ("dq", _("Full-time teachers in post, double-qualified")),
        ("part_time", _("Part-time teachers")),
        ("not_in_post", _("Not in post (left or not yet joined)")),
    ))
    on = forms.DateField(label=_("As at"), required=False, widget=DATE)
    # the majors' list: only those in the 1+X pilot or with an apprenticeship in ``year``
    only = forms.ChoiceField(label=_("Majors"), required=False, choices=(
        ("", _("All majors")),
        ("pilot", _("Majors in the 1+X certificate pilot")),
        ("apprenticeship", _("Apprenticeship majors")),
    ))
