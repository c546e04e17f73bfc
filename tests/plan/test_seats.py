"""Seats and class sizes ahead on a school whose cohorts are easy to follow by hand."""

from __future__ import annotations

import pytest

from tests.plan.handmade import School, code, district, standard_staff
from youjun.core.rules import load_ruleset
from youjun.plan import SeatsOptions, project_seats

S = code(1)


@pytest.fixture(scope="module")
def params():
    return load_ruleset("cn-2017", as_of="2025-09-01")


def test_cohorts_move_up_and_classes_are_flagged(params):
    # One class per grade: 60, 50, 40, 45, 45, 45 pupils (2025). No trend, no migration:
    # 2026 = 60 (entrants as this year), 60, 50, 40, 45, 45. The classes of grades 1, 2 and 3
    # are above 45 (G5): 3 classes flagged, each needs a second class (3 extra), and
    # 15 + 15 + 5 = 35 pupils have no seat within the limit.
    tables = district([School(S, standard_staff(), pupils={1: 60, 2: 50, 3: 40, 4: 45, 5: 45, 6: 45})])
    plan = project_seats(tables, params, SeatsOptions(years=2, entry_trend=0.0))
    y1 = plan.enrolment[plan.enrolment["year"] == 2026].set_index("grade")["pupils"]
    assert y1.loc[[1, 2, 3, 4, 5, 6]].tolist() == [60, 60, 50, 40, 45, 45]
    over = plan.classes[(plan.classes["year"] == 2026) & plan.classes["over"]]
    assert sorted(over["grade"]) == [1, 2, 3]
    town = plan.towns[(plan.towns["year"] == 2026) & (plan.towns["level"] == "primary")].iloc[0]
    assert town["extra_classes"] == 3 and town["seats_short"] == 35
    # 2027: 60, 60, 60, 50, 40, 45 → four classes over the limit
    over2 = plan.classes[(plan.classes["year"] == 2027) & plan.classes["over"]]
    assert sorted(over2["grade"]) == [1, 2, 3, 4]


def test_births_drive_the_entrants(params):
    # Entrants per birth this year: 60 pupils for 100 births in 2019 → 0.6.
    # 2026 entrants come from 2020 births: 120 × 0.6 = 72. Migration +10% a year moves every
    # cohort up: grade 2 in 2026 = 60 × 1.1 = 66.
    tables = district([School(S, standard_staff(), pupils={1: 60, 2: 50, 3: 40, 4: 45, 5: 45, 6: 45})])
    options = SeatsOptions.from_mapping({"years": 1, "births": {"*": {2019: 100, 2020: 120}}, "migration": 1.1})
    plan = project_seats(tables, params, options)
    y1 = plan.enrolment.set_index("grade")["pupils"]
    assert y1.loc[1] == 72 and y1.loc[2] == 66


def test_schools_above_the_size_limit(params):
    # 6 × 350 = 2,100 pupils in a primary school: above G4's 2,000 from the first year on.
    tables = district([School(S, standard_staff(), pupils={g: 350 for g in range(1, 7)})])
    plan = project_seats(tables, params, SeatsOptions(years=1, entry_trend=0.0))
    row = plan.schools.iloc[0]
    assert row["pupils"] == 2100 and row["over"] and row["excess"] == 100
    assert plan.to_dict()["headline"]["schools_over_size"] == {2026: 1}


def test_births_without_the_base_year_are_refused(params):
    # Births given for 2020 on but not for 2019 (the birth year of this year's grade 1): the
    # entry ratio cannot be calibrated. Taking a whole birth cohort for the entrants would make
    # 120 entrants instead of 72, so the plan refuses and names the year.
    tables = district([School(S, standard_staff(), pupils={1: 60, 2: 50, 3: 40, 4: 45, 5: 45, 6: 45})])
    options = SeatsOptions.from_mapping({"years": 1, "births": {"*": {2020: 120, 2021: 110}}})
    with pytest.raises(ValueError) as refused:
        project_seats(tables, params, options)
    assert "2019" in str(refused.value) and "出生人口缺少" in str(refused.value) and "全区" in str(refused.value)


def test_the_headline_says_which_entry_trend_was_used(params):
    # grade 1 = 60 against grade 6 = 45 five birth years earlier: (60/45)^(1/5) - 1 = +5.9 % a year
    tables = district([School(S, standard_staff(), pupils={1: 60, 2: 50, 3: 40, 4: 45, 5: 45, 6: 45})])
    derived = project_seats(tables, params, SeatsOptions(years=1)).to_dict()["headline"]
    assert derived["entry_trend_cohorts"] == pytest.approx(5.9)
    given = project_seats(tables, params, SeatsOptions(years=1, entry_trend=-0.02)).to_dict()["headline"]
    assert given["entry_trend_given"] == -2.0 and "entry_trend_cohorts" not in given


def test_empty_lists_say_none(params, tmp_path):
    from youjun.plan.render import render_html

    tables = district([School(S, standard_staff(), pupils={g: 30 for g in range(1, 7)})])
    plan = project_seats(tables, params, SeatsOptions(years=1, entry_trend=0.0)).to_dict()
    plan |= {"district_name": "示例区", "school_year": "2025-2026"}
    assert not plan["schools_over_size"]
    html = render_html(plan, "zh")
    assert html.count("<td colspan=\"4\">无</td>") == 1 and "<td colspan=\"8\">无</td>" in html
