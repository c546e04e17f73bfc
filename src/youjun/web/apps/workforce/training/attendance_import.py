"""A session's attendance from a spreadsheet: a template (教师编号, 姓名, 学时, 是否合格), every row
checked before anything is written, a preview of what confirming does, then one
``services.replace_attendance``.

- The file is read bounded and by values only (``youjun.ingest.sheet_upload.read_sheet``).
- A staff number of another district, an unknown one, a name that does not match the record,
  hours above the session's, a teacher of another school at a school's own session: refused with
  the row and the column; a file with any problem writes nothing.
- A staff number twice in the file is refused (E1176: one row per teacher, hours added together),
  so nothing is counted twice.
- Importing a session that already has attendance REPLACES it: the preview says how many rows
  the session has, and how many teachers are added, kept with changed hours and removed.
- 10,000+ rows: two queries look every number up (the district's teachers, then the numbers not
  found, among other districts'), and the write is one delete and a bulk insert.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from youjun.core.errors import Location
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.sheet_upload import header_positions, read_sheet
from youjun.ingest.xlsx_inspect import column_letters
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.training.models import Attendance, TrainingSession
from youjun.web.apps.workforce.training.services import AttendanceRow
from youjun.web.errors import web_problem

SHEET = "培训签到"
GUIDE = "填表说明"
STAFF_ID, NAME, HOURS, PASSED = "教师编号", "姓名", "学时", "是否合格"
HEADERS = (STAFF_ID, NAME, HOURS, PASSED)
ALIASES = {"staff id": STAFF_ID, "staff number": STAFF_ID, "teacher id": STAFF_ID, "teacher_id": STAFF_ID,
           "工号": STAFF_ID, "name": NAME, "hours": HOURS, "学时数": HOURS, "passed": PASSED, "合格": PASSED,
           "考核结果": PASSED}
EXAMPLE = "示例"
MAX_ROWS = 20_000
MAX_BYTES = 8 * MB
LIMITS = ReadLimits(max_file_bytes=MAX_BYTES, max_uncompressed_bytes=64 * MB, max_rows=MAX_ROWS + 500,
                    max_columns=16, max_cells=400_000, max_sheets=8)
RULE = "workforce_training.import"
YES = {"是", "合格", "通过", "1", "y", "yes", "true", "passed", "√", "✓"}
NO = {"否", "不合格", "未通过", "0", "n", "no", "false", "failed", "×", "✗"}


@dataclass
class Parsed:
    filename: str
    rows: list[AttendanceRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Preview:
    """What confirming would do to the session's attendance."""

    rows: int = 0
    passed: int = 0
    hours: float = 0.0  # passed hours credited in the file
    had: int = 0  # rows the session has now (replaced)
    added: int = 0
    changed: int = 0  # teachers already recorded whose hours or result change
    removed: int = 0  # teachers recorded now and not in the file


