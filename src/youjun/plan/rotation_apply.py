"""From the model's flows to named teachers, and from a list of moves to a changed roster.

Within a class every teacher counts the same for the model, so *who* moves is a rule, not an
optimisation: those longest at their school go first (they are the most overdue for
rotation), ties by teacher ID so that the plan is reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from youjun.plan.geo import distance_matrix_km
from youjun.plan.rotation_model import RotationSolution
from youjun.plan.rotation_pool import RotationPool
from youjun.plan.teacher_types import NUMERATOR_OF, TEACHER_INDICATORS, type_parts

MOVE_COLUMNS = ["teacher_id", "from_school", "from_name", "to_school", "to_name", "level", "subject",
                "qualified", "key", "pe_art", "years_at_school", "distance_km", "same_group", "why_zh", "why_en"]
SHORT_ZH = {"qualified_teachers": "高学历教师", "key_teachers": "骨干教师", "pe_art_teachers": "体音美专职教师"}
SHORT_EN = {"qualified_teachers": "qualified teachers", "key_teachers": "key teachers",
            "pe_art_teachers": "PE/music/art teachers"}


def name_movers(pool: RotationPool, solution: RotationSolution) -> pd.DataFrame:
    """One row per moving teacher: who, from where, to where, and why."""
    if solution.flows.empty:
        return pd.DataFrame(columns=MOVE_COLUMNS)
    chosen = _choose(pool, solution)
    picked = []
    for flow in solution.flows.sort_values(["class", "dest"]).itertuples():
        take = chosen[int(flow[1])]
        picked += [(take.pop(0), int(flow.dest)) for _ in range(int(flow.movers))]
    return describe_moves(pool, picked)


def describe_moves(pool: RotationPool, picked: list[tuple[dict[str, Any], int]]) -> pd.DataFrame:
    """Rows of MOVE_COLUMNS for (movable-teacher record, destination unit) pairs."""
    units = pool.units
    dist = distance_matrix_km(units["longitude"].to_numpy(), units["latitude"].to_numpy())
    group = units["education_group"].astype("string").fillna("").to_numpy()
    rows = []
    for t, dest in picked:
        origin = int(t["unit"])
        o, d = units.loc[origin], units.loc[dest]
        q, k, p = type_parts(int(t["type"]))
        km = float(dist[origin, dest]) if math.isfinite(dist[origin, dest]) else 0.0
        same_group = bool(group[origin]) and group[origin] == group[dest]
        zh, en = _why(units, origin, dest, (q, k, p), same_group, km, pool.distance_known)
        rows.append({"teacher_id": t["teacher_id"], "from_school": o["school_code"], "from_name": o["school_name"],
                     "to_school": d["school_code"], "to_name": d["school_name"], "level": o["level"],
                     "subject": t["subject"], "qualified": bool(q), "key": bool(k), "pe_art": bool(p),
                     "years_at_school": int(t["years_at_school"]),
                     "distance_km": round(km, 2) if pool.distance_known else None,
                     "same_group": same_group, "why_zh": zh, "why_en": en})
    return pd.DataFrame(rows, columns=MOVE_COLUMNS)


def _choose(pool: RotationPool, solution: RotationSolution) -> dict[int, list[dict[str, Any]]]:
    """Per class, the teachers who go, in the order they are handed to destinations."""
    totals = solution.flows.groupby("class")["movers"].sum()
    split_subjects = pool.subject_splits.groupby("class")["subject"].apply(set).to_dict()
    out: dict[int, list[dict[str, Any]]] = {}
    for cls, total in totals.items():
        members = pool.movable[pool.movable["class"] == cls].sort_values(
            ["years_at_school", "teacher_id"], ascending=[False, True])
        bound = split_subjects.get(cls, set())
        picked: list[pd.DataFrame] = []
        for subject in sorted(bound):
            n = solution.subject_movers.get((int(cls), subject), 0)
            picked.append(members[members["subject"] == subject].head(n))
        free = solution.subject_movers.get((int(cls), ""), None) if bound else int(total)
        picked.append(members[~members["subject"].isin(bound)].head(int(free or 0)))
        chosen = pd.concat(picked)
        if len(chosen) != int(total):
            raise RuntimeError(f"class {cls}: {len(chosen)} teachers chosen for {total} moves")
        out[int(cls)] = chosen.to_dict("records")
    return out


def _why(units: pd.DataFrame, origin: int, dest: int, parts: tuple[int, int, int], same_group: bool,
         km: float, distance_known: bool) -> tuple[str, str]:
    zh, en = [], []
    d = units.loc[dest]
    for k, key in enumerate(TEACHER_INDICATORS):
        col = NUMERATOR_OF[key]
        if not parts[k]:
            continue
        if d[col] < d[f"need_{col}"]:
            zh.append(f"补足{d['school_name']}{SHORT_ZH[col]}缺口")
            en.append(f"fills the {SHORT_EN[col]} shortfall at {d['school_name']}")
        elif _ratio(units, dest, col) < _ratio(units, origin, col):
            zh.append(f"{SHORT_ZH[col]}向配置较弱学校流动，缩小差异")
            en.append(f"moves {SHORT_EN[col]} towards a less-staffed school (narrows the CV)")
    if parts[1]:
        zh.append("计入骨干教师交流比例")
        en.append("counts towards the key-teacher share")
    if not zh:
        zh.append("满足交流轮岗比例")
        en.append("counts towards the rotation share")
    if same_group:
        zh.append("集团内交流")
        en.append("within the education group")
    if distance_known:
        zh.append(f"距离{km:.1f}公里")
        en.append(f"{km:.1f} km")
    return "；".join(zh), "; ".join(en)


def _ratio(units: pd.DataFrame, unit: int, col: str) -> float:
    return float(units.loc[unit, col]) / float(units.loc[unit, "pupils"])


def apply_moves(teachers: pd.DataFrame, moves: pd.DataFrame, *, rotated: bool = True) -> pd.DataFrame:
    """The roster after the moves: new school; marked as rotated from the old one, years restart."""
    out = teachers.copy()
    if moves.empty:
        return out
    target: Mapping[str, str] = dict(zip(moves["teacher_id"].astype(str), moves["to_school"].astype(str), strict=True))
    ids = out["teacher_id"].astype(str)
    moving = ids.isin(target.keys())
    missing = set(target) - set(ids[moving])
    if missing:
        shown = "、".join(sorted(missing)[:5]) + ("……" if len(missing) > 5 else "")
        raise KeyError(f"数据中没有这些教师（{len(missing)} 人）：{shown} / {len(missing)} teachers are not in the "
                       f"data: {shown}")
    origin = out.loc[moving, "school_code"].astype(str)
    out.loc[moving, "school_code"] = ids[moving].map(target)
    if rotated:
        out["rotated_this_year"] = out["rotated_this_year"].astype("boolean")
        out.loc[moving, "rotated_this_year"] = True
        out["rotated_from_school_code"] = out["rotated_from_school_code"].astype("object")
        out.loc[moving, "rotated_from_school_code"] = origin
        out.loc[moving, "years_at_school"] = 0
    return out
