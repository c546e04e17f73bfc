"""Findings of the school walk on growth stages, through the real pages: the school page's
headings, the applicant's breadcrumb, a contest item's level and prize, and an application with
requirements still missing asks for a confirmation naming them, with the same shortfall on the
growth page and on the application page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.growth import services
from youjun.web.apps.workforce.growth.models import Application
from youjun.web.apps.workforce.models import Honour, Teacher

PANEL = ("officer2", "analyst", "inspector")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def _pdf(name: str = "a.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def gw(wfworld: WFWorld) -> WFWorld:
    services.set_panel(wfworld.user("bureau"), wfworld.base.a, PANEL)
    # t1 has taught 4 years and won a school second prize: 合格 lacks only 2 open lessons
    Teacher.objects.filter(pk=wfworld.teachers["t1"].pk).update(started_teaching=timezone.localdate().year - 4)
    Honour.objects.create(teacher=wfworld.teachers["t1"], kind=Honour.Kind.CONTEST, name="校赛课", level="school",
                          prize="二等奖", awarded_on=dt.date(2024, 5, 1))
    return wfworld


def _missing(page: str) -> str:
    return page.split('data-testid="missing"', 1)[1].split(">", 1)[1].split("<", 1)[0]


def test_the_school_page_says_headcount_and_teacher_list(gw: WFWorld) -> None:
    page = _client(gw, "officer").get(reverse("workforce_growth:school", args=[gw.a1.code])).content.decode()
    counts = page.split('data-testid="stage-counts"', 1)[1].split("</thead>", 1)[0]
    assert "人数" in counts and "专任教师数" not in page
    assert "<h2>教师名单</h2>" in page


def test_an_application_with_requirements_missing_asks_for_a_confirmation(gw: WFWorld) -> None:
    t1 = gw.teachers["t1"]
    me = _client(gw, "teacher")
    url = reverse("workforce_growth:apply", args=[t1.pk])
    one = {"statement": "申请合格", "kind_0": "lessons", "title_0": "校级公开课《分数》", "day_0": "2025-10-09"}
    r = me.post(url, {**one, "file_0": _pdf()})
    page = r.content.decode()
    assert r.status_code == 400 and not Application.objects.filter(teacher=t1).exists()
    confirm = page.split('data-testid="confirm-missing"', 1)[1].split("</", 1)[0]
    assert "距合格还差：公开课 1 次" in confirm  # counted with the item being claimed
    r = me.post(url, {**one, "file_0": _pdf(), "confirm_missing": "on"})
    assert r.status_code == 302, r.content.decode()[:3000]
    app = Application.objects.get(teacher=t1)
    # the growth page and the application page state the same shortfall
    growth = me.get(reverse("workforce_growth:teacher", args=[t1.pk])).content.decode()
    application = me.get(reverse("workforce_growth:application", args=[app.pk])).content.decode()
    words = application.split('data-testid="result-words">', 1)[1].split("<", 1)[0]
    assert _missing(growth) == words == "距合格还差：公开课 1 次"


def test_the_applicant_sees_her_own_breadcrumb_and_the_contest_prize(gw: WFWorld) -> None:
    t1 = gw.teachers["t1"]
    me = _client(gw, "teacher")
    r = me.post(reverse("workforce_growth:apply", args=[t1.pk]), {
        "statement": "", "confirm_missing": "on",
        "kind_0": "contest", "title_0": "永川区小学语文赛课", "day_0": "2025-11-10", "level_0": "county",
        "prize_0": "first", "file_0": _pdf()})
    assert r.status_code == 302, r.content.decode()[:3000]
    app = Application.objects.get(teacher=t1)
    page = me.get(reverse("workforce_growth:application", args=[app.pk])).content.decode()
    assert "待我评审" not in page and reverse("workforce_growth:teacher", args=[t1.pk]) in page
    item = page.split('data-testid="app-item">', 1)[1].split("</li>", 1)[0]
    assert "区县级 一等奖" in item
    panel = _client(gw, "analyst").get(reverse("workforce_growth:application", args=[app.pk])).content.decode()
    assert "待我评审" in panel
