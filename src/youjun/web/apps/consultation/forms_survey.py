"""Forms of the social-recognition survey (every one works without JavaScript)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from youjun.core import survey as rules
from youjun.web.apps.consultation.models import SurveyQuestion

YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def _zh() -> bool:
    return not (get_language() or "zh").startswith("en")


def group_choices() -> list[tuple[str, str]]:
    return [(g, zh if _zh() else en) for g, (zh, en) in rules.GROUP_LABELS.items()]


class SurveyCreateForm(forms.Form):
    district = forms.ChoiceField(label=_("District"))
    school_year = forms.CharField(label=_("School year"), max_length=9,
                                  help_text=_("For example 2025-2026"))
    title = forms.CharField(label=_("Title"), max_length=160)
    population = forms.IntegerField(label=_("Resident population"), min_value=1, max_value=100_000_000,
                                    required=False,
                                    help_text=_("Left empty: the resident population of the district's data "
                                                "for the school year"))

    def __init__(self, *args: Any, districts: list[Any], ask_second: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d.code, d.name) for d in districts]
        if ask_second:  # the district has a survey of the year already: created only when ticked
            self.fields["confirm_second"] = forms.BooleanField(
                label=_("Create a second survey for this school year anyway (only the one finalised first is "
                        "used by the assessment)"), required=False)

    def clean_school_year(self) -> str:
        year = self.cleaned_data["school_year"].strip()
        m = YEAR.match(year)
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            raise forms.ValidationError(_("Write the school year as 2025-2026."))
        return year


class QuestionForm(forms.Form):
    text_zh = forms.CharField(label=_("Question (Chinese)"), max_length=255)
    text_en = forms.CharField(label=_("Question (English)"), max_length=255, required=False)
    groups = forms.MultipleChoiceField(label=_("Asked of"), required=False, widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Leave all unticked to ask every group"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].choices = group_choices()


class InvitationForm(forms.Form):
    fmt = forms.ChoiceField(label=_("Sheet"), choices=[("xlsx", "XLSX"), ("csv", "CSV")], initial="xlsx")

    def __init__(self, *args: Any, plan: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for g, label in group_choices():
            self.fields[f"n_{g}"] = forms.IntegerField(label=label, min_value=0, max_value=5000, required=False,
                                                       initial=plan.get(g, 0))

    def counts(self) -> dict[str, int]:
        return {g: int(self.cleaned_data.get(f"n_{g}") or 0) for g in rules.GROUPS}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(f"n_{g}") for g in rules.GROUPS):
            raise forms.ValidationError(_("Give the number of codes for at least one group."))
        return data


def answer_choices(scale: rules.Answers) -> list[tuple[str, str]]:
    return [(k, scale.labels[k][0] if _zh() else scale.labels[k][1]) for k in scale.keys]


class AnswersForm(forms.Form):
    """One radio list per question; a question left blank is allowed (the service checks the share)."""

    def __init__(self, *args: Any, questions: list[SurveyQuestion], scale: rules.Answers, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")  # a question ends in its own question mark
        super().__init__(*args, **kwargs)
        choices = answer_choices(scale)
        for n, q in enumerate(questions, start=1):
            text = q.text_zh if _zh() or not q.text_en else q.text_en
            if not _zh() and not q.text_en:
                text = f"{text} {gettext('(no English text)')}"
            self.fields[f"q{q.pk}"] = forms.ChoiceField(label=f"{n}. {text}", choices=choices, required=False,
                                                        widget=forms.RadioSelect)

    def answers(self) -> dict[str, str]:
        return {name[1:]: v for name, v in self.cleaned_data.items() if name.startswith("q") and v}


class PaperForm(forms.Form):
    code = forms.CharField(label=_("Code printed on the questionnaire"), max_length=32)
    group = forms.ChoiceField(label=_("Respondent group"))
    spoilt = forms.BooleanField(label=_("Spoilt (cannot be counted)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = group_choices()
