"""At 390 px in real headless Chromium: the school page's tables reflow into stacked cards (the
详情 link of the results table is on the screen, not clipped), the officer form and the school
page do not scroll sideways, and the rectification list's wide table scrolls inside its own
container with a visible hint.

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
from tests.web.world import A, World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
YEAR = "2025-2026"


def _run(world: World) -> Any:
    return assessed_run(world, YEAR)


def test_school_page_and_officer_form_fit_390px(world: World, browser_page: Any) -> None:
    _run(world)
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "officer")
    _open(page, f"/s/{A}0001/", "phone-school-page-officer-zh")
    # the results and figures tables are stacked cards: every cell, the 详情 link too, on the screen
    assert page.evaluate(OUTSIDE, "table.stack td, table.stack a") == []
    details = page.locator(f"[data-testid=school-result-{YEAR}]")
    assert details.is_visible() and details.bounding_box()["x"] + details.bounding_box()["width"] <= PHONE["width"]
    assert page.evaluate(OUTSIDE, "[data-testid=standing] *") == []  # the reasons wrap
    _open(page, f"/s/{A}0001/form/{YEAR}/", "phone-officer-form-zh2")
    assert page.evaluate(OUTSIDE, "form.figures *") == []
    page.context.clear_cookies()
    log_in(page, "bureau")
    _open(page, f"/s/{A}0002/", "phone-school-page-bureau-zh")
    assert page.evaluate(OUTSIDE, "table.stack td, [data-testid=standing] *") == []
    assert not page.troubles, page.troubles


def test_rectification_list_scrolls_inside_with_a_hint(world: World, browser_page: Any) -> None:
    run = _run(world)
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "bureau")
    _open(page, f"/runs/{run.pk}/rectification/", "phone-rectification-zh")
    hint = page.locator(".scroll-hint").first
    assert hint.is_visible() and "左右滑动" in hint.inner_text()
    # the table is wider than the screen, and it is its own box that scrolls, not the page
    box = page.evaluate("""() => { const t = document.querySelector('[data-testid=rect-table]');
        const s = t.closest('.scroll'); return [t.scrollWidth, s.clientWidth, getComputedStyle(s).overflowX]; }""")
    assert box[2] == "auto", box
    # outside the table nothing runs off the screen (filters, headline, advice text)
    assert page.evaluate(OUTSIDE, "main > *:not(.scroll), .filters *, [data-testid=rect-headline]") == []
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not page.locator(".scroll-hint").first.is_visible()  # a wide screen needs no hint
    assert not page.troubles, page.troubles
