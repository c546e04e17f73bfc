"""youjun.plan — plans that close the gaps, judged by the assessment engine.

    plan_rotation(tables, params, RotationOptions.build())       # 交流轮岗: MILP on HiGHS
    plan_rotation_greedy(tables, params)                          # the hand-made baseline
    plan_investment(tables, params, budget=...)                   # projects, minimum budget
    project_seats(tables, params, SeatsOptions(...))              # enrolment and classes ahead
    run_whatif(tables, params, load_scenario("s.yaml"))           # change the data, assess again
    make_plan(kind, ...) / rerun_bundle(bundle, tables)           # CLI and reproducible bundles
    write_plan(plan.to_dict(), out_dir, lang="zh")                # JSON, HTML, XLSX

Each plan changes the tables and reports the figures the analytics and the assessment engine
compute on them; the model's own claims are checked against those figures.
"""

from youjun.plan.investment import InvestmentPlan, apply_projects, plan_investment
from youjun.plan.investment_options import InvestmentOptions
from youjun.plan.render import write_plan
from youjun.plan.rotation import RotationPlan, plan_rotation, plan_rotation_greedy
from youjun.plan.rotation_apply import apply_moves
from youjun.plan.rotation_options import RotationOptions
from youjun.plan.run import KINDS, make_plan, rerun_bundle
from youjun.plan.scenario import ScenarioError, apply_scenario, load_scenario
from youjun.plan.seats import SeatsOptions, SeatsPlan, project_seats
from youjun.plan.whatif import WhatIfResult, compare_results, run_whatif

__all__ = [
    "KINDS",
    "InvestmentOptions",
    "InvestmentPlan",
    "RotationOptions",
    "RotationPlan",
    "ScenarioError",
    "SeatsOptions",
    "SeatsPlan",
    "WhatIfResult",
    "apply_moves",
    "apply_projects",
    "apply_scenario",
    "compare_results",
    "load_scenario",
    "make_plan",
    "plan_investment",
    "plan_rotation",
    "plan_rotation_greedy",
    "project_seats",
    "rerun_bundle",
    "run_whatif",
    "write_plan",
]
