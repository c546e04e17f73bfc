"""Differentiated teacher evaluation, pure: tracks as rules, their checks, the weighted result,
missing raters and the min-raters rule (golden figures worked by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

from youjun.core import workforce_appraisal as wa
from youjun.core.workforce_appraisal import Criterion, Form, Survey, Track

TRACK = Track("t", "测试", "Test", (Criterion("a", "甲", "A", 60), Criterion("b", "乙", "B", 40)),
              {"self": 20, "peer": 30, "leader": 30, "pupils": 20, "parents": 0})


def test_default_tracks_are_local_rules_whose_weights_sum_to_100() -> None:
    r = wa.rules(dt.date(2025, 10, 1))
    assert [t.code for t in r.tracks] == ["beginner", "experienced", "improving"]
    assert r.min_raters == 3
    for t in r.tracks:
        raw = {"zh": t.zh, "criteria": [{"zh": c.zh, "weight": str(c.weight)} for c in t.criteria],
               "raters": {k: str(v) for k, v in t.raters.items()}}
        assert wa.check_track(raw) == [], t.code
    assert set(r.decisions) == {"meets", "extend", "refer"}
    with pytest.raises(ValueError):
        wa.rules(dt.date(2020, 1, 1))


def test_weighted_total_golden() -> None:
    forms = [Form("self", {"a": 90, "b": 80}),
             Form("peer", {"a": 80, "b": 70}), Form("peer", {"a": 70, "b": 90}), Form("peer", {"a": 90, "b": 80}),
             Form("leader", {"a": 60, "b": 100})]
    r = wa.result(TRACK, forms, [Survey("pupils", 75, 40)], min_raters=3)
    kinds = {k.kind: k for k in r.kinds}
    # self 0.6*90+0.4*80 = 86; peers a=80 b=80 -> 80; leader 0.6*60+0.4*100 = 76; pupils 75
    assert kinds["self"].score == pytest.approx(86)
    assert kinds["peer"].score == pytest.approx(80)
    assert kinds["leader"].score == pytest.approx(76)
    assert kinds["pupils"].score == pytest.approx(75) and kinds["pupils"].n == 40
    # 0.2*86 + 0.3*80 + 0.3*76 + 0.2*75 = 17.2 + 24 + 22.8 + 15 = 79
    assert r.total == pytest.approx(79)
    assert r.missing == () and not r.shared
    a = r.criteria[0]
    assert a.by_kind["peer"].score == pytest.approx(80) and a.by_kind["peer"].n == 3
    # criterion a over the form kinds: (20*90 + 30*80 + 30*60) / 80 = 75
    assert a.overall == pytest.approx(75)
    # the one leader is not shown apart; hidden raters (1) < 3: the total is not disclosed as a number
    assert not kinds["leader"].shown and kinds["peer"].shown and kinds["self"].shown and kinds["pupils"].shown
    assert r.hidden == ("leader",) and not r.total_shown


def test_missing_rater_shares_its_weight_in_proportion() -> None:
    forms = [Form("self", {"a": 90, "b": 80}), Form("peer", {"a": 80, "b": 70}), Form("peer", {"a": 60, "b": 70})]
    r = wa.result(TRACK, forms, [], min_raters=3)
    kinds = {k.kind: k for k in r.kinds}
    assert r.missing == ("leader", "pupils") and r.shared
    # self 86 (w 20), peers a=70 b=70 -> 70 (w 30): (20*86 + 30*70) / 50 = 76.4
    assert r.total == pytest.approx(76.4)
    assert kinds["self"].weight_used == pytest.approx(40) and kinds["peer"].weight_used == pytest.approx(60)
    assert kinds["leader"].weight_used == 0 and kinds["leader"].missing
    assert not kinds["parents"].missing  # weight 0: not expected
    assert r.hidden == ("peer",) and not r.total_shown  # 2 peers: too few to show apart or to disclose


def test_three_raters_of_a_kind_are_shown_and_nobody_answering_gives_no_total() -> None:
    forms = [Form("peer", {"a": 80, "b": 80})] * 3 + [Form("leader", {"a": 70, "b": 70})] * 3
    r = wa.result(TRACK, forms, [Survey("pupils", 90, 2)], min_raters=3)
    assert r.hidden == ("pupils",) and not r.total_shown  # two respondents only
    r = wa.result(TRACK, forms, [Survey("pupils", 90, 30)], min_raters=3)
    assert r.hidden == () and r.total_shown
    empty = wa.result(TRACK, [], [], min_raters=3)
    assert empty.total is None and empty.missing == ("self", "peer", "leader", "pupils") and not empty.shared


def test_check_track_keeps_every_problem() -> None:
    raw = {"zh": "", "criteria": [{"zh": "甲", "weight": "50"}, {"zh": "甲", "weight": "abc"},
                                   {"zh": "", "weight": "10"}, {"zh": "", "weight": ""}],
           "raters": {"self": "50", "peer": "40"}}
    codes = [p.code for p in wa.check_track(raw)]
    assert codes == ["E1218", "E1220", "E1217", "E1218", "E1216"]
    raw = {"zh": "轨道", "criteria": [{"zh": "甲", "weight": "50%"}, {"zh": "乙", "weight": "45"}],
           "raters": {"self": "100"}}
    problems = wa.check_track(raw)
    assert [p.code for p in problems] == ["E1215"] and problems[0].value == "95"
    assert [p.code for p in wa.check_track({"zh": "x", "criteria": [], "raters": {"self": "100"}})] == ["E1219"]
    assert wa.check_track({"zh": "x", "criteria": [{"zh": "甲", "weight": "12.5"}, {"zh": "乙", "weight": "87.5"}],
                           "raters": {"peer": "100", "self": ""}}) == []


def test_scores_levels_and_rounding() -> None:
    out, problems = wa.check_scores(TRACK, {"a": "95", "b": "101"})
    assert out == {"a": 95.0} and [p.code for p in problems] == ["E1225"]
    levels = wa.rules(dt.date(2025, 10, 1)).levels
    level = wa.level_of(89.95, levels)
    assert level is not None and level.zh == "良好"
    top = wa.level_of(90, levels)
    assert top is not None and top.zh == "优秀"
    assert wa.round1(78.25) == 78.3 and wa.round1(None) is None
    assert wa.track_from_dict(TRACK.to_dict()) == TRACK


def test_a_total_with_a_kind_missing_is_provisional_until_the_round_closes() -> None:
    self_only = wa.result(TRACK, [Form("self", {"a": 90, "b": 80})], [], min_raters=3)
    assert self_only.total is not None and self_only.missing
    assert self_only.provisional(closed=False) and not self_only.provisional(closed=True)
    everyone = wa.result(TRACK, [Form(k, {"a": 90, "b": 80}) for k in ("self", "peer", "peer", "peer", "leader")
                                 for _ in range(1 if k != "leader" else 3)],
                         [Survey(k, 80, 30) for k in ("pupils", "parents")], min_raters=3)
    assert not everyone.missing and not everyone.provisional(closed=False)
    assert not wa.result(TRACK, [], [], min_raters=3).provisional(closed=False)  # no total at all
