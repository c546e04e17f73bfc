"""Earlier and later school years of a sample district describe the SAME district: the same
schools under the same codes and names, mostly the same teachers, with the plausible change of
a year (cohorts move up a grade, a few teachers join or leave, equipment grows), so a year
comparison shows a handful of schools changing verdict, not every school replaced."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from youjun.assess import assess_tables
from youjun.core.schema import GRADES, grade_column
from youjun.ingest.validate import validate_tables
from youjun.report.compare import compare_results
from youjun.sample import DEFAULT_SCHOOL_YEAR, generate, generate_district

from .invariants import check_all, pupils

IDENTITY = ["school_code", "school_name", "town", "school_type", "location", "ownership",
            "county_run", "central_school_code"]


@lru_cache(maxsize=4)
def s(year: str) -> dict[str, pd.DataFrame]:
    return generate("S", 2023, school_year=year)


@pytest.mark.parametrize("year", ["2023-2024", "2024-2025", "2026-2027"])
def test_another_year_has_the_same_schools(year: str) -> None:
    ref, other = s(DEFAULT_SCHOOL_YEAR), s(year)
    pd.testing.assert_frame_equal(ref["schools"][IDENTITY], other["schools"][IDENTITY])
    assert other["districts"]["school_year"].iloc[0] == year
    assert other["districts"]["statistical_date"].iloc[0].year == int(year[:4])


def test_an_earlier_year_differs_plausibly() -> None:
    ref, old = s(DEFAULT_SCHOOL_YEAR), s("2024-2025")
    # pupils follow the cohorts: last year's grade 3 is this year's grade 4, give or take moves
    g = [grade_column(k) for k in GRADES]
    now, then = ref["schools"][g].sum(), old["schools"][g].sum()
    assert abs(then["students_g3"] / now["students_g4"] - 1) < 0.05
    assert not ref["schools"][g].equals(old["schools"][g])
    assert abs(pupils(old["schools"]).sum() / pupils(ref["schools"]).sum() - 1) < 0.08
    # mostly the same teachers: some joined this year, some left last year
    ids_now, ids_then = set(ref["teachers"]["teacher_id"]), set(old["teachers"]["teacher_id"])
    shared = len(ids_now & ids_then)
    assert 0.8 < shared / len(ids_now) < 0.99 and 0.8 < shared / len(ids_then) < 0.99
    assert abs(len(ids_then) / len(ids_now) - 1) < 0.05
    # the same teacher a year earlier had one year less at the school
    both = ref["teachers"].merge(old["teachers"], on="teacher_id", suffixes=("", "_then"))
    assert (both["school_code"] == both["school_code_then"]).all()
    assert (both.loc[both["years_at_school"] > 0, "years_at_school"]
            == both.loc[both["years_at_school"] > 0, "years_at_school_then"] + 1).all()
    # equipment grows: last year's equipment was no larger, and somewhat smaller in total
    eq_now = ref["facilities"]["equipment_value_10k_yuan"].sum()
    eq_then = old["facilities"]["equipment_value_10k_yuan"].sum()
    assert 0.9 < eq_then / eq_now < 1.0


def test_a_comparison_of_two_sample_years_flips_a_handful_of_schools() -> None:
    then = assess_tables(s("2023-2024"))[0]
    now = assess_tables(s(DEFAULT_SCHOOL_YEAR))[0]
    c = compare_results(then, now)
    # only a few sections enter or leave the assessment (a teaching point crossing 50 pupils)
    assert c["tally"]["new"] + c["tally"]["gone"] <= 5, c["tally"]
    assert not c["identity_changed"]
    flipped = c["tally"]["newly_failing"] + c["tally"]["newly_passing"]
    sections = len(c["schools"])
    assert 1 <= flipped <= sections * 0.2, c["tally"]


@pytest.mark.parametrize("year", ["2023-2024", "2026-2027"])
def test_s_other_years_keep_the_contract_and_pass_the_validator(year: str) -> None:
    check_all(s(year))
    assert [p.to_dict() for p in validate_tables(s(year)).errors] == []


def test_other_years_are_reproducible() -> None:
    a = generate_district("M", 3, 4, scale=0.1, school_year="2022-2023")
    b = generate_district("M", 3, 4, scale=0.1, school_year="2022-2023")
    for key, frame in a.items():
        pd.testing.assert_frame_equal(frame, b[key], check_exact=True)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    place=st.sampled_from([("S", 0), ("M", 2), ("M", 30), ("L", 5), ("L", 1500)]),
    scale=st.sampled_from([0.03, 0.3]),
    start=st.sampled_from([2021, 2023, 2024, 2026, 2027]),
)
def test_invariants_hold_in_every_year(seed: int, place: tuple[str, int], scale: float, start: int) -> None:
    scenario, index = place
    tables = generate_district(scenario, seed, index, scale=scale, school_year=f"{start}-{start + 1}")
    check_all(tables)
    assert validate_tables(tables).errors == []
