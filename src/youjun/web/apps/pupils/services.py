"""Writes about pupils, classes, teachers and guardians; every one audited.

``upsert_roster`` is how every import (a roster, a fitness workbook) creates and updates pupils
and classes. An upload is hostile: a row naming a pupil already registered at another school is
refused, never moved (a transfer is an explicit step), and nothing is written unless every row
is acceptable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from youjun.core.errors import Location
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Enrolment, Guardian, Pupil, Sex
from youjun.web.errors import Refused, refuse, web_problem  # the evaluation apps import Refused, refuse from here

GRADES = range(1, 10)


@dataclass(frozen=True)
class RosterRow:
    """One pupil of an import, already checked for format by its reader."""

    student_id: str
    name: str
    sex: str  # Sex value
    grade: int
    class_number: int
    class_name: str = ""
    birth_date: date | None = None
    ethnic_code: str = ""
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class RosterResult:
    created: int
    updated: int
    classes_created: int
    pupils: dict[str, Pupil]  # student_id -> pupil


def check_roster(school: School, rows: Sequence[RosterRow]) -> list[dict[str, Any]]:
    """Every problem of a roster against what is stored, before anything is written."""
    problems: list[dict[str, Any]] = []
    seen: dict[str, Location] = {}
    for row in rows:
        if row.student_id in seen:
            problems.append(web_problem("E1001", value=row.student_id, rule="pupils.student_id",
                                        location=row.location, first_row=seen[row.student_id].row or ""))
        else:
            seen[row.student_id] = row.location
        if row.grade not in GRADES:
            problems.append(web_problem("E1002", value=row.grade, rule="pupils.grade", location=row.location))
        if row.sex not in Sex.values:
            problems.append(web_problem("E1003", value=row.sex, rule="pupils.sex", location=row.location))
    elsewhere = (Pupil.objects.filter(student_id__in=list(seen)).exclude(school=school)
                 .values_list("student_id", flat=True))
    for student_id in sorted(elsewhere):
        # Never name the other school: the uploader may not be allowed to know where the pupil is.
        problems.append(web_problem("E1000", value=student_id, rule="pupils.school", location=seen[student_id]))
    return problems


@transaction.atomic
def upsert_roster(school: School, school_year: str, rows: Sequence[RosterRow], actor: User | None,
                  *, source: str = "", ip: str = "") -> RosterResult:
    """Create or update the school's pupils and their classes of ``school_year`` from ``rows``."""
    problems = check_roster(school, rows)
    if problems:
        raise Refused(problems)
    classes = {(c.grade, c.number): c for c in ClassGroup.objects.filter(school=school, school_year=school_year)}
    classes_created = 0
    for row in rows:
        key = (row.grade, row.class_number)
        if key not in classes:
            classes[key] = ClassGroup.objects.create(school=school, school_year=school_year, grade=row.grade,
                                                     number=row.class_number, name=row.class_name)
            classes_created += 1
        elif row.class_name and not classes[key].name:
            classes[key].name = row.class_name
            classes[key].save(update_fields=["name"])
    ids = [r.student_id for r in rows]
    existing = {p.student_id: p for p in Pupil.objects.filter(school=school, student_id__in=ids)}
    created = updated = 0
    new: list[Pupil] = []
    for row in rows:
        pupil = existing.get(row.student_id)
        values = {"name": row.name, "sex": row.sex, "birth_date": row.birth_date, "ethnic_code": row.ethnic_code}
        if pupil is None:
            new.append(Pupil(student_id=row.student_id, school=school, **values))
        elif any(getattr(pupil, k) != v for k, v in values.items() if v not in (None, "")):
            for k, v in values.items():
                if v not in (None, ""):
                    setattr(pupil, k, v)
            pupil.save(update_fields=list(values))
            updated += 1
    Pupil.objects.bulk_create(new, batch_size=2000)
    created = len(new)
    pupils = {p.student_id: p for p in Pupil.objects.filter(school=school, student_id__in=ids)}
    current = dict(Enrolment.objects.filter(pupil__in=pupils.values(), school_year=school_year)
                   .values_list("pupil_id", "class_group_id"))
    moves: list[Enrolment] = []
    for row in rows:
        pupil, class_group = pupils[row.student_id], classes[(row.grade, row.class_number)]
        if current.get(pupil.pk) != class_group.pk:
            moves.append(Enrolment(pupil=pupil, class_group=class_group, school_year=school_year))
    Enrolment.objects.filter(pupil_id__in=[m.pupil.pk for m in moves], school_year=school_year).delete()
    Enrolment.objects.bulk_create(moves, batch_size=2000)
    audit.record(actor, "pupils_roster_import", school, school=school, ip=ip,
                 after={"school_year": school_year, "rows": len(rows), "created": created, "updated": updated,
                        "classes_created": classes_created, "source": source[:120]})
    return RosterResult(created, updated, classes_created, pupils)


