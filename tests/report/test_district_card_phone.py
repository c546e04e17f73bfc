"""A district's summary.html in real headless Chromium at 390 px and 1,360 px, in both languages,
from a real district assessed by the engine: the whole page within the width (no sideways
scroll), no text under 14 px, every table within the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, skip_without_browser
from youjun.assess import assess_tables
from youjun.assess.rollup import district_summary
from youjun.report.district_card import write_district_card
from youjun.sample import generate_district

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = skip_without_browser()

MEASURE = """() => ({
  scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
  smallest: Math.min(...[...document.querySelectorAll('body *')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => parseFloat(getComputedStyle(e).fontSize))),
  tables: [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right),
  requirements: document.querySelectorAll('#requirements tbody tr').length })"""


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    result = assess_tables(generate_district("L", 2023, 16, scale=0.05))[0]
    summary = district_summary(result)
    assert summary["requirements"]  # a district failing several requirements: the longest card
    root = tmp_path_factory.mktemp("card-phone")
    return {lang: write_district_card(summary, root / lang / summary["code"], lang, "L-parquet")
            for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [390, 1360])
def test_the_card_reads_on_a_phone_and_a_desk(cards: dict[str, Path], lang: str, width: int) -> None:
    with sync_api.sync_playwright() as p:
        browser: Any = p.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(cards[lang].as_uri())
            m = page.evaluate(MEASURE)
        finally:
            browser.close()
    assert m["scroll"] <= m["width"], m
    assert m["smallest"] >= 14, m
    assert m["tables"] and max(m["tables"]) <= width, m
    assert m["requirements"] > 0
