"""Writes of the school building works; every one audited, each in one transaction. A school of
another district is refused by content (E1336) whatever page the row came through; a refused
write writes nothing (an import of 128 rows with one bad row writes none)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core.errors import Location
from youjun.web.apps.overview.models import SchoolWork
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School, User
from youjun.web.errors import Refused, refuse, web_problem
from youjun.web.evidence_files import clean_evidence, megabytes

__all__ = ["Refused", "WorkRow", "add_work", "import_works", "link_registered"]

EARLIEST = dt.date(2000, 1, 1)
EVIDENCE_CODES = {"type": "E1344", "size": "E1345", "unreadable": "E1346"}
EVIDENCE_LIMITS = {"image_max_bytes": 8_000_000, "image_max_pixels": 40_000_000, "image_longest_side": 2400,
                   "pdf_max_bytes": 10_000_000}
EVIDENCE_MAX = max(EVIDENCE_LIMITS["image_max_bytes"], EVIDENCE_LIMITS["pdf_max_bytes"])


@dataclass(frozen=True)
class WorkRow:
    """One project as a form or a spreadsheet row gives it, checked for its shape already."""

    school_code: str
    new_school_name: str
    kind: str  # SchoolWork.Kind
    project: str
    started: dt.date | None
    completed: dt.date | None
    seats_added: int = 0
    land_m2: int = 0
    floor_m2: int = 0
    teacher_flats: int = 0
    investment: Decimal = Decimal(0)
    row: int | None = None  # the spreadsheet row, None from the form


def _where(row: WorkRow, column: str) -> Location | None:
    return Location(row=row.row, column=column) if row.row else None


def check(district: District, rows: Sequence[WorkRow], *, today: dt.date) -> tuple[list[dict[str, Any]],
                                                                                    dict[str, School]]:
    """Every problem of ``rows`` for ``district`` (with row and column) and the schools by code."""
    problems: list[dict[str, Any]] = []
    codes = {r.school_code for r in rows if r.school_code}
    schools = {s.code: s for s in School.objects.filter(district=district, code__in=codes)}
    for r in rows:
        if r.school_code and r.school_code not in schools:
            problems.append(web_problem("E1336", value=r.school_code, rule="overview.school",
                                        location=_where(r, "学校标识码"), district=district.name))
        if not r.school_code and not r.new_school_name:
            problems.append(web_problem("E1337", value="学校标识码／新建学校名称", rule="overview.school",
                                        location=_where(r, "学校标识码")))
        if r.kind not in SchoolWork.Kind.values:
            problems.append(web_problem("E1340", value=r.kind, rule="overview.kind", location=_where(r, "建设类型")))
        if not r.project or len(r.project) > 200:
            problems.append(web_problem("E1342", value=r.project[:40], rule="overview.text",
                                        location=_where(r, "项目名称"), field="项目名称", field_en="The project name",
                                        limit=200))
        for day, column in ((r.started, "开工日期"), (r.completed, "竣工日期")):
            if day is not None and (day < EARLIEST or day > today):
                problems.append(web_problem("E1339", value=day.isoformat(), rule="overview.date",
                                            location=_where(r, column),
                                            detail=(f"须在 {EARLIEST.isoformat()} 至 {today.isoformat()} 之间",
                                                    f"it must lie between {EARLIEST.isoformat()} and "
                                                    f"{today.isoformat()}")))
        if r.started and r.completed and r.completed < r.started:
            problems.append(web_problem("E1339", value=r.completed.isoformat(), rule="overview.date",
                                        location=_where(r, "竣工日期"),
                                        detail=("竣工日期早于开工日期", "completion is before the start")))
    return problems, schools


def link_registered(district: District, rows: Sequence[WorkRow]) -> list[WorkRow]:
    """The rows, a row without a school code whose new school's name is exactly a registered
    school's name (of this district) linked to that school: a project is never filed under the
    name of a school the register has (the figure would count that school twice)."""
    from youjun.web.apps.overview import selectors

    names = {r.new_school_name.strip() for r in rows if not r.school_code and r.new_school_name.strip()}
    named = selectors.registered_by_name(district, names) if names else {}
    if not named:
        return list(rows)
    codes = dict(School.objects.filter(pk__in=named.values()).values_list("pk", "code"))
    return [replace(r, school_code=codes[named[r.new_school_name.strip()]], new_school_name="")
            if not r.school_code and r.new_school_name.strip() in named else r for r in rows]


def _evidence(upload: Any) -> Any:
    name = str(getattr(upload, "name", "") or "file")[:120]
    size = int(getattr(upload, "size", 0) or 0)
    if size > EVIDENCE_MAX:  # refused before it is read
        raise refuse("E1345", value=name, rule="overview.evidence", size=megabytes(size), limit=megabytes(EVIDENCE_MAX))
    data = upload.read(EVIDENCE_MAX + 1)
    if len(data) > EVIDENCE_MAX:
        raise refuse("E1345", value=name, rule="overview.evidence", size="> " + megabytes(EVIDENCE_MAX),
                     limit=megabytes(EVIDENCE_MAX))
    return clean_evidence(data, name, EVIDENCE_LIMITS, codes=EVIDENCE_CODES, rule="overview.evidence")


def _work(district: District, r: WorkRow, schools: dict[str, School], actor: User | None, source: str) -> SchoolWork:
    school = schools.get(r.school_code) if r.school_code else None
    return SchoolWork(district=district, school=school, new_school_name="" if school else r.new_school_name[:120],
                      kind=r.kind, project=r.project, started=r.started, completed=r.completed,
                      seats_added=r.seats_added, land_m2=r.land_m2, floor_m2=r.floor_m2,
                      teacher_flats=r.teacher_flats, investment=r.investment, source=source[:120],
                      created_by=actor if getattr(actor, "pk", None) else None)


def _summary(w: SchoolWork) -> dict[str, Any]:
    return {"school": w.school.code if w.school else "", "new_school": w.new_school_name, "kind": w.kind,
            "project": w.project, "started": w.started, "completed": w.completed, "seats": w.seats_added,
            "land_m2": w.land_m2, "floor_m2": w.floor_m2, "flats": w.teacher_flats, "investment": str(w.investment)}


def add_work(actor: User | None, district: District, row: WorkRow, *, evidence: Any = None,
             today: dt.date | None = None) -> SchoolWork:
    """Record one project (the bureau's form); ``evidence`` an uploaded file or None."""
    [row] = link_registered(district, [row])
    problems, schools = check(district, [row], today=today or timezone.localdate())
    if problems:
        raise Refused(problems)
    clean = _evidence(evidence) if evidence is not None else None
    with transaction.atomic():
        work = _work(district, row, schools, actor, "")
        if clean is not None:
            work.evidence, work.evidence_name, work.evidence_type = clean.content, clean.name, clean.content_type
        work.save()
        audit.record(actor, "overview_work_add", work, district=district, school=work.school,
                     object_repr=str(work), after={**_summary(work), "evidence": work.evidence_name})
    return work


def import_works(actor: User | None, district: District, rows: Sequence[WorkRow], *, source: str,
                 today: dt.date | None = None) -> int:
    """Record every row of a checked spreadsheet, or none (``Refused`` with every problem)."""
    rows = link_registered(district, rows)
    problems, schools = check(district, rows, today=today or timezone.localdate())
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        works = SchoolWork.objects.bulk_create([_work(district, r, schools, actor, source) for r in rows])
        audit.record(actor, "overview_works_import", district, district=district, object_repr=source[:120],
                     after={"file": source, "rows": len(works),
                            "seats": sum(w.seats_added for w in works)})
    return len(works)
