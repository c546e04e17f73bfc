"""Forms of the meetings pages (协商活动): the meeting itself, an attendee, an item consulted,
an agreed opinion, the minutes; the bulk upload; a moderation action. Every form works
without JavaScript; the services check what forms cannot (a studio of the body, a member of
the hosts)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from youjun.core.consultation import VENUES
from youjun.web.apps.consultation.models import Attendee, Body, Department, Meeting, Participant, Studio
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.dates import typed_date


def venue_choices() -> list[tuple[str, str]]:
    i = 0 if lang_code() != "en" else 1
    return [(k, v[i]) for k, v in VENUES.items()]


class _Form(forms.Form):
    """A form whose labels end in the page language's colon (full-width "：" in Chinese)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", ":" if lang_code() == "en" else "：")
        super().__init__(*args, **kwargs)


class TypedDateField(forms.Field):
    """A date as people type it (2026-12-02, 2026年12月2日)."""

    widget = forms.TextInput

    def __init__(self, *, max_length: int = 16, **kwargs: Any) -> None:
        self.max_length = max_length
        super().__init__(**kwargs)

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "maxlength": str(self.max_length)}

    def to_python(self, value: Any) -> Any:
        text = str(value or "").strip()[: self.max_length * 2]
        if not text:
            return None
        found = typed_date(text)
        if found is None:
            raise forms.ValidationError(_("Give a date such as 2026-12-02."))
        return found


class MeetingForm(_Form):
    venue = forms.ChoiceField(label=_("Venue"), choices=())
    studio = forms.ModelChoiceField(label=_("Member studio (for a member-studio meeting)"),
                                    queryset=Studio.objects.none(), required=False)
    title = forms.CharField(label=_("Title"), max_length=160)
    held_on = TypedDateField(label=_("Date"), max_length=16,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2026-12-02"}))
    place = forms.CharField(label=_("Place"), max_length=160)
    town = forms.CharField(label=_("Town or street"), max_length=64, required=False)
    joint_bodies = forms.ModelMultipleChoiceField(label=_("Joint hosts (other CPPCC bodies)"),
                                                  queryset=Body.objects.none(), required=False,
                                                  widget=forms.CheckboxSelectMultiple)

    def __init__(self, body: Body, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].choices = venue_choices()
        self.fields["studio"].queryset = Studio.objects.filter(body=body, active=True)
        self.fields["joint_bodies"].queryset = Body.objects.exclude(pk=body.pk)
        from youjun.web.apps.consultation.forms_resident import town_choices

        self.towns = town_choices(body)  # offered as a datalist (as the raise form does); free text stays allowed
        if self.towns:
            self.fields["town"].widget.attrs.update({"list": "c-meeting-towns", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("venue") == "studio" and not data.get("studio"):
            self.add_error("studio", _("A member-studio meeting needs its studio."))
        if data.get("held_on") is None and "held_on" not in self.errors:
            self.add_error("held_on", _("Give a date such as 2026-12-02."))
        return data

    @classmethod
    def initial_of(cls, meeting: Meeting) -> dict[str, Any]:
        return {"venue": meeting.venue, "studio": meeting.studio_id, "title": meeting.title,
                "held_on": meeting.held_on.isoformat(), "place": meeting.place, "town": meeting.town,
                "joint_bodies": list(meeting.joint_bodies.values_list("pk", flat=True))}


class MemberAttendeeForm(_Form):
    """A member of the hosts, picked by name (sector and neighbourhood beside it), grouped by sector."""

    participant = forms.ChoiceField(label=_("Member"), choices=())

    def __init__(self, members: list[Participant], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from youjun.web.apps.consultation.services_meetings import member_name

        self._members = {str(m.pk): m for m in members}
        several = len({m.body_id for m in members}) > 1
        groups: dict[str, list[tuple[str, str]]] = {}
        for m in members:
            name = member_name(m)
            # the neighbourhood (and body) once: not again when the name already says it
            where = "，".join(x for x in (m.neighbourhood, m.body.name if several else "") if x and x not in name)
            label = f"{name}（{where}）" if where else name
            groups.setdefault(m.sector or str(_("No sector")), []).append((str(m.pk), label))
        self.fields["participant"].choices = [("", "—"), *groups.items()]

    def clean_participant(self) -> Participant:
        found = self._members.get(str(self.cleaned_data.get("participant") or ""))
        if found is None:
            raise forms.ValidationError(_("Choose one of the hosts' members."))
        return found


class PersonAttendeeForm(_Form):
    kind = forms.ChoiceField(label=_("Attends as"), choices=(
        (Attendee.Kind.RESIDENT, _("Resident")), (Attendee.Kind.OFFICIAL, _("Department official"))))
    name = forms.CharField(label=_("Full name"), max_length=64)
    organisation = forms.CharField(label=_("Organisation"), max_length=128, required=False)


class ConsultForm(_Form):
    number = forms.CharField(label=_("Item number"), max_length=24,
                             widget=forms.TextInput(attrs={"placeholder": "RC-2026-0001",
                                                           "autocapitalize": "characters"}))
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OpinionForm(_Form):
    parent = forms.ChoiceField(label=_("Item consulted"), choices=())
    title = forms.CharField(label=_("Agreed opinion"), max_length=120)
    text = forms.CharField(label=_("Details"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    department = forms.ModelChoiceField(label=_("Assign to department (staff; optional)"),
                                        queryset=Department.objects.none(), required=False)
    due_on = TypedDateField(label=_("Answer due by (optional; the category's days otherwise)"), max_length=16,
                            required=False,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2027-01-31"}))

    def __init__(self, meeting: Meeting, departments: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [
            (str(c.pk), f"{c.number} {c.title}") for c in meeting.concerns.all()]
        self.fields["department"].queryset = departments


class MinutesForm(_Form):
    minutes = forms.CharField(label=_("Minutes"), max_length=20000, required=False,
                              widget=forms.Textarea(attrs={"rows": 8}))


class BulkUploadForm(_Form):
    file = forms.FileField(label=_("Filled-in template (.xlsx)"))


class ModerationForm(_Form):
    concern = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=(("keep", "keep"), ("hide", "hide"), ("block", "block")))
    days = forms.CharField(required=False, max_length=6)
    note = forms.CharField(required=False, max_length=500)
