"""Hand-worked districts through the whole engine: data tables in, report dict out.

Each test writes out its arithmetic; the figures it asserts were computed by hand from
balance-assessment.md, never read back from the code.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.assess.builders import School, Staff, build, compliant_primary
from youjun.assess import assess_tables
from youjun.ingest.validate import validate_tables

A, B, C, D = "5001180101", "5001180102", "5001180103", "5001180104"


def _assess(schools: list[School], ruleset: str = "cn-2017") -> dict[str, Any]:
    tables = build(schools)
    checked = validate_tables(tables)
    assert checked.ok, [p.message() for p in checked.errors]
    return assess_tables(checked.tables, ruleset)[0]


def _school(result: dict[str, Any], code: str, level: str = "primary") -> dict[str, Any]:
    return next(s for s in result["schools"] if s["code"] == code and s["level"] == level)


def test_district_one_seventh_indicator_at_85_percent_and_just_below() -> None:
    # r4 threshold 4.5 m² per pupil; 85% of it is 3.825 m². With 200 pupils:
    #   A: 765.0 m² → 765 / 200 = 3.825  = 85.0% of 4.5 → 6 of 7 met, the 7th at the floor: complies
    #   B: 764.1 m² → 764.1 / 200 = 3.8205 = 84.9%      → below the floor: does not comply
    #   C: meets all seven.
    result = _assess([
        compliant_primary(A, teaching_area=765.0),
        compliant_primary(B, teaching_area=764.1),
        compliant_primary(C),
    ])
    a, b, c = (_school(result, code) for code in (A, B, C))
    assert a["values"]["r4_teaching_area_per_student"] == pytest.approx(3.825)
    assert a["met_count"] == 6 and a["compliant"] is True
    assert a["short"]["indicator"] == "r4_teaching_area_per_student"
    assert a["short"]["ratio"] == pytest.approx(0.85)
    assert b["values"]["r4_teaching_area_per_student"] == pytest.approx(3.8205)
    assert b["met_count"] == 6 and b["compliant"] is False
    assert c["met_count"] == 7 and c["compliant"] is True
    # The gap is in real units: B is 900 − 764.1 = 135.9 m² short of the full threshold.
    gap = next(g for g in b["gaps"] if g["indicator"] == "r4_teaching_area_per_student")
    assert gap["missing"] == pytest.approx(135.9)
    # The district cannot pass while B does not comply, and the verdict says so about B.
    assert result["verdict"]["passes"] is False
    assert any(B in r["subject"] or B in r["zh"] for r in result["verdict"]["reasons"])
    # Enrolment-weighted mean of r4 = ΣR/ΣP = (765 + 764.1 + 900) / 600 = 4.049 m².
    r4 = result["levels"]["primary"]["indicators"]["r4_teaching_area_per_student"]
    assert r4["mean"] == pytest.approx((765 + 764.1 + 900) / 600)


def test_district_class_of_46_and_music_room_of_95() -> None:
    # g5: every primary class ≤ 45. A has a class of 46 (grade 1: 46 + 40 = 86 pupils);
    #     B's largest class is exactly 45.
    # g3: a music room ≥ 96 m² and an art room ≥ 90 m² per 12 classes. C's only music room is
    #     95 m² (1 m² short); D's is exactly 96 m² and its art room exactly 90 m².
    a = compliant_primary(A)
    a.grades[1] = [46, 40]
    b = compliant_primary(B)
    b.grades[2] = [45]
    c = compliant_primary(C, music_rooms=(95.0,))
    d = compliant_primary(D, music_rooms=(96.0,), art_rooms=(90.0,))
    result = _assess([a, b, c, d])
    g5, g3 = result["items"]["g5"], result["items"]["g3"]
    assert g5["status"] == "fail"
    failing_classes = {f.get("school") for f in g5["failing"]}
    assert failing_classes == {A}
    assert any(r["figure"] == 46 and r["limit"] == 45 for r in g5["reasons"])
    assert g3["status"] == "fail"
    assert {f.get("school") for f in g3["failing"]} == {C}
    short = next(f for f in g3["failing"] if f["school"] == C)
    assert short["room_type"] == "music" and short["undersized_m2"] == [95.0]
    assert short["min_area_m2"] == 96 and short["full_size"] == 0 and short["required"] == 1


def test_district_teaching_points_of_49_and_50_pupils() -> None:
    # 2017 leaves teaching points of fewer than 50 pupils out of the seven indicators
    # (option teaching_point_min_students: 50). C has 49 pupils (grades 1–3: 17 + 16 + 16),
    # D has 50 (17 + 17 + 16): C is not an assessed school, D is.
    c = School(C, "teaching_point", grades={1: [17], 2: [16], 3: [16]}, central=A,
               staff=[Staff("primary", qualified=3, pe_art=1)], teaching_area=300, outdoor=500,
               equipment_10k=10, multimedia=2)
    d = School(D, "teaching_point", grades={1: [17], 2: [17], 3: [16]}, central=A,
               staff=[Staff("primary", qualified=3, pe_art=1)], teaching_area=300, outdoor=500,
               equipment_10k=10, multimedia=2)
    result = _assess([compliant_primary(A), c, d])
    codes = {s["code"] for s in result["schools"]}
    assert c.pupils == 49 and d.pupils == 50
    assert C not in codes and D in codes
    # D's r1 = 4 qualified / 50 pupils × 100 = 8.0 per 100.
    assert _school(result, D)["values"]["r1_qualified_teachers_per100"] == pytest.approx(8.0)
    assert result["levels"]["primary"]["n_schools"] == 2


def test_private_school_counts_in_2017_but_not_in_2012() -> None:
    # B is private (民办): the 2017 method includes private schools, the 2012 one does not.
    schools = [compliant_primary(A), compliant_primary(B, ownership="private")]
    in_2017 = {s["code"] for s in _assess(schools, "cn-2017")["schools"]}
    in_2012 = {s["code"] for s in _assess(schools, "cn-2012")["schools"]}
    assert in_2017 == {A, B}
    assert in_2012 == {A}


def test_2012_composite_is_the_plain_mean_of_eight_cvs() -> None:
    schools = [compliant_primary(A), compliant_primary(B, teaching_area=1500.0, equipment_10k=90.0)]
    result = _assess(schools, "cn-2012")
    level = result["levels"]["primary"]
    cvs = [v["cv"] for v in level["indicators"].values()]
    assert len(cvs) == 8
    assert level["composite"]["cv"] == pytest.approx(round(sum(cvs) / 8, 3), abs=1e-9)
    # Two schools of 200 pupils each: only b1 and b3 differ. b1: 4.5 and 7.5 m², mean 6,
    # population sd 1.5 → CV 0.25; b3: 2000 and 4500 yuan, mean 3250, sd 1250 → CV 0.384615.
    assert level["indicators"]["b1_teaching_area_per_student"]["cv"] == pytest.approx(0.25)
    assert level["indicators"]["b3_equipment_value_per_student"]["cv"] == pytest.approx(1250 / 3250)
    assert level["composite"]["cv"] == pytest.approx(round((0.25 + 1250 / 3250) / 8, 3))
