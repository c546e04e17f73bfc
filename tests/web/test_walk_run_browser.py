"""The run pages as the testers saw them, in real headless Chromium over the real engine result
of sample S: the trend chart draws one line per indicator across a year without a run (marked
未评估), labels each line once at its end without overlaps; printing the dashboard prints every
grid row without pager or filter controls and with school names on one line."""

from __future__ import annotations

import os
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
BOXES = """el => [...el.querySelectorAll('svg text')].filter(t => t.textContent.trim())
    .map(t => Object.assign(t.getBoundingClientRect().toJSON(), {text: t.textContent}))"""


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
            and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5)


def test_trend_lines_cross_a_missing_year_and_are_labelled_once_at_their_end(
        world: World, browser_page: Any) -> None:
    make_run(world, s_result(), "2023-2024")  # 2024-2025 has no run
    run = make_run(world, s_result())
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/runs/{run.pk}/")
    for level in ("primary", "junior"):
        chart = page.locator(f"[data-testid=trend-{level}]")
        chart.scroll_into_view_if_needed()
        page.wait_for_selector(f"[data-testid=trend-{level}][data-ready='1']")
        boxes = chart.evaluate(BOXES)
        texts = [b["text"] for b in boxes]
        codes = [f"R{i}" for i in range(1, 8)]
        # each code twice: once in the legend (top of the chart), once at the end of its line
        assert sorted(t for t in texts if t in codes) == sorted(codes * 2), texts
        top = chart.bounding_box()["y"]
        ends = [b for b in boxes if b["text"] in codes and b["top"] > top + 40]
        assert sorted(b["text"] for b in ends) == codes, ends
        assert not [t for t in texts if t.startswith("0.") and len(t) == 5], texts  # no "0.229" stacks
        assert any("未评估" in t for t in texts), texts
        clashes = [(a["text"], b["text"]) for i, a in enumerate(ends) for b in ends[i + 1:] if _overlap(a, b)]
        assert clashes == [], clashes
        # a line, not loose points: one path per indicator spanning the three years
        widths = chart.evaluate("""el => [...el.querySelectorAll('svg path')]
            .filter(p => p.getAttribute('fill') === 'none' && p.getAttribute('stroke')
                         && !p.getAttribute('stroke-dasharray'))
            .map(p => p.getBBox().width)""")
        years = chart.evaluate(BOXES)
        first = next(b for b in years if b["text"].startswith("2023-2024"))
        last = next(b for b in years if b["text"].startswith("2025-2026"))
        span = (last["left"] + last["right"]) / 2 - (first["left"] + first["right"]) / 2
        assert sum(1 for w in widths if w >= span - 2) >= 7, (widths, span)
    assert not page.troubles, page.troubles
    page.locator("[data-testid=trend-primary]").screenshot(path=str(SHOTS / "walk-trend-zh.png"))


def test_printing_the_dashboard_prints_the_whole_grid(world: World, browser_page: Any) -> None:
    run = make_run(world, s_result())
    n = {lv: sum(1 for s in s_result()["schools"] if s["level"] == lv) for lv in ("primary", "junior")}
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/runs/{run.pk}/")
    visible = """sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length).length"""
    assert page.evaluate(visible, "[data-testid=grid-primary] tbody tr") == 50  # on screen: one page
    page.emulate_media(media="print")
    assert page.evaluate(visible, "[data-testid=grid-primary] tbody tr") == n["primary"]
    assert page.evaluate(visible, "[data-testid=grid-junior] tbody tr") == n["junior"]
    for hidden in ("[data-testid=grid-pager-primary]", "[data-testid=grid-filters]"):
        assert page.evaluate(visible, hidden) == 0, hidden
    # names and towns on one line, so a row is one line high (the testers' PDF: a town per character)
    heights = page.evaluate("""() => [...document.querySelectorAll('[data-testid=grid-primary] tbody tr')]
        .map(r => [r.cells[0].textContent.trim(), r.getBoundingClientRect().height,
                   parseFloat(getComputedStyle(r.cells[2]).lineHeight) || 14])""")
    tall = [(name, h) for name, h, line in heights if h > 2.2 * line]
    assert tall == [], tall[:5]
    pdf = page.pdf(format="A4", print_background=True)
    (SHOTS / "walk-dashboard-print.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
