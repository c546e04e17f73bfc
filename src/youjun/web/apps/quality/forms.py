"""Forms of the quality app (labels in English msgids, Chinese in django.po)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from youjun.core.quality import GRADES, Named


class RecordForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"))
    kind = forms.ChoiceField(label=_("Kind of record"))
    title = forms.CharField(label=_("Title"), max_length=120)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("What happened"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    hours = forms.CharField(label=_("Hours (volunteer or practice)"), required=False, max_length=8)

    def __init__(self, *args: Any, dimensions: Sequence[Named] = (), kinds: Sequence[tuple[str, str]] = (),
                 lang: str = "zh", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [(d.code, d.label(lang)) for d in dimensions]
        self.fields["kind"].choices = list(kinds)


class GradesForm(forms.Form):
    comment = forms.CharField(label=_("Head teacher's comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, dimensions: Sequence[Named] = (), lang: str = "zh", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for d in dimensions:
            self.fields[d.code] = forms.ChoiceField(label=d.label(lang), required=False,
                                                    choices=[("", "—"), *[(g, g) for g in GRADES]])


class AddendumForm(forms.Form):
    text = forms.CharField(label=_("Addendum"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class SettingsForm(forms.Form):
    selection_cap = forms.IntegerField(label=_("Representative records per dimension and term"), min_value=1,
                                       max_value=30, help_text=_("records (1–30)"))
    publication_days = forms.IntegerField(label=_("Publication window (school days)"), min_value=1, max_value=30,
                                          help_text=_("school days, Monday to Friday (1–30)"))
    grades_per = forms.ChoiceField(label=_("Grades are given"), choices=[("graduation", _("at graduation")),
                                                                         ("term", _("every term"))])
    quota_a = forms.IntegerField(label=_("Most pupils with grade A (% of a school's graduates)"), min_value=1,
                                 max_value=100, help_text=_("% of the school's graduates of the year, per dimension"))

    def values(self) -> dict[str, Any]:
        c = self.cleaned_data
        return {"selection_cap_per_dimension": c["selection_cap"], "publication_days": c["publication_days"],
                "grades_per": c["grades_per"], "quota_pct": {"A": c["quota_a"]}}
