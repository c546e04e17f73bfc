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


def workforce_home(request: Any) -> str | None:
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return None
    scope = scoping.scope_of(user)
    if scope.everything or scope.sees_districts or scope.own_schools or scope.admin_districts:
        return None
    # a class teacher, guardian or pupil was sent to the pupils' "mine" page already: pupils
    # registers its redirect first (platform.extensions asks specific redirects in that order)
    return reverse("workforce:me") if Teacher.objects.filter(user=user).exists() else None


def my_record_nav(request: Any) -> list[tuple[str, str, str]]:
    """“我的教师档案” in every page's navigation for a user linked to a teacher's record."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return []
    if not Teacher.objects.filter(user=user).exists():
        return []
    return [(_("My teacher's record"), reverse("workforce:me"), "nav-my-record")]


def my_roles(request: Any) -> list[tuple[str, str]]:
    """The account page's roles of a teacher: her record at her school and, asked of the pupils
    app by name, the classes she teaches (班主任 or a subject teacher)."""
    own = access.own_teacher(getattr(request, "user", None))
    if own is None:
        return []
    where = own.school.name if own.school else own.district.name
    out = [(_("Teacher at %(school)s (staff number %(n)s)") % {"school": where, "n": own.staff_id},
            reverse("workforce:me"))]
    try:
        model = apps.get_model("pupils", "ClassTeacher")
    except LookupError:
        return out
    for ct in model.objects.filter(user=request.user).select_related("class_group"):
        out.append((f"{ct.class_group} · {ct.get_kind_display()}", ""))
    return out


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
    extensions.register_nav_links(my_record_nav)
    extensions.register_account_roles(my_roles)
