"""The diagnosis cut from one province-wide grouping equals the former per-group loops.

``cv_if_thresholds_met``, ``inequality_summary`` and ``theil_decomposition_table`` group the
whole province once and take each CV's rows by position; the Theil decomposition numbers the
group labels once. The per-group code they replace is kept here as the reference, and the
frames must be equal to the last bit (same values, same float operations, same order), on
random provinces with every kind of school, blank education groups and both methods.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from tests.analytics.district_builders import params_2012, params_2017, random_frames
from youjun.analytics import (
    IndicatorResult,
    compute_indicators_pandas,
    cv_drivers,
    cv_if_thresholds_met,
    diagnose,
    inequality,
    inequality_summary,
    theil_decomposition_table,
    threshold_gaps,
)
from youjun.analytics.diagnosis import CV_KEYS, DECOMPOSITION_GROUPS, _long
from youjun.core.params import AssessmentParams


def _reference_order(frame: pd.DataFrame, result: IndicatorResult,
                     then: Sequence[str] = ()) -> pd.DataFrame:
    position = {tuple(k): i for i, k in enumerate(
        result.dispersion[CV_KEYS].itertuples(index=False, name=None))}
    keyed = frame.assign(_pos=[position.get(k, len(position)) for k in
                               frame[CV_KEYS].itertuples(index=False, name=None)])
    return keyed.sort_values(["_pos", *then], kind="stable").drop(columns="_pos").reset_index(
        drop=True)


def _reference_thresholds(long: pd.DataFrame, params: AssessmentParams) -> pd.Series:
    lookup = {(k, lv): float(v) for k, by_level in params.thresholds.items()
              for lv, v in by_level.items()}
    pairs = zip(long["indicator"], long["level"], strict=True)
    return pd.Series([lookup.get(pair, math.nan) for pair in pairs], index=long.index,
                     dtype="float64")


def _reference_if_met(result: IndicatorResult, params: AssessmentParams) -> pd.DataFrame:
    long = _long(result)
    long["threshold"] = _reference_thresholds(long, params)
    lifted = long["threshold"].notna() & (long["value"] < long["threshold"])
    long["value_if_met"] = np.where(lifted, long["threshold"], long["value"])
    long["lifted"] = lifted
    rows = []
    for (district, level, key), g in long.groupby(CV_KEYS, sort=False):
        pupils = g["pupils"].to_numpy(dtype=np.float64)
        rows.append({
            "district_code": district, "level": level, "indicator": key,
            "n_schools": len(g), "n_lifted": int(g["lifted"].sum()),
            "cv": inequality.weighted_cv(g["value"].to_numpy(), pupils),
            "mean_if_met": inequality.weighted_mean(g["value_if_met"].to_numpy(), pupils),
            "cv_if_met": inequality.weighted_cv(g["value_if_met"].to_numpy(), pupils),
        })
    out = pd.DataFrame(rows, columns=[*CV_KEYS, "n_schools", "n_lifted", "cv", "mean_if_met",
                                      "cv_if_met"])
    limits = params.cv_limits if params.cv_mode == "each" else {}
    out["cv_limit"] = out["level"].map(lambda lv: limits.get(lv, math.nan)).astype("float64")
    return _reference_order(out, result)


def _reference_summary(result: IndicatorResult) -> pd.DataFrame:
    rows = []
    for (district, level, key), g in _long(result).groupby(CV_KEYS, sort=False):
        x = g["value"].to_numpy(dtype=np.float64)
        p = g["pupils"].to_numpy(dtype=np.float64)
        rows.append({
            "district_code": district, "level": level, "indicator": key, "n_schools": len(g),
            "cv": inequality.weighted_cv(x, p), "gini": inequality.gini(x, p),
            "theil_t": inequality.theil_t(x, p), "mcloone": inequality.mcloone(x, p),
            "range_ratio": inequality.range_ratio(x),
        })
    out = pd.DataFrame(rows, columns=[*CV_KEYS, "n_schools", "cv", "gini", "theil_t",
                                      "mcloone", "range_ratio"])
    return _reference_order(out, result)


def _reference_theil_decomposition(values: np.ndarray, weights: np.ndarray,
                                   groups: Sequence[object]) -> tuple[float, float, float]:
    x = np.asarray(values, dtype=np.float64)
    p = np.asarray(weights, dtype=np.float64)
    w = p / p.sum()
    labels = ["" if g is None or (isinstance(g, float) and np.isnan(g)) else str(g)
              for g in groups]
    mean = float(np.dot(w, x))
    if mean == 0:
        return 0.0, 0.0, 0.0
    s = w * x / mean
    codes, inverse = np.unique(np.asarray(labels, dtype=object), return_inverse=True)
    between = within = 0.0
    for g in range(len(codes)):
        member = inverse == g
        w_g, s_g = float(w[member].sum()), float(s[member].sum())
        if s_g == 0:
            continue
        between += s_g * np.log(s_g / w_g)
        within += s_g * float(inequality._theil_terms(x[member], w[member] / w_g).sum())
    return float(inequality._theil_terms(x, w).sum()), float(between), float(within)


def _reference_theil(result: IndicatorResult) -> pd.DataFrame:
    rows = []
    for (district, level, key), g in _long(result).groupby(CV_KEYS, sort=False):
        x = g["value"].to_numpy(dtype=np.float64)
        p = g["pupils"].to_numpy(dtype=np.float64)
        for grouping in DECOMPOSITION_GROUPS:
            total, between, within = _reference_theil_decomposition(x, p, g[grouping].tolist())
            rows.append({
                "district_code": district, "level": level, "indicator": key,
                "grouping": grouping, "n_groups": int(g[grouping].fillna("").nunique()),
                "total": total, "between": between, "within": within,
                "between_share": between / total if total > 0 else 0.0,
            })
    out = pd.DataFrame(rows, columns=[*CV_KEYS, "grouping", "n_groups", "total", "between",
                                      "within", "between_share"])
    return _reference_order(out, result)


def _result(seed: int, params: AssessmentParams) -> IndicatorResult:
    return compute_indicators_pandas(random_frames(seed, n_districts=3, n_schools=30), params)


CASES = [(seed, make) for seed in (3, 17) for make in (params_2017, params_2012)]


@pytest.mark.parametrize(("seed", "make"), CASES)
def test_grouped_diagnosis_equals_the_per_group_loops(seed: int, make: object) -> None:
    params = make()  # type: ignore[operator]
    result = _result(seed, params)
    assert result.units["district_code"].nunique() == 3
    assert result.units["education_group"].isna().any()  # blank labels form their own group
    pd.testing.assert_frame_equal(cv_if_thresholds_met(result, params),
                                  _reference_if_met(result, params), check_exact=True)
    pd.testing.assert_frame_equal(inequality_summary(result), _reference_summary(result),
                                  check_exact=True)
    # the Theil table sums by segments (np.bincount), in another order than the per-group loop:
    # equal to ~1e-15, not to the last bit; the rest of the frame (keys, counts) exactly
    pd.testing.assert_frame_equal(theil_decomposition_table(result), _reference_theil(result),
                                  check_exact=False, rtol=1e-12, atol=1e-14)
    theil = theil_decomposition_table(result)
    assert (theil["total"] > 0).any() and (theil["between"] > 0).any() and (theil["within"] > 0).any()


@pytest.mark.parametrize(("seed", "make"), CASES)
def test_each_district_diagnosed_alone_gives_its_rows_of_the_province(seed: int,
                                                                      make: object) -> None:
    params = make()  # type: ignore[operator]
    frames = random_frames(seed, n_districts=3, n_schools=30)
    together = diagnose(compute_indicators_pandas(frames, params), params, top_drivers=5)
    for code in frames["schools"]["district_code"].unique():
        schools = frames["schools"][frames["schools"]["district_code"] == code]
        mine = {k: (f[f["district_code"] == code] if "district_code" in f.columns
                    else f[f["school_code"].isin(schools["school_code"])]) for k, f in frames.items()}
        alone = diagnose(compute_indicators_pandas(mine, params), params, top_drivers=5)
        for name in ("gaps", "drivers", "if_thresholds_met", "inequality", "theil"):
            part = getattr(together, name)
            part = part[part["district_code"] == code].reset_index(drop=True)
            pd.testing.assert_frame_equal(part, getattr(alone, name).reset_index(drop=True),
                                          check_exact=True, obj=name)


def test_gaps_and_drivers_keep_their_order() -> None:
    params = params_2017()
    result = _result(5, params)
    gaps = threshold_gaps(result, params)
    assert not gaps.empty
    long = _long(result)
    long["threshold"] = _reference_thresholds(long, params)
    failing = long.loc[long["threshold"].notna() & (long["value"] < long["threshold"])]
    assert len(gaps) == len(failing)
    drivers = cv_drivers(result)
    assert list(drivers["rank"]) == list(drivers.groupby(CV_KEYS, sort=False).cumcount() + 1)


def test_label_codes_number_labels_in_sorted_order_with_blanks_as_one() -> None:
    labels = ["镇2", None, "镇1", math.nan, "", "镇2"]
    codes = inequality.label_codes(labels)
    assert list(codes) == [2, 0, 1, 0, 0, 2]
    x, p = np.array([3.0, 1.0, 2.0, 0.0, 5.0, 4.0]), np.array([10.0, 20, 30, 40, 50, 60])
    for subset in ([0, 1, 2, 3, 4, 5], [0, 2, 5], [1, 3]):
        parts = inequality.theil_decomposition_coded(x[subset], p[subset], codes[subset])
        expected = _reference_theil_decomposition(x[subset], p[subset], [labels[i] for i in subset])
        assert (parts.total, parts.between, parts.within) == expected
