"""Write tables (or empty templates) as an Excel workbook, CSV files or Parquet.

The workbook is the template a school's data officer fills in: one sheet per table, Chinese
headers, a notes row with units and whether a field is required, drop-downs for coded fields
and yes/no, code columns formatted as text (so Excel keeps leading zeros and all ten digits),
and a hidden sheet carrying the template version so an outdated template is recognised.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from youjun.core.cells import safe_cell_text
from youjun.core.schema import SCHEMA_VERSION, TABLES, Field, FieldType, Table
from youjun.ingest.readers import NOTE_PREFIX, VERSION_MARKER, VERSION_SHEET

TEMPLATE_ROWS = 2000  # rows that carry drop-downs in an empty template


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


def write_template(path: str | Path, fmt: str | None = None) -> None:
    write_tables({}, path, fmt)


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
        ws = wb.add_worksheet(table.zh)
        rows = _display_frame(table, tables.get(table.key), labels=True)
        last = max(len(rows) + 1, TEMPLATE_ROWS)
        for c, f in enumerate(table.fields):
            required = f.required and not f.blank_means_zero
            ws.write_string(0, c, f.zh, head_required if required else head_optional)
            ws.write_string(1, c, field_note(f), note)
            ws.write_comment(0, c, f"{f.en} ({f.key})\n{field_note(f, 'en')[2:]}",
                             {"x_scale": 2, "y_scale": 1.2})
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
