"""Text written into spreadsheet cells stays text: no formula, no DDE, in any export.

An uploaded school name such as ``=HYPERLINK("http://x","y")`` or ``=cmd|' /C calc'!A0``
must not become a live formula in a workbook or CSV the platform hands back to a bureau.
Spreadsheet programs (Excel, WPS, LibreOffice) start a formula with ``= + - @`` and, when a
CSV is opened, also after a leading tab or carriage return; WPS and Excel with a Chinese IME
accept the full-width ``＝ ＋ － ＠`` as the same operators. Such text gets a leading ``'``,
the mark every spreadsheet reads as "this cell is text" (OWASP's advice for CSV injection).

Real numbers stay numbers (a bureau computes with them): only ``str`` values are escaped, so
``-1.5`` written as a number is untouched while the text ``"-1+1"`` is escaped.

Writers of typed cells (xlsx) call :func:`write_cell`; writers without cell types (CSV) call
:func:`safe_cell_text`. Both decide with :func:`looks_like_formula`, so every export agrees.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
QUOTE = "'"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (leading blanks are skipped
    by some programs, so they are looked through)."""
    stripped = text.lstrip(" \u3000")
    if not stripped:
        return False
    return text[0] in FORMULA_STARTS or stripped[0] in FORMULA_STARTS


def safe_cell_text(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet could run; then ``'`` + text."""
    if isinstance(value, str) and looks_like_formula(value):
        return QUOTE + value
    return value


def restore_cell_text(text: str) -> str:
    """Undo :func:`safe_cell_text` on text read back from a CSV the platform wrote, so a
    download and upload round trip keeps ``=A`` as ``=A`` (a leading ``'`` before anything
    else is the person's own text and stays)."""
    if text.startswith(QUOTE) and looks_like_formula(text[1:]):
        return text[1:]
    return text


class TextSheet(Protocol):
    """The part of an xlsxwriter worksheet :func:`write_cell` uses (duck-typed: the core
    imports no file format)."""

    def write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> Any: ...

    def write_number(self, row: int, col: int, number: float, cell_format: Any = None) -> Any: ...

    def write_blank(self, row: int, col: int, blank: Any, cell_format: Any = None) -> Any: ...

    def write_boolean(self, row: int, col: int, boolean: bool, cell_format: Any = None) -> Any: ...


def _numpy_kind(value: Any) -> str:
    # numpy scalars, recognised without importing numpy
    return str(value.dtype.kind) if type(value).__module__ == "numpy" and hasattr(value, "dtype") else ""


def is_real_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)) or _numpy_kind(value) in ("i", "u", "f"):
        return math.isfinite(float(value))
    return False


def is_missing(value: Any) -> bool:
    """None, NaN, and pandas' NA/NaT (by type name: the core imports no pandas)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and math.isnan(value)


def write_cell(ws: TextSheet, row: int, col: int, value: Any, cell_format: Any = None) -> None:
    """One typed cell: numbers as numbers, missing as blank, everything else as a string
    cell (never ``worksheet.write``, which turns ``=...`` text into a formula). Formula-like
    text also gets the ``'`` so that editing the cell in Excel cannot revive the formula."""
    if is_missing(value):
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool) or _numpy_kind(value) == "b":
        ws.write_boolean(row, col, bool(value), cell_format)
    elif is_real_number(value):
        ws.write_number(row, col, float(value), cell_format)
    else:
        ws.write_string(row, col, safe_cell_text(str(value)), cell_format)
