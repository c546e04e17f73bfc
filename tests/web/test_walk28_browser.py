"""The district page at 390 px in real headless Chromium (walk 28): the school-years table read
sideways off the screen, its 运行评估 button out of reach; now each year is a card and the button
is on the screen without a sideways scroll."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import OUTSIDE, PHONE, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.world import A, World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_the_run_button_is_reachable_on_a_phone(world: World, browser_page: Any) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "bureau")
    page.goto(page.base + f"/d/{A}/")
    button = page.locator("[data-testid=run-2025-2026]")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(OUTSIDE, "[data-testid=school-years] td") == []
    assert page.troubles == []
