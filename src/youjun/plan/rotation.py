"""Teacher rotation plan (交流轮岗): who moves where next school year, and what it achieves.

    plan = plan_rotation(tables, params)          # one district's canonical tables
    plan.moves                                    # teacher, from, to, why
    plan.to_dict()                                # JSON-ready, with before/after and solver figures

The model (``rotation_model``) decides how many teachers of each class go where; the judge
(``judge``: the analytics on the changed roster) says what the plan achieves. The plan keeps
both and checks that they agree.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from youjun.assess.figures import rotation_figures
from youjun.core.items import judge_g11
from youjun.core.params import AssessmentParams
from youjun.plan import judge
from youjun.plan.districts import one_district
from youjun.plan.milp import SolveStats
from youjun.plan.rotation_apply import apply_moves, describe_moves, name_movers
from youjun.plan.rotation_checks import check_moves
from youjun.plan.rotation_greedy import greedy_costs, greedy_rotation
from youjun.plan.rotation_model import RotationModel
from youjun.plan.rotation_options import RotationOptions
from youjun.plan.rotation_pool import RotationPool, build_pool
from youjun.plan.teacher_types import NUMERATOR_OF, TEACHER_INDICATORS


@dataclass
class RotationPlan:
    district_code: str
    options: RotationOptions
    moves: pd.DataFrame
    stages: list[SolveStats]
    claims: dict[str, float]
    units: pd.DataFrame  # per unit: r1–r3 counts, values and compliance before and after
    cvs: list[dict[str, Any]]
    rotation: dict[str, Any]  # g11 figures and status before and after
    unfixable: list[dict[str, Any]]
    violations: list[str]
    model_size: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)
    method: str = "milp"

    @property
    def shortfall_after(self) -> int:
        return int(self.units["shortfall_after"].sum())

    def headline(self) -> dict[str, Any]:
        final = self.stages[-1] if self.stages else None
        return {
            "moves": len(self.moves), "key_moves": int(self.moves["key"].sum()) if len(self.moves) else 0,
            "rotation_passes": self.rotation["after"]["status"] == "pass",
            "shortfall_before": int(self.units["shortfall_before"].sum()),
            "shortfall_after": self.shortfall_after,
            "units_short_before": int((self.units["shortfall_before"] > 0).sum()),
            "units_short_after": int((self.units["shortfall_after"] > 0).sum()),
            "distance_km": (round(float(self.moves["distance_km"].sum()), 1)
                            if len(self.moves) and self.moves["distance_km"].notna().any() else None),
            "objective": final.objective if final else None, "bound": final.bound if final else None,
            "gap": (None if not self.stages or any(s.gap is None for s in self.stages)
                    else max(s.gap for s in self.stages if s.gap is not None)),
            "solve_seconds": round(sum(s.seconds for s in self.stages), 3),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "rotation", "method": self.method, "district_code": self.district_code,
            "headline": self.headline(), "options": self.options.to_dict(),
            "assumptions": RotationOptions.label(),
            "stages": [s.to_dict() for s in self.stages], "model_size": self.model_size,
            "claims": {k: v for k, v in self.claims.items() if ":" not in k},
            "moves": _records(self.moves), "units": _records(self.units), "cvs": self.cvs,
            "rotation": self.rotation, "unfixable": self.unfixable, "violations": self.violations,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def plan_rotation(tables: dict[str, pd.DataFrame], params: AssessmentParams,
                  options: RotationOptions | None = None, *, district: str | None = None,
                  prove_unfixable: bool = True) -> RotationPlan:
    """The rotation plan of one district, judged by the analytics on the changed roster."""
    options = options or RotationOptions.build()
    clock: dict[str, float] = {}
    t = time.perf_counter()
    tables, code = one_district(tables, district)
    before = judge.indicators(tables, params)
    pool = build_pool(tables, params, before, options)
    model = RotationModel(pool, same_town=options.same_town)
    clock["build"] = time.perf_counter() - t
    restricted = options.max_distance_km is not None or options.max_candidates is not None
    t = time.perf_counter()
    solution = model.solve(options.solver(), options.cv_tolerance, arcs_first=restricted,
                           cv_squared_max=options.cv_squared_max)
    clock["solve"] = time.perf_counter() - t  # wall time, model hand-over to HiGHS included
    moves = name_movers(pool, solution)
    t = time.perf_counter()
    unfixable = model.residuals(solution, options.solver()) if prove_unfixable else []
    clock["prove"] = time.perf_counter() - t
    return judge_rotation(tables, params, pool, options, moves, solution.stages, solution.claims,
                          unfixable, model.size(), code, clock, "milp")


def plan_rotation_greedy(tables: dict[str, pd.DataFrame], params: AssessmentParams,
                         options: RotationOptions | None = None, *, district: str | None = None) -> RotationPlan:
    """The greedy baseline (``rotation_greedy``), judged exactly as the MILP's plan is."""
    options = options or RotationOptions.build()
    t = time.perf_counter()
    tables, code = one_district(tables, district)
    before = judge.indicators(tables, params)
    pool = build_pool(tables, params, before, options)
    clock = {"build": time.perf_counter() - t}
    picked, seconds = greedy_rotation(pool, options)
    clock["solve"] = seconds
    records = pool.movable.set_index("teacher_id")
    moves = describe_moves(pool, [({**records.loc[r.teacher_id].to_dict(), "teacher_id": r.teacher_id}, int(r.dest))
                                  for r in picked.itertuples()])
    claims = {"moves": float(len(picked)), "distance_cost": float(greedy_costs(pool, picked, options).sum())}
    return judge_rotation(tables, params, pool, options, moves, [], claims, [], {}, code, clock, "greedy")


