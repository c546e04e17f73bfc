"""Forms of the fitness pages: the import upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    school_year = forms.CharField(label=_("School year"), max_length=9,
                                  help_text=_("As 2025-2026: the school year starts on 1 September."))
    file = forms.FileField(label=_("Results in the national upload layout (.xlsx)"))
