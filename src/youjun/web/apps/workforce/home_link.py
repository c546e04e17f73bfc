"""Teachers' records on the platform's pages: the home page sends a user whose only role is a
teacher's record to their own record, and a school's page shows its teachers' counts."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions, scoping
from youjun.web.apps.workforce import access, selectors
from youjun.web.apps.workforce.models import Teacher


def _has_pupils_role(user: Any) -> bool:
    """A class teacher, guardian or pupil: the pupils' "mine" page is theirs (asked by name, so the
    workforce does not import the pupils app)."""
    for model_name in ("ClassTeacher", "Guardian", "Pupil"):
        try:
            model = apps.get_model("pupils", model_name)
        except LookupError:
            continue
        if model.objects.filter(user=user).exists():
            return True
    return False


def workforce_home(request: Any) -> str | None:
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return None
    scope = scoping.scope_of(user)
    if scope.everything or scope.sees_districts or scope.own_schools or scope.admin_districts:
        return None
    if not Teacher.objects.filter(user=user).exists() or _has_pupils_role(user):
        return None
    return reverse("workforce:me")


def workforce_panel(request: Any, school: Any) -> extensions.Panel | None:
    if not access.school_reach(request.user, school).sees:
        return None
    today = timezone.localdate()
    return extensions.Panel("workforce", "workforce/_school_panel.html", {
        "school": school, "counts": selectors.counts(Teacher.objects.filter(school=school), today),
        "title": _("Teachers"),
    })


def register() -> None:
    extensions.register_home_redirect(workforce_home, specific=True)
    extensions.register_school_panel(workforce_panel)
