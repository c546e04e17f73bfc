"""The party-building brands' rules as data: the workflow's steps and who takes them, the
acceptance's weighted total and pass mark, the file limits (rules/party_brands/*.yaml)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from youjun.core import party_brands as pb

DAY = dt.date(2025, 6, 1)


def test_the_workflow_starts_as_a_draft_and_only_the_bureau_reviews() -> None:
    assert pb.initial_state(DAY) == "draft"
    assert pb.editable("draft", DAY) and pb.editable("returned", DAY)
    assert not pb.editable("submitted", DAY) and not pb.editable("approved", DAY)
    assert [s.action for s in pb.allowed_steps("draft", {"school"}, DAY)] == ["submit"]
    assert pb.allowed_steps("submitted", {"school"}, DAY) == []
    assert [s.action for s in pb.allowed_steps("submitted", {"bureau"}, DAY)] == ["review"]
    assert [s.action for s in pb.allowed_steps("under_review", {"bureau"}, DAY)] == ["approve", "return", "reject"]
    assert pb.step_from("returned", "submit", DAY).target == "submitted"  # type: ignore[union-attr]
    assert pb.step_from("approved", "return", DAY) is None
    assert pb.step_from("under_review", "return", DAY).reason  # type: ignore[union-attr]
    assert pb.recognised_states(DAY) == frozenset({"approved"})
    assert pb.state_words("under_review", DAY) == ("审核中", "Under review")


def test_every_state_is_reached_and_every_step_names_known_states() -> None:
    states = pb.states(DAY)
    steps = pb.steps(DAY)
    assert {s.target for s in steps} | {pb.initial_state(DAY)} == set(states)
    assert all(s.source in states and set(s.by) <= set(pb.ROLES) for s in steps)


def test_the_total_is_the_weighted_score_to_one_decimal() -> None:
    crits = pb.criteria(DAY)
    assert [c.zh for c in crits] == ["组织建设", "品牌内涵", "活动载体", "育人成效", "示范辐射"]
    assert sum(c.weight for c in crits) == 100
    scores = {"organisation": 90, "connotation": 85, "carriers": 80, "outcomes": 88, "demonstration": 70}
    # (90×20 + 85×20 + 80×20 + 88×25 + 70×15) / 100 = 83.5
    assert pb.total(scores, crits) == Decimal("83.5")
    assert pb.total({c.key: 100 for c in crits}, crits) == Decimal("100.0")
    assert pb.total({c.key: "79.95" for c in crits}, crits) == Decimal("80.0")  # half up
    with pytest.raises(KeyError, match="outcomes"):
        pb.total({k: v for k, v in scores.items() if k != "outcomes"}, crits)


def test_the_pass_mark_is_inclusive() -> None:
    mark = pb.pass_mark(DAY)
    assert mark == Decimal(80)
    assert pb.passed(Decimal("80.0"), mark) and not pb.passed(Decimal("79.9"), mark)


def test_the_emblem_limits_come_before_decoding() -> None:
    lim = pb.file_limits(DAY)
    assert lim["emblem_max_bytes"] < lim["image_max_bytes"]
    assert lim["emblem_max_pixels"] > 0 and lim["emblem_longest_side"] > 0
