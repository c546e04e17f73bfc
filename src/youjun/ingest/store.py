"""Store validated tables as one school year's snapshot in the embedded DuckDB database.

All-or-nothing: the data is validated in full first; a file with any error never opens the
database. The write itself is one transaction, so a crash half-way leaves the previous
snapshot in place. A school year already stored is kept: different data for it needs
``replace`` and is stored beside it as the latest snapshot of that year.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace as replace_fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from youjun import __version__
from youjun.core.errors import Location, YoujunError, problem
from youjun.core.schema import SCHEMA_VERSION, TABLES, FieldType
from youjun.ingest.validate import ValidationResult
from youjun.ingest.writers import arrow_table

SQL_TYPES = {
    FieldType.STRING: "VARCHAR", FieldType.CODE: "VARCHAR", FieldType.INTEGER: "BIGINT",
    FieldType.NUMBER: "DOUBLE", FieldType.BOOLEAN: "BOOLEAN", FieldType.DATE: "DATE",
}


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str
    school_year: str
    districts: tuple[str, ...]
    data_hash: str
    rows: dict[str, int]
    unchanged: bool = False  # the same data was already stored: nothing was written


def data_hash(tables: dict[str, pd.DataFrame]) -> str:
    """A content hash of canonical tables, independent of row order and source format.

    Each row is hashed from its values as text (so 1 and 1.0 from different readers agree),
    the row hashes are sorted, and the sorted hashes feed one SHA-256 with the schema version.
    """
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for table in TABLES:
        frame = tables.get(table.key)
        digest.update(table.key.encode())
        if frame is None or frame.empty:
            continue
        digest.update(np.sort(_row_hashes(frame, table)).tobytes())
    return digest.hexdigest()


def _row_hashes(frame: pd.DataFrame, table: Any) -> np.ndarray:
    """Each row's hash of its values as text: what ``_row_hashes_reference`` gives, with the
    text of each distinct value of a column made and hashed once (a province's teachers name a
    few thousand schools and a dozen subjects)."""
    from pandas.core.util.hashing import combine_hash_arrays

    cols = [f.key for f in table.fields]
    hashes = (_column_hashes(frame[c]) for c in cols)
    return combine_hash_arrays(hashes, len(cols))


_MISSING_HASH = np.uint64(np.iinfo(np.uint64).max)  # how pandas hashes a missing text


def _column_hashes(column: pd.Series) -> np.ndarray:
    if column.dtype == np.float64:
        values = column.to_numpy(dtype=float, na_value=np.nan)
        if np.any((values == 0) & np.signbit(values)):
            return _float_hashes(values)  # -0.0 prints apart from 0.0: a distinct value is its bits
    if not _distinct_text_is_exact(column):
        text = column.astype(object).where(column.notna(), None).astype(str)
        return pd.util.hash_array(text.array._values_for_factorize()[0])
    if _mostly_distinct_text(column):
        return _text_hashes(column)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    if column.dtype.kind in "OU" or isinstance(column.dtype, pd.StringDtype):  # text already: its own text
        texts = np.asarray(uniques.to_numpy(dtype=object) if hasattr(uniques, "to_numpy") else uniques, dtype=object)
    elif column.dtype.kind in "iuf":  # numpy prints them as ``str`` does, a column at a time
        texts = np.asarray(uniques.to_numpy() if hasattr(uniques, "to_numpy") else uniques).astype(str).astype(object)
    else:
        texts = np.array([str(u) for u in uniques], dtype=object)
    hashed = pd.util.hash_array(texts, categorize=False) if len(texts) else np.zeros(0, dtype=np.uint64)
    out = hashed.take(np.maximum(codes, 0)) if len(hashed) else np.zeros(len(codes), dtype=np.uint64)
    out[codes < 0] = _MISSING_HASH
    return out


def _float_hashes(values: np.ndarray) -> np.ndarray:
    """``_column_hashes`` of a float64 column holding -0.0: each distinct bit pattern's text
    (``str``, as the value's own) hashed once, a missing value as a missing text."""
    missing = np.isnan(values)
    bits = values.view(np.int64).copy()
    bits[missing] = 0
    codes, uniques = pd.factorize(bits)
    texts = np.array([str(float(u)) for u in uniques.view(np.float64)], dtype=object)
    out = pd.util.hash_array(texts, categorize=False).take(codes)
    out[missing] = _MISSING_HASH
    return out


_DISTINCT_SAMPLE = 2_000  # the first values looked at to tell a column of mostly different texts


def _mostly_distinct_text(column: pd.Series) -> bool:
    """A text column of mostly different values (a teacher number): its values are hashed as
    they are, without first finding the distinct ones (which costs more than it saves)."""
    if not (isinstance(column.dtype, pd.StringDtype) or column.dtype.kind == "O") or len(column) < 4 * _DISTINCT_SAMPLE:
        return False
    return bool(column.iloc[:_DISTINCT_SAMPLE].nunique() > _DISTINCT_SAMPLE // 2)


def _text_hashes(column: pd.Series) -> np.ndarray:
    """``_column_hashes`` of a column of text (every value a ``str`` or missing), value by value."""
    values = column.to_numpy(dtype=object, na_value=None)
    missing = column.isna().to_numpy()
    if missing.any():
        values = values.copy()
        values[missing] = ""
    out = pd.util.hash_array(values, categorize=False)
    out[missing] = _MISSING_HASH
    return out


def _distinct_text_is_exact(column: pd.Series) -> bool:
    """Whether values equal to each other always print the same (so a column's text can be
    made per distinct value): integers, booleans, dates, floats without a negative zero, and
    columns of text only; anything mixed is done value by value."""
    kind = column.dtype.kind
    if kind in "iubM":
        return True
    if kind == "f":
        values = column.to_numpy(dtype=float, na_value=np.nan)
        return not bool(np.any((values == 0) & np.signbit(values)))
    if kind == "O" or isinstance(column.dtype, pd.StringDtype):
        return pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty")
    return False


def _row_hashes_reference(frame: pd.DataFrame, table: Any) -> np.ndarray:
    """The row hashes as first defined (every value's text made one by one); kept for the test
    that the faster ``_row_hashes`` agrees with it."""
    cols = [f.key for f in table.fields]
    text = frame[cols].astype(object).where(frame[cols].notna(), None).astype(str)
    return pd.util.hash_pandas_object(text, index=False).to_numpy()


def school_districts(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """School code -> district code, from the schools table."""
    return tables["schools"].drop_duplicates("school_code").set_index("school_code")["district_code"]


def row_districts(frame: pd.DataFrame, district_of: pd.Series) -> pd.Series | None:
    """Each row's district: its own ``district_code``, else its school's; None for a table of
    neither."""
    if "district_code" in frame.columns:
        return frame["district_code"]
    if "school_code" in frame.columns:
        return frame["school_code"].map(district_of)
    return None


def district_row_counts(frame: pd.DataFrame, district_of: Mapping[Any, Any]) -> dict[Any, int] | None:
    """Each district's rows of ``frame`` by ``row_districts``' rule (its own ``district_code``,
    else its school's, ``district_of`` school -> district), a row of neither left out; None for a
    table of neither. Counted by school, then each school's count given to its district: mapping
    every row (~700,000 teachers in a nation batch) cost more than counting them."""
    if "district_code" in frame.columns:
        return {k: int(n) for k, n in frame["district_code"].value_counts(sort=False).items()}
    if "school_code" not in frame.columns:
        return None
    rows, schools = pd.factorize(frame["school_code"])
    counts: dict[Any, int] = {}
    for school, n in zip(schools.tolist(), np.bincount(rows[rows >= 0], minlength=len(schools)).tolist(),
                         strict=True):
        if school in district_of:
            counts[district_of[school]] = counts.get(district_of[school], 0) + n
    return counts


def district_data_hashes(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Each district's ``data_hash`` of its own rows, as if its rows were hashed alone (rows
    belong to a district by ``district_code``, or by their school's), with every row's text
    hashed once: a province's districts in the time of one ``data_hash``."""
    district_of = school_districts(tables)
    codes = sorted({str(c) for c in tables["districts"]["district_code"].dropna()}
                   | {str(c) for c in district_of.dropna()})
    digests = {code: hashlib.sha256(SCHEMA_VERSION.encode()) for code in codes}
    for table in TABLES:
        for digest in digests.values():
            digest.update(table.key.encode())
        frame = tables.get(table.key)
        if frame is None or frame.empty:
            continue
        keys = _row_districts_fast(frame, district_of)
        if keys is None:
            continue
        # each district's row hashes sorted, the districts in order (their codes sorted)
        which, districts = pd.factorize(keys, sort=True, use_na_sentinel=True)
        hashes = _row_hashes(frame, table)
        kept = which >= 0
        which, hashes = which[kept], hashes[kept]
        hashes = hashes[np.argsort(which, kind="stable")]
        bounds = np.cumsum(np.bincount(which, minlength=len(districts)))
        for i, code in enumerate(districts):
            if str(code) in digests:
                digests[str(code)].update(np.sort(hashes[(bounds[i - 1] if i else 0):bounds[i]]).tobytes())
    return {code: d.hexdigest() for code, d in digests.items()}


def _row_districts_fast(frame: pd.DataFrame, district_of: pd.Series) -> pd.Series | None:
    """``row_districts`` (as objects), a school's district looked up once per school."""
    if "district_code" in frame.columns or "school_code" not in frame.columns:
        keys = row_districts(frame, district_of)
        return None if keys is None else keys.astype(object)
    codes, uniques = pd.factorize(frame["school_code"], use_na_sentinel=False)
    found = pd.Series(uniques, dtype=frame["school_code"].dtype).map(district_of).astype(object).to_numpy()
    return pd.Series(found[codes] if len(found) else np.array([], dtype=object), index=frame.index, dtype=object)


def snapshot_of(result: ValidationResult) -> Snapshot:
    districts = result.tables["districts"]
    years = sorted(set(districts["school_year"].dropna()))
    codes = tuple(sorted(set(districts["district_code"].dropna())))
    year = years[0] if years else ""
    key = f"{year}:{codes[0]}" if len(codes) == 1 else f"{year}:{len(codes)}-districts"
    digest = data_hash(result.tables)
    return Snapshot(f"{key}:{digest[:12]}", year, codes, digest,
                    {k: len(v) for k, v in result.tables.items()})


def import_result(result: ValidationResult, db_path: str | Path, source: str = "", *,
                  replace: bool = False) -> Snapshot:
    """Write a clean validation result as a snapshot; refuse (writing nothing) on any error.

    A school year of the same districts that is already stored is kept: importing different
    data for it needs ``replace`` (E868 otherwise), and even then the earlier snapshot stays in
    the database (listed by ``youjun snapshots``, usable with ``--snapshot``) while the new one
    becomes the latest. The very same data again writes nothing.
    """
    if not result.ok:
        raise YoujunError(result.errors)
    import duckdb

    snap = snapshot_of(result)
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    try:
        con.execute("BEGIN TRANSACTION")
        _ensure_tables(con)
        earlier = con.execute(
            "SELECT snapshot_id, data_hash, imported_at FROM snapshots WHERE school_year = ? AND districts = ? "
            "ORDER BY imported_at DESC",
            [snap.school_year, list(snap.districts)],
        ).fetchall()
        if any(h == snap.data_hash for _id, h, _at in earlier):
            con.execute("ROLLBACK")
            return replace_fields(snap, unchanged=True)
        if earlier and not replace:
            con.execute("ROLLBACK")
            when = earlier[0][2].replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M") if earlier[0][2] else ""
            raise YoujunError([problem("E868", Location(file=str(db_path)), snap.school_year,
                                       detail=f"{earlier[0][0]}（{when}）", file=str(db_path))])
        for table in TABLES:
            frame = result.tables.get(table.key)
            if frame is None or frame.empty:
                continue
            arrow = arrow_table(table, frame)
            con.register("incoming", arrow)
            cols = ", ".join(f.key for f in table.fields)
            con.execute(f"INSERT INTO {table.key} (snapshot_id, {cols}) "
                        f"SELECT ?, {cols} FROM incoming", [snap.snapshot_id])
            con.unregister("incoming")
        con.execute(
            "INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [snap.snapshot_id, snap.school_year, list(snap.districts), snap.data_hash, source,
             datetime.now(UTC).replace(tzinfo=None), __version__, SCHEMA_VERSION],
        )
        con.execute("COMMIT")
    except YoujunError:
        raise
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return snap


def _ensure_tables(con: object) -> None:
    execute = con.execute  # type: ignore[attr-defined]
    execute("""CREATE TABLE IF NOT EXISTS snapshots (
        snapshot_id VARCHAR PRIMARY KEY, school_year VARCHAR, districts VARCHAR[],
        data_hash VARCHAR, source VARCHAR, imported_at TIMESTAMP, software_version VARCHAR,
        schema_version VARCHAR)""")
    for table in TABLES:
        cols = ", ".join(f"{f.key} {SQL_TYPES[f.type]}" for f in table.fields)
        execute(f"CREATE TABLE IF NOT EXISTS {table.key} (snapshot_id VARCHAR NOT NULL, {cols})")


def load_snapshot(db_path: str | Path, snapshot_id: str | None = None) -> tuple[Snapshot, dict[str, pd.DataFrame]]:
    """Read a stored snapshot (the latest when no id is given) back as canonical tables."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        if snapshot_id is None:
            row = con.execute("SELECT snapshot_id FROM snapshots ORDER BY imported_at DESC LIMIT 1").fetchone()
            if row is None:
                raise LookupError("the database holds no snapshot / 数据库中没有已导入的数据")
            snapshot_id = row[0]
        meta = con.execute("SELECT school_year, districts, data_hash FROM snapshots WHERE snapshot_id = ?",
                           [snapshot_id]).fetchone()
        if meta is None:
            raise LookupError(f"no snapshot {snapshot_id!r} / 没有该数据快照")
        tables: dict[str, pd.DataFrame] = {}
        for table in TABLES:
            cols = ", ".join(f.key for f in table.fields)
            tables[table.key] = con.execute(
                f"SELECT {cols} FROM {table.key} WHERE snapshot_id = ?", [snapshot_id]).df()
        snap = Snapshot(snapshot_id, meta[0], tuple(meta[1]), meta[2],
                        {k: len(v) for k, v in tables.items()})
        return snap, tables
    finally:
        con.close()
