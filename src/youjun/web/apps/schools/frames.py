"""Canonical tables <-> JSON (columns + rows), faithful to the data contract's types.

A round trip keeps ``youjun.ingest.store.data_hash`` unchanged, so a snapshot's hash can be
recomputed from what the database holds.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from youjun.core.schema import TABLES, TABLES_BY_KEY, FieldType


def _cell(value: Any, ftype: FieldType) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if ftype is FieldType.INTEGER:
        return int(value)
    if ftype is FieldType.NUMBER:
        return float(value)
    if ftype is FieldType.BOOLEAN:
        return bool(value)
    if ftype is FieldType.DATE:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)[:10]
    return str(value)


def to_json(key: str, frame: pd.DataFrame) -> dict[str, Any]:
    table = TABLES_BY_KEY[key]
    fields = [f for f in table.fields if f.key in frame.columns]
    columns = [f.key for f in fields]
    rows = [[_cell(v, f.type) for v, f in zip(rec, fields, strict=True)]
            for rec in frame[columns].itertuples(index=False, name=None)]
    return {"columns": columns, "rows": rows}


def _series(values: list[Any], ftype: FieldType) -> pd.Series:
    if ftype is FieldType.INTEGER:
        return pd.Series(values, dtype="Int64")
    if ftype is FieldType.NUMBER:
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    if ftype is FieldType.BOOLEAN:
        return pd.Series(values, dtype="boolean")
    if ftype is FieldType.DATE:
        return pd.Series([None if v is None else dt.date.fromisoformat(v) for v in values], dtype=object)
    return pd.Series(values, dtype="str") if all(v is not None for v in values) else pd.Series(values)


def from_json(key: str, data: dict[str, Any]) -> pd.DataFrame:
    table = TABLES_BY_KEY[key]
    columns = list(data.get("columns") or [])
    rows = data.get("rows") or []
    by_col = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    out: dict[str, pd.Series] = {}
    for f in table.fields:
        values = list(by_col[columns.index(f.key)]) if f.key in columns else [None] * len(rows)
        out[f.key] = _series(values, f.type)
    return pd.DataFrame(out, index=pd.RangeIndex(len(rows)))


def empty_tables() -> dict[str, pd.DataFrame]:
    return {t.key: from_json(t.key, {"columns": [], "rows": []}) for t in TABLES}
