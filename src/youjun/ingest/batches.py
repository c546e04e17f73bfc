"""A partitioned Parquet folder (``<table>/district=<code>/*.parquet``) read a batch of districts
at a time, so a nation run holds one batch in memory, not the nation.

Each batch is read by the ordinary Parquet reader from the batch's own partition files
(``read_partitions``: what a folder holding only them would give), and validated by the
ordinary ``validate_source``; the problems are then given back the locations the whole folder
would give them (the record number within the whole table), and each problem is put to the
district whose rows it is about. Checks across districts (a code repeated in two districts)
see one batch at a time.
"""

from __future__ import annotations

import bisect
import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from youjun.core.errors import Problem
from youjun.ingest.limits import ReadLimits
from youjun.ingest.readers import HIVE_PARTITION_KEY, RawSource, read_partitions, read_source
from youjun.ingest.validate import ValidationResult, validate_source

PREFIX = f"{HIVE_PARTITION_KEY}="
CENSUS_COLUMNS = ("statistical_date", "school_year")
# Reads the tables of a dataset held elsewhere (the districts given, or all): the engine's reader.
TableReader = Callable[[list[str], "list[str] | None"], dict[str, pa.Table]]


@dataclass
class Batch:
    codes: list[str]  # the districts whose data validated clean, assessed together
    tables: dict[str, pd.DataFrame]
    refused: dict[str, list[Problem]] = field(default_factory=dict)  # district -> its errors
    warnings: list[Problem] = field(default_factory=list)


def partitioned_tables(path: str | Path) -> dict[str, Path] | None:
    """The table folders of a folder holding only partitioned Parquet tables, else None."""
    root = Path(path)
    if not root.is_dir():
        return None
    tables: dict[str, Path] = {}
    for child in sorted(root.iterdir()):
        if child.name.startswith((".", "_")):
            continue
        if not child.is_dir():
            return None  # a loose file: read the folder whole, as before
        parts = [p for p in child.iterdir() if not p.name.startswith((".", "_"))]
        if not parts or not all(p.is_dir() and p.name.startswith(PREFIX) for p in parts):
            return None
        tables[child.name] = child
    return tables or None


# Records per Parquet file, kept for the life of the process: a worker is sent the folder afresh
# with every batch, and the record numbers of a batch's problems count every district before it
# (reading those files' metadata again for each batch made a nation run quadratic).
_FILE_ROWS: dict[tuple[str, int, int], int] = {}


def _file_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    key = _file_key(path)
    if key not in _FILE_ROWS:
        _FILE_ROWS[key] = pq.read_metadata(path).num_rows
    return _FILE_ROWS[key]


def _file_key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)  # a file rewritten is counted again


def _remember_rows(path: Path, rows: int) -> None:
    """A file's records as the batch's read counted them (its metadata is not read again)."""
    _FILE_ROWS[_file_key(path)] = rows


