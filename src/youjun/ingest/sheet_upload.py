"""Reading an uploaded one-sheet workbook for the web's small imports (consultation's bulk progress
and member roster, a school's pupil roster): bounded before it is read (size, then
``inspect_xlsx``'s limits), read by values only (formulas are never evaluated), the template's
sheet chosen, its header row mapped to columns."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from youjun.core.errors import Location, problem
from youjun.ingest.xlsx_inspect import human_bytes, inspect_xlsx, unreadable_because


@dataclass
class Sheet:
    """The rows of the chosen sheet (header first), what inspection saw of it, or the problems."""

    rows: list[list[Any]] = field(default_factory=list)
    info: Any = None  # the inspection's view of the sheet (percent-formatted cells)
    problems: list[dict[str, Any]] = field(default_factory=list)
    empty: bool = False  # no bytes at all: the caller says so in its own words


def read_sheet(content: bytes, filename: str, size: int | None, *, max_bytes: int, limits: Any,
               sheet: str) -> Sheet:
    """``sheet`` if the workbook has it visible, else its first visible sheet."""
    out = Sheet()
    size = len(content) if size is None else size
    if size > max_bytes:
        out.problems.append(problem("E108", Location(file=filename), human_bytes(size),
                                    limit=human_bytes(max_bytes)).to_dict())
        return out
    if not content:
        out.empty = True
        return out
    with tempfile.TemporaryDirectory(prefix="youjun-sheet-") as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(content)
        inspection = inspect_xlsx(path, limits)
        if not inspection.ok:
            out.problems.extend(p.to_dict() for p in inspection.problems)
            return out
        try:
            from python_calamine import CalamineWorkbook

            wb = CalamineWorkbook.from_path(str(path))
            names = [s.name for s in inspection.sheets if s.state == "visible"]
            name = sheet if sheet in names else (names[0] if names else "")
            out.info = inspection.sheet(name)
            out.rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False) if name else []
        except Exception as exc:  # any unreadable input becomes a catalogued problem
            out.problems.append(unreadable_because(filename, exc).to_dict())
    return out


def header_positions(header: Iterable[str], aliases: Mapping[str, str], known: Iterable[str]) -> dict[str, int]:
    """Column index of each known header (its first occurrence; aliases matched case-blind)."""
    wanted = set(known)
    positions: dict[str, int] = {}
    for i, text in enumerate(header):
        key = aliases.get(text.casefold(), text)
        if key in wanted and key not in positions:
            positions[key] = i
    return positions
