"""The groups demo on the test world's district: groups with leads, all but one lead a quality
school (coverage computed, below 100%), one school's history of a move,
sharing and 片区 sessions; run twice, nothing changes."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.groups import demo, selectors
from youjun.web.apps.groups.models import AreaSession, GroupMembership, SharedCourse

pytestmark = pytest.mark.django_db


def test_demo_seeds_groups_history_sharing_and_areas(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    today = dt.date(2026, 12, 1)
    out = demo.seed(a, today=today, rng=random.Random(7))
    assert out["groups"] == 2 and out["moved"]
    summary = selectors.group_summary(a)
    assert summary["n_member_schools"] == 4
    # one lead (of the smaller group) not marked a quality school: coverage below 100%, so a move shows
    assert out["quality_leads"] == 1
    assert not summary["coverage_complete"] and 0 < summary["coverage_percent"] < 100.0
    moved = GroupMembership.objects.filter(school__code=out["moved"]).order_by("start")
    assert moved.count() == 2 and moved[0].end is not None and moved[1].end is None
    assert SharedCourse.objects.filter(group__district=a).count() == out["courses"] > 0
    assert AreaSession.objects.filter(area__district=a).count() == out["sessions"] > 0
    assert demo.seed(a, today=today, rng=random.Random(7))["skipped"]
