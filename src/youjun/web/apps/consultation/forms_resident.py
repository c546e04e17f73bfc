"""The resident side's forms: a resident account, a concern, a rating and a report. The
choices come from the body's settings (categories in words) and the platform's own names of
the assessment's indicators; each error is said next to its field."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from youjun.core.consultation import FIXED, SATISFACTION
from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Body, Department
from youjun.web.apps.consultation.moderation import REASONS
from youjun.web.apps.platform.models import School, User
from youjun.web.errors import web_problem

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def lang() -> str:
    return "en" if (get_language() or "zh").startswith("en") else "zh"


def _pick(pair: tuple[str, str]) -> str:
    return pair[1] if lang() == "en" else pair[0]


def problem_text(code: str, value: Any = "", **context: Any) -> str:
    """A catalogued problem's message and hint in the page language, for a field's error."""
    p = web_problem(code, value=value, **context)
    return f"{p['message'][lang()]}。{p['hint'][lang()]}" if lang() == "zh" else \
        f"{p['message'][lang()]}. {p['hint'][lang()]}"


def mobile_number(text: str) -> str:
    """A mainland mobile number as typed (full-width digits, spaces, dashes, +86) -> 11 digits,
    or "" when it is not one."""
    digits = re.sub(r"[\s\-()（）]", "", unicodedata.normalize("NFKC", text or ""))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits if MOBILE.match(digits) else ""


# --- the indicators a concern may name: the platform's own codes and names -----------------

def indicator_choices() -> list[tuple[str, str]]:
    """("R5", "R5 生均体育运动场馆面积"), … G1–G15, Q1–Q9, SR: the 2017 method's requirements
    under the names the assessment pages use (``youjun.core.labels``)."""
    out: list[tuple[str, str]] = []
    for key, label in INDICATOR_LABELS.items():
        if key.startswith("r"):
            code = key.split("_", 1)[0].upper()
            out.append((code, f"{code} {_pick((label[0], label[1]))}"))
    for key, pair in ITEM_LABELS.items():
        if key[:1] in ("g", "q") and key[1:].isdigit():
            out.append((key.upper(), f"{key.upper()} {_pick(pair)}"))
    out.append(("SR", f"SR {_pick(ITEM_LABELS['social_recognition'])}"))
    return out


def indicator_name(code: str) -> str:
    return dict(indicator_choices()).get(code or "", code or "")


def category_choices(body: Body) -> list[tuple[str, str]]:
    return [(key, _pick((str(c.get("zh", key)), str(c.get("en", key)))))
            for key, c in services.categories(body).items()]


def category_label(body: Body, key: str) -> str:
    return dict(category_choices(body)).get(key, key)


TOWN_OFFICE_SUFFIXES = ("办事处", "人民政府", "政府")


def town_choices(body: Body) -> list[str]:
    """The towns and streets of the body's own district: those its schools lie in and those its
    town departments (昌元街道办事处, 清升镇人民政府) govern. Never another district's."""
    towns: set[str] = set()
    if body.district_id is not None:
        towns |= {t.strip() for t in School.objects.filter(district_id=body.district_id)
                  .values_list("town", flat=True) if t and t.strip()}
    for name in Department.objects.filter(body=body, kind="town").values_list("name", flat=True):
        for suffix in TOWN_OFFICE_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                towns.add(name[: -len(suffix)])
                break
    return sorted(towns)


def school_choices(body: Body) -> list[tuple[str, str]]:
    if body.district_id is None:
        return []
    return list(School.objects.filter(district_id=body.district_id).order_by("name").values_list("code", "name"))


# --- forms ---------------------------------------------------------------------------------

class RegisterForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150,
                               help_text=_("Letters, digits or Chinese characters; you log in with it."))
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("At least 10 characters, not only digits."))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    phone = forms.CharField(label=_("Mobile phone (optional)"), max_length=20, required=False,
                            help_text=_("Only the committee staff see it, to call you back."),
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    town = forms.CharField(label=_("Town or street where you live"), max_length=64, required=False,
                           widget=forms.TextInput(attrs={"list": "c-towns", "autocomplete": "address-level3"}))

    def clean_username(self) -> str:
        name = unicodedata.normalize("NFKC", self.cleaned_data["username"]).strip()
        if not re.fullmatch(r"[\w.@+-]+", name):
            raise ValidationError(_("Use only letters, digits, Chinese characters and . @ + - _ (no spaces)."))
        if User.objects.filter(username__iexact=name).exists():
            raise ValidationError(_("This user name is taken: choose another."))
        return name

    def clean_phone(self) -> str:
        typed = self.cleaned_data.get("phone", "").strip()
        if not typed:
            return ""
        number = mobile_number(typed)
        if not number:
            raise ValidationError(problem_text("E886", typed))
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                validate_password(p1, User(username=data.get("username", "")))
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class RaiseForm(forms.Form):
    photos_dropped = False  # photos were chosen but the form had a problem: they must be chosen again
    title = forms.CharField(label=_("In one sentence: what is the problem?"), max_length=120)
    text = forms.CharField(label=_("Describe it: where, since when, who is affected"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ChoiceField(label=_("Kind of problem"))
    town = forms.CharField(label=_("Town or street"), max_length=64)
    village = forms.CharField(label=_("Village, community or address (optional)"), max_length=64, required=False)
    school = forms.ChoiceField(label=_("School concerned (optional)"), required=False)
    indicator = forms.ChoiceField(label=_("Related assessment indicator (optional)"), required=False)

    def __init__(self, body: Body, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["category"].choices = [("", _("— choose —")), *category_choices(body)]
        schools = school_choices(body)
        self.fields["school"].choices = [("", _("— none —")), *schools]
        self.fields["indicator"].choices = [("", _("— none —")), *indicator_choices()]
        self.has_schools = bool(schools)

    def clean_school(self) -> School | None:
        code = self.cleaned_data.get("school") or ""
        if not code:
            return None
        found = School.objects.filter(code=code, district_id=self.body.district_id).first()
        if found is None:
            raise ValidationError(problem_text("E887", code))
        return found

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise ValidationError(_("Please say a little more (at least 5 characters)."))
        return text


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("Are you satisfied with the answer?"), widget=forms.RadioSelect)
    fixed = forms.ChoiceField(label=_("Is the problem solved?"), widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["satisfaction"].choices = [(k, _pick(v)) for k, v in SATISFACTION.items()]
        self.fields["fixed"].choices = [(k, _pick(v)) for k, v in FIXED.items()]


def reason_choices() -> list[tuple[str, str]]:
    return [(k, _pick(v)) for k, v in REASONS.items()]


def report_reason(key: str, detail: str) -> str:
    """The stored reason of a report: its words in Chinese (read by the staff), and what was typed."""
    label = REASONS[key][0] if key in REASONS else ""
    detail = " ".join((detail or "").split())[:200]
    return "：".join(x for x in (label, detail) if x)
