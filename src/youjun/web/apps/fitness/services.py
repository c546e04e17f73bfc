"""Writes of the fitness app: a school's import of a school year's results, every one audited.

An import is read (bounded before reading: size, then ``youjun.ingest.fitness_workbook``'s
inspection), checked against what is stored (a pupil registered at another school is refused
by ``pupils.services.check_roster``; grades must be taught at the school), previewed, staged
(``ImportBatch``, the file kept until it is confirmed) and on confirmation written in one
transaction: the roster (``pupils.services.upsert_roster``) and the results, replacing the
school's results of that year. Every result is scored by ``youjun.core.fitness``; junior
pupils are kept with their raw results and ``refused`` (E1020) while the junior tables are not
loaded, never given a number.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core.errors import Location, Problem
from youjun.core.fitness import (
    FitnessError,
    FitnessTables,
    Scored,
    Status,
    bmi_of,
    load_tables,
    score_pupil,
    year_result,
)
from youjun.core.schema import TYPE_GRADES
from youjun.ingest import fitness_workbook as workbook
from youjun.ingest.fitness_workbook import PupilRow
from youjun.ingest.limits import MB, ReadLimits
from youjun.web.apps.fitness.models import ImportBatch, Result
from youjun.web.apps.fitness.serial import scored_to_json
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils import services as pupil_services
from youjun.web.apps.pupils.models import ClassGroup, Enrolment, Pupil
from youjun.web.apps.pupils.services import Refused, RosterRow
from youjun.web.errors import web_problem

MAX_BYTES = 8 * MB  # a school of 3,000 pupils is about 0.4 MB
MAX_ROWS = 10_000  # rows of one school's sheet (first tests and retests)
LIMITS = ReadLimits(max_file_bytes=MAX_BYTES, max_uncompressed_bytes=64 * MB, max_columns=128, max_sheets=16)
RULE = "fitness.import"
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


@functools.lru_cache(maxsize=1)
def _tables(day: str) -> FitnessTables:
    return load_tables(as_of=dt.date.fromisoformat(day))


def tables() -> FitnessTables:
    """The tables in force today (rules/fitness-2014)."""
    return _tables(timezone.localdate().isoformat())


def valid_school_year(text: str) -> bool:
    m = SCHOOL_YEAR.match(text or "")
    return m is not None and int(m.group(2)) == int(m.group(1)) + 1


def school_grades(school: School) -> tuple[int, ...]:
    """Grades 1–9 taught at the school by its type (all nine when the type is not known)."""
    grades = tuple(g for g in TYPE_GRADES.get(school.school_type, ()) if 1 <= g <= 9)
    return grades or tuple(range(1, 10))


# --- reading ----------------------------------------------------------------------------------

@dataclass
class Test:
    """One pupil's school year in the file: the first test and its retest, scored."""

    first: PupilRow
    first_scored: Scored
    retest: PupilRow | None = None
    year: Scored | None = None  # the year's result (the retest's when there is one)

    @property
    def row(self) -> PupilRow:
        return self.retest or self.first


@dataclass
class Reading:
    file_name: str
    tests: list[Test] = field(default_factory=list)
    roster: list[RosterRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)


def _shown(p: Problem) -> dict[str, Any]:
    return p.to_dict()


def _class_number(code: str, name: str, grade_code: str) -> int | None:
    code = code.strip()
    if code.isdigit():
        n = int(code)
        if grade_code and code.startswith(grade_code) and len(code) > len(grade_code):
            n = int(code[len(grade_code):])
        return n if 1 <= n <= 99 else None
    m = re.search(r"[（(]?(\d{1,2})[）)]?\s*班", name or "")
    return int(m.group(1)) if m else None


