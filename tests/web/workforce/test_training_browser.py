"""The bureau's training officer in a real browser (headless Chromium): records a course and a
session, records a teacher's attendance and sees the teacher's cycle change; then the teacher opens
their cycle on a phone (390 px) without sideways scrolling. No script error, nothing blocked by the
CSP. Screenshot training-cycle.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.web.browser_page import PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.training.models import Attendance

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_a_session_with_attendance_changes_the_teachers_cycle(wfworld: WFWorld, browser_page: Any) -> None:
    page = browser_page
    t1 = wfworld.teachers["t1"]
    today = timezone.localdate()
    log_in(page, "bureau")
    page.goto(page.base + f"/workforce/training/t/{t1.pk}/")
    assert "尚缺 360 学时" in page.locator("[data-testid=cycle-short]").inner_text()
    page.goto(page.base + f"/workforce/training/d/{wfworld.base.a.code}/courses/")
    page.fill("input[name=name]", "区级骨干教师研修")
    page.select_option("select[name=level]", "district")
    page.select_option("select[name=hour_type]", "onsite")
    page.check("input[name=funded]")
    page.fill("input[name=cost_yuan]", "24000")
    page.click("[data-testid=course-save]")
    page.wait_for_load_state()
    page.fill("input[name=start]", today.isoformat())
    page.fill("input[name=end]", today.isoformat())
    page.fill("input[name=hours]", "24")
    page.click("[data-testid=session-save]")
    page.wait_for_load_state()
    page.fill("input[name=staff_id]", t1.staff_id)
    page.click("[data-testid=attend-save]")
    page.wait_for_load_state()
    assert t1.staff_id in page.locator("[data-testid=session-attendance]").inner_text()
    assert Attendance.objects.filter(teacher=t1).count() == 1
    page.click(f"[data-testid=attendance-{t1.staff_id}] >> text={t1.staff_id}")
    page.wait_for_load_state()
    assert page.locator("[data-testid=cycle-counted]").inner_text() == "24"
    assert "尚缺 336 学时" in page.locator("[data-testid=cycle-short]").inner_text()
    page.screenshot(path=str(SHOTS / "training-cycle.png"), full_page=True)
    assert page.troubles == []

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, "teacher")
    page.goto(page.base + f"/workforce/training/t/{t1.pk}/")
    assert "尚缺 336 学时" in page.locator("[data-testid=cycle-short]").inner_text()
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"the teacher's cycle scrolls sideways ({scroll} px)"
    assert page.troubles == []
