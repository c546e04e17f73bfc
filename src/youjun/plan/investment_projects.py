"""Candidate projects: what each school must build or buy to lift a physical indicator or G3.

For each school and physical indicator below threshold there are two candidates: lift it to
the threshold ("full") or to the 85% floor the 6-of-7 rule tolerates for one indicator
("floor"). A combined school's resources are shared by enrolment (its sections' shares), so
the school needs the most any of its sections needs: R ≥ threshold·P/(per·share).
G3 is one candidate per school: the missing music and art rooms of the minimum area.
Amounts are rounded up to what is bought: whole m², 100 yuan of equipment, whole rooms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from youjun.analytics import IndicatorResult
from youjun.assess.figures import item_figures
from youjun.core.judging import at_least
from youjun.core.params import AssessmentParams
from youjun.plan.investment_options import InvestmentOptions
from youjun.plan.judge import unit_summary

PHYSICAL = {  # indicator -> (numerator column, per, what is added, unit-cost option)
    "r4_teaching_area_per_student": ("teaching_area_m2", 1.0, "teaching_area_m2", "building_yuan_per_m2"),
    "r5_sports_area_per_student": ("sports_area_m2", 1.0, "sports_ground_m2", "sports_ground_yuan_per_m2"),
    "r6_equipment_value_per_student": ("equipment_yuan", 1.0, "equipment_yuan", "equipment_yuan_per_yuan"),
    "r7_multimedia_rooms_per100": ("multimedia_rooms", 100.0, "multimedia_classrooms", "multimedia_classroom_yuan"),
}
STEP = {"teaching_area_m2": 1.0, "sports_ground_m2": 1.0, "equipment_yuan": 100.0, "multimedia_classrooms": 1.0}
G3 = "g3_music_art_rooms"


@dataclass
class InvestmentPool:
    units: pd.DataFrame  # unit status: school, level, pupils, meets_*, at_floor_*, plannable
    projects: pd.DataFrame  # project, school_code, indicator, option, amount, what, cost, cv_gain
    g3: pd.DataFrame  # per school failing G3: music/art rooms missing, undersized rooms to replace


def build_projects(tables: dict[str, pd.DataFrame], params: AssessmentParams, before: IndicatorResult,
                   options: InvestmentOptions) -> InvestmentPool:
    units = _unit_status(before, params, options)
    projects = [p for key in PHYSICAL for p in _physical_projects(before.units, units, key, params, options)]
    g3 = _g3_needs(tables, before, params, options)
    for r in g3.itertuples():
        projects.append({"school_code": r.school_code, "indicator": G3, "option": "full",
                         "amount": float(r.music + r.art), "what": "music_art_rooms",
                         "cost": r.music * options.music_room_yuan + r.art * options.art_room_yuan})
    frame = pd.DataFrame(projects, columns=["school_code", "indicator", "option", "amount", "what", "cost"])
    frame["cv_gain"] = _cv_gains(before, frame, params)
    frame.index.name = "project"
    return InvestmentPool(units, frame.reset_index(), g3)


def _unit_status(before: IndicatorResult, params: AssessmentParams, options: InvestmentOptions) -> pd.DataFrame:
    summary = unit_summary(before, params)
    floor = params.school_floor_ratio or 1.0
    for key in params.indicators:
        thr = [params.thresholds[key][lv] for lv in summary["level"]]
        summary[f"at_floor_{key}"] = [v is not None and not math.isnan(v) and at_least(v / t, floor)
                                      for v, t in zip(summary[key], thr, strict=True)]
    ownership = before.units.set_index(["school_code", "level"])["ownership"]
    summary["ownership"] = [ownership.get((s, lv)) for s, lv in zip(summary["school_code"], summary["level"],
                                                                     strict=True)]
    summary["plannable"] = options.include_private | (summary["ownership"] != "private")
    return summary


def _physical_projects(raw_units: pd.DataFrame, units: pd.DataFrame, key: str, params: AssessmentParams,
                       options: InvestmentOptions) -> list[dict[str, object]]:
    numerator, per, what, cost_key = PHYSICAL[key]
    floor_ratio = params.school_floor_ratio or 1.0
    out: list[dict[str, object]] = []
    merged = raw_units[["school_code", "level", "pupils", "share", numerator]].merge(
        units[["school_code", "level", f"meets_{key}", f"at_floor_{key}", "plannable", "compliant"]],
        on=["school_code", "level"])
    for school, part in merged.groupby("school_code", sort=True):
        if part[f"meets_{key}"].all() or not part["plannable"].all():
            continue
        # A school whose every section already meets the standard (six of seven, the seventh
        # within tolerance) is not a compliance need: money goes there only when asked to
        # improve the CVs.
        if part["compliant"].all() and not options.improve_compliant_schools:
            continue
        share = part["share"].astype(float).to_numpy()
        if not (share > 0).all():
            continue
        have = float(part[numerator].iloc[0]) / float(share[0])  # the whole school's resource
        for option, ratio in (("full", 1.0), ("floor", floor_ratio)):
            if option == "floor" and (part[f"at_floor_{key}"].all() or ratio >= 1.0):
                continue
            need = _school_need(part, share, key, per, ratio, params, whole=what == "multimedia_classrooms")
            amount = math.ceil(max(0.0, need - have) / STEP[what] - 1e-9) * STEP[what]
            if amount <= 0:
                continue
            out.append({"school_code": str(school), "indicator": key, "option": option, "amount": amount,
                        "what": what, "cost": amount * getattr(options, cost_key)})
    return out


def _school_need(part: pd.DataFrame, share: np.ndarray, key: str, per: float, ratio: float,
                 params: AssessmentParams, whole: bool) -> float:
    """The least whole-school resource with which every section reaches ratio·threshold."""
    need = 0.0
    for (level, pupils), s in zip(zip(part["level"], part["pupils"], strict=True), share, strict=True):
        target = params.thresholds[key][level] * ratio
        amount = target * float(pupils) / (per * s)
        if whole:
            n = max(0, math.floor(amount) - 1)
            while not at_least(per * n * s / float(pupils), target):
                n += 1
            amount = float(n)
        need = max(need, amount)
    return need


def _g3_needs(tables: dict[str, pd.DataFrame], before: IndicatorResult, params: AssessmentParams,
              options: InvestmentOptions) -> pd.DataFrame:
    """Per school failing G3: how many music and art rooms to build (and which small ones they replace)."""
    g3 = params.items.get("g3", {})
    if not g3:
        return pd.DataFrame(columns=["school_code", "music", "art", "replace_music", "replace_art"])
    per = float(g3["classes_per_room"])
    strict = bool(g3.get("every_room_must_meet_area", False))
    rows = []
    for district in sorted(set(before.units["district_code"])):
        in_scope = sorted(set(before.units.loc[before.units["district_code"] == district, "school_code"]))
        private = set(before.units.loc[before.units["ownership"] == "private", "school_code"])
        figures = item_figures(tables, district, in_scope, params)["g3"]["schools"]
        for f in figures:
            if f["school"] in private and not options.include_private:
                continue
            required = math.ceil(f["classes"] / per) if f["classes"] else 0
            need: dict[str, int] = {}
            small: dict[str, int] = {}
            for kind in ("music", "art"):
                min_area = float(g3[f"{kind}_room_min_m2"])
                full = sum(1 for a in f[f"{kind}_rooms"] if at_least(a, min_area))
                small[kind] = len(f[f"{kind}_rooms"]) - full
                need[kind] = max(0, required - full)
            # Strictly judged, an undersized room fails the school: it is rebuilt to size.
            replace = {k: (small[k] if strict else 0) for k in small}
            if need["music"] + need["art"] + replace["music"] + replace["art"] > 0:
                rows.append({"school_code": f["school"], "music": need["music"] + replace["music"],
                             "art": need["art"] + replace["art"], "replace_music": replace["music"],
                             "replace_art": replace["art"]})
    return pd.DataFrame(rows, columns=["school_code", "music", "art", "replace_music", "replace_art"])


def _cv_gains(before: IndicatorResult, projects: pd.DataFrame, params: AssessmentParams) -> np.ndarray:
    """Each project's CV reduction on its own (summed over the levels it touches).

    Model input for the second objective, not a reported result: the plan's CVs are
    recomputed by the assessment on the changed tables.
    """
    units = before.units
    gains = np.zeros(len(projects))
    for i, p in enumerate(projects.itertuples()):
        if p.indicator not in PHYSICAL:
            continue
        numerator, per, _what, _cost = PHYSICAL[p.indicator]
        for level in units.loc[units["school_code"] == p.school_code, "level"]:
            part = units[units["level"] == level]
            resource = part[numerator].to_numpy(dtype=float)
            pupils = part["pupils"].to_numpy(dtype=float)
            mine = (part["school_code"] == p.school_code).to_numpy()
            changed = resource.copy()
            changed[mine] += p.amount * part.loc[mine, "share"].to_numpy(dtype=float)
            gains[i] += _cv(resource, pupils, per) - _cv(changed, pupils, per)
    return gains


def _cv(resource: np.ndarray, pupils: np.ndarray, per: float) -> float:
    mean = per * resource.sum() / pupils.sum()
    if mean <= 0:
        return 0.0
    values = per * resource / pupils
    return float(np.sqrt((pupils * (values - mean) ** 2).sum() / pupils.sum()) / mean)