def _birth(text: str) -> dt.date | None:
    digits = re.sub(r"[-/.年月日]", "", text.strip())
    if not re.fullmatch(r"\d{8}", digits):
        raise ValueError(text)
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def read_upload(school: School, content: bytes, file_name: str) -> Reading:
    """Every row of the upload read, scored and checked against the school, or every problem."""
    out = Reading(file_name[:160])
    limit = f"{MAX_BYTES // MB} MB"
    if len(content) > MAX_BYTES:
        out.problems.append(web_problem("E1060", value=out.file_name, rule=RULE, limit=limit,
                                        detail_zh="文件超过大小上限", detail_en="it is larger than the limit"))
        return out
    if not content.startswith(b"PK"):
        out.problems.append(web_problem("E1060", value=out.file_name, rule=RULE, limit=limit,
                                        detail_zh="不是 .xlsx 文件", detail_en="it is not an .xlsx file"))
        return out
    t = tables()
    with tempfile.TemporaryDirectory(prefix="youjun-fitness-") as tmp:
        path = Path(tmp) / "upload.xlsx"
        path.write_bytes(content)
        read = workbook.read_workbook(path, t, max_rows=MAX_ROWS, limits=LIMITS)
    out.unknown_columns = read.unknown_columns
    named = [replace_file(p, out.file_name) for p in read.problems if p.severity == "error"]
    if named:
        out.problems.extend(_shown(p) for p in named)
        return out
    grades = school_grades(school)
    by_id: dict[str, Test] = {}
    for row in read.rows:
        v, r = row.values, row.result
        sid = r.pupil_id

        def at(col: str, _row: int = row.row) -> Location:
            return Location(file=out.file_name, row=_row, column=col)

        if r.retest:
            test = by_id[sid]  # the reader guarantees a first test above
            test.retest = row
            continue
        if r.grade not in grades:
            out.problems.append(web_problem("E1061", value=v.get("年级编号", ""), rule=RULE, location=at("年级编号"),
                                            grade=r.grade, grades="、".join(str(g) for g in grades)))
        number = _class_number(v.get("班级编号", ""), v.get("班级名称", ""), v.get("年级编号", ""))
        if number is None:
            out.problems.append(web_problem("E1062", value=v.get("班级编号", "") or v.get("班级名称", ""), rule=RULE,
                                            location=at("班级编号")))
        if not v.get("姓名"):
            out.problems.append(web_problem("E1063", value=sid, rule=RULE, location=at("姓名")))
        birth = None
        if v.get("出生日期"):
            try:
                birth = _birth(v["出生日期"])
            except ValueError:
                out.problems.append(web_problem("E1064", value=v["出生日期"], rule=RULE, location=at("出生日期")))
        by_id[sid] = Test(row, score_pupil(r, t))
        out.tests.append(by_id[sid])
        if number is not None:
            out.roster.append(RosterRow(student_id=sid, name=v.get("姓名", "")[:64], sex=r.sex, grade=r.grade,
                                        class_number=number, class_name=v.get("班级名称", "")[:32],
                                        birth_date=birth, ethnic_code=v.get("民族代码", "")[:2], location=at("学籍号")))
    for test in out.tests:
        retest = score_pupil(test.retest.result, t) if test.retest else None
        try:
            test.year = year_result(test.first_scored, retest, t)
        except FitnessError as exc:
            assert test.retest is not None
            out.problems.extend(_shown(Problem(p.code, Location(file=out.file_name, row=test.retest.row, column="补测"),
                                               p.value, p.rule, p.context)) for p in exc.problems)
    if not out.problems:
        out.problems.extend(pupil_services.check_roster(school, out.roster))
    return out


def replace_file(p: Problem, name: str) -> Problem:
    """The problem located in the uploaded file's name, not the temporary path."""
    loc = p.location
    return Problem(p.code, Location(name if loc.file else "", loc.sheet, loc.row, loc.column, loc.cell), p.value,
                   p.rule, tuple((k, name if k in ("file", "name") else v) for k, v in p.context))


# --- the preview ------------------------------------------------------------------------------

@dataclass(frozen=True)
class JuniorRow:
    row: int
    student_id: str
    name: str
    grade: int


@dataclass
class Preview:
    counts: dict[str, Any]
    by_grade: list[dict[str, Any]]  # grade, results, exempt, retests, refused
    junior: list[JuniorRow]
    changed: list[dict[str, Any]]  # re-import: student_id, name, before, after (totals as text)


