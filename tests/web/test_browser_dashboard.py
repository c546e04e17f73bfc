"""The dashboard in real headless Chromium over the real engine result of sample S: the
school × indicator grid filtered, searched, sorted and paged (the URL keeps the state), and the
trend chart readable at phone width (each line labelled at its end, values in a table, axes in words, the limit labelled
inside the chart). Screenshots (zh) go to $YOUJUN_SCREENSHOT_DIR."""

from __future__ import annotations

import copy
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.sample_runs import make_run, s_result
from tests.web.world import World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))


def codes(page: Any, level: str) -> list[str]:
    return page.eval_on_selector_all(f"[data-testid=grid-{level}] tbody tr[data-code]:not(.print-only)",
                                     "rows => rows.map(r => r.dataset.code)")


def test_grid_filters_search_sort_and_pages_in_the_browser(world: World, browser_page: Any) -> None:
    run = make_run(world, s_result())
    primary = [s for s in s_result()["schools"] if s["level"] == "primary"]
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/runs/{run.pk}/")
    assert len(codes(page, "primary")) == 50 and codes(page, "junior")

    page.select_option("[data-testid=grid-level]", "primary")  # submits by itself (autosubmit.js)
    page.wait_for_url(re.compile(r"level=primary"))
    assert codes(page, "primary") and page.locator("[data-testid=grid-junior]").count() == 0

    page.select_option("[data-testid=grid-fails]", "R3")
    page.wait_for_url(re.compile(r"fails=R3"))
    r3 = {s["code"] for s in primary if s["meets"]["r3_pe_art_teachers_per100"] is False}
    assert set(codes(page, "primary")) == r3
    assert "level=primary" in page.url  # the state stays in the URL

    page.click("[data-testid=grid-primary] a[data-sort=r3]")
    page.wait_for_url(re.compile(r"sort=r3"))
    values = {s["code"]: s["values"]["r3_pe_art_teachers_per100"] for s in primary}
    shown = codes(page, "primary")
    assert [values[c] for c in shown] == sorted(values[c] for c in shown)
    page.click("[data-testid=grid-primary] a[data-sort=r3]")
    page.wait_for_url(re.compile(r"sort=-r3"))
    assert page.get_attribute("[data-testid=grid-primary] th[aria-sort]", "aria-sort") == "descending"

    page.goto(page.base + f"/runs/{run.pk}/?status=met")
    page.click("[data-testid=grid-next-primary]")
    page.wait_for_url(re.compile(r"page_primary=2"))
    assert "status=met" in page.url and codes(page, "primary")

    page.fill("[data-testid=grid-q]", "没有这所学校")
    page.click("[data-testid=grid-search]")
    page.wait_for_url(re.compile(r"q=%E6%B2%A1"))
    assert page.locator("[data-testid=grid-empty]").count() == 2
    assert "没有符合条件的学段" in page.inner_text("[data-testid=grid]")
    assert not page.troubles, page.troubles
    page.goto(page.base + f"/runs/{run.pk}/?fails=R3#grid")
    page.locator("[data-testid=grid]").scroll_into_view_if_needed()
    page.locator("[data-testid=grid-filters]").screenshot(path=str(SHOTS / "web-dashboard-grid-filters-zh.png"))


def test_trend_chart_is_readable_at_phone_width(world: World, browser_page: Any) -> None:
    earlier = copy.deepcopy(s_result())
    for ind in earlier["levels"]["primary"]["indicators"].values():
        ind["cv_rounded"] = round(ind["cv_rounded"] * 1.1, 3)
    make_run(world, earlier, "2024-2025")
    run = make_run(world, s_result())
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "bureau")
    page.goto(page.base + f"/runs/{run.pk}/")
    chart = page.locator("[data-testid=trend-primary]")
    chart.scroll_into_view_if_needed()
    page.wait_for_selector("[data-testid=trend-primary][data-ready='1']")
    texts = chart.evaluate("el => [...el.querySelectorAll('svg text')].map(t => t.textContent)")
    assert "差异系数" in texts and "学年" in texts
    assert "2024-2025" in texts and "2025-2026" in texts
    limit = next(t for t in texts if t.startswith("限值 "))
    assert limit == "限值 0.50"
    # each line is labelled once at its end (test_walk_run_browser); every value is in the table
    cvs = [ind["cv_rounded"] for ind in s_result()["levels"]["primary"]["indicators"].values()]
    table = page.inner_text("[data-testid=trend-table-primary]")
    assert all(f"{v:.3f}" in table for v in cvs), (cvs, table)
    assert "CV" not in texts
    # no label outside the chart's box (the limit label is not clipped)
    box = chart.bounding_box()
    outside = chart.evaluate("""el => { const b = el.getBoundingClientRect();
        return [...el.querySelectorAll('svg text')].filter(t => t.textContent.trim())
          .map(t => Object.assign(t.getBoundingClientRect().toJSON(), {text: t.textContent}))
          .filter(r => r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
          .map(r => [r.text, r.left - b.left, r.right - b.right, r.top - b.top, r.bottom - b.bottom]); }""")
    assert box and outside == [], outside
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not page.troubles, page.troubles
    chart.screenshot(path=str(SHOTS / "web-dashboard-trend-phone-zh.png"))
