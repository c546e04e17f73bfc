"""Read a district's data from .xlsx, .csv (UTF-8 or GBK/GB18030) or Parquet into raw tables.

Readers do no validation beyond finding tables and headers: every cell stays as read, so the
validator can report the original value. Each raw table keeps the row number a person sees
(the Excel row, the CSV line, or the record number in a Parquet dataset).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from youjun.core.errors import Location, Problem, problem
from youjun.core.schema import Table, table_for_name

VERSION_SHEET = "_youjun"
VERSION_MARKER = "youjun-template"
CSV_VERSION_RE = re.compile(r"\[youjun ([0-9A-Za-z.\-]+)\]")
NOTE_PREFIX = "#"
HIVE_PARTITION_KEY = "district"


@dataclass
class RawTable:
    table: Table
    file: str
    sheet: str
    header: list[str]
    data: pd.DataFrame  # columns are positions 0..n-1, values as read
    row_numbers: list[int]
    header_row: int = 1


@dataclass
class RawSource:
    path: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    template_version: str | None = None


def read_source(path: str | Path) -> RawSource:
    """Read a workbook, a CSV file or directory, or a Parquet file or directory."""
    p = Path(path)
    source = RawSource(str(p))
    try:
        if p.is_dir():
            _read_directory(p, source)
        elif p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            _read_workbook(p, source)
        elif p.suffix.lower() in (".csv", ".txt"):
            _read_csv(p, source)
        elif p.suffix.lower() == ".parquet":
            _read_parquet(p, source)
        elif not p.exists():
            source.problems.append(problem("E101", Location(file=str(p)), detail="文件不存在 / no such file"))
        else:
            source.problems.append(problem("E101", Location(file=str(p)),
                                           detail=f"不支持的格式 / unsupported format {p.suffix}"))
    except Exception as exc:  # any unreadable input becomes a catalogued problem
        source.problems.append(problem("E101", Location(file=str(p)), detail=f"{type(exc).__name__}: {exc}"))
    return source


# --- xlsx ------------------------------------------------------------------------------------

def _read_workbook(path: Path, source: RawSource) -> None:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if name == VERSION_SHEET:
            source.template_version = _version_from_rows(rows)
            continue
        if name.startswith("_"):
            continue  # helper sheets (drop-down lists)
        _add_table(source, name, rows, file=str(path), sheet=name)


def _version_from_rows(rows: Sequence[Sequence[object]]) -> str | None:
    for row in rows:
        if len(row) >= 2 and str(row[0]).strip() == VERSION_MARKER:
            return str(row[1]).strip()
    return None


def _add_table(source: RawSource, name: str, rows: Sequence[Sequence[object]], *, file: str, sheet: str) -> None:
    table = table_for_name(name)
    if table is None:
        if any(any(_filled(c) for c in r) for r in rows):
            source.problems.append(problem("W101", Location(file=file, sheet=sheet), table=name))
        return
    if table.key in source.tables:
        # The same table twice (e.g. 学校.csv and schools.csv): keep the first, report the second.
        source.problems.append(problem("E105", Location(file=file, sheet=sheet),
                                       column_zh=table.zh, column_en=table.en))
        return
    # Skip leading empty rows; the first non-empty row is the header.
    start = 0
    while start < len(rows) and not any(_filled(c) for c in rows[start]):
        start += 1
    if start >= len(rows):
        source.tables[table.key] = RawTable(table, file, sheet, [], pd.DataFrame(), [], start + 1)
        return
    header = [_header_text(c) for c in rows[start]]
    body: list[list[object]] = []
    numbers: list[int] = []
    for offset, row in enumerate(rows[start + 1:], start=start + 2):
        if not any(_filled(c) for c in row):
            continue
        first = next((c for c in row if _filled(c)), "")
        if isinstance(first, str) and first.lstrip().startswith(NOTE_PREFIX):
            if source.template_version is None:
                m = CSV_VERSION_RE.search(first)
                if m:
                    source.template_version = m.group(1)
            continue  # the template's notes row, or a user's comment row
        body.append(list(row) + [None] * (len(header) - len(row)))
        numbers.append(offset)
    width = len(header)
    frame = pd.DataFrame([r[:width] for r in body], columns=range(width), dtype=object)
    source.tables[table.key] = RawTable(table, file, sheet, header, frame, numbers, start + 1)


def _filled(cell: object) -> bool:
    if cell is None:
        return False
    if isinstance(cell, str):
        return cell.strip() != ""
    return not (isinstance(cell, float) and cell != cell)


def _header_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


# --- csv -------------------------------------------------------------------------------------

CSV_ENCODINGS = ("utf-8-sig", "gb18030")


def _decode(path: Path) -> str | None:
    raw = path.read_bytes()
    for enc in CSV_ENCODINGS:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _read_csv(path: Path, source: RawSource) -> None:
    import csv
    import io

    text = _decode(path)
    if text is None:
        source.problems.append(problem("E107", Location(file=str(path))))
        return
    rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text))]
    _add_table(source, path.stem, rows, file=str(path), sheet=path.stem)


# --- parquet ---------------------------------------------------------------------------------

def _read_parquet(path: Path, source: RawSource, name: str | None = None) -> None:
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
    arrow = dataset.to_table()
    table = table_for_name(name or path.stem)
    if table is None:
        source.problems.append(problem("W101", Location(file=str(path)), table=name or path.stem))
        return
    names = list(arrow.column_names)
    if HIVE_PARTITION_KEY in names and HIVE_PARTITION_KEY not in table.by_key:
        arrow = arrow.drop([HIVE_PARTITION_KEY])
        names.remove(HIVE_PARTITION_KEY)
    frame = arrow.to_pandas(types_mapper=_arrow_types)
    frame.columns = range(len(names))
    source.tables[table.key] = RawTable(
        table, str(path), table.zh, names, frame, list(range(1, len(frame) + 1)), 0
    )


def _arrow_types(arrow_type: object) -> object:
    """Keep integers nullable and strings as objects so nothing is silently converted."""
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None


# --- directories -----------------------------------------------------------------------------

def _read_directory(path: Path, source: RawSource) -> None:
    for child in sorted(path.iterdir()):
        if child.name.startswith((".", "_")):
            continue
        if child.is_dir():
            if any(child.rglob("*.parquet")):
                _read_parquet(child, source, name=child.name)
            continue
        suffix = child.suffix.lower()
        if suffix in (".csv", ".txt"):
            _read_csv(child, source)
        elif suffix == ".parquet":
            _read_parquet(child, source)
        elif suffix in (".xlsx", ".xlsm"):
            _read_workbook(child, source)
