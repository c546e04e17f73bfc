"""Writes about teachers' career records; every one audited, each in one transaction.

``upsert_teachers`` is how every import (the district workbook's teachers table, an HR
spreadsheet) creates and updates teachers. An upload is hostile: a row naming a school outside
the district, or a teacher of another district, is refused; nothing is written unless every row
is acceptable (``check_teachers`` lists every problem first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from youjun.core import schema
from youjun.core.errors import Location
from youjun.core.workforce_career import find_id_card, mask_id
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Assignment, Honour, KeyTeacherAward, Qualification, Teacher, TitleAward
from youjun.web.errors import Refused, refuse, web_problem

__all__ = ["Refused", "TeacherRow", "UpsertResult", "check_teachers", "refuse", "rotate", "upsert_teachers"]

_CODES = {
    "section": {c.code for c in schema.SECTIONS},
    "subject": {c.code for c in schema.SUBJECTS},
    "qualification": {c.code for c in schema.QUALIFICATIONS},
    "title": {c.code for c in schema.TITLES},
    "key_tier": {c.code for c in schema.KEY_TEACHER_TIERS},
    "key_level": {c.code for c in schema.AWARD_LEVELS},
}


@dataclass(frozen=True)
class TeacherRow:
    """One teacher of an import, already read into the workbook's codes by its reader."""

    staff_id: str
    school_code: str
    name: str = ""
    sex: str = ""
    birth_year: int | None = None
    started_teaching: int | None = None
    section: str = ""
    subject: str = ""
    qualification: str = ""
    title: str = ""
    key_tier: str = ""  # "" or "none": no tier
    key_level: str = ""
    has_certificate: bool = True
    pe_art_specialist: bool = False
    on_establishment: bool = True
    years_at_school: int | None = None  # a new teacher's assignment starts that many years ago
    rotated_from: str = ""  # the school code a rotation came from (this school year)
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    moved: int  # teachers whose school changed (a new assignment opened)
    teachers: dict[str, Teacher]


def school_year_start(as_of: dt.date) -> dt.date:
    """1 September of the school year that ``as_of`` falls in."""
    return dt.date(as_of.year if as_of.month >= 9 else as_of.year - 1, 9, 1)


def check_teachers(district: District, rows: Sequence[TeacherRow]) -> list[dict[str, Any]]:
    """Every problem of ``rows`` for ``district``, before anything is written."""
    problems: list[dict[str, Any]] = []
    schools = set(School.objects.filter(district=district).values_list("code", flat=True))
    seen: dict[str, Location] = {}
    for row in rows:
        if row.staff_id in seen:
            problems.append(web_problem("E1151", value=row.staff_id, rule="workforce.staff_id",
                                        location=row.location, first_row=seen[row.staff_id].row or ""))
        else:
            seen[row.staff_id] = row.location
        if row.school_code not in schools:
            # the school is refused by content, whatever page the upload came through
            problems.append(web_problem("E1150", value=row.school_code, rule="workforce.school",
                                        location=row.location, district=district.name))
        for key, codes in _CODES.items():
            value = getattr(row, key)
            if value and value not in codes:
                problems.append(web_problem("E1152", value=value, rule=f"workforce.{key}", location=row.location))
        if row.rotated_from and row.rotated_from not in schools:
            problems.append(web_problem("E1150", value=row.rotated_from, rule="workforce.rotated_from",
                                        location=row.location, district=district.name))
    return problems


def upsert_teachers(actor: User | None, district: District, rows: Sequence[TeacherRow], *,
                    as_of: dt.date, source: str = "") -> UpsertResult:
    """Create or update the district's teachers from ``rows`` as of the date ``as_of``.

    A teacher whose school changed gets a new assignment from the start of the school year (a
    rotation when ``rotated_from`` is given, a transfer otherwise); a qualification, title or
    key-teacher tier not yet on record is added as held from that date. Refused (E1150–E1152)
    before anything is written."""
    problems = check_teachers(district, rows)
    if problems:
        raise Refused(problems)
    start = school_year_start(as_of)
    schools = {s.code: s for s in School.objects.filter(district=district)}
    created = updated = moved = 0
    out: dict[str, Teacher] = {}
    with transaction.atomic():
        existing = {t.staff_id: t for t in Teacher.objects.select_for_update()
                    .filter(district=district, staff_id__in=[r.staff_id for r in rows])}
        for row in rows:
            school = schools[row.school_code]
            teacher = existing.get(row.staff_id)
            is_new = teacher is None
            if teacher is None:
                teacher = Teacher(district=district, staff_id=row.staff_id)
            for attr in ("name", "sex", "birth_year", "started_teaching", "section", "subject",
                         "has_certificate", "pe_art_specialist", "on_establishment"):
                value = getattr(row, attr)
                if value not in ("", None) or attr in ("has_certificate", "pe_art_specialist", "on_establishment"):
                    setattr(teacher, attr, value)
            teacher.active = True
            previous = teacher.school_id
            teacher.school = school
            teacher.save()
            out[row.staff_id] = teacher
            if is_new:
                created += 1
                years = row.years_at_school or 0
                began = dt.date(start.year - years, 9, 1)
                if row.rotated_from:
                    Assignment.objects.create(teacher=teacher, school=school, kind=Assignment.Kind.ROTATION,
                                              from_school=schools[row.rotated_from], start=start)
                else:
                    Assignment.objects.create(teacher=teacher, school=school, start=began)
            else:
                updated += 1
                if previous != school.pk:
                    moved += 1
                    _move(teacher, school, start, schools.get(row.rotated_from) if row.rotated_from else None)
            _career_facts(teacher, row, start)
        audit.record(actor, "workforce_teachers_import", district, district=district,
                     after={"source": source, "as_of": as_of, "created": created, "updated": updated,
                            "moved": moved, "rows": len(rows)})
    return UpsertResult(created, updated, moved, out)


