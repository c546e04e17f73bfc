"""The province page and the district page at 390 px in real headless Chromium (walk 29): on a
phone the province table's headers are hidden, so its 排序方式 select sorts (and is on the screen);
the district page's school register reads as cards, nothing wider than the screen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import OUTSIDE, PHONE, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.sample_runs import make_run, s_result
from tests.web.world import A, B, World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()

ROWS = "() => [...document.querySelectorAll('[data-testid=province-table] tbody tr')].map(t => t.dataset.code)"


def test_a_phone_sorts_the_province_table_and_reads_the_register_as_cards(world: World, browser_page: Any) -> None:
    make_run(world, s_result())
    other = s_result()
    other["verdict"]["findings"] = other["verdict"]["findings"][:1]  # B: one requirement not met
    make_run(world, other, district=world.b)
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "inspector")
    page.goto(page.base + "/p/500000/")
    assert page.evaluate("() => document.querySelector('[data-testid=province-table] thead')"
                         ".getBoundingClientRect().height") == 0  # the headers are hidden on a phone
    select = page.locator("[data-testid=province-sort]")
    box = select.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert page.evaluate(ROWS)[:2] == sorted([A, B])
    with page.expect_navigation():
        select.select_option("-requirements")
    assert "sort=-requirements" in page.url and page.evaluate(ROWS)[:2] == [A, B]
    assert "“排序方式”" in page.locator("[data-testid=province-order]").inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    log_in(page, "bureau")
    page.goto(page.base + f"/d/{A}/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(OUTSIDE, "[data-testid=register-table] td") == []
    status = page.locator("[data-testid=register-table] tbody tr").first.locator("td").last
    assert status.bounding_box()["x"] + status.bounding_box()["width"] <= PHONE["width"]
    assert page.troubles == []
