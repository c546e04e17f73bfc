"""What the rotation model is built from: units, movable teachers by class, and the arcs.

- A *unit* is one assessed section of a school (school × primary/junior), as in the analytics.
- A *class* is the aggregation that keeps the model small: all movable teachers of one unit
  with the same type (qualified × key × PE/art, see ``teacher_types``). Teachers of a class
  are interchangeable for every indicator and rule the model knows, so the model decides
  *how many* of a class go to each destination and ``rotation_apply`` picks *who*.
- Subjects enter only where they can bind: a school section keeps at least
  ``min_keep_per_subject`` teachers of every subject it teaches. Where every teacher of a
  subject is movable, the model gets a per-subject split of the class's outflow.
- An *arc* is (class → destination unit) in the same section, allowed by the options
  (frozen schools, same town, maximum distance, nearest candidates).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from youjun.analytics import IndicatorResult
from youjun.assess.figures import rotation_figures
from youjun.core.judging import at_least
from youjun.core.params import AssessmentParams
from youjun.plan.geo import distance_matrix_km
from youjun.plan.judge import needed_count
from youjun.plan.rotation_options import RotationOptions
from youjun.plan.teacher_types import NUMERATOR_OF, TEACHER_INDICATORS, teacher_flags, type_parts


@dataclass(frozen=True)
class RotationRule:
    """The rotation rule's figures for this district and what the plan must add."""

    eligible: int  # eligible teachers (judge's definition) after the reset, if any
    rotated_before: int  # rotations the plan keeps (0 when existing rotations are reset)
    key_before: int
    min_percent: float
    min_key_percent: float
    min_years: int
    required_moves: int  # moves the plan needs for the rotation share

    def to_dict(self) -> dict[str, float | int]:
        return {"eligible": self.eligible, "rotated_before": self.rotated_before, "key_before": self.key_before,
                "min_percent": self.min_percent, "min_key_percent": self.min_key_percent,
                "min_years": self.min_years, "required_moves": self.required_moves}


@dataclass
class RotationPool:
    units: pd.DataFrame  # one row per unit, index = unit number
    school_headroom: dict[str, int | None]  # posts free per school (None: no quota known)
    classes: pd.DataFrame  # unit, type, movable
    subject_splits: pd.DataFrame  # (class, subject) for subjects that can bind: movable
    subject_limits: pd.DataFrame  # (unit, subject): most teachers that may leave
    arcs: pd.DataFrame  # class, origin, dest, distance_km, same_group, cost
    movable: pd.DataFrame  # movable teachers: teacher_id, unit, type, subject, years_at_school, class
    rule: RotationRule
    base_teachers: pd.DataFrame  # the teachers table the plan starts from (after any reset)
    distance_known: bool


def reset_rotations(teachers: pd.DataFrame) -> pd.DataFrame:
    """This year's rotated flags cleared: the plan is next year's rotation."""
    out = teachers.copy()
    out["rotated_this_year"] = pd.array([False] * len(out), dtype="boolean")
    if "rotated_from_school_code" in out.columns:
        out["rotated_from_school_code"] = pd.array([None] * len(out), dtype=out["rotated_from_school_code"].dtype)
    return out


def rotation_rule(teachers: pd.DataFrame, params: AssessmentParams) -> RotationRule:
    g11 = params.items.get("g11", {})
    pct = float(g11.get("min_rotation_percent", 10))
    key_pct = float(g11.get("min_key_share_percent", 20))
    years = int(g11.get("eligible_min_years", 6))
    figures = rotation_figures(teachers, params)
    eligible, rotated, key = figures["eligible"], figures["rotated_eligible"], figures["rotated_key"]
    need = 0
    while eligible and not at_least(100.0 * (rotated + need) / eligible, pct):
        need += 1
    return RotationRule(eligible, rotated, key, pct, key_pct, years, need)


