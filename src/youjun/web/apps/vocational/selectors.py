"""Reads of the vocational centre: who reaches a centre, its summary figures (computed by the pure
``youjun.core.vocational``) and the district's figures over calendar years."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet, Sum

from youjun.core import vocational as core
from youjun.web.apps.platform import reach
from youjun.web.apps.platform.models import District
from youjun.web.apps.vocational.models import (
    Centre,
    CertificatePilot,
    Major,
    PilotResult,
    Recognition,
    Training,
    VocTeacher,
)


def centre_reach(user: Any, centre: Centre) -> reach.Reach:
    """The district's reach, or the linked school's data officer's (sees and manages)."""
    r = reach.district_reach(user, centre.district)
    if r.sees:
        return r
    if centre.school_id and centre.school_id in reach.own_school_ids(user, centre.district):
        return reach.Reach(sees=True, manages=True)
    return reach.Reach()


def centres(district: District) -> QuerySet[Centre]:
    return Centre.objects.filter(district=district).select_related("school").order_by("name")


def year_end(year: int, today: dt.date) -> dt.date:
    """The last day of ``year``, or today when that is sooner (a stock as at the end of a year)."""
    return min(dt.date(year, 12, 31), today)


def spans(teachers: QuerySet[VocTeacher]) -> list[core.TeacherSpan]:
    recs: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for tid, on, ends in Recognition.objects.filter(teacher__in=teachers).values_list(
            "teacher_id", "recognised_on", "expires"):
        recs[tid].append((on, ends))
    return [core.TeacherSpan(t.full_time, t.joined, t.left, tuple(recs.get(t.pk, ())))
            for t in teachers.only("pk", "full_time", "joined", "left")]


def share(teachers: QuerySet[VocTeacher], day: dt.date) -> core.Share:
    return core.double_qualified_share(spans(teachers), day)


def in_force(day: dt.date) -> Q:
    """Recognitions in force on ``day``."""
    return Q(recognised_on__lte=day) & (Q(expires__isnull=True) | Q(expires__gte=day))


def recognised_ids(teachers: QuerySet[VocTeacher], day: dt.date) -> set[int]:
    return set(Recognition.objects.filter(in_force(day), teacher__in=teachers).values_list("teacher_id", flat=True))


def new_by_year(teachers: QuerySet[VocTeacher]) -> dict[int, int]:
    """Teachers whose first recognition falls in each year."""
    firsts: dict[int, dt.date] = {}
    for tid, on in Recognition.objects.filter(teacher__in=teachers).values_list("teacher_id", "recognised_on"):
        firsts[tid] = min(on, firsts.get(tid, on))
    out: dict[int, int] = defaultdict(int)
    for on in firsts.values():
        out[on.year] += 1
    return dict(out)


def running(major_or_pilot_from: int, to: int | None, year: int) -> bool:
    return major_or_pilot_from <= year and (to is None or to >= year)


def pilots_at(majors: QuerySet[Major], year: int) -> list[CertificatePilot]:
    """The 1+X certificate pilots running in ``year`` in majors running then."""
    out = []
    for p in CertificatePilot.objects.filter(major__in=majors).select_related("major"):
        if running(p.from_year, p.to_year, year) and running(p.major.started, p.major.stopped, year):
            out.append(p)
    return out


def pilot_majors_at(majors: QuerySet[Major], year: int) -> set[int]:
    return {p.major_id for p in pilots_at(majors, year)}


def apprenticeship_majors_at(majors: QuerySet[Major], year: int) -> list[Major]:
    return [m for m in majors.exclude(apprenticeship_partner="")
            if m.apprenticeship_from is not None and m.apprenticeship_from <= year
            and running(m.started, m.stopped, year)]


def trainees_by_year(trainings: QuerySet[Training]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for row in trainings.values("year").annotate(trainees=Sum("trainees"), hours=Sum("hours")).order_by("-year"):
        out[row["year"]] = {"trainees": row["trainees"] or 0, "hours": row["hours"] or 0}
    return out


def results_by_pilot(pilots: list[CertificatePilot]) -> dict[int, list[PilotResult]]:
    out: dict[int, list[PilotResult]] = defaultdict(list)
    for r in PilotResult.objects.filter(pilot__in=pilots).order_by("year"):
        out[r.pilot_id].append(r)
    return out


def teacher_ids(teachers: QuerySet[VocTeacher], status: str, day: dt.date) -> set[int]:
    """The teachers of a list filter on ``day``, read by the same pure functions as the share:
    ``staff`` is its denominator (full-time, in post), ``dq`` its numerator (of those, with a
    recognition in force), ``part_time`` and ``not_in_post`` the rest."""
    recs: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for tid, on, ends in Recognition.objects.filter(teacher__in=teachers).values_list(
            "teacher_id", "recognised_on", "expires"):
        recs[tid].append((on, ends))
    out = set()
    for t in teachers.only("pk", "full_time", "joined", "left"):
        span = core.TeacherSpan(t.full_time, t.joined, t.left, tuple(recs.get(t.pk, ())))
        staff = span.full_time and core.in_post(span, day)
        if ((status == "staff" and staff) or (status == "dq" and staff and core.recognised_on(span, day))
                or (status == "part_time" and not span.full_time)
                or (status == "not_in_post" and not core.in_post(span, day))):
            out.add(t.pk)
    return out
