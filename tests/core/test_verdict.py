"""The pure verdict logic: school rule, CV checks, item judges and the overall verdict."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from youjun.core import evidence, items, judging, scope, verdict
from youjun.core.items import FIGURES, judge_all, judge_item
from youjun.core.judging import ItemResult, round_half_up
from youjun.core.rule_errors import RulesError
from youjun.core.rules import load_ruleset, replace_value
from youjun.core.verdict import (
    COMPOSITE,
    cv_checks,
    overall_verdict,
    required_elements,
    school_compliance,
)

P17 = load_ruleset("cn-2017", as_of="2025-09-01")
P12 = load_ruleset("cn-2012", as_of="2015-09-01")
AT_THRESHOLD = {k: v["primary"] for k, v in P17.thresholds.items()}
SCHOOLS = ["5001010001", "5001010002"]
VETOES = list(P17.items["vetoes"]["evidence"])


def _met(key: str, school: str | None = None) -> dict:
    record = {"item_key": key, "status": "met", "attested_by": "区教委", "attested_on": "2026-10-08"}
    if school:
        record["school_code"] = school
    return record


def _good_evidence() -> list[dict]:
    district = ["g1", "g2", "g8_performance_pay", "g10", "g15_care_system", "q5", "q7", "q8",
                "pre_basic_balance", *VETOES]
    per_school = [_met(k, s) for k in ("q3", "q6") for s in SCHOOLS]
    return [_met(k) for k in district] + per_school


def _good_figures() -> dict:
    return {
        "g3": {"schools": [{"school": s, "classes": 18, "music_rooms": [100, 96],
                            "art_rooms": [92, 90]} for s in SCHOOLS]},
        "g4": {"schools": [{"school": SCHOOLS[0], "type": "primary", "compulsory_students": 1500},
                           {"school": SCHOOLS[1], "type": "nine_year", "compulsory_students": 2400}]},
        "g5": {"classes": [{"school": SCHOOLS[0], "class": "一(1)", "grade": 1, "students": 42},
                           {"school": SCHOOLS[1], "class": "七(1)", "grade": 7, "students": 48}]},
        "g6": {"schools": [{"school": SCHOOLS[1], "type": "primary", "location": "rural",
                            "students": 60, "allocated_yuan": 90000, "base_per_pupil_yuan": 820}]},
        "g7": {"special_ed_funds_yuan": 7_000_000, "special_ed_students": 1100},
        "g8": {"avg_teacher_pay_yuan": 110000, "civil_servant_avg_pay_yuan": 105000},
        "g9": {"teachers": [{"teacher": "T1", "hours_5y": 380}, {"teacher": "T2", "hours_5y": 360}]},
        "g11": {"eligible": 900, "rotated_eligible": 120, "rotated_key": 30},
        "g12": {"teachers": 9278, "certified": 9278},
        "g13": {"nearest_zone_primary": 100, "nearest_zone_junior": 97.2},
        "g14": {"quota_allocation": 55},
        "g15": {"migrant_public": 91},
        "q1": {"junior_retention": 98.5},
        "q2": {"disabled_enrolment": 96},
        "q4": {"schools": [{"school": s, "budget_yuan": 1_000_000, "training_spend_yuan": 60_000}
                           for s in SCHOOLS]},
        "q9": {"level": 3, "diff_rate": 0.12},
        "social_recognition": {"rate": 91.3},
    }


def _good_cvs() -> dict:
    return {level: {k: 0.3 for k in P17.indicators} for level in ("primary", "junior")}


# --- the school rule --------------------------------------------------------------------------

def test_school_at_every_threshold_complies() -> None:
    s = school_compliance(AT_THRESHOLD, "primary", P17, school="A")
    assert s.compliant and s.met_count == 7 and s.required_met == 6 and not s.reasons
    assert all(s.meets.values()) and s.short_indicator is None and s.short_ratio is None


def test_one_short_at_the_floor_complies_below_it_does_not() -> None:
    key = "r7_multimedia_rooms_per100"
    floor = P17.school_floor_ratio
    assert floor is not None
    at = school_compliance({**AT_THRESHOLD, key: AT_THRESHOLD[key] * floor}, "primary", P17)
    assert at.compliant and at.short_indicator == key
    assert at.short_ratio == pytest.approx(floor)
    under = school_compliance({**AT_THRESHOLD, key: AT_THRESHOLD[key] * (floor - 0.001)},
                              "primary", P17, school="B")
    assert not under.compliant
    reason = under.reasons[0]
    assert reason.key == "school.below_floor" and reason.subject == "B"
    assert reason.gap == pytest.approx(AT_THRESHOLD[key] * 0.001)


def test_missing_values_are_reported_not_passed() -> None:
    values = dict(AT_THRESHOLD)
    values["r2_key_teachers_per100"] = None
    del values["r3_pe_art_teachers_per100"]
    s = school_compliance(values, "primary", P17)
    assert not s.compliant
    assert s.missing == ("r2_key_teachers_per100", "r3_pe_art_teachers_per100")
    assert [r.key for r in s.reasons] == ["school.data_missing"] * 2


def test_without_a_count_every_standard_must_be_met() -> None:
    p = load_ruleset("cn-2012", as_of="2014-01-01", overlays=["example-province"])
    p = replace_value(replace_value(p, "school_compliance.min_met", None),
                      "school_compliance.floor_ratio", None)
    values = {"b3_equipment_value_per_student": 400, "b4_computers_per100": 12,
              "b5_books_per_student": 24}
    s = school_compliance(values, "primary", p)
    assert not s.compliant and s.required_met == 3 and s.floor_ratio is None


def test_a_method_without_school_standards_has_nothing_to_check() -> None:
    s = school_compliance({"b1_teaching_area_per_student": 1.0}, "junior", P12)
    assert s.compliant and s.checks == ()


# --- CV checks ------------------------------------------------------------------------------

def test_round_half_up_matches_published_tables() -> None:
    assert round_half_up(0.5005, 3) == 0.501
    assert round_half_up(0.5004999, 3) == 0.5
    assert round_half_up(2.675, 2) == 2.68  # round() gives 2.67
    assert round_half_up(0.51526, 2) == 0.52  # the handbook example, published 0.52


def test_cv_checks_each_indicator_in_2017() -> None:
    checks = cv_checks({"primary": {"r1_qualified_teachers_per100": 0.5005,
                                    "r2_key_teachers_per100": 0.5004}}, P17)
    assert [(c.indicator, c.rounded, c.passes) for c in checks] == [
        ("r1_qualified_teachers_per100", 0.501, False), ("r2_key_teachers_per100", 0.5, True)]
    assert checks[0].gap == pytest.approx(0.001) and checks[1].gap == 0


def test_cv_checks_composite_in_2012() -> None:
    cvs = dict(zip(P12.indicators, [0.881, 1.299, 0.977, 0.379, 0.170, 0.334, 0.286, 0.408],
                   strict=True))
    checks = cv_checks({"primary": cvs}, P12)
    composite = [c for c in checks if c.indicator == COMPOSITE]
    assert len(composite) == 1 and composite[0].rounded == 0.592 and composite[0].passes
    assert all(not c.binding and c.limit is None for c in checks if c.indicator != COMPOSITE)


def test_unknown_level_is_a_rules_error() -> None:
    with pytest.raises(RulesError):
        cv_checks({"senior": {"r1_qualified_teachers_per100": 0.2}}, P17)


# --- items ------------------------------------------------------------------------------------

def test_required_elements() -> None:
    elements = required_elements(P17)
    assert len(elements) == 32  # 15 G, 9 Q, social recognition, the precondition, 6 vetoes
    assert elements[:15] == [f"g{i}" for i in range(1, 16)]
    assert "social_recognition" in elements and "pre_basic_balance" in elements
    assert set(VETOES) <= set(elements)
    assert required_elements(P12) == []


def test_a_good_county_passes() -> None:
    results = judge_all(_good_figures(), _good_evidence(), P17, schools=SCHOOLS)
    assert {r.key: r.status for r in results if r.status != "pass"} == {}
    schools = [school_compliance(AT_THRESHOLD, "primary", P17, school=SCHOOLS[0])]
    v = overall_verdict(P17, schools=schools, cv=cv_checks(_good_cvs(), P17), items=results)
    assert v.passes and v.reasons == []
    assert v.counts["items_passing"] == v.counts["items_required"] == 32
    assert v.options["teaching_point_min_students"] == 50
    json.dumps(v.to_dict(), ensure_ascii=False)


def test_missing_evidence_and_figures_are_listed_not_passed() -> None:
    figures = _good_figures()
    del figures["g12"]
    records = [r for r in _good_evidence() if not (r["item_key"] == "q6"
                                                   and r.get("school_code") == SCHOOLS[1])]
    results = {r.key: r for r in judge_all(figures, records, P17, schools=SCHOOLS)}
    assert results["g12"].status == "evidence_missing"
    assert results["q6"].status == "evidence_missing"
    assert results["q6"].reasons[0].subject == SCHOOLS[1]
    v = overall_verdict(P17, schools=[school_compliance(AT_THRESHOLD, "primary", P17)],
                        cv=cv_checks(_good_cvs(), P17), items=list(results.values()))
    assert not v.passes
    assert set(v.reason_keys) == {"g12.data_missing", "q6.evidence_missing"}
    assert v.counts["items_evidence_missing"] == 2


def test_every_failing_reason_has_figure_limit_and_gap() -> None:
    figures = _good_figures()
    figures["g5"]["classes"].append({"school": SCHOOLS[0], "class": "二(3)", "grade": 2,
                                     "students": 56})
    figures["q1"] = {"junior_retention": 93}
    results = judge_all(figures, _good_evidence(), P17, schools=SCHOOLS)
    failing = [r for r in results if r.status == "fail"]
    assert [r.key for r in failing] == ["g5", "q1"]
    for r in failing:
        for reason in r.reasons:
            assert reason.zh and reason.en and reason.figure is not None
            assert reason.limit is not None and reason.gap and reason.gap > 0
    assert failing[0].reasons[0].gap == 11


def test_attestations_show_who_and_when() -> None:
    r = judge_item("g1", {}, P17, evidence=[_met("g1")])
    assert r.attestations == [{"item_key": "g1", "status": "met", "attested_by": "区教委",
                               "attested_on": "2026-10-08"}]


def test_a_veto_fails_the_verdict() -> None:
    records = [r for r in _good_evidence() if r["item_key"] != "veto_key_schools"]
    records.append({**_met("veto_key_schools"), "status": "not_met"})
    results = judge_all(_good_figures(), records, P17, schools=SCHOOLS)
    v = overall_verdict(P17, schools=[school_compliance(AT_THRESHOLD, "primary", P17)],
                        cv=cv_checks(_good_cvs(), P17), items=results)
    assert not v.passes and v.reason_keys == ["veto.applies"]


def test_every_computed_item_reads_declared_figures() -> None:
    for key, names in FIGURES.items():
        result = judge_item(key, {}, P17)
        assert result.status == "evidence_missing", key
        assert names


def test_unknown_item_and_missing_rule() -> None:
    with pytest.raises(KeyError):
        judge_item("g99", {}, P17)
    with pytest.raises(RulesError):
        judge_item("g5", {"classes": [{"level": "primary", "students": 30}]}, P12)


def test_item_result_rejects_unknown_status() -> None:
    with pytest.raises(ValueError):
        ItemResult("g1", "maybe")


def test_2012_verdict_needs_only_the_composites() -> None:
    cvs = {"primary": {k: 0.5 for k in P12.indicators}, "junior": {k: 0.55 for k in P12.indicators}}
    assert overall_verdict(P12, cv=cv_checks(cvs, P12)).passes
    cvs["junior"]["b8_mid_title_teachers_per_student"] = 0.6
    v = overall_verdict(P12, cv=cv_checks(cvs, P12))
    assert not v.passes and v.reasons[0].subject == "junior.composite"


def test_scope_follows_the_rule_set() -> None:
    assert scope.school_in_scope("primary", "private", True, None, P17).in_scope
    assert not scope.school_in_scope("primary", "private", True, None, P12).in_scope
    small = scope.school_in_scope("teaching_point", "public", True, 10, P17)
    assert not small.in_scope and "50" in small.zh


# --- purity -----------------------------------------------------------------------------------

# Official figures of the two documents: none may be written into the judging code.
OFFICIAL_FIGURES = {4.2, 5.3, 0.9, 4.5, 5.8, 7.5, 10.2, 2000, 2500, 2.3, 2.4, 0.5, 0.45, 0.65,
                    0.55, 0.85, 6, 7, 8, 96, 90, 12, 45, 50, 6000, 360, 10, 20, 95, 85, 5, 0.15,
                    1.1, 1.2, 1.32, 1.5, 600, 400000, 70}


@pytest.mark.parametrize("module", [verdict, items, evidence, judging, scope])
def test_no_official_number_is_a_literal_in_code(module) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    literals = {node.value for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, int | float)
                and not isinstance(node.value, bool)}
    assert not literals & OFFICIAL_FIGURES, module.__name__
