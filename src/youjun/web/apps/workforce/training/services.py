"""Writes of the training ledger; every one audited, each in one transaction.

Who may write what is decided by the views (``workforce.access``); these functions check what
the data must satisfy whoever writes: the level of a school's own course, the dates and hours
of a session, the attendees of a school-based session. A session's attendance from a sheet
replaces what the session had (``replace_attendance``): importing the same session again never
counts a teacher twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.training.models import Attendance, Course, LedgerSetting, Level, TrainingSession
from youjun.web.errors import Refused, refuse

__all__ = ["AttendanceRow", "Refused", "add_session", "create_course", "record_attendance", "replace_attendance",
           "set_ledger_for_g9"]

MAX_SESSION_HOURS = Decimal("500")
BUREAU_LEVELS = (Level.NATIONAL, Level.MUNICIPAL, Level.DISTRICT, Level.AREA)


@dataclass(frozen=True)
class AttendanceRow:
    teacher_id: int
    hours: Decimal
    passed: bool


def _decimal(value: Any) -> Decimal | None:
    try:
        out = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return out if out.is_finite() else None


def create_course(actor: User | None, district: District, *, name: str, level: str, hour_type: str,
                  organiser: str = "", funded: bool = False, cost_yuan: Any = 0, year: int,
                  school: School | None = None) -> Course:
    """A course of the district (``school`` None: the bureau's, national to area) or a school's own
    school-based training (``school`` set, level ``school``)."""
    name = " ".join((name or "").split())

    def no(zh: str, en: str) -> Refused:
        return refuse("E1180", value=name, rule="workforce_training.course", detail=(zh, en))

    if not name or len(name) > 120:
        raise no("名称须为 1–120 个字", "the name must be 1 to 120 characters")
    if level not in Level.values or hour_type not in ("onsite", "online", "school_based"):
        raise no("级别或学时类型不在列表中", "the level or the hour type is not one of the list")
    if school is not None and (school.district_id != district.pk or level != Level.SCHOOL):
        raise no("学校只能登记本校的校级项目", "a school records only its own school-level courses")
    if school is None and level == Level.SCHOOL:
        raise no("校级项目须指明学校", "a school-level course needs its school")
    cost = _decimal(cost_yuan if cost_yuan not in (None, "") else 0)
    if cost is None or cost < 0 or cost > Decimal("1e9"):
        raise no("费用须为不小于 0 的元数", "the cost must be a number of yuan, 0 or more")
    if not 2000 <= int(year) <= 2100:
        raise no("预算年度不对", "the budget year is not plausible")
    with transaction.atomic():
        course = Course.objects.create(district=district, school=school, name=name, level=level,
                                       organiser=(organiser or "").strip()[:120], hour_type=hour_type,
                                       funded=bool(funded), cost_yuan=cost.quantize(Decimal("0.01")),
                                       year=int(year), created_by=actor if actor and actor.pk else None)
        audit.record(actor, "workforce_training_course", course, district=district, school=school,
                     after={"name": name, "training_level": level, "hour_type": hour_type, "funded": bool(funded),
                            "cost_yuan": str(course.cost_yuan), "budget_year": str(int(year))})
    return course


def add_session(actor: User | None, course: Course, *, start: dt.date, end: dt.date, hours: Any,
                place: str = "", host_school: School | None = None) -> TrainingSession:
    h = _decimal(hours)

    def no(zh: str, en: str) -> Refused:
        return refuse("E1181", value=course.name, rule="workforce_training.session", detail=(zh, en))

    if end < start:
        raise no("结束日期早于开始日期", "the end is before the start")
    if h is None or h <= 0 or h > MAX_SESSION_HOURS:
        raise no("学时须大于 0 且不超过 500", "the hours must be above 0 and at most 500")
    if host_school is not None and host_school.district_id != course.district_id:
        raise no("承办学校不是本区县的学校", "the host school is not one of the district's")
    if course.school_id is not None:
        host_school = course.school
    with transaction.atomic():
        session = TrainingSession.objects.create(course=course, start=start, end=end,
                                                 hours=h.quantize(Decimal("0.1")), place=(place or "").strip()[:120],
                                                 host_school=host_school)
        audit.record(actor, "workforce_training_session", session, district=course.district, school=course.school,
                     after={"name": course.name, "first_day": start, "last_day": end, "hours": str(session.hours)})
    return session


def _check_attendee(session: TrainingSession, teacher: Teacher) -> None:
    course = session.course
    if teacher.district_id != course.district_id:
        raise refuse("E1172", value=teacher.staff_id, rule="workforce_training.attendance")
    if course.school_id is not None and teacher.school_id != course.school_id:
        raise refuse("E1177", value=teacher.staff_id, rule="workforce_training.attendance",
                     detail=(course.school.name if course.school else "", course.school.code if course.school else ""))


def record_attendance(actor: User | None, session: TrainingSession, teacher: Teacher, *, hours: Any = None,
                      passed: bool = True) -> Attendance:
    """One teacher's attendance at ``session`` (a second entry for the same teacher replaces it)."""
    h = session.hours if hours in (None, "") else _decimal(hours)
    if h is None or h <= 0 or h > session.hours:
        raise refuse("E1174", value=str(hours), rule="workforce_training.attendance", limit=str(session.hours))
    _check_attendee(session, teacher)
    with transaction.atomic():
        row, _created = Attendance.objects.update_or_create(
            session=session, teacher=teacher,
            defaults={"hours": h.quantize(Decimal("0.1")), "passed": bool(passed), "day": session.end,
                      "hour_type": session.course.hour_type})
        audit.record(actor, "workforce_training_attend", session, district=session.course.district,
                     school=session.course.school,
                     after={"staff_id": teacher.staff_id, "hours": str(row.hours), "passed": row.passed})
    return row


@dataclass(frozen=True)
class ReplaceResult:
    before: int
    after: int


def replace_attendance(actor: User | None, session: TrainingSession, rows: Sequence[AttendanceRow], *,
                       filename: str = "") -> ReplaceResult:
    """The session's attendance becomes exactly ``rows`` (checked by the import): the rows it had
    are deleted and the new ones bulk-inserted in one transaction, so importing the same session
    twice leaves one row per teacher."""
    course = session.course
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        before = Attendance.objects.filter(session=locked).count()
        Attendance.objects.filter(session=locked).delete()
        Attendance.objects.bulk_create(
            [Attendance(session=locked, teacher_id=r.teacher_id, hours=r.hours, passed=r.passed, day=locked.end,
                        hour_type=course.hour_type) for r in rows], batch_size=2_000)
        audit.record(actor, "workforce_training_import", locked, district=course.district, school=course.school,
                     before={"rows": before},
                     after={"rows": len(rows), "count": sum(1 for r in rows if r.passed), "file": filename[:120]})
    return ReplaceResult(before, len(rows))


def set_ledger_for_g9(actor: User | None, district: District, on: bool) -> LedgerSetting:
    with transaction.atomic():
        setting, _ = LedgerSetting.objects.select_for_update().get_or_create(district=district)
        was = setting.use_for_g9
        setting.use_for_g9 = bool(on)
        setting.updated_by = actor if actor and actor.pk else None
        setting.save()
        audit.record(actor, "workforce_training_settings", district, district=district,
                     before={"use_for_g9": was}, after={"use_for_g9": bool(on)})
    return setting
