"""Who may see and change what about teachers: the one place every workforce part asks.

- the district bureau (district_admin) sees and writes every teacher of its district;
- the district's analysts and the province's inspectors read, with names masked;
- a school's data officer sees the teachers who work at the school now (not those who left),
  with names, and writes the school's own records (school-based training, evidence);
- a teacher (a ``Teacher`` linked to their account) sees their own record and writes what is
  theirs to write (self-evaluation, evidence for a promotion, a rating they were asked for);
- the platform administrator sees and writes everything.

Anything out of reach is 404 (never 403: no probing); seen but not allowed is 403. Names are
personal data: shown only to those who manage the teacher's school and to the teacher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.workforce.models import Teacher


@dataclass(frozen=True)
class Reach:
    """What a user may do over a district's or a school's teachers."""

    sees: bool = False  # the records (names masked unless ``names``)
    names: bool = False  # names in full
    manages: bool = False  # writes as the school (its data officer) or above
    bureau: bool = False  # writes as the district bureau (career records, reviews, settings)


def district_reach(user: Any, district: District) -> Reach:
    scope = scoping.scope_of(user)
    if not scope.is_authenticated:
        return Reach()
    if scope.everything:
        return Reach(True, True, True, True)
    if district.pk in scope.admin_districts:
        return Reach(True, True, True, True)
    if district.pk in scope.districts or district.province_id in scope.provinces:
        return Reach(sees=True)
    return Reach()


def school_reach(user: Any, school: School) -> Reach:
    """Over the teachers working at ``school`` now."""
    reach = district_reach(user, school.district)
    if reach.sees:
        return reach
    if school.pk in scoping.scope_of(user).own_schools:
        return Reach(sees=True, names=True, manages=True)
    return Reach()


def is_self(user: Any, teacher: Teacher) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and teacher.user_id == user.pk


def teacher_reach(user: Any, teacher: Teacher) -> Reach:
    """Over one teacher: the district's reach, their current school's, or their own (read)."""
    reach = district_reach(user, teacher.district)
    if reach.sees:
        return reach
    if teacher.school is not None and teacher.school_id in scoping.scope_of(user).own_schools:
        return Reach(sees=True, names=True, manages=True)
    if is_self(user, teacher):
        return Reach(sees=True, names=True)
    return Reach()


def teacher_or_404(user: Any, pk: int | str) -> Teacher:
    teacher = Teacher.objects.select_related("district__province", "school").filter(pk=pk).first()
    if teacher is None or not teacher_reach(user, teacher).sees:
        raise Http404("teacher")
    return teacher


def district_or_404(user: Any, code: str) -> District:
    district = District.objects.select_related("province").filter(code=code).first()
    if district is None or not district_reach(user, district).sees:
        raise Http404("district")
    return district


def school_or_404(user: Any, code: str) -> School:
    school = School.objects.select_related("district__province").filter(code=code).first()
    if school is None or not school_reach(user, school).sees:
        raise Http404("school")
    return school


def visible_teachers(user: Any, district: District) -> QuerySet[Teacher]:
    """The district's teachers the user may list: all for the district's readers, the own
    schools' for a data officer, themself for a teacher."""
    teachers = Teacher.objects.filter(district=district)
    if district_reach(user, district).sees:
        return teachers
    scope = scoping.scope_of(user)
    if scope.own_schools:
        return teachers.filter(school_id__in=scope.own_schools)
    if getattr(user, "is_authenticated", False):
        return teachers.filter(user=user)
    return teachers.none()


def own_teacher(user: Any) -> Teacher | None:
    """The teacher record linked to the signed-in account, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Teacher.objects.select_related("district", "school").filter(user=user).first()


def mask_name(name: str) -> str:
    """A name shown to readers who may not see it: the family name and stars (王**)."""
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""


def name_for(user: Any, teacher: Teacher, reach: Reach | None = None) -> str:
    reach = reach if reach is not None else teacher_reach(user, teacher)
    return teacher.name if reach.names else mask_name(teacher.name)
