"""Forms of differentiated evaluation (the round, the feedback and plan, the decision); the track
editor and the rating form are read field by field in the views, since their rows follow the
track's criteria."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def lang() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "zh"


class RoundForm(forms.Form):
    school_year = forms.CharField(label=_("School year"), max_length=9)
    term = forms.ChoiceField(label=_("Term"), choices=(("1", _("First term")), ("2", _("Second term"))))
    title = forms.CharField(label=_("Title"), max_length=80, required=False)


class FeedbackForm(forms.Form):
    strengths = forms.CharField(label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    growth_areas = forms.CharField(label=_("Areas to grow"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    plan_goals = forms.CharField(label=_("Plan: goals"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    plan_actions = forms.CharField(label=_("Plan: actions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    plan_support = forms.CharField(label=_("Plan: support given"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    review_on = forms.DateField(label=_("Review date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=())
    note = forms.CharField(label=_("Note"), max_length=400, required=False)

    def __init__(self, *args: Any, decisions: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        i = 1 if lang() == "en" else 0
        self.fields["decision"].choices = [(k, v[i]) for k, v in decisions.items()]
