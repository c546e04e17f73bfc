"""The province page of 40 districts in real headless Chromium: sorting by a column header and
filtering by a select (which sends its form by itself), the tiles by prefecture, no script error,
the table whole at 1360 px with compact rows, each district a card on a phone (nothing scrolls
sideways) and the CV chart's legend clear of its axis title. Screenshot (zh) to
$YOUJUN_SCREENSHOT_DIR as province-page.png (docs/images to refresh the committed one)."""

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


# elements wider than what holds them (a table that would need a sideways scroll)
WIDE = """sel => [...document.querySelectorAll(sel)].filter(e => e.scrollWidth > e.parentElement.clientWidth + 1)
    .map(e => e.tagName + ':' + e.scrollWidth + '>' + e.parentElement.clientWidth)"""
# the links to each district's result that a sideways scroll (of the table or of the page) would hide
HIDDEN_LINKS = """() => { const box = document.querySelector('.pv-scroll').getBoundingClientRect();
  const right = Math.min(box.right, document.documentElement.clientWidth) + 1;
  return [...document.querySelectorAll('[data-testid=province-table] td.pv-why a')]
    .filter(a => a.getBoundingClientRect().right > right).map(a => a.closest('tr').dataset.code); }"""
# the chart texts that overlap the value axis's title ("差异系数"): the legend's names
LEGEND_OVER_AXIS_NAME = """() => { const out = [];
  document.querySelectorAll('[data-chart=compare] svg').forEach(svg => {
    const texts = [...svg.querySelectorAll('text')];
    const axis = texts.find(t => t.textContent.trim() === '差异系数');
    if (!axis) { out.push('no axis title'); return; }
    const a = axis.getBoundingClientRect();
    texts.filter(t => t !== axis).forEach(t => { const b = t.getBoundingClientRect();
      if (b.width && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        out.push(t.textContent); } }); });
  return out; }"""
ROW_HEIGHTS = """() => [...document.querySelectorAll('[data-testid=province-table] tbody tr')]
    .map(r => r.getBoundingClientRect().height)"""


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
    page.click("[data-testid=province-table] a[data-sort=requirements]")  # a count: the most first
    page.wait_for_url(re.compile(r"sort=-requirements"))
    page.click("[data-testid=province-table] a[data-sort=requirements]")  # a second click reverses it
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
    # a 1360 px desktop, in both languages: the whole table fits, every row's link to its result in
    # view without a sideways scroll, and no hint about scrolling
    for lang in ("zh", "en"):
        page.context.add_cookies([{"name": "youjun_language", "value": lang, "url": page.base}])
        page.goto(page.base + f"/p/{HUBEI}/")
        assert ("区县" if lang == "zh" else "District") in page.inner_text("th.pv-col-code")
        assert page.evaluate(WIDE, "[data-testid=province-table]") == [], lang
        assert page.evaluate(HIDDEN_LINKS) == [], lang
        # rows stay compact: the items not met are codes, their names folded (walk 28: 20 lines a row)
        heights = page.evaluate(ROW_HEIGHTS)
        assert len(heights) == N_DISTRICTS and max(heights) < 150, (lang, heights)
    page.context.add_cookies([{"name": "youjun_language", "value": "zh", "url": page.base}])
    page.set_viewport_size(PHONE)
    page.goto(page.base + f"/p/{HUBEI}/")
    assert page.evaluate(OUTSIDE, "main > *, .pv-tiles, .filters") == []
    # each district a card: nothing scrolls sideways, every link to a result in view (walk 28)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(WIDE, "[data-testid=province-table]") == []
    assert page.evaluate(HIDDEN_LINKS) == []
    assert page.evaluate(OUTSIDE, "[data-testid=province-table] td") == []
    # the CV chart's legend never covers the value axis's title (差异系数)
    page.wait_for_selector("[data-chart='compare'][data-ready='1']", timeout=15000)
    assert page.evaluate(LEGEND_OVER_AXIS_NAME) == [], "the legend covers the axis title"
    page.locator("#districts").screenshot(path=str(SHOTS / "province-page-phone.png"))
    assert page.troubles == []
