"""The province page of 40 districts in real headless Chromium: sorting by a column header and
filtering by a select (which sends its form by itself), the tiles by prefecture, no script error,
nothing outside the page on a phone. Screenshot (zh) to $YOUJUN_SCREENSHOT_DIR as
province-page.png (docs/images to refresh the committed one)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import OUTSIDE, PHONE, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.test_province_page import HUBEI, N_DISTRICTS, build_province
from tests.web.world import World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))


def codes(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-testid=province-table] tbody tr[data-code]",
                                     "rows => rows.map(r => r.dataset.code)")


def test_the_province_page_in_the_browser(world: World, browser_page: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    build_province(monkeypatch)
    page = browser_page
    log_in(page, "inspector_hb")
    page.goto(page.base + f"/p/{HUBEI}/")
    assert len(codes(page)) == N_DISTRICTS
    assert page.locator("[data-testid=province-map] a.pv-tile").count() == N_DISTRICTS
    page.wait_for_selector("[data-chart='compare'][data-ready='1']", timeout=15000)
    page.set_viewport_size({"width": 1360, "height": 900})
    page.screenshot(path=str(SHOTS / "province-page.png"), full_page=True)
    page.click("[data-testid=province-table] a[data-sort=requirements]")
    page.wait_for_url(re.compile(r"sort=requirements"))
    page.click("[data-testid=province-table] a[data-sort=requirements]")
    page.wait_for_url(re.compile(r"sort=-requirements"))
    page.select_option("[data-testid=province-status]", "fail")  # sends the form by itself (autosubmit.js)
    page.wait_for_url(re.compile(r"status=fail"))
    shown = codes(page)
    assert 0 < len(shown) < N_DISTRICTS
    assert "sort=-requirements" in page.url  # the sort is kept by the filter
    href = page.get_attribute("[data-testid=province-xlsx]", "href") or ""
    assert "status=fail" in href and "sort=-requirements" in href
    page.set_viewport_size(PHONE)
    page.goto(page.base + f"/p/{HUBEI}/")
    assert page.evaluate(OUTSIDE, "main > *, .pv-tiles, .filters") == []
    assert page.troubles == []