def build_pool(tables: dict[str, pd.DataFrame], params: AssessmentParams, before: IndicatorResult,
               options: RotationOptions) -> RotationPool:
    schools = tables["schools"].drop_duplicates("school_code").set_index("school_code")
    teachers = tables["teachers"]
    if options.existing_rotations == "reset":
        teachers = reset_rotations(teachers)
    rule = rotation_rule(teachers, params)
    units = _units(before, schools, params, options)
    flags = teacher_flags(teachers, params)
    staff = pd.concat([teachers[["teacher_id", "school_code", "section", "subject", "years_at_school"]],
                       flags], axis=1)
    staff = staff.merge(units[["school_code", "level", "unit"]].rename(columns={"level": "section"}),
                        on=["school_code", "section"], how="inner")
    _check_counts(units, staff)
    movable = staff[
        (staff["years_at_school"].fillna(0) >= rule.min_years)
        & ~staff["teacher_id"].astype(str).isin(options.frozen_teachers)
        & staff["unit"].map(units["plannable"]).astype(bool)
    ].copy()
    units = _caps(units, staff, options)
    classes = pd.DataFrame({"unit": movable["unit"].to_numpy(dtype=int), "type": movable["type"].to_numpy(dtype=int)})
    classes = classes.groupby(["unit", "type"], as_index=False).size().rename(columns={"size": "movable"})
    classes = classes.astype({"unit": int, "type": int, "movable": int})
    classes.index.name = "class"
    movable = movable.merge(classes.reset_index()[["unit", "type", "class"]], on=["unit", "type"])
    splits, limits = _subject_rules(staff, movable, options)
    headroom = _headroom(schools, tables["teachers"])
    arcs, known = _arcs(units, classes, options)
    return RotationPool(units, headroom, classes, splits, limits, arcs, movable, rule, teachers, known)


def _units(before: IndicatorResult, schools: pd.DataFrame, params: AssessmentParams,
           options: RotationOptions) -> pd.DataFrame:
    u = before.units.loc[before.units["pupils"] > 0].reset_index(drop=True).copy()
    u.index.name = "unit"
    u["unit"] = u.index
    for col in ("longitude", "latitude"):
        u[col] = pd.to_numeric(u["school_code"].map(schools[col]) if col in schools else np.nan,
                               errors="coerce").astype("float64")
    u["plannable"] = ~u["school_code"].isin(options.frozen_schools)
    if not options.include_private:
        u["plannable"] &= u["ownership"] != "private"
    for key in TEACHER_INDICATORS:
        col = NUMERATOR_OF[key]
        need = [needed_count(params.thresholds[key][lv], int(p), 100.0)
                for lv, p in zip(u["level"], u["pupils"], strict=True)]
        u[f"need_{col}"] = need
        # A school section never falls below its threshold because of the plan, and never
        # below where it started if it was short already.
        u[f"floor_{col}"] = np.minimum(u[col].to_numpy(), np.asarray(need))
    return u


def _check_counts(units: pd.DataFrame, staff: pd.DataFrame) -> None:
    """The planner's teacher types must count exactly what the analytics counted."""
    counts = staff.groupby("unit")[["qualified", "key", "pe_art"]].sum().reindex(units.index, fill_value=0)
    counts["teachers"] = staff.groupby("unit").size().reindex(units.index, fill_value=0)
    mine = {"teachers": "teachers", "qualified": "qualified_teachers", "key": "key_teachers",
            "pe_art": "pe_art_teachers"}
    for ours, theirs in mine.items():
        diff = counts[ours].to_numpy() != units[theirs].to_numpy()
        if diff.any():
            bad = units.loc[diff, "school_code"].tolist()[:5]
            raise RuntimeError(f"teacher types disagree with the analytics on {theirs} at {bad}")


def _caps(units: pd.DataFrame, staff: pd.DataFrame, options: RotationOptions) -> pd.DataFrame:
    n = units["teachers"].to_numpy()
    units["in_cap"] = np.where(units["plannable"], np.maximum(1, np.floor(options.max_in_share * n)), 0)
    units["out_cap"] = np.where(units["plannable"], np.maximum(1, np.floor(options.max_out_share * n)), 0)
    units["net_loss_cap"] = np.floor(options.max_net_loss_share * n + 1e-9)
    return units.astype({"in_cap": int, "out_cap": int, "net_loss_cap": int})


