"""Write tables (or empty templates) as an Excel workbook, CSV files or Parquet.

The workbook is the template a school's data officer fills in: a 填表说明 sheet (how to fill
it, one line per sheet), then one sheet per table, opening on 区县; Chinese headers with a note
on each (Chinese first, English second), a notes row with units and whether a field is
required, drop-downs for coded fields and yes/no down to ``TEMPLATE_ROWS`` data rows, code
columns formatted as text (so Excel keeps leading zeros and all ten digits), the hidden
``_lists`` sheet the drop-downs read, and a hidden sheet carrying the template version so an
outdated template is recognised. ``write_template(..., prefill=tables)`` writes the given rows
(the district and last year's schools, ``youjun template --from DB``) into the same form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from youjun.core.cells import safe_cell_text
from youjun.core.evidence_rows import DISTRICT_ITEMS, SCHOOL_ITEMS, grouped, quoted
from youjun.core.schema import SCHEMA_VERSION, TABLES, TABLES_BY_KEY, Field, FieldType, Table
from youjun.ingest.readers import GUIDE_SHEET, NOTE_PREFIX, VERSION_MARKER, VERSION_SHEET

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

TEMPLATE_ROWS = 20_000  # data rows that carry drop-downs (a district has up to ~18,000 teachers)
FIRST_SHEET = "districts"  # the sheet the workbook opens on


def field_note(f: Field, lang: str = "zh") -> str:
    parts: list[str] = []
    if lang == "zh":
        parts.append("必填" if f.required and not f.blank_means_zero else "选填")
        if f.unit_zh:
            parts.append(f"单位：{f.unit_zh}")
        if f.choices:
            parts.append("下拉选择")
        if f.pattern_hint_zh:
            parts.append(f.pattern_hint_zh)
        if f.note_zh:
            parts.append(f.note_zh)
        return f"{NOTE_PREFIX} " + "；".join(parts)
    parts.append("required" if f.required and not f.blank_means_zero else "optional")
    if f.unit_en:
        parts.append(f"unit: {f.unit_en}")
    if f.pattern_hint_en:
        parts.append(f.pattern_hint_en)
    if f.note_en:
        parts.append(f.note_en)
    return f"{NOTE_PREFIX} " + "; ".join(parts)


def _display_frame(table: Table, frame: pd.DataFrame | None, *, labels: bool) -> list[list[object]]:
    """Rows of cell values in field order; coded values as Chinese labels when ``labels``."""
    if frame is None or frame.empty:
        return []
    columns: list[list[object]] = []
    for f in table.fields:
        if f.key not in frame.columns:
            columns.append([None] * len(frame))
            continue
        values = frame[f.key].astype(object).where(frame[f.key].notna(), None).tolist()
        if f.type is FieldType.BOOLEAN:
            yes, no = ("是", "否") if labels else (True, False)
            values = [None if v is None else (yes if bool(v) else no) for v in values]
        elif f.type is FieldType.CODE and labels:
            label = {c.code: c.zh for c in f.choices}
            values = [None if v is None else label.get(v, v) for v in values]
        elif f.type is FieldType.INTEGER:
            values = [None if v is None else int(v) for v in values]
        columns.append(values)
    return [list(r) for r in zip(*columns, strict=True)]


def write_tables(tables: Mapping[str, pd.DataFrame], path: str | Path, fmt: str | None = None) -> None:
    """Write canonical tables to ``path`` as xlsx (a file), csv or parquet (a directory)."""
    p = Path(path)
    fmt = (fmt or p.suffix.lstrip(".") or "csv").lower()
    if fmt == "xlsx":
        _write_workbook(tables, p)
    elif fmt == "csv":
        _write_csv(tables, p)
    elif fmt == "parquet":
        _write_parquet(tables, p)
    else:
        raise ValueError(f"unknown format {fmt!r}: use xlsx, csv or parquet")


def write_template(path: str | Path, fmt: str | None = None,
                   prefill: Mapping[str, pd.DataFrame] | None = None) -> None:
    """The empty template, or the template with ``prefill``'s rows already in it."""
    write_tables(dict(prefill or {}), path, fmt)


