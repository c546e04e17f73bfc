"""The growth ladder, pure: the default ladder's stages on both sides of every limit, the words
of what is missing, a ladder's validation and the panel's majority."""

from __future__ import annotations

import datetime as dt

import pytest

from youjun.core import workforce_growth as g

LADDER = g.default_ladder(dt.date(2025, 10, 1))
# exactly at every limit of 风格 (the top stage): meets every stage
TOP = g.Facts(years=15, lessons=12, research=3, mentoring=3, contests=(("city", "first"),))


def test_default_ladder_is_xuanhuas_four_stages_and_local() -> None:
    assert [s.zh for s in LADDER.stages] == ["入格", "合格", "升格", "风格"]
    assert LADDER.local and LADDER.review == g.Review("majority", 3)
    assert g.reference()["reference"]["local"] is True


def test_a_new_teacher_is_entering() -> None:
    assert g.stage_met(LADDER, g.Facts()).code == "entering"


@pytest.mark.parametrize(("stage", "kind", "limit"), [
    (stage.code, c.kind, c.min) for stage in LADDER.stages for c in stage.criteria])
def test_every_limit_both_sides(stage: str, kind: str, limit: int) -> None:
    target = LADDER.stage(stage)
    assert target is not None
    index = LADDER.index(stage)
    # everything of the target stage exactly at its limits: the stage is met
    at = {c.kind: c.min for c in target.criteria}
    contest = next(c for c in target.criteria if c.kind == "contest")
    def facts(values: dict[str, int]) -> g.Facts:
        return g.Facts(years=values.get("years", 0), lessons=values.get("lessons", 0),
                       research=values.get("research", 0), mentoring=values.get("mentoring", 0),
                       contests=((contest.level, contest.prize),) * values.get("contest", 0))
    met = g.stage_met(LADDER, facts(at))
    assert met is not None and LADDER.index(met.code) >= index
    # one below the limit of one criterion: the stage is not met, and that one is missing by 1
    below = facts({**at, kind: limit - 1})
    met = g.stage_met(LADDER, below)
    assert met is not None and LADDER.index(met.code) < index
    gaps = g.missing_for(LADDER, below, target)
    assert [(x.criterion.kind, x.missing) for x in gaps] == [(kind, 1)]


def test_contest_level_and_prize_count_at_or_above() -> None:
    advancing = LADDER.stage("advancing")
    assert advancing is not None
    base = {"years": 8, "lessons": 6, "research": 1, "mentoring": 1}
    for contests, meets in [((("county", "first"),), True), ((("city", "special"),), True),
                            ((("county", "second"),), False), ((("school", "first"),), False),
                            ((), False)]:
        facts = g.Facts(**base, contests=contests)
        assert (not g.missing_for(LADDER, facts, advancing)) is meets, contests


def test_missing_words_as_the_bureau_says_them() -> None:
    facts = g.Facts(years=9, lessons=6, research=0, mentoring=1, contests=(("county", "first"),))
    style = LADDER.stage("style")
    advancing = LADDER.stage("advancing")
    assert style is not None and advancing is not None
    assert g.stage_met(LADDER, facts).zh == "合格"
    assert g.missing_words(advancing, g.missing_for(LADDER, facts, advancing)) == "距升格还差：课题研究或论文 1 项"
    assert g.missing_words(style, g.missing_for(LADDER, facts, style)) == (
        "距风格还差：教龄 6 年、公开课 6 次、市级以上赛课一等奖 1 项、课题研究或论文 3 项、带教青年教师 2 人")
    assert g.missing_words(style, g.missing_for(LADDER, TOP, style)) == "已达到风格的条件"
    assert g.missing_words(style, g.missing_for(LADDER, facts, style), "en").startswith("Still missing for Own style: ")


def test_years_of_teaching_and_prize_words() -> None:
    assert g.years_of_teaching(2010, dt.date(2025, 10, 1)) == 15
    assert g.years_of_teaching(None, dt.date(2025, 10, 1)) == 0
    assert g.years_of_teaching(2030, dt.date(2025, 10, 1)) == 0
    assert [g.prize_code(t) for t in ("一等奖", "市赛课二等奖", "特等奖", "优秀奖", "参与", "first")] == [
        "first", "second", "special", "merit", "", "first"]


def _raw() -> dict:
    return g.ladder_data(LADDER)


def test_ladder_round_trips() -> None:
    assert g.parse_ladder(_raw()) == LADDER


@pytest.mark.parametrize(("change", "code"), [
    (lambda r: r.update(stages=r["stages"][:1]), "E1200"),
    (lambda r: r.update(stages="x"), "E1200"),
    (lambda r: r["stages"][1].update(code="entering"), "E1201"),
    (lambda r: r["stages"][1].update(zh=""), "E1201"),
    (lambda r: r["stages"][1]["criteria"][0].update(min=-1), "E1202"),
    (lambda r: r["stages"][1]["criteria"][0].update(min=1.5), "E1202"),
    (lambda r: r["stages"][1]["criteria"][0].update(min="many"), "E1202"),
    (lambda r: r["stages"][1]["criteria"][0].update(kind="charisma"), "E1203"),
    (lambda r: r["stages"][1]["criteria"][2].update(level="galaxy"), "E1203"),
    (lambda r: r["stages"][1]["criteria"][2].update(prize="gold"), "E1203"),
    (lambda r: r["stages"][1]["criteria"].append({"kind": "years", "min": 4}), "E1203"),
    (lambda r: r["stages"][2]["criteria"][0].update(min=2), "E1204"),  # 升格 years below 合格's 3
    (lambda r: r["stages"][2]["criteria"].pop(1), "E1204"),  # 升格 without lessons
    (lambda r: r["stages"][3]["criteria"][2].update(level="school"), "E1204"),  # contest lowered
    (lambda r: r.update(review={"rule": "unanimous"}), "E1205"),
    (lambda r: r.update(review={"rule": "majority", "min_panel": 0}), "E1205"),
])
def test_a_bad_ladder_is_refused_with_its_code(change, code: str) -> None:  # type: ignore[no-untyped-def]
    raw = _raw()
    change(raw)
    with pytest.raises(g.LadderError) as exc:
        g.parse_ladder(raw)
    assert exc.value.code == code


def test_equal_minimums_are_ordered_and_zero_is_allowed() -> None:
    raw = _raw()
    raw["stages"][2]["criteria"][0]["min"] = 3  # 升格 years = 合格's
    raw["stages"][1]["criteria"][1]["min"] = 0
    assert g.parse_ladder(raw).stages[2].criteria[0].min == 3


@pytest.mark.parametrize(("votes", "size", "result"), [
    ([True, True], 3, "approved"),
    ([True], 3, "pending"),
    ([True, False], 3, "pending"),
    ([False, False], 3, "refused"),
    ([True, True], 4, "pending"),
    ([True, True, True], 4, "approved"),
    ([False, False], 4, "refused"),
    ([True, False, None], 3, "pending"),
    ([True], 1, "approved"),
    ([False], 1, "refused"),
])
def test_panel_majority(votes: list[bool | None], size: int, result: str) -> None:
    assert g.panel_result(votes, size) == result


def test_unknown_panel_rule() -> None:
    with pytest.raises(g.LadderError):
        g.panel_result([True], 3, "lottery")
