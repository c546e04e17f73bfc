"""Forms of the data officer's pages: the roster upload, a class's teachers, leaving, transfer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.pupils.models import ClassTeacher


class RosterUploadForm(forms.Form):
    school_year = forms.ChoiceField(label=_("School year"), choices=(),
                                    help_text=_("The school year starts on 1 September."))
    file = forms.FileField(label=_("Filled-in roster (.xlsx)"))

    def __init__(self, *args: Any, years: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = [(y, y) for y in years]


class TeacherForm(forms.Form):
    """Link a teacher: an existing account (its user name) or a new one (full name and user name)."""

    how = forms.ChoiceField(label=_("Account"), choices=(("new", _("Create a new account")),
                                                          ("existing", _("Link an existing account"))),
                            initial="new", widget=forms.RadioSelect)
    full_name = forms.CharField(label=_("Teacher's full name"), max_length=64, required=False)
    username = forms.CharField(label=_("User name"), max_length=64)
    kind = forms.ChoiceField(label=_("Role in the class"), choices=ClassTeacher.Kind.choices,
                             initial=ClassTeacher.Kind.SUBJECT)
    subject = forms.CharField(label=_("Subject"), max_length=32, required=False,
                              help_text=_("Required for a subject teacher, e.g. 数学."))


class LeaveForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=(("graduated", _("graduated")),
                                                           ("transferred_out", _("transferred out")),
                                                           ("other", _("other"))))


class TransferForm(forms.Form):
    to_school = forms.ChoiceField(label=_("Move to school"), choices=())

    def __init__(self, *args: object, schools: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_school"].choices = schools
