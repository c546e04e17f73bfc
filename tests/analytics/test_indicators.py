"""Indicators and CVs on hand-made districts, the arithmetic written beside each figure."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.analytics.conftest import Backend
from tests.analytics.district_builders import DistrictBuilder, merge_frames, params_2012
from youjun.analytics import IndicatorResult
from youjun.core.errors import YoujunError
from youjun.core.params import AssessmentParams
from youjun.core.schema import B_KEYS, R_KEYS


def two_primary_schools() -> DistrictBuilder:
    """A: 100 pupils, B: 300 pupils (pupil weights ¼ and ¾)."""
    b = DistrictBuilder()
    a = b.school(primary=100, name="A", teaching=400, gym=100, outdoor=600, equipment_10k=15,
                 rooms=2, computers=10, books=2000)
    b.teacher(a, "primary", 2, qualification="associate")
    b.teacher(a, "primary", 1, qualification="associate", tier="key", level="county",
              title="first")
    b.teacher(a, "primary", 1, qualification="secondary_vocational", subject="pe",
              specialist=True)
    # A: r1 3/100 → 3.0, r2 1.0, r3 1.0, r4 400/100 = 4.0, r5 (100+600)/100 = 7.0,
    #    r6 150,000/100 = 1500, r7 2.0
    s = b.school(primary=300, name="B", teaching=1800, gym=600, outdoor=2400, equipment_10k=90,
                 rooms=9, computers=60, books=3000)
    b.teacher(s, "primary", 12, qualification="bachelor", title="senior")
    b.teacher(s, "primary", 3, qualification="bachelor", tier="leader", level="city")
    b.teacher(s, "primary", 1, qualification="bachelor", tier="key", level="school")  # too low
    b.teacher(s, "primary", 1, qualification="bachelor", tier="none", level="city")  # no tier
    b.teacher(s, "primary", 1, qualification="master", tier="key", level=None)  # no level
    b.teacher(s, "primary", 2, qualification="secondary_vocational", subject="pe",
              specialist=True)
    b.teacher(s, "primary", 1, qualification="secondary_vocational", subject="music",
              specialist=True)
    b.teacher(s, "primary", 1, qualification="secondary_vocational", subject="art")  # not flagged
    b.teacher(s, "primary", 1, qualification="secondary_vocational", subject="math",
              specialist=True)  # flagged but teaches maths
    # B: r1 18/300 → 6.0, r2 3/300 → 1.0, r3 3/300 → 1.0, r4 1800/300 = 6.0,
    #    r5 3000/300 = 10.0, r6 900,000/300 = 3000, r7 9/300 → 3.0
    return b


def _row(result: IndicatorResult, indicator: str, level: str = "primary") -> pd.Series:
    d = result.dispersion
    rows = d[(d.indicator == indicator) & (d.level == level)]
    assert len(rows) == 1
    return rows.iloc[0]


def _value(result: IndicatorResult, school_name: str, key: str, level: str = "primary") -> float:
    u = result.units
    return float(u.loc[(u.school_name == school_name) & (u.level == level), key].iloc[0])


def test_two_primary_schools_by_hand(backend: Backend, p2017: AssessmentParams) -> None:
    r = backend.compute(two_primary_schools().frames(), p2017)
    expected_values = {
        "A": (3.0, 1.0, 1.0, 4.0, 7.0, 1500.0, 2.0),
        "B": (6.0, 1.0, 1.0, 6.0, 10.0, 3000.0, 3.0),
    }
    for name, values in expected_values.items():
        for key, value in zip(R_KEYS, values, strict=True):
            assert _value(r, name, key) == pytest.approx(value), (name, key)
    # mean = per·ΣR/ΣP; variance = ¼(x_A − mean)² + ¾(x_B − mean)²
    expected = {
        # 100·21/400 = 5.25; ¼·2.25² + ¾·0.75² = 1.6875
        "r1_qualified_teachers_per100": (5.25, math.sqrt(1.6875) / 5.25),
        "r2_key_teachers_per100": (1.0, 0.0),  # equal everywhere
        "r3_pe_art_teachers_per100": (1.0, 0.0),
        # 2200/400 = 5.5; ¼·1.5² + ¾·0.5² = 0.75
        "r4_teaching_area_per_student": (5.5, math.sqrt(0.75) / 5.5),
        # 3700/400 = 9.25; ¼·2.25² + ¾·0.75² = 1.6875
        "r5_sports_area_per_student": (9.25, math.sqrt(1.6875) / 9.25),
        # 1,050,000/400 = 2625; ¼·1125² + ¾·375² = 421,875
        "r6_equipment_value_per_student": (2625.0, math.sqrt(421_875) / 2625),
        # 100·11/400 = 2.75; ¼·0.75² + ¾·0.25² = 0.1875
        "r7_multimedia_rooms_per100": (2.75, math.sqrt(0.1875) / 2.75),
    }
    for key, (mean, cv) in expected.items():
        row = _row(r, key)
        assert row["mean"] == pytest.approx(mean, rel=1e-12), key
        assert row["cv"] == pytest.approx(cv, rel=1e-9, abs=1e-12), key
        assert row["n_schools"] == 2 and row["pupils"] == 400
    assert _row(r, "r1_qualified_teachers_per100")["cv_published"] == 0.247  # 0.24744
    assert r.composite is None  # 2017 has no composite CV


def test_unit_table_carries_numerators_and_attributes(backend: Backend,
                                                      p2017: AssessmentParams) -> None:
    r = backend.compute(two_primary_schools().frames(), p2017)
    b = r.units[r.units.school_name == "B"].iloc[0]
    assert (b.teachers, b.qualified_teachers, b.key_teachers, b.pe_art_teachers) == (23, 18, 3, 3)
    assert b.mid_title_teachers == 12  # the 12 senior-title teachers; "second" does not count
    assert (b.teaching_area_m2, b.sports_area_m2, b.equipment_yuan) == (1800, 3000, 900_000)
    assert (b.district_code, b.level, b.pupils, b.share, b.town) == (
        "500118", "primary", 300, 1.0, "城关镇")
    assert list(r.units.columns[-7:]) == list(R_KEYS)


def test_gym_counts_in_teaching_area_only_as_an_option(backend: Backend,
                                                       p2017: AssessmentParams) -> None:
    from dataclasses import replace

    r = backend.compute(two_primary_schools().frames(),
                        replace(p2017, teaching_area_includes_gym=True))
    # A (400+100)/100 = 5, B (1800+600)/300 = 8; mean 2900/400 = 7.25; var ¼·2.25²+¾·0.75²
    assert _value(r, "A", "r4_teaching_area_per_student") == 5.0
    row = _row(r, "r4_teaching_area_per_student")
    assert row["cv"] == pytest.approx(math.sqrt(1.6875) / 7.25)
    # the gym still counts in sports area
    assert _value(r, "A", "r5_sports_area_per_student") == 7.0


def combined_schools() -> tuple[DistrictBuilder, dict[str, str]]:
    b = DistrictBuilder()
    codes = {
        # nine-year: A=166, B=210 → primary share 166/397, junior 231/397
        "nine": b.school("nine_year", primary=166, junior=210, name="九年", teaching=3970,
                         equipment_10k=39.7, rooms=10, computers=397, books=23_226),
        # twelve-year: 100/100/100 → 100 : 110 : 132 of 342
        "twelve": b.school("twelve_year", primary=100, junior=100, senior=100, name="十二年",
                           teaching=3420, books=34_200),
        # complete middle: junior 300, senior 200 → junior 300/(300 + 1.2·200) = 300/540
        "middle": b.school("complete_middle", junior=300, senior=200, name="完中",
                           teaching=5400, books=5400),
    }
    b.teacher(codes["nine"], "primary", 10, qualification="associate")
    b.teacher(codes["nine"], "junior", 12, qualification="bachelor")
    b.teacher(codes["nine"], "junior", 1, qualification="associate")  # not enough for junior
    b.teacher(codes["twelve"], "senior", 5, qualification="master")  # senior: out of scope
    b.teacher(codes["twelve"], "junior", 4, qualification="bachelor")
    b.teacher(codes["middle"], "junior", 9, qualification="bachelor")
    return b, codes


def test_combined_schools_are_split_into_units(backend: Backend, p2012: AssessmentParams) -> None:
    b, codes = combined_schools()
    r = backend.compute(b.frames(), p2012)
    u = r.units.set_index(["school_code", "level"])
    assert sorted(u.index) == sorted([
        (codes["nine"], "primary"), (codes["nine"], "junior"),
        (codes["twelve"], "primary"), (codes["twelve"], "junior"), (codes["middle"], "junior"),
    ])
    nine_p, nine_j = u.loc[(codes["nine"], "primary")], u.loc[(codes["nine"], "junior")]
    assert (nine_p.pupils, nine_j.pupils) == (166, 210)
    assert round(nine_p.books, 2) == 9_711.63 and round(nine_j.books, 2) == 13_514.37
    assert nine_p.teaching_area_m2 == pytest.approx(1660.0)  # 3970·166/397
    assert nine_j.equipment_yuan == pytest.approx(231_000.0)  # 397,000·231/397
    assert nine_p.computers == pytest.approx(166.0)
    # teachers are not split: each counts for the section taught
    assert (nine_p.teachers, nine_j.teachers, nine_j.qualified_teachers) == (10, 13, 12)
    tw_p, tw_j = u.loc[(codes["twelve"], "primary")], u.loc[(codes["twelve"], "junior")]
    assert tw_p.teaching_area_m2 == pytest.approx(1000.0)  # 3420·100/342
    assert tw_j.teaching_area_m2 == pytest.approx(1100.0)  # 3420·110/342; senior keeps 1320
    assert tw_j.teachers == 4  # the 5 senior teachers count nowhere
    middle = u.loc[(codes["middle"], "junior")]
    assert middle.teaching_area_m2 == pytest.approx(3000.0)  # 5400·300/540
    assert middle.share == pytest.approx(300 / 540)
    # b5 of the nine-year primary part: 9,711.63 books / 166 pupils
    assert nine_p.b5_books_per_student == pytest.approx(23_226 * 166 / 397 / 166)


def scope_district() -> tuple[DistrictBuilder, dict[str, str]]:
    b = DistrictBuilder()
    codes = {
        "public": b.school(primary=200, name="公办", teaching=900),
        "private": b.school(primary=200, name="民办", ownership="private", teaching=900),
        "city_run": b.school(primary=200, name="市属", county_run=False, teaching=900),
        "point_49": b.school("teaching_point", primary=49, name="点49", teaching=100),
        "point_50": b.school("teaching_point", primary=50, name="点50", teaching=100),
        "special": b.school("special", primary=60, name="特教", teaching=100),
        "junior": b.school("junior", junior=300, name="初中", teaching=1800),
    }
    for code in codes.values():
        b.teacher(code, "primary", 3)
    b.teacher(codes["junior"], "junior", 20)
    return b, codes


def _units_of(result: IndicatorResult) -> set[str]:
    return set(result.units.school_name)


def test_scope_2017_includes_private_and_large_teaching_points(
        backend: Backend, p2017: AssessmentParams) -> None:
    b, _ = scope_district()
    r = backend.compute(b.frames(), p2017)
    assert _units_of(r) == {"公办", "民办", "市属", "点50", "初中"}
    # the 3 primary-section teachers of the junior school have no primary unit to count in
    assert r.units.loc[r.units.school_name == "初中", "teachers"].item() == 20


def test_scope_options(backend: Backend, p2017: AssessmentParams) -> None:
    from dataclasses import replace

    b, _ = scope_district()
    frames = b.frames()
    r = backend.compute(frames, replace(p2017, include_non_county_run=False,
                                        teaching_point_min_students=None))
    assert _units_of(r) == {"公办", "民办", "点49", "点50", "初中"}
    r = backend.compute(frames, replace(p2017, include_teaching_points=False))
    assert _units_of(r) == {"公办", "民办", "市属", "初中"}


def test_scope_2012_public_county_run_schools_only(backend: Backend,
                                                   p2012: AssessmentParams) -> None:
    b, _ = scope_district()
    r = backend.compute(b.frames(), p2012)
    assert _units_of(r) == {"公办", "初中"}


def test_every_district_is_computed_on_its_own(backend: Backend,
                                               p2017: AssessmentParams) -> None:
    first = two_primary_schools().frames()
    other = DistrictBuilder(district_code="500151")
    for n, area in ((120, 500.0), (480, 3000.0), (60, 200.0)):
        code = other.school(primary=n, teaching=area, outdoor=area, equipment_10k=n / 10,
                            rooms=n // 40)
        other.teacher(code, "primary", n // 20)
    second = other.frames()
    together = backend.compute(merge_frames(first, second), p2017)
    alone = backend.compute(second, p2017)
    assert set(together.dispersion.district_code) == {"500118", "500151"}
    mine = together.dispersion[together.dispersion.district_code == "500151"]
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), alone.dispersion,
                                  check_exact=False, rtol=1e-12)


def test_handbook_example_through_the_pipeline(backend: Backend) -> None:
    b = DistrictBuilder()
    for pupils, books in zip((45, 37, 89, 76, 55), (279, 137, 935, 160, 402), strict=True):
        code = b.school(primary=pupils, books=books, teaching=1, outdoor=1, equipment_10k=1,
                        computers=1)
        b.teacher(code, "primary", 1)
    r = backend.compute(b.frames(), params_2012(cv_decimals=2))
    row = _row(r, "b5_books_per_student")
    assert row["cv"] == pytest.approx(0.51526, abs=5e-6)
    assert row["cv_published"] == 0.52
    assert row["mean"] == pytest.approx(1913 / 302)


def test_2012_indicators_and_composite(backend: Backend, p2012: AssessmentParams) -> None:
    r = backend.compute(two_primary_schools().frames(), p2012)
    assert list(r.dispersion.indicator) == list(B_KEYS)
    # b6 teachers per pupil: A 4/100, B 23/300; b8 first title or higher: A 1/100, B 12/300
    assert _value(r, "A", "b6_teacher_student_ratio") == pytest.approx(0.04)
    assert _value(r, "B", "b8_mid_title_teachers_per_student") == pytest.approx(0.04)
    assert _value(r, "A", "b4_computers_per100") == pytest.approx(10.0)
    assert _value(r, "B", "b5_books_per_student") == pytest.approx(10.0)
    assert r.composite is not None
    assert r.composite.composite_cv.item() == pytest.approx(r.dispersion.cv.mean(), rel=1e-12)
    assert r.composite.n_indicators.item() == 8


def test_zero_pupils_stop_the_run_naming_the_school(backend: Backend,
                                                    p2017: AssessmentParams) -> None:
    b = two_primary_schools()
    b.school("nine_year", primary=100, junior=0, name="缺初中")
    b.school("primary", primary=0, name="空校")
    with pytest.raises(YoujunError) as caught:
        backend.compute(b.frames(), p2017)
    codes = sorted(p.code for p in caught.value.problems)
    assert codes == ["E404", "E411"]
    text = " ".join(p.message("zh") for p in caught.value.problems)
    assert "缺初中" in text and "空校" in text


def test_missing_optional_columns_are_blank(backend: Backend, p2017: AssessmentParams) -> None:
    frames = two_primary_schools().frames()
    frames["schools"] = frames["schools"].drop(columns=["education_group", "students_g12"])
    frames["teachers"] = frames["teachers"].drop(columns=["key_teacher_tier",
                                                          "key_teacher_level"])
    r = backend.compute(frames, p2017)
    assert r.units.education_group.isna().all()
    assert (r.units.key_teachers == 0).all()


def test_unknown_indicator_is_refused(backend: Backend, p2017: AssessmentParams) -> None:
    from dataclasses import replace

    with pytest.raises(ValueError, match="unknown indicator"):
        backend.compute(two_primary_schools().frames(), replace(p2017, indicators=("r9_x",)))
