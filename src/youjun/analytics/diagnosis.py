"""Diagnosis: which schools miss which threshold by how much, and which schools drive each CV.

Works on an ``IndicatorResult`` (from either implementation) in pandas/numpy: the per-unit
table of a district is small, and a province's is at most a few hundred thousand rows.

- ``threshold_gaps``: per unit and indicator below its threshold, the shortfall in real
  units (teachers, rooms, computers, books rounded up; m² and yuan exact).
- ``cv_drivers``: per CV, how much it would change if one school's value were set to the
  district-level weighted mean — the schools whose correction moves the CV most come first.
- ``cv_if_thresholds_met``: the CV if every failing school were lifted exactly to its
  threshold (and nothing else changed).
- ``inequality_summary`` / ``theil_decomposition_table``: Gini, Theil T (with its between /
  within split by town, location and education group), McLoone index and range ratio beside
  the official CV (definitions and sources in ``inequality.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from youjun.analytics import inequality
from youjun.analytics.definitions import INDICATORS
from youjun.analytics.result import IndicatorResult
from youjun.core.params import AssessmentParams

CV_KEYS = ["district_code", "level", "indicator"]
DECOMPOSITION_GROUPS = ("town", "location", "education_group")

_GAP_COLUMNS = [
    "district_code", "school_code", "school_name", "level", "indicator", "pupils", "value",
    "threshold", "ratio", "resource", "resource_needed", "gap", "unit_en", "unit_zh",
]


def _long(result: IndicatorResult) -> pd.DataFrame:
    """``values_long`` with each unit's town, location and education group. With one unit per
    (school_code, level), as validated data has, the attributes repeat as the units do in
    ``values_long`` (the frame the merge on those keys gives, without its cost)."""
    extra = ["town", "location", "education_group"]
    long = result.values_long()
    attrs = result.units[["school_code", "level", *extra]]
    if attrs.duplicated(["school_code", "level"]).any():
        return long.merge(attrs, on=["school_code", "level"], how="left")
    tiled = attrs[extra].take(np.tile(np.arange(len(attrs)), len(result.indicators))).reset_index(drop=True)
    return pd.concat([long, tiled], axis=1)


def _thresholds(long: pd.DataFrame, params: AssessmentParams) -> pd.Series:
    lookup = {(k, lv): float(v) for k, by_level in params.thresholds.items()
              for lv, v in by_level.items()}
    pairs = zip(long["indicator"].tolist(), long["level"].tolist(), strict=True)
    return pd.Series([lookup.get(pair, math.nan) for pair in pairs], index=long.index,
                     dtype="float64")


def threshold_gaps(result: IndicatorResult, params: AssessmentParams,
                   long: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every (unit, indicator) with value < threshold, and what is missing to reach it.

    resource_needed = threshold·P/per (per = 100 for "per 100 pupils"); gap = needed − have,
    rounded up for things counted whole (teachers, rooms, computers, books), exact for m² and
    yuan. For a combined school the physical figures are its section's share. Indicators
    without a per-school threshold (2012 without a provincial overlay) give no rows.
    Rows follow the result's CV order, the furthest below its threshold first.
    """
    long = _long(result) if long is None else long
    threshold = _thresholds(long, params)
    failing_rows = threshold.notna() & (long["value"] < threshold)
    failing = long.loc[failing_rows].copy()
    failing["threshold"] = threshold[failing_rows]
    if failing.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _GAP_COLUMNS})
    per = failing["indicator"].map({k: INDICATORS[k].per for k in INDICATORS})
    failing["ratio"] = failing["value"] / failing["threshold"]
    failing["resource_needed"] = failing["threshold"] * failing["pupils"] / per
    shortfall = failing["resource_needed"] - failing["resource"]
    discrete = failing["indicator"].map({k: INDICATORS[k].discrete for k in INDICATORS})
    # round(…, 9) first: 2.0000000000004 missing teachers are 2, not 3.
    failing["gap"] = np.where(discrete, np.ceil(shortfall.round(9)), shortfall)
    failing["unit_en"] = failing["indicator"].map({k: INDICATORS[k].unit_en for k in INDICATORS})
    failing["unit_zh"] = failing["indicator"].map({k: INDICATORS[k].unit_zh for k in INDICATORS})
    # worst first within each indicator
    return _in_result_order(failing.loc[:, _GAP_COLUMNS], result, then=["ratio", "school_code"])


