"""The pure arithmetic of education groups: dated memberships, quality marks, coverage, means."""

from __future__ import annotations

import datetime as dt

import pytest

from youjun.core import groups as g


def test_group_on_a_day_and_overlaps() -> None:
    s = [g.Stretch("A", 1, "lead", dt.date(2023, 9, 1), dt.date(2025, 2, 28)),
         g.Stretch("A", 2, "member", dt.date(2025, 3, 1)), g.Stretch("B", 1, "member", dt.date(2024, 9, 1))]
    assert g.group_on(s, dt.date(2024, 1, 1)) == {"A": 1}
    assert g.group_on(s, dt.date(2025, 3, 1)) == {"A": 2, "B": 1}
    mine = [x for x in s if x.school == "A"]
    assert g.overlapping(mine, dt.date(2025, 2, 1), dt.date(2025, 2, 10)) == [mine[0]]
    assert g.overlapping(mine[:1], dt.date(2025, 3, 1), None) == []


def test_comparison_date_is_the_year_end_or_today() -> None:
    assert g.comparison_date("2024-2025", dt.date(2026, 1, 1)) == dt.date(2025, 6, 30)
    assert g.comparison_date("2025-2026", dt.date(2025, 12, 2)) == dt.date(2025, 12, 2)


def test_mark_in_force() -> None:
    on = dt.date(2024, 2, 29)
    assert g.mark_in_force(on, None, dt.date(2027, 2, 27), 3)
    assert not g.mark_in_force(on, None, dt.date(2027, 2, 28), 3)  # 3 years from a 29 February
    assert not g.mark_in_force(on, dt.date(2025, 1, 1), dt.date(2025, 1, 1), 3)
    assert not g.mark_in_force(on, None, dt.date(2024, 2, 28), 0)
    assert g.mark_in_force(on, None, dt.date(2040, 1, 1), 0)


def test_coverage_and_the_only_100_percent() -> None:
    c = g.coverage({"A": 240, "B": 315, "C": 30}, {"A", "C", "Z"})
    assert (c.covered_pupils, c.total_pupils, c.covered_schools) == (270, 585, 2)
    assert c.percent == pytest.approx(46.1538, abs=1e-4) and not c.complete
    assert g.coverage({"A": 1, "B": 0}, {"A"}).complete
    assert g.coverage({}, set()).percent is None


def test_weighted_means() -> None:
    assert g.weighted_means([1.0, 3.0, 5.0], [1, 3, 2], ["x", "x", "y"]) == {"x": 2.5, "y": 5.0}
    with pytest.raises(ValueError):
        g.weighted_means([1.0], [1, 2], ["x"])


def test_the_rules_are_local_and_dated() -> None:
    rule = g.rules("quality_lead", dt.date(2025, 1, 1))
    assert rule["local"] is True and rule["mark_valid_years"] == 3
    assert g.rules("comparison", dt.date(2025, 1, 1))["as_of_month_day"] == "06-30"
