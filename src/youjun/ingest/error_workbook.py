"""The error workbook: the person's own workbook back, every problem cell marked, to send to schools.

``write_error_workbook(source, problems, out)`` writes ``out``:

- for an ``.xlsx`` that was read, a **copy** of it with every problem cell filled by severity
  (light red for an error, yellow for a warning) and given a note (the Chinese message and what
  to do, the English after), and a first sheet 问题清单 (sheet, cell, row, value, problem, what to
  do; frozen header, autofilter, a link to each marked cell). The person's sheets, values,
  formats, formulas (kept as written, never evaluated), drop-downs and notes stay as they were;
- for anything else (CSV, Parquet, a folder, .xls/.ods) and for a file the reader refused or
  could not read, the 问题清单 workbook alone, and ``Written.annotated`` says so.

Where a problem is: its ``cell`` ("B5", most problems of a sheet's cells carry it); else, when it
names a column, the column's header found on the sheet (at its row, or the header cell itself
for a problem of the whole column); else, when it names only a row, the row's first cell; a
problem of a whole sheet or of a missing table is on 问题清单 only.

Hostile input: the file has passed the bounded reader, but openpyxl is another parser. The copy
is made in a child process (``python -m youjun.ingest.error_workbook``) under the same address
space and time limits as the reader (``ReadLimits``, ``youjun.ingest.isolated``), after the same
zip and XML inspection (``xlsx_inspect``); a child that fails leaves the list alone. Text we
write into cells goes through ``youjun.core.cells.safe_cell_text``: never a live formula.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from youjun.core.cells import safe_cell_text
from youjun.core.errors import Problem, Severity
from youjun.ingest.headers import HEADER_SCAN_ROWS, normalise_header
from youjun.ingest.limits import ReadLimits
from youjun.ingest.readers import LIST_SHEET, UNREADABLE_CODES

ERROR_FILL = "FFC7CE"  # Excel's own "bad" light red
WARNING_FILL = "FFEB9C"  # and its "neutral" yellow
AUTHOR = "youjun"
ANNOTATED_SUFFIXES = (".xlsx",)
CELL_REF = re.compile(r"^([A-Z]{1,3})([1-9][0-9]*)$")
SEVERITY_ZH = {"error": "错误", "warning": "警告"}

# (header, width): Chinese first, English under it
COLUMNS = (
    ("序号\nNo.", 6), ("严重程度\nSeverity", 9), ("代码\nCode", 8), ("工作表\nSheet", 14),
    ("单元格\nCell", 9), ("行\nRow", 6), ("列\nColumn", 18), ("填写的值\nValue", 18),
    ("问题\nProblem (zh)", 50), ("怎么办\nWhat to do (zh)", 50), ("Problem\n问题（英文）", 50),
    ("What to do\n怎么办（英文）", 50),
)


@dataclass(frozen=True)
class Written:
    """What ``write_error_workbook`` wrote."""

    path: Path
    annotated: bool  # a copy of the person's workbook (False: the 问题清单 alone)
    marked: int  # cells marked in the copy
    listed: int  # problems on 问题清单
    reason_zh: str = ""  # why the list is alone
    reason_en: str = ""

    def line(self, lang: str = "zh") -> str:
        """One line for the command line."""
        if self.annotated:
            return (f"错误工作簿：{self.path}（原文件的副本，已标出 {self.marked:,} 个单元格；"
                    f"问题清单共 {self.listed:,} 条）" if lang == "zh" else
                    f"Error workbook: {self.path} (a copy of the file with {self.marked:,} cells marked; "
                    f"{self.listed:,} problems listed)")
        return (f"错误工作簿：{self.path}（只有问题清单，共 {self.listed:,} 条：{self.reason_zh}）"
                if lang == "zh" else
                f"Error workbook: {self.path} (the problem list alone, {self.listed:,} problems: {self.reason_en})")


def write_error_workbook(source: str | Path, problems: Sequence[Problem], out: str | Path,
                         limits: ReadLimits | None = None) -> Written:
    """The error workbook of ``source`` with ``problems`` (in their order) at ``out``."""
    src, dest = Path(source), Path(out)
    lim = limits or ReadLimits.from_env()
    problems = list(problems)
    reason = _why_list_only(src, problems)
    if reason is None:
        marked = _annotate_in_child(src, problems, dest, lim)
        if marked is not None:
            return Written(dest, True, marked, len(problems))
        reason = ("无法在受限进程中复制该工作簿", "the workbook could not be copied within the reader's limits")
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    write_list(wb, problems, marks={})
    _save(wb, dest)
    return Written(dest, False, 0, len(problems), *reason)


def _why_list_only(src: Path, problems: Sequence[Problem]) -> tuple[str, str] | None:
    if src.is_dir() or src.suffix.lower() not in ANNOTATED_SUFFIXES:
        return ("输入不是 .xlsx 工作簿", "the input is not an .xlsx workbook")
    if any(p.code in UNREADABLE_CODES for p in problems):
        return ("文件未能读取，不再打开", "the file could not be read, so it is not opened again")
    return None


def _save(wb: Any, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.part")
    wb.save(tmp)
    tmp.replace(dest)


# --- the copy ---------------------------------------------------------------------------------

def _illegal() -> re.Pattern[str]:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE


def _text(value: object) -> str:
    """Text for a cell or a note: no control characters (openpyxl refuses them)."""
    return _illegal().sub("", "" if value is None else str(value))


def _note(p: Problem) -> str:
    zh, en = SEVERITY_ZH[str(p.severity)], str(p.severity)
    return (f"[{p.code} {zh}] {p.message('zh')}\n怎么办：{p.hint('zh')}\n"
            f"[{p.code} {en}] {p.message('en')}\nWhat to do: {p.hint('en')}")


def _header_column(ws: Any, name: str) -> tuple[int, int] | None:
    """(row, column) of the header cell written ``name`` among the sheet's first rows."""
    want = normalise_header(name)
    if not want:
        return None
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, HEADER_SCAN_ROWS + 1)):
        for c in row:
            if isinstance(c.value, str) and normalise_header(c.value) == want:
                return c.row, c.column
    return None