def preview(school: School, school_year: str, reading: Reading) -> Preview:
    ids = [r.student_id for r in reading.roster]
    known = dict(Pupil.objects.filter(school=school, student_id__in=ids).values_list("student_id", "name"))
    previous = {sid: (status, total) for sid, status, total in
                Result.objects.filter(school=school, school_year=school_year, counts=True)
                .values_list("pupil__student_id", "status", "total")}
    grades: dict[int, Counter[str]] = {}
    junior: list[JuniorRow] = []
    changed: list[dict[str, Any]] = []
    for test in reading.tests:
        year = test.year or test.first_scored
        c = grades.setdefault(year.grade, Counter())
        c["results"] += 1
        c[year.status.value] += 1
        c["retests"] += 1 if test.retest else 0
        sid = test.first.result.pupil_id
        if year.status is Status.REFUSED and any(p.code == "E1020" for p in year.problems):
            junior.append(JuniorRow(test.first.row, sid, test.first.values.get("姓名", ""), year.grade))
        if sid in previous:
            before = previous[sid]
            after = (year.status.value, year.total)
            if before[0] != after[0] or (before[1] is not None and after[1] is not None
                                         and Decimal(before[1]) != after[1]):
                changed.append({"student_id": sid, "name": test.first.values.get("姓名", ""),
                                "before": before[1], "before_status": before[0],
                                "after": after[1], "after_status": after[0]})
    total = Counter[str]()
    for c in grades.values():
        total.update(c)
    replaced = len(set(previous) & set(ids))  # this file's pupils whose earlier result it replaces
    counts = {
        "rows": len(reading.tests) + sum(1 for t in reading.tests if t.retest),
        "pupils": len(reading.tests), "new": sum(1 for i in ids if i not in known),
        "updated": sum(1 for r in reading.roster if r.student_id in known and known[r.student_id] != r.name),
        "known": sum(1 for i in ids if i in known),
        "scored": total["scored"], "exempt": total["exempt"], "incomplete": total["incomplete"],
        "refused": total["refused"], "retests": total["retests"], "junior": len(junior),
        "replaced": replaced, "changed": len(changed),
        "dropped": len(set(previous) - set(ids)),
    }
    by_grade = [{"grade": g, **{k: c[k] for k in ("results", "scored", "exempt", "incomplete", "refused", "retests")}}
                for g, c in sorted(grades.items())]
    return Preview(counts, by_grade, junior, changed)


# --- staging and confirming -------------------------------------------------------------------

def _hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def stage(school: School, school_year: str, content: bytes, file_name: str, actor: User | None, *,
          ip: str = "") -> tuple[ImportBatch, Reading, Preview]:
    """Check an upload and keep it for confirmation; raises ``Refused`` with every problem."""
    if not valid_school_year(school_year):
        raise Refused([web_problem("E1066", value=school_year, rule=RULE)])
    reading = read_upload(school, content, file_name)
    if reading.problems:
        raise Refused(reading.problems)
    shown = preview(school, school_year, reading)
    ImportBatch.objects.filter(school=school, state=ImportBatch.State.STAGED).update(
        state=ImportBatch.State.DISCARDED, content=b"")
    batch = ImportBatch.objects.create(school=school, school_year=school_year, file_name=reading.file_name,
                                       file_hash=_hash(content), content=content, counts=shown.counts,
                                       uploaded_by=actor if actor is not None and actor.pk else None)
    audit.record(actor, "fitness_upload", batch, school=school, ip=ip,
                 after={"school_year": school_year, "file": reading.file_name, "sha256": batch.file_hash,
                        **shown.counts})
    return batch, reading, shown


def staged(school: School, pk: int | str) -> ImportBatch | None:
    return ImportBatch.objects.filter(school=school, pk=pk, state=ImportBatch.State.STAGED).first() \
        if str(pk).isdigit() else None


def _bmi(r: Any) -> Decimal | None:
    """The BMI of a result the core did not score (junior tables not loaded): kept as measured."""
    if r.height_cm in (None, "") or r.weight_kg in (None, ""):
        return None
    try:
        return bmi_of(Decimal(str(r.height_cm)), Decimal(str(r.weight_kg)))
    except (ArithmeticError, ValueError):
        return None


