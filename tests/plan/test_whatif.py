"""What-if: the scenario's changes reach the tables, and the whole assessment is run again."""

from __future__ import annotations

import pytest

from tests.plan.handmade import School, code, district, standard_staff
from youjun.core.rules import load_ruleset
from youjun.plan import ScenarioError, run_whatif

X, Y, Z = code(1), code(2), code(3)


@pytest.fixture(scope="module")
def params():
    return load_ruleset("cn-2017", as_of="2025-09-01")


@pytest.fixture(scope="module")
def tables():
    # X short on teaching area (360 of 450 m², 80%: below the 85% floor) → not compliant.
    return district([School(X, standard_staff(), teaching_m2=360.0), School(Y, standard_staff(key=0)),
                     School(Z, standard_staff(), art_rooms=())])


def test_build_and_move_change_compliance(tables, params):
    key = tables["teachers"].query("school_code == @X and key_teacher_tier == 'key'")["teacher_id"].iloc[0]
    scenario = {"name": "t", "changes": [
        {"build": {"school": X, "teaching_area_m2": 90, "art_rooms": 0}},       # 450 m²: r4 = 4.5, met
        {"move_teachers": {"teachers": [key], "to": Y}},                        # X loses its only key teacher
        {"build": {"school": Z, "art_rooms": 1}},                               # G3 met at Z
    ]}
    result = run_whatif(tables, params, scenario)
    schools = {s["code"]: s for s in result.diff["schools"]}
    # X: r4 now met, r2 now 0 (short, below floor) → still not compliant, but the figures moved
    assert schools[X]["values"]["r4_teaching_area_per_student"] == {"before": 3.6, "after": 4.5}
    assert schools[X]["values"]["r2_key_teachers_per100"]["after"] == 0
    # Y: gains its key teacher → compliant (it was short on r2 only, below floor)
    assert schools[Y]["compliant"] == {"before": False, "after": True}
    assert {"key": "g3", "before": "fail", "after": "pass"} in result.diff["items"]
    assert result.diff["headline"]["compliant_after"] == result.diff["headline"]["compliant_before"] + 1


def test_close_moves_pupils_and_teachers(tables, params):
    result = run_whatif(tables, params, {"name": "merge", "changes": [{"close": {"school": Z, "merge_into": Y}}]})
    schools = {s["code"]: s for s in result.diff["schools"]}
    assert schools[Z]["status"] == "removed"
    assert schools[Y]["pupils"] == {"before": 100, "after": 200}
    assert result.diff["headline"]["units_after"] == result.diff["headline"]["units_before"] - 1


def test_enrolment_change_reaches_the_classes(tables, params):
    result = run_whatif(tables, params, {"changes": [{"enrolment": {"school": X, "grade": 1, "students": 100}}]})
    # one class of 100 in grade 1: G5 (≤ 45) now fails
    assert {"key": "g5", "before": "pass", "after": "fail"} in result.diff["items"]


@pytest.mark.parametrize("change", [
    {"build": {"school": "9999999999", "teaching_area_m2": 1}},
    {"move_teachers": {"teachers": ["nobody"], "to": X}},
    {"enrolment": {"school": X, "grade": 8, "students": 10}},
    {"demolish": {"school": X}},
])
def test_impossible_changes_are_refused(tables, params, change):
    with pytest.raises(ScenarioError):
        run_whatif(tables, params, {"changes": [change]})


def test_reasons_are_compared_by_what_they_are_about(tables, params):
    # Two reasons of one kind (two schools short) are two reasons: fixing one school resolves
    # exactly that school's reason, named, and leaves the other.
    result = run_whatif(tables, params, {"name": "t", "changes": [
        {"build": {"school": X, "teaching_area_m2": 90}}]})
    resolved = result.diff["reasons_resolved"]
    assert resolved and all(r["subject"] and r["zh"] and r["en"] for r in resolved)
    assert any(X in str(r["subject"]) for r in resolved)
    before = {(r["key"], r.get("subject")) for r in result.before["verdict"]["reasons"]}
    after = {(r["key"], r.get("subject")) for r in result.after["verdict"]["reasons"]}
    assert {(r["key"], r["subject"]) for r in resolved} == before - after
    assert {(r["key"], r["subject"]) for r in result.diff["reasons_new"]} == after - before


_HAN = __import__("re").compile(r"[\u4e00-\u9fff]")


def test_changes_applied_are_written_in_each_language_separately(tables, params):
    # The "changes applied" lines are shown on a zh or an en page: each language its own text,
    # no code keys (teaching_area_m2), no Python lists ([1]) and no other language's words.
    key = tables["teachers"].query("school_code == @X")["teacher_id"].iloc[0]
    result = run_whatif(tables, params, {"name": "t", "changes": [
        {"build": {"school": X, "teaching_area_m2": 90, "equipment_yuan": 5000}},
        {"move_teachers": {"teachers": [key], "to": Y}},
        {"enrolment": {"school": X, "grade": 1, "factor": 1.1}},
        {"close": {"school": Z, "merge_into": Y}},
        {"rotation_plan": {"name": "#4", "moves": []}}]})
    applied = result.to_dict()["applied"]
    assert len(applied) == 5 and all(set(line) == {"zh", "en"} for line in applied)
    names = set(tables["schools"]["school_name"])
    for line in applied:
        en = line["en"]
        for name in names:
            en = en.replace(name, "")
        assert not _HAN.search(en), line["en"]
        assert "/" not in line["zh"] and "[" not in line["zh"] + line["en"], line
        assert "_m2" not in line["zh"] + line["en"] and "yuan" not in line["zh"], line
    assert applied[0]["zh"].startswith("1. ") and applied[4]["en"].startswith("5. ")
