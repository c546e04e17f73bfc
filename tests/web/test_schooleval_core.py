"""The pure rules of the school evaluation (youjun.core.schooleval): the guide's data, the
district tree's validation (each broken tree refused with its catalogued code and words), the
LOCAL scale and the roll-up, and the workflow's steps."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from youjun.core import schooleval as se
from youjun.core.errors import CATALOGUE


@pytest.fixture(scope="module")
def tree() -> dict[str, Any]:
    return se.seed_tree()


def test_the_guide_has_three_levels_of_five_areas_and_the_school_level_has_twelve_indicators() -> None:
    g = se.guide()
    assert [len(g["levels"][k]["areas"]) for k in ("county", "school", "pupil")] == [5, 5, 5]
    school = g["levels"]["school"]["areas"]
    assert [a["zh"] for a in school] == ["办学方向", "课程教学", "教师发展", "学校管理", "学生发展"]
    assert sum(len(a["indicators"]) for a in school) == 12 == g["key_indicators_per_level"]
    assert len(g["methods"]) == 4 and any("增值评价" in m["zh"] for m in g["methods"])
    assert any("升学指标" in p["zh"] for p in g["prohibitions"])
    assert se.reference("guide")["number"] == "教基〔2021〕3号"
    assert se.reference("scale")["local"] is True  # the scale is a local rule, never the guide's


def test_the_seeded_tree_is_valid_and_has_no_weights(tree: dict[str, Any]) -> None:
    se.validate_tree(tree)
    assert not se.uses_weights(tree)
    assert len(se.considerations(tree)) >= 12


def _broken(tree: dict[str, Any], change: Any) -> se.TreeError:
    t = copy.deepcopy(tree)
    change(t)
    with pytest.raises(se.TreeError) as info:
        se.validate_tree(t)
    return info.value


def _ind(t: dict[str, Any], code: str) -> dict[str, Any]:
    return next(i for a in t["areas"] for i in a["indicators"] if i["code"] == code)


def test_a_repeated_code_is_refused(tree: dict[str, Any]) -> None:
    def dup(t: dict[str, Any]) -> None:
        _ind(t, "B1")["considerations"][1]["code"] = "B1.1"
    e = _broken(tree, dup)
    assert e.code == "E1130" and "B1.1" in e.detail_zh and "重复" in e.detail_zh


def test_a_key_indicator_under_two_areas_is_refused(tree: dict[str, Any]) -> None:
    def twice(t: dict[str, Any]) -> None:
        t["areas"][1]["indicators"].append(copy.deepcopy(_ind(t, "B1")))
    e = _broken(tree, twice)
    assert e.code == "E1131" and e.value == "B1" and "A1" in e.detail_zh and "A2" in e.detail_zh


def test_a_consideration_under_the_wrong_indicator_is_refused(tree: dict[str, Any]) -> None:
    def moved(t: dict[str, Any]) -> None:
        _ind(t, "B2")["considerations"][0]["code"] = "B3.9"
    e = _broken(tree, moved)
    assert e.code == "E1131" and "B2" in e.detail_zh


def test_an_indicator_with_every_consideration_retired_is_refused(tree: dict[str, Any]) -> None:
    def retire(t: dict[str, Any]) -> None:
        for c in _ind(t, "B5")["considerations"]:
            c["retired"] = True
    e = _broken(tree, retire)
    assert e.code == "E1135" and e.value == "B5" and "考查要点" in e.detail_zh


def test_an_unknown_evaluator_and_an_empty_name_are_refused(tree: dict[str, Any]) -> None:
    def evaluator(t: dict[str, Any]) -> None:
        _ind(t, "B3")["considerations"][0]["evaluators"] = ["principal_mood"]
    e = _broken(tree, evaluator)
    assert e.code == "E1134" and "principal_mood" in e.detail_zh

    def unnamed(t: dict[str, Any]) -> None:
        _ind(t, "B3")["considerations"][0]["zh"] = "  "
    assert "中文名称" in _broken(tree, unnamed).detail_zh


def _weigh(t: dict[str, Any]) -> None:
    for a in t["areas"]:
        a["weight"] = 20
        n = len(a["indicators"])
        for k, i in enumerate(a["indicators"]):
            i["weight"] = 100 // n + (100 % n if k == 0 else 0)
            cons = [c for c in i["considerations"] if not c.get("retired")]
            for j, c in enumerate(cons):
                c["weight"] = 100 // len(cons) + (100 % len(cons) if j == 0 else 0)


def test_weights_summing_to_100_at_every_level_are_accepted(tree: dict[str, Any]) -> None:
    t = copy.deepcopy(tree)
    _weigh(t)
    se.validate_tree(t)
    assert se.uses_weights(t)


def test_weights_not_summing_to_100_are_refused_with_the_total(tree: dict[str, Any]) -> None:
    def off(t: dict[str, Any]) -> None:
        _weigh(t)
        t["areas"][0]["weight"] = 30
    e = _broken(tree, off)
    assert e.code == "E1132" and "110" in e.detail_zh and "不是100" in e.detail_zh

    def off_within(t: dict[str, Any]) -> None:
        _weigh(t)
        _ind(t, "B1")["considerations"][0]["weight"] = 10
    e = _broken(tree, off_within)
    assert e.code == "E1132" and "B1" in e.detail_zh


def test_partial_weights_are_refused(tree: dict[str, Any]) -> None:
    def partial(t: dict[str, Any]) -> None:
        _weigh(t)
        _ind(t, "B3")["weight"] = None
    e = _broken(tree, partial)
    assert e.code == "E1133" and "B3" in e.value and "没有设权重" in e.detail_zh

    def negative(t: dict[str, Any]) -> None:
        _weigh(t)
        t["areas"][0]["weight"] = -20
        t["areas"][1]["weight"] = 60
    assert _broken(tree, negative).code == "E1133"


def test_every_code_used_is_in_the_catalogue_in_its_range() -> None:
    for code in ("E1130", "E1131", "E1132", "E1133", "E1134", "E1135", "E1136", "E1137", "E1138", "E1139",
                 "E1140", "E1141", "E1142", "E1143", "E1144", "E1145"):
        spec = CATALOGUE[code]
        assert spec.hint_zh and spec.hint_en and spec.title_zh and spec.title_en


def test_roll_up_waits_for_every_consideration_then_takes_the_mean_level(tree: dict[str, Any]) -> None:
    codes = [c["code"] for c in se.considerations(tree)]
    half = {c: "excellent" for c in codes if c.startswith("B1.")}
    r = se.roll_up(tree, half)
    assert r["B1"].level == "excellent" and r["A1"].level is None and r[""].level is None
    assert r["A1"].judged == 2 and r["A1"].total == 4
    both = half | {c: "pass" for c in codes if c.startswith("B2.")}
    r = se.roll_up(tree, both)
    assert r["B2"].level == "pass"
    assert r["A1"].level == "good"  # mean (4+4+2+2)/4 = 3.0 reaches the good bound 2.5, not 3.5
    assert r["A1"].score is None  # no weights: no score
    every = {c: "improve" for c in codes}
    assert se.roll_up(tree, every)[""].level == "improve"


def test_a_score_only_with_local_weights(tree: dict[str, Any]) -> None:
    t = copy.deepcopy(tree)
    _weigh(t)
    codes = [c["code"] for c in se.considerations(t)]
    r = se.roll_up(t, {c: "excellent" for c in codes})
    assert r[""].score == pytest.approx(100.0)
    r = se.roll_up(t, {c: "good" for c in codes})
    assert r[""].score == pytest.approx(75.0) and r["A3"].score == pytest.approx(75.0)


def test_the_workflow_steps_and_who_takes_them() -> None:
    wf = se.workflow()
    assert se.step(wf, "draft", "submit", "school") == "submitted"
    assert se.step(wf, "submitted", "return", "bureau") == "returned"
    assert se.step(wf, "returned", "submit", "school") == "submitted"
    assert se.step(wf, "submitted", "finalise", "bureau") == "final"
    with pytest.raises(se.TreeError) as e:
        se.step(wf, "submitted", "finalise", "school")
    assert e.value.code == "E1138"
    with pytest.raises(se.TreeError) as e:
        se.step(wf, "final", "submit", "school")
    assert e.value.code == "E1137"


def test_school_years() -> None:
    assert se.year_ok("2025-2026") and not se.year_ok("2025-2027") and not se.year_ok("2025")
