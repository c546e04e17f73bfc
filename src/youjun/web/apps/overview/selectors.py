"""Reads of the school building works and the district overview's figure layout."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from youjun.web.apps.overview.models import SchoolWork
from youjun.web.apps.platform.models import District, School

# the overview's sections in the order of the page (建设与学位, 教师队伍, 集团化办学, 党建, 职业教育, 课程)
SECTIONS: tuple[tuple[str, str], ...] = (
    ("facilities", "Facilities and seats"), ("workforce", "Teaching workforce"), ("groups", "Group-run schooling"),
    ("party", "Party building"), ("vocational", "Vocational education"), ("courses", "School-based course offer"),
)
# the figures the overview expects of each section, in order: one missing from every provider
# is shown as “暂无记录” (no records), never as 0
EXPECTED: dict[str, tuple[tuple[str, str], ...]] = {
    "facilities": (("schools_built_or_enlarged", "Schools built or enlarged"), ("seats_added", "Seats added"),
                   ("land_added_m2", "Land added"), ("floor_area_added_m2", "Floor area added"),
                   ("teacher_flats", "Teacher flats"), ("construction_investment", "Investment in construction")),
    "workforce": (("teachers", "Teachers"), ("posts_added", "New posts"), ("rotations", "Rotations"),
                  ("studios", "Famous-teacher studios"), ("training_person_times", "Training person-times"),
                  ("qualification_compliance", "Teachers with the required qualification")),
    "groups": (("education_groups", "Education groups"), ("group_coverage", "Coverage of quality resources")),
    "party": (("party_organisations", "School party organisations"), ("party_split_posts", "Schools with split posts"),
              ("party_full_time_deputies", "Organisations with a full-time deputy secretary"),
              ("party_brands", "Party-building brands"), ("party_brand_schools", "Party-building brand schools"),
              ("party_brands_approved_in_period", "Brands approved in the years"),
              ("clean_school_activities", "Clean-school activities"),
              ("ethics_publicity_issues", "Teacher-ethics publicity issues")),
    "vocational": (("vocational_certificate_pilots", "1+X certificate pilots"),
                   ("vocational_apprenticeship_majors", "Apprenticeship majors"),
                   ("vocational_double_qualified_share", "Double-qualified teachers"),
                   ("vocational_new_double_qualified", "New double-qualified teachers"),
                   ("vocational_trainees", "Social trainees")),
    "courses": (("courses_school_based", "School-based courses"),
                ("courses_schools_with_course_groups", "Schools with course groups"),
                ("courses_ethnic_culture", "Ethnic-culture courses")),
}


def works(district: District) -> QuerySet[SchoolWork]:
    return SchoolWork.objects.filter(district=district).select_related("school")


def filtered(district: District, *, first: int | None = None, last: int | None = None,
             kind: str = "", school: str = "") -> QuerySet[SchoolWork]:
    """The district's works completed in [first, last] (either bound optional), of ``kind``."""
    qs = works(district)
    if first is not None:
        qs = qs.filter(completed__year__gte=first)
    if last is not None:
        qs = qs.filter(completed__year__lte=last)
    if kind in SchoolWork.Kind.values:
        qs = qs.filter(kind=kind)
    if school:
        qs = qs.filter(Q(school__code=school) | Q(school__name__icontains=school)
                       | Q(new_school_name__icontains=school))
    return qs.order_by("-completed", "project", "id")


@dataclass(frozen=True)
class Totals:
    works: int
    schools: int  # distinct schools (a register school, or a new school by its name)
    seats: int
    land_m2: int
    floor_m2: int
    flats: int
    investment: Decimal


def totals(district: District, first: int, last: int) -> Totals:
    """The works completed in the calendar years [first, last]."""
    qs = works(district).filter(completed__year__gte=first, completed__year__lte=last)
    agg: dict[str, Any] = qs.aggregate(n=Count("id"), seats=Sum("seats_added"), land=Sum("land_m2"),
                                       floor=Sum("floor_m2"), flats=Sum("teacher_flats"), money=Sum("investment"))
    in_register = set(qs.filter(school__isnull=False).values_list("school_id", flat=True).distinct())
    names = set(qs.filter(school__isnull=True).values_list("new_school_name", flat=True).distinct())
    # a project filed under a free-text name that is a registered school's name is that school
    named = registered_by_name(district, names)
    schools = len(in_register | set(named.values())) + len(names - named.keys())
    return Totals(int(agg["n"] or 0), schools, int(agg["seats"] or 0), int(agg["land"] or 0),
                  int(agg["floor"] or 0), int(agg["flats"] or 0), Decimal(agg["money"] or 0))


def registered_by_name(district: District, names: Iterable[str]) -> dict[str, int]:
    """name -> id of the district's registered school of exactly that name (a name two registered
    schools share names neither)."""
    found: dict[str, list[int]] = {}
    wanted = {n.strip() for n in names if n and n.strip()}
    for pk, name in School.objects.filter(district=district, name__in=wanted).values_list("id", "name"):
        found.setdefault(name, []).append(pk)
    return {name: ids[0] for name, ids in found.items() if len(ids) == 1}


def school_works(school: Any) -> QuerySet[SchoolWork]:
    return SchoolWork.objects.filter(school=school).order_by("-completed", "id")
