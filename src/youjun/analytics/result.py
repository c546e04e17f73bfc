"""The plain result of an indicator run, and the finishing steps both implementations share.

Finishing happens on the small per-(district, level, indicator) table after the heavy work
ran in the backend: column order, rounding to the published decimals, checks that name the
offending schools.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from youjun.analytics.definitions import (
    COMPOSITE_COLUMNS,
    DISPERSION_COLUMNS,
    INDICATORS,
    PHYSICAL_NUMERATORS,
    TEACHER_NUMERATORS,
    UNIT_ATTRIBUTES,
    UNIT_COLUMNS,
)
from youjun.core.errors import Location, Problem, YoujunError, problem
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.schema import COMBINED_TYPES, SCHOOL_TYPES, SECTIONS


@dataclass(frozen=True)
class IndicatorResult:
    """Indicators of every assessed unit and their dispersion per district and level.

    - ``units``: one row per unit (district_code, school_code, school_name, town, location,
      education_group, school_type, ownership, level, pupils, share, the numerators of
      ``definitions.NUMERATORS``, then one column per indicator key with its value).
    - ``dispersion``: one row per (district_code, level, indicator): n_schools, pupils,
      resource (ΣR), mean (enrolment-weighted, = per·ΣR/ΣP), sd, cv (official weighted CV)
      and cv_published (rounded half-up to ``params.cv_decimals``).
    - ``composite``: for ``cv_mode == "composite"`` (2012) the plain mean of the CVs per
      (district_code, level); None otherwise (2017 has no composite CV).
    """

    method: str
    indicators: tuple[str, ...]
    units: pd.DataFrame
    dispersion: pd.DataFrame
    composite: pd.DataFrame | None

    def values_long(self) -> pd.DataFrame:
        """Per unit and indicator: value and its numerator (for diagnosis and reports).

        The units' rows once per indicator, indicator by indicator (one ``take`` of the unit
        columns, not a copy and a concatenation per indicator: the same frame)."""
        n, keys = len(self.units), list(self.indicators)
        base = ["district_code", "school_code", "school_name", "level", "pupils"]
        long = self.units[base].take(np.tile(np.arange(n), len(keys))).reset_index(drop=True)
        long["indicator"] = np.repeat(np.array(keys, dtype=object), n)
        long["resource"] = np.concatenate(
            [self.units[INDICATORS[k].numerator].to_numpy(dtype="float64") for k in keys] or [np.zeros(0)])
        long["value"] = np.concatenate(
            [self.units[k].to_numpy(dtype="float64") for k in keys] or [np.zeros(0)])
        return long


def round_half_up(value: float, decimals: int) -> float:
    """Round as a person (or Excel) does: half away from zero, on the shortest decimal form."""
    if pd.isna(value):
        return float("nan")
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def finish_units(units: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    out = units.loc[:, [*UNIT_COLUMNS, *params.indicators]].copy()
    _as_text(out, [*UNIT_ATTRIBUTES, "level"])
    out["pupils"] = out["pupils"].astype("int64")
    for name in TEACHER_NUMERATORS:
        out[name] = out[name].astype("int64")
    for name in PHYSICAL_NUMERATORS:
        out[name] = out[name].astype("float64")
    level_order = pd.Categorical(out["level"], categories=list(LEVELS), ordered=True)
    order = pd.DataFrame({"d": out["district_code"], "l": level_order, "s": out["school_code"]})
    return out.loc[order.sort_values(["d", "l", "s"]).index].reset_index(drop=True)


def finish_dispersion(dispersion: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    out = dispersion.copy()
    _as_text(out, ["district_code", "level", "indicator"])
    out["n_schools"] = out["n_schools"].astype("int64")
    out["pupils"] = out["pupils"].astype("int64")
    for c in ("resource", "mean", "sd", "cv"):
        out[c] = out[c].astype("float64")
    out["cv_published"] = [round_half_up(v, params.cv_decimals) for v in out["cv"]]
    out = _ordered(out, params)
    return out.loc[:, list(DISPERSION_COLUMNS)].reset_index(drop=True)


def finish_composite(composite: pd.DataFrame | None,
                     params: AssessmentParams) -> pd.DataFrame | None:
    if composite is None:
        return None
    out = composite.copy()
    _as_text(out, ["district_code", "level"])
    out["n_indicators"] = out["n_indicators"].astype("int64")
    out["composite_cv"] = out["composite_cv"].astype("float64")
    out["composite_cv_published"] = [round_half_up(v, params.cv_decimals)
                                     for v in out["composite_cv"]]
    out = _ordered(out, params)
    return out.loc[:, list(COMPOSITE_COLUMNS)].reset_index(drop=True)


def _as_text(frame: pd.DataFrame, columns: list[str]) -> None:
    # One string dtype whatever the backend returned (object, Arrow or pandas strings).
    for c in columns:
        frame[c] = frame[c].astype("str")


def _ordered(frame: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    keys = pd.DataFrame({
        "d": frame["district_code"],
        "l": pd.Categorical(frame["level"], categories=list(LEVELS), ordered=True),
    })
    by = ["d", "l"]
    if "indicator" in frame.columns:
        keys["i"] = pd.Categorical(frame["indicator"], categories=list(params.indicators),
                                   ordered=True)
        by.append("i")
    return frame.loc[keys.sort_values(by).index]


_SECTION_LABEL = {c.code: (c.zh, c.en) for c in SECTIONS}
_TYPE_LABEL = {c.code: (c.zh, c.en) for c in SCHOOL_TYPES}


def empty_unit_problems(empty: pd.DataFrame) -> list[Problem]:
    """E411/E404 for units without pupils (columns school_code, school_name, school_type, level).

    A unit with zero pupils is a data error, not a division by zero: the run stops and
    names each school.
    """
    problems = []
    for code, name, school_type, level in empty.itertuples(index=False):
        school = f"{name}（{code}）"
        where = Location(sheet="schools", column=f"students_g* ({level})")
        if school_type in COMBINED_TYPES:
            type_zh, type_en = _TYPE_LABEL[str(school_type)]
            section_zh, section_en = _SECTION_LABEL[str(level)]
            problems.append(problem("E404", where, code, school=school,
                                    type_zh=type_zh, type_en=type_en,
                                    section_zh=section_zh, section_en=section_en))
        else:
            problems.append(problem("E411", where, code, school=school))
    return problems


def raise_if_empty_units(units: pd.DataFrame) -> None:
    empty = units.loc[units["pupils"] <= 0, ["school_code", "school_name", "school_type", "level"]]
    if len(empty):
        raise YoujunError(empty_unit_problems(empty))