def _result(test: Test, pupil: Pupil, school: School, school_year: str, class_group: ClassGroup | None,
            batch: ImportBatch, row: PupilRow, scored: Scored, *, retest: bool, counts: bool) -> Result:
    r = row.result
    return Result(
        pupil=pupil, school=school, school_year=school_year, class_group=class_group, batch=batch, row=row.row,
        retest=retest, counts=counts, grade=scored.grade, sex=scored.sex, raw=dict(row.values),
        parsed={k: (None if v is None else str(v)) for k, v in r.items.items()}
        | {"height_cm": None if r.height_cm is None else str(r.height_cm),
           "weight_kg": None if r.weight_kg is None else str(r.weight_kg)},
        scored=scored_to_json(scored), status=scored.status.value, standard=scored.standard,
        bonus=scored.bonus_total if scored.status is Status.SCORED else None, total=scored.total,
        level=scored.level or "", bmi=scored.bmi if scored.bmi is not None else _bmi(r),
        bmi_category=scored.bmi_category or "",
        vision_left=row.vision_left, vision_right=row.vision_right, exempt=r.exempt,
        exempt_reason=r.exempt_reason[:120],
    )


MODES = ("update", "replace")


@transaction.atomic
def confirm(batch: ImportBatch, actor: User | None, *, ip: str = "", mode: str = "update") -> ImportBatch:
    """Write a staged import: the roster and the year's results in one transaction. ``mode``
    "update" (the default) replaces the results of the pupils in the file and keeps the others';
    "replace" replaces the school's whole year. The file is read and checked again first."""
    if mode not in MODES:
        raise ValueError(mode)
    batch = ImportBatch.objects.select_for_update(of=("self",)).select_related("school__district").get(pk=batch.pk)
    if batch.state != ImportBatch.State.STAGED:
        raise Refused([web_problem("E1065", value=batch.file_name, rule=RULE,
                                   detail_zh="这次导入已处理", detail_en="it was already handled")])
    school, year = batch.school, batch.school_year
    content = bytes(batch.content)
    reading = read_upload(school, content, batch.file_name)
    if reading.problems:
        raise Refused(reading.problems)
    shown = preview(school, year, reading)
    roster = pupil_services.upsert_roster(school, year, reading.roster, actor, source=batch.file_name, ip=ip)
    stored = Result.objects.filter(school=school, school_year=year)
    mine = stored.filter(pupil__student_id__in=[test.first.result.pupil_id for test in reading.tests])
    replaced = mine.filter(counts=True).count()
    removed = stored.filter(counts=True).exclude(pk__in=mine.values("pk")).count() if mode == "replace" else 0
    (stored if mode == "replace" else mine).delete()
    pupils = roster.pupils
    classes = dict(Enrolment.objects.filter(pupil__in=pupils.values(), school_year=year)
                   .values_list("pupil_id", "class_group_id"))
    groups = ClassGroup.objects.in_bulk(set(classes.values()))
    firsts: list[Result] = []
    retests: list[tuple[int, Result]] = []
    for test in reading.tests:
        sid = test.first.result.pupil_id
        pupil = pupils[sid]
        group = groups.get(classes.get(pupil.pk, 0))
        year_scored = test.year or test.first_scored
        firsts.append(_result(test, pupil, school, year, group, batch, test.first, test.first_scored,
                              retest=False, counts=test.retest is None))
        if test.retest is not None:
            retests.append((len(firsts) - 1, _result(test, pupil, school, year, group, batch, test.retest,
                                                     year_scored, retest=True, counts=True)))
    Result.objects.bulk_create(firsts, batch_size=1000)
    for i, r in retests:
        r.retest_of = firsts[i]
    Result.objects.bulk_create([r for _, r in retests], batch_size=1000)
    batch.state = ImportBatch.State.CONFIRMED
    batch.content = b""
    batch.counts = {**shown.counts, "replaced": replaced, "mode": mode, "removed": removed}
    batch.confirmed_by = actor if actor is not None and actor.pk else None
    batch.confirmed_at = timezone.now()
    batch.save(update_fields=["state", "content", "counts", "confirmed_by", "confirmed_at"])
    audit.record(actor, "fitness_import", batch, school=school, ip=ip,
                 after={"school_year": year, "file": batch.file_name, "sha256": batch.file_hash, **batch.counts})
    return batch


def import_workbook(school: School, school_year: str, content: bytes, file_name: str, actor: User | None, *,
                    ip: str = "", mode: str = "update") -> ImportBatch:
    """Stage and confirm in one go: the demo's (and the tests') path, the same checks as the web's."""
    batch, _reading, _preview = stage(school, school_year, content, file_name, actor, ip=ip)
    return confirm(batch, actor, ip=ip, mode=mode)
