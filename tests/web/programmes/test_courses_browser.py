"""School-based courses in a real headless Chromium: the officer of a school, on a 390 px phone,
creates a course group and adds a course with a “114” tag to it; then the bureau finds the
course in the district catalogue by theme and by tag. No script error, nothing blocked by the
CSP, nothing wider than the phone. Screenshots courses-school.png (the phone) and
courses-district.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

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
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.courses.models import Course, CourseGroup

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_officer_adds_a_course_and_the_bureau_finds_it(pworld: PWorld, browser_page: Any) -> None:
    w = pworld.wf
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "officer")
    page.goto(page.base + f"/courses/school/{w.a1.code}/")
    page.click("[data-testid=group-form] >> xpath=.. >> summary")
    page.fill("[data-testid=group-form] input[name=name]", "民族文化课程群")
    page.fill("[data-testid=group-form] input[name=aim]", "民族认同")
    page.click("[data-testid=group-form] button[type=submit]")
    page.wait_for_load_state()
    group = CourseGroup.objects.get(school=w.a1, name="民族文化课程群")
    assert f"/courses/group/{group.pk}/" in page.url
    page.click("[data-testid=course-new]")
    page.wait_for_load_state()
    form = "[data-testid=course-form]"
    assert page.evaluate(OUTSIDE, f"{form} input, {form} select, {form} button") == []
    page.fill(f"{form} input[name=title]", "西兰卡普")
    page.select_option(f"{form} select[name=theme]", "ethnic")
    page.check(f"{form} input[name=fixed_tags][value='civics114:identity']")
    page.fill(f"{form} input[name=free_tags]", "非遗")
    page.select_option(f"{form} select[name=grade_from]", "4")
    page.select_option(f"{form} select[name=grade_to]", "6")
    page.fill(f"{form} input[name=hours]", "16")
    page.check(f"{form} input[name=teachers][value='{w.teachers['t2'].pk}']")
    page.click(f"{form} button[type=submit]")
    page.wait_for_load_state()
    course = Course.objects.get(school=w.a1, title="西兰卡普")
    assert course.group == group and f"/courses/course/{course.pk}/" in page.url
    assert "民族认同" in page.locator("[data-testid=course-facts]").inner_text()
    page.goto(page.base + f"/courses/school/{w.a1.code}/")
    assert "西兰卡普" in page.locator("[data-testid=course-group]").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.screenshot(path=str(SHOTS / "courses-school.png"), full_page=True)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "bureau")
    page.goto(page.base + f"/courses/district/{w.base.a.code}/")
    page.select_option("[data-testid=course-filters] select[name=theme]", "ethnic")
    page.click("[data-testid=course-filters] button[type=submit]")
    page.wait_for_load_state()
    assert "theme=ethnic" in page.url
    rows = page.locator("[data-testid=district-course-row]")
    assert rows.count() == 1 and "西兰卡普" in rows.first.inner_text() and "红旗小学" in rows.first.inner_text()
    page.goto(page.base + f"/courses/district/{w.base.a.code}/")
    page.locator("[data-testid=by-tag] a", has_text="民族认同").click()
    page.wait_for_load_state()
    assert "tag=civics114" in page.url
    rows = page.locator("[data-testid=district-course-row]")
    assert rows.count() == 1 and "西兰卡普" in rows.first.inner_text()
    page.screenshot(path=str(SHOTS / "courses-district.png"), full_page=True)
    assert page.troubles == []
