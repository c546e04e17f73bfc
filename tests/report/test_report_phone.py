"""The district report (report.html) and its rectification list (rectification.html) on a phone,
in real headless Chromium: the engine's result for sample district S through the real templates.

What a bureau saw at 390 px: the page 583 px wide (it scrolled sideways), the 评估要件 table's
labels squeezed to one character a line. Now, at 390 px: nothing wider than the screen; no
header or label narrower than about three Chinese characters or wrapped a character or two a
line; in a table read as cards each figure has its column's head beside it, on its first line;
every word and figure of the wide page is still shown, in the same order (only the heads of
card tables move into the cards). At 1,360 px and in print (what WeasyPrint lays out) the tables
are the tables they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import skip_without_browser
from youjun.assess.engine import assess_tables
from youjun.report.htmlpage import render_html
from youjun.report.rectification import build_rectification
from youjun.report.rectification_render import render_rectification_html
from youjun.sample import generate

pytestmark = [pytest.mark.browser, pytest.mark.slow]

sync_api = skip_without_browser()

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1360, "height": 900}
MIN_LABEL_PX = 40  # about three Chinese characters of the tables' type

# Every text node that is drawn, in document order: [text, index of its table or -1, in a thead].
SHOWN_TEXTS = """() => {
  const tables = [...document.querySelectorAll('table')], out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const text = n.textContent.replace(/\\s+/g, ' ').trim();
    const range = document.createRange(); range.selectNodeContents(n);
    // the CV chart is drawn again, narrower, for a phone: its labels wrap at other places
    if (!text || range.getClientRects().length === 0 || n.parentElement.closest('svg')) continue;
    const table = n.parentElement.closest('table');
    out.push([text, table ? tables.indexOf(table) : -1, !!n.parentElement.closest('thead')]);
  }
  return out; }"""

# Each header cell shown and each label drawn before a cell (::before), with its size in lines,
# and where the labelled figure's first line starts beside it.
LABELS = """() => {
  const out = [];
  const lines = (range) => new Set([...range.getClientRects()].filter(r => r.width > 0)
                                     .map(r => Math.round(r.top))).size;
  for (const th of document.querySelectorAll('th')) {
    const box = th.getBoundingClientRect();
    if (box.width === 0 || !th.textContent.trim()) continue;
    for (const n of th.childNodes) {  // each text of the head (a grid head is three lines by <br>)
      if (n.nodeType !== Node.TEXT_NODE || !n.textContent.trim()) continue;
      const range = document.createRange(); range.selectNodeContents(n);
      out.push({kind: 'th', text: n.textContent.trim(), width: box.width, lines: lines(range)});
    }
  }
  for (const td of document.querySelectorAll('td')) {
    const box = td.getBoundingClientRect(), before = getComputedStyle(td, '::before');
    if (box.width === 0 || before.content === 'none' || before.content === 'normal') continue;
    const range = document.createRange(); range.selectNodeContents(td);
    const first = [...range.getClientRects()].filter(r => r.width > 0)[0];
    const style = getComputedStyle(td);
    out.push({kind: 'label', text: JSON.parse(before.content), width: parseFloat(before.width),
              lines: Math.round(parseFloat(before.height) / parseFloat(before.lineHeight)),
              labelLeft: box.left + parseFloat(style.borderLeftWidth), top: box.top + parseFloat(style.borderTopWidth)
                         + parseFloat(style.paddingTop), lineHeight: parseFloat(before.lineHeight),
              figureLeft: first ? first.left : null, figureTop: first ? first.top : null});
  }
  return out; }"""

# Per table whose thead is hidden: its heads (one per column, colspan spread) and, for each row
# with a cell per column, each cell's label (null without one).
CARD_HEADS = """() => [...document.querySelectorAll('table')].map((t, i) => {
  const head = t.querySelector('thead');
  if (!head || head.getBoundingClientRect().height > 0) return null;
  const heads = [...head.querySelectorAll('th')].flatMap(th => Array(th.colSpan).fill(th.textContent.trim()));
  const rows = [...t.querySelectorAll('tbody tr')].filter(tr => [...tr.cells].reduce((n, c) => n + c.colSpan, 0)
                                                                  === heads.length && tr.cells.length === heads.length)
    .map(tr => [...tr.cells].map(c => { const b = getComputedStyle(c, '::before').content;
                                         return b === 'none' || b === 'normal' ? null : JSON.parse(b); }));
  return {table: i, heads, rows};
}).filter(x => x)"""

# How the tables are laid out: each table's display, its thead's height, and the labels drawn.
TABLE_LAYOUT = """() => [...document.querySelectorAll('table')].map(t => ({
  display: getComputedStyle(t).display, head: t.querySelector('thead')?.getBoundingClientRect().height ?? null,
  labels: [...t.querySelectorAll('td')]
    .filter(c => !['none', 'normal'].includes(getComputedStyle(c, '::before').content)).length,
  cells: [...new Set([...t.querySelectorAll('td')].map(c => getComputedStyle(c).display))]}))"""


@pytest.fixture(scope="module")
def sample_result() -> dict[str, Any]:
    return assess_tables(generate("S", 2023))[0]


def page_html(result: dict[str, Any], which: str, lang: str) -> str:
    if which == "report":
        return render_html(result, lang)
    return render_rectification_html(build_rectification(result), lang)


def opened(browser: Any, html: str, phone: bool, tmp_path: Path) -> Any:
    """The page opened as a file; on the phone as a phone opens it (its viewport meta obeyed)."""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport=PHONE if phone else DESK, is_mobile=phone, locale="zh-CN")
    page = context.new_page()
    page.goto(path.as_uri())
    return page


@pytest.fixture(scope="module", params=[("report", "zh"), ("report", "en"), ("rectification", "zh"),
                                        ("rectification", "en")], ids=lambda p: f"{p[0]}-{p[1]}")
def both(request: pytest.FixtureRequest, sample_result: dict[str, Any], browser: Any,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any, Any]]:
    """The page at 390 px (a phone) and at 1,360 px."""
    which, lang = request.param
    html = page_html(sample_result, which, lang)
    phone = opened(browser, html, True, tmp_path_factory.mktemp("phone"))
    desk = opened(browser, html, False, tmp_path_factory.mktemp("desk"))
    yield which, phone, desk
    phone.context.close()
    desk.context.close()


def test_nothing_is_wider_than_a_phone(both: tuple[str, Any, Any]) -> None:
    which, phone, _ = both
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], which
    # laid out at the phone's width, not zoomed out from a desktop's (a page without a viewport)
    assert phone.evaluate("() => window.innerWidth") == PHONE["width"], which


def test_no_label_is_squeezed_and_each_figure_sits_beside_its_label(both: tuple[str, Any, Any]) -> None:
    which, phone, _ = both
    labels = phone.evaluate(LABELS)
    if which == "report":  # the 评估要件 table and the school grid keep their heads
        assert sum(x["kind"] == "th" for x in labels) > 20
    narrow = [(x["text"], round(x["width"])) for x in labels if x["width"] < MIN_LABEL_PX]
    assert narrow == [], (which, narrow[:10])
    # one or two characters a line is a label nobody reads (the 评估要件 table's was one a line)
    broken = [(x["text"], x["lines"]) for x in labels
              if len(x["text"]) >= 2 and x["lines"] > max(1, len(x["text"]) // 2)]
    assert broken == [], (which, broken[:10])
    drawn = [x for x in labels if x["kind"] == "label"]
    assert len(drawn) > 100, which  # the wide tables read as cards, each figure labelled
    for x in drawn:
        assert x["figureTop"] is not None, x
        assert x["figureLeft"] >= x["labelLeft"] + x["width"] - 0.5, x  # right of its label, not under it
        assert abs(x["figureTop"] - x["top"]) < x["lineHeight"], x  # on the label's first line


def test_every_word_and_figure_stays_in_order_and_the_cards_say_their_columns(both: tuple[str, Any, Any]) -> None:
    which, phone, desk = both
    cards = phone.evaluate(CARD_HEADS)
    assert cards, which
    hidden = {c["table"] for c in cards}
    wide = [text for text, table, in_head in desk.evaluate(SHOWN_TEXTS) if not (in_head and table in hidden)]
    narrow = [text for text, _, _ in phone.evaluate(SHOWN_TEXTS)]
    assert narrow == wide, which
    for c in cards:
        assert c["rows"], c["heads"]
        for row in c["rows"]:
            # a label is its column's head; at most the row's number or code and its name go
            # without one (the card's heading)
            assert all(label in (None, head) for label, head in zip(row, c["heads"], strict=True)), (row, c["heads"])
            assert sum(label is None for label in row) <= 2, (row, c["heads"])


def test_the_wide_screen_and_print_keep_the_tables(both: tuple[str, Any, Any]) -> None:
    which, phone, desk = both
    assert desk.evaluate("() => document.documentElement.scrollWidth") <= DESK["width"]
    phone.emulate_media(media="print")  # what WeasyPrint lays out: the phone's rules are screen-only
    try:
        for page in (desk, phone):
            for t in page.evaluate(TABLE_LAYOUT):
                assert t["display"] == "table" and t["head"] != 0 and t["labels"] == 0, (which, t)
                assert t["cells"] == ["table-cell"], (which, t)
    finally:
        phone.emulate_media(media="screen")


def test_the_cv_chart_reads_at_phone_width(both: tuple[str, Any, Any]) -> None:
    """At 390 px the chart is drawn at its own size: no label under 10 px (it was 5 px)."""
    which, phone, _ = both
    if which != "report":
        return
    smallest = phone.evaluate("""() => { let m = 1e9;
      for (const t of document.querySelectorAll('figure.chart svg text')) {
        if (!t.getBoundingClientRect().height) continue;
        const svg = t.closest('svg'), k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        m = Math.min(m, parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * k); }
      return m; }""")
    assert 10 <= smallest < 1e9
