"""A workbook's cells read ahead of the validator, without pandas.

The isolated reader's child (``isolated._child``) is a fresh interpreter: importing pandas,
Arrow and the validator took about as long as inspecting and reading a district's workbook
(~0.4 s each of a one-district run). The child now imports them in a thread while this module
inspects the zip and reads every sheet's cells with calamine; the two overlap where either
gives up the interpreter lock (file reads, inflating, the native reader, loading extension
modules). ``readers.read_source`` then takes the cells from here instead of reading them again.

What is read is what ``readers._read_workbook`` would read, in its order: nothing before the
inspection has passed, no sheet the inspection did not list (reading stops there), no very
hidden data sheet. Anything that goes wrong gives None: the file is then read as before, and
that reader says what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from youjun.ingest.limits import ReadLimits
from youjun.ingest.xlsx_inspect import Inspection, inspect_xlsx

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass
class ReadAhead:
    """The cells of a workbook's sheets, as ``CalamineWorkbook`` gives them."""

    path: str
    inspection: Inspection | None  # None for .xls/.ods (not a zip of XML to inspect)
    names: list[str] = field(default_factory=list)  # every sheet, in the workbook's order
    rows: dict[str, Sequence[Sequence[object]]] = field(default_factory=dict)  # the sheets read

    def take(self, name: str) -> Sequence[Sequence[object]]:
        """A sheet's rows, handed over once (the reader keeps only the frame it makes of them)."""
        return self.rows.pop(name)


def read_ahead(path: str | Path, limits: ReadLimits) -> ReadAhead | None:
    """The workbook at ``path`` inspected and its sheets read; None for any other file, a file
    over the size limit, or any failure (left to the ordinary reader to report)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES or not p.is_file():
        return None
    try:
        from python_calamine import CalamineWorkbook

        inspection = None
        if suffix in (".xlsx", ".xlsm"):
            inspection = inspect_xlsx(p, limits)
            if not inspection.ok:
                return ReadAhead(str(p), inspection)  # its problems are the answer; nothing is read
        elif p.stat().st_size > limits.max_file_bytes:
            return None
        book = CalamineWorkbook.from_path(str(p))
        ahead = ReadAhead(str(p), inspection, list(book.sheet_names))
        for name in ahead.names:
            info = inspection.sheet(name) if inspection else None
            if inspection is not None and info is None:
                break  # the reader stops at a sheet the inspection did not list (E109)
            if info is not None and not name.startswith("_") and info.state == "veryHidden":
                continue  # never read (W104)
            ahead.rows[name] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        return ahead
    except Exception:  # MemoryError too: the ordinary reader meets it again and reports it
        return None
