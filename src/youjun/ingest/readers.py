"""Read a district's data from .xlsx, .csv (UTF-8 or GBK/GB18030) or Parquet into raw tables.

Readers do no validation beyond finding tables and headers: every cell stays as read, so the
validator can report the original value. Each raw table keeps the row number a person sees
(the Excel row, the CSV line, or the record number in a Parquet dataset).

Nothing is read before it is known to fit ``ReadLimits`` (docs/limits.md): an .xlsx is
inspected as a zip of XML first (``xlsx_inspect``), a CSV's size is checked before it is
decoded and its rows while they are parsed, a Parquet table's row count comes from its
metadata. A file over a limit becomes a catalogued problem, never an allocation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from youjun.core.errors import Location, Problem, problem
from youjun.core.schema import Table, table_for_name
from youjun.ingest.headers import HEADER_SCAN_ROWS, header_index, header_matches, header_text, two_row_header
from youjun.ingest.limits import ReadLimits
from youjun.ingest.places import file_name
from youjun.ingest.read_ahead import WORKBOOK_SUFFIXES, ReadAhead, open_workbook
from youjun.ingest.xlsx_inspect import (
    SheetInfo,
    column_letters,
    human_bytes,
    unreadable,
    unreadable_because,
)

VERSION_SHEET = "_youjun"
VERSION_MARKER = "youjun-template"
CSV_VERSION_RE = re.compile(r"\[youjun ([0-9A-Za-z.\-]+)\]")
NOTE_PREFIX = "#"
# Sheets youjun writes for people, not data: the template's guide and the error workbook's list.
GUIDE_SHEET = "填表说明"
LIST_SHEET = "问题清单"
GUIDE_SHEETS = frozenset({GUIDE_SHEET, LIST_SHEET})
HIVE_PARTITION_KEY = "district"
# Problems after which the file's tables were not read at all: missing tables are not news.
UNREADABLE_CODES = frozenset({"E101", "E107"} | {f"E{n}" for n in range(108, 120)})


@dataclass
class RawTable:
    table: Table
    file: str
    sheet: str
    header: list[str]
    data: pd.DataFrame  # columns are positions 0..n-1, values as read
    row_numbers: list[int]
    header_row: int = 1
    # What the person saw that the values alone do not say (xlsx only; cells as "D5"):
    percent_cells: set[str] = field(default_factory=set)
    formula_cells: dict[str, str] = field(default_factory=dict)  # "" = no saved result, else #DIV/0!…
    hidden_rows: list[int] = field(default_factory=list)
    filtered: bool = False
    title_rows: list[tuple[int, str]] = field(default_factory=list)  # rows above the header
    header_rows: int = 1  # 2 for a two-row header (group headings over the columns)


@dataclass
class RawSource:
    path: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    template_version: str | None = None


def read_source(path: str | Path, limits: ReadLimits | None = None, ahead: ReadAhead | None = None) -> RawSource:
    """Read a workbook, a CSV file or directory, or a Parquet file or directory.

    ``limits`` defaults to ``ReadLimits.from_env()``. ``ahead``: the workbook's cells already
    read (``read_ahead``, by the isolated reader's child), used instead of reading them again."""
    p = Path(path)
    source = RawSource(str(p))
    lim = limits or ReadLimits.from_env()
    try:
        if p.is_dir():
            _read_directory(p, source, lim)
        elif p.suffix.lower() in WORKBOOK_SUFFIXES:
            _read_workbook(p, source, lim, ahead if ahead is not None and ahead.path == str(p) else None)
        elif p.suffix.lower() in (".csv", ".txt"):
            _read_csv(p, source, lim)
        elif p.suffix.lower() == ".parquet":
            _read_parquet(p, source, lim)
        elif not p.exists():
            source.problems.append(unreadable(str(p), "文件不存在", "the file does not exist"))
        else:
            source.problems.append(unreadable(
                str(p), f"不支持“{p.suffix}”格式，请另存为 .xlsx 或 .csv",
                f"the format '{p.suffix}' is not supported: save it as .xlsx or .csv"))
    except Exception as exc:  # MemoryError too (under the isolated reader's address-space limit)
        _unreadable_source(source, p, exc)
    return source


def read_partitions(root: str | Path, files: Mapping[str, Sequence[Path]], limits: ReadLimits | None = None,
                    counted: Callable[[Path, int], None] | None = None) -> RawSource:
    """``read_source`` of a folder of partitioned Parquet tables (``root/<table>/district=…``)
    holding only the files given of each table: what reading a copy of the folder with only
    those files would give, under ``root``'s own path, without the copy. Each table's files are
    read in the order the folder's reader sees them (their paths sorted as text), leaving out,
    as it does, any below a folder or named with a leading "." or "_"; a table given no file
    is not read. Each file is opened once: its records, for the limit, come from the metadata
    the read then uses. ``counted``: told each file's records as they are counted."""
    p = Path(root)
    source = RawSource(str(p))
    lim = limits or ReadLimits.from_env()
    try:
        for name in sorted(files):
            if name.startswith((".", "_")) or not files[name]:
                continue
            folder = p / name
            seen = sorted((f.relative_to(folder).as_posix(), f) for f in files[name])
            kept = [f for rel, f in seen if not any(part.startswith((".", "_")) for part in rel.split("/"))]
            _read_parquet(folder, source, lim, name=name, files=kept, counted=counted)
    except Exception as exc:  # MemoryError too (under the isolated reader's address-space limit)
        _unreadable_source(source, p, exc)
    return source


def _unreadable_source(source: RawSource, p: Path, exc: BaseException) -> None:
    if isinstance(exc, MemoryError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        source.tables.clear()
        source.problems.append(problem("E118", Location(file=str(p)), f"{peak:.0f} MB",
                                       detail_zh="内存不足", detail_en="out of memory"))
    else:  # any unreadable input becomes a catalogued problem
        source.problems.append(unreadable_because(str(p), exc))


# --- xlsx ------------------------------------------------------------------------------------

def _read_workbook(path: Path, source: RawSource, limits: ReadLimits, ahead: ReadAhead | None = None) -> None:
    book = ahead if ahead is not None else open_workbook(path, limits)  # ``ahead``: read already
    if book.problems:
        source.problems.extend(book.problems)
        return
    inspection = book.inspection
    for name in book.names:
        info = inspection.sheet(name) if inspection else None
        if inspection is not None and info is None:  # never read a sheet that was not inspected
            source.problems.append(problem("E109", Location(file=str(path), sheet=name), name=path.name,
                                           detail_zh=f"工作表“{name}”未在工作簿中登记",
                                           detail_en=f"sheet not in the workbook part: {name}"))
            source.tables.clear()
            return
        if info is not None and not name.startswith("_") and not _sheet_flags(source, info, str(path)):
            continue
        rows = book.take(name)
        if name == VERSION_SHEET:
            source.template_version = _version_from_rows(rows)
            continue
        if name.startswith("_") or name in GUIDE_SHEETS:
            continue  # helper sheets (drop-down lists), the template's guide, an error workbook's list
        _add_table(source, name, rows, file=str(path), sheet=name, info=info)


def _sheet_flags(source: RawSource, info: SheetInfo, file: str) -> bool:
    """Warn about what a person does not see on a sheet; False if the sheet is not read.

    A hidden sheet is data its author hid but can unhide: read, with a warning. A very hidden
    sheet cannot be shown from Excel's interface, so its data is not imported (a required
    table then reports as missing). Formula cells are read as the result Excel saved."""
    where = Location(file=file, sheet=info.name)
    if info.state == "veryHidden":
        if info.cells:
            source.problems.append(problem("W104", where, table=info.name))
        return False
    if info.state == "hidden" and info.cells and table_for_name(info.name) is not None:
        source.problems.append(problem("W103", where, table=info.name))
    if info.formulas:
        source.problems.append(problem("W105", where, info.formulas, table=info.name,
                                       cells=", ".join(info.formula_refs)))
    if info.formulas_without_value and table_for_name(info.name) is None:
        # on a data sheet each such cell is an error of its own (E124), with its address
        source.problems.append(problem("W106", where, info.formulas_without_value, table=info.name,
                                       cells=", ".join(info.without_value_refs)))
    return True


def _version_from_rows(rows: Sequence[Sequence[object]]) -> str | None:
    for row in rows:
        if len(row) >= 2 and str(row[0]).strip() == VERSION_MARKER:
            return str(row[1]).strip()
    return None


def _add_table(source: RawSource, name: str, rows: Sequence[Sequence[object]], *, file: str, sheet: str,
               info: SheetInfo | None = None) -> None:
    table = table_for_name(name)
    if table is None and "-" in name:
        # LibreOffice saves every sheet of 区县数据.xlsx as 区县数据-学校.csv
        table = table_for_name(name.rsplit("-", 1)[1])
    if table is None:
        own = name.rsplit("-", 1)[-1]
        if own.startswith("_") or own in GUIDE_SHEETS:
            return  # the template's own sheets (区县数据-_lists.csv, 区县数据-填表说明.csv): not data
        if any(any(_filled(c) for c in r) for r in rows):
            source.problems.append(problem("W101", Location(file=file, sheet=sheet), table=name))
        return
    if table.key in source.tables:
        # The same table twice (e.g. 学校.csv and schools.csv): keep the first, report the second.
        earlier = source.tables[table.key]
        shown, first_shown = ((file_name(file), file_name(earlier.file)) if file != earlier.file
                              else (sheet, earlier.sheet))
        source.problems.append(problem("E129", Location(file=file, sheet=sheet), shown, rule=f"{table.key}.sheet",
                                       first=first_shown, table_zh=table.zh, table_en=table.en))
        return
    # Skip leading empty rows; the first non-empty row is the header.
    start = 0
    while start < len(rows) and not any(_filled(c) for c in rows[start]):
        start += 1
    if start >= len(rows):
        source.tables[table.key] = RawTable(table, file, sheet, [], pd.DataFrame(), [], start + 1)
        return
    first_filled = start
    start, header, header_rows = _find_header(rows, start, table)
    titles = [(i + 1, " ".join(header_text(c) for c in rows[i] if _filled(c)))
              for i in range(first_filled, start) if any(_filled(c) for c in rows[i])]
    body: list[list[object]] = []
    numbers: list[int] = []
    for offset, row in enumerate(rows[start + header_rows:], start=start + header_rows + 1):
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
    raw = RawTable(table, file, sheet, header, frame, numbers, start + 1, title_rows=titles,
                   header_rows=header_rows)
    if info is not None:
        raw.percent_cells = info.percent_cells
        raw.formula_cells = {ref: "" for ref in info.blank_formulas} | info.error_cells
        raw.hidden_rows = [r for r in info.hidden_rows if r > start + header_rows]
        raw.filtered = info.autofilter
    source.tables[table.key] = raw


def _find_header(rows: Sequence[Sequence[object]], first: int, table: Table) -> tuple[int, list[str], int]:
    """(index of the header row, the header, 1 or 2 header rows).

    The header is the row among the first few that names the most columns of the table: a
    title above it ("永川区学校基本情况表", often merged across the columns) is skipped. When the
    row below adds columns under group headings (在校学生数 over 一年级…), both rows are one header."""
    index = header_index(table)
    best, score = first, -1
    for i in range(first, min(len(rows), first + HEADER_SCAN_ROWS)):
        n = header_matches(rows[i], index)
        if n > score:
            best, score = i, n
    if score < 2:
        best = first  # no row names the columns: the first non-empty row, as before
    header = [header_text(c) for c in rows[best]]
    alone = header_matches(header, index)
    # group headings above the header (基本信息, 学生数 over 一年级…), or below it
    for top in (best - 1, best):
        if top < first or top + 1 >= len(rows) or not any(_filled(c) for c in rows[top]):
            continue
        merged = two_row_header(rows[top], rows[top + 1], index)
        if merged is not None and header_matches(merged, index) > alone:
            return top, merged, 2
    return best, header, 1


def _filled(cell: object) -> bool:
    if cell is None:
        return False
    if isinstance(cell, str):
        return cell.strip() != ""
    return not (isinstance(cell, float) and cell != cell)


# --- csv -------------------------------------------------------------------------------------

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(raw: bytes) -> str | None:
    """Text as people save it from Excel, WPS or Notepad: UTF-16 with its BOM ("Unicode 文本"),
    else UTF-8 with or without a BOM, else GBK/GB18030 ("ANSI"); None if it is none of them."""
    encodings = ("utf-16",) if raw.startswith(UTF16_BOMS) else CSV_ENCODINGS
    for enc in encodings:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _decode(raw: bytes) -> str | None:
    text = decode_text(raw)
    if text is not None and raw.startswith(UTF16_BOMS) and not _looks_like_table_text(text):
        return None  # Excel's "Unicode 文本" is tab-separated; other UTF-16 is not a table
    return text


def _table_char(ch: str) -> bool:
    o = ord(ch)
    return (32 <= o < 127 or ch in "\t\r\n" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x206F or ch in "·×°²³")


def _looks_like_table_text(text: str) -> bool:
    """UTF-16 decodes almost any even number of bytes: take it only when its header line is
    made of the letters, digits, Chinese and punctuation a header is written in, with a separator."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return bool(first.strip()) and ("\t" in first or "," in first or ";" in first) and all(
        _table_char(ch) for ch in first)


def _read_csv(path: Path, source: RawSource, limits: ReadLimits) -> None:
    import csv
    import io

    where = Location(file=str(path), sheet=path.stem)
    size = path.stat().st_size
    if size > limits.max_csv_bytes:  # before a byte is read or decoded
        source.problems.append(problem("E108", where, human_bytes(size), limit=human_bytes(limits.max_csv_bytes)))
        return
    text = _decode(path.read_bytes())
    if text is None:
        source.problems.append(problem("E107", Location(file=str(path)), name=path.name))
        return
    rows: list[list[object]] = []
    for r in csv.reader(io.StringIO(text), delimiter=_delimiter(text)):
        if len(rows) > limits.max_csv_rows:  # header + max_csv_rows data rows at most
            source.problems.append(problem("E114", where, len(rows), table=path.name, limit=limits.max_csv_rows))
            return
        if len(r) > limits.max_columns:
            source.problems.append(_too_wide(where, path.name, len(r), len(rows) + 1, limits))
            return
        rows.append(list(r))
    _add_table(source, path.stem, rows, file=str(path), sheet=path.stem)


DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str) -> str:
    """The separator of a CSV: a comma, or the ``;`` of a European-locale Excel, the tab of
    Excel's "Unicode 文本", a ``|``: whichever splits the first lines most evenly."""
    import csv
    import io

    head = [ln for ln in text[:20_000].splitlines()[:6] if ln.strip()]
    if not head:
        return ","
    best, score = ",", 0
    for d in DELIMITERS:
        widths = [len(r) for r in csv.reader(io.StringIO("\n".join(head)), delimiter=d)]
        if not widths or min(widths) < 2:
            continue
        # the header's width, if most lines share it
        width = widths[0]
        agree = sum(1 for w in widths if w == width)
        if agree * width > score:
            best, score = d, agree * width
    return best


def _too_wide(where: Location, name: str, width: int, row: int, limits: ReadLimits) -> Problem:
    return problem("E115", where, f"{column_letters(width)}{row}", table=name,
                   detail_zh=f"{width} 列，上限 {limits.max_columns} 列",
                   detail_en=f"{width} columns, limit {limits.max_columns}")


# --- parquet ---------------------------------------------------------------------------------

def _read_parquet(path: Path, source: RawSource, limits: ReadLimits, name: str | None = None,
                  files: Sequence[Path] | None = None, counted: Callable[[Path, int], None] | None = None) -> None:
    """A Parquet file or folder read as one table; ``files``: only these files of the folder
    ``path``, in this order (partitions named from their paths below ``path``, as in the folder),
    each opened once (``_one_pass``); ``counted``: told their records."""
    import pyarrow.dataset as ds

    table = table_for_name(name or path.stem)
    if files is not None and table is not None and HIVE_PARTITION_KEY not in table.by_key:
        arrow = _files_one_by_one(files, limits, counted)
        if arrow is not None:
            _keep(source, table, path, arrow)
            return
    if files is None:
        dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
    else:
        dataset = ds.dataset([str(f) for f in files], format="parquet", partitioning="hive",
                             partition_base_dir=str(path))
    width = len(dataset.schema.names)
    if width > limits.max_columns:
        source.problems.append(_too_wide(Location(file=str(path)), name or path.name, width, 1, limits))
        return
    scan, declared = (dataset, None) if files is None else _one_pass(dataset, files, path, counted)
    if declared is None:
        declared = dataset.count_rows()  # from the files' metadata, nothing decoded yet
    if declared > limits.max_parquet_rows:
        source.problems.append(problem("E114", Location(file=str(path)), declared, table=name or path.name,
                                       limit=limits.max_parquet_rows))
        return
    # one thread: a batch's worker has a core of its own (threads only contend for it)
    try:
        arrow = scan.to_table(use_threads=False)
    except Exception:
        if scan is dataset:
            raise
        arrow = dataset.to_table(use_threads=False)  # what the folder's reader makes of it, error and all
    if table is None:
        source.problems.append(problem("W101", Location(file=str(path)), table=name or path.stem))
        return
    if HIVE_PARTITION_KEY in arrow.column_names and HIVE_PARTITION_KEY not in table.by_key:
        arrow = arrow.drop([HIVE_PARTITION_KEY])
    _keep(source, table, path, arrow)


def _keep(source: RawSource, table: Any, path: Path, arrow: Any) -> None:
    names = list(arrow.column_names)
    frame = arrow.to_pandas(types_mapper=_arrow_types, use_threads=False)
    frame.columns = range(len(names))
    source.tables[table.key] = RawTable(
        table, str(path), table.zh, names, frame, list(range(1, len(frame) + 1)), 0
    )


def _files_one_by_one(files: Sequence[Path], limits: ReadLimits,
                      counted: Callable[[Path, int], None] | None) -> Any:
    """The files of one table read one by one and joined, or None for the dataset reader to read
    them (its errors and its way with differing files): when a file cannot be opened, when the
    files' columns differ, or when a limit is passed (it says so). A nation's partitioned folder
    is ~28,000 small files: its per-file set-up was ~a third of the reading (docs/scale.md).
    Text as Arrow's large strings, the form pandas keeps it in (a copy spared); each file's
    metadata read once, for the count and the read. Without Arrow's read-ahead (``pre_buffer``):
    it plans and coalesces each file's column ranges, a cost per column chunk that a small
    local file does not repay (a third of reading a nation batch's files)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        opened = [pq.ParquetFile(str(f), pre_buffer=False) for f in files]
        schema = opened[0].schema_arrow
        if not all(o.schema_arrow.equals(schema) for o in opened[1:]):
            return None
        rows = [o.metadata.num_rows for o in opened]
    except Exception:
        return None
    # the dataset reader's width counts the partition column the folders' names add
    if len(schema) + 1 > limits.max_columns or sum(rows) > limits.max_parquet_rows:
        return None
    if counted is not None:
        for file, n in zip(files, rows, strict=True):
            counted(Path(file), n)
    try:
        return pa.concat_tables([o.read(use_threads=False) for o in opened]).cast(_large_strings(schema))
    except Exception:
        return None


def _one_pass(dataset: Any, files: Sequence[Path], base: Path,
              counted: Callable[[Path, int], None] | None) -> tuple[Any, int | None]:
    """(the dataset to read ``files`` from, their records): each file's metadata read once, for
    the count and then for the read (the dataset's fragments keep it). Text is read as Arrow's
    large strings, the form pandas keeps it in (a copy of every text column spared); the
    dataset's own types otherwise. (``dataset``, None) when a file cannot be counted, so that
    the folder's reader counts and reports it as it does."""
    import pyarrow.dataset as ds

    schema = dataset.schema
    wide = _large_strings(schema)
    scan = dataset if wide.equals(schema) else ds.dataset(
        [str(f) for f in files], schema=wide, format="parquet", partitioning="hive", partition_base_dir=str(base))
    try:
        rows = []
        for fragment in scan.get_fragments():
            fragment.ensure_complete_metadata()
            rows.append((fragment.path, fragment.metadata.num_rows))
    except Exception:
        return dataset, None
    if counted is not None:
        for file, n in rows:
            counted(Path(file), n)
    return scan, sum(n for _, n in rows)


def _large_strings(schema: Any) -> Any:
    """``schema`` with its text as Arrow large strings, the form pandas keeps text in."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, pa.large_string(), f.nullable, f.metadata) if f.type == pa.string() else f
                      for f in schema], metadata=schema.metadata)


def _arrow_types(arrow_type: object) -> object:
    """Keep integers nullable and strings as objects so nothing is silently converted."""
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None


# --- directories -----------------------------------------------------------------------------

def _read_directory(path: Path, source: RawSource, limits: ReadLimits) -> None:
    for child in sorted(path.iterdir()):
        if child.name.startswith((".", "_")):
            continue
        if child.is_dir():
            if any(child.rglob("*.parquet")):
                _read_parquet(child, source, limits, name=child.name)
            continue
        suffix = child.suffix.lower()
        if suffix in (".csv", ".txt"):
            _read_csv(child, source, limits)
        elif suffix == ".parquet":
            _read_parquet(child, source, limits)
        elif suffix in WORKBOOK_SUFFIXES:  # read as when given alone
            _read_workbook(child, source, limits)