class PartitionedFolder:
    """The districts of a partitioned Parquet folder, read and validated a batch at a time."""

    def __init__(self, path: str | Path, limits: ReadLimits | None = None) -> None:
        found = partitioned_tables(path)
        if found is None:
            raise ValueError(f"{path} is not a folder of partitioned Parquet tables")
        self.root, self.tables, self.limits = Path(path), found, limits or ReadLimits.from_env()
        # table -> district -> its partition files (in the order the whole-folder reader sees them)
        self.files: dict[str, dict[str, list[Path]]] = {}
        for key, folder in self.tables.items():
            self.files[key] = {part.name[len(PREFIX):]: sorted(part.rglob("*.parquet"))
                               for part in sorted(folder.iterdir()) if part.name.startswith(PREFIX)}
        self.codes = sorted(set().union(*(set(parts) for parts in self.files.values())))
        self._rows: dict[tuple[str, str], int] = {}
        self._firsts: dict[tuple[str, tuple[str, ...]], dict[str, int]] = {}
        self._order = {key: list(parts) for key, parts in self.files.items()}
        # table -> records of its districts (in ``files`` order) summed, as far as counted yet
        self._ends: dict[str, list[int]] = {key: [] for key in self.files}
        self._spans: dict[tuple[str, tuple[str, ...]], tuple[list[int], list[int]]] = {}

    def rows_of(self, key: str, code: str) -> int:
        """Records of one district's partition of one table (from the files' metadata)."""
        if (key, code) not in self._rows:
            self._rows[key, code] = sum(_file_rows(f) for f in self.files[key].get(code, []))
        return self._rows[key, code]

    def _counted(self, key: str, upto: int) -> list[int]:
        """``_ends[key]`` counted for the first ``upto`` districts of the table (at most all)."""
        ends, order = self._ends[key], self._order[key]
        while len(ends) < min(upto, len(order)):
            ends.append((ends[-1] if ends else 0) + self.rows_of(key, order[len(ends)]))
        return ends

    def first_rows(self, key: str, codes: Sequence[str]) -> dict[str, int]:
        """The record number (from 1) in the whole table of each district's first row."""
        cached = self._firsts.get((key, tuple(codes)))
        if cached is not None:
            return cached
        wanted = set(codes)
        at = [i for i, code in enumerate(self._order[key]) if code in wanted]
        # the districts after the last one asked do not move its rows: they are not counted
        ends = self._counted(key, at[-1] if at else 0)
        out = {self._order[key][i]: 1 + (ends[i - 1] if i else 0) for i in at}
        self._firsts[key, tuple(codes)] = out
        return out

    def batches(self, size: int) -> Iterator[list[str]]:
        for i in range(0, len(self.codes), max(1, size)):
            yield self.codes[i:i + max(1, size)]

    def districts(self) -> pd.DataFrame:
        """The census columns of every district (the whole folder's census date comes from them,
        so every batch is judged by the rules in force on the same day)."""
        import pyarrow.dataset as ds

        folder = self.tables.get("districts")
        if folder is None:
            return pd.DataFrame()
        dataset = ds.dataset(str(folder), format="parquet", partitioning="hive")
        columns = [c for c in CENSUS_COLUMNS if c in dataset.schema.names]
        return dataset.to_table(columns=columns).to_pandas()

    def validate(self, codes: Sequence[str]) -> ValidationResult:
        """The districts ``codes`` read and validated together; locations as in the whole folder."""
        if list(codes) == self.codes:
            return validate_source(read_source(self.root, self.limits))
        wanted = set(codes)
        files: dict[str, list[Path]] = {}
        for key in self.tables:
            present = [c for c in self.files[key] if c in wanted]
            files[key] = [f for code in present or self._any_partition(key) for f in self.files[key][code]]
        source = read_partitions(self.root, files, self.limits, counted=_remember_rows)
        self._empty_absent(source, codes)
        result = validate_source(source)
        result.problems = [self._relocated(p, codes) for p in result.problems]
        return result

    def _empty_absent(self, source: RawSource, codes: Sequence[str]) -> None:
        for key in self.tables:  # a table none of these districts has: its columns, no rows
            if key in source.tables and not any(c in self.files[key] for c in codes):
                raw = source.tables[key]
                raw.data, raw.row_numbers = raw.data.iloc[0:0], []

    def _reference_validate(self, codes: Sequence[str]) -> ValidationResult:
        """``validate`` as it was: ``read_source`` of a scratch folder of links to the batch's
        files (the reference the direct read is tested against)."""
        if list(codes) == self.codes:
            return validate_source(read_source(self.root, self.limits))
        scratch = Path(tempfile.mkdtemp(prefix="youjun-batch-"))
        try:
            for key in self.tables:
                present = [c for c in codes if c in self.files[key]]
                for code in present or self._any_partition(key):
                    target = scratch / key / f"{PREFIX}{code}"
                    target.mkdir(parents=True)
                    for f in self.files[key][code]:
                        (target / f.relative_to(self.tables[key] / f"{PREFIX}{code}")).parent.mkdir(
                            parents=True, exist_ok=True)
                        (target / f.relative_to(self.tables[key] / f"{PREFIX}{code}")).symlink_to(f.resolve())
            source = read_source(scratch, self.limits)
            self._empty_absent(source, codes)
            result = validate_source(source)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        result.problems = [self._relocated(p, codes, scratch) for p in result.problems]
        return result

    def _any_partition(self, key: str) -> list[str]:
        return [next(iter(self.files[key]))] if self.files[key] else []

    def _relocated(self, p: Problem, codes: Sequence[str], scratch: Path | None = None) -> Problem:
        """The problem as the whole folder would give it: the real path, the row in the whole table."""
        loc = p.location
        file = loc.file
        if scratch is not None and file.startswith(str(scratch)):
            file = str(self.root) + file[len(str(scratch)):]
        key = Path(file).name if file else ""
        context = p.context
        row = loc.row
        if key in self.files and row:
            row = self._global_row(key, codes, row)
            context = tuple((k, self._global_row(key, codes, v) if k == "other_row" and isinstance(v, int) else v)
                            for k, v in context)
        if file == loc.file and row == loc.row and context == p.context:
            return p
        return dataclasses.replace(p, location=dataclasses.replace(loc, file=file, row=row), context=context)

    def _global_row(self, key: str, codes: Sequence[str], local: int) -> int:
        """The record number in the whole table of the batch's record ``local``: the batch's
        districts (in ``files`` order) hold its records one after the other."""
        spans = self._spans.get((key, tuple(codes)))
        if spans is None:
            firsts = self.first_rows(key, codes)
            ends, starts, n = [], [], 0
            for code in (c for c in self.files[key] if c in firsts):
                n += self.rows_of(key, code)
                ends.append(n)
                starts.append(firsts[code] - (n - self.rows_of(key, code)))
            spans = self._spans[key, tuple(codes)] = (ends, starts)
        ends, starts = spans
        i = bisect.bisect_left(ends, local)
        return starts[i] + local - 1 if i < len(ends) else local

    def district_of(self, p: Problem) -> str | None:
        """The district a problem is about (by its table and row), None when it is about no one row."""
        loc = p.location
        key = Path(loc.file).name if loc.file else ""
        if key not in self.files or not loc.row:
            return None
        ends = self._ends[key]
        while (not ends or ends[-1] < loc.row) and len(ends) < len(self._order[key]):
            ends = self._counted(key, len(ends) + 64)  # counted as far as the row, a few at a time
        i = bisect.bisect_left(ends, loc.row)
        return self._order[key][i] if i < len(ends) else None

    def read(self, codes: Sequence[str]) -> Batch:
        """A batch validated; districts with errors set aside (with their problems) and the others
        validated again without them, so one district's mistakes do not stop its neighbours."""
        remaining = list(codes)
        refused: dict[str, list[Problem]] = {}
        warnings: list[Problem] = []
        while remaining:
            result = self.validate(remaining)
            if result.ok:
                return Batch(remaining, result.tables, refused, result.warnings)
            bad: dict[str, list[Problem]] = {}
            for p in result.errors:
                code = self.district_of(p)
                for c in ([code] if code in remaining else remaining):
                    bad.setdefault(c, []).append(p)
            for c in bad:
                refused[c] = bad[c]
            remaining = [c for c in remaining if c not in bad]
            warnings = result.warnings
        return Batch([], {}, refused, warnings)


