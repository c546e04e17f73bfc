"""Walk 23 in real headless Chromium: the run dashboard's CV chart at a 390 px phone width keeps
its legend and its axis title apart (they overlapped when the title sat above the plot)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import PHONE, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.sample_runs import make_run, s_result
from tests.web.world import World

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
BOXES = """el => [...el.querySelectorAll('svg text')].filter(t => t.textContent.trim())
    .map(t => Object.assign(t.getBoundingClientRect().toJSON(), {text: t.textContent}))"""


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
            and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5)


def test_cv_chart_legend_and_axis_title_do_not_overlap_on_a_phone(world: World, browser_page: Any) -> None:
    run = make_run(world, s_result())
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "bureau")
    for lang, limit in (("zh", "限值"), ("en", "Limit")):  # the English axis title is the longer
        page.context.add_cookies([{"name": "youjun_language", "value": lang, "url": page.base}])
        page.goto(page.base + f"/runs/{run.pk}/")
        page.wait_for_selector("[data-chart=cv][data-ready='1']")
        for chart in page.query_selector_all("[data-chart=cv]"):
            chart.scroll_into_view_if_needed()
            boxes = chart.evaluate(BOXES)
            assert any(b["text"] == limit for b in boxes), boxes  # the legend is drawn
            clashes = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                       if _overlap(a, b)]
            assert clashes == [], (lang, clashes)
    assert not page.troubles, page.troubles