def _in_result_order(frame: pd.DataFrame, result: IndicatorResult,
                     then: Sequence[str] = ()) -> pd.DataFrame:
    # Same order as result.dispersion (district, primary before junior, method's indicators).
    position = {tuple(k): i for i, k in enumerate(
        result.dispersion[CV_KEYS].itertuples(index=False, name=None))}
    keys = zip(*(frame[c].tolist() for c in CV_KEYS), strict=True)
    keyed = frame.assign(_pos=[position.get(k, len(position)) for k in keys])
    return keyed.sort_values(["_pos", *then], kind="stable").drop(columns="_pos").reset_index(
        drop=True)


_Groups = list[tuple[tuple[str, str, str], np.ndarray]]


def _cv_groups(long: pd.DataFrame) -> _Groups:
    """``long.groupby(CV_KEYS, sort=False)`` as (key, row positions) in the same order.

    One grouping for the whole province: each CV's rows are then cut from whole-column
    arrays by position (the same values in the same order as the group's own frame), instead
    of building a frame per group.
    """
    if long.empty:
        return []
    number = long.groupby(CV_KEYS, sort=False).ngroup().to_numpy()
    order = np.argsort(number, kind="stable")
    bounds = np.flatnonzero(np.diff(number[order])) + 1
    keys = list(zip(*(long[c].tolist() for c in CV_KEYS), strict=True))
    return [(keys[int(pos[0])], pos) for pos in np.split(order, bounds)]


def _cv_frame(result: IndicatorResult) -> pd.DataFrame:
    return result.dispersion.loc[:, [*CV_KEYS, "mean", "cv"]]


