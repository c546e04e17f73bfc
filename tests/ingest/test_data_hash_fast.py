"""The row hashes behind `data_hash` (snapshot identities stored in databases) made a distinct
value at a time equal the hashes made value by value, on real tables and on columns full of
the values where the two could part: negative zero, NaN, None, mixed types, dates, text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from youjun.core.schema import TABLES
from youjun.ingest import store
from youjun.ingest.validate import validate_path
from youjun.sample import generate

ACCEPTED = Path(__file__).resolve().parents[1] / "fixtures" / "accepted"


@dataclass(frozen=True)
class _Field:
    key: str


@dataclass(frozen=True)
class _Table:
    fields: tuple[_Field, ...]


def _both(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    table = _Table(tuple(_Field(c) for c in frame.columns))
    return store._row_hashes(frame, table), store._row_hashes_reference(frame, table)


def test_the_sample_district_hashes_as_before() -> None:
    tables = generate("S", 2023)
    for table in TABLES:
        frame = tables.get(table.key)
        if frame is None or frame.empty:
            continue
        fast, reference = store._row_hashes(frame, table), store._row_hashes_reference(frame, table)
        assert (fast == reference).all(), table.key


@pytest.mark.parametrize("folder", sorted(p.name for p in ACCEPTED.iterdir() if p.is_dir())[:6])
def test_accepted_files_hash_as_before(folder: str) -> None:
    checked = validate_path(ACCEPTED / folder)
    for table in TABLES:
        frame = checked.tables.get(table.key)
        if frame is not None and not frame.empty:
            assert (store._row_hashes(frame, table) == store._row_hashes_reference(frame, table)).all()


EDGE_FLOATS = st.sampled_from([0.0, -0.0, 1.0, 1.5, np.nan, 1e-7, -2.0, 1e20])
EDGE_OBJECTS = st.sampled_from(["a", "", "永川", "1", "1.0", None, 1, 1.0, True, -0.0, dt.date(2025, 9, 1),
                                dt.datetime(2025, 9, 1), np.nan])


@settings(max_examples=150, deadline=None)
@given(floats=st.lists(EDGE_FLOATS, min_size=1, max_size=12), objects=st.data(),
       ints=st.data(), texts=st.data())
def test_edge_values_hash_as_before(floats: list[float], objects: st.DataObject, ints: st.DataObject,
                                    texts: st.DataObject) -> None:
    n = len(floats)
    frame = pd.DataFrame({
        "f": pd.Series(floats, dtype="float64"),
        "o": pd.Series(objects.draw(st.lists(EDGE_OBJECTS, min_size=n, max_size=n)), dtype=object),
        "i": pd.Series(ints.draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n)), dtype="int64"),
        "n": pd.array(ints.draw(st.lists(st.one_of(st.none(), st.integers(0, 2)), min_size=n, max_size=n)),
                      dtype="Int64"),
        "s": pd.Series(texts.draw(st.lists(st.one_of(st.none(), st.sampled_from(["x", "学校", " "])),
                                           min_size=n, max_size=n)), dtype="str"),
        "d": pd.to_datetime(pd.Series(texts.draw(st.lists(st.sampled_from(["2025-09-01", None, "2024-01-31"]),
                                                          min_size=n, max_size=n)))),
        "b": pd.Series(texts.draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool),
    })
    fast, reference = _both(frame)
    assert (fast == reference).all()


def test_the_district_hashes_are_unchanged_by_the_faster_rows() -> None:
    tables = generate("S", 2023)
    slow = store.hashlib.sha256(store.SCHEMA_VERSION.encode())
    for table in TABLES:
        frame = tables.get(table.key)
        slow.update(table.key.encode())
        if frame is not None and not frame.empty:
            slow.update(np.sort(store._row_hashes_reference(frame, table)).tobytes())
    assert store.data_hash(tables) == slow.hexdigest()
