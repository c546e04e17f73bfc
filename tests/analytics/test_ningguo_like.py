"""A Ningguo-like district: the raw records give back the 14 published CVs and the verdict."""

from __future__ import annotations

from tests.analytics.conftest import Backend
from tests.analytics.ningguo_like import PUBLISHED, ningguo_like_frames
from youjun.analytics import compute_indicators_pandas, diagnose
from youjun.core.params import AssessmentParams


def test_published_cvs_are_rebuilt_from_records(backend: Backend,
                                                p2017: AssessmentParams) -> None:
    frames = ningguo_like_frames()
    r = backend.compute(frames, p2017)
    got = {(row.level, row.indicator): row.cv_published for row in r.dispersion.itertuples()}
    expected = {(lv, k): v for lv, by_key in PUBLISHED.items() for k, v in by_key.items()}
    assert got == expected
    # Published figures have 3 decimals: the unrounded CVs are within 0.0005 of them.
    for row in r.dispersion.itertuples():
        assert abs(row.cv - expected[(row.level, row.indicator)]) <= 0.0005
    # the pandas baseline rebuilds the same figures
    baseline = compute_indicators_pandas(frames, p2017)
    assert list(baseline.dispersion.cv_published) == list(r.dispersion.cv_published)


def test_only_r6_within_the_limits(backend: Backend, p2017: AssessmentParams) -> None:
    r = backend.compute(ningguo_like_frames(), p2017)
    limit = r.dispersion.level.map(p2017.cv_limits)
    passing = r.dispersion[r.dispersion.cv_published <= limit]
    assert sorted(set(passing.indicator)) == ["r6_equipment_value_per_student"]
    assert len(passing) == 2  # primary .167 ≤ .50, junior .254 ≤ .45


def test_diagnosis_of_a_county_that_is_not_ready(backend: Backend,
                                                 p2017: AssessmentParams) -> None:
    r = backend.compute(ningguo_like_frames(), p2017)
    found = diagnose(r, p2017, top_drivers=3)
    assert len(found.drivers) == 14 * 3
    assert (found.drivers.groupby(["level", "indicator"]).cv_change.min() < 0).all()
    assert set(found.gaps.indicator) <= set(p2017.indicators) and len(found.gaps) > 0
    assert set(found.theil.grouping) == {"town", "location", "education_group"}
    assert (found.inequality.gini.between(0, 1)).all()