@dataclass(frozen=True)
class Prefill:
    """What ``youjun template --from DB`` puts in the template, and from which snapshot."""

    tables: dict[str, pd.DataFrame]
    snapshot_id: str
    school_year: str  # the stored year the rows come from
    next_year: str  # the year the template is for

    def line(self) -> str:
        n = len(self.tables["schools"])
        names = "、".join(str(x) for x in self.tables["districts"]["district_name"].dropna())
        return (f"已预填：{names} {self.next_year} 学年，{self.school_year} 学年的 {n:,} 所学校"
                f"（快照 {self.snapshot_id}） / pre-filled: {self.next_year}, {n:,} schools of "
                f"{self.school_year} (snapshot {self.snapshot_id})")


def next_school_year(year: str) -> str:
    """"2025-2026" -> "2026-2027"; "" when ``year`` is not a school year."""
    m = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", str(year))
    return f"{int(m.group(1)) + 1}-{int(m.group(2)) + 1}" if m else ""


def prefill_from_db(db_path: str | Path) -> Prefill:
    """The district (for the next school year) and the schools of the latest school year stored
    in a DuckDB database. Figures (every field with a unit: pupils, posts, population) and the
    statistical date are this year's and stay empty. LookupError when there is nothing to take."""
    import duckdb

    from youjun.ingest.store import load_snapshot

    db = Path(db_path)
    if not db.is_file():
        raise LookupError(f"没有该数据库 / no such database: {db}")
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT snapshot_id, school_year FROM snapshots "
                          "ORDER BY school_year DESC, imported_at DESC LIMIT 1").fetchone()
    except duckdb.CatalogException:
        row = None
    finally:
        con.close()
    if row is None:
        raise LookupError(f"数据库中没有已导入的数据 / the database holds no snapshot: {db}")
    _snap, stored = load_snapshot(db, str(row[0]))
    year = str(row[1])
    tables: dict[str, pd.DataFrame] = {}
    for key in ("districts", "schools"):
        table = TABLES_BY_KEY[key]
        frame = stored[key].copy().astype(object)
        for f in table.fields:
            if f.unit_zh or f.type is FieldType.DATE:
                frame[f.key] = None
        tables[key] = frame
    tables["districts"]["school_year"] = next_school_year(year) or None
    return Prefill(tables, str(row[0]), year, next_school_year(year))


def header_note(f: Field) -> str:
    """The note on a header cell: Chinese first, English second."""
    zh = field_note(f).removeprefix(f"{NOTE_PREFIX} ")
    en = field_note(f, "en").removeprefix(f"{NOTE_PREFIX} ")
    return f"{f.zh}：{zh}\n{f.en} ({f.key}): {en}"


GUIDE_GENERAL = (
    ("怎么填", "How to fill it in"),
    ("每个工作表一张数据表：第1行是列名（深蓝为必填，浅蓝为选填），第2行是说明（单位、是否必填），"
     "从第3行起每行一条记录。请勿改动表名、列名和第2行。",
     "One table per sheet: row 1 holds the column names (dark blue: required, light blue: optional), "
     "row 2 the notes (unit, required or not); records start on row 3. Do not rename sheets or columns, "
     "and keep row 2."),
    ("把鼠标停在列名上可看到该列的说明；带下拉箭头的列请从下拉列表中选择。",
     "Hover over a column name to read its note; pick coded columns from their drop-down list."),
    ("学校标识码（10位）、区县代码（6位）、教师编号等代码列已设为文本格式，请照原样填写，不要改成数字。",
     "Code columns (10-digit school code, 6-digit district code, teacher id) are text: type them as they "
     "are, never as numbers."),
    ("只填数字，不带单位（单位见第2行）：面积为平方米，金额为元（教学仪器设备资产值为万元）；"
     "“区县比率”中比率填百分数（96.2，不是 0.962），差异率填小数。",
     "Numbers only, without units (row 2 gives the unit): areas in m², money in yuan (equipment in "
     "10,000 yuan); on 区县比率 rates in percent (96.2, not 0.962), difference rates as decimals."),
    ("教师编号须脱敏，不得填写身份证号或手机号。",
     "Teacher ids are masked ids: never a resident ID or a phone number."),
    ("填好后先用 youjun validate 文件.xlsx 校验（或在网页上传），按问题清单逐条修改后再导入。",
     "Check the file with youjun validate FILE.xlsx (or upload it on the web) and correct every "
     "problem listed before importing."),
)


