"""The per-school indicators and their weighted CVs, written once as Ibis expressions.

    tables ──units.py──> assessed units ──resources.py──> numerators ──here──> values
           ──here──> per (district, level, indicator): ΣP, ΣR, X̄ = per·ΣR/ΣP,
                     S = sqrt(Σ P·(x − X̄)² / ΣP), CV = S/X̄  (two passes: stable)

Everything is grouped by district_code, so one run serves a district or a whole province.
Only portable operations (select, filter, cases, union, join, group-by sums) are used: the
same expressions run on DuckDB now and on Spark later. ``indicator_tables`` returns the
lazy expressions; ``compute_indicators`` executes them and returns plain pandas frames.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from youjun.analytics.definitions import INDICATORS, check_params
from youjun.analytics.resources import unit_resources
from youjun.analytics.result import (
    IndicatorResult,
    finish_composite,
    finish_dispersion,
    finish_units,
    raise_if_empty_units,
)
from youjun.analytics.units import assessed_units
from youjun.core.params import AssessmentParams

GROUP = ("district_code", "level")


@dataclass(frozen=True)
class IndicatorExpressions:
    """The lazy Ibis expressions of one run (nothing executed yet)."""

    units: ir.Table  # per unit: attributes, pupils, share, numerators, one column per indicator
    long: ir.Table  # per unit and indicator: keys, pupils, resource, value
    dispersion: ir.Table  # per (district_code, level, indicator): sums, mean, sd, cv
    composite: ir.Table | None  # per (district_code, level): mean of the CVs (2012 only)


def indicator_values(units: ir.Table, params: AssessmentParams) -> ir.Table:
    """Add x = per·R/P for every indicator of the method (per = 1 or 100)."""
    values = {}
    for key in params.indicators:
        spec = INDICATORS[key]
        values[key] = units[spec.numerator].cast("float64") * spec.per / units.pupils
    return units.mutate(**values)


def long_values(units: ir.Table, params: AssessmentParams) -> ir.Table:
    """One row per (unit, indicator), so one group-by serves every indicator."""
    parts = []
    for key in params.indicators:
        spec = INDICATORS[key]
        parts.append(units.select(
            "district_code", "level", "school_code", "pupils",
            indicator=ibis.literal(key, type="string"),
            per=ibis.literal(float(spec.per), type="float64"),
            resource=units[spec.numerator].cast("float64"),
            value=units[key],
        ))
    return ibis.union(*parts, distinct=False)


def dispersion(long: ir.Table) -> ir.Table:
    """Weighted mean and weighted CV per (district_code, level, indicator).

    First pass: ΣP, ΣR → X̄ = per·ΣR/ΣP. Second pass: Σ P·(x − X̄)². A zero mean (every value
    0) gives CV 0, as ``youjun.core.measures.weighted_cv`` defines it.
    """
    keys = [*GROUP, "indicator"]
    sums = long.group_by(keys).aggregate(
        n_schools=long.count(),
        pupils=long.pupils.sum(),
        resource=long.resource.sum(),
        per=long.per.max(),
    )
    sums = sums.mutate(mean=sums.per * sums.resource / sums.pupils.cast("float64"))
    centred = long.inner_join(sums.select(*keys, "mean"), keys)
    squares = centred.group_by(keys).aggregate(
        ssd=(centred.pupils.cast("float64") * (centred.value - centred["mean"]) ** 2).sum(),
    )
    joined = sums.inner_join(squares, keys)
    sd = (joined.ssd / joined.pupils.cast("float64")).sqrt()
    cv = ibis.cases((joined["mean"] > 0, sd / joined["mean"]),
                    else_=ibis.literal(0.0, type="float64"))
    return joined.select(*keys, "n_schools", "pupils", "resource", "mean", sd=sd, cv=cv)


def composite_cv(dispersion_table: ir.Table) -> ir.Table:
    """2012 composite CV (综合差异系数): the plain mean of the indicator CVs per district/level."""
    d = dispersion_table
    return d.group_by(list(GROUP)).aggregate(n_indicators=d.count(), composite_cv=d.cv.mean())


def indicator_tables(tables: Mapping[str, ir.Table],
                     params: AssessmentParams) -> IndicatorExpressions:
    """Build (without running) the indicator expressions for ``params.method``.

    ``tables`` holds at least ``schools``, ``teachers`` and ``facilities`` with the schema's
    field keys as columns.
    """
    check_params(params)
    missing = [k for k in ("schools", "teachers", "facilities") if k not in tables]
    if missing:
        raise ValueError(f"tables {missing} are needed to compute the indicators")
    units = assessed_units(tables["schools"], params)
    units = indicator_values(unit_resources(units, dict(tables), params), params)
    return _expressions(units, params)


def _expressions(units: ir.Table, params: AssessmentParams) -> IndicatorExpressions:
    long = long_values(units.filter(units.pupils > 0), params)
    spread = dispersion(long)
    composite = composite_cv(spread) if params.cv_mode == "composite" else None
    return IndicatorExpressions(units, long, spread, composite)


def compute_indicators(tables: Mapping[str, ir.Table],
                       params: AssessmentParams) -> IndicatorResult:
    """Run the indicators on the tables' backend and return plain pandas frames.

    The unit table is materialised once in the backend (``cache``) and the dispersion reads
    from it. Raises ``YoujunError`` (E411/E404) naming every unit with zero pupils.
    """
    exprs = indicator_tables(tables, params)
    with exprs.units.cache() as cached:
        units_df = cached.execute()
        raise_if_empty_units(units_df)
        lazy = _expressions(cached, params)
        spread_df = lazy.dispersion.execute()
        composite_df = lazy.composite.execute() if lazy.composite is not None else None
    return IndicatorResult(
        method=params.method,
        indicators=tuple(params.indicators),
        units=finish_units(units_df, params),
        dispersion=finish_dispersion(spread_df, params),
        composite=finish_composite(composite_df, params),
    )
