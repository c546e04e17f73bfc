"""The meetings, bulk and moderation pages in real headless Chromium on a 390 px phone: a
staff member records a meeting with forms only (no page scrolls sideways, no script error, no
CSP report), and the bulk and moderation pages fit the screen too."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import OUTSIDE, PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _fits(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"consult-{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page scrolls sideways ({width} px)"
    assert page.evaluate(OUTSIDE, "main *:not(.scroll *)") == [], name
    assert page.troubles == [], page.troubles


def test_a_meeting_is_recorded_on_a_phone(cworld: CWorld, browser_page: Any) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    parent = cworld.concern(title="学校门口没有路灯，晚自习放学时路口很黑")
    services.select(cworld.users["c_staff"], parent)
    services.assign(cworld.users["c_staff"], cworld.concern(title="操场积水"), cworld.town)
    log_in(page, "c_staff")
    page.goto(page.base + "/consult/meetings/")
    _fits(page, "meetings")
    page.click("[data-testid=meeting-new-rongchang]")
    page.select_option("select[name=venue]", "courtyard")
    page.fill("input[name=title]", "昌元街道路灯院坝协商会")
    page.fill("input[name=held_on]", "2026年11月20日")
    page.fill("input[name=place]", "昌元街道某小区院坝")
    _fits(page, "meeting-new")
    page.click("[data-testid=meeting-save]")
    page.wait_for_load_state()
    meeting = Meeting.objects.get()
    assert page.url.endswith(f"/consult/meetings/{meeting.pk}/")
    page.fill("[data-testid=add-person] input[name=name]", "王小红")
    page.click("[data-testid=add-person] button")
    page.wait_for_load_state()
    page.fill("[data-testid=add-consulted] input[name=number]", parent.number)
    page.click("[data-testid=add-consulted] button")
    page.wait_for_load_state()
    page.fill("[data-testid=add-opinion] input[name=title]", "一周内修复两处路灯")
    page.select_option("[data-testid=add-opinion] select[name=department]", str(cworld.town.pk))
    page.click("[data-testid=add-opinion] button")
    page.wait_for_load_state()
    assert Concern.objects.get(kind="opinion").state == "assigned"
    assert page.locator("[data-testid=opinion]").count() == 1
    _fits(page, "meeting")
    page.goto(page.base + "/consult/bulk/")
    _fits(page, "bulk")
    page.goto(page.base + "/consult/b/rongchang/moderation/")
    _fits(page, "moderation")
