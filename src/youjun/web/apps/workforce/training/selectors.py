"""Reads of the training ledger: each teacher's cycle (hours by type, shortfall, days left) for
a teacher, a school or a district; the bureau's funded spend per year; the five-year hours the
assessment's G9 reads when the district uses the ledger; and the dashboard's figures
(``hours_distribution``, ``person_times``: W7 calls them by these names).

Hours are summed in the database (one grouped query per list); the arithmetic is
``youjun.core.workforce_training``. Only passed attendance counts towards a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from youjun.core import workforce_training as core
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.training.models import Attendance, Course, LedgerSetting, TrainingSession


@lru_cache(maxsize=8)
def rules(as_of: dt.date | None = None) -> core.CycleRules:
    return core.load_rules(as_of or dt.date.today())


def current_cycle(today: dt.date) -> core.Cycle:
    return rules(today).cycle_of(today)


def uses_ledger(district: District) -> bool:
    return LedgerSetting.objects.filter(district=district, use_for_g9=True).exists()


def hours_by_teacher(attendance: QuerySet[Attendance], start: dt.date, end: dt.date) -> dict[int, dict[str, float]]:
    """teacher pk -> hour type -> passed hours with the session ending in [start, end]."""
    out: dict[int, dict[str, float]] = defaultdict(dict)
    for teacher_id, hour_type, hours in (attendance.filter(passed=True, day__gte=start, day__lte=end)
                                         .values_list("teacher_id", "hour_type").annotate(h=Sum("hours"))
                                         .values_list("teacher_id", "hour_type", "h")):
        out[teacher_id][hour_type] = float(hours or 0)
    return out


@dataclass(frozen=True)
class CycleRow:
    teacher_id: int
    staff_id: str
    name: str
    school_code: str
    school_name: str
    standing: core.Standing


def cycle_rows(teachers: QuerySet[Teacher], cycle: core.Cycle, today: dt.date) -> list[CycleRow]:
    """Every teacher of ``teachers`` in ``cycle``, the most hours short first (then by number)."""
    r = rules(today)
    hours = hours_by_teacher(Attendance.objects.filter(teacher__in=teachers), cycle.start, cycle.end)
    rows = [CycleRow(pk, staff_id, name, code or "", school_name or "",
                     core.standing(hours.get(pk, {}), r, cycle, today))
            for pk, staff_id, name, code, school_name in teachers.values_list(
                "pk", "staff_id", "name", "school__code", "school__name")]
    rows.sort(key=lambda row: (-row.standing.short, row.staff_id))
    return rows


def teacher_standing(teacher: Teacher, cycle: core.Cycle, today: dt.date) -> core.Standing:
    hours = hours_by_teacher(Attendance.objects.filter(teacher=teacher), cycle.start, cycle.end)
    return core.standing(hours.get(teacher.pk, {}), rules(today), cycle, today)


def teacher_attendance(teacher: Teacher, limit: int = 200) -> list[Attendance]:
    return list(Attendance.objects.filter(teacher=teacher).select_related("session__course", "session__host_school")
                .order_by("-day", "-id")[:limit])


def summary(rows: Iterable[CycleRow]) -> dict[str, Any]:
    rows = list(rows)
    short = [r for r in rows if not r.standing.done]
    return {"teachers": len(rows), "short": len(short), "done": len(rows) - len(short),
            "hours_short": round(sum(r.standing.short for r in short), 1)}


def district_teachers(district: District) -> QuerySet[Teacher]:
    return Teacher.objects.filter(district=district, active=True)


def school_teachers(school: School) -> QuerySet[Teacher]:
    return Teacher.objects.filter(school=school, active=True)


def district_courses(district: District) -> QuerySet[Course]:
    return (Course.objects.filter(district=district).select_related("school")
            .annotate(n_sessions=Count("sessions", distinct=True)).order_by("-year", "name", "id"))


def school_courses(school: School) -> QuerySet[Course]:
    return (Course.objects.filter(school=school).annotate(n_sessions=Count("sessions", distinct=True))
            .order_by("-year", "name", "id"))


def course_sessions(course: Course) -> QuerySet[TrainingSession]:
    return (course.sessions.select_related("host_school")
            .annotate(n=Count("attendance"), n_passed=Count("attendance", filter=Q(attendance__passed=True))))


def session_attendance(session: TrainingSession) -> QuerySet[Attendance]:
    return session.attendance.select_related("teacher__school").order_by("teacher__staff_id")


def spend_by_year(district: District) -> list[dict[str, Any]]:
    """The bureau's funded training per budget year: the sum of funded courses' costs, the
    person-times and the teachers trained at those courses, and the spend per teacher trained."""
    spend = {y: (float(s or 0), n) for y, s, n in (
        Course.objects.filter(district=district, funded=True).values_list("year")
        .annotate(s=Sum("cost_yuan"), n=Count("id")).values_list("year", "s", "n"))}
    trained = dict(Attendance.objects.filter(session__course__district=district, session__course__funded=True)
                   .values_list("session__course__year").annotate(n=Count("teacher", distinct=True))
                   .values_list("session__course__year", "n"))
    times = dict(Attendance.objects.filter(session__course__district=district, session__course__funded=True)
                 .values_list("session__course__year").annotate(n=Count("id"))
                 .values_list("session__course__year", "n"))
    return [{"year": y, "spend": spend[y][0], "courses": spend[y][1], "teachers": trained.get(y, 0),
             "person_times": times.get(y, 0), "per_teacher": core.per_teacher(spend[y][0], trained.get(y, 0))}
            for y in sorted(spend, reverse=True)]


def hours_distribution(district: District, cycle_start_year: int) -> list[dict[str, Any]]:
    """The district's active teachers by the hours that count in the cycle starting in
    ``cycle_start_year``: one dict per band (lower bound ``low``, words ``zh``/``en``, ``teachers``)."""
    r = rules(dt.date.today())
    cycle = r.cycle_starting(cycle_start_year)
    teachers = district_teachers(district)
    hours = hours_by_teacher(Attendance.objects.filter(teacher__in=teachers), cycle.start, cycle.end)
    counts = [0] * len(r.bands)
    for pk in teachers.values_list("pk", flat=True):
        counts[core.band_of(core.counted_hours(hours.get(pk, {}), r.caps), r.bands)] += 1
    return [{"band": i, "low": low, "zh": words[0], "en": words[1], "teachers": counts[i]}
            for i, (low, words) in enumerate(zip(r.bands, core.band_labels(r.bands), strict=True))]


def person_times(district: District, year: int) -> int:
    """Training person-times of the district's teachers at sessions ending in ``year``."""
    return Attendance.objects.filter(teacher__district=district, day__year=year).count()


def ledger_hours_5y(district: District, school_year: str) -> dict[str, float]:
    """staff number -> the hours that count (passed, LOCAL caps applied) in the five years up to
    the end of ``school_year``, for every teacher record of the district (0 when none)."""
    start, end = core.rolling_window(school_year)
    r = rules(end)
    hours = hours_by_teacher(Attendance.objects.filter(teacher__district=district), start, end)
    return {staff_id: core.counted_hours(hours.get(pk, {}), r.caps)
            for pk, staff_id in Teacher.objects.filter(district=district).values_list("pk", "staff_id")}
