"""Reads of school-based courses: a school's groups and courses, the district's catalogue
filtered (theme, tag, grade, school, kind, school year, words of the title), the counts and
hours per theme and per tag, rows in words (teachers' names masked for readers who may not see
them, as ``workforce.access`` masks them)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import formats

from youjun.core import courses as rules
from youjun.web.apps.courses.models import Course, CourseGroup, CourseTag
from youjun.web.apps.platform import reach
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.models import Teacher


def hours_text(value: Any) -> str:
    """Hours as people read them: a decimal only when there is one ("12", "1.5", "1,200")."""
    number = round(float(value or 0), 1)
    return formats.number_format(number, 0 if number.is_integer() else 1, use_l10n=True, force_grouping=True)


def count_text(value: int) -> str:
    return formats.number_format(int(value), 0, use_l10n=True, force_grouping=True)


def active(qs: QuerySet[Course], school_year: str) -> QuerySet[Course]:
    """The courses offered in ``school_year`` (``rules.active_in`` as a query)."""
    return qs.filter(active_from__lte=school_year).filter(Q(active_to="") | Q(active_to__gte=school_year))


def with_details(qs: QuerySet[Course]) -> QuerySet[Course]:
    return qs.select_related("school", "group").prefetch_related(
        Prefetch("tag_rows", queryset=CourseTag.objects.order_by("position")),
        Prefetch("teachers", queryset=Teacher.objects.order_by("staff_id")))


def school_groups(school: School) -> list[CourseGroup]:
    return list(CourseGroup.objects.filter(school=school).annotate(n=Count("courses")).order_by("order", "id"))


def school_courses(school: School) -> QuerySet[Course]:
    return with_details(Course.objects.filter(school=school)).order_by("group__order", "title", "id")


@dataclass(frozen=True)
class Filters:
    theme: str = ""
    tag: str = ""
    grade: int | None = None
    school: str = ""  # school code
    kind: str = ""
    year: str = ""  # school year; "" = every year
    q: str = ""


def district_courses(district: District, f: Filters) -> QuerySet[Course]:
    qs = Course.objects.filter(school__district=district)
    if f.year:
        qs = active(qs, f.year)
    if f.theme:
        qs = qs.filter(theme=f.theme)
    if f.tag:
        qs = qs.filter(tag_rows__tag=f.tag)
    if f.grade is not None:
        qs = qs.filter(grade_from__lte=f.grade, grade_to__gte=f.grade)
    if f.school:
        qs = qs.filter(school__code=f.school)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.q:
        qs = qs.filter(title__icontains=f.q)
    return with_details(qs.distinct()).order_by("school__code", "group__order", "title", "id")


def theme_totals(qs: QuerySet[Course]) -> dict[str, tuple[int, Decimal]]:
    """theme key -> (courses, hours a year) over ``qs``."""
    rows = qs.order_by().values("theme").annotate(n=Count("id", distinct=True), h=Sum("hours_year"))
    return {r["theme"]: (int(r["n"]), Decimal(r["h"] or 0)) for r in rows}


def tag_counts(qs: QuerySet[Course]) -> Counter[str]:
    rows = CourseTag.objects.filter(course__in=qs.order_by().values("pk")).values("tag").annotate(n=Count("course",
                                                                                                        distinct=True))
    return Counter({r["tag"]: int(r["n"]) for r in rows})


def grade_counts(qs: QuerySet[Course], lim: dict[str, Any]) -> list[tuple[int, int]]:
    """Courses per grade: a course of grades 3–5 counts in 3, 4 and 5 (the pk keeps two courses
    of the same span apart on a DISTINCT query)."""
    spans = [(a, b) for _pk, a, b in qs.order_by().values_list("pk", "grade_from", "grade_to")]
    grades = range(int(lim["grade_min"]), int(lim["grade_max"]) + 1)
    return [(g, sum(1 for a, b in spans if a <= g <= b)) for g in grades]


def school_counts(qs: QuerySet[Course]) -> list[dict[str, Any]]:
    return list(qs.order_by().values("school__code", "school__name").annotate(n=Count("id", distinct=True),
                                                                            h=Sum("hours_year"))
                .order_by("-n", "school__code"))


def schools_with_groups(district: District) -> QuerySet[School]:
    return School.objects.filter(district=district, course_groups__isnull=False).distinct()


def name_readers(user: Any, schools: Iterable[School]) -> set[int]:
    """The schools whose teachers' names ``user`` may read in full (those who manage the school)."""
    return {s.pk for s in schools if reach.school_reach(user, s).manages}


@dataclass(frozen=True)
class Shown:
    """A course in the page's language."""

    course: Course
    theme: str
    tags: list[tuple[str, str]]  # (key, words)
    grades: str
    hours: str  # "16 学时/学期"-ready number
    hours_year: str
    kind: str
    terms: str
    years: str
    teachers: list[str]


def shown(course: Course, lang: str, names: bool, today: dt.date) -> Shown:
    theme_words = {t.key: t.shown(lang) for t in rules.themes(today)}
    i = 0 if lang == "zh" else 1
    tags = [(r.tag, rules.tag_words(r.tag, today, lang)) for r in course.tag_rows.all()]
    years = course.active_from + ("–" + course.active_to if course.active_to else ("起" if lang == "zh" else "–"))
    return Shown(course, theme_words.get(course.theme, course.theme), tags,
                 rules.grades_text(course.grade_from, course.grade_to, lang), hours_text(course.hours),
                 hours_text(course.hours_year), rules.KINDS.get(course.kind, ("", ""))[i],
                 rules.TERMS.get(course.terms, ("", ""))[i], years,
                 [t.name if names else mask_name(t.name) for t in course.teachers.all()])
