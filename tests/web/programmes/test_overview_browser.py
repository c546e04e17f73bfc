"""The bureau in a real headless Chromium: opens the district overview (the default range shows
part of the seeded building works), changes the year range to 2019–2023 and reads the sources'
128 schools and 38,000 seats, then opens the records behind “新建改扩建学校”. No script error,
nothing blocked by the CSP. Screenshot district-overview.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from tests.web.browser_page import SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.overview import demo

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_bureau_changes_the_years_and_opens_the_works_behind_a_figure(pworld: PWorld, browser_page: Any) -> None:
    a = pworld.base.a
    demo.seed(a, today=dt.date(2026, 12, 1), rng=random.Random(5))
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "bureau")
    page.goto(page.base + f"/d/{a.code}/")
    page.click("[data-testid=overview-district-link]")
    page.wait_for_load_state()
    schools = "[data-testid=figure-schools_built_or_enlarged] [data-testid=figure-value]"
    first = int(page.locator(schools).inner_text().replace(",", ""))
    assert 0 < first < 128  # the default range (the last five full years) shows part of them
    page.fill("[data-testid=range-from]", "2019")
    page.fill("[data-testid=range-to]", "2023")
    page.click("[data-testid=range-submit]")
    page.wait_for_load_state()
    assert page.locator(schools).inner_text() == "128"
    assert page.locator("[data-testid=figure-seats_added] [data-testid=figure-value]").inner_text() == "38,000"
    page.screenshot(path=str(SHOTS / "district-overview.png"), full_page=True)
    page.click("[data-testid=figure-schools_built_or_enlarged] [data-testid=figure-link]")
    page.wait_for_load_state()
    assert f"/overview/district/{a.code}/works/" in page.url and "from=2019" in page.url
    assert page.locator("[data-testid=work-row]").count() == 50  # the first page of 128
    assert "128" in page.locator("[data-testid=works-total]").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(page.base + f"/overview/district/{a.code}/?from=2019&to=2023")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width
    assert page.troubles == []