def problem_cell(p: Problem) -> str:
    """The cell address a problem carries ("B5"), or ""."""
    return str(getattr(p.location, "cell", "") or dict(p.context).get("cell") or "")


def locate(ws: Any, p: Problem) -> str:
    """The cell a problem is marked on, or "" (on 问题清单 only)."""
    from openpyxl.utils import get_column_letter

    cell = problem_cell(p)
    if CELL_REF.match(cell):
        return cell
    loc = p.location
    if loc.column:  # at its row, or the header of a whole column; a column not on the sheet: listed
        header = _header_column(ws, loc.column)
        return f"{get_column_letter(header[1])}{loc.row or header[0]}" if header else ""
    return f"A{loc.row}" if loc.row else ""  # a row (a title, a hidden row): its first cell


def annotate(wb: Any, problems: Sequence[Problem]) -> int:
    """Mark every problem on its cell of ``wb`` and add 问题清单; the number of cells marked."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    marks: dict[int, tuple[str, str]] = {}
    notes: dict[tuple[str, str], list[Problem]] = {}
    for i, p in enumerate(problems):
        sheet = p.location.sheet
        if not sheet or sheet not in wb.sheetnames or sheet == LIST_SHEET:
            continue
        ref = locate(wb[sheet], p)
        if ref:
            marks[i] = (sheet, ref)
            notes.setdefault((sheet, ref), []).append(p)
    for (sheet, ref), found in notes.items():
        cell = wb[sheet][ref]
        worst = ERROR_FILL if any(q.severity is Severity.ERROR for q in found) else WARNING_FILL
        cell.fill = PatternFill(fill_type="solid", start_color=worst, end_color=worst)
        text = "\n\n".join(_note(q) for q in found)
        if cell.comment is not None:  # the person's own note stays, ours under it
            text = f"{cell.comment.text}\n\n{text}"
        lines = sum(1 + len(line) // 40 for line in text.splitlines())
        cell.comment = Comment(_text(text), AUTHOR, height=min(600, 20 + 15 * lines), width=360)
    write_list(wb, problems, marks)
    return len(notes)


def write_list(wb: Any, problems: Sequence[Problem], marks: dict[int, tuple[str, str]]) -> None:
    """The 问题清单 sheet, first and active; ``marks``: problem index -> (sheet, cell) marked."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    if LIST_SHEET in wb.sheetnames:  # a copy sent back and checked again: the old list goes
        wb.remove(wb[LIST_SHEET])
    ws = wb.create_sheet(LIST_SHEET, 0)
    for other in wb.worksheets:
        other.sheet_view.tabSelected = False  # several selected sheets would be grouped in Excel
    wb.active = 0
    ws.sheet_view.tabSelected = True
    head = Font(bold=True)
    head_fill = PatternFill(fill_type="solid", start_color="EEF2F7", end_color="EEF2F7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, (title, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(1, c, title)
        cell.font, cell.fill, cell.alignment = head, head_fill, wrap
        ws.column_dimensions[get_column_letter(c)].width = width
    if not problems:
        ws.cell(2, 1, "没有发现问题。/ No problems found.")
    for n, p in enumerate(problems, start=1):
        sheet, ref = marks.get(n - 1, (p.location.sheet, ""))
        cell_ref = ref or problem_cell(p)
        values: list[object] = [
            n, SEVERITY_ZH[str(p.severity)], p.code, p.location.sheet, cell_ref,
            p.location.row, p.location.column, p.value,
            p.message("zh"), p.hint("zh"), p.message("en"), p.hint("en"),
        ]
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = safe_cell_text(_text(value))  # text we write is never a formula
                if value == "":
                    continue
            cell = ws.cell(n + 1, c, value)
            if isinstance(value, str):
                cell.data_type = "s"
            if c >= 9:
                cell.alignment = wrap
        if ref:
            link = ws.cell(n + 1, 5)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet.replace(chr(39), chr(39) * 2)}'!{ref}")
            link.font = Font(color="0563C1", underline="single")
        fill = ERROR_FILL if p.severity is Severity.ERROR else WARNING_FILL
        ws.cell(n + 1, 2).fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(problems), 1) + 1}"


