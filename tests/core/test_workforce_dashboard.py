"""The workforce dashboard's pure arithmetic and its local rule file."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from youjun.core import workforce_dashboard as wd
from youjun.core.rules import read_yaml, rules_root


def test_highest_qualification_takes_the_top_known_code() -> None:
    assert wd.highest_qualification(["associate", "master", "bachelor"]) == "master"
    assert wd.highest_qualification(["secondary_vocational", "nonsense"]) == "secondary_vocational"
    assert wd.highest_qualification([]) == ""


def test_share_and_per100_never_make_up_a_figure_for_nothing() -> None:
    assert wd.share(3, 4) == 75.0
    assert wd.share(0, 0) is None
    assert wd.per100(3, 200) == 1.5
    assert wd.per100(3, 0) is None


def test_pupils_of_sums_the_sections_grades_and_skips_blanks() -> None:
    row = {f"students_g{g}": 10 for g in range(1, 13)} | {"students_g9": pd.NA, "students_g8": float("nan")}
    assert wd.pupils_of(row, ("primary",)) == 60
    assert wd.pupils_of(row, ("primary", "junior")) == 70  # grades 7–9: 10 + blank + blank
    assert wd.pupils_of({}, ("primary",)) == 0


def test_fill_years_fills_the_gaps() -> None:
    assert wd.fill_years({2022: 2, 2020: 1}) == [(2020, 1), (2021, 0), (2022, 2)]
    assert wd.fill_years({}) == []


def test_dashboard_rules_are_local_dated_and_referenced() -> None:
    raw = read_yaml(rules_root() / "workforce" / "dashboard.yaml")
    assert raw["reference"]["local"] is True and raw["description"]["zh"] and raw["description"]["en"]
    r = wd.dashboard_rules(dt.date(2026, 12, 2))
    assert r.local and r.new_posts_since(dt.date(2026, 12, 2)) == 2022
    assert r.training_year(dt.date(2026, 12, 2)) == 2025
    with pytest.raises(ValueError):
        wd.dashboard_rules(dt.date(2019, 1, 1))
