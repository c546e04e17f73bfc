"""The statistics page in a real Chromium at a phone's width (390 px): no sideways page
scroll, the charts drawn and scaled into the page, no script errors or CSP reports."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import browser_page_fixture, skip_without_browser  # noqa: F401
from tests.web.consultation.cworld import CWorld
from tests.web.consultation.test_publishing_world import build_year

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_statistics_page_on_a_phone(browser_page: Any, cworld: CWorld, tmp_path: Any) -> None:
    build_year(cworld)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    for lang in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "youjun_language", "value": lang, "url": page.base}])
        page.goto(f"{page.base}/consult/stats/")
        assert page.locator('[data-testid="stat-activities"] .kpi-value').inner_text() in ("4 次", "4 meetings")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{lang}: the page scrolls sideways by {overflow} px"
        for svg in page.locator("svg.c-chart").all():
            box = svg.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.screenshot(path=str(tmp_path / f"stats-{lang}.png"), full_page=True)
    assert page.troubles == []
