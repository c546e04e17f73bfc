"""Shared set-up of the habits tests: a fixed today (a Wednesday of the 2025-2026 autumn term, the
eworld's school year) and a few habits of school A0001 made through the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.evaluation.eworld import EWorld
from youjun.web.apps.habits import clock, services
from youjun.web.apps.habits.models import Habit

TODAY = dt.date(2025, 11, 12)  # a Wednesday
NOW = dt.datetime(2025, 11, 12, 19, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # 19:30 in Chongqing
TERM = (dt.date(2025, 9, 1), dt.date(2026, 1, 31))


@pytest.fixture(name="today")
def today_fixture(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return TODAY


def habit(school: Any, name: str, **kw: Any) -> Habit:
    values = {"name": name, "target": "", "dimension": "study", "slot": "evening", "grades": [3], "frequency": "daily",
              "weekdays": [], "checkers": ["pupil", "parent"], "starts_on": TERM[0], "ends_on": TERM[1],
              "active": True, **kw}
    return services.define_habit(school, values, None)


def habits_of(ew: EWorld) -> dict[str, Habit]:
    return {
        "read": habit(ew.a1, "课外阅读"),  # daily, grade 3, family
        "greet": habit(ew.a1, "进校问好", dimension="manners", slot="arrive", frequency="school_days",
                       checkers=["teacher"]),
        "duty": habit(ew.a1, "值日劳动", dimension="labour", slot="lunch", frequency="weekly", weekdays=[4],
                      checkers=["teacher"]),  # Fridays
        "g5": habit(ew.a1, "五年级跳绳", dimension="sport", grades=[5]),
    }
