"""Bulk progress updates from a spreadsheet (what Decidim's users ask for): a template listing
the uploader's open items, and the same validate-then-write discipline as the district
workbook. Every row is checked before anything is written; a file with one bad row writes
nothing, and every problem names its sheet row and column.

The file is inspected as a zip of XML first (``youjun.ingest.xlsx_inspect``, with limits
sized for a few hundred items), then read by values only: a formula is never evaluated here,
and text from the file stays text (the template writes every text cell as a string).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import consultation as rules
from youjun.core.errors import Location
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.sheet_upload import header_positions, read_sheet
from youjun.ingest.xlsx_inspect import column_letters
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.access import Access, roles_for, work_concerns
from youjun.web.apps.consultation.models import Concern
from youjun.web.apps.platform.models import User
from youjun.web.errors import web_problem

SHEET = "进度更新"
GUIDE = "填表说明"
NUMBER, TITLE, CURRENT, DUE = "编号", "标题", "当前进度(%)", "答复期限"
PERCENT, NOTE, ANSWER = "进度(%)", "进展说明", "答复(可选)"
HEADERS = (NUMBER, TITLE, CURRENT, DUE, PERCENT, NOTE, ANSWER)
REQUIRED = (NUMBER, PERCENT, NOTE, ANSWER)
ALIASES = {"number": NUMBER, "progress (%)": PERCENT, "progress note": NOTE, "answer (optional)": ANSWER,
           "办理期限": DUE}  # the answer-by column's earlier name, in templates downloaded before
MAX_BYTES = 2 * MB
LIMITS = ReadLimits(max_file_bytes=MAX_BYTES, max_uncompressed_bytes=32 * MB, max_rows=5_000, max_columns=32,
                    max_cells=100_000, max_sheets=8)
MAX_TEXT = 4000
WORK_ROLES = frozenset({"staff", "department"})


@dataclass
class Row:
    row: int  # the sheet row a person sees
    number: str
    percent: str  # as written ("" = not filled)
    note: str
    answer: str
    cells: dict[str, str] = field(default_factory=dict)  # header -> cell ("E5")


@dataclass
class Parsed:
    filename: str
    rows: list[Row] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Change:
    concern: Concern
    row: int
    percent: int | None
    note: str
    answer: str

    def as_dict(self) -> dict[str, Any]:
        return {"pk": self.concern.pk, "row": self.row, "percent": self.percent, "note": self.note,
                "answer": self.answer}


# --- the uploader's items ------------------------------------------------------------------

def updatable(access: Access) -> dict[str, Concern]:
    """Items the uploader works on as department handler or staff, by number (any state)."""
    out: dict[str, Concern] = {}
    qs = (work_concerns(access).select_related("body", "department").exclude(hidden=True)
          .order_by("due_on", "number"))
    for concern in qs:
        if roles_for(access, concern) & WORK_ROLES:
            out[concern.number] = concern
    return out


def open_items(access: Access) -> list[Concern]:
    """Items the uploader may take the progress or answer step on now: the template's rows."""
    out = []
    for concern in updatable(access).values():
        held = roles_for(access, concern) & WORK_ROLES
        steps = {t.action for t in services.workflow(concern.body).steps_from(concern.state, held)}
        if steps & {"progress", "answer"}:
            out.append(concern)
    return out


