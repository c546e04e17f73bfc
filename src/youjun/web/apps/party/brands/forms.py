"""Forms of the party-building brands (the school's application, the bureau's review and scores)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from youjun.core import party_brands as rules
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.evidence_files import megabytes

EVIDENCE_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"


def _kbd(*kinds: str) -> list[SafeString]:
    """File types as a person picks them by name (codes, not prose: shown in <kbd>)."""
    return [format_html("<kbd>{}</kbd>", k) for k in kinds]


def _fill(words: str, **parts: Any) -> SafeString:
    """``words`` (a translation with %(name)s places) with ``parts`` put in, all escaped."""
    return mark_safe(conditional_escape(words) % {k: conditional_escape(v) for k, v in parts.items()})


def emblem_help() -> SafeString:
    """The emblem's limits (rules/party_brands/files.yaml) said beside the field, before the upload."""
    lim = rules.file_limits(timezone.localdate())
    png, jpeg = _kbd("PNG", "JPEG")
    return _fill(gettext("%(png)s or %(jpeg)s only, at most %(mb)s and %(mp)s megapixels; it is stored with "
                         "its longest side at %(side)s pixels, without the photo's metadata."),
                 png=png, jpeg=jpeg, mb=megabytes(int(lim["emblem_max_bytes"])),
                 mp=f"{int(lim['emblem_max_pixels']) / 1_000_000:,.0f}", side=f"{int(lim['emblem_longest_side']):,}")


def evidence_help() -> SafeString:
    """The evidence files' kinds and limits, said beside the field."""
    lim = rules.file_limits(timezone.localdate())
    jpeg, png, webp = _kbd("JPEG", "PNG", "WebP")
    return _fill(gettext("A photo (%(jpeg)s, %(png)s or %(webp)s, at most %(img)s) or a PDF (at most %(pdf)s)."),
                 jpeg=jpeg, png=png, webp=webp, img=megabytes(int(lim["image_max_bytes"])),
                 pdf=megabytes(int(lim["pdf_max_bytes"])))


class BrandForm(forms.Form):
    name = forms.CharField(max_length=40, label=_("Brand name"))
    meaning = forms.CharField(max_length=2000, label=_("Meaning of the brand"),
                              widget=forms.Textarea(attrs={"rows": 5}))
    emblem = forms.FileField(required=False, label=_("Emblem (PNG or JPEG)"),
                             widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["emblem"].help_text = emblem_help()


class NewBrandForm(BrandForm):
    """The first application: the brand and, optionally, its first supporting file."""

    evidence = forms.FileField(required=False, label=_("Supporting file (photo or PDF)"),
                               widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = format_html(
            "{} {}", evidence_help(), gettext("More files can be added on the brand's page before it is submitted."))


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Supporting file (photo or PDF)"),
                           widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = evidence_help()


class StepForm(forms.Form):
    action = forms.CharField(max_length=16, widget=forms.HiddenInput)
    comment = forms.CharField(max_length=500, required=False, label=_("Comment"),
                              widget=forms.Textarea(attrs={"rows": 2}))


class ScoreForm(forms.Form):
    """One score and note per criterion in force, the overall note and the decision date."""

    decided_on = forms.DateField(label=_("Decided on"), initial=timezone.localdate,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(max_length=500, required=False, label=_("Acceptance note"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        zh = lang_code() == "zh"
        top = rules.max_score(today)
        self.criteria = rules.criteria(today)
        for c in self.criteria:
            name = c.zh if zh else c.en
            self.fields[f"score_{c.key}"] = forms.CharField(
                max_length=8, label=f"{name}（{c.weight:,.0f}%）" if zh else f"{name} ({c.weight:,.0f}%)",
                help_text=c.description_zh if zh else c.description_en,
                widget=forms.NumberInput(attrs={"min": 0, "max": int(top), "step": "0.1"}))
            self.fields[f"note_{c.key}"] = forms.CharField(max_length=200, required=False,
                                                           label=_("Note on %(name)s") % {"name": name})
        self.order_fields([*(f"{p}_{c.key}" for c in self.criteria for p in ("score", "note")), "note", "decided_on"])

    def scores(self) -> dict[str, str]:
        return {c.key: self.cleaned_data.get(f"score_{c.key}", "") for c in self.criteria}

    def notes(self) -> dict[str, str]:
        return {c.key: self.cleaned_data.get(f"note_{c.key}", "") for c in self.criteria}


class WithdrawForm(forms.Form):
    reason = forms.CharField(max_length=500, label=_("Reason for the withdrawal"))
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), initial=timezone.localdate,
                                   widget=forms.DateInput(attrs={"type": "date"}))