# 佐证材料 is optional as a sheet (a file without it is read), never for recognition: the rows the
# assessment needs of every district (``core.evidence_rows``: the ones ``youjun validate`` warns
# about, W507), said in the guide and on the sheet's line of the table below it.
GUIDE_EVIDENCE = (  # a line each (walk 41: one sentence of 300 characters was hard to act on)
    ("“佐证材料”不是选填：缺少下列任一项认定，该区县不予认定。每项填一行：区县代码；评估项目（从下拉列表选）；"
     "认定结论；认定单位（人），即作出认定的单位或个人；认定日期，如 2025-12-12；学校标识码留空；附件编号、说明选填。",
     "'佐证材料' (Evidence) is not optional: without any one of the findings below, the district is not recognised. "
     "One row each: district code; item (pick it from the list); finding; attested by (the body or person "
     "who attested it); attested on, e.g. 2025-12-12; school code left empty; attachment reference and "
     "note optional."),
    ("每个区县须逐项认定：\n" + grouped(DISTRICT_ITEMS).replace("；", "；\n") + "。",  # a kind a line
     "Every district needs a finding for each of:\n" + grouped(DISTRICT_ITEMS, "en").replace("; ", ";\n") + "."),
    ("一票否决事项须逐项认定：认定结论填“达标”，即经核查不存在该情形。",
     "Every veto needs a finding of its own: 'Met' means it was checked and the case does not arise."),
    (f"{quoted(SCHOOL_ITEMS)}逐校认定：每所参评学校各一行（填学校标识码）；缺少任一学校的认定，同样不予认定。",
     f"{quoted(SCHOOL_ITEMS, 'en')} are attested per school: one row for each assessed school (with its school "
     "code); without the finding of any one school, the district is not recognised either."),
)
GUIDE_REQUIRED = {  # the 是否必填 of a table optional as a sheet but needed all the same
    "evidence": ("必填：评估认定所需（见上方说明）", "required for recognition, see above"),
}


def _write_guide(ws: Worksheet, wb: Workbook) -> None:
    """The 填表说明 sheet: how to fill the workbook, then one line per sheet."""
    title = wb.add_format({"bold": True, "font_size": 14})
    bold = wb.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True,
                          "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    ws.write_string(0, 0, "填表说明 / How to fill in this workbook", title)
    r = 2
    for zh, en in (*GUIDE_GENERAL, *GUIDE_EVIDENCE):
        ws.write_string(r, 0, zh, wrap)
        ws.write_string(r, 1, en, wrap)
        r += 1
    r += 1
    for c, head in enumerate(("工作表 Sheet", "填写内容 What it holds", "是否必填 Required",
                              "单位 Units", "English")):
        ws.write_string(r, c, head, bold)
    for table in TABLES:
        r += 1
        units = list(dict.fromkeys(  # in field order; the grades' pupils said once
            f"{'各年级学生数' if f.key.startswith('students_g') else f.zh}：{f.unit_zh}"
            for f in table.fields if f.unit_zh))
        ws.write_string(r, 0, table.zh, wrap)
        ws.write_string(r, 1, table.note_zh, wrap)
        needed = GUIDE_REQUIRED.get(table.key)
        ws.write_string(r, 2, "必填" if table.required else needed[0] if needed else "选填（没有可留空）", wrap)
        ws.write_string(r, 3, "；".join(units) if units else "—", wrap)
        english = f"{table.en}: {table.note_en}" if table.note_en else table.en
        ws.write_string(r, 4, f"{english} ({needed[1]})" if needed else english, wrap)
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 2, 14)
    ws.set_column(3, 3, 48)
    ws.set_column(4, 4, 48)


