"""The demo of differentiated evaluation: a finished round and one in progress at one school, the
finished one with results, feedback, plan and the below-standard teacher's decision."""

from __future__ import annotations

import datetime as dt
import random

from django.test import Client

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.appraisal import demo, selectors
from youjun.web.apps.workforce.appraisal.models import Participant, Round


def test_demo_seeds_a_finished_round_and_one_in_progress(wfworld: WFWorld) -> None:
    district = wfworld.base.a
    out = demo.seed(district, today=dt.date(2025, 11, 20), rng=random.Random(7))
    school = demo.pick_school(district)
    assert school is not None and out["school"] == school.code and out["rounds"] == 2
    done, current = Round.objects.filter(school=school).order_by("id")
    assert done.closed and not current.closed
    assert (done.school_year, done.term) == ("2024-2025", 2)
    assert (current.school_year, current.term) == ("2025-2026", 1)
    finished = list(Participant.objects.filter(round=done))
    assert {p.track_code for p in finished} == {"beginner", "experienced", "improving"}
    for p in finished:
        res = selectors.result_of(p)
        assert res.total is not None and res.missing == () and p.plan_goals
    assert Participant.objects.get(round=done, track_code="improving").decision == "extend"
    answered = sum(selectors.result_of(p).kinds[1].n for p in Participant.objects.filter(round=current))
    assert 0 < answered < 3 * len(finished)
    # the finished result reads on the officer's page
    c = Client()
    c.force_login(wfworld.user("bureau"))
    page = c.get(f"/workforce/appraisal/p/{finished[0].pk}/").content.decode()
    assert "本地权重" in page and "成长反馈与改进计划" in page
