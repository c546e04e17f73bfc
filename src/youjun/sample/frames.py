"""Turn column arrays into DataFrames of the canonical form the data contract describes.

Columns come out exactly as the schema lists them, in its order, with one pandas dtype per
field type; the same mapping gives the Arrow schema, so every district's Parquet file has
identical column types even where a column happens to be all missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import pyarrow as pa

from youjun.core.schema import TABLES_BY_KEY, FieldType, Table

PANDAS_DTYPES: dict[FieldType, str] = {
    FieldType.STRING: "str",
    FieldType.CODE: "str",
    FieldType.INTEGER: "Int64",
    FieldType.NUMBER: "float64",
    FieldType.BOOLEAN: "boolean",
    FieldType.DATE: "object",  # datetime.date values
}
ARROW_TYPES: dict[FieldType, pa.DataType] = {
    FieldType.STRING: pa.string(),
    FieldType.CODE: pa.string(),
    FieldType.INTEGER: pa.int64(),
    FieldType.NUMBER: pa.float64(),
    FieldType.BOOLEAN: pa.bool_(),
    FieldType.DATE: pa.date32(),
}


def to_frame(table_key: str, columns: Mapping[str, Any], n_rows: int) -> pd.DataFrame:
    """A frame with the table's columns in schema order; absent columns are all missing."""
    table = TABLES_BY_KEY[table_key]
    unknown = set(columns) - set(table.by_key)
    if unknown:
        raise KeyError(f"{table_key}: columns not in the schema: {sorted(unknown)}")
    data: dict[str, pd.Series] = {}
    for f in table.fields:
        values = columns.get(f.key)
        if values is None:
            values = [None] * n_rows
        data[f.key] = pd.Series(values, dtype=PANDAS_DTYPES[f.type])
    frame = pd.DataFrame(data)
    if len(frame) != n_rows:
        raise ValueError(f"{table_key}: {len(frame)} rows, expected {n_rows}")
    return frame


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(f.key, ARROW_TYPES[f.type]) for f in table.fields])


def to_arrow(table_key: str, frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=arrow_schema(TABLES_BY_KEY[table_key]),
                                preserve_index=False)
