"""The bureau's personnel officer in a real browser (headless Chromium): opens a teacher from the
district's list, records a rotation and sees it on the timeline; then the teacher opens their own
record on a phone (390 px) without sideways scrolling. No script error, nothing blocked by the
CSP. Screenshot workforce-teacher.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.workforce.wfworld import SECRET_NAME, WFWorld
from youjun.web.apps.workforce.models import Assignment, Teacher

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_the_bureau_records_a_rotation_and_the_teacher_sees_it_on_a_phone(wfworld: WFWorld,
                                                                          browser_page: Any) -> None:
    page = browser_page
    t1 = wfworld.teachers["t1"]
    log_in(page, "bureau")
    page.goto(page.base + f"/workforce/d/{wfworld.base.a.code}/?q={t1.staff_id}")
    page.click(f"[data-testid=wf-teacher-table] >> text={t1.staff_id}")
    page.wait_for_load_state()
    assert "符合交流轮岗条件" in page.locator("[data-testid=wf-eligibility]").inner_text()
    page.click("[data-testid=wf-rotate]")
    page.wait_for_load_state()
    page.select_option("select[name=to_school]", str(wfworld.a2.pk))
    page.fill("input[name=start]", "2026-09-01")
    page.fill("input[name=note]", "城乡交流")
    page.click("[data-testid=wf-save]")
    page.wait_for_load_state()
    timeline = page.locator("[data-testid=wf-timeline]").inner_text()
    assert "交流轮岗" in timeline and f"{wfworld.a1.name} → {wfworld.a2.name}" in timeline
    assert Teacher.objects.get(pk=t1.pk).school == wfworld.a2
    assert Assignment.objects.filter(teacher=t1, kind=Assignment.Kind.ROTATION).count() == 1
    page.screenshot(path=str(SHOTS / "workforce-teacher.png"), full_page=True)
    assert page.troubles == []

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, "teacher")
    page.goto(page.base + "/")
    page.wait_for_load_state()
    assert page.url.endswith("/workforce/me/")
    assert SECRET_NAME in page.locator("[data-testid=wf-name]").inner_text()
    assert "交流轮岗" in page.locator("[data-testid=wf-timeline]").inner_text()
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"the teacher's own record scrolls sideways ({scroll} px)"
    assert page.troubles == []