def _move(teacher: Teacher, school: School, start: dt.date, rotated_from: School | None) -> None:
    current = teacher.assignments.filter(end__isnull=True).order_by("-start").first()
    if current is not None:
        current.end = start - dt.timedelta(days=1)
        current.save(update_fields=["end"])
    kind = Assignment.Kind.ROTATION if rotated_from is not None else Assignment.Kind.TRANSFER
    Assignment.objects.create(teacher=teacher, school=school, kind=kind,
                              from_school=rotated_from or (current.school if current else None), start=start)


def _career_facts(teacher: Teacher, row: TeacherRow, start: dt.date) -> None:
    """Add the qualification, title and key tier a row states when they are not on record yet."""
    if row.qualification and not teacher.qualifications.filter(level=row.qualification).exists():
        Qualification.objects.create(teacher=teacher, level=row.qualification)
    if row.title and row.title != "none":
        latest = teacher.titles.order_by("-awarded_on", "-id").first()
        if latest is None or latest.title != row.title:
            TitleAward.objects.create(teacher=teacher, title=row.title, awarded_on=start)
    if row.key_tier and row.key_tier != "none" and row.key_level:
        held = teacher.key_awards.filter(tier=row.key_tier, level=row.key_level, end__isnull=True).exists()
        if not held:
            KeyTeacherAward.objects.create(teacher=teacher, tier=row.key_tier, level=row.key_level, start=start)


def rotate(actor: User | None, teacher: Teacher, to_school: School, *, start: dt.date, note: str = "") -> Assignment:
    """Record a rotation (交流轮岗) of ``teacher`` to ``to_school`` from ``start``."""
    if to_school.district_id != teacher.district_id:
        raise refuse("E1150", value=to_school.code, rule="workforce.school", district=teacher.district.name)
    with transaction.atomic():
        locked = Teacher.objects.select_for_update().get(pk=teacher.pk)
        current = locked.assignments.filter(end__isnull=True).order_by("-start").first()
        if current is not None and current.school_id == to_school.pk:
            raise refuse("E1153", value=to_school.name, rule="workforce.rotation")
        if current is not None:
            if start <= current.start:
                raise refuse("E1154", value=start.isoformat(), rule="workforce.rotation",
                             since=current.start.isoformat())
            current.end = start - dt.timedelta(days=1)
            current.save(update_fields=["end"])
        assignment = Assignment.objects.create(teacher=locked, school=to_school, kind=Assignment.Kind.ROTATION,
                                               from_school=current.school if current else None, start=start,
                                               note=note[:200])
        locked.school = to_school
        locked.save(update_fields=["school", "updated_at"])
        audit.record(actor, "workforce_rotation", locked, school=to_school,
                     before={"school": current.school.code if current else None},
                     after={"school": to_school.code, "start": start})
    teacher.refresh_from_db()
    return assignment


# --- the bureau's forms: one teacher, one career fact at a time ---------------------------------

TEACHER_FIELDS = ("name", "sex", "birth_year", "started_teaching", "section", "subject", "on_establishment",
                  "has_certificate", "pe_art_specialist", "active")


def _snapshot(teacher: Teacher) -> dict[str, Any]:
    return {f: getattr(teacher, f) for f in TEACHER_FIELDS}


def add_teacher(actor: User | None, district: District, *, staff_id: str, school: School, start: dt.date,
                **fields: Any) -> Teacher:
    """A new teacher of ``district`` at ``school`` from ``start`` (an appointment). Refused when
    the staff number is an ID-card number (E1155), already used (E1163) or the school is of
    another district (E1150)."""
    staff_id = staff_id.strip()
    if find_id_card(staff_id):
        raise refuse("E1155", value=mask_id(staff_id), rule="workforce.staff_id", where="教师编号",
                     where_en="The teacher number")
    if school.district_id != district.pk:
        raise refuse("E1150", value=school.code, rule="workforce.school", district=district.name)
    with transaction.atomic():
        if Teacher.objects.filter(district=district, staff_id=staff_id).exists():
            raise refuse("E1163", value=staff_id, rule="workforce.staff_id")
        teacher = Teacher(district=district, staff_id=staff_id, school=school)
        for key in TEACHER_FIELDS:
            if key in fields:
                setattr(teacher, key, fields[key])
        teacher.save()
        Assignment.objects.create(teacher=teacher, school=school, start=start)
        audit.record(actor, "workforce_teacher_add", teacher, district=district, school=school,
                     after={"staff_id": staff_id, "school": school.code, "start": start, **_snapshot(teacher)})
    return teacher


