"""Forms of running a body: a new body, people and their roles, departments, studios, the roster
upload and the body's settings. They only read what was typed; ``services_bodies`` decides
whether it may be written (and says why not, E930–E939)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.consultation import services, services_bodies
from youjun.web.apps.consultation.models import Body, Department, Participant, Studio
from youjun.web.apps.platform.models import District


def _en() -> bool:
    return (get_language() or "zh").startswith("en")


class BodyForm(forms.Form):
    code = forms.CharField(label=_("Code (in web addresses: lower-case letters, digits and hyphens)"), max_length=32)
    name = forms.CharField(label=_("Name of the committee"), max_length=64)
    number_prefix = forms.CharField(label=_("Prefix of item numbers (e.g. RC)"), max_length=8)
    region = forms.CharField(label=_("Region, for a body outside the platform's districts"), max_length=64,
                             required=False)
    district = forms.ModelChoiceField(label=_("District held on this platform (optional)"),
                                      queryset=District.objects.order_by("code"), required=False)


class AddPersonForm(forms.Form):
    kind = forms.ChoiceField(label=_("Role"), choices=Participant.Kind.choices)
    username = forms.CharField(label=_("User name of an existing account"), max_length=150, required=False)
    new_username = forms.CharField(label=_("Or a new account: user name"), max_length=64, required=False)
    full_name = forms.CharField(label=_("Full name (for a new account)"), max_length=64, required=False)
    department = forms.ModelChoiceField(label=_("Department (for a department handler)"),
                                        queryset=Department.objects.none(), required=False)
    sector = forms.CharField(label=_("Sector (members)"), max_length=64, required=False)
    studio = forms.ModelChoiceField(label=_("Member studio (members)"), queryset=Studio.objects.none(),
                                    required=False)
    neighbourhood = forms.CharField(label=_("Town or street they are sent to (members)"), max_length=128,
                                    required=False)
    phone = forms.CharField(label=_("Mobile phone (optional)"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "type": "tel"}))

    def __init__(self, body: Body, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(body=body, active=True)
        self.fields["studio"].queryset = Studio.objects.filter(body=body, active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("username") or "").strip() and not (data.get("new_username") or "").strip():
            raise forms.ValidationError(_("Give the user name of an existing account, or a new user name and the "
                                          "full name."))
        return data


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=64, required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    sector = forms.CharField(label=_("Sector"), max_length=64, required=False)
    studio = forms.ModelChoiceField(label=_("Member studio"), queryset=Studio.objects.none(), required=False)
    neighbourhood = forms.CharField(label=_("Town or street they are sent to"), max_length=128, required=False)
    phone = forms.CharField(label=_("New mobile phone (leave empty to keep the one on file)"), max_length=20,
                            required=False, widget=forms.TextInput(attrs={"inputmode": "tel", "type": "tel"}))
    digest = forms.BooleanField(label=_("Send the daily digest by e-mail"), required=False)

    def __init__(self, participant: Participant, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = participant.body
        self.fields["department"].queryset = Department.objects.filter(body=body)
        self.fields["studio"].queryset = Studio.objects.filter(body=body)
        if participant.kind != Participant.Kind.DEPARTMENT:
            del self.fields["department"]
        if participant.kind != Participant.Kind.MEMBER:
            for name in ("sector", "studio", "neighbourhood"):
                del self.fields[name]
        if not services_bodies.may_rename(participant.user):
            del self.fields["full_name"]


def kind_choices() -> list[tuple[str, str]]:
    lang = "en" if _en() else "zh"
    return [("", "—"), *((k, services_bodies.kind_label(k, lang)) for k in services_bodies.KINDS)]


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=128)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()


class StudioForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=128)
    theme = forms.CharField(label=_("Theme"), max_length=128, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))


class SettingsForm(forms.Form):
    """The categories' days, a new category, and the numbers of ``services_bodies.NUMBERS``."""

    new_zh = forms.CharField(label=_("New category: Chinese name"), max_length=32, required=False)
    new_en = forms.CharField(label=_("New category: English name"), max_length=64, required=False)
    new_days = forms.CharField(label=_("New category: days to handle"), max_length=8, required=False,
                               widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def __init__(self, body: Body, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = services.body_settings(body)
        en = _en()
        self.category_fields: list[str] = []
        for key, entry in (current["sla"].get("categories") or {}).items():
            name = f"days__{key}"
            label = str(entry.get("en") if en else entry.get("zh")) or key
            self.fields[name] = forms.CharField(label=label, max_length=8, initial=entry.get("days"),
                                                widget=forms.TextInput(attrs={"inputmode": "numeric"}))
            self.category_fields.append(name)
        labels = services_bodies.number_labels()
        self.number_fields: list[str] = []
        for section, key, least, most in services_bodies.NUMBERS:
            zh, en_label, unit_zh, unit_en = labels[key]
            label = (f"{en_label} ({unit_en}, {least:,}–{most:,})" if en
                     else f"{zh}（{unit_zh}，{least:,}–{most:,}）")
            self.fields[key] = forms.CharField(label=label, max_length=16, initial=current[section].get(key),
                                               widget=forms.TextInput(attrs={"inputmode": "numeric"}))
            self.number_fields.append(key)
        self.order_fields([*self.category_fields, "new_zh", "new_en", "new_days", *self.number_fields])

    def category_rows(self) -> list[forms.BoundField]:
        return [self[n] for n in self.category_fields]

    def new_rows(self) -> list[forms.BoundField]:
        return [self[n] for n in ("new_zh", "new_en", "new_days")]

    def number_rows(self) -> list[forms.BoundField]:
        return [self[n] for n in self.number_fields]
