"""At 390 px in real headless Chromium (F2): the run's school page and the school's year over
year reflow into labelled cards — every value, its unit and the 区县均值 on the screen, the
indicator's name on lines of more than two characters, the ✓ → ✓ on one line.

Screenshots go to $YOUJUN_SCREENSHOT_DIR (default: a temporary folder)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import (  # noqa: F401
    OUTSIDE,
    PHONE,
    assessed_run,
    browser_page_fixture,
    log_in,
    skip_without_browser,
)
from tests.web.browser_page import open_on_phone as _open
from tests.web.world import A, World, district_tables
from youjun.web.apps.schools import services as school_services

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _runs(world: World) -> Any:
    school_services.store_snapshot(None, world.a, district_tables(A, "2023-2024"), source="old.xlsx")
    assessed_run(world, "2023-2024")
    return assessed_run(world, "2025-2026")


def test_run_school_page_and_school_compare_fit_390px(world: World, browser_page: Any) -> None:
    run = _runs(world)
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "officer")
    _open(page, f"/runs/{run.pk}/s/{A}0001/", "walk-run-school-phone-zh")
    assert page.evaluate(OUTSIDE, "table.stack td") == []
    means = page.locator("[data-testid=values-primary] td[data-label=区县均值]")
    assert means.count() == 7 and "人/百名学生" in means.first.inner_text()
    _open(page, f"/s/{A}0001/compare/", "walk-school-compare-phone-zh")
    assert page.evaluate(OUTSIDE, "[data-testid=compare-school] td") == []
    first = page.locator("[data-testid=compare-school] tbody tr td:first-child").first
    assert first.bounding_box()["width"] > 200  # the indicator's name has the card's width
    met = page.locator("[data-testid=compare-school] td[data-label=是否达标]").first
    assert met.bounding_box()["height"] < 40  # "✓ → ✓" on one line
    assert not page.troubles, page.troubles
