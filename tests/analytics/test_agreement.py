"""The Ibis path and the plain pandas baseline agree to 1e-9 on generated provinces."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.analytics.conftest import Backend
from tests.analytics.district_builders import params_2012, params_2017, random_frames
from youjun.analytics import IndicatorResult, compute_indicators_pandas
from youjun.core.params import AssessmentParams


def assert_same(left: IndicatorResult, right: IndicatorResult) -> None:
    pd.testing.assert_frame_equal(left.units, right.units, check_exact=False, rtol=1e-9,
                                  atol=1e-9)
    pd.testing.assert_frame_equal(left.dispersion, right.dispersion, check_exact=False,
                                  rtol=1e-9, atol=1e-9)
    if left.composite is None or right.composite is None:
        assert left.composite is None and right.composite is None
    else:
        pd.testing.assert_frame_equal(left.composite, right.composite, check_exact=False,
                                      rtol=1e-9, atol=1e-9)


PARAMS = {
    "2017": params_2017(),
    "2017-options": params_2017(teaching_area_includes_gym=True, include_private=False,
                                include_non_county_run=False, teaching_point_min_students=None,
                                key_teacher_min_level="city", mid_title_min="senior"),
    "2012": params_2012(),
}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("method", list(PARAMS))
def test_backend_agrees_with_pandas(backend: Backend, seed: int, method: str) -> None:
    frames = random_frames(seed, n_districts=3, n_schools=40)
    params = PARAMS[method]
    ours = backend.compute(frames, params)
    baseline = compute_indicators_pandas(frames, params)
    assert len(ours.units) > 60 and set(ours.dispersion.district_code) == {
        "500110", "500111", "500112"}
    assert_same(ours, baseline)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n_schools=st.integers(2, 12),
       method=st.sampled_from(sorted(PARAMS)))
def test_agreement_on_small_random_districts(backend: Backend, seed: int, n_schools: int,
                                             method: str) -> None:
    frames = random_frames(seed, n_districts=1, n_schools=n_schools)
    params: AssessmentParams = PARAMS[method]
    # small districts often leave a level (or everything) out of scope: both must agree then
    assert_same(backend.compute(frames, params), compute_indicators_pandas(frames, params))


def test_agreement_when_one_level_is_absent(backend: Backend) -> None:
    frames = random_frames(7, n_districts=1, n_schools=20)
    primary_only = frames["schools"].school_type.isin(["primary", "teaching_point"])
    frames["schools"] = frames["schools"][primary_only].reset_index(drop=True)
    params = replace(params_2017(), include_private=True)
    ours = backend.compute(frames, params)
    assert set(ours.dispersion.level) == {"primary"}
    assert_same(ours, compute_indicators_pandas(frames, params))


@pytest.mark.parametrize("method", ["2017", "2012"])
def test_agreement_on_the_sample_district(backend: Backend, method: str) -> None:
    from youjun.sample import generate

    frames = generate("S", 2023)
    ours = backend.compute(frames, PARAMS[method])
    assert len(ours.units) > 150
    assert_same(ours, compute_indicators_pandas(frames, PARAMS[method]))
