"""A workbook opened the one way every reader opens it, and its cells read ahead of the validator.

``open_workbook`` is the one gate before the native reader: an .xlsx/.xlsm is inspected first
(the dense range the reader allocates is bounded only once that has passed), any other workbook
is held to the file-size limit. ``readers._read_workbook`` reads its sheets from what it opens.

The isolated reader's child (``isolated._child``) is a fresh interpreter: importing pandas,
Arrow and the validator took about as long as inspecting and reading a district's workbook
(~0.4 s each of a one-district run). The child now imports them in a thread while
``read_ahead`` inspects the zip and reads every sheet's cells with calamine; the two overlap
where either gives up the interpreter lock (file reads, inflating, the native reader, loading
extension modules). ``readers.read_source`` then takes the cells from here instead of reading
them again.

What is read ahead is what ``readers._read_workbook`` would read, in its order: nothing before
the inspection has passed, no sheet the inspection did not list (reading stops there), no very
hidden data sheet. Anything that goes wrong gives None: the file is then read as before, and
that reader says what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from youjun.core.errors import Location, Problem, problem
from youjun.ingest.limits import ReadLimits
from youjun.ingest.xlsx_inspect import Inspection, human_bytes, inspect_xlsx

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
INSPECTED_SUFFIXES = (".xlsx", ".xlsm")  # zips of XML; .xls and .ods are held to the size limit


@dataclass
class ReadAhead:
    """A workbook as opened: why it is refused, or its sheets' names and the cells read so far."""

    path: str
    inspection: Inspection | None  # None for .xls/.ods (not a zip of XML to inspect)
    problems: list[Problem] = field(default_factory=list)  # why nothing is read: inspection's, or E108
    names: list[str] = field(default_factory=list)  # every sheet, in the workbook's order
    rows: dict[str, Sequence[Sequence[object]]] = field(default_factory=dict)  # the sheets read ahead
    book: Any = field(default=None, repr=False)  # the open reader while sheets remain to be read

    def take(self, name: str) -> Sequence[Sequence[object]]:
        """A sheet's rows, handed over once (the reader keeps only the frame it makes of them)."""
        if name in self.rows:
            return self.rows.pop(name)
        return self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def open_workbook(path: Path, limits: ReadLimits) -> ReadAhead:
    """``path`` inspected or held to the size limit, then opened; refused with its problems."""
    inspection = None
    if path.suffix.lower() in INSPECTED_SUFFIXES:
        inspection = inspect_xlsx(path, limits)
        if not inspection.ok:
            return ReadAhead(str(path), inspection, list(inspection.problems))
    elif (size := path.stat().st_size) > limits.max_file_bytes:
        return ReadAhead(str(path), None, [problem("E108", Location(file=str(path)), human_bytes(size),
                                                   limit=human_bytes(limits.max_file_bytes))])
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return ReadAhead(str(path), inspection, names=list(book.sheet_names), book=book)


def read_ahead(path: str | Path, limits: ReadLimits) -> ReadAhead | None:
    """The workbook at ``path`` opened and its sheets read, or refused with its problems; None
    for any other file or any failure (left to the ordinary reader to report)."""
    p = Path(path)
    if p.suffix.lower() not in WORKBOOK_SUFFIXES or not p.is_file():
        return None
    try:
        ahead = open_workbook(p, limits)
        inspection = ahead.inspection
        for name in ahead.names if not ahead.problems else ():
            info = inspection.sheet(name) if inspection else None
            if inspection is not None and info is None:
                break  # the reader stops at a sheet the inspection did not list (E109)
            if info is not None and not name.startswith("_") and info.state == "veryHidden":
                continue  # never read (W104)
            ahead.rows[name] = ahead.take(name)
        ahead.book = None  # every sheet it will be asked for is read; the reader is not pickled
        return ahead
    except Exception:  # MemoryError too: the ordinary reader meets it again and reports it
        return None
