"""The sample district S (Yongchuan-like, 186 schools, 9,133 teachers): the issue's acceptance."""

from __future__ import annotations

import pytest

from youjun.core.rules import load_ruleset
from youjun.plan import InvestmentOptions, RotationOptions, plan_investment, plan_rotation
from youjun.sample import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tables():
    return generate("S", seed=2023)


@pytest.fixture(scope="module")
def params():
    return load_ruleset("cn-2017", as_of="2025-09-01")


@pytest.fixture(scope="module")
def rotation(tables, params):
    return plan_rotation(tables, params, RotationOptions.build({"time_limit_s": 60}))


def test_rotation_meets_the_rule(rotation):
    after = rotation.rotation["after"]
    assert after["status"] == "pass"
    assert after["rotation_percent"] >= 10 and after["key_share_percent"] >= 20
    assert rotation.violations == []


def test_every_section_fixable_by_teachers_is_fixed_or_proven_not(rotation):
    thresholds = next(s for s in rotation.stages if s.stage == "thresholds")
    assert thresholds.gap == 0  # the least total shortfall is proven
    still_short = rotation.units[rotation.units["shortfall_after"] > 0]
    explained = {(u["school_code"], u["level"]) for u in rotation.unfixable}
    assert set(zip(still_short["school_code"], still_short["level"], strict=True)) <= explained
    for u in rotation.unfixable:
        # either its own bound proves it, or it is outside the plan, or fixing it would open a
        # gap elsewhere — which the proven minimum of the total shortfall rules out
        assert u["proven_unfixable"] or (u["reason"] == "competition" and thresholds.bound == thresholds.objective)
    assert rotation.shortfall_after < int(rotation.units["shortfall_before"].sum())


def test_rotation_is_solved_close_to_optimal(rotation):
    assert all(s.gap is not None and s.gap <= 0.01 for s in rotation.stages)


def test_investment_reaches_every_fixable_section(tables, params):
    plan = plan_investment(tables, params, InvestmentOptions.build(), with_greedy=False)
    assert plan.violations == []
    after = plan.judged["after"]
    assert after["units_compliant"] == after["units"] - len(plan.unfixable)
    assert plan.minimum_budget > 0
