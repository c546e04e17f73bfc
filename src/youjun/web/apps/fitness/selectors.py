"""Reads of the fitness app: statistics of a class, a school and a district (by
``youjun.analytics.fitness_stats`` over the stored year results), a class's pupils, a pupil's
report card, and ``year_summary`` for the comprehensive-quality record (身心健康).

``year_summary(pupil, school_year) -> YearSummary | None``: the pupil's result of the school
year (the retest's when there was one): ``status`` (scored | exempt | incomplete | refused),
``total`` (Decimal, one decimal, or None), ``level`` (excellent | good | pass | fail, or ""),
``level_zh``/``level_en``, ``bmi_category`` (normal | underweight | overweight | obese, or "")
and ``school_year``; None when the pupil has no result that year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from youjun.analytics.fitness_stats import ALL, StatRecord, statistics
from youjun.core.fitness import GraduationScore, ItemScore, Scored, Status, graduation_score
from youjun.web.apps.fitness.models import ImportBatch, Result
from youjun.web.apps.fitness.services import tables
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.pupils.models import ClassGroup, Pupil

GRADUATION_GRADES = (6, 9)


@dataclass(frozen=True)
class YearSummary:
    status: str
    total: Decimal | None
    level: str
    level_zh: str
    level_en: str
    bmi_category: str
    school_year: str


def year_summary(pupil: Pupil, school_year: str) -> YearSummary | None:
    r = Result.objects.filter(pupil=pupil, school_year=school_year, counts=True).first()
    if r is None:
        return None
    zh, en = tables().level_names.get(r.level, ("", ""))
    return YearSummary(r.status, r.total, r.level, zh, en, r.bmi_category, school_year)


# --- statistics -------------------------------------------------------------------------------

def _record(r: Result, class_name: str = "") -> StatRecord:
    """A stored year result as the statistics read it (the columns copied from the core's Scored)."""
    s = Scored(Status(r.status), r.grade, r.sex, total=r.total, level=r.level or None, bmi=r.bmi,
               bmi_category=r.bmi_category or None)
    return StatRecord(s, school=str(r.school_id),
                      class_code=str(r.class_group_id or ""), class_name=class_name,
                      vision_left=r.vision_left, vision_right=r.vision_right)


def _records(results: Iterable[Result], names: dict[int, str]) -> list[StatRecord]:
    return [_record(r, names.get(r.class_group_id or 0, "")) for r in results]


def year_results(**filters: Any) -> Any:
    return Result.objects.filter(counts=True, **filters)


@dataclass
class Stats:
    """The statistics of one scope: ``overall`` (all grades, both sexes), ``by_grade`` (each
    grade: the row for both sexes and one per sex), ``parts`` (each class or school)."""

    overall: dict[str, Any] | None
    by_grade: list[dict[str, Any]]
    parts: list[dict[str, Any]]


def _split(rows: list[dict[str, Any]], scope: str, part_scope: str, part_key: str) -> Stats:
    mine = [r for r in rows if r["scope"] == scope]
    overall = next((r for r in mine if r["grade"] == ALL and r["sex"] == ALL), None)
    by_grade = [r for r in mine if r["grade"] != ALL]
    by_grade += [r for r in mine if r["grade"] == ALL and r["sex"] != ALL]
    parts = [r for r in rows if r["scope"] == part_scope and r["sex"] == ALL
             and (r["grade"] == ALL or part_scope == "class")]
    return Stats(overall, by_grade, sorted(parts, key=lambda r: r[part_key]))


def school_stats(school: School, school_year: str) -> Stats:
    names = {c.pk: str(c) for c in ClassGroup.objects.filter(school=school, school_year=school_year)}
    rows = statistics(_records(year_results(school=school, school_year=school_year), names), tables())
    out = _split(rows, "school", "class", "class_code")
    order = {str(c.pk): (c.grade, c.number) for c in ClassGroup.objects.filter(school=school, school_year=school_year)}
    out.parts = sorted(out.parts, key=lambda r: order.get(r["class_code"], (99, 99)))
    for r in out.parts:
        r["pk"] = r["class_code"]
    return out


def class_stats(class_group: ClassGroup) -> Stats:
    rows = statistics(_records(year_results(class_group=class_group), {class_group.pk: str(class_group)}), tables())
    mine = [r for r in rows if r["scope"] == "class"]
    # a class is one grade: its overall row is the grade's row for both sexes
    overall = next((r for r in mine if r["sex"] == ALL), None)
    return Stats(overall, mine, [])


@dataclass
class DistrictStats(Stats):
    """A district's statistics over the schools with imported results, and the schools without."""

    schools: int = 0  # the district's schools
    untested: list[School] = field(default_factory=list)  # no result of the year: 未测, never 0%

    @property
    def tested(self) -> int:
        return self.schools - len(self.untested)


def district_stats(district: District, school_year: str) -> DistrictStats:
    schools = {str(s.pk): s for s in School.objects.filter(district=district).order_by("code")}
    rows = statistics(_records(year_results(school__district=district, school_year=school_year), {}), tables())
    out = _split(rows, "district", "school", "school")
    for r in out.parts:
        s = schools.get(r["school"])
        r["school_code"], r["school_name"] = (s.code, s.name) if s else ("", "")
    tested = {r["school"] for r in out.parts}
    return DistrictStats(out.overall, out.by_grade, sorted(out.parts, key=lambda r: r["school_code"]),
                         schools=len(schools), untested=[s for k, s in schools.items() if k not in tested])


def district_coverage(district: District, school_year: str) -> tuple[int, int]:
    """(schools with results of the year, the district's schools)."""
    tested = Result.objects.filter(school__district=district, school_year=school_year, counts=True) \
        .values("school_id").distinct().count()
    return tested, School.objects.filter(district=district).count()


def years_of_school(school: School) -> list[str]:
    return sorted(set(Result.objects.filter(school=school).values_list("school_year", flat=True)), reverse=True)


def years_of_district(district: District) -> list[str]:
    return sorted(set(Result.objects.filter(school__district=district).values_list("school_year", flat=True)),
                  reverse=True)


def last_import(school: School, school_year: str) -> ImportBatch | None:
    return (ImportBatch.objects.filter(school=school, school_year=school_year, state=ImportBatch.State.CONFIRMED)
            .select_related("confirmed_by").first())


# --- pupils -----------------------------------------------------------------------------------

def weakest(s: Scored, n: int = 1) -> list[ItemScore]:
    """The item(s) with the lowest score (BMI apart: it is a body measure, not an exercise)."""
    items = sorted((i for i in s.items if i.key != "bmi"), key=lambda i: (i.score, -i.weight))
    return items[:n]


@dataclass
class PupilLine:
    pupil: Pupil
    result: Result | None
    scored: Scored | None
    weakest: ItemScore | None


def class_pupils(class_group: ClassGroup) -> list[PupilLine]:
    pupils = Pupil.objects.filter(enrolments__class_group=class_group).order_by("student_id")
    results = {r.pupil_id: r for r in year_results(school_year=class_group.school_year, pupil__in=pupils)}
    out = []
    for p in pupils:
        r = results.get(p.pk)
        s = r.core() if r is not None else None
        w = weakest(s) if s is not None and s.status is Status.SCORED else []
        out.append(PupilLine(p, r, s, w[0] if w else None))
    return out


@dataclass
class Card:
    result: Result
    scored: Scored
    first: Scored | None  # the first test when the year's result is a retest
    previous: list[Result]
    graduation: GraduationScore | None
    weakest: list[ItemScore]


def pupil_years(pupil: Pupil) -> list[str]:
    return sorted(set(Result.objects.filter(pupil=pupil, counts=True).values_list("school_year", flat=True)),
                  reverse=True)


def report_card(pupil: Pupil, school_year: str) -> Card | None:
    result = year_results(pupil=pupil, school_year=school_year).select_related("class_group", "school").first()
    if result is None:
        return None
    scored = result.core()
    first = result.retest_of.core() if result.retest and result.retest_of is not None else None
    previous = list(year_results(pupil=pupil, school_year__lt=school_year).order_by("-school_year"))
    graduation = None
    if scored.grade in GRADUATION_GRADES and scored.status in (Status.SCORED, Status.EXEMPT):
        band = range(1, 7) if scored.grade == 6 else range(7, 10)
        others = [r.core() for r in previous if r.grade in band]
        graduation = graduation_score(scored, others, tables())
    w = [i for i in weakest(scored, 2) if i.score < 80] if scored.status is Status.SCORED else []
    return Card(result, scored, first, previous, graduation, w)
