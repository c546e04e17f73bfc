"""The clean-school rules as data and the pure arithmetic of a campaign and an ethics case."""

from __future__ import annotations

import datetime as dt

import pytest

from youjun.core import party_integrity as pi

DAY = dt.date(2026, 1, 1)


def test_the_rules_are_local_and_give_six_layers_six_stages_and_twenty_key_points() -> None:
    for name in pi.RULE_NAMES:
        assert pi.rules(name, DAY)["local"] is True
        ref = pi.reference(name)["reference"]
        assert ref["local"] is True and ref["confidence"] in {"C", "M", "U", "S"}
    assert [k for k, _ in pi.choices("layers", "layers", DAY, "zh")] == [
        "party", "law", "ethics", "classroom", "culture", "family"]
    assert pi.words("layers", "layers", DAY)["family"][0] == "家风引廉"
    defaults = pi.rules("campaign-defaults", DAY)
    assert len(defaults["stages"]) == 6 and len(defaults["key_points"]) == 20
    assert len(set(defaults["key_points"])) == 20
    assert "廉洁教育课" in dict(pi.choices("activity-types", "types", DAY, "zh")).values()


def test_no_rule_before_it_takes_effect() -> None:
    with pytest.raises(ValueError):
        pi.rules("layers", dt.date(2020, 1, 1))


def test_progress_counts_each_stage_and_key_point_and_names_those_without() -> None:
    acts = [(1, 10), (1, None), (2, 11), (None, 10), (9, 99), (None, None)]
    p = pi.progress([1, 2, 3], [10, 11, 12], acts)
    assert p.per_stage == {1: 2, 2: 1, 3: 0}
    assert p.per_key_point == {10: 2, 11: 1, 12: 0}
    assert p.key_points_without == (12,)
    assert p.key_points_covered == 2
    assert p.total == 4  # the other campaign's and the untied activities are not counted


def test_case_steps_follow_the_order_and_nothing_follows_closure() -> None:
    assert pi.next_steps([], DAY) == ["verify"]
    assert pi.next_steps(["verify"], DAY) == ["decide", "close"]
    assert pi.next_steps(["verify", "decide"], DAY) == ["review", "close"]
    assert pi.next_steps(["verify", "decide", "review"], DAY) == ["close"]
    assert pi.next_steps(["verify", "close"], DAY) == []
    assert pi.status_after([]) == "received"
    assert pi.status_after(["verify", "decide"]) == "decide"
