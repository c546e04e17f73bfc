"""The indicator expressions compile for other engines: no DuckDB-only operation slips in.

A compile-only guard, no engine needed: Databricks is sqlglot's Spark SQL family (the whole
analytics suite also runs on a real local Spark session, see conftest); PostgreSQL is the
production database.
"""

from __future__ import annotations

import ibis
import pytest

from tests.analytics.district_builders import params_2012, params_2017
from tests.analytics.test_indicators import two_primary_schools
from youjun.analytics import connect_tables, indicator_tables
from youjun.core.params import AssessmentParams


@pytest.mark.parametrize("dialect", ["databricks", "postgres"])
@pytest.mark.parametrize("params", [params_2017(), params_2012()], ids=["2017", "2012"])
def test_expressions_compile_for(dialect: str, params: AssessmentParams) -> None:
    tables = connect_tables(two_primary_schools().frames())
    exprs = indicator_tables(tables, params)
    for expr in (exprs.units, exprs.long, exprs.dispersion, exprs.composite):
        if expr is not None:
            sql = ibis.to_sql(expr, dialect=dialect)
            assert "SELECT" in sql
