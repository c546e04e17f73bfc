"""Forms of school party work (the bureau's tree, a school's posts, duty lists and meetings, a
group's 七联七化 checklist). The codes offered come from ``rules/party``; what may be written is
checked again in ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youjun.core import party as rules
from youjun.web.apps.party.models import Meeting, PartyOrganisation, PostHolding
from youjun.web.apps.platform.models import District, EducationGroup, School
from youjun.web.apps.platform.templatetags.youjun import lang_code

DATE = forms.DateInput(attrs={"type": "date"})
N_DECISIONS = 3


def _words(words: tuple[rules.Word, ...]) -> list[tuple[str, str]]:
    lang = lang_code()
    return [(w.code, w.label(lang)) for w in words]


class SchoolChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.code}）"


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=128, label=_("Name of the organisation"))
    kind = forms.ChoiceField(choices=PartyOrganisation.Kind.choices, label=_("Kind"))
    school = SchoolChoice(queryset=School.objects.none(), required=False, label=_("School"),
                          empty_label=_("(none: a group's or the district's organisation)"))
    group = forms.ModelChoiceField(queryset=EducationGroup.objects.none(), required=False,
                                   label=_("Education group"), empty_label=_("(none)"))
    parent = forms.ModelChoiceField(queryset=PartyOrganisation.objects.none(), required=False,
                                    label=_("Parent organisation"), empty_label=_("(none: top of the tree)"))
    founded = forms.DateField(label=_("Founded on"), widget=DATE)
    members = forms.IntegerField(required=False, min_value=0, label=_("Party members"))

    def __init__(self, district: District, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(district=district).order_by("code")
        self.fields["group"].queryset = EducationGroup.objects.filter(district=district).order_by("name")
        self.fields["parent"].queryset = PartyOrganisation.objects.filter(district=district).order_by("name")


class OrganisationUpdateForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=PartyOrganisation.objects.none(), label=_("Organisation"))
    parent = forms.ModelChoiceField(queryset=PartyOrganisation.objects.none(), required=False,
                                    label=_("Parent organisation"), empty_label=_("(none: top of the tree)"))
    members = forms.IntegerField(required=False, min_value=0, label=_("Party members"))
    dissolved = forms.DateField(required=False, label=_("Dissolved on"), widget=DATE)

    def __init__(self, district: District, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = PartyOrganisation.objects.filter(district=district).order_by("name")
        self.fields["organisation"].queryset = qs
        self.fields["parent"].queryset = qs


class AppointForm(forms.Form):
    post = forms.ChoiceField(label=pgettext_lazy("party post", "Post"), choices=(
        ("principal", _("principal")), ("secretary", _("party secretary")),
        ("full_deputy", _("full-time deputy secretary")), ("deputy", _("deputy secretary (part-time)"))))
    person = forms.CharField(max_length=64, required=False, label=pgettext_lazy("person", "Name"))
    staff_id = forms.CharField(max_length=32, required=False, label=_("Staff number (links the teacher's record)"))
    start = forms.DateField(label=_("From"), initial=timezone.localdate, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("person") or "").strip() and not (data.get("staff_id") or "").strip():
            raise forms.ValidationError(_("Give the name or the staff number."))
        return data


class HoldingChoice(forms.ModelChoiceField):
    def __init__(self, *args: Any, names: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = names

    def label_from_instance(self, obj: Any) -> str:
        from youjun.web.apps.workforce.access import mask_name

        person = obj.person if self.names else mask_name(obj.person)
        return str(_("%(post)s · %(person)s (from %(day)s)") % {
            "post": obj.get_post_display(), "person": person, "day": date_format(obj.start)})


class EndHoldingForm(forms.Form):
    """End a holding without a successor: the post is vacant from the next day."""

    holding = HoldingChoice(queryset=PostHolding.objects.none(), label=_("Holding"))
    end = forms.DateField(label=_("Last day in the post"), initial=timezone.localdate, widget=DATE)

    def __init__(self, school: School, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        self.fields["holding"].queryset = (PostHolding.objects.filter(end__isnull=True)
                                           .filter(Q(school=school) | Q(organisation__school=school))
                                           .order_by("post", "start", "id"))


class DutiesForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    as_of = forms.DateField(label=_("In force from"), initial=timezone.localdate, widget=DATE)
    secretary = forms.CharField(label=_("The secretary's duties (one a line)"),
                                widget=forms.Textarea(attrs={"rows": 5}))
    principal = forms.CharField(label=_("The principal's duties (one a line)"),
                                widget=forms.Textarea(attrs={"rows": 5}))


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"))
    title = forms.CharField(max_length=120, label=_("Title"))
    held_on = forms.DateField(label=_("Held on"), initial=timezone.localdate, widget=DATE)
    attendees = forms.IntegerField(required=False, min_value=0,
                                   label=pgettext_lazy("party meeting", "Number of attendees"))
    minutes = forms.FileField(required=False, label=_("Minutes (photo or PDF)"))

    def __init__(self, *args: Any, n: int = N_DECISIONS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.n = max(n, N_DECISIONS)
        today = timezone.localdate()
        self.fields["kind"].choices = _words(rules.meeting_kinds(today))
        majors = [("", _("not a “three majors, one large” item")), *_words(rules.major_kinds(today))]
        for i in range(1, self.n + 1):
            self.fields[f"decision_{i}"] = forms.CharField(max_length=200, required=False,
                                                          label=_("Decision %(n)s") % {"n": i})
            self.fields[f"major_{i}"] = forms.ChoiceField(choices=majors, required=False,
                                                         label=_("“Three majors, one large” kind"))
            self.fields[f"prior_{i}"] = forms.BooleanField(
                required=False, label=_("Studied by the party organisation beforehand"))

    def decisions(self) -> list[tuple[str, str, bool]]:
        d = self.cleaned_data
        return [(d.get(f"decision_{i}") or "", d.get(f"major_{i}") or "", bool(d.get(f"prior_{i}")))
                for i in range(1, self.n + 1)]


class CommunityForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    item = forms.ChoiceField(label=_("Item"))
    done = forms.BooleanField(required=False, label=_("Done"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))
    evidence = forms.FileField(required=False, label=_("Evidence (photo or PDF)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = _words(rules.community_items(timezone.localdate()))


class ComplianceFilter(forms.Form):
    on = forms.DateField(required=False, label=_("On"), widget=DATE)
    show = forms.ChoiceField(required=False, label=_("Show"), choices=(
        ("", _("all schools")), ("split", _("split posts")), ("combined", _("combined posts")),
        ("unknown", _("posts not known")), ("no_deputy", _("no full-time deputy secretary")),
        ("no_org", _("no party organisation"))))


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    """What an edit form of ``meeting`` starts from: its fields and its decisions."""
    out: dict[str, Any] = {"kind": meeting.kind, "title": meeting.title, "held_on": meeting.held_on,
                           "attendees": meeting.attendees}
    for i, d in enumerate(meeting.decisions.all(), start=1):
        out |= {f"decision_{i}": d.text, f"major_{i}": d.major, f"prior_{i}": d.prior_study}
    return out


class MeetingDeleteForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, delete this meeting and its decisions"))
