"""Reads about pupils and classes (scope is checked by the caller through ``access``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from youjun.web.apps.platform.models import School
from youjun.web.apps.pupils.models import ClassGroup, Enrolment, Pupil


def years_of(school: School) -> list[str]:
    """School years with classes, newest first."""
    return sorted(set(ClassGroup.objects.filter(school=school).values_list("school_year", flat=True)), reverse=True)


@dataclass(frozen=True)
class ClassRow:
    c: ClassGroup
    pupils: int
    boys: int
    girls: int
    head: str


def class_rows(school: School, school_year: str) -> list[ClassRow]:
    rows = (ClassGroup.objects.filter(school=school, school_year=school_year)
            .annotate(n=Count("enrolments"), boys=Count("enrolments", filter=Q(enrolments__pupil__sex="male")),
                      girls=Count("enrolments", filter=Q(enrolments__pupil__sex="female")))
            .prefetch_related("teachers__user").order_by("grade", "number"))
    out = []
    for c in rows:
        heads = [str(t.user) for t in c.teachers.all() if t.kind == "head"]
        out.append(ClassRow(c, c.n, c.boys, c.girls, "、".join(heads)))
    return out


def pupils_of_class(class_group: ClassGroup) -> list[Pupil]:
    return [e.pupil for e in Enrolment.objects.filter(class_group=class_group).select_related("pupil")
            .order_by("pupil__student_id")]


def current_class(pupil: Pupil) -> ClassGroup | None:
    """The pupil's class of the latest school year they are enrolled in."""
    row = (Enrolment.objects.filter(pupil=pupil).select_related("class_group").order_by("-school_year").first())
    return row.class_group if row else None
