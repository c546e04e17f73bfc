"""The weighted inequality measures shown beside the official CV."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from youjun.analytics import inequality
from youjun.core import measures

pupils = st.integers(1, 3000)
# per-pupil values: none, or a realistic magnitude (no subnormal floats)
values = st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e5))
schools = st.lists(st.tuples(values, pupils, st.sampled_from(["城区", "镇区", "乡村", None])),
                   min_size=1, max_size=30)


def _split(data: list[tuple[float, int, str | None]]) -> tuple[list[float], list[int], list]:
    xs, ps, gs = zip(*data, strict=True)
    return list(xs), list(ps), list(gs)


def _gini_by_definition(x: list[float], p: list[int]) -> float:
    w = np.asarray(p, float) / sum(p)
    xa = np.asarray(x, float)
    mean = w @ xa
    return float((w[:, None] * w[None, :] * np.abs(xa[:, None] - xa[None, :])).sum() / (2 * mean))


def test_known_values() -> None:
    # two schools of equal size, one without the resource: G = ¼·|0 − 1|·2 / (2·½) = ½
    assert inequality.gini([0.0, 1.0], [50, 50]) == pytest.approx(0.5)
    # x = 1, 3 (equal sizes): mean 2; T = ½·½·ln ½ + ½·(3/2)·ln(3/2)
    assert inequality.theil_t([1.0, 3.0], [10, 10]) == pytest.approx(
        0.25 * math.log(0.5) + 0.75 * math.log(1.5))
    # one of n equal schools holds everything: T = ln n
    assert inequality.theil_t([0, 0, 0, 4.0], [5, 5, 5, 5]) == pytest.approx(math.log(4))
    assert inequality.range_ratio([2.0, 5.0, 10.0]) == 5.0
    assert inequality.range_ratio([0.0, 1.0]) == math.inf
    assert inequality.range_ratio([0.0, 0.0]) == 1.0


def test_mcloone_by_hand() -> None:
    # pupil shares ¼ each, x 1,2,3,4: the median pupil has 2; below it x=1 → 1/2
    assert inequality.mcloone([1.0, 2.0, 3.0, 4.0], [100] * 4) == pytest.approx(0.5)
    # shares .2 .2 .6, x 1 2 4: median 4; below: (100·1 + 100·2)/(4·200) = 0.375
    assert inequality.mcloone([1.0, 2.0, 4.0], [100, 100, 300]) == pytest.approx(0.375)
    # the largest school holds the median pupil and the lowest value: nobody is below
    assert inequality.mcloone([1.0, 2.0, 3.0], [300, 100, 100]) == 1.0
    assert inequality.weighted_median([1.0, 2.0, 3.0], [300, 100, 100]) == 1.0


def test_decomposition_extremes() -> None:
    x, p = [1.0, 2.0, 5.0, 9.0], [10, 20, 30, 40]
    one_group = inequality.theil_decomposition(x, p, ["a"] * 4)
    assert one_group.between == pytest.approx(0.0, abs=1e-15)
    assert one_group.within == pytest.approx(one_group.total)
    singletons = inequality.theil_decomposition(x, p, ["a", "b", "c", "d"])
    assert singletons.within == pytest.approx(0.0, abs=1e-15)
    assert singletons.between == pytest.approx(singletons.total)
    assert singletons.between_share == pytest.approx(1.0)


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="pupils"):
        inequality.gini([1.0, 2.0], [1, 0])
    with pytest.raises(ValueError, match="negative"):
        inequality.theil_t([-1.0, 2.0], [1, 1])
    with pytest.raises(ValueError, match="equal-length"):
        inequality.weighted_cv([1.0], [1, 2])


@given(schools)
def test_theil_between_plus_within_is_total(data: list[tuple[float, int, str | None]]) -> None:
    x, p, g = _split(data)
    parts = inequality.theil_decomposition(x, p, g)
    assert parts.between + parts.within == pytest.approx(parts.total, rel=1e-9, abs=1e-12)
    assert parts.total == pytest.approx(inequality.theil_t(x, p), rel=1e-12, abs=1e-15)
    assert parts.between >= -1e-12 and parts.within >= -1e-12


@given(schools)
def test_gini_matches_its_definition(data: list[tuple[float, int, str | None]]) -> None:
    x, p, _ = _split(data)
    g = inequality.gini(x, p)
    assert 0.0 <= g <= 1.0
    if sum(xi * pi for xi, pi in zip(x, p, strict=True)) > 0:
        assert g == pytest.approx(_gini_by_definition(x, p), rel=1e-9, abs=1e-12)


@given(schools, st.floats(min_value=1e-3, max_value=1e3))
def test_measures_ignore_the_unit(data: list[tuple[float, int, str | None]], c: float) -> None:
    x, p, _ = _split(data)
    scaled = [c * v for v in x]
    for f in (inequality.gini, inequality.theil_t, inequality.mcloone, inequality.weighted_cv):
        assert f(scaled, p) == pytest.approx(f(x, p), rel=1e-9, abs=1e-12), f.__name__


@given(schools)
def test_numpy_cv_is_the_core_cv(data: list[tuple[float, int, str | None]]) -> None:
    x, p, _ = _split(data)
    assert inequality.weighted_cv(x, p) == pytest.approx(measures.weighted_cv(x, p), rel=1e-9,
                                                         abs=1e-12)
    assert 0.0 <= inequality.mcloone(x, p) <= 1.0


@given(values, st.lists(pupils, min_size=1, max_size=20))
def test_everything_is_equal_when_schools_are(x: float, p: list[int]) -> None:
    xs = [x] * len(p)
    assert inequality.gini(xs, p) == pytest.approx(0.0, abs=1e-12)
    assert inequality.theil_t(xs, p) == pytest.approx(0.0, abs=1e-12)
    assert inequality.mcloone(xs, p) == 1.0
