"""Register district tables (pandas or Arrow) with an Ibis backend, typed by the data contract.

The indicator expressions only need ``Mapping[str, ibis.Table]`` keyed by the schema's table
keys; this module is the convenience that builds it from in-memory frames. Columns the
schema knows are cast to their contract type first, so an all-blank optional column (which
pandas stores as an untyped object column) still arrives as a string/number column.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
from ibis.backends import BaseBackend

from youjun.core.schema import TABLES_BY_KEY, Field, FieldType

_ARROW_TYPES: dict[FieldType, pa.DataType] = {
    FieldType.STRING: pa.string(),
    FieldType.CODE: pa.string(),
    FieldType.BOOLEAN: pa.bool_(),
    FieldType.INTEGER: pa.int64(),
    FieldType.NUMBER: pa.float64(),
    FieldType.DATE: pa.date32(),
}


def _typed_column(column: pa.ChunkedArray, f: Field) -> pa.ChunkedArray:
    target = _ARROW_TYPES[f.type]
    if column.type == target:
        return column
    try:
        return column.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        if f.type is FieldType.INTEGER:  # e.g. 12.5 pupils: keep it visible as a number
            return column.cast(pa.float64())
        raise


def to_arrow(table_key: str, frame: pd.DataFrame | pa.Table) -> pa.Table:
    """The frame as an Arrow table whose known columns carry the contract's types."""
    arrow = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(
        frame, preserve_index=False)
    spec = TABLES_BY_KEY.get(table_key)
    if spec is None:
        return arrow
    for i, name in enumerate(arrow.column_names):
        f = spec.by_key.get(name)
        if f is not None:
            arrow = arrow.set_column(i, name, _typed_column(arrow.column(i), f))
    return arrow.replace_schema_metadata(None)


def connect_tables(
    frames: Mapping[str, pd.DataFrame | pa.Table],
    con: BaseBackend | None = None,
    *,
    prefix: str = "",
) -> dict[str, ibis.Table]:
    """Load each frame into the backend (an in-memory DuckDB by default) as a temporary table.

    Returns the Ibis tables by table key, ready for ``indicator_tables``/``compute_indicators``.
    ``prefix`` keeps several datasets apart on one connection.
    """
    # One thread: a parallel DuckDB sums floats in whatever order its threads finish, so the
    # last bits of a CV would differ between runs; report.json promises the same bytes.
    backend: Any = con if con is not None else ibis.duckdb.connect(threads=1)
    return {key: _load(backend, f"{prefix}{key}", to_arrow(key, frame)) for key, frame in frames.items()}


def _load(backend: Any, name: str, arrow: pa.Table) -> ibis.Table:
    from youjun.analytics.engines import load_table  # temp table or temp view: engines.py says

    table: ibis.Table = load_table(backend, name, arrow)
    return table
