"""Property tests: on random small districts a plan never breaks a rule, and what it claims is
what an independent recomputation finds (the pandas twin of the analytics, not the Ibis path
the planner's judge uses)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plan.strategies import districts, rotation_overrides
from youjun.analytics import compute_indicators_pandas
from youjun.core.rules import load_ruleset
from youjun.core.verdict import school_compliance
from youjun.plan import InvestmentOptions, RotationOptions, apply_moves, plan_investment, plan_rotation
from youjun.plan.rotation_pool import reset_rotations

PARAMS = load_ruleset("cn-2017", as_of="2025-09-01")
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@SETTINGS
@given(tables=districts(), overrides=rotation_overrides(), data=st.data())
def test_rotation_keeps_every_rule_and_its_claims(tables, overrides, data):
    ids = tables["teachers"]["teacher_id"].tolist()
    frozen = data.draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
    frozen_school = data.draw(st.sampled_from([None, *tables["schools"]["school_code"]]))
    options = RotationOptions.build(overrides, frozen_teachers=frozen,
                                    frozen_schools=[frozen_school] if frozen_school else [])
    plan = plan_rotation(tables, PARAMS, options, prove_unfixable=False)
    assert plan.violations == []

    before, moves = tables["teachers"], plan.moves
    roster = before.set_index("teacher_id")
    after = apply_moves(reset_rotations(before), moves)
    # eligibility, no-move lists, sections
    for m in moves.itertuples():
        assert roster.at[m.teacher_id, "years_at_school"] >= 6
        assert m.teacher_id not in frozen
        assert frozen_school not in (m.from_school, m.to_school)
        assert roster.at[m.teacher_id, "school_code"] == m.from_school
    # post quotas: never above the quota, unless the school already was (then never higher)
    quota = tables["schools"].set_index("school_code")["post_quota"]
    n0, n1 = before.groupby("school_code").size(), after.groupby("school_code").size()
    for school, n in n1.items():
        assert n <= max(int(quota[school]), int(n0.get(school, 0)))
    # every subject a school teaches keeps at least one teacher
    keys = ["school_code", "subject"]
    s0, s1 = before.groupby(keys).size(), after.groupby(keys).size().reindex(before.groupby(keys).size().index,
                                                                             fill_value=0)
    assert (s1 >= s0.clip(upper=1)).all()

    # the re-assessed figures match the plan's claims
    judged = compute_indicators_pandas({**tables, "teachers": after}, PARAMS)
    units = judged.units.set_index(["school_code", "level"])
    for row in plan.units.itertuples():
        for col in ("qualified_teachers", "key_teachers", "pe_art_teachers"):
            assert units.at[(row.school_code, row.level), col] == getattr(row, f"{col}_after")
    cv2 = sum(float(r.cv) ** 2 for r in judged.dispersion.itertuples()
              if r.indicator.startswith(("r1", "r2", "r3")))
    assert plan.claims["cv_squared_sum"] == pytest.approx(cv2, rel=1e-9, abs=1e-12)
    assert plan.claims["moves"] == len(moves)
    # the model's shortfall is what the recomputation finds
    need = plan.units.set_index(["school_code", "level"])
    short = sum(max(0, int(need.at[k, f"{c}_need"]) - int(units.at[k, c]))
                for k in need.index for c in ("qualified_teachers", "key_teachers", "pe_art_teachers"))
    assert plan.claims["shortfall"] == pytest.approx(short)
    # a plan with no rotation shortfall meets the rotation rule (when anyone is eligible at all)
    if plan.claims["rotation_short"] < 1e-9 and plan.claims["key_short"] < 1e-9 and plan.rotation["rule"]["eligible"]:
        assert plan.rotation["after"]["status"] == "pass"


@settings(SETTINGS, max_examples=6)  # each example runs the whole assessment four times
@given(tables=districts(), budget_share=st.floats(0.0, 1.2))
def test_investment_claims_hold_and_budget_is_kept(tables, budget_share):
    full = plan_investment(tables, PARAMS, InvestmentOptions.build({"time_limit_s": 10}), with_greedy=False)
    assert full.violations == []
    assert full.minimum_budget == pytest.approx(full.chosen["cost"].sum())
    # full compliance: every section is compliant after, except those investment cannot fix
    after = full.judged["after"]
    assert after["units_compliant"] == after["units"] - len(full.unfixable)
    budget = math.floor(full.minimum_budget * budget_share)
    part = plan_investment(tables, PARAMS, InvestmentOptions.build({"time_limit_s": 10}), budget=budget,
                           with_greedy=False)
    assert part.violations == []
    assert part.chosen["cost"].sum() <= budget + 1e-6
    assert part.judged["after"]["units_compliant"] <= after["units_compliant"]
    # the recomputed per-school compliance agrees with the engine's count
    judged = compute_indicators_pandas(tables, PARAMS)
    compliant = sum(school_compliance({k: (None if pd.isna(v) else float(v)) for k, v in u.items()
                                       if k in PARAMS.indicators}, u["level"], PARAMS).compliant
                    for u in judged.units.to_dict("records"))
    assert compliant == full.judged["before"]["units_compliant"]
