"""Every rule a rotation plan must keep, checked on the rosters before and after — not on the model.

Used after every plan (MILP or greedy) and by the property tests: an empty list means the
plan keeps eligibility, sections, no-move lists, post quotas, subjects, the r1–r3 floors,
the caps on arrivals, departures and net losses, and the distance and town limits.
"""

from __future__ import annotations

import pandas as pd

from youjun.core.params import AssessmentParams
from youjun.plan.rotation_options import RotationOptions
from youjun.plan.rotation_pool import RotationPool
from youjun.plan.teacher_types import teacher_flags


def check_moves(tables: dict[str, pd.DataFrame], after: pd.DataFrame, moves: pd.DataFrame, pool: RotationPool,
                options: RotationOptions, params: AssessmentParams) -> list[str]:
    if moves.empty:
        return []
    before = tables["teachers"]
    problems: list[str] = []
    problems += _who_moves(before, moves, pool, options)
    problems += _quotas(tables["schools"], before, after)
    problems += _subjects(before, after, options)
    problems += _units(pool, before, after, moves, params)
    return problems


def _who_moves(before: pd.DataFrame, moves: pd.DataFrame, pool: RotationPool,
               options: RotationOptions) -> list[str]:
    out = []
    roster = before.set_index(before["teacher_id"].astype(str))
    units = pool.units.set_index(["school_code", "level"])
    if moves["teacher_id"].duplicated().any():
        out.append("a teacher moves twice")
    for m in moves.itertuples():
        t = roster.loc[str(m.teacher_id)]
        where = f"teacher {m.teacher_id}"
        if str(t["school_code"]) != str(m.from_school) or m.from_school == m.to_school:
            out.append(f"{where}: origin {m.from_school} is not their school or equals the destination")
        if pd.isna(t["years_at_school"]) or int(t["years_at_school"]) < pool.rule.min_years:
            out.append(f"{where}: {t['years_at_school']} years at school, not eligible")
        if str(m.teacher_id) in options.frozen_teachers:
            out.append(f"{where}: on the no-move list")
        if str(m.from_school) in options.frozen_schools or str(m.to_school) in options.frozen_schools:
            out.append(f"{where}: a frozen school sends or receives")
        if str(t["section"]) != m.level or (str(m.to_school), m.level) not in units.index:
            out.append(f"{where}: {t['section']} teacher sent to a school without that section")
            continue
        origin, dest = units.loc[(str(m.from_school), m.level)], units.loc[(str(m.to_school), m.level)]
        if not bool(dest["plannable"]) or not bool(origin["plannable"]):
            out.append(f"{where}: a school outside the plan sends or receives")
        if options.same_town and origin["town"] != dest["town"]:
            out.append(f"{where}: leaves the town")
        if options.max_distance_km is not None and m.distance_km is not None \
                and m.distance_km > options.max_distance_km + 1e-6:
            out.append(f"{where}: {m.distance_km} km, above the {options.max_distance_km} km limit")
    return out


def _quotas(schools: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    if "post_quota" not in schools.columns:
        return []
    n0 = before.groupby("school_code").size()
    n1 = after.groupby("school_code").size()
    out = []
    for code, quota in zip(schools["school_code"], schools["post_quota"], strict=True):
        if pd.isna(quota):
            continue
        limit = max(int(quota), int(n0.get(code, 0)))
        if int(n1.get(code, 0)) > limit:
            out.append(f"school {code}: {int(n1.get(code, 0))} teachers after, above {limit} (quota {int(quota)})")
    return out


def _subjects(before: pd.DataFrame, after: pd.DataFrame, options: RotationOptions) -> list[str]:
    keys = ["school_code", "section", "subject"]
    n0 = before.groupby(keys).size()
    n1 = after.groupby(keys).size().reindex(n0.index, fill_value=0)
    keep = n0.clip(upper=options.min_keep_per_subject)
    bad = n1[n1 < keep]
    return [f"school {s} {sec}: {n} {subj} teacher(s) left, {keep[(s, sec, subj)]} required"
            for (s, sec, subj), n in bad.items()]


def _units(pool: RotationPool, before: pd.DataFrame, after: pd.DataFrame, moves: pd.DataFrame,
           params: AssessmentParams) -> list[str]:
    out = []
    counts = _counts(after, params)
    arrivals = moves.groupby(["to_school", "level"]).size()
    departures = moves.groupby(["from_school", "level"]).size()
    for u in pool.units.itertuples():
        key = (u.school_code, u.level)
        have = counts.loc[key] if key in counts.index else None
        for col in ("qualified_teachers", "key_teachers", "pe_art_teachers"):
            now = 0 if have is None else int(have[col])
            if now < int(getattr(u, f"floor_{col}")):
                out.append(f"{u.school_code} {u.level}: {col} {now} below its floor {getattr(u, f'floor_{col}')}")
        inn, gone = int(arrivals.get(key, 0)), int(departures.get(key, 0))
        if inn > u.in_cap or gone > u.out_cap or inn - gone < -u.net_loss_cap:
            out.append(f"{u.school_code} {u.level}: {inn} in / {gone} out breaks the caps "
                       f"({u.in_cap} in, {u.out_cap} out, net loss {u.net_loss_cap})")
    return out


def _counts(teachers: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    flags = teacher_flags(teachers, params)
    frame = pd.DataFrame({"school_code": teachers["school_code"].astype(str), "level": teachers["section"].astype(str),
                          "qualified_teachers": flags["qualified"], "key_teachers": flags["key"],
                          "pe_art_teachers": flags["pe_art"]})
    return frame.groupby(["school_code", "level"]).sum()
