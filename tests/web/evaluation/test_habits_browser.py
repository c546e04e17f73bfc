"""A habit from check-in to the class trend, in real headless Chromium at 390 px: a parent ticks
their child's habit on a phone, the head teacher questions another and confirms this one, and the
class trend counts it. No page scrolls sideways, no script error, nothing blocked by the CSP.
Screenshots habits-checkin.png and habits-trend.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.browser_page import (  # noqa: F401
    OUTSIDE,
    PHONE,
    SHOTS,
    browser_page_fixture,
    log_in,
    skip_without_browser,
)
from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.habits_fixtures import TODAY, habits_of, today_fixture  # noqa: F401
from youjun.web.apps.habits import services
from youjun.web.apps.habits.models import CheckIn

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _fits(page: Any, where: str) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"{where}: the page scrolls sideways ({scroll} px)"


def _log_out(page: Any) -> None:
    page.context.clear_cookies()


def test_a_habit_from_check_in_to_the_class_trend(eworld: EWorld, today: dt.date, browser_page: Any) -> None:
    h = habits_of(eworld)
    p1, c1 = eworld.pupils["p1"], eworld.classes["c1"]
    page = browser_page
    page.set_viewport_size(PHONE)
    # the parent, on a phone: today's habits of the child by time of day, one tap to tick
    log_in(page, "parent")
    page.goto(page.base + f"/habits/p/{p1.pk}/")
    _fits(page, "the child's day")
    assert page.locator("[data-testid=habit-item]").count() == 2
    item = page.locator(f"#h{h['read'].pk}")
    item.locator("input[name=note]").fill("读了 20 页")
    box = item.locator("[data-testid=habit-tick]").bounding_box()
    assert box is not None and box["height"] >= 44  # a big tap target
    item.locator("[data-testid=habit-tick]").click()
    page.wait_for_load_state()
    assert "读了 20 页" in page.locator(f"#h{h['read'].pk} [data-testid=habit-done]").inner_text()
    _fits(page, "after the tick")
    page.screenshot(path=str(SHOTS / "habits-checkin.png"), full_page=True)
    row = CheckIn.objects.get(pupil=p1, habit=h["read"], day=TODAY)
    assert row.by == eworld.user("parent") and row.by_role == "parent"
    # the head teacher reviews the day: confirms the parent's tick
    _log_out(page)
    log_in(page, "teacher")
    page.goto(page.base + f"/habits/c/{c1.pk}/review/")
    _fits(page, "review")
    assert "李小红" in page.locator("[data-testid=review-missing]").inner_text()
    page.locator(f"#c{row.pk} [data-testid=review-confirm]").click()
    page.wait_for_load_state()
    assert page.locator(f"#c{row.pk} [data-testid=review-state]").inner_text() == "已确认"
    row.refresh_from_db()
    assert row.review == "confirmed" and row.reviewed_by == eworld.user("teacher")
    # the class trend shows it: today (in progress) apart, the rates up to yesterday
    services.check_in(p1, h["read"], TODAY - dt.timedelta(days=1), None, "pupil", today=TODAY)
    page.goto(page.base + f"/habits/c/{c1.pk}/trend/?weeks=1")
    page.wait_for_load_state("networkidle")
    _fits(page, "trend")
    days = page.locator("[data-testid=trend-days]").inner_text()
    assert "11月11日 周二" in days and "今天（进行中）" in days and "11月12日 周三" not in days
    habits_table = page.locator("[data-testid=trend-habits]").inner_text()
    due = 2 * (TODAY - dt.date(2025, 11, 10)).days  # 2 pupils × Mon–Tue
    assert f"课外阅读\t学习\t{due} 次\t1 次\t{100 * 1 / due:.1f}%" in habits_table
    assert page.locator("svg.h-chart").count() == 3
    assert page.evaluate(OUTSIDE, "svg.h-chart") == []
    page.screenshot(path=str(SHOTS / "habits-trend.png"), full_page=True)
    assert page.troubles == []
