"""The pure measures: the handbook example, the nine-year split, edge cases and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from youjun.core.measures import split_shares, weighted_cv, weighted_mean

SPLIT = {
    "nine_year": {"primary": 1.0, "junior": 1.1},
    "complete_middle": {"junior": 1.0, "senior": 1.2},
    "twelve_year": {"primary": 1.0, "junior": 1.1, "senior": 1.32},
}

# The official handbook's example: library books in five primary schools.
HANDBOOK_PUPILS = [45, 37, 89, 76, 55]
HANDBOOK_BOOKS = [279, 137, 935, 160, 402]


def _population_cv(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((x - mean) ** 2 for x in values) / len(values)) / mean


def test_handbook_example_is_reproduced_by_the_weighted_cv() -> None:
    books_per_pupil = [b / p for b, p in zip(HANDBOOK_BOOKS, HANDBOOK_PUPILS, strict=True)]
    cv = weighted_cv(books_per_pupil, HANDBOOK_PUPILS)
    assert cv == pytest.approx(0.51526, abs=5e-6)
    assert round(cv, 2) == 0.52  # the published figure
    # The unweighted population CV is a different number: the handbook does not use it.
    unweighted = _population_cv(books_per_pupil)
    assert unweighted == pytest.approx(0.48877, abs=5e-6)
    assert abs(cv - unweighted) > 0.02


def test_weighted_mean_is_total_resource_over_total_pupils() -> None:
    # 1,913 books / 302 pupils
    assert weighted_mean(HANDBOOK_BOOKS, HANDBOOK_PUPILS) == pytest.approx(1913 / 302)


def test_nine_year_split_of_the_handbook() -> None:
    # A=166, B=210 → weights 166 : 1.1·210 = 166 : 231 of 397
    shares = split_shares("nine_year", {"primary": 166, "junior": 210}, SPLIT)
    assert shares["primary"] == pytest.approx(166 / 397)
    assert round(23_226 * shares["primary"], 2) == 9_711.63
    assert round(23_226 * shares["junior"], 2) == 13_514.37


def test_complete_middle_and_twelve_year_splits() -> None:
    # complete middle: B/(B + 1.2C) = 300/(300 + 240)
    cm = split_shares("complete_middle", {"junior": 300, "senior": 200}, SPLIT)
    assert cm == pytest.approx({"junior": 300 / 540, "senior": 240 / 540})
    # twelve-year: 100 : 110 : 132 of 342
    tw = split_shares("twelve_year", {"primary": 100, "junior": 100, "senior": 100}, SPLIT)
    assert tw == pytest.approx({"primary": 100 / 342, "junior": 110 / 342, "senior": 132 / 342})


def test_single_section_schools_keep_everything() -> None:
    assert split_shares("primary", {"primary": 300}, SPLIT) == {"primary": 1.0}
    assert split_shares("teaching_point", {}, SPLIT) == {"primary": 1.0}
    assert split_shares("junior", {"junior": 10}, {}) == {"junior": 1.0}


@pytest.mark.parametrize(("school_type", "pupils", "weights", "words"), [
    ("nine_year", {"primary": 0, "junior": 0}, SPLIT, "no pupils"),
    ("nine_year", {"primary": 10, "junior": 10}, {}, "no split weights"),
    ("nine_year", {"primary": 10}, {"nine_year": {"primary": 1.0}}, "lack section"),
    ("castle", {"primary": 10}, SPLIT, "unknown school type"),
])
def test_split_errors_name_the_problem(school_type: str, pupils: dict[str, float],
                                       weights: dict[str, dict[str, float]], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        split_shares(school_type, pupils, weights)


def test_zero_pupils_is_a_data_error_not_a_division_by_zero() -> None:
    with pytest.raises(ValueError, match="zero"):
        weighted_cv([1.0, 2.0], [10, 0])
    with pytest.raises(ValueError, match="zero"):
        weighted_mean([1.0, 2.0], [0, 0])


def test_other_bad_inputs() -> None:
    with pytest.raises(ValueError, match="no schools"):
        weighted_cv([], [])
    with pytest.raises(ValueError, match="weights"):
        weighted_cv([1.0], [1, 2])
    with pytest.raises(ValueError, match="negative"):
        weighted_cv([-1.0, 2.0], [1, 2])
    with pytest.raises(ValueError, match="pupil counts"):
        weighted_mean([1.0], [1, 2])


def test_all_zero_values_have_no_dispersion() -> None:
    assert weighted_cv([0.0, 0.0, 0.0], [10, 20, 30]) == 0.0


def test_one_school_has_no_dispersion() -> None:
    assert weighted_cv([3.7], [120]) == 0.0


def test_small_example_by_hand() -> None:
    # x = 5 (100 pupils), 3 (300 pupils): mean = (500 + 900)/400 = 3.5
    # variance = 0.25·1.5² + 0.75·0.5² = 0.5625 + 0.1875 = 0.75; CV = √0.75 / 3.5
    assert weighted_cv([5.0, 3.0], [100, 300]) == pytest.approx(math.sqrt(0.75) / 3.5)


# --- properties ------------------------------------------------------------------------------

pupil_counts = st.integers(min_value=1, max_value=5000)
values = st.floats(min_value=0.01, max_value=1e5, allow_nan=False, allow_infinity=False)
schools = st.lists(st.tuples(values, pupil_counts), min_size=1, max_size=40)
factors = st.floats(min_value=1e-3, max_value=1e3)


@given(schools, factors)
def test_cv_unchanged_by_scaling_all_values(data: list[tuple[float, int]], c: float) -> None:
    xs, ps = zip(*data, strict=True)
    assert weighted_cv([c * x for x in xs], ps) == pytest.approx(weighted_cv(xs, ps),
                                                                 rel=1e-9, abs=1e-12)


@given(schools, factors)
def test_cv_unchanged_by_scaling_all_enrolments(data: list[tuple[float, int]], c: float) -> None:
    xs, ps = zip(*data, strict=True)
    assert weighted_cv(xs, [c * p for p in ps]) == pytest.approx(weighted_cv(xs, ps),
                                                                 rel=1e-9, abs=1e-12)


@given(values, st.lists(pupil_counts, min_size=1, max_size=40))
def test_cv_zero_when_all_schools_equal(x: float, ps: list[int]) -> None:
    assert weighted_cv([x] * len(ps), ps) == pytest.approx(0.0, abs=1e-12)


@given(st.lists(st.tuples(st.floats(min_value=0, max_value=1e7), pupil_counts), min_size=1,
                max_size=40))
def test_weighted_mean_of_values_is_total_over_total(data: list[tuple[float, int]]) -> None:
    resources, ps = zip(*data, strict=True)
    per_pupil = [r / p for r, p in data]
    expected = sum(resources) / sum(ps)
    assert weighted_mean(resources, ps) == pytest.approx(expected, rel=1e-12)
    # the CV's centre is the same mean
    assert math.fsum(p * x for p, x in zip(ps, per_pupil, strict=True)) / sum(ps) == \
        pytest.approx(expected, rel=1e-9, abs=1e-12)


@given(st.sampled_from(["nine_year", "twelve_year", "complete_middle"]),
       st.integers(1, 3000), st.integers(1, 3000), st.integers(1, 3000),
       st.floats(min_value=0, max_value=1e8))
def test_splitting_conserves_the_total(school_type: str, a: int, b: int, c: int,
                                       total: float) -> None:
    shares = split_shares(school_type, {"primary": a, "junior": b, "senior": c}, SPLIT)
    assert math.fsum(shares.values()) == pytest.approx(1.0, rel=1e-12)
    assert math.fsum(total * s for s in shares.values()) == pytest.approx(total, rel=1e-12)
    assert all(s > 0 for s in shares.values())
