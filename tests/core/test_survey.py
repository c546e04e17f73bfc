"""Golden cases of the social-recognition survey's rules (sampling plan, rates, plan met)."""

from __future__ import annotations

import dataclasses

import pytest

from youjun.core import survey as s

RULE = s.sampling_rule("cn-2017")
SCALE = s.Answers.from_settings(s.questionnaire_settings())


def test_the_rule_comes_from_the_rule_set() -> None:
    assert RULE.min_percent == 85
    assert (RULE.residents_per_mille, RULE.min_sample, RULE.min_sample_below_population) == (1.5, 600, 400000)
    assert (RULE.parents_min_percent, RULE.valid_return_min_percent) == (50, 70)


@pytest.mark.parametrize(("population", "sample"), [
    (100_000, 600),  # 1.5‰ = 150: the minimum
    (399_333, 600),  # 1.5‰ = 598.9995 → 599, still under 600
    (399_999, 600),  # under the population limit: the minimum
    (400_000, 600),  # at the limit: 1.5‰ exactly 600
    (400_001, 601),  # 600.0015: rounded up, never short of the share
    (400_667, 602),  # 601.0005 → 602
    (1_150_000, 1725),
    (0, 600),
])
def test_sample_size_on_both_sides_of_every_limit(population: int, sample: int) -> None:
    assert s.sample_size(population, RULE) == sample


def test_minimum_applies_only_under_the_population_limit() -> None:
    rule = dataclasses.replace(RULE, min_sample=700)
    assert s.sample_size(399_999, rule) == 700
    assert s.sample_size(400_000, rule) == 600  # at the limit the minimum no longer applies
    assert s.sample_size(400_001, rule) == 601


@pytest.mark.parametrize("population", [100_000, 400_001, 1_150_000, 2_345_679])
def test_split_keeps_the_total_and_parents_at_least_half(population: int) -> None:
    p = s.plan(population, RULE)
    assert sum(p.by_group.values()) == p.sample
    assert p.by_group["parents"] * 100 >= 50 * p.sample
    assert p.by_group["parents"] == p.parents_min
    others = [v for g, v in p.by_group.items() if g != "parents"]
    assert max(others) - min(others) <= 1
    assert list(p.by_group) == list(s.GROUPS)


def test_split_rounds_parents_up_and_shares_the_rest() -> None:
    assert s.split(601, s.GROUPS, 50)["parents"] == 301
    assert s.split(1725, s.GROUPS, 50) == {"parents": 863, "pupils": 144, "teachers": 144, "principals": 144,
                                           "deputies": 144, "cppcc": 143, "residents": 143}
    assert s.split(10, ("parents", "teachers", "residents"), 50) == {"parents": 5, "teachers": 3, "residents": 2}
    with pytest.raises(ValueError):
        s.split(10, ("teachers",), 50)


def _responses(group: str, n: int, answers: dict[str, str]) -> list[s.Response]:
    return [s.Response(group, answers) for _ in range(n)]


ASKED = {g: ["q1", "q2"] for g in s.GROUPS}


def test_rates_by_group_and_overall() -> None:
    rs = (_responses("parents", 3, {"q1": "satisfied", "q2": "neutral"})
          + _responses("teachers", 1, {"q1": "fairly_satisfied", "q2": "fairly_satisfied"})
          + _responses("teachers", 1, {"q1": "dissatisfied"})  # valid: half answered
          + _responses("pupils", 1, {})  # no answer: not valid
          + [s.Response("residents", {"q1": "satisfied", "q2": "satisfied"}, valid=False)])  # spoilt
    r = s.tally(rs, {"parents": 4, "teachers": 2, "pupils": 1, "residents": 1}, ASKED, SCALE)
    assert r.by_group["parents"].to_dict() == {"issued": 4, "responses": 3, "valid": 3, "answered": 6,
                                                     "recognised": 3, "rate": 50.0, "return_rate": 75.0}
    assert (r.by_group["teachers"].answered, r.by_group["teachers"].recognised) == (3, 2)
    assert r.by_group["pupils"].valid == 0 and r.by_group["residents"].valid == 0
    assert (r.overall.issued, r.overall.responses, r.overall.valid) == (8, 7, 5)
    assert (r.overall.answered, r.overall.recognised) == (9, 5)
    assert r.overall.rate == pytest.approx(500 / 9)
    assert r.overall.return_rate == 62.5


