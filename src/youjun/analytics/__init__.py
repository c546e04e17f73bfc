"""youjun.analytics — the assessment indicators as Ibis expressions (DuckDB now, Spark later).

    tables = connect_tables(frames)                   # pandas/Arrow -> Ibis tables (DuckDB)
    result = compute_indicators(tables, params)       # per unit + per (district, level, indicator)
    found = diagnose(result, params)                  # gaps, CV drivers, Gini/Theil/McLoone

``compute_indicators_pandas`` is the plain pandas twin (one district, baseline, cross-check).

The Ibis names are imported on first use: Ibis and its SQL compiler take ~0.4 s to import, which
a one-district run on the pandas twin, the planner's readers and the web never need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from youjun.analytics.indicators import IndicatorExpressions, compute_indicators, indicator_tables
    from youjun.analytics.result import IndicatorResult
    from youjun.analytics.tables import connect_tables

# Every name imported on first use: a submodule that needs no pandas (``engines``: which engine a
# data path names, asked before a workbook's reader starts) must not pay for it (~0.3 s).
_LAZY_NAMES = {
    "compute_indicators_pandas": "youjun.analytics.baseline_pandas",
    **dict.fromkeys(("Diagnosis", "cv_drivers", "cv_if_thresholds_met", "diagnose", "inequality_summary",
                     "theil_decomposition_table", "threshold_gaps"), "youjun.analytics.diagnosis"),
    "IndicatorResult": "youjun.analytics.result",
    "IndicatorExpressions": "youjun.analytics.indicators",
    "compute_indicators": "youjun.analytics.indicators",
    "indicator_tables": "youjun.analytics.indicators",
    "connect_tables": "youjun.analytics.tables",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(_LAZY_NAMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

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
