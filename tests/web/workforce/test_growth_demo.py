"""The demo puts every teacher at a stage their records meet, and leaves applications pending."""

from __future__ import annotations

import random

from django.utils import timezone

from tests.web.workforce.wfworld import WFWorld
from youjun.core import workforce_growth as core
from youjun.web.apps.workforce.growth import demo, selectors
from youjun.web.apps.workforce.growth.models import Application, TeacherStage
from youjun.web.apps.workforce.models import Teacher


def test_demo_stages_are_consistent_with_the_records(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    today = timezone.localdate()
    # some long-serving teachers so that 升格 applications can be pending
    Teacher.objects.filter(district=a).update(started_teaching=today.year - 12)
    out = demo.seed(a, today=today, rng=random.Random(7))
    teachers = Teacher.objects.filter(district=a, active=True)
    assert out["teachers"] == teachers.count() == TeacherStage.objects.filter(teacher__district=a).count()
    ladder = selectors.ladder_for(a)
    for t in teachers:
        stage = TeacherStage.objects.get(teacher=t)
        met = core.stage_met(ladder, selectors.facts(t, today))
        assert met is not None and ladder.index(met.code) >= ladder.index(stage.stage), (t.staff_id, stage.stage)
        assert stage.since <= today
    assert out["pending"] > 0
    assert Application.objects.filter(teacher__district=a, state="pending").count() == out["pending"]
    assert sum(out["stages"].values()) == teachers.count()
    again = demo.seed(a, today=today, rng=random.Random(7))  # runs twice without doubling
    assert TeacherStage.objects.filter(teacher__district=a).count() == again["teachers"]
