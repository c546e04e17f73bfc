"""The analytics tests run once per backend; every backend must give the same figures.

DuckDB (the embedded default) and Spark (the scale path): one local Spark session, started
once for the run (a JVM; pyspark comes from requirements.lock, Java from the machine or
scripts/install-system-deps.sh). Without pyspark the Spark cases are skipped.
"""

from __future__ import annotations

import os
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

# Spark's cases are slow (a JVM, a job per query): they run in the side lane of `make test`, in
# the process that starts Spark for tests/analytics/test_spark_agreement.py anyway
BACKENDS = ["duckdb", pytest.param("spark", marks=pytest.mark.slow)]


@dataclass
class Backend:
    name: str
    con: Any

    def tables(self, frames: Mapping[str, pd.DataFrame | pa.Table]) -> dict[str, ibis.Table]:
        return connect_tables(frames, self.con)

    def compute(self, frames: Mapping[str, pd.DataFrame | pa.Table],
                params: AssessmentParams) -> IndicatorResult:
        return compute_indicators(self.tables(frames), params)


_SPARK: Any = None


def _spark_session() -> Any:
    """One local Spark session for the whole test run (a JVM starts once)."""
    global _SPARK
    if _SPARK is None:
        pyspark_sql = pytest.importorskip("pyspark.sql")
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only, and no hostname warning
        _SPARK = (pyspark_sql.SparkSession.builder.master("local[2]").appName("youjun-tests")
                  .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
                  .config("spark.ui.showConsoleProgress", "false")
                  .config("spark.sql.session.timeZone", "UTC").config("spark.driver.host", "127.0.0.1")
                  .config("spark.sql.ansi.enabled", "false").getOrCreate())
        _SPARK.sparkContext.setLogLevel("ERROR")
    return _SPARK


def _connect(name: str) -> Any:
    if name == "duckdb":
        return ibis.duckdb.connect()
    if name == "spark":
        return ibis.pyspark.connect(_spark_session())
    raise ValueError(f"unknown backend {name!r}")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    con = _connect(request.param)
    yield Backend(request.param, con)
    if request.param != "spark":  # disconnecting stops the Spark session every test shares
        con.disconnect()


@pytest.fixture
def p2017() -> AssessmentParams:
    return params_2017()


@pytest.fixture
def p2012() -> AssessmentParams:
    return params_2012()
