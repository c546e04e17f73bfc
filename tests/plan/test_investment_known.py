"""Investment on hand-made districts whose cheapest plan is worked out in the comments."""

from __future__ import annotations

import pytest

from tests.plan.handmade import School, code, district, standard_staff
from youjun.core.rules import load_ruleset
from youjun.plan import InvestmentOptions, plan_investment

X, Y, Z = code(1), code(2), code(3)


@pytest.fixture(scope="module")
def params():
    return load_ruleset("cn-2017", as_of="2025-09-01")


@pytest.fixture(scope="module")
def tables():
    # 100 pupils each; thresholds r4 4.5 m², r5 7.5 m², r6 2,000 yuan per pupil.
    # X: r4 at 80% (360 of 450 m²), everything else met. One indicator may sit between 85%
    #    and 100% (6 of 7), so the cheapest fix is the floor: 0.85 × 450 = 382.5 → 383 m²,
    #    +23 m² × 3,500 = 80,500 yuan (full: +90 m² = 315,000).
    # Y: r5 at 50% (375 of 750 m²) and r6 at 90% (180,000 of 200,000 yuan). Either r5 full
    #    (+375 m² × 400 = 150,000) with r6 left at 90%, or r5 to the floor (637.5 → 638 m²,
    #    +263 m² × 400 = 105,200) and r6 full (+20,000 yuan) = 125,200: the second is cheaper.
    # Z: no art room: one art room of 90 m² = 360,000 yuan.
    # Minimum budget for full compliance: 80,500 + 125,200 + 360,000 = 565,700 yuan.
    return district([
        School(X, standard_staff(), teaching_m2=360.0),
        School(Y, standard_staff(), sports_m2=375.0, equipment_10k=18.0),
        School(Z, standard_staff(), art_rooms=()),
    ])


def test_minimum_budget_for_full_compliance(tables, params):
    plan = plan_investment(tables, params, InvestmentOptions.build())
    assert plan.minimum_budget == pytest.approx(565_700)
    got = {(p.school_code, p.indicator, p.option, p.amount) for p in plan.chosen.itertuples()}
    assert got == {(X, "r4_teaching_area_per_student", "floor", 23.0),
                   (Y, "r5_sports_area_per_student", "floor", 263.0),
                   (Y, "r6_equipment_value_per_student", "full", 20_000.0),
                   (Z, "g3_music_art_rooms", "full", 1.0)}
    assert plan.judged["before"]["units_compliant"] == 1  # Z only (G3 is not part of the 6-of-7 rule)
    assert plan.judged["after"]["units_compliant"] == 3
    assert plan.judged["after"]["g3_failing"] == 0
    assert plan.violations == []
    assert list(plan.ranked["cumulative_cost"])[-1] == pytest.approx(565_700)


@pytest.mark.parametrize(("budget", "compliant", "g3_failing"), [
    (79_000, 1, 1),     # nothing fits: the cheapest project (X's floor) costs 80,500
    (100_000, 2, 1),    # X's floor (80,500)
    (210_000, 3, 1),    # X and Y (205,700)
    (400_000, 3, 1),    # X and Y (+2) beat Z's room (+1); X + the room = 440,500 does not fit
    (600_000, 3, 0),    # everything (565,700)
])
def test_budget_buys_the_most_compliance(tables, params, budget, compliant, g3_failing):
    plan = plan_investment(tables, params, InvestmentOptions.build(), budget=budget)
    assert plan.chosen["cost"].sum() <= budget
    assert plan.judged["after"]["units_compliant"] == compliant
    assert plan.judged["after"]["g3_failing"] == g3_failing
    assert plan.violations == []
    assert plan.greedy is not None and plan.greedy["cost"] <= budget


def test_unit_costs_are_parameters(tables, params):
    cheap = plan_investment(tables, params, InvestmentOptions.build({"building_yuan_per_m2": 1000}))
    # only X's 23 m² change price: 565,700 − 23 × 2,500
    assert cheap.minimum_budget == pytest.approx(565_700 - 23 * 2_500)


def test_nothing_to_fund_is_a_plan_of_zero_cost_not_an_error(params):
    # Every school meets every physical indicator and has its rooms: the model has no column
    # (HiGHS calls that "empty"); the plan is the empty one, proven, at zero cost.
    tables = district([School(X, standard_staff()), School(Y, standard_staff())])
    plan = plan_investment(tables, params, InvestmentOptions.build())
    assert plan.chosen.empty and plan.minimum_budget == 0.0
    assert all(s.status == "optimal" and s.gap == 0.0 and s.columns == 0 for s in plan.stages)
    under = plan_investment(tables, params, InvestmentOptions.build(), budget=1_000_000)
    assert under.chosen.empty and under.violations == []


def test_each_project_says_why_and_compliant_schools_get_nothing_unless_asked():
    """Every project names the figures that call for it; a school whose sections already meet
    the standard (six of seven, the seventh within tolerance) is funded only when the bureau asks
    to improve the CVs."""
    from youjun.plan import judge
    from youjun.plan.investment_projects import build_projects
    from youjun.sample.district import generate_district

    tables = generate_district("S", 2023, 0, scale=0.15)
    params = load_ruleset("cn-2017", as_of="2025-09-01")
    before = judge.indicators(tables, params)
    default = build_projects(tables, params, before, InvestmentOptions.build())
    asked = build_projects(tables, params, before, InvestmentOptions.build({"improve_compliant_schools": True}))
    compliant = set(default.units.loc[default.units["compliant"], "school_code"].astype(str))
    physical = default.projects["indicator"] != "g3_music_art_rooms"
    funded = set(default.projects.loc[physical, "school_code"].astype(str))
    everyone = set(asked.projects["school_code"].astype(str))
    fully_compliant = {s for s in compliant
                       if default.units.loc[default.units["school_code"].astype(str) == s, "compliant"].all()}
    assert not (funded & fully_compliant)
    assert everyone & fully_compliant  # asked: some compliant schools get projects for their seventh indicator
    plan = plan_investment(tables, params, budget=2_000_000).to_dict()
    assert plan["projects"] and all(p["why_zh"] and p["why_en"] for p in plan["projects"])
    assert any("标准" in p["why_zh"] and "%" in p["why_zh"] for p in plan["projects"])