__all__ = ["Batch", "PartitionedFolder", "partitioned_tables"]


class UriFolder:
    """A partitioned Parquet dataset at an object-store or HDFS URI, read by Spark a batch of
    districts at a time and validated as canonical tables (``validate_tables``). Rows are
    numbered within the batch; each problem is put to the district of its row."""

    def __init__(self, uri: str, codes: list[str], read_tables: TableReader) -> None:
        self.uri, self.codes, self.read_tables = uri, sorted(codes), read_tables

    def batches(self, size: int) -> Iterator[list[str]]:
        for i in range(0, len(self.codes), max(1, size)):
            yield self.codes[i:i + max(1, size)]

    def districts(self) -> pd.DataFrame:
        arrow = self.read_tables(["districts"], None)
        if "districts" not in arrow:
            return pd.DataFrame()
        table = arrow["districts"]
        return table.select([c for c in CENSUS_COLUMNS if c in table.column_names]).to_pandas()

    def read(self, codes: Sequence[str]) -> Batch:
        from youjun.core.schema import TABLES, TABLES_BY_KEY
        from youjun.ingest.validate import validate_tables

        arrow = self.read_tables([t.key for t in TABLES], list(codes))
        frames: dict[str, pd.DataFrame] = {}
        owners: dict[str, list[str]] = {}
        for key, table in arrow.items():
            if HIVE_PARTITION_KEY in table.column_names and HIVE_PARTITION_KEY not in TABLES_BY_KEY[key].by_key:
                owners[key] = [str(c) for c in table.column(HIVE_PARTITION_KEY).to_pylist()]
                table = table.drop([HIVE_PARTITION_KEY])
            frames[key] = table.to_pandas()
        remaining = list(codes)
        refused: dict[str, list[Problem]] = {}
        warnings: list[Problem] = []
        while remaining:
            keep = {key: [o in remaining for o in owners[key]] if key in owners else None for key in frames}
            mine = {key: (f[keep[key]] if keep[key] is not None else f) for key, f in frames.items()}
            result = validate_tables(mine, file=self.uri)
            if result.ok:
                return Batch(remaining, result.tables, refused, result.warnings)
            bad: dict[str, list[Problem]] = {}
            for p in result.errors:
                code = self._district_of(p, owners, keep, remaining)
                for c in ([code] if code in remaining else remaining):
                    bad.setdefault(c, []).append(p)
            refused.update(bad)
            remaining = [c for c in remaining if c not in bad]
            warnings = result.warnings
        return Batch([], {}, refused, warnings)

    @staticmethod
    def _district_of(p: Problem, owners: dict[str, list[str]], keep: dict[str, list[bool] | None],
                     remaining: list[str]) -> str | None:
        from youjun.core.schema import TABLES

        loc = p.location
        key = next((t.key for t in TABLES if loc.sheet in (t.zh, t.key)), "")
        if key not in owners or not loc.row:
            return None
        mask = keep[key]
        rows = [o for o, k in zip(owners[key], mask or [True] * len(owners[key]), strict=True) if k]
        return rows[loc.row - 1] if 0 < loc.row <= len(rows) else None