def cv_drivers(result: IndicatorResult, top: int | None = None,
               long: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each CV and each school: the CV if that school's value were the weighted mean X̄.

    With wᵢ = Pᵢ/P, dᵢ = xᵢ − X̄ and V = Σ wⱼdⱼ², setting xᵢ := X̄ gives the new mean
    X̄ − wᵢdᵢ and variance V − wᵢdᵢ² − wᵢ²dᵢ² (exact; no recomputation per school).
    ``cv_change`` = new CV − CV (negative: correcting this school lowers the CV);
    ``variance_share`` = wᵢdᵢ²/V, the school's part of the squared deviation. Sorted by
    ``cv_change`` within each CV; ``top`` keeps the first n schools of each CV.
    """
    long = (_long(result) if long is None else long).merge(_cv_frame(result), on=CV_KEYS, how="left")
    totals = long.groupby(CV_KEYS)["pupils"].transform("sum").astype("float64")
    w = long["pupils"].astype("float64") / totals
    d = long["value"] - long["mean"]
    squares = w * d * d
    variance = squares.groupby([long[c] for c in CV_KEYS]).transform("sum")
    new_variance = (variance - squares - (w * d) ** 2).clip(lower=0.0)
    new_mean = long["mean"] - w * d
    long["cv_if_at_mean"] = np.where(new_mean > 0,
                                     np.sqrt(new_variance) / new_mean.where(new_mean > 0, 1.0),
                                     0.0)
    long["cv_change"] = long["cv_if_at_mean"] - long["cv"]
    long["variance_share"] = np.where(variance > 0, squares / variance.where(variance > 0, 1.0),
                                      0.0)
    long["side"] = np.where(d < 0, "below", np.where(d > 0, "above", "at"))
    long = _in_result_order(long, result, then=["cv_change", "school_code"])
    long["rank"] = long.groupby(CV_KEYS).cumcount() + 1
    if top is not None:
        long = long.loc[long["rank"] <= top]
    columns = [*CV_KEYS, "rank", "school_code", "school_name", "pupils", "value", "mean", "side",
               "cv", "cv_if_at_mean", "cv_change", "variance_share"]
    return long.loc[:, columns].reset_index(drop=True)


def cv_if_thresholds_met(result: IndicatorResult, params: AssessmentParams,
                         long: pd.DataFrame | None = None, groups: _Groups | None = None) -> pd.DataFrame:
    """Per CV: its value if every school below its threshold were lifted exactly to it.

    Lifting raises the mean, so the CV usually falls but need not reach the limit: what is
    left is the spread among schools that already meet the standard. ``cv_limit`` is the
    method's limit for the level when it applies to each indicator (2017), else NaN.
    """
    long = _long(result) if long is None else long
    threshold = _thresholds(long, params)
    lifted = threshold.notna() & (long["value"] < threshold)
    rows = []
    all_pupils = long["pupils"].to_numpy(dtype=np.float64)
    all_values, all_lifted = long["value"].to_numpy(), lifted.to_numpy()
    all_met = np.where(lifted, threshold, long["value"])
    for (district, level, key), pos in (_cv_groups(long) if groups is None else groups):
        pupils = all_pupils[pos]
        rows.append({
            "district_code": district, "level": level, "indicator": key,
            "n_schools": len(pos), "n_lifted": int(all_lifted[pos].sum()),
            "cv": inequality.weighted_cv(all_values[pos], pupils),
            "mean_if_met": inequality.weighted_mean(all_met[pos], pupils),
            "cv_if_met": inequality.weighted_cv(all_met[pos], pupils),
        })
    out = pd.DataFrame(rows, columns=[*CV_KEYS, "n_schools", "n_lifted", "cv", "mean_if_met",
                                      "cv_if_met"])
    limits = params.cv_limits if params.cv_mode == "each" else {}
    out["cv_limit"] = out["level"].map(lambda lv: limits.get(lv, math.nan)).astype("float64")
    return _in_result_order(out, result)


def inequality_summary(result: IndicatorResult, long: pd.DataFrame | None = None,
                       groups: _Groups | None = None) -> pd.DataFrame:
    """Per CV: the official weighted CV beside weighted Gini, Theil T, McLoone and range ratio."""
    rows = []
    long = _long(result) if long is None else long
    values = long["value"].to_numpy(dtype=np.float64)
    pupils = long["pupils"].to_numpy(dtype=np.float64)
    for (district, level, key), pos in (_cv_groups(long) if groups is None else groups):
        x, p = values[pos], pupils[pos]
        rows.append({
            "district_code": district, "level": level, "indicator": key,
            "n_schools": len(pos),
            "cv": inequality.weighted_cv(x, p),
            "gini": inequality.gini(x, p),
            "theil_t": inequality.theil_t(x, p),
            "mcloone": inequality.mcloone(x, p),
            "range_ratio": inequality.range_ratio(x),
        })
    out = pd.DataFrame(rows, columns=[*CV_KEYS, "n_schools", "cv", "gini", "theil_t",
                                      "mcloone", "range_ratio"])
    return _in_result_order(out, result)


def theil_decomposition_table(result: IndicatorResult,
                              groups: Sequence[str] = DECOMPOSITION_GROUPS,
                              long: pd.DataFrame | None = None, cvs: _Groups | None = None) -> pd.DataFrame:
    """Per CV and grouping (town, location, education_group): Theil T = between + within.

    Every CV of the batch at once: each school's terms are element-wise, and the sums per CV and
    per (CV, group) are segment sums (``np.bincount``) instead of a loop over CVs and groups
    (a nation batch has ~2,500 CVs of three groupings: most of the diagnosis's time). The sums
    are taken in another order than ``inequality.theil_decomposition``, so the figures agree
    with it to ~1e-15, not to the last bit (tests/analytics/test_fast_diagnosis.py); a report
    rounds them to 6 decimals."""
    long = _long(result) if long is None else long
    cvs = _cv_groups(long) if cvs is None else cvs
    columns = [*CV_KEYS, "grouping", "n_groups", "total", "between", "within", "between_share"]
    if not cvs:
        return _in_result_order(pd.DataFrame({c: [] for c in columns}), result)
    x_all = long["value"].to_numpy(dtype=np.float64)
    p_all = long["pupils"].to_numpy(dtype=np.float64)
    order = np.concatenate([pos for _, pos in cvs])
    cv = np.repeat(np.arange(len(cvs)), [len(pos) for _, pos in cvs])
    x, p = x_all[order], p_all[order]
    if not np.all(p > 0):
        raise ValueError("every school needs pupils > 0 (a school without pupils is a data error)")
    if not np.all(x >= 0):
        raise ValueError("indicator values cannot be negative")
    n_cv = len(cvs)
    w = p / np.bincount(cv, p, minlength=n_cv)[cv]
    mean = np.bincount(cv, w * x, minlength=n_cv)
    resourced = mean > 0  # a CV whose schools all have none: 0 inequality of every kind
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(resourced[cv], x / np.where(resourced, mean, 1.0)[cv], 0.0)
        total = np.bincount(cv, _plogp(w, ratio), minlength=n_cv)
        s = w * ratio  # the school's share of its CV's resource
        rows: dict[str, list[np.ndarray]] = {c: [] for c in ("g", "n", "t", "b", "w")}
        for gi, grouping in enumerate(groups):
            labels = long[grouping].to_numpy(dtype=object)[order]
            member, owner = _groups_within(cv, labels)  # each row's group, each group's CV
            w_g = np.bincount(member, w)
            s_g = np.bincount(member, s)
            has = s_g > 0  # a group without the resource adds 0·ln 0 = 0 to both parts
            between_g = np.where(has, s_g * np.log(np.where(has, s_g / w_g, 1.0)), 0.0)
            inner_mean = np.bincount(member, w * x) / w_g
            inner_ratio = np.where(has[member], x / np.where(has, inner_mean, 1.0)[member], 0.0)
            theil_g = np.bincount(member, _plogp(w / w_g[member], inner_ratio), minlength=len(w_g))
            within_g = np.where(has, s_g * theil_g, 0.0)
            rows["g"].append(np.full(n_cv, gi))
            rows["n"].append(np.bincount(owner, minlength=n_cv))
            rows["t"].append(np.where(resourced, total, 0.0))
            rows["b"].append(np.where(resourced, np.bincount(owner, between_g, minlength=n_cv), 0.0))
            rows["w"].append(np.where(resourced, np.bincount(owner, within_g, minlength=n_cv), 0.0))
    k = len(groups)
    # rows CV by CV, each CV's groupings in turn (the order of the former loop)
    def interleave(parts: list[np.ndarray]) -> np.ndarray:
        return np.stack(parts, axis=1).reshape(-1)
    t, b, wi = interleave(rows["t"]), interleave(rows["b"]), interleave(rows["w"])
    keys = [key for key, _ in cvs]
    out = pd.DataFrame({
        "district_code": [key[0] for key in keys for _ in range(k)],
        "level": [key[1] for key in keys for _ in range(k)],
        "indicator": [key[2] for key in keys for _ in range(k)],
        "grouping": [groups[g] for g in interleave(rows["g"])],
        "n_groups": interleave(rows["n"]).astype(np.int64),
        "total": t, "between": b, "within": wi,
        "between_share": np.where(t > 0, b / np.where(t > 0, t, 1.0), 0.0),
    }, columns=columns)
    return _in_result_order(out, result)


def _plogp(w: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """wᵢ·rᵢ·ln rᵢ with 0·ln 0 = 0 (a school without the resource adds nothing)."""
    return w * ratio * np.log(np.where(ratio > 0, ratio, 1.0))


def _groups_within(cv: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's group, numbered across CVs (a missing label — None, NaN — is the label "", a
    group of its own, as ``inequality.label_codes`` has it), and each group's CV."""
    text = pd.Series(labels, dtype=object)
    code = pd.factorize(text.where(text.notna(), "").map(str))[0].astype(np.int64)
    member = pd.factorize(cv.astype(np.int64) * (int(code.max()) + 1) + code)[0]
    owner = np.zeros(int(member.max()) + 1, dtype=np.int64)
    owner[member] = cv  # (every row of a group is of the same CV)
    return member, owner


@dataclass(frozen=True)
class Diagnosis:
    gaps: pd.DataFrame
    drivers: pd.DataFrame
    if_thresholds_met: pd.DataFrame
    inequality: pd.DataFrame
    theil: pd.DataFrame


def diagnose(result: IndicatorResult, params: AssessmentParams,
             top_drivers: int | None = 10) -> Diagnosis:
    """Everything above in one call (drivers cut to the ``top_drivers`` per CV); the units'
    long frame and its CVs' rows made once for all five (each made its own: a third of the
    time of a one-district run's diagnosis)."""
    long = _long(result)
    groups = _cv_groups(long)
    return Diagnosis(
        gaps=threshold_gaps(result, params, long=long),
        drivers=cv_drivers(result, top=top_drivers, long=long),
        if_thresholds_met=cv_if_thresholds_met(result, params, long=long, groups=groups),
        inequality=inequality_summary(result, long=long, groups=groups),
        theil=theil_decomposition_table(result, long=long, cvs=groups),
    )
