"""Where a problem is, in the words of the person who reads it.

A problem records the sheet and column as the file wrote them (often Chinese: "专任教师",
"最高学历"), the cell address ("B5") when it is one cell, and its rule as ``table.field``. A
Chinese reader is shown the file's own names, which they find in the workbook; an English
reader the same names with the schema's English after them (``youjun.core.schema``), since the
template's tabs and headers are Chinese in either language. A name the schema does not know (an
extra column) is the file's own text and is shown as written.

``where`` is the one phrase every shell puts before a message (the CLI line, the web list):
工作表“学校”单元格 B5（第5行，“学校名称”列）, 工作表“学校”第5行, 工作表“佐证材料”的“评估项目”列,
or for a CSV its file: 文件“schools.csv”单元格 B5（…）.
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


def _names(sheet: str, column: str, rule: str, lang: str) -> tuple[str, str, str, str]:
    """(sheet, its English, column, its English): the names as the file has them, and on an
    English page the schema's English for a name the schema knows and the file wrote otherwise."""
    if lang != "en":
        return sheet, "", column, ""
    # the table the sheet is (a check across tables, "teachers.pe_per_school", may point at 学校)
    table = (table_for_name(sheet) if sheet else None) or _table(sheet, rule)
    if table is None:
        return sheet, "", column, ""
    # a sheet or header the person named otherwise (学校基本情况, 学校名字) is glossed all the same
    sheet_en = table.en if sheet and table_for_name(sheet) is table else ""
    field = table.by_key.get(match_header(column, header_index(table)) or "") if column else None
    column_en = field.en if field is not None else ""
    # no gloss for a name the file wrote in English already (Evidence, books)
    return (sheet, "" if sheet.casefold() in (sheet_en.casefold(), table.key) else sheet_en,
            column, "" if field is None or column.casefold() in (column_en.casefold(), field.key) else column_en)


def place(sheet: str, column: str, rule: str, lang: str) -> tuple[str, str]:
    """(sheet, column) as shown on a ``lang`` page for a problem at ``sheet``/``column``: on an
    English page the file's own names with the schema's English after them, 佐证材料 (Evidence),
    since the template's tabs and headers are Chinese whatever the reader's language (walk 41:
    "sheet 'Evidence'" named a tab no workbook has)."""
    sheet, sheet_en, column, column_en = _names(sheet, column, rule, lang)
    return (f"{sheet} ({sheet_en})" if sheet_en else sheet, f"{column} ({column_en})" if column_en else column)


def file_name(path: str) -> str:
    """The name a person recognises: the file's own name, not the folder it was found in."""
    return PurePath(path.replace("\\", "/")).name if path else ""


def where(loc: Location, rule: str, lang: str) -> str:
    """工作表“学校”单元格 B5（第5行，“学校名称”列） / sheet '学校' (Schools), cell B5 (row 5,
    column '学校名称' (School name)); "" for a problem of no place (a command's arguments)."""
    zh = lang != "en"
    sheet, sheet_en, column, column_en = _names(loc.sheet, loc.column, rule, lang)
    parts: list[str] = []
    if loc.file.lower().endswith(TEXT_FILES):
        # one CSV is one table: its file is what the person opens (the sheet is its name)
        name = file_name(loc.file)
        parts.append(f"文件“{name}”" if zh else f"file '{name}'")
    elif sheet:
        parts.append(f"工作表“{sheet}”" if zh else f"sheet '{sheet}'" + (f" ({sheet_en})" if sheet_en else ""))
    elif loc.file:
        name = file_name(loc.file)
        parts.append(f"文件“{name}”" if zh else f"file '{name}'")
    inner: list[str] = []
    if loc.row is not None:
        inner.append(f"第{loc.row}行" if zh else f"row {loc.row}")
    if column:
        inner.append(f"“{column}”列" if zh else f"column '{column}'" + (f" ({column_en})" if column_en else ""))
    if loc.cell and inner:
        parts.append(f"单元格 {loc.cell}（{'，'.join(inner)}）" if zh else f"cell {loc.cell} ({', '.join(inner)})")
    elif loc.cell:
        parts.append(f"单元格 {loc.cell}" if zh else f"cell {loc.cell}")
    elif inner and zh and parts:
        # no space inside a Chinese phrase (walk 41): 工作表“学校”第5行, 工作表“佐证材料”的“评估项目”列
        return parts[0] + ("" if loc.row is not None else "的") + "，".join(inner)
    elif inner:
        parts.append("，".join(inner) if zh else ", ".join(inner))
    return ("" if zh else ", ").join(parts)  # 工作表“学校”单元格 B5（…）, as the phrase above (walk 43)
