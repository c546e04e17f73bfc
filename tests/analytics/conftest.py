"""The analytics tests run once per backend; every backend must give the same figures.

Only DuckDB today. To add Spark: append "spark" to BACKENDS and open a local session in
``_connect`` (``ibis.pyspark.connect(SparkSession.builder.master("local[1]")...)``),
skipping when pyspark is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa
import pytest

from tests.analytics.district_builders import params_2012, params_2017
from youjun.analytics import IndicatorResult, compute_indicators, connect_tables
from youjun.core.params import AssessmentParams

BACKENDS = ["duckdb"]


@dataclass
class Backend:
    name: str
    con: Any

    def tables(self, frames: Mapping[str, pd.DataFrame | pa.Table]) -> dict[str, ibis.Table]:
        return connect_tables(frames, self.con)

    def compute(self, frames: Mapping[str, pd.DataFrame | pa.Table],
                params: AssessmentParams) -> IndicatorResult:
        return compute_indicators(self.tables(frames), params)


def _connect(name: str) -> Any:
    if name == "duckdb":
        return ibis.duckdb.connect()
    raise ValueError(f"unknown backend {name!r}")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    con = _connect(request.param)
    yield Backend(request.param, con)
    con.disconnect()


@pytest.fixture
def p2017() -> AssessmentParams:
    return params_2017()


@pytest.fixture
def p2012() -> AssessmentParams:
    return params_2012()
