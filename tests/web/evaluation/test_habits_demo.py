"""The habits demo: the example catalogue and four weeks of check-ins on the eworld's pupils, with
gaps (not every due habit ticked), reviews and praise; a second run adds no check-ins."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.habits_fixtures import TODAY, today_fixture  # noqa: F401
from youjun.web.apps.habits import demo, selectors
from youjun.web.apps.habits.models import CheckIn, Habit, Praise


def test_the_demo_seeds_four_weeks_with_gaps(eworld: EWorld, today: dt.date) -> None:
    counts = demo.seed(eworld.a1, "2025-2026")
    assert counts["habits"] == Habit.objects.filter(school=eworld.a1).count() == 23
    assert counts["ends_on"] == TODAY and (counts["ends_on"] - counts["starts_on"]).days == 27
    assert counts["checkins"] == CheckIn.objects.count() > 0
    assert Praise.objects.exists()
    assert CheckIn.objects.filter(review="questioned").exists() or CheckIn.objects.filter(review="confirmed").exists()
    t = selectors.class_tally(eworld.classes["c1"], counts["starts_on"], TODAY)
    assert t.total.rate is not None and 0.3 < t.total.rate < 1.0  # realistic gaps
    assert {c.by_role for c in CheckIn.objects.all()} >= {"teacher", "parent"}
    assert CheckIn.objects.filter(day__gt=TODAY).count() == 0
    again = demo.seed(eworld.a1, "2025-2026")
    assert again["checkins"] == 0 and CheckIn.objects.count() == counts["checkins"]
    c = Client()
    c.force_login(eworld.user("teacher"))
    assert c.get(f"/habits/c/{eworld.classes['c1'].pk}/trend/").status_code == 200
