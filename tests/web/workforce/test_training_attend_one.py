"""Fix round (walk #14): the single-entry attendance form's refusal says what to do in a form, and
reads the same for an unknown number and a number of another school or district (it does not confirm
that a staff number exists elsewhere)."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.training import services
from youjun.web.apps.workforce.training.models import Attendance


def _problem(body: str) -> str:
    """The refusal's words with the number asked about blanked out."""
    m = re.search(r'data-testid="training-problems"(.*?)</section>', body, re.S)
    assert m, "no problems block"
    return re.sub(r"T\d+|NOPE\d*", "#", m.group(1))


def test_a_refused_staff_number_reads_the_same_whoever_it_belongs_to(wfworld: WFWorld) -> None:
    w = wfworld
    day = dt.date(2026, 3, 2)
    course = services.create_course(None, w.base.a, school=w.a1, name="校本研修", level="school",
                                    hour_type="school_based", year=day.year)
    session = services.add_session(None, course, start=day, end=day, hours="3")
    c = Client()
    c.force_login(w.user("officer"))
    url = reverse("workforce_training:session_attend", args=[session.pk])
    words = []
    for staff_id in (w.teachers["ta2"].staff_id, w.teachers["tb"].staff_id, "NOPE1"):
        r = c.post(url, {"staff_id": staff_id, "passed": "on"})
        body = r.content.decode()
        assert r.status_code == 400 and "删除这一行" not in body and "本校教师" in body, staff_id
        words.append(_problem(body))
    assert words[0] == words[1] == words[2]
    assert not Attendance.objects.exists()
    r = c.post(url, {"staff_id": w.teachers["t1"].staff_id, "passed": "on"})
    assert r.status_code == 302 and Attendance.objects.count() == 1


def test_labels_take_the_page_languages_colon_and_the_place_shows_once(wfworld: WFWorld) -> None:
    w = wfworld
    day = dt.date(2026, 3, 2)
    course = services.create_course(None, w.base.a, name="区级研修", level="district", hour_type="onsite",
                                    year=day.year)
    services.add_session(None, course, start=day, end=day, hours="3", place=w.a1.name, host_school=w.a1)
    session = course.sessions.get()
    c = Client()
    c.force_login(w.user("bureau"))
    body = c.get(reverse("workforce_training:session", args=[session.pk])).content.decode()
    assert "教师编号：" in body and "教师编号:" not in body
    ledger = c.get(reverse("workforce_training:district", args=[w.base.a.code])).content.decode()
    assert "显示：" in ledger and "显示:" not in ledger
    page = c.get(reverse("workforce_training:course", args=[course.pk])).content.decode()
    table = page[page.index('data-testid="session-list"'):]
    assert table[:table.index("</table>")].count(w.a1.name) == 1
    lst = c.get(reverse("workforce:school", args=[w.a1.code])).content.decode()
    assert "）: <strong>" not in lst
