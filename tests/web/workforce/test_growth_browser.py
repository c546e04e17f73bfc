"""A teacher on a phone (real headless Chromium, 390 px) sees what is missing for the next stage,
applies with two open lessons and their evidence; two of the three panel members agree and the
stage changes. No page scrolls sideways, no script error, nothing blocked by the CSP. Screenshot
growth-teacher.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.web.browser_page import PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.growth import services
from youjun.web.apps.workforce.growth.models import TeacherStage
from youjun.web.apps.workforce.models import Honour, Teacher

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _fits(page: Any, where: str) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"{where}: the page scrolls sideways ({scroll} px)"


def test_a_teacher_applies_and_two_panel_members_promote(wfworld: WFWorld, browser_page: Any,
                                                          tmp_path: Path) -> None:
    t1 = wfworld.teachers["t1"]
    services.set_panel(wfworld.user("bureau"), wfworld.base.a, ["officer2", "analyst", "inspector"])
    Teacher.objects.filter(pk=t1.pk).update(started_teaching=timezone.localdate().year - 5)
    Honour.objects.create(teacher=t1, kind=Honour.Kind.CONTEST, name="校赛课", level="school", prize="一等奖",
                          awarded_on=dt.date(2024, 5, 1))
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "teacher")
    page.goto(page.base + f"/workforce/growth/teacher/{t1.pk}/")
    assert page.locator("[data-testid=current-stage]").inner_text() == "入格"
    assert page.locator("[data-testid=missing]").inner_text() == "距合格还差：公开课 2 次"
    _fits(page, "the teacher's stage")
    page.screenshot(path=str(SHOTS / "growth-teacher.png"), full_page=True)
    page.click("[data-testid=apply-link]")
    page.wait_for_load_state()
    for i, title in enumerate(("校级公开课《分数的意义》", "片区教研展示课《小数加法》")):
        f = tmp_path / f"lesson{i}.pdf"
        f.write_bytes(PDF)
        page.select_option(f"select[name=kind_{i}]", "lessons")
        page.fill(f"input[name=title_{i}]", title)
        page.fill(f"input[name=day_{i}]", f"2025-1{i}-09")
        page.set_input_files(f"input[name=file_{i}]", str(f))
    _fits(page, "the application form")
    page.click("[data-testid=apply-form] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=app-state]").get_attribute("data-state") == "pending"
    assert page.locator("[data-testid=app-item]").count() == 2
    application_url = page.url
    for member in ("analyst", "officer2"):
        page.context.clear_cookies()
        log_in(page, member)
        page.goto(page.base + "/workforce/growth/queue/")
        page.click("[data-testid=queue] a")
        page.wait_for_load_state()
        assert page.url == application_url
        assert "周秘密" not in page.content()  # the panel outside the school sees the name masked
        page.check("input[name=agree][value=yes]")
        page.click("[data-testid=decision-form] button[type=submit]")
        page.wait_for_load_state()
        _fits(page, f"the review page of {member}")
    assert page.locator("[data-testid=app-state]").get_attribute("data-state") == "approved"
    assert TeacherStage.objects.get(teacher=t1).stage == "qualified"
    page.context.clear_cookies()
    log_in(page, "teacher")
    page.goto(page.base + f"/workforce/growth/teacher/{t1.pk}/")
    assert page.locator("[data-testid=current-stage]").inner_text() == "合格"
    assert page.locator("[data-testid=missing]").inner_text().startswith("距升格还差：")
    assert page.troubles == []
