"""Forms of the studio pages; the choices come from ``rules/workforce/studios.yaml`` and the
workbook's subjects. A form checks the shape of what was typed; ``services`` checks the content
(teachers of the district, dates within the term, members of the day)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})  # a date box takes ISO dates only


def _blank(choices: list[tuple[str, str]], label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class StudioForm(forms.Form):
    name = forms.CharField(label=_("Studio name"), max_length=100)
    host = forms.CharField(label=_("Host (teacher number)"), max_length=32)
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    level = forms.ChoiceField(label=_("Studio level"))
    start = forms.DateField(label=_("Term starts"), widget=DATE)
    end = forms.DateField(label=_("Term ends"), widget=DATE, required=False)
    base_school = forms.ChoiceField(label=_("Base school"), required=False)

    def __init__(self, *args: Any, words: dict[str, Any], schools: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["subject"].choices = _blank(words["subjects"], _("(none)"))
        self.fields["level"].choices = words.get("offer_levels", words["levels"])
        self.fields["base_school"].choices = _blank(schools, _("(none)"))


class MemberForm(forms.Form):
    staff_id = forms.CharField(label=_("Teacher number"), max_length=32)
    role = forms.ChoiceField(label=_("Role"))
    joined = forms.DateField(label=_("Joined on"), widget=DATE)

    def __init__(self, *args: Any, words: dict[str, Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["role"].choices = words["roles"]


class LeaveForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    left = forms.DateField(label=_("Left on"), widget=DATE)


class PlanForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)
    goals = forms.CharField(label=_("Goals of the year"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    activities = forms.CharField(label=_("Planned activities"), widget=forms.Textarea(attrs={"rows": 4}),
                                 required=False)

    def __init__(self, *args: Any, words: dict[str, Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        for code, label in words["kinds"]:
            self.fields[f"target_{code}"] = forms.IntegerField(label=label, min_value=0, max_value=999, initial=0,
                                                               required=False)

    def targets(self) -> dict[str, int]:
        return {k[len("target_"):]: int(v or 0) for k, v in self.cleaned_data.items() if k.startswith("target_")}


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=200)
    day = forms.DateField(label=_("Date"), widget=DATE)
    people = forms.MultipleChoiceField(label=_("Who (host and members)"), widget=forms.CheckboxSelectMultiple)
    evidence = forms.FileField(label=_("Evidence file (image or PDF)"), required=False)

    def __init__(self, *args: Any, words: dict[str, Any], people: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["kind"].choices = words["kinds"]
        self.fields["people"].choices = people


class ReviewForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)
    rating = forms.ChoiceField(label=_("Rating (local rule)"), widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, words: dict[str, Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["rating"].choices = words["ratings"]
