"""In real headless Chromium (F3 findings 2, 4): the history on a phone (390 px) shows every
column without sideways scrolling or blank rows; the district column does not wrap on a desk;
the printed rectification list says which filter was applied."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.world import World
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.schools import services as school_services

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
YEAR = "2025-2026"
SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))


def test_history_fits_a_phone_and_the_district_keeps_one_line(world: World, browser_page: Any) -> None:
    officer = world.users["officer"]
    for books in ("45500", "45600"):
        school_services.save_submission(officer, world.school(world.a), YEAR,
                                        {"facilities": {"building_area_m2": "10291.1", "books": books}})
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "officer")
    page.goto(page.base + "/history/")
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], width
    cells = page.evaluate("""() => [...document.querySelectorAll('[data-testid=history] tbody td')].map(td => {
        const r = td.getBoundingClientRect(); return [td.className, r.left, r.right, r.height]; })""")
    assert cells and all(left >= 0 and right <= 391 for _c, left, right, _h in cells), cells
    assert max(h for *_x, h in cells) < 400, "no huge blank rows"
    changes = page.locator("[data-testid=history-changes] li")
    assert changes.count() >= 2
    assert "→" in changes.first.inner_text()
    assert page.locator("input[name=since]").get_attribute("placeholder") == "例：2027-06-30"
    page.screenshot(path=str(SHOTS / "history-phone.png"), full_page=True)
    assert page.troubles == []

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(page.base + "/history/")
    district = page.locator("[data-testid=history] tbody td.district").first
    line = page.evaluate("() => parseFloat(getComputedStyle(document.body).lineHeight) || 24")
    assert district.bounding_box()["height"] < 2 * line + 16


def test_the_printed_list_says_its_filter(world: World, browser_page: Any) -> None:
    run = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/runs/{run.pk}/rectification/?requirement=R3")
    page.emulate_media(media="print")
    said = page.locator("[data-testid=rect-active-filters]")
    assert said.is_visible() and "筛选：要件 R3" in said.inner_text()
    assert "筛选后：" in said.inner_text()
    page.screenshot(path=str(SHOTS / "rectification-print-filtered.png"), full_page=True)
    assert not page.locator("[data-testid=rect-filters]").is_visible()
    assert page.troubles == []
