"""Where a problem is, in the words of the person who reads it.

A problem records the sheet and column as the file wrote them (often Chinese: "专任教师",
"最高学历"), the cell address ("B5") when it is one cell, and its rule as ``table.field``. A
Chinese reader is shown the file's own names, which they find in the workbook; an English
reader the schema's English table and field names (``youjun.core.schema``). A name the schema
does not know (an extra column) is the file's own text and is shown as written.

``where`` is the one phrase every shell puts before a message (the CLI line, the web list):
工作表“学校” 单元格 B5（第5行，“学校名称”列）, or for a CSV its file: 文件“schools.csv” ….
"""

from __future__ import annotations

from pathlib import PurePath

from youjun.core.errors import Location
from youjun.core.schema import TABLES_BY_KEY, Table, table_for_name
from youjun.ingest.headers import header_index, match_header

TEXT_FILES = (".csv", ".txt")


def _table(sheet: str, rule: str) -> Table | None:
    key = rule.split(".", 1)[0] if "." in rule else ""
    return TABLES_BY_KEY.get(key) or (table_for_name(sheet) if sheet else None)


def place(sheet: str, column: str, rule: str, lang: str) -> tuple[str, str]:
    """(sheet, column) as shown on a ``lang`` page for a problem at ``sheet``/``column``."""
    if lang != "en":
        return sheet, column
    table = _table(sheet, rule)
    if table is None:
        return sheet, column
    # a sheet or header the person named otherwise (学校基本情况, 学校名字) is shown as they wrote it
    shown_sheet = table.en if sheet and table_for_name(sheet) is table else sheet
    field = table.by_key.get(match_header(column, header_index(table)) or "") if column else None
    return shown_sheet, field.en if field is not None else column


def file_name(path: str) -> str:
    """The name a person recognises: the file's own name, not the folder it was found in."""
    return PurePath(path.replace("\\", "/")).name if path else ""


def where(loc: Location, rule: str, lang: str) -> str:
    """工作表“学校” 单元格 B5（第5行，“学校名称”列） / sheet 'Schools', cell B5 (row 5, column
    'School name'); "" for a problem of no place (a command's arguments)."""
    zh = lang != "en"
    sheet, column = place(loc.sheet, loc.column, rule, lang)
    parts: list[str] = []
    if loc.file.lower().endswith(TEXT_FILES):
        # one CSV is one table: its file is what the person opens (the sheet is its name)
        name = file_name(loc.file)
        parts.append(f"文件“{name}”" if zh else f"file '{name}'")
    elif sheet:
        parts.append(f"工作表“{sheet}”" if zh else f"sheet '{sheet}'")
    elif loc.file:
        name = file_name(loc.file)
        parts.append(f"文件“{name}”" if zh else f"file '{name}'")
    inner: list[str] = []
    if loc.row is not None:
        inner.append(f"第{loc.row}行" if zh else f"row {loc.row}")
    if column:
        inner.append(f"“{column}”列" if zh else f"column '{column}'")
    if loc.cell and inner:
        parts.append(f"单元格 {loc.cell}（{'，'.join(inner)}）" if zh else f"cell {loc.cell} ({', '.join(inner)})")
    elif loc.cell:
        parts.append(f"单元格 {loc.cell}" if zh else f"cell {loc.cell}")
    elif inner:
        parts.append("，".join(inner) if zh else ", ".join(inner))
    return (" " if zh else ", ").join(parts)