def judge_rotation(tables: dict[str, pd.DataFrame], params: AssessmentParams, pool: RotationPool,
                   options: RotationOptions, moves: pd.DataFrame, stages: list[SolveStats],
                   claims: dict[str, float], unfixable: list[dict[str, Any]], size: dict[str, int],
                   code: str, clock: dict[str, float], method: str) -> RotationPlan:
    """Apply the moves, recompute with the analytics, and lay out before and after."""
    t = time.perf_counter()
    before = judge.indicators(tables, params)
    after_teachers = apply_moves(pool.base_teachers, moves)
    after_tables = {**tables, "teachers": after_teachers}
    after = judge.indicators(after_tables, params)
    units = _unit_table(pool, before, after)
    cvs = judge.compare_cvs(judge.cv_table(before, params), judge.cv_table(after, params))
    rotation = {"rule": pool.rule.to_dict(),
                "before": _g11(tables["teachers"], params), "after": _g11(after_teachers, params)}
    violations = check_moves(tables, after_teachers, moves, pool, options, params)
    violations += _disagreements(claims, units, cvs, len(moves))
    clock["judge"] = time.perf_counter() - t
    return RotationPlan(code, options, moves, stages, claims, units, cvs, rotation, unfixable, violations,
                        size, clock, method)


def _g11(teachers: pd.DataFrame, params: AssessmentParams) -> dict[str, Any]:
    figures = rotation_figures(teachers, params)
    result = judge_g11(figures["eligible"], figures["rotated_eligible"], figures["rotated_key"], params)
    return {"status": result.status, **{k: v for k, v in result.figures.items()}}


def _unit_table(pool: RotationPool, before: Any, after: Any) -> pd.DataFrame:
    keys = ["school_code", "level"]
    cols = [NUMERATOR_OF[k] for k in TEACHER_INDICATORS]
    b = before.units.set_index(keys)
    a = after.units.set_index(keys)
    u = pool.units.set_index(keys)
    out = u[["school_name", "town", "pupils", "teachers"]].copy()
    out["shortfall_before"] = 0
    out["shortfall_after"] = 0
    for key, col in zip(TEACHER_INDICATORS, cols, strict=True):
        need = u[f"need_{col}"]
        out[f"{col}_need"] = need
        out[f"{col}_before"] = b[col].reindex(out.index)
        out[f"{col}_after"] = a[col].reindex(out.index)
        out[f"{key}_before"] = b[key].reindex(out.index)
        out[f"{key}_after"] = a[key].reindex(out.index)
        out["shortfall_before"] += (need - out[f"{col}_before"]).clip(lower=0)
        out["shortfall_after"] += (need - out[f"{col}_after"]).clip(lower=0)
    out["teachers_after"] = a["teachers"].reindex(out.index)
    return out.reset_index()


def _disagreements(claims: dict[str, float], units: pd.DataFrame, cvs: list[dict[str, Any]],
                   n_moves: int) -> list[str]:
    """Where the model's claims and the judge's recomputation differ (should never happen)."""
    problems = []
    if claims and round(claims.get("moves", n_moves)) != n_moves:
        problems.append(f"model claims {claims['moves']} moves, the plan has {n_moves}")
    if "shortfall" in claims and abs(claims["shortfall"] - units["shortfall_after"].sum()) > 1e-6:
        problems.append(f"model claims shortfall {claims['shortfall']}, the judge finds "
                        f"{units['shortfall_after'].sum()}")
    teacher_cvs = [c for c in cvs if c["indicator"] in TEACHER_INDICATORS]
    judged = sum((c["cv_after"] or 0.0) ** 2 for c in teacher_cvs)
    if "cv_squared_sum" in claims and abs(claims["cv_squared_sum"] - judged) > 1e-6 * max(1.0, judged):
        problems.append(f"model claims Σ CV² = {claims['cv_squared_sum']:.9f}, the judge finds {judged:.9f}")
    return problems


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: judge._clean(v) for k, v in row.items()} for row in frame.to_dict("records")]
