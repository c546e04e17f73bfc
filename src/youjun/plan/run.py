"""One entry point per kind of plan, shared by the command line and by reruns of a bundle.

    plan, record = make_plan("rotation", tables, params, district="500118", options={...})

``options`` is plain data (what a bundle stores): the option overrides of the kind, plus
``budget`` (investment), ``frozen_teachers``/``frozen_schools`` (rotation), the seats options,
or ``scenario`` (what-if).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import pandas as pd

from youjun.core.params import AssessmentParams
from youjun.core.rules import load_ruleset
from youjun.plan.bundle import bundle_record, compare_plans
from youjun.plan.districts import one_district
from youjun.plan.investment import plan_investment
from youjun.plan.investment_options import InvestmentOptions
from youjun.plan.rotation import plan_rotation, plan_rotation_greedy
from youjun.plan.rotation_options import RotationOptions
from youjun.plan.seats import SeatsOptions, project_seats
from youjun.plan.whatif import run_whatif
from youjun.report.canonical import canonical

KINDS = ("rotation", "investment", "seats", "whatif")


def make_plan(kind: str, tables: dict[str, pd.DataFrame], params: AssessmentParams, *, district: str | None,
              options: Mapping[str, Any] | None = None, source: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """(the plan as a dict, the bundle record of its inputs)."""
    options = dict(options or {})
    tables, code = one_district(tables, district)
    scenario = None
    if kind == "rotation":
        overrides = {k: v for k, v in options.items() if k not in ("frozen_teachers", "frozen_schools", "method")}
        opts = RotationOptions.build(overrides, frozen_teachers=options.get("frozen_teachers", ()),
                                     frozen_schools=options.get("frozen_schools", ()))
        make = plan_rotation_greedy if options.get("method") == "greedy" else plan_rotation
        plan = make(tables, params, opts).to_dict()
    elif kind == "investment":
        budget = options.get("budget")
        inv = InvestmentOptions.build({k: v for k, v in options.items() if k != "budget"})
        plan = plan_investment(tables, params, inv, budget=None if budget is None else float(budget)).to_dict()
    elif kind == "seats":
        plan = project_seats(tables, params, SeatsOptions.from_mapping(options)).to_dict()
    elif kind == "whatif":
        scenario = options.get("scenario")
        if not scenario:
            raise ValueError("a what-if needs a scenario")
        plan = run_whatif(tables, params, dict(scenario)).to_dict()
    else:
        raise ValueError(f"unknown plan kind {kind!r}; expected one of {KINDS}")
    districts = tables["districts"]
    plan.setdefault("district_name", str(districts["district_name"].iloc[0]) if "district_name" in districts else "")
    plan.setdefault("school_year", str(districts["school_year"].iloc[0]) if "school_year" in districts else "")
    record = bundle_record(kind, tables, params, district=code, options=options, source=source, scenario=scenario)
    return plan, record


def rerun_bundle(bundle: Mapping[str, Any], tables: dict[str, pd.DataFrame],
                 saved_plan: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Make the bundle's plan again on ``tables``; report whether data, rules and result match."""
    rules = bundle["rules"]
    params = load_ruleset(rules["name"], overlays=rules.get("overlays", []), as_of=rules.get("as_of"))
    same_rules = canonical(asdict(params)) == bundle.get("params")
    plan, record = make_plan(bundle["kind"], tables, params, district=bundle["district_code"],
                             options=bundle.get("options"), source=bundle.get("source", ""))
    same_data = record["data_hash"] == bundle["data_hash"]
    differences = compare_plans(bundle["kind"], saved_plan, plan) if saved_plan is not None else []
    return {"same_data": same_data, "same_rules": same_rules, "same_plan": saved_plan is not None and not differences,
            "differences": differences, "plan": plan, "record": record}
