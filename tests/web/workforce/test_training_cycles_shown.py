"""Fix round (walk #2, #9): the cycle links carry plain years and open the past cycle with its own
figures; a teacher's list marks sessions that do not count in the cycle shown."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.training import selectors, services


def client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def _attend(w: WFWorld, day: dt.date, hours: str, name: str) -> None:
    course = services.create_course(None, w.base.a, name=name, level="district", hour_type="onsite", year=day.year)
    session = services.add_session(None, course, start=day, end=day, hours=hours, place="永川区教师进修学校")
    services.record_attendance(None, session, w.teachers["t1"])


def test_a_past_cycle_opens_by_its_link_with_its_own_figures(wfworld: WFWorld) -> None:
    w, today = wfworld, timezone.localdate()
    now = selectors.current_cycle(today)
    past = selectors.rules(today).cycle_starting(now.start_year - 5)
    _attend(w, dt.date(past.start_year + 1, 5, 6), "40", "往期研修")
    _attend(w, today, "12", "本期研修")
    t1 = w.teachers["t1"]
    for role, url in (("officer", reverse("workforce_training:school", args=[w.a1.code])),
                      ("teacher", reverse("workforce_training:teacher", args=[t1.pk]))):
        body = client(w, role).get(url).content.decode()
        assert f'?cycle={past.start_year}"' in body and "?cycle=2," not in body, role
        assert f'name="cycle" value="{now.start_year}"' in body or role == "teacher"
    page = client(w, "teacher").get(reverse("workforce_training:teacher", args=[t1.pk]), {"cycle": past.start_year})
    body = page.content.decode()
    assert f"<strong>{past.label}</strong>" in body
    assert '<span data-testid="cycle-counted">40</span>' in body
    # the session of the current cycle is listed, marked as not counting in the past cycle shown
    assert body.count('data-testid="training-outside"') == 1 and "不计入本周期" in body
    now_body = client(w, "teacher").get(reverse("workforce_training:teacher", args=[t1.pk])).content.decode()
    assert '<span data-testid="cycle-counted">12</span>' in now_body
    assert now_body.count('data-testid="training-outside"') == 1


def test_a_past_cycle_without_records_says_so_instead_of_a_shortfall(wfworld: WFWorld) -> None:
    """A re-walk found 2016–2020 “尚缺 360 学时” in red for a teacher working since 1989: the
    ledger simply has nothing of that cycle."""
    w = wfworld
    url = reverse("workforce_training:teacher", args=[w.teachers["t1"].pk]) + "?cycle=2016"
    body = client(w, "bureau").get(url).content.decode()
    assert 'data-testid="cycle-unrecorded"' in body and "无法判断是否达标" in body
    assert 'data-testid="cycle-short"' not in body
    _attend(w, dt.date(2018, 5, 1), "24", "2018年区级培训")
    body = client(w, "bureau").get(url).content.decode()
    assert 'data-testid="cycle-short"' in body and 'data-testid="cycle-unrecorded"' not in body