def template_xlsx(session: TrainingSession) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, header in enumerate(HEADERS, start=1):
        ws.cell(row=1, column=col, value=header).font = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for col, value in enumerate((f"{EXAMPLE}T50011800001", f"{EXAMPLE}张三", float(session.hours), "是"), start=1):
        cell = ws.cell(row=2, column=col, value=value)
        cell.font = Font(italic=True, color="777777")
        cell.fill = grey
    ws.cell(row=2, column=len(HEADERS) + 1, value="← 示例行（不会导入，可删除）")
    for i, width in enumerate((18, 12, 8, 10, 36), start=1):
        ws.column_dimensions[column_letters(i)].width = width
    ws.column_dimensions["A"].number_format = "@"
    ws.freeze_panes = "A2"
    guide = wb.create_sheet(GUIDE)
    for line, text in enumerate((
        f"培训项目：{session.course.name}；场次：{session.start.isoformat()} 至 {session.end.isoformat()}，"
        f"{session.hours} 学时。",
        "每名参训教师一行；教师编号必填（区县教师名册中的编号），姓名可留空（填写时须与名册一致）。",
        f"学时留空按本场次 {session.hours} 学时记入，不能超过本场次学时；是否合格填“是”或“否”，留空按合格。",
        "同一教师只保留一行。重新导入同一场次会替换本场次已有的全部签到记录（不会重复累计）。",
        f"最多 {MAX_ROWS:,} 行。上传后先检查并预览；任何一行有错，整个文件都不会写入；确认后才保存。",
    ), start=1):
        guide.cell(row=line, column=1, value=text)
    guide.column_dimensions["A"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _where(filename: str, row: int | None = None, column: str = "", cell: str = "") -> Location:
    return Location(file=filename, sheet=SHEET, row=row, column=column, cell=cell)


def _not_template(filename: str, zh: str, en: str, row: int | None = None) -> dict[str, Any]:
    return web_problem("E1170", value=filename, rule=RULE, location=_where(filename, row),
                       detail_zh=zh, detail_en=en)


def read_upload(session: TrainingSession, content: bytes, filename: str, size: int | None = None) -> Parsed:
    """The checked rows of an uploaded attendance sheet for ``session``, or every problem of it."""
    parsed = Parsed(filename=filename)
    sheet = read_sheet(content, filename, size, max_bytes=MAX_BYTES, limits=LIMITS, sheet=SHEET)
    if sheet.empty:
        parsed.problems.append(_not_template(filename, "文件是空的", "the file is empty"))
    parsed.problems.extend(sheet.problems)
    if parsed.problems:
        return parsed
    rows = sheet.rows
    positions = header_positions((_text(v) for v in (rows[0] if rows else [])), ALIASES, HEADERS)
    if STAFF_ID not in positions:
        parsed.problems.append(_not_template(filename, f"第1行缺少列“{STAFF_ID}”",
                                             f"row 1 lacks the column {STAFF_ID}", 1))
        return parsed
    body = [(i, r) for i, r in enumerate(rows[1:], start=2) if any(_text(v) for v in r)]
    if len(body) > MAX_ROWS:
        parsed.problems.append(web_problem("E1182", value=filename, rule=RULE, location=_where(filename),
                                           limit=f"{MAX_ROWS:,}"))
        return parsed
    course = session.course
    limit = session.hours
    read: list[tuple[int, dict[str, str], dict[str, str], Decimal, bool]] = []
    first: dict[str, int] = {}
    problems = parsed.problems
    for index, raw in body:
        values = {h: _text(raw[i] if i < len(raw) else None) for h, i in positions.items()}
        if values[STAFF_ID].startswith(EXAMPLE):
            continue
        refs = {h: f"{column_letters(i + 1)}{index}" for h, i in positions.items()}

        def at(code: str, column: str, value: Any, _row: int = index, _refs: dict[str, str] = refs,
               **context: Any) -> dict[str, Any]:
            return web_problem(code, value=value, rule=RULE,
                               location=_where(filename, _row, column, _refs.get(column, "")), **context)

        bad = len(problems)
        staff_id = values[STAFF_ID].upper()
        if not staff_id:
            problems.append(at("E1178", STAFF_ID, "", line=index))
        elif staff_id in first:
            problems.append(at("E1176", STAFF_ID, staff_id, first_row=first[staff_id]))
        else:
            first[staff_id] = index
        hours_text = values.get(HOURS, "")
        hours: Decimal | None = limit
        if hours_text:
            try:
                hours = Decimal(hours_text)
            except InvalidOperation:
                hours = None
            if hours is None or not hours.is_finite() or hours <= 0 or hours > limit or hours != round(hours, 1):
                problems.append(at("E1174", HOURS, hours_text, limit=str(limit)))
        passed_text = values.get(PASSED, "").casefold()
        passed = passed_text not in NO
        if passed_text and passed_text not in YES and passed_text not in NO:
            problems.append(at("E1175", PASSED, values[PASSED]))
        if len(problems) == bad:
            assert hours is not None
            read.append((index, values, refs, hours.quantize(Decimal("0.1")), passed))
    # the lookups: the district's teachers of the numbers given, then the numbers not found
    wanted = {v[STAFF_ID].upper() for _, v, _, _, _ in read}
    found = {s: (pk, name, school_id) for pk, s, name, school_id in Teacher.objects.filter(
        district_id=course.district_id, staff_id__in=wanted).values_list("pk", "staff_id", "name", "school_id")}
    elsewhere = set(Teacher.objects.filter(staff_id__in=wanted - set(found)).exclude(district_id=course.district_id)
                    .values_list("staff_id", flat=True)) if len(found) < len(wanted) else set()
    school = course.school
    for index, values, refs, hours, passed in read:
        staff_id = values[STAFF_ID].upper()

        def here(column: str, _row: int = index, _refs: dict[str, str] = refs) -> Location:
            return _where(filename, _row, column, _refs.get(column, ""))

        if staff_id not in found:
            code = "E1172" if staff_id in elsewhere else "E1171"
            problems.append(web_problem(code, value=staff_id, rule=RULE, location=here(STAFF_ID)))
            continue
        pk, name, school_id = found[staff_id]
        if values.get(NAME) and name and values[NAME] != name:
            problems.append(web_problem("E1173", value=staff_id, rule=RULE, location=here(NAME), line=index))
            continue
        if school is not None and school_id != school.pk:
            problems.append(web_problem("E1177", value=staff_id, rule=RULE, location=here(STAFF_ID),
                                        detail=(school.name, school.code)))
            continue
        parsed.rows.append(AttendanceRow(pk, hours, passed))
    if not parsed.rows and not problems:
        problems.append(_not_template(filename, "没有填写任何教师", "no teacher is filled in"))
    if problems:
        parsed.rows = []
    return parsed


def preview(session: TrainingSession, rows: list[AttendanceRow]) -> Preview:
    stored = {t: (h, p) for t, h, p in Attendance.objects.filter(session=session)
              .values_list("teacher_id", "hours", "passed")}
    out = Preview(rows=len(rows), had=len(stored))
    ids = set()
    for r in rows:
        ids.add(r.teacher_id)
        if r.passed:
            out.passed += 1
            out.hours += float(r.hours)
        was = stored.get(r.teacher_id)
        if was is None:
            out.added += 1
        elif was != (r.hours, r.passed):
            out.changed += 1
    out.removed = len(set(stored) - ids)
    out.hours = round(out.hours, 1)
    return out


def rows_to_session(session: TrainingSession, parsed: Parsed) -> dict[str, Any]:
    return {"session": session.pk, "filename": parsed.filename,
            "rows": [[r.teacher_id, str(r.hours), 1 if r.passed else 0] for r in parsed.rows],
            "at": dt.datetime.now(dt.UTC).isoformat()}


def rows_from_session(data: dict[str, Any]) -> tuple[str, list[AttendanceRow]]:
    return str(data.get("filename") or ""), [AttendanceRow(int(r[0]), Decimal(str(r[1])), bool(r[2]))
                                              for r in data.get("rows") or []]
