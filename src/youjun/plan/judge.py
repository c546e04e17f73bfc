"""The judge of every plan: the analytics and the assessment engine run on the changed tables.

A plan never reports its own arithmetic as the result. It changes the tables, then this
module recomputes the indicators (``youjun.analytics``), the per-school compliance and the
CVs (``youjun.core.verdict``) exactly as an assessment would, and lays before and after side
by side.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from youjun.analytics import IndicatorResult, compute_indicators_pandas
from youjun.core.judging import at_least
from youjun.core.params import AssessmentParams
from youjun.core.verdict import cv_checks, school_compliance

INDICATOR_TABLES = ("schools", "teachers", "facilities")


def indicators(tables: Mapping[str, pd.DataFrame], params: AssessmentParams) -> IndicatorResult:
    """The indicators of the tables as an assessment computes them by default: in memory, on the
    tables the plan changed (ADR 0012; the same figures as the Ibis expressions, tested)."""
    return compute_indicators_pandas({k: tables[k] for k in INDICATOR_TABLES}, params)


def needed_count(threshold: float, pupils: int, per: float) -> int:
    """The fewest whole things (teachers, rooms) for per·n/pupils to reach the threshold."""
    n = max(0, math.floor(threshold * pupils / per) - 1)
    while not at_least(per * n / pupils, threshold):
        n += 1
    return n


def unit_summary(result: IndicatorResult, params: AssessmentParams) -> pd.DataFrame:
    """Per unit: values of every indicator, which meet their threshold, and compliance."""
    rows = []
    for u in result.units.to_dict("records"):
        values = {k: _num(u.get(k)) for k in params.indicators}
        c = school_compliance(values, u["level"], params)
        rows.append({"school_code": u["school_code"], "school_name": u["school_name"],
                     "level": u["level"], "town": u.get("town"), "pupils": int(u["pupils"]),
                     **values, **{f"meets_{k}": m for k, m in c.meets.items()},
                     "met_count": c.met_count, "compliant": c.compliant})
    return pd.DataFrame(rows)


def cv_table(result: IndicatorResult, params: AssessmentParams) -> list[dict[str, Any]]:
    """Per (district, level, indicator): weighted mean, CV, rounded CV, limit, passes."""
    out = []
    for district, part in result.dispersion.groupby("district_code", sort=True):
        cvs: dict[str, dict[str, float | None]] = {}
        for r in part.itertuples():
            cvs.setdefault(str(r.level), {})[str(r.indicator)] = float(r.cv)
        checks = {(c.level, c.indicator): c for c in cv_checks(cvs, params)}
        for r in part.itertuples():
            check = checks.get((str(r.level), str(r.indicator)))
            out.append({"district_code": str(district), "level": str(r.level), "indicator": str(r.indicator),
                        "mean": float(r.mean), "cv": float(r.cv),
                        "cv_rounded": check.rounded if check else None,
                        "limit": check.limit if check else None,
                        "passes": check.passes if check else None})
    return out


def compare_units(before: pd.DataFrame, after: pd.DataFrame, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Units whose indicators or compliance changed, with both values of each changed figure."""
    merged = before.merge(after, on=["school_code", "level"], how="outer", suffixes=("_before", "_after"),
                          indicator=True)
    out = []
    for row in merged.to_dict("records"):
        changes = {}
        for k in (*keys, "compliant", "met_count"):
            b, a = row.get(f"{k}_before"), row.get(f"{k}_after")
            if not _same(b, a):
                changes[k] = {"before": _clean(b), "after": _clean(a)}
        if changes or row["_merge"] != "both":
            name = row.get("school_name_before")
            if not isinstance(name, str):
                name = row.get("school_name_after")
            out.append({"school_code": row["school_code"], "school_name": name, "level": row["level"],
                        "status": {"both": "changed", "left_only": "removed", "right_only": "added"}[
                            str(row["_merge"])],
                        "changes": changes})
    return out


def compare_cvs(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    index = {(r["district_code"], r["level"], r["indicator"]): r for r in after}
    out = []
    for b in before:
        a = index.get((b["district_code"], b["level"], b["indicator"]), {})
        out.append({"district_code": b["district_code"], "level": b["level"], "indicator": b["indicator"],
                    "cv_before": b["cv"], "cv_after": a.get("cv"), "mean_before": b["mean"],
                    "mean_after": a.get("mean"), "limit": b["limit"], "passes_before": b["passes"],
                    "passes_after": a.get("passes")})
    return out


def _num(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _clean(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _same(a: Any, b: Any) -> bool:
    a, b = _clean(a), _clean(b)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-12 * max(1.0, abs(a))
    return bool(a == b)
