"""youjun.analytics — the assessment indicators as Ibis expressions (DuckDB now, Spark later).

    tables = connect_tables(frames)                   # pandas/Arrow -> Ibis tables (DuckDB)
    result = compute_indicators(tables, params)       # per unit + per (district, level, indicator)
    found = diagnose(result, params)                  # gaps, CV drivers, Gini/Theil/McLoone

``compute_indicators_pandas`` is the plain pandas twin (benchmark baseline, cross-check).
"""

from youjun.analytics.baseline_pandas import compute_indicators_pandas
from youjun.analytics.diagnosis import (
    Diagnosis,
    cv_drivers,
    cv_if_thresholds_met,
    diagnose,
    inequality_summary,
    theil_decomposition_table,
    threshold_gaps,
)
from youjun.analytics.indicators import (
    IndicatorExpressions,
    compute_indicators,
    indicator_tables,
)
from youjun.analytics.result import IndicatorResult
from youjun.analytics.tables import connect_tables

__all__ = [
    "Diagnosis",
    "IndicatorExpressions",
    "IndicatorResult",
    "compute_indicators",
    "compute_indicators_pandas",
    "connect_tables",
    "cv_drivers",
    "cv_if_thresholds_met",
    "diagnose",
    "indicator_tables",
    "inequality_summary",
    "theil_decomposition_table",
    "threshold_gaps",
]
