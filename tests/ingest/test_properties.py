"""Property tests: the template round-trips, and validation never crashes on any cell."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest.tiny_district import tiny_district
from youjun.core.errors import CATALOGUE
from youjun.core.schema import TABLES_BY_KEY, FieldType
from youjun.ingest.validate import validate_path, validate_tables
from youjun.ingest.writers import write_tables

PROPERTY = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                min_size=1, max_size=12).map(str.strip).filter(
    # Text is NFKC-normalised on input (full-width digits in codes are common), so the
    # round trip is exact for text that normalisation leaves alone.
    lambda s: s and not s.startswith("#") and unicodedata.normalize("NFKC", s) == s)


def _canonical(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    out = frame.copy()
    for f in TABLES_BY_KEY[table].fields:
        col = out[f.key]
        if f.type is FieldType.NUMBER:
            out[f.key] = col.astype("float64").round(6)
        elif f.type is FieldType.INTEGER:
            out[f.key] = col.astype("Int64")
        elif f.type is FieldType.BOOLEAN:
            out[f.key] = col.astype("boolean")
        else:
            out[f.key] = col.astype(object).where(col.notna(), None)
    return out.reset_index(drop=True)


@PROPERTY
@given(
    school_name=names,
    town=names,
    area=st.floats(min_value=0, max_value=2_000_000, allow_nan=False).map(lambda x: round(x, 3)),
    books=st.integers(min_value=0, max_value=10_000_000),
    fmt=st.sampled_from(["xlsx", "csv", "parquet"]),
)
def test_template_round_trip(school_name: str, town: str, area: float, books: int, fmt: str) -> None:
    tables = tiny_district()
    tables["schools"].loc[0, "school_name"] = school_name
    tables["schools"]["town"] = town
    tables["facilities"].loc[1, "books"] = books
    tables["facilities"]["building_area_m2"] = 2_000_000.0
    tables["facilities"].loc[2, "outdoor_sports_area_m2"] = area
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"district.{fmt}"
        write_tables(tables, path, fmt)
        result = validate_path(path)
    assert result.ok, [p.message() for p in result.errors]
    for key, frame in tables.items():
        pd.testing.assert_frame_equal(_canonical(result.tables[key], key), _canonical(frame, key),
                                      check_dtype=False)


cells = st.one_of(
    st.none(), st.text(max_size=30), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.dates(), st.datetimes(),
)


@PROPERTY
@given(data=st.data())
def test_validation_never_crashes(data: st.DataObject) -> None:
    tables = tiny_district()
    for _ in range(data.draw(st.integers(min_value=1, max_value=12))):
        key = data.draw(st.sampled_from(sorted(tables)))
        frame = tables[key].astype(object)
        row = data.draw(st.integers(min_value=0, max_value=len(frame) - 1))
        column = data.draw(st.sampled_from(list(frame.columns)))
        frame.loc[row, column] = data.draw(cells)
        tables[key] = frame
    result = validate_tables(tables)
    for p in result.problems:
        assert p.code in CATALOGUE
        assert p.message("zh") and p.message("en")
        p.to_dict()