def _subject_rules(staff: pd.DataFrame, movable: pd.DataFrame,
                   options: RotationOptions) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Subjects whose movable teachers could empty the subject below the keep rule."""
    total = staff.groupby(["unit", "subject"]).size().rename("teachers")
    can_move = movable.groupby(["unit", "subject"]).size().rename("movable")
    both = pd.concat([total, can_move], axis=1).fillna(0).astype(int)
    keep = np.minimum(both["teachers"], options.min_keep_per_subject)
    both["max_out"] = both["teachers"] - keep
    binding = both[both["movable"] > both["max_out"]].reset_index()
    splits = (movable.merge(binding[["unit", "subject"]], on=["unit", "subject"])
              .groupby(["class", "subject"]).size().rename("movable").reset_index())
    return splits, binding[["unit", "subject", "teachers", "movable", "max_out"]]


def _headroom(schools: pd.DataFrame, teachers: pd.DataFrame) -> dict[str, int | None]:
    """Approved posts not yet filled (never negative: a school above quota may not grow)."""
    counts = teachers.groupby("school_code").size()
    out: dict[str, int | None] = {}
    quota = schools["post_quota"] if "post_quota" in schools else pd.Series(dtype="float64")
    for code in schools.index:
        q = quota.get(code)
        out[str(code)] = None if q is None or pd.isna(q) else max(0, int(q) - int(counts.get(code, 0)))
    return out


def _arcs(units: pd.DataFrame, classes: pd.DataFrame, options: RotationOptions) -> tuple[pd.DataFrame, bool]:
    dist = distance_matrix_km(units["longitude"].to_numpy(), units["latitude"].to_numpy())
    known = bool(np.isfinite(dist).any())
    group = units["education_group"].astype("string").fillna("").to_numpy()
    town = units["town"].astype("string").fillna("").to_numpy()
    level = units["level"].to_numpy()
    receivable = (units["plannable"] & (units["in_cap"] > 0)).to_numpy()
    short_any = _short_indicators(units)
    rows = []
    for cls, (origin, type_code) in enumerate(zip(classes["unit"], classes["type"], strict=True)):
        ok = receivable & (level == level[origin])
        ok[origin] = False
        if options.same_town:
            ok &= town == town[origin]
        d = dist[origin]
        if options.max_distance_km is not None:
            ok &= np.nan_to_num(d, nan=np.inf) <= options.max_distance_km
        dests = np.flatnonzero(ok)
        if options.max_candidates is not None and len(dests) > options.max_candidates:
            dests = _nearest_and_short(dests, d, short_any, type_code, options.max_candidates)
        for dest in dests:
            same_group = bool(group[origin]) and group[origin] == group[dest]
            km = float(d[dest]) if math.isfinite(d[dest]) else 0.0
            rows.append((cls, origin, int(dest), km, same_group))
    arcs = pd.DataFrame(rows, columns=["class", "origin", "dest", "distance_km", "same_group"])
    arcs = arcs.astype({"class": int, "origin": int, "dest": int, "distance_km": float, "same_group": bool})
    arcs["cost"] = arcs["distance_km"] + np.where(arcs["same_group"], 0.0, options.group_penalty_km)
    return arcs, known


def _short_indicators(units: pd.DataFrame) -> np.ndarray:
    """Per unit, a 3-bit mask of the teacher indicators it is short on (r1, r2, r3)."""
    mask = np.zeros(len(units), dtype=int)
    for bit, key in zip((4, 2, 1), TEACHER_INDICATORS, strict=True):
        col = NUMERATOR_OF[key]
        mask |= np.where(units[col] < units[f"need_{col}"], bit, 0)
    return mask


def _nearest_and_short(dests: np.ndarray, dist: np.ndarray, short: np.ndarray, type_code: int,
                       k: int) -> np.ndarray:
    """The k nearest destinations, plus every one short on an indicator this type counts for."""
    q, key, p = type_parts(type_code)
    helps = (short[dests] & (4 * q + 2 * key + p)) > 0
    order = dests[np.argsort(np.nan_to_num(dist[dests], nan=np.inf), kind="stable")]
    return np.union1d(order[:k], dests[helps])
