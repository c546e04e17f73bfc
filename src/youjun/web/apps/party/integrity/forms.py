"""Forms of clean schools and teacher ethics (plain forms; the services validate again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youjun.core import party_integrity as rules
from youjun.web.apps.party.integrity.models import Campaign, KeyPoint, Stage
from youjun.web.apps.platform.models import District, School


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, initial=timezone.localdate if required else None,
                           widget=forms.DateInput(attrs={"type": "date"}))


ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class SchoolChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.code}）"


class NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.order}. {obj.name}"


class ActivityForm(forms.Form):
    title = forms.CharField(max_length=80, label=_("Activity"))
    school = SchoolChoice(queryset=School.objects.none(), required=False, label=_("School"),
                          empty_label=_("(the whole district)"))
    kind = forms.ChoiceField(label=_("Type"))
    layer = forms.ChoiceField(label=_("Layer"))
    held_on = _date(_("Date"))
    participants = forms.IntegerField(min_value=1, max_value=100_000, label=_("Number of participants"))
    kinds = forms.MultipleChoiceField(label=_("Who took part"), widget=forms.CheckboxSelectMultiple,
                                      required=False)
    n_pupils = forms.IntegerField(min_value=0, max_value=100_000, required=False, label=_("of whom pupils"),
                                  help_text=_("Optional; the counts per kind together cannot exceed the total."))
    n_teachers = forms.IntegerField(min_value=0, max_value=100_000, required=False, label=_("of whom teachers"))
    n_parents = forms.IntegerField(min_value=0, max_value=100_000, required=False, label=_("of whom parents"))
    stage = NamedChoice(queryset=Stage.objects.none(), required=False, label=_("Campaign stage"))
    key_point = NamedChoice(queryset=KeyPoint.objects.none(), required=False, label=_("Key point"))
    description = forms.CharField(max_length=1000, required=False, label=_("Description"),
                                  widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(required=False, label=_("Evidence (photos or PDF, up to 5)"))

    def __init__(self, district: District, lang: str, *args: Any, school: School | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.own_school = school
        if school is not None:  # a school's own page: the school is the page's
            del self.fields["school"]
        else:
            self.fields["school"].queryset = School.objects.filter(district=district).order_by("code")
        self.fields["kind"].choices = rules.choices("activity-types", "types", today, lang)
        self.fields["layer"].choices = rules.choices("layers", "layers", today, lang)
        self.fields["kinds"].choices = [(k, v[0] if lang == "zh" else v[1]) for k, v in rules.PARTICIPANT_KINDS.items()]
        current = Campaign.objects.filter(district=district)
        self.fields["stage"].queryset = Stage.objects.filter(campaign__in=current).order_by("campaign_id", "order")
        self.fields["key_point"].queryset = KeyPoint.objects.filter(campaign__in=current).order_by("campaign_id",
                                                                                                    "order")


    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.own_school is not None:
            data["school"] = self.own_school
        return data


class CampaignForm(forms.Form):
    name = forms.CharField(max_length=80, label=_("Name of the campaign"))
    start = _date(_("From"))
    end = _date(_("To"), required=False)
    stages = forms.CharField(label=_("Stages (one a line)"), widget=forms.Textarea(attrs={"rows": 6}))
    key_points = forms.CharField(label=_("Key points (one a line)"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        d = rules.rules("campaign-defaults", timezone.localdate())
        self.fields["name"].initial = d["name"]
        self.fields["stages"].initial = "\n".join(d["stages"])
        self.fields["key_points"].initial = "\n".join(d["key_points"])


class StageForm(forms.Form):
    stage = NamedChoice(queryset=Stage.objects.none(), label=_("Stage"))
    start = _date(_("From"), required=False)
    end = _date(_("To"), required=False)

    def __init__(self, campaign: Campaign, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = campaign.stages.order_by("order")


class FileForm(forms.Form):
    file = forms.FileField(label=_("Evidence (a photo or a PDF)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))


class PublicityForm(forms.Form):
    number = forms.IntegerField(min_value=1, max_value=100_000, label=_("Issue number"))
    published_on = _date(_("Published on"))
    title = forms.CharField(max_length=120, label=_("Title"))
    channel = forms.CharField(max_length=40, label=_("Channel"))
    link = forms.CharField(max_length=300, required=False, label=_("Link"))
    file = forms.FileField(required=False, label=_("Or a file (a photo or a PDF)"))


class GrantForm(forms.Form):
    username = forms.CharField(max_length=150, label=_("User name of the handler"))
    start = _date(_("From"))
    end = _date(_("To"), required=False)


class CaseForm(forms.Form):
    staff_id = forms.CharField(max_length=40, label=_("Staff number of the teacher"))
    received_on = _date(_("Received on"))
    source = forms.ChoiceField(label=_("Source"))
    summary = forms.CharField(max_length=2000, label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, lang: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = rules.choices("case-handling", "sources", timezone.localdate(), lang)


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"))
    on = _date(_("Date"))
    note = forms.CharField(max_length=2000, required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    decision = forms.CharField(max_length=2000, required=False, label=_("Decision (for the decision step)"),
                               widget=forms.Textarea(attrs={"rows": 3}))
    sanction = forms.ChoiceField(required=False, label=_("Sanction (for the decision step)"))

    def __init__(self, lang: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["step"].choices = rules.choices("case-handling", "steps", today, lang)
        self.fields["sanction"].choices = [("", "—"), *rules.choices("case-handling", "sanctions", today, lang)]
