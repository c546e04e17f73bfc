"""The district workbook's teachers table (a stored snapshot) read into career-record rows: the
first source of the teachers' records, before any HR spreadsheet adds names and history."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from youjun.core.errors import Location
from youjun.web.apps.platform.models import User
from youjun.web.apps.schools.models import Snapshot
from youjun.web.apps.schools.selectors import snapshot_tables
from youjun.web.apps.workforce.services import TeacherRow, UpsertResult, upsert_teachers


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _int(value: Any) -> int | None:
    text = _text(value)
    return int(float(text)) if text else None


def rows_from_snapshot(snapshot: Snapshot) -> list[TeacherRow]:
    frame = snapshot_tables(snapshot).get("teachers")
    if frame is None:
        return []
    rows = []
    for i, r in enumerate(frame.to_dict("records"), start=2):
        rows.append(TeacherRow(
            staff_id=_text(r.get("teacher_id")), school_code=_text(r.get("school_code")),
            section=_text(r.get("section")), subject=_text(r.get("subject")),
            qualification=_text(r.get("qualification")), title=_text(r.get("title")),
            key_tier=_text(r.get("key_teacher_tier")), key_level=_text(r.get("key_teacher_level")),
            has_certificate=bool(r.get("has_certificate")), pe_art_specialist=bool(r.get("pe_art_specialist")),
            years_at_school=_int(r.get("years_at_school")),
            rotated_from=_text(r.get("rotated_from_school_code")) if bool(r.get("rotated_this_year")) else "",
            location=Location(file=snapshot.source, sheet="teachers", row=i)))
    return rows


def import_snapshot(actor: User | None, snapshot: Snapshot, *, as_of: dt.date | None = None) -> UpsertResult:
    """Create or update the district's teachers from a snapshot's teachers table, as of the
    snapshot's school year (1 September of its first year unless ``as_of`` is given)."""
    start = as_of or dt.date(int(snapshot.school_year[:4]), 9, 1)
    return upsert_teachers(actor, snapshot.district, rows_from_snapshot(snapshot), as_of=start,
                           source=snapshot.source or f"{snapshot.school_year} snapshot")
