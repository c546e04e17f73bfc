"""Diagnosis: threshold gaps in real units, CV drivers, CV if thresholds were met."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from tests.analytics.conftest import Backend
from tests.analytics.district_builders import DistrictBuilder, random_frames
from tests.analytics.test_indicators import two_primary_schools
from youjun.analytics import (
    cv_drivers,
    cv_if_thresholds_met,
    diagnose,
    inequality_summary,
    theil_decomposition_table,
    threshold_gaps,
)
from youjun.core.measures import weighted_cv
from youjun.core.params import AssessmentParams


def test_gaps_in_real_units(backend: Backend, p2017: AssessmentParams) -> None:
    r = backend.compute(two_primary_schools().frames(), p2017)
    gaps = threshold_gaps(r, p2017).set_index("indicator")
    assert set(gaps.school_name) == {"A"}  # B meets every threshold
    expected = {
        # 3 qualified per 100 < 4.2: 4.2 needed for 100 pupils → 1.2 → 2 teachers
        "r1_qualified_teachers_per100": (2, "teachers"),
        # 4.0 m² < 4.5: 450 − 400
        "r4_teaching_area_per_student": (50.0, "m²"),
        # 7.0 < 7.5: 750 − 700
        "r5_sports_area_per_student": (50.0, "m²"),
        # 1500 < 2000 yuan: 200,000 − 150,000
        "r6_equipment_value_per_student": (50_000.0, "yuan"),
        # 2 per 100 < 2.3: 2.3 rooms needed → 0.3 → 1 room
        "r7_multimedia_rooms_per100": (1, "rooms"),
    }
    assert set(gaps.index) == set(expected)  # r2 = 1.0 exactly meets 1.0: no gap
    for key, (gap, unit) in expected.items():
        assert gaps.loc[key, "gap"] == pytest.approx(gap), key
        assert gaps.loc[key, "unit_en"] == unit
    assert gaps.loc["r1_qualified_teachers_per100", "ratio"] == pytest.approx(3 / 4.2)


def test_gap_at_the_boundary(backend: Backend, p2017: AssessmentParams) -> None:
    b = DistrictBuilder()
    short = b.school(primary=500, name="短1人", teaching=5000, outdoor=5000, equipment_10k=500,
                     rooms=20)
    exact = b.school(primary=500, name="刚好", teaching=5000, outdoor=5000, equipment_10k=500,
                     rooms=20)
    for code in (short, exact):
        b.teacher(code, "primary", 10, tier="key", level="county", subject="pe",
                  specialist=True)
    b.teacher(short, "primary", 10)  # 20 of the 21 needed (4.2·500/100 = 21)
    b.teacher(exact, "primary", 11)  # 21: exactly 4.2 per 100
    gaps = threshold_gaps(backend.compute(b.frames(), p2017), p2017)
    assert list(gaps.school_name) == ["短1人"]
    assert gaps.gap.item() == 1


def test_gap_is_not_inflated_by_float_noise(backend: Backend, p2017: AssessmentParams) -> None:
    # A split share can leave 2 rooms as 1.9999999999999998 (e.g. 20 rooms of a nine-year
    # school with 11 primary and 90 junior pupils): 3 needed − that is 1, not 2 rooms.
    r = backend.compute(two_primary_schools().frames(), p2017)
    a = r.units.school_name == "A"
    r.units.loc[a, "multimedia_rooms"] = 20 * (11 / (11 + 1.1 * 90))
    assert r.units.loc[a, "multimedia_rooms"].item() < 2
    r.units.loc[a, "r7_multimedia_rooms_per100"] = r.units.loc[a, "multimedia_rooms"]
    thresholds = {**p2017.thresholds, "r7_multimedia_rooms_per100": {"primary": 3.0}}
    gaps = threshold_gaps(r, replace(p2017, thresholds=thresholds))
    rooms = gaps[gaps.indicator == "r7_multimedia_rooms_per100"]
    assert rooms.gap.item() == 1


def test_no_gaps_without_per_school_thresholds(backend: Backend,
                                               p2012: AssessmentParams) -> None:
    gaps = threshold_gaps(backend.compute(two_primary_schools().frames(), p2012), p2012)
    assert gaps.empty and "gap" in gaps.columns


def test_drivers_match_recomputing_each_cv(backend: Backend, p2017: AssessmentParams) -> None:
    r = backend.compute(random_frames(11, n_districts=2, n_schools=25), p2017)
    drivers = cv_drivers(r)
    assert len(drivers) == len(r.units) * len(p2017.indicators)
    for (district, level, key), group in drivers.groupby(["district_code", "level", "indicator"]):
        units = r.units[(r.units.district_code == district) & (r.units.level == level)]
        values, pupils = list(units[key]), list(units.pupils)
        mean = sum(v * p for v, p in zip(values, pupils, strict=True)) / sum(pupils)
        by_school = group.set_index("school_code")
        for i, code in enumerate(units.school_code):
            moved = values.copy()
            moved[i] = mean
            assert by_school.loc[code, "cv_if_at_mean"] == pytest.approx(
                weighted_cv(moved, pupils), rel=1e-9, abs=1e-12)
        assert list(group["rank"]) == list(range(1, len(group) + 1))
        assert group.cv_change.is_monotonic_increasing
        assert group.variance_share.sum() == pytest.approx(1.0) or group.cv.iloc[0] == 0


def test_drivers_top_n(backend: Backend, p2017: AssessmentParams) -> None:
    r = backend.compute(random_frames(12, n_districts=1, n_schools=30), p2017)
    top = cv_drivers(r, top=2)
    assert (top.groupby(["district_code", "level", "indicator"]).size() <= 2).all()


def test_cv_if_every_failing_school_met_its_threshold(backend: Backend,
                                                      p2017: AssessmentParams) -> None:
    r = backend.compute(two_primary_schools().frames(), p2017)
    lifted = cv_if_thresholds_met(r, p2017).set_index("indicator")
    # r1: A lifted 3.0 → 4.2, B stays 6.0 (pupils 100, 300)
    row = lifted.loc["r1_qualified_teachers_per100"]
    assert row.n_lifted == 1
    assert row.cv_if_met == pytest.approx(weighted_cv([4.2, 6.0], [100, 300]))
    assert row.mean_if_met == pytest.approx((420 + 1800) / 400)
    assert row.cv_limit == 0.50
    # r2 nobody below: unchanged
    r2 = lifted.loc["r2_key_teachers_per100"]
    assert r2.n_lifted == 0 and r2.cv_if_met == pytest.approx(r2.cv)


def test_inequality_tables(backend: Backend, p2017: AssessmentParams) -> None:
    r = backend.compute(random_frames(13, n_districts=2, n_schools=30), p2017)
    summary = inequality_summary(r)
    merged = summary.merge(r.dispersion, on=["district_code", "level", "indicator"])
    assert merged.cv_x.to_numpy() == pytest.approx(merged.cv_y.to_numpy(), rel=1e-9)
    assert summary.gini.between(0, 1).all() and summary.mcloone.between(0, 1).all()
    theil = theil_decomposition_table(r)
    assert len(theil) == 3 * len(summary)
    assert (theil.between + theil.within).to_numpy() == pytest.approx(theil.total.to_numpy(),
                                                                      abs=1e-12)
    location = theil[theil.grouping == "location"]
    assert location.n_groups.max() <= 3


def test_diagnose_bundles_everything(backend: Backend, p2017: AssessmentParams) -> None:
    r = backend.compute(two_primary_schools().frames(), p2017)
    found = diagnose(r, p2017, top_drivers=1)
    assert len(found.drivers) == 7 and len(found.gaps) == 5
    assert isinstance(found.theil, pd.DataFrame) and not math.isnan(found.inequality.gini.sum())
