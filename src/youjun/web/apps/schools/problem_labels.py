"""Where a problem is, in the reader's language.

A problem records the sheet and column as the file wrote them (often Chinese: "专任教师",
"最高学历") and its rule as ``table.field``. A Chinese page shows the file's own names, which the
person finds in the workbook; an English page shows the schema's English table and field names
(``youjun.core.schema``). A name the schema does not know (an extra column) is the file's own
text and is shown as written.
"""

from __future__ import annotations

from youjun.core.schema import TABLES_BY_KEY, Table, table_for_name


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
    field_key = rule.split(".", 1)[1] if rule.startswith(f"{table.key}.") else ""
    field = table.by_key.get(field_key)
    shown_sheet = table.en if sheet else ""
    shown_column = field.en if field is not None and column else column
    return shown_sheet, shown_column
