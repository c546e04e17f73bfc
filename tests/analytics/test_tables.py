"""Registering frames: contract types win over what pandas inferred."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tests.analytics.conftest import Backend
from tests.analytics.test_indicators import two_primary_schools
from youjun.analytics import compute_indicators_pandas
from youjun.analytics.tables import to_arrow
from youjun.core.params import AssessmentParams


def test_blank_optional_columns_get_their_contract_type() -> None:
    schools = two_primary_schools().frames()["schools"]
    schools["education_group"] = None  # pandas: an untyped object column
    schools["students_g1"] = schools["students_g1"].astype("float64")  # as Excel readers give
    arrow = to_arrow("schools", schools)
    assert arrow.schema.field("education_group").type == pa.string()
    assert arrow.schema.field("students_g1").type == pa.int64()
    assert arrow.schema.field("county_run").type == pa.bool_()


def test_unknown_tables_and_columns_pass_through() -> None:
    frame = pa.table({"x": [1, 2]})
    assert to_arrow("not_a_table", frame).equals(frame)


def test_arrow_and_pandas_inputs_give_the_same_result(backend: Backend,
                                                      p2017: AssessmentParams) -> None:
    frames = two_primary_schools().frames()
    arrow = {k: pa.Table.from_pandas(v, preserve_index=False) for k, v in frames.items()}
    from_arrow = backend.compute(arrow, p2017)
    from_pandas = backend.compute(frames, p2017)
    assert from_arrow.dispersion.equals(from_pandas.dispersion)
    baseline = compute_indicators_pandas(frames, p2017)
    assert from_pandas.dispersion.cv.to_numpy() == pytest.approx(
        baseline.dispersion.cv.to_numpy(), rel=1e-12)
