"""Planning benchmark: rotation and investment MILPs (HiGHS) beside a greedy baseline.

Districts: the sample district S, and the largest district of the province M (most teachers).
Each case runs in a fresh process (``harness.run_case``); the median of several runs is kept.
For every case the figures a bureau cares about are recorded, all recomputed by the analytics
on the changed tables: r1–r3 shortfall, Σ CV² of r1–r3, moves, distance (rotation); compliant
sections, G3, cost (investment). The greedy baseline is scored against the MILP's proven bounds.

    .venv/bin/python -m benchmarks.bench_plan            # S and M-largest, 3 runs (5 for fast cases)
    .venv/bin/python -m benchmarks.bench_plan --quick    # S only, 1 run
Aim (issue 5): S rotation under 60 s on 2 cores with a gap ≤ 1%.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from benchmarks.harness import machine, peak_mb, run_case, write_result

SEED = 2023
BUDGET_SHARE = 0.5  # the investment-under-budget case gets half the full-compliance budget


def _district(name: str) -> Any:
    from youjun.sample import generate, generate_district

    if name == "S":
        return generate("S", seed=SEED)
    return generate_district("M", SEED, int(name.removeprefix("M")))


def largest_m_district() -> int:
    from youjun.sample import generate_district, n_districts

    sizes = [(len(generate_district("M", SEED, i)["teachers"]), i) for i in range(n_districts("M"))]
    return max(sizes)[1]


def _teacher_cv2(plan: Any) -> float:
    return sum(c["cv_after"] ** 2 for c in plan.cvs if c["indicator"].startswith(("r1", "r2", "r3")))


def _rotation(method: str, tables: Any, params: Any) -> dict[str, Any]:
    from youjun.plan import RotationOptions, plan_rotation, plan_rotation_greedy
    from youjun.plan.rotation_greedy import greedy_costs  # noqa: F401  (imported before timing)

    options = RotationOptions.build({"time_limit_s": 60})
    if method == "milpatgreedycv":
        # The MILP held only to the greedy plan's CVs (not to its own best): how few and how
        # short can the moves be at the baseline's spread, with the shortfall still minimal?
        greedy = plan_rotation_greedy(tables, params, options)
        options = RotationOptions.build({"time_limit_s": 60, "cv_squared_max": _teacher_cv2(greedy)})
    t = time.perf_counter()
    plan = (plan_rotation_greedy if method == "greedy" else plan_rotation)(tables, params, options)
    seconds = time.perf_counter() - t
    h = plan.headline()
    distance = (plan.claims.get("distance_cost") if method == "greedy"
                else next(s.objective for s in plan.stages if s.stage == "distance"))
    return {"seconds": seconds, "detail": {
        "solve_s": round(plan.seconds.get("solve", 0.0), 3), "moves": h["moves"], "key_moves": h["key_moves"],
        "rotation_passes": h["rotation_passes"], "shortfall_before": h["shortfall_before"],
        "shortfall_after": h["shortfall_after"], "cv2_after": _teacher_cv2(plan),
        "cv2_before": sum(c["cv_before"] ** 2 for c in plan.cvs if c["indicator"].startswith(("r1", "r2", "r3"))),
        "distance_cost": distance, "violations": len(plan.violations),
        "stages": [s.to_dict() for s in plan.stages], "model_size": plan.model_size, "gap": h["gap"]}}


def _investment(method: str, tables: Any, params: Any) -> dict[str, Any]:
    from youjun.plan import InvestmentOptions, plan_investment

    options = InvestmentOptions.build({"time_limit_s": 60})
    full = plan_investment(tables, params, options, with_greedy=False)
    budget = round(BUDGET_SHARE * full.minimum_budget)
    t = time.perf_counter()
    plan = plan_investment(tables, params, options, budget=budget, with_greedy=(method == "greedy"))
    seconds = time.perf_counter() - t
    h = plan.headline()
    before = h["units_compliant_before"] - h["g3_failing_before"]
    if method == "greedy":
        g = plan.greedy or {}
        return {"seconds": seconds, "detail": {
            "budget": budget, "cost": g.get("cost"), "units_compliant_after": g.get("units_compliant_after"),
            "g3_failing_after": g.get("g3_failing_after"), "greedy_s": g.get("seconds"),
            "gained": g["units_compliant_after"] - g["g3_failing_after"] - before}}
    compliance = next(s for s in plan.stages if s.stage == "compliance")
    return {"seconds": seconds, "detail": {
        "budget": budget, "cost": h["cost"], "minimum_budget_full_compliance": full.minimum_budget,
        "units": h["units"], "units_compliant_before": h["units_compliant_before"],
        "units_compliant_after": h["units_compliant_after"], "g3_failing_after": h["g3_failing_after"],
        "gained": h["units_compliant_after"] - h["g3_failing_after"] - before,
        "compliance_objective": -(compliance.objective or 0), "compliance_bound": -(compliance.bound or 0),
        "gap": h["gap"], "solve_s": h["solve_seconds"], "violations": len(plan.violations),
        "stages": [s.to_dict() for s in plan.stages], "full_stages": [s.to_dict() for s in full.full_stages]}}


def run_one(case: str) -> None:
    """Child process: ``<kind>_<method>@<district>`` (district S or M<index>)."""
    from youjun.core.rules import load_ruleset

    name, district = case.split("@")
    kind, method = name.split("_")
    tables = _district(district)
    params = load_ruleset("cn-2017", as_of="2025-09-01")
    out = (_rotation if kind == "rotation" else _investment)(method, tables, params)
    out["peak_mb"] = peak_mb()
    print(json.dumps(out))


def _rel(value: float | None, bound: float | None) -> float | None:
    if value is None or bound is None:
        return None
    return 0.0 if abs(value - bound) < 1e-9 else abs(value - bound) / max(abs(value), 1e-9)


def compare(milp: dict[str, Any], greedy: dict[str, Any], kind: str) -> dict[str, Any]:
    """The greedy plan's distance from the MILP's proven bound, stage by stage."""
    m, g = milp["detail"], greedy["detail"]
    if kind == "rotation":
        bound = {s["stage"]: s["bound"] for s in m["stages"]}
        return {"shortfall": {"milp": m["shortfall_after"], "greedy": g["shortfall_after"],
                              "bound": bound.get("thresholds")},
                "cv2": {"milp": m["cv2_after"], "greedy": g["cv2_after"], "bound": bound.get("spread"),
                        "greedy_gap_to_bound": _rel(g["cv2_after"], bound.get("spread"))},
                "moves": {"milp": m["moves"], "greedy": g["moves"]},
                "distance_cost": {"milp": m["distance_cost"], "greedy": g["distance_cost"]},
                "seconds": {"milp": milp["median_s"], "greedy": greedy["median_s"]}}
    return {"sections_and_g3_schools_made_compliant": {"milp": m["gained"], "greedy": g["gained"],
                                                       "bound": m["compliance_bound"]},
            "units_compliant_after": {"milp": m["units_compliant_after"], "greedy": g["units_compliant_after"]},
            "g3_failing_after": {"milp": m["g3_failing_after"], "greedy": g["g3_failing_after"]},
            "cost": {"milp": m["cost"], "greedy": g["cost"], "budget": m["budget"]},
            "seconds": {"milp": milp["median_s"], "greedy": greedy["median_s"]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="S only, one run per case")
    args = parser.parse_args()
    if args.case:
        run_one(args.case)
        return
    districts = ["S"] if args.quick else ["S", f"M{largest_m_district()}"]
    results: dict[str, Any] = {}
    comparisons: dict[str, Any] = {}
    for district in districts:
        for kind in ("rotation", "investment"):
            runs = 1 if args.quick else (3 if kind == "rotation" else 5)
            pair = {}
            methods = ("milp", "greedy", "milpatgreedycv") if kind == "rotation" else ("milp", "greedy")
            for method in methods:
                case = f"{kind}_{method}@{district}"
                pair[method] = results[case] = run_case("benchmarks.bench_plan", case, runs)
                print(case, results[case]["median_s"], "s", flush=True)
            comparisons[f"{kind}@{district}"] = compare(pair["milp"], pair["greedy"], kind)
            if "milpatgreedycv" in pair:
                d = pair["milpatgreedycv"]["detail"]
                comparisons[f"{kind}@{district}"]["milp_at_greedy_cv"] = {
                    "shortfall": d["shortfall_after"], "cv2": d["cv2_after"], "moves": d["moves"],
                    "distance_cost": d["distance_cost"], "seconds": pair["milpatgreedycv"]["median_s"],
                    "gap": d["gap"]}
    s_rot = results.get("rotation_milp@S", {})
    payload = {
        "benchmark": "planning: rotation and investment MILPs (HiGHS) vs a greedy baseline, judged by the analytics",
        "machine": machine(),
        "districts": {d: ("sample S, seed 2023" if d == "S" else f"M district index {d[1:]}, the one with most "
                          "teachers, seed 2023") for d in districts},
        "aim": {"S_rotation_under_s": 60, "gap_at_most": 0.01,
                "S_rotation_median_s": s_rot.get("median_s"), "S_rotation_gap": s_rot.get("detail", {}).get("gap"),
                "met": bool(s_rot) and s_rot["median_s"] < 60 and (s_rot["detail"].get("gap") or 1) <= 0.01},
        "notes": ["milpatgreedycv: the MILP with Σ CV² allowed up to the greedy plan's (option cv_squared_max); "
                  "shortfall still minimised first",
                  "seconds: data in memory → judged plan (model build, staged solve, naming teachers, "
                  "recomputing the indicators on the changed tables); solve_s: the HiGHS part",
                  "investment cases: budget = half the minimum budget for full compliance",
                  "greedy rotation fills the largest gaps from the nearest school, then swaps; greedy "
                  "investment takes the best-value school packages in order while they fit"],
        "results": results,
        "comparison": comparisons,
    }
    print(write_result("plan", payload))


if __name__ == "__main__":
    main()
