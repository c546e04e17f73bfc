"""Who may see and change what about pupils: the one place the evaluation apps ask.

- the school's staff: the platform admin, the district bureau (read and write), the district's
  analysts and inspectors (read only), the school's data officer (read and write);
- a class's teachers (head or subject) see the class and its pupils of that year, and write
  what teachers write (check-in reviews, confirmations);
- a guardian sees their own pupil(s); a pupil sees themselves.

Anything out of reach is 404 (never 403: no probing); a write someone may see but not do is 403.
Personal identifiers (学籍号) are shown in full only to those who manage the school.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from youjun.core.school_year import school_year_of  # noqa: F401  (the evaluation apps ask pupils.access)
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.models import School
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Enrolment, Guardian, Pupil


@dataclass(frozen=True)
class SchoolReach:
    """What a user may do over one school."""

    sees: bool = False  # its pupils, classes and records
    manages: bool = False  # writes as the school (data officer, bureau, admin)
    bureau: bool = False  # writes as the bureau over it (review, district settings)

    @property
    def read_only(self) -> bool:
        return self.sees and not self.manages


def school_reach(user: Any, school: School) -> SchoolReach:
    scope = scoping.scope_of(user)
    if not scope.is_authenticated:
        return SchoolReach()
    if scope.everything:
        return SchoolReach(True, True, True)
    bureau = school.district_id in scope.admin_districts
    sees_district = school.district_id in scope.districts or school.district.province_id in scope.provinces
    officer = school.pk in scope.own_schools
    return SchoolReach(sees=bureau or sees_district or officer, manages=bureau or officer, bureau=bureau)


def sees_personal_id(user: Any, school: School) -> bool:
    """Full 学籍号 only for those who manage the school's data."""
    return school_reach(user, school).manages


def mask_student_id(value: str) -> str:
    """学籍号 shown as its first 4 and last 3 characters: G500…123."""
    if len(value) <= 7:
        return value[:1] + "*" * max(len(value) - 1, 0)
    return f"{value[:4]}{'*' * (len(value) - 7)}{value[-3:]}"


def student_id_for(user: Any, pupil: Pupil) -> str:
    return pupil.student_id if sees_personal_id(user, pupil.school) else mask_student_id(pupil.student_id)


# -- schools -----------------------------------------------------------------------------------

def school_or_404(user: Any, code: str) -> School:
    """A school the user sees as staff (not as a teacher or a parent)."""
    school = School.objects.select_related("district").filter(code=code).first()
    if school is None or not school_reach(user, school).sees:
        raise Http404("school")
    return school


# -- classes -----------------------------------------------------------------------------------

def teaches(user: Any, class_group: ClassGroup, *, head_only: bool = False) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    rows = ClassTeacher.objects.filter(user=user, class_group=class_group)
    if head_only:
        rows = rows.filter(kind=ClassTeacher.Kind.HEAD)
    return rows.exists()


def classes_taught(user: Any) -> QuerySet[ClassGroup]:
    if not getattr(user, "is_authenticated", False):
        return ClassGroup.objects.none()
    return ClassGroup.objects.filter(teachers__user=user).select_related("school").distinct()


def sees_class(user: Any, class_group: ClassGroup) -> bool:
    return school_reach(user, class_group.school).sees or teaches(user, class_group)


def class_or_404(user: Any, pk: int | str) -> ClassGroup:
    class_group = ClassGroup.objects.select_related("school__district").filter(pk=pk).first()
    if class_group is None or not sees_class(user, class_group):
        raise Http404("class")
    return class_group


# -- pupils ------------------------------------------------------------------------------------

def is_guardian(user: Any, pupil: Pupil) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and Guardian.objects.filter(user=user, pupil=pupil).exists()


def is_self(user: Any, pupil: Pupil) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and pupil.user_id == user.pk


def teaches_pupil(user: Any, pupil: Pupil, school_year: str | None = None) -> bool:
    """A teacher of one of the pupil's classes (of ``school_year``, or of any year)."""
    if not getattr(user, "is_authenticated", False):
        return False
    rows = Enrolment.objects.filter(pupil=pupil, class_group__teachers__user=user)
    if school_year:
        rows = rows.filter(school_year=school_year)
    return rows.exists()


def sees_pupil(user: Any, pupil: Pupil) -> bool:
    return (school_reach(user, pupil.school).sees or teaches_pupil(user, pupil)
            or is_guardian(user, pupil) or is_self(user, pupil))


def pupil_or_404(user: Any, pk: int | str) -> Pupil:
    pupil = Pupil.objects.select_related("school__district").filter(pk=pk).first()
    if pupil is None or not sees_pupil(user, pupil):
        raise Http404("pupil")
    return pupil


def family_pupils(user: Any) -> QuerySet[Pupil]:
    """The pupils a user sees as a guardian or as the pupil."""
    if not getattr(user, "is_authenticated", False):
        return Pupil.objects.none()
    return Pupil.objects.filter(Q(guardians__user=user) | Q(user=user)).select_related("school").distinct()


def visible_pupils(user: Any, school: School) -> QuerySet[Pupil]:
    """A school's pupils the user may list: all for staff, their classes' for teachers."""
    if school_reach(user, school).sees:
        return Pupil.objects.filter(school=school)
    return Pupil.objects.filter(school=school, enrolments__class_group__teachers__user=user).distinct()


def has_family_or_class_role(user: Any) -> bool:
    """A teacher, guardian or pupil: someone the evaluation apps have pages for."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (ClassTeacher.objects.filter(user=user).exists() or Guardian.objects.filter(user=user).exists()
            or Pupil.objects.filter(user=user).exists())
