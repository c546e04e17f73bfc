"""Forms of the growth ladder (labels in English msgids, Chinese in django.po)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from youjun.core import workforce_growth as core

ROWS = 4  # items one application brings (more: a second application after this one is decided)


def _choices(table: dict[str, tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    return [(code, en if lang == "en" else zh) for code, (zh, en) in table.items()]


class ApplicationForm(forms.Form):
    """The application: a statement and up to ``ROWS`` items, each with its evidence file."""

    statement = forms.CharField(label=_("Statement"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, lang: str = "zh", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [("", "—"), *[(k, v) for k, v in _choices(core.KINDS, lang) if k in core.ITEM_KINDS]]
        for i in range(ROWS):
            self.fields[f"kind_{i}"] = forms.ChoiceField(label=_("Kind"), choices=kinds, required=False)
            self.fields[f"title_{i}"] = forms.CharField(label=_("What it was"), max_length=120, required=False)
            self.fields[f"day_{i}"] = forms.DateField(label=_("Date"), required=False,
                                                      widget=forms.DateInput(attrs={"type": "date"}))
            self.fields[f"level_{i}"] = forms.ChoiceField(label=_("Contest level"), required=False,
                                                          choices=[("", "—"), *_choices(core.LEVELS, lang)])
            self.fields[f"prize_{i}"] = forms.ChoiceField(label=_("Prize"), required=False,
                                                          choices=[("", "—"), *_choices(core.PRIZES, lang)])
            self.fields[f"file_{i}"] = forms.FileField(label=_("Evidence (PDF or image)"), required=False)
        # asked when the ladder's requirements are not met even with the items claimed
        self.fields["confirm_missing"] = forms.BooleanField(
            label=_("I know the requirements above are not all met yet, and send the application anyway."),
            required=False)

    def rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"{name}_{i}"] for name in ("kind", "title", "day", "level", "prize", "file")]
                for i in range(ROWS)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for i in range(ROWS):
            if data.get(f"title_{i}") or data.get(f"kind_{i}"):
                if not data.get(f"kind_{i}"):
                    self.add_error(f"kind_{i}", _("Choose the kind."))
                if not data.get(f"title_{i}"):
                    self.add_error(f"title_{i}", _("Say what it was."))
                if not data.get(f"day_{i}"):
                    self.add_error(f"day_{i}", _("Give the date."))
        return data


class DecisionForm(forms.Form):
    agree = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                              choices=[("yes", _("Agree")), ("no", _("Disagree"))])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}))


class PanelForm(forms.Form):
    """The panel chosen by name from the district's staff and teacher accounts."""

    usernames = forms.MultipleChoiceField(
        label=_("Panel members"), required=False, widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold <kbd>Ctrl</kbd> (<kbd>⌘</kbd> on a Mac) to choose several. "
                    "The list holds the district's staff accounts and its teachers who have an account."))

    def __init__(self, *args: Any, candidates: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["usernames"].choices = candidates or []


class LadderForm(forms.Form):
    data = forms.CharField(label=_("Ladder (YAML)"), widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
                           max_length=20000)
