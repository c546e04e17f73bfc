"""Investment plan: the least cost to bring schools to the physical thresholds, and the best use of a budget.

    plan = plan_investment(tables, params, budget=30_000_000)
    plan.minimum_budget          # cost of full compliance (every school investment can fix)
    plan.ranked                  # school packages, best value first, with the running total
    plan.to_dict()

The projects are applied to the tables (facilities, rooms) and the whole assessment is run
again on them: the compliance, CVs and G3 figures the plan reports are the engine's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from youjun.assess import assess_with_params
from youjun.core.labels import INDICATOR_LABELS
from youjun.core.params import AssessmentParams
from youjun.plan import judge
from youjun.plan.districts import one_district
from youjun.plan.investment_model import (
    InvestmentModel,
    InvestmentSolution,
    greedy_under_budget,
    rank_packages,
)
from youjun.plan.investment_options import InvestmentOptions
from youjun.plan.investment_projects import G3, InvestmentPool, build_projects
from youjun.plan.milp import SolveStats

WHAT_ZH = {"teaching_area_m2": ("新建教学及辅助用房", "平方米"), "sports_ground_m2": ("新建室外运动场地", "平方米"),
           "equipment_yuan": ("购置教学仪器设备", "元"), "multimedia_classrooms": ("配备网络多媒体教室", "间"),
           "music_art_rooms": ("新建音乐、美术专用教室", "间")}
WHAT_EN = {"teaching_area_m2": ("build teaching rooms", "m²"), "sports_ground_m2": ("build sports ground", "m²"),
           "equipment_yuan": ("buy teaching equipment", "yuan"),
           "multimedia_classrooms": ("fit multimedia classrooms", "rooms"),
           "music_art_rooms": ("build music and art rooms", "rooms")}


@dataclass
class InvestmentPlan:
    district_code: str
    options: InvestmentOptions
    budget: float | None
    minimum_budget: float
    chosen: pd.DataFrame  # funded projects (the budget plan, or full compliance without a budget)
    ranked: pd.DataFrame  # school packages of the full-compliance plan, best value first
    stages: list[SolveStats]
    full_stages: list[SolveStats]
    claims: dict[str, Any]
    judged: dict[str, Any]  # the assessment before and after
    unfixable: list[dict[str, Any]]
    violations: list[str]
    greedy: dict[str, Any] | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    def headline(self) -> dict[str, Any]:
        j = self.judged
        return {"budget": self.budget, "minimum_budget_full_compliance": self.minimum_budget,
                "cost": float(self.chosen["cost"].sum()), "projects": len(self.chosen),
                "units_compliant_before": j["before"]["units_compliant"],
                "units_compliant_after": j["after"]["units_compliant"], "units": j["before"]["units"],
                "g3_failing_before": j["before"]["g3_failing"], "g3_failing_after": j["after"]["g3_failing"],
                "gap": max((s.gap or 0.0) for s in self.stages) if self.stages else None,
                "solve_seconds": round(sum(s.seconds for s in self.stages + self.full_stages), 3)}

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "investment", "district_code": self.district_code, "headline": self.headline(),
                "options": self.options.to_dict(), "assumptions": InvestmentOptions.label(),
                "stages": [s.to_dict() for s in self.stages],
                "full_compliance_stages": [s.to_dict() for s in self.full_stages],
                "projects": _records(self.chosen), "ranked": _records(self.ranked), "claims": self.claims,
                "judged": self.judged, "unfixable": self.unfixable, "violations": self.violations,
                "greedy": self.greedy, "seconds": {k: round(v, 3) for k, v in self.seconds.items()}}


def plan_investment(tables: dict[str, pd.DataFrame], params: AssessmentParams,
                    options: InvestmentOptions | None = None, *, budget: float | None = None,
                    district: str | None = None, with_greedy: bool = True) -> InvestmentPlan:
    options = options or InvestmentOptions.build()
    clock: dict[str, float] = {}
    t = time.perf_counter()
    tables, code = one_district(tables, district)
    before = judge.indicators(tables, params)
    pool = build_projects(tables, params, before, options)
    model = InvestmentModel(pool, params)
    clock["build"] = time.perf_counter() - t
    full = model.full_compliance(options.solver(), options.cv_tolerance)
    ranked = _describe(rank_packages(model.package(full)), pool, tables, params)
    solution = full if budget is None else model.under_budget(budget, options.solver(), options.cv_tolerance)
    clock["solve"] = sum(s.seconds for s in full.stages + (solution.stages if budget is not None else []))
    chosen = _describe(solution.chosen, pool, tables, params)
    claims = {"units_compliant": sorted(f"{s}/{lv}" for s, lv in solution.compliant_units),
              "g3_fixed": sorted(solution.g3_schools), "cost": float(chosen["cost"].sum())}
    t = time.perf_counter()
    judged, violations = _judge(tables, params, pool, chosen, solution)
    greedy = None
    if with_greedy and budget is not None:
        greedy = _greedy(tables, params, pool, ranked, budget)
    clock["judge"] = time.perf_counter() - t
    stages = solution.stages if budget is not None else full.stages
    return InvestmentPlan(code, options, budget, float(ranked["cost"].sum()), chosen, ranked, stages,
                          full.stages, claims, judged, model.unfixable, violations, greedy, clock)


def apply_projects(tables: dict[str, pd.DataFrame], projects: pd.DataFrame, pool: InvestmentPool,
                   params: AssessmentParams) -> dict[str, pd.DataFrame]:
    """Facilities and rooms after the projects are built."""
    out = dict(tables)
    fac = tables["facilities"].copy()
    where = {str(c): i for i, c in zip(fac.index, fac["school_code"], strict=True)}
    add = {"teaching_area_m2": ["teaching_aux_area_m2", "building_area_m2"],
           "sports_ground_m2": ["outdoor_sports_area_m2"], "multimedia_classrooms": ["multimedia_classrooms"]}
    for p in projects.itertuples():
        i = where[str(p.school_code)]
        if p.what == "equipment_yuan":
            fac.loc[i, "equipment_value_10k_yuan"] = float(fac.loc[i, "equipment_value_10k_yuan"] or 0) + (
                p.amount / params.equipment_unit_yuan)
        for column in add.get(p.what, []):
            fac.loc[i, column] = fac.loc[i, column] + (int(p.amount) if column == "multimedia_classrooms"
                                                       else float(p.amount))
    out["facilities"] = fac
    rooms_new = _new_rooms(projects, pool, params)
    if rooms_new is not None:
        rooms = tables["rooms"]
        replaced = pool.g3[pool.g3["school_code"].isin(projects.loc[projects["indicator"] == G3, "school_code"])]
        for r in replaced.itertuples():
            for kind, n in (("music", r.replace_music), ("art", r.replace_art)):
                if n:
                    small = rooms[(rooms["school_code"] == r.school_code) & (rooms["room_type"] == kind)
                                  & (rooms["area_m2"] < float(params.items["g3"][f"{kind}_room_min_m2"]))]
                    rooms = rooms.drop(small.index)
        out["rooms"] = pd.concat([rooms, rooms_new], ignore_index=True)
    return out


def _new_rooms(projects: pd.DataFrame, pool: InvestmentPool, params: AssessmentParams) -> pd.DataFrame | None:
    funded = pool.g3[pool.g3["school_code"].isin(projects.loc[projects["indicator"] == G3, "school_code"])]
    rows = []
    for r in funded.itertuples():
        for kind, n in (("music", r.music), ("art", r.art)):
            area = float(params.items["g3"][f"{kind}_room_min_m2"])
            rows += [{"school_code": r.school_code, "room_type": kind, "room_no": f"规划{kind}-{k + 1}",
                      "area_m2": area} for k in range(int(n))]
    return pd.DataFrame(rows) if rows else None


def _judge(tables: dict[str, pd.DataFrame], params: AssessmentParams, pool: InvestmentPool, chosen: pd.DataFrame,
           solution: InvestmentSolution) -> tuple[dict[str, Any], list[str]]:
    after_tables = apply_projects(tables, chosen, pool, params)
    before, after = assess_with_params(tables, params)[0], assess_with_params(after_tables, params)[0]
    summary: dict[str, Any] = {"before": _assessed(before), "after": _assessed(after)}
    summary["cvs"] = [{"level": lv, "indicator": k, "cv_before": before["levels"][lv]["indicators"][k]["cv"],
                       "cv_after": after["levels"][lv]["indicators"][k]["cv"],
                       "limit": before["levels"][lv]["indicators"][k]["limit"]}
                      for lv in before["levels"] for k in before["levels"][lv]["indicators"]]
    summary["verdict"] = {"before": before["verdict"]["passes"], "after": after["verdict"]["passes"],
                          "reasons_before": len(before["verdict"]["reasons"]),
                          "reasons_after": len(after["verdict"]["reasons"])}
    compliant_after = {(s["code"], s["level"]) for s in after["schools"] if s["compliant"]}
    violations = [f"model says {s}/{lv} complies, the assessment does not"
                  for s, lv in solution.compliant_units if (s, lv) not in compliant_after]
    g3_failing = {f["school"] for f in after["items"]["g3"]["failing"]}
    violations += [f"model says {s} meets G3, the assessment does not" for s in solution.g3_schools if s in g3_failing]
    return summary, violations


def _assessed(result: dict[str, Any]) -> dict[str, Any]:
    schools = result["schools"]
    return {"units": len(schools), "units_compliant": sum(1 for s in schools if s["compliant"]),
            "g3_status": result["items"]["g3"]["status"],
            "g3_failing": len({f["school"] for f in result["items"]["g3"]["failing"]}),
            "verdict": result["verdict"]["passes"]}


def _greedy(tables: dict[str, pd.DataFrame], params: AssessmentParams, pool: InvestmentPool, ranked: pd.DataFrame,
            budget: float) -> dict[str, Any]:
    """The baseline under the same budget, judged by the same assessment."""
    t = time.perf_counter()
    taken = greedy_under_budget(ranked, budget)
    ids = [p for ps in taken["projects"] for p in ps]
    seconds = time.perf_counter() - t
    projects = pool.projects[pool.projects["project"].isin(ids)]
    after = _assessed(assess_with_params(apply_projects(tables, projects, pool, params), params)[0])
    return {"cost": float(projects["cost"].sum()), "projects": len(projects), "packages": len(taken),
            "units_compliant_after": after["units_compliant"], "g3_failing_after": after["g3_failing"],
            "seconds": round(seconds, 4)}


def _describe(frame: pd.DataFrame, pool: InvestmentPool, tables: dict[str, pd.DataFrame],
              params: AssessmentParams) -> pd.DataFrame:
    names = tables["schools"].drop_duplicates("school_code").set_index("school_code")["school_name"]
    out = frame.copy()
    out.insert(1, "school_name", out["school_code"].map(names))
    if "what" in out.columns:
        out["what_zh"] = [f"{WHAT_ZH[w][0]} {a:,.0f} {WHAT_ZH[w][1]}" for w, a in zip(out["what"], out["amount"],
                                                                                  strict=True)]
        out["what_en"] = [f"{WHAT_EN[w][0]}: {a:,.0f} {WHAT_EN[w][1]}" for w, a in zip(out["what"], out["amount"],
                                                                                   strict=True)]
    if {"indicator", "option"} <= set(out.columns):
        whys = [_why(str(r.school_code), str(r.indicator), str(r.option), pool, params)
                for r in out.itertuples()]
        out["why_zh"] = [w[0] for w in whys]
        out["why_en"] = [w[1] for w in whys]
    return out


LEVEL_WORDS = {"primary": ("小学", "primary"), "junior": ("初中", "junior")}


def _why(school: str, indicator: str, option: str, pool: InvestmentPool,
         params: AssessmentParams) -> tuple[str, str]:
    """Why a project is in the plan, in the figures the bureau checks: each section's value
    against the standard (and the tolerance when the project only reaches it), or the rooms
    G3 lacks."""
    if indicator == G3:
        need = pool.g3[pool.g3["school_code"].astype(str) == school]
        music = int(need["music"].sum()) if not need.empty else 0
        art = int(need["art"].sum()) if not need.empty else 0
        return (f"按班级数缺音乐教室 {music} 间、美术教室 {art} 间（G3）",
                f"short of {music} music and {art} art rooms for its classes (G3)")
    _zh, _en, unit_zh, unit_en = INDICATOR_LABELS.get(indicator, (indicator, indicator, "", ""))
    units = pool.units[(pool.units["school_code"].astype(str) == school) & ~pool.units[f"meets_{indicator}"]]
    zh, en = [], []
    for u in units.itertuples():
        value = getattr(u, indicator)
        standard = params.thresholds[indicator][u.level]
        share = value / standard * 100 if standard else 0.0
        lz, le = LEVEL_WORDS.get(str(u.level), (str(u.level), str(u.level)))
        zh.append(f"{lz}为 {_amount(value)} {unit_zh}，标准 {_amount(standard)} {unit_zh}（达到 {share:.1f}%）")
        en.append(f"{le} {_amount(value)} {unit_en} against {_amount(standard)} {unit_en} ({share:.1f}%)")
    if option == "floor":
        pct = round((params.school_floor_ratio or 1.0) * 100)
        zh.append(f"投入至标准的 {pct}%（七项中六项达标时第七项的容差）")
        en.append(f"raised to {pct}% of the standard (the tolerance for the seventh indicator)")
    return "；".join(zh), "; ".join(en)


def _amount(value: float) -> str:
    return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: (v if isinstance(v, list) else judge._clean(v)) for k, v in row.items()}
            for row in frame.to_dict("records")]