# --- the bounded child ------------------------------------------------------------------------

def _annotate_in_child(src: Path, problems: list[Problem], dest: Path, limits: ReadLimits) -> int | None:
    """Copy and mark ``src`` in a child bounded like the reader; the cells marked, or None."""
    from youjun.ingest.isolated import run_module

    folder = tempfile.mkdtemp(prefix="youjun-errors-")  # 0700
    out = Path(folder) / "annotated.xlsx"
    try:
        code, _timed_out, _seconds = run_module("youjun.ingest.error_workbook",
                                                pickle.dumps((str(src), problems, str(out), limits)),
                                                Path(folder), limits.timeout_s)
        summary = out.with_suffix(".json")
        if code != 0 or not out.exists() or not summary.exists():
            return None
        marked = int(json.loads(summary.read_text())["marked"])
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, dest)
        return marked
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _child() -> int:
    from youjun.ingest.isolated import _limit_self

    path, problems, out, limits = pickle.loads(sys.stdin.buffer.read())
    _limit_self(limits)
    from youjun.ingest.xlsx_inspect import inspect_xlsx

    if not inspect_xlsx(Path(path), limits).ok:
        return 3
    from openpyxl import load_workbook

    # formulas stay formulas (not evaluated); links to other files are not followed
    wb = load_workbook(path, data_only=False, keep_links=False, rich_text=True)
    marked = annotate(wb, problems)
    _save(wb, Path(out))
    Path(out).with_suffix(".json").write_text(json.dumps({"marked": marked}))
    return 0


__all__ = ["ERROR_FILL", "LIST_SHEET", "WARNING_FILL", "Written", "annotate", "locate", "problem_cell",
           "write_error_workbook", "write_list"]


if __name__ == "__main__":
    sys.exit(_child())