def test_a_response_answering_under_half_is_not_valid() -> None:
    asked = ["a", "b", "c"]
    assert not s.is_valid({"a": "satisfied"}, asked, SCALE)
    assert s.is_valid({"a": "satisfied", "b": "neutral"}, asked, SCALE)
    assert not s.is_valid({"a": "maybe", "b": "perhaps"}, asked, SCALE)  # not on the scale


def _result(parents: int, others: int, issued: int, parents_issued: int | None = None) -> s.Result:
    """``parents`` + ``others`` valid returns on ``issued`` codes, ``parents_issued`` of them to
    parents (half, rounded up, when not given)."""
    rs = _responses("parents", parents, {"q1": "satisfied"}) + _responses("residents", others, {"q1": "satisfied"})
    p = -(-issued // 2) if parents_issued is None else parents_issued
    return s.tally(rs, {"parents": p, "residents": issued - p}, {"parents": ["q1"], "residents": ["q1"]}, SCALE)


def test_plan_met_exactly_at_every_limit() -> None:
    # 1,725 issued (the sample), 863 to parents (50.03%), 1,208 valid (70.03%)
    assert s.shortfalls(_result(604, 604, 1725, 863), 1725, RULE) == []
    # 600 issued exactly, 300 to parents (50%), 420 valid (exactly 70%)
    assert s.shortfalls(_result(210, 210, 600, 300), 600, RULE) == []


def test_the_sample_is_the_questionnaires_issued_not_the_valid_returns() -> None:
    """The 2012 rule: 1.5‰ of residents are surveyed (questionnaires issued); 70% of those
    issued must come back valid. A district issuing its plan's 1,725 need not get all back."""
    assert s.shortfalls(_result(700, 600, 1725, 863), 1725, RULE) == []  # 1,300 of 1,725 valid: fine
    kinds = lambda r, n: [x.kind for x in s.shortfalls(r, n, RULE)]  # noqa: E731
    assert kinds(_result(604, 604, 1724, 862), 1725) == ["sample"]  # one questionnaire short of the sample
    assert kinds(_result(604, 604, 1725, 862), 1725) == ["parents"]  # 862 of 1,725 = 49.97%
    assert kinds(_result(604, 603, 1725, 863), 1725) == ["returns"]  # 1,207 of 1,725 = 69.97%
    short = s.shortfalls(_result(604, 604, 1724, 862), 1725, RULE)[0]
    assert (short.have, short.need) == (1724, 1725)


def test_each_shortfall_is_named() -> None:
    kinds = lambda r, n: [x.kind for x in s.shortfalls(r, n, RULE)]  # noqa: E731
    assert kinds(_result(300, 299, 599, 300), 600) == ["sample"]
    assert kinds(_result(300, 300, 800, 399), 600) == ["parents"]  # 399 of 800 issued = 49.88%
    assert kinds(_result(300, 300, 858), 600) == ["returns"]  # 600/858 = 69.93%
    assert kinds(_result(0, 0, 0), 600) == ["sample", "parents", "returns"]
    short = s.shortfalls(_result(300, 300, 800, 399), 600, RULE)[0]
    assert short.have == pytest.approx(399 / 8) and short.need == 50


def test_the_plan_says_the_least_valid_returns() -> None:
    p = s.plan(1_150_000, RULE)
    assert (p.sample, p.parents_min, p.returns_min) == (1725, 863, 1208)  # 1,207.5 rounded up
    assert s.plan(100_000, RULE).returns_min == 420


def test_recognition_limit() -> None:
    assert s.recognised(85.0, RULE) is True
    assert s.recognised(84.99, RULE) is False
    assert s.recognised(None, RULE) is None