def _write_workbook(tables: Mapping[str, pd.DataFrame], path: Path) -> None:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    head_required = wb.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF",
                                   "border": 1, "text_wrap": True, "valign": "vcenter"})
    head_optional = wb.add_format({"bold": True, "bg_color": "#5B9BD5", "font_color": "#FFFFFF",
                                   "border": 1, "text_wrap": True, "valign": "vcenter"})
    note = wb.add_format({"italic": True, "font_color": "#595959", "bg_color": "#F2F2F2",
                          "text_wrap": True, "font_size": 9, "valign": "top"})
    text = wb.add_format({"num_format": "@"})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})

    _write_guide(wb.add_worksheet(GUIDE_SHEET), wb)
    sheets = {table.key: wb.add_worksheet(table.zh) for table in TABLES}
    lists = wb.add_worksheet("_lists")
    list_ranges: dict[tuple[str, str], str] = {}
    col = 0
    for table in TABLES:
        for f in table.fields:
            if not f.choices:
                continue
            name = "bool" if f.type is FieldType.BOOLEAN else f"{table.key}.{f.key}"
            if (name, "") in list_ranges:
                list_ranges[(table.key, f.key)] = list_ranges[(name, "")]
                continue
            for r, choice in enumerate(f.choices):
                lists.write_string(r, col, choice.zh)
            letter = xlsxwriter.utility.xl_col_to_name(col)
            ref = f"=_lists!${letter}$1:${letter}${len(f.choices)}"
            list_ranges[(name, "")] = ref
            list_ranges[(table.key, f.key)] = ref
            col += 1
    lists.hide()

    for table in TABLES:
        ws = sheets[table.key]
        rows = _display_frame(table, tables.get(table.key), labels=True)
        last = max(len(rows) + 1, TEMPLATE_ROWS + 1)  # 0-based: data rows 3 .. TEMPLATE_ROWS + 2
        for c, f in enumerate(table.fields):
            required = f.required and not f.blank_means_zero
            ws.write_string(0, c, f.zh, head_required if required else head_optional)
            ws.write_string(1, c, field_note(f), note)
            ws.write_comment(0, c, header_note(f), {"x_scale": 2.4, "y_scale": 1.6, "author": "youjun"})
            is_text = f.type in (FieldType.STRING, FieldType.CODE)
            ws.set_column(c, c, max(10, min(28, len(f.zh) * 2 + 2)), text if is_text else None)
            if f.choices:
                ws.data_validation(2, c, last, c, {
                    "validate": "list", "source": list_ranges[(table.key, f.key)],
                    "error_title": "请从下拉列表选择", "error_message": f"{f.zh}：请从下拉列表中选择。",
                })
        ws.set_row(1, 48)
        ws.freeze_panes(2, 1)
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, safe_cell_text(value))  # text, never a formula
                elif isinstance(value, (date, datetime)):
                    ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day)
                elif isinstance(value, bool):
                    ws.write_string(r, c, "是" if value else "否")
                else:
                    ws.write_number(r, c, float(value))  # type: ignore[arg-type]

    sheets[FIRST_SHEET].activate()  # opens on 区县 (the guide is one tab to the left)
    meta = wb.add_worksheet(VERSION_SHEET)
    meta.write_string(0, 0, VERSION_MARKER)
    meta.write_string(0, 1, SCHEMA_VERSION)
    meta.write_string(1, 0, "说明 / note")
    meta.write_string(1, 1, "请勿修改此工作表 / do not edit this sheet")
    meta.hide()
    wb.close()


def _write_csv(tables: Mapping[str, pd.DataFrame], directory: Path) -> None:
    import csv

    directory.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        rows = _display_frame(table, tables.get(table.key), labels=True)
        with (directory / f"{table.key}.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([f.zh for f in table.fields])
            notes = [field_note(f) for f in table.fields]
            notes[0] = f"{NOTE_PREFIX} [youjun {SCHEMA_VERSION}] " + notes[0].removeprefix(f"{NOTE_PREFIX} ")
            writer.writerow(notes)
            for row in rows:
                writer.writerow(["" if v is None else _csv_cell(v) for v in row])


def _csv_cell(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return safe_cell_text(value)  # a CSV has no cell types: formula-like text gets a leading '


def arrow_table(table: Table, frame: pd.DataFrame) -> object:
    """A canonical frame as an Arrow table with the contract's types (codes as strings)."""
    import pyarrow as pa

    arrow_types = {
        FieldType.STRING: pa.string(), FieldType.CODE: pa.string(), FieldType.INTEGER: pa.int64(),
        FieldType.NUMBER: pa.float64(), FieldType.BOOLEAN: pa.bool_(), FieldType.DATE: pa.date32(),
    }
    arrays = []
    for f in table.fields:
        values = frame[f.key] if f.key in frame.columns else pd.Series([None] * len(frame))
        cleaned = values.astype(object).where(values.notna(), None).tolist()
        if f.type is FieldType.INTEGER:
            cleaned = [None if v is None else int(v) for v in cleaned]
        elif f.type is FieldType.NUMBER:
            cleaned = [None if v is None else float(v) for v in cleaned]
        arrays.append(pa.array(cleaned, type=arrow_types[f.type]))
    return pa.Table.from_arrays(arrays, names=[f.key for f in table.fields])


def _write_parquet(tables: Mapping[str, pd.DataFrame], directory: Path) -> None:
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        frame = tables.get(table.key)
        if frame is None:
            frame = pd.DataFrame(columns=[f.key for f in table.fields])
        pq.write_table(arrow_table(table, frame), directory / f"{table.key}.parquet")
