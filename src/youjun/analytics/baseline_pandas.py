"""The same indicators in plain pandas: the benchmark baseline and an independent cross-check.

Written separately from the Ibis path (wide group-by transforms instead of a long union),
sharing only the definitions (``definitions.py``) and the finishing steps (``result.py``),
so that agreement between the two is evidence, not an echo. Tests require agreement to 1e-9.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from youjun.analytics.definitions import (
    INDICATORS,
    PHYSICAL_NUMERATORS,
    TEACHER_NUMERATORS,
    UNIT_ATTRIBUTES,
    check_params,
    key_level_codes,
    mid_title_codes,
    qualified_codes,
    section_weights,
)
from youjun.analytics.result import (
    IndicatorResult,
    finish_composite,
    finish_dispersion,
    finish_units,
    raise_if_empty_units,
)
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.schema import COMBINED_TYPES, PE_ART_SUBJECTS, SECTION_GRADES, grade_column

GROUP = ["district_code", "level"]


def _numbers(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(0.0, index=frame.index)
    return pd.to_numeric(frame[column], errors="coerce").astype("float64").fillna(0.0)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(None, index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), None)


def _pupils(schools: pd.DataFrame, section: str) -> pd.Series:
    return sum((_numbers(schools, grade_column(g)) for g in SECTION_GRADES[section]),
               start=pd.Series(0.0, index=schools.index))


def _in_scope(schools: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    keep = schools["school_type"] != "special"
    if not params.include_private:
        keep &= schools["ownership"] != "private"
    if not params.include_non_county_run:
        keep &= schools["county_run"].astype("boolean").fillna(True).astype(bool)
    point = schools["school_type"] == "teaching_point"
    if not params.include_teaching_points:
        keep &= ~point
    elif params.teaching_point_min_students is not None:
        keep &= ~point | (_pupils(schools, "primary") >= params.teaching_point_min_students)
    return schools.loc[keep]


def _units(schools: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    weights = section_weights(params)
    n = {s: _pupils(schools, s) for s in ("primary", "junior", "senior")}
    w = {s: schools["school_type"].map({t: ws.get(s, 0.0) for t, ws in weights.items()})
         .astype("float64") for s in n}
    weighted_total = w["primary"] * n["primary"] + w["junior"] * n["junior"] + (
        w["senior"] * n["senior"])
    combined = schools["school_type"].isin(COMBINED_TYPES)
    attrs = pd.DataFrame({c: _text(schools, c) for c in UNIT_ATTRIBUTES}, index=schools.index)
    parts = []
    for level in LEVELS:
        has_level = w[level] > 0
        share = (w[level] * n[level] / weighted_total.where(weighted_total > 0))
        part = attrs.loc[has_level].copy()
        part["level"] = level
        part["pupils"] = n[level][has_level]
        part["share"] = share.where(combined, 1.0)[has_level]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _teacher_counts(teachers: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    t = teachers.loc[teachers["section"].isin(LEVELS)]
    qualified = pd.Series(False, index=t.index)
    for level in LEVELS:
        floor = qualified_codes(params, level)
        qualified |= (t["section"] == level) & t["qualification"].isin(floor)
    tier = _text(t, "key_teacher_tier")
    awarded = _text(t, "key_teacher_level").isin(key_level_codes(params))
    key = tier.notna() & (tier != "none") & awarded
    specialist = t["pe_art_specialist"].astype("boolean").fillna(False).astype(bool)
    flags = pd.DataFrame({
        "school_code": t["school_code"].astype(str),
        "level": t["section"].astype(str),
        "teachers": 1,
        "qualified_teachers": qualified.astype("int64"),
        "key_teachers": key.astype("int64"),
        "pe_art_teachers": (specialist & t["subject"].isin(PE_ART_SUBJECTS)).astype("int64"),
        "mid_title_teachers": t["title"].isin(mid_title_codes(params)).astype("int64"),
    })
    return flags.groupby(["school_code", "level"], as_index=False)[list(TEACHER_NUMERATORS)].sum()


def _physical(facilities: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    f = facilities
    teaching = _numbers(f, "teaching_aux_area_m2")
    if params.teaching_area_includes_gym:
        teaching = teaching + _numbers(f, "gym_area_m2")
    return pd.DataFrame({
        "school_code": f["school_code"].astype(str),
        "teaching_area_m2": teaching,
        "sports_area_m2": _numbers(f, "gym_area_m2") + _numbers(f, "outdoor_sports_area_m2"),
        "equipment_yuan": _numbers(f, "equipment_value_10k_yuan") * params.equipment_unit_yuan,
        "multimedia_rooms": _numbers(f, "multimedia_classrooms"),
        "computers": _numbers(f, "computers"),
        "books": _numbers(f, "books"),
    })


def unit_table(frames: Mapping[str, pd.DataFrame], params: AssessmentParams) -> pd.DataFrame:
    """Per unit: attributes, pupils, share, numerators and indicator values."""
    units = _units(_in_scope(frames["schools"], params), params)
    units["school_code"] = units["school_code"].astype(str)
    units = units.merge(_teacher_counts(frames["teachers"], params),
                        on=["school_code", "level"], how="left")
    units[list(TEACHER_NUMERATORS)] = units[list(TEACHER_NUMERATORS)].fillna(0)
    units = units.merge(_physical(frames["facilities"], params), on="school_code", how="left")
    for name in PHYSICAL_NUMERATORS:
        units[name] = units[name].fillna(0.0) * units["share"]
    for key in params.indicators:
        spec = INDICATORS[key]
        units[key] = units[spec.numerator].astype("float64") * spec.per / units["pupils"]
    return units


def dispersion_table(units: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    """Weighted mean, sd and CV per (district_code, level, indicator) by group transforms.

    Every indicator's sums come from one grouping of a wide frame (a column per indicator):
    the same per-column sums in the same order as a grouping per indicator, so the same
    figures to the last bit, without seven groupings' fixed costs (most of a district's time)."""
    keys = list(params.indicators)
    by = [units[c] for c in GROUP]
    pupils = units["pupils"].astype("float64")
    resources = pd.DataFrame({f"r{i}": units[INDICATORS[key].numerator].astype("float64")
                              for i, key in enumerate(keys)}, index=units.index)
    total_r = resources.groupby(by, sort=False).transform("sum")
    total_p = units.groupby(GROUP, sort=False)["pupils"].transform("sum").astype("float64")
    wide = {"district_code": units["district_code"], "level": units["level"], "pupils": units["pupils"]}
    for i, key in enumerate(keys):
        spec = INDICATORS[key]
        mean = spec.per * total_r[f"r{i}"] / total_p
        wide[f"r{i}"] = resources[f"r{i}"]
        wide[f"s{i}"] = pupils * (units[key] - mean) ** 2
    # .sum() and .size() of the grouping, not .agg(name=(column, "sum"), …): the same cython
    # sums, without the named aggregation's per-column machinery (~8 ms a column)
    grouped = pd.DataFrame(wide).groupby(GROUP)
    summed_all = grouped.size().rename("n_schools").to_frame().join(grouped.sum()).reset_index()
    # one row per (district, level) and indicator, indicator by indicator: the groups' rows
    # repeated, each indicator's sums beside them (element-wise, the same arithmetic per row)
    n = len(summed_all)
    out = summed_all[[*GROUP, "n_schools", "pupils"]].take(np.tile(np.arange(n), len(keys))).reset_index(drop=True)
    resource = np.concatenate([summed_all[f"r{i}"].to_numpy(dtype="float64") for i in range(len(keys))]
                              or [np.zeros(0)])
    ssd = np.concatenate([summed_all[f"s{i}"].to_numpy(dtype="float64") for i in range(len(keys))] or [np.zeros(0)])
    per = np.repeat(np.array([float(INDICATORS[k].per) for k in keys]), n)
    out["resource"] = resource
    out["indicator"] = np.repeat(np.array(keys, dtype=object), n)
    pupils_sum = out["pupils"].astype("float64")
    out["mean"] = per * out["resource"] / pupils_sum
    out["sd"] = np.sqrt(ssd / pupils_sum)
    out["cv"] = np.where(out["mean"] > 0, out["sd"] / out["mean"].where(out["mean"] > 0, 1.0), 0.0)
    return out


def compute_indicators_pandas(frames: Mapping[str, pd.DataFrame],
                              params: AssessmentParams) -> IndicatorResult:
    """The pandas twin of ``youjun.analytics.compute_indicators`` (same result shape)."""
    check_params(params)
    units = unit_table(frames, params)
    raise_if_empty_units(units)
    spread = dispersion_table(units, params)
    composite = None
    if params.cv_mode == "composite":
        composite = spread.groupby(GROUP, as_index=False).agg(
            n_indicators=("cv", "size"), composite_cv=("cv", "mean"))
    return IndicatorResult(
        method=params.method,
        indicators=tuple(params.indicators),
        units=finish_units(units, params),
        dispersion=finish_dispersion(spread, params),
        composite=finish_composite(composite, params),
    )