@transaction.atomic
def assign_teacher(class_group: ClassGroup, user: User, actor: User | None, *, kind: str = "subject",
                   subject: str = "", ip: str = "") -> ClassTeacher:
    row, _ = ClassTeacher.objects.update_or_create(user=user, class_group=class_group,
                                                   defaults={"kind": kind, "subject": subject})
    audit.record(actor, "pupils_teacher_assign", row, school=class_group.school, ip=ip,
                 object_repr=f"{user} · {class_group}",  # no role words: the history is read in both languages
                 after={"class": str(class_group), "teacher": str(user), "head_teacher": kind == "head",
                        "subject": subject})
    return row


@transaction.atomic
def add_guardian(pupil: Pupil, user: User, actor: User | None, *, relation: str = "", ip: str = "") -> Guardian:
    row, _ = Guardian.objects.update_or_create(user=user, pupil=pupil, defaults={"relation": relation})
    audit.record(actor, "pupils_guardian_add", row, school=pupil.school, ip=ip,
                 after={"pupil_id": pupil.pk, "guardian": str(user), "relation": relation})
    return row


def classes_of(school: School, school_year: str) -> Iterable[ClassGroup]:
    return ClassGroup.objects.filter(school=school, school_year=school_year).order_by("grade", "number")


LEAVE_REASONS = {"graduated": "graduated", "transferred_out": "transferred_out", "other": "left_other"}  # audit key


@transaction.atomic
def transfer_pupil(pupil: Pupil, to_school: School, actor: User | None, *, ip: str = "") -> Pupil:
    """The bureau moves a pupil to another school of the same district: the only way a pupil
    changes school. The pupil's enrolments stay with the classes they were in (history)."""
    if to_school.pk == pupil.school_id:
        raise refuse("E1012", value=to_school.name, rule="pupils.transfer",
                     detail=("学生已在这所学校", "the pupil is already at that school"))
    if to_school.district_id != pupil.school.district_id:
        raise refuse("E1012", value=to_school.name, rule="pupils.transfer",
                     detail=("这所学校不在学生所在的区县", "that school is not in the pupil's district"))
    before = {"school": pupil.school.code, "active": pupil.active}
    from_school = pupil.school
    pupil.school, pupil.active = to_school, True
    pupil.save(update_fields=["school", "active"])
    audit.record(actor, "pupils_transfer", pupil, school=from_school, ip=ip, before=before,
                 after={"school": to_school.code, "active": True})
    audit.record(actor, "pupils_transfer", pupil, school=to_school, ip=ip,
                 before=before, after={"school": to_school.code, "active": True})
    return pupil


@transaction.atomic
def set_left(pupils: Sequence[Pupil], reason: str, actor: User | None, *, ip: str = "") -> int:
    """Pupils who left the school (毕业, 转出): made inactive, kept with their records."""
    if reason not in LEAVE_REASONS:
        reason = "other"
    changed = [p for p in pupils if p.active]
    for p in changed:
        p.active = False
        p.save(update_fields=["active"])
        audit.record(actor, "pupils_left", p, school=p.school, ip=ip, before={"active": True},
                     after={"active": False, LEAVE_REASONS[reason]: True})
    return len(changed)