def edit_teacher(actor: User | None, teacher: Teacher, **fields: Any) -> Teacher:
    """Change a teacher's details (not the school: a move is a rotation or a transfer)."""
    with transaction.atomic():
        locked = Teacher.objects.select_for_update().get(pk=teacher.pk)
        before = _snapshot(locked)
        for key in TEACHER_FIELDS:
            if key in fields:
                setattr(locked, key, fields[key])
        locked.save()
        after = _snapshot(locked)
        changed = {k: v for k, v in after.items() if before[k] != v}
        audit.record(actor, "workforce_teacher_edit", locked, district=locked.district, school=locked.school,
                     before={k: before[k] for k in changed}, after=changed)
    teacher.refresh_from_db()
    return teacher


def _check_code(kind: str, value: str) -> None:
    if value not in _CODES[kind]:
        raise refuse("E1152", value=value, rule=f"workforce.{kind}")


def add_qualification(actor: User | None, teacher: Teacher, *, level: str, major: str = "", institution: str = "",
                      awarded_on: dt.date | None = None) -> Qualification:
    _check_code("qualification", level)
    with transaction.atomic():
        row = Qualification.objects.create(teacher=teacher, level=level, major=major[:64],
                                           institution=institution[:128], awarded_on=awarded_on)
        audit.record(actor, "workforce_qualification_add", row, district=teacher.district, school=teacher.school,
                     object_repr=teacher.staff_id,
                     after={"teacher": teacher.staff_id, "level": level, "major": major, "awarded_on": awarded_on})
    return row


def add_title(actor: User | None, teacher: Teacher, *, title: str, awarded_on: dt.date) -> TitleAward:
    _check_code("title", title)
    with transaction.atomic():
        row = TitleAward.objects.create(teacher=teacher, title=title, awarded_on=awarded_on)
        audit.record(actor, "workforce_title_add", row, district=teacher.district, school=teacher.school,
                     object_repr=teacher.staff_id,
                     after={"teacher": teacher.staff_id, "title": title, "awarded_on": awarded_on})
    return row


def add_key_award(actor: User | None, teacher: Teacher, *, tier: str, level: str, start: dt.date,
                  end: dt.date | None = None) -> KeyTeacherAward:
    _check_code("key_tier", tier)
    _check_code("key_level", level)
    if tier == "none":
        raise refuse("E1152", value=tier, rule="workforce.key_tier")
    if end is not None and end < start:
        raise refuse("E1162", value=end.isoformat(), rule="workforce.key_term", since=start.isoformat())
    with transaction.atomic():
        row = KeyTeacherAward.objects.create(teacher=teacher, tier=tier, level=level, start=start, end=end)
        audit.record(actor, "workforce_key_award_add", row, district=teacher.district, school=teacher.school,
                     object_repr=teacher.staff_id,
                     after={"teacher": teacher.staff_id, "tier": tier, "level": level, "start": start, "end": end})
    return row


def end_key_award(actor: User | None, award: KeyTeacherAward, *, end: dt.date) -> KeyTeacherAward:
    """End a key-teacher term on ``end`` (reviewed, not renewed)."""
    if end < award.start:
        raise refuse("E1162", value=end.isoformat(), rule="workforce.key_term", since=award.start.isoformat())
    with transaction.atomic():
        before = award.end
        award.end = end
        award.save(update_fields=["end"])
        teacher = award.teacher
        audit.record(actor, "workforce_key_award_end", award, district=teacher.district, school=teacher.school,
                     object_repr=teacher.staff_id, before={"end": before}, after={"end": end})
    return award


def add_honour(actor: User | None, teacher: Teacher, *, kind: str, name: str, level: str, awarded_on: dt.date,
               prize: str = "", evidence: Any = None) -> Honour:
    """An honour or a contest result; ``evidence`` an ``Evidence`` already stored for the teacher."""
    _check_code("key_level", level)
    if kind not in Honour.Kind.values:
        raise refuse("E1152", value=kind, rule="workforce.honour_kind")
    with transaction.atomic():
        row = Honour.objects.create(teacher=teacher, kind=kind, name=name[:128], level=level, prize=prize[:32],
                                    awarded_on=awarded_on, evidence=evidence)
        audit.record(actor, "workforce_honour_add", row, district=teacher.district, school=teacher.school,
                     object_repr=teacher.staff_id,
                     after={"teacher": teacher.staff_id, "kind": kind, "name": name, "level": level, "prize": prize,
                            "awarded_on": awarded_on, "evidence": evidence.pk if evidence is not None else None})
    return row