def _text_cell(ws: Any, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=..." in a title stays text, never a formula


def template_xlsx(items: list[Concern]) -> bytes:
    """The workbook to fill: one row per open item; columns E–G are the person's to fill."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, header in enumerate(HEADERS, start=1):
        _text_cell(ws, 1, col, header)
        ws.cell(row=1, column=col).font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF7D6")
    for r, concern in enumerate(items, start=2):
        _text_cell(ws, r, 1, concern.number)
        _text_cell(ws, r, 2, concern.title)
        ws.cell(row=r, column=3, value=services.progress_of(concern))
        _text_cell(ws, r, 4, concern.due_on.isoformat() if concern.due_on else "")
        for col in (5, 6, 7):
            ws.cell(row=r, column=col).fill = fill
    for letter, width in zip("ABCDEFG", (16, 36, 12, 12, 10, 40, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    guide = wb.create_sheet(GUIDE)
    for line, (zh, en) in enumerate((
        ("只填写黄色的三列：进度(%)、进展说明、答复(可选)；不要改动表头和编号。",
         "Fill in only the three yellow columns: 进度(%), 进展说明, 答复(可选); keep the header and numbers."),
        ("进度(%)填0到100的整数；不更新的议题留空整行即可。",
         "进度(%) is a whole number 0–100; leave a row empty to leave its item unchanged."),
        ("填写答复即表示办结答复，答复会在议题的公开页面发布。",
         "An answer is published on the item's public page."),
        ("上传后先预览全部更改；任何一行有错，整个文件都不会写入。",
         "After uploading you see every change first; if any row is wrong, nothing in the file is written."),
    ), start=1):
        _text_cell(guide, line, 1, zh)
        _text_cell(guide, line, 2, en)
    guide.column_dimensions["A"].width = 70
    guide.column_dimensions["B"].width = 90
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading -------------------------------------------------------------------------------

def _where(filename: str, row: int | None = None, column: str = "", cell: str = "") -> Location:
    return Location(file=filename, sheet=SHEET, row=row, column=column, cell=cell)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_upload(content: bytes, filename: str, size: int | None = None) -> Parsed:
    """The rows of an uploaded workbook, or the problems that stop it being read. ``size``: the
    upload's size when its content was not kept (over the limit)."""
    parsed = Parsed(filename=filename)
    sheet = read_sheet(content, filename, size, max_bytes=MAX_BYTES, limits=LIMITS, sheet=SHEET)
    if sheet.empty:
        parsed.problems.append(web_problem("E905", value=filename, rule="consultation.bulk"))
    parsed.problems.extend(sheet.problems)
    if parsed.problems:
        return parsed
    rows, info = sheet.rows, sheet.info
    percent_cells = info.percent_cells if info is not None else set()
    positions = header_positions((_cell_text(v) for v in (rows[0] if rows else [])), ALIASES, HEADERS)
    missing = [h for h in REQUIRED if h not in positions]
    if missing:
        parsed.problems.append(web_problem(
            "E904", value=filename, rule="consultation.bulk", location=_where(filename, 1),
            detail_zh="第1行缺少列" + "、".join(f"“{h}”" for h in missing),
            detail_en="row 1 lacks the column(s) " + ", ".join(missing)))
        return parsed
    for index, raw in enumerate(rows[1:], start=2):
        values = {h: (raw[i] if i < len(raw) else None) for h, i in positions.items()}
        cells = {h: f"{column_letters(i + 1)}{index}" for h, i in positions.items()}
        percent_value = values.get(PERCENT)
        if isinstance(percent_value, int | float) and not isinstance(percent_value, bool) \
                and cells[PERCENT] in percent_cells:
            percent_value = round(float(percent_value) * 100, 6)  # typed as 60% in a percent cell
        row = Row(index, _cell_text(values.get(NUMBER)).upper(), _cell_text(percent_value),
                  _cell_text(values.get(NOTE)), _cell_text(values.get(ANSWER)), cells)
        if not (row.percent or row.note or row.answer):
            continue  # a row left as the template gave it: its item is not changed
        parsed.rows.append(row)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(web_problem("E905", value=filename, rule="consultation.bulk"))
    return parsed


# --- validating ----------------------------------------------------------------------------

def _refusal(code: str, row: Row, column: str, filename: str, value: Any, **context: Any) -> dict[str, Any]:
    return web_problem(code, value=value, rule="consultation.bulk",
                       location=_where(filename, row.row, column, row.cells.get(column, "")), **context)


def _refusal2(code: str, row: Row, column: str, filename: str, value: Any, zh: str, en: str) -> dict[str, Any]:
    """A workflow code (E874, E876) with its detail in each language."""
    return _refusal(code, row, column, filename, value, detail_zh=zh, detail_en=en)


def check(access: Access, rows: list[Row], filename: str) -> tuple[list[Change], list[dict[str, Any]]]:
    """Every row against the items as they are now; (changes, problems). Changes are only to be
    written when there is no problem at all."""
    mine = updatable(access)
    seen: dict[str, int] = {}
    changes: list[Change] = []
    problems: list[dict[str, Any]] = []
    for row in rows:
        found: list[dict[str, Any]] = []
        concern = mine.get(row.number)
        if concern is None:  # unknown, closed, or not the uploader's: one answer, no probing
            problems.append(_refusal("E906", row, NUMBER, filename, row.number or "—"))
            continue
        if row.number in seen:
            problems.append(_refusal("E907", row, NUMBER, filename, row.number, first_row=seen[row.number]))
            continue
        seen[row.number] = row.row
        held = roles_for(access, concern) & WORK_ROLES
        flow = services.workflow(concern.body)
        state = concern.state
        percent: int | None = None
        if row.percent or row.note:
            try:
                percent = rules.check_percent(row.percent)
            except rules.WorkflowError as exc:
                found.append(_refusal2(exc.code, row, PERCENT, filename, row.percent,
                                       "须为0到100的整数" if row.percent else "填写了进展说明却没有填写进度",
                                       exc.detail_en if row.percent else "a note is given but no percentage"))
            try:
                state = flow.step(state, "progress", held).target
            except rules.WorkflowError as exc:
                found.append(_refusal2("E874", row, PERCENT, filename, row.number,
                                       f"该议题当前状态下不能更新进度（“{flow.state(concern.state).zh}”）",
                                       exc.detail_en))
            if len(row.note) > MAX_TEXT:
                found.append(_refusal2("E876", row, NOTE, filename, row.percent,
                                       f"进展说明超过{MAX_TEXT}字", f"the note is over {MAX_TEXT} characters"))
        if row.answer:
            try:
                flow.step(state, "answer", held)
            except rules.WorkflowError as exc:
                found.append(_refusal("E908", row, ANSWER, filename, row.number,
                                      detail_zh=f"当前状态“{flow.state(concern.state).zh}”不能答复",
                                      detail_en=f"its state '{flow.state(concern.state).en}' takes no answer "
                                                f"({exc.detail_en})"))
            if len(row.answer) > MAX_TEXT:
                found.append(_refusal("E908", row, ANSWER, filename, row.number,
                                      detail_zh=f"答复超过{MAX_TEXT}字", detail_en=f"over {MAX_TEXT} characters"))
        if found:
            problems.extend(found)
            continue
        changes.append(Change(concern, row.row, percent, row.note, row.answer))
    return changes, problems


def apply(actor: User, access: Access, rows: list[Row], filename: str) -> tuple[int, list[dict[str, Any]]]:
    """Check every row again and write them all in one transaction: (events written, problems).
    Nothing is written when there is any problem, or when a step is refused mid-way."""
    changes, problems = check(access, rows, filename)
    if problems:
        return 0, problems
    written = 0
    try:
        with transaction.atomic():
            for change in changes:
                concern = Concern.objects.select_for_update().get(pk=change.concern.pk)
                if change.percent is not None:
                    services.update_progress(actor, concern, change.percent, change.note)
                    written += 1
                if change.answer:
                    services.answer(actor, concern, change.answer)
                    written += 1
    except services.StepRefused as exc:
        return 0, [exc.problem]
    return written, []


def rows_to_session(parsed: Parsed) -> dict[str, Any]:
    return {"filename": parsed.filename, "at": timezone.now().isoformat(),
            "rows": [{"row": r.row, "number": r.number, "percent": r.percent, "note": r.note, "answer": r.answer,
                      "cells": r.cells} for r in parsed.rows]}


def rows_from_session(data: dict[str, Any]) -> tuple[str, list[Row]]:
    rows = [Row(int(r["row"]), str(r["number"]), str(r["percent"]), str(r["note"]), str(r["answer"]),
                {str(k): str(v) for k, v in (r.get("cells") or {}).items()}) for r in data.get("rows") or []]
    return str(data.get("filename") or ""), rows
