"""The PDF's layout, checked mechanically on the real report of sample district S (zh and en).

What a tester saw (issue F4): a figure printed over the limit beside it, the gap column cut at
the page edge, a document number running into the next column, English words broken in the
middle ("confirme d"). Three checks, each on the real engine result through the real template:

- the layout WeasyPrint computed: no line of text reaches outside its table cell, no text and
  no cell outside the page's content area;
- the PDF itself (``pdftotext -bbox-layout``): no word outside the printable area (the page
  minus its side margins), no two words on one line overlapping;
- no English word broken inside: every Latin word in the PDF is a word of the HTML.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (see requirements.lock)")
if not shutil.which("pdftotext"):
    pytest.skip("poppler-utils missing: run scripts/install-system-deps.sh", allow_module_level=True)

from youjun.assess.engine import assess_tables
from youjun.report.htmlpage import render_html
from youjun.report.pdf import layout
from youjun.sample import generate

pytestmark = pytest.mark.slow

PT_PER_PX = 72 / 96  # WeasyPrint lays out in CSS px; PDF coordinates are points
TOLERANCE_PT = 1.0  # anti-aliasing and glyph side bearings; a real overflow is several points
TOLERANCE_PX = 0.5  # WeasyPrint's layout unit is the CSS px (1/96 in)
# Latin runs that may stand alone without being in the HTML as such: none so far.
LATIN = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Rendered:
    lang: str
    html: str
    document: Any  # weasyprint.Document
    pdf: Path


@pytest.fixture(scope="module")
def sample_result() -> dict[str, Any]:
    return assess_tables(generate("S", 2023))[0]


@pytest.fixture(scope="module", params=["zh", "en"])
def rendered(request: pytest.FixtureRequest, sample_result: dict[str, Any],
             tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    lang = request.param
    html = render_html(sample_result, lang)
    path = tmp_path_factory.mktemp(f"pdf-{lang}") / "report.pdf"
    document = layout(html, path.parent)
    document.write_pdf(path)
    return Rendered(lang, html, document, path)


# -- the layout WeasyPrint computed --------------------------------------------------------------

def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _walk(child)


def outside_cells(document: Any) -> list[str]:
    """Each line of text reaching past its table cell's border, and each text or cell reaching
    past the page's content box, as 'page N: text (+x px)'."""
    from weasyprint.formatting_structure import boxes

    out: list[str] = []
    for n, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left, right = page_box.content_box_x(), page_box.content_box_x() + page_box.width
        for box in _walk(page_box):
            if isinstance(box, boxes.MarginBox):
                continue  # running head and page number: in the margin on purpose
            if isinstance(box, boxes.TableCellBox):
                cell_left = box.border_box_x()
                cell_right = cell_left + box.border_width()
                if cell_right > right + TOLERANCE_PX:
                    out.append(f"page {n}: cell past the page ({cell_right - right:+.0f} px)")
                for text in _walk(box):
                    if not isinstance(text, boxes.TextBox):
                        continue
                    over = text.position_x + text.width - cell_right
                    if over > TOLERANCE_PX or text.position_x < cell_left - TOLERANCE_PX:
                        out.append(f"page {n}: {text.text!r} out of its cell ({over:+.0f} px)")
            elif isinstance(box, boxes.TextBox):
                over = box.position_x + box.width - right
                if over > TOLERANCE_PX or box.position_x < left - TOLERANCE_PX:
                    out.append(f"page {n}: {box.text!r} past the page ({over:+.0f} px)")
    return out


def test_no_text_outside_its_cell_or_the_page(rendered: Rendered) -> None:
    found = outside_cells(rendered.document)
    assert found == [], f"{rendered.lang}: {len(found)} overflows, e.g. {found[:8]}"


# -- the PDF as pdftotext reads it ---------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def pdf_pages(pdf: Path) -> Iterator[tuple[float, float, list[Word]]]:
    """(width, height, words) of each page, in points (pdftotext -bbox-layout)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    pages = re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S)
    for n, page in enumerate(pages, start=1):
        words = [Word(n, float(a), float(b), float(c), float(d), html_lib.unescape(t))
                 for a, b, c, d, t in re.findall(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" '
                                                 r'xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>',
                                                 page.group(3))]
        yield float(page.group(1)), float(page.group(2)), words


def side_margins(document: Any) -> tuple[float, float]:
    """The left and right page margins of the report's CSS (@page), in points."""
    page = document.pages[0]._page_box
    return page.margin_left * PT_PER_PX, page.margin_right * PT_PER_PX


def outside_printable_area(pdf: Path, margins: tuple[float, float]) -> list[str]:
    """Words reaching into the side margins or off the page (the running head and the page
    number sit in the top and bottom margins on purpose)."""
    left, right = margins
    out = []
    for width, height, words in pdf_pages(pdf):
        for w in words:
            if (w.x0 < left - TOLERANCE_PT or w.x1 > width - right + TOLERANCE_PT
                    or w.y0 < -TOLERANCE_PT or w.y1 > height + TOLERANCE_PT):
                out.append(f"page {w.page}: {w.text!r} at x {w.x0:.0f}–{w.x1:.0f} of {width:.0f}")
    return out


def overlapping_words(pdf: Path) -> list[str]:
    """Pairs of words on one line whose boxes overlap (one printed over the other). Boxes of
    consecutive lines may touch: a pair counts when it shares more than half its height."""
    out = []
    for _, _, words in pdf_pages(pdf):
        words.sort(key=lambda w: w.x0)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b.x0 >= a.x1 - TOLERANCE_PT:
                    break
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                if dx > TOLERANCE_PT and dy > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0):
                    out.append(f"page {a.page}: {a.text!r} over {b.text!r}")
    return out


def test_no_word_outside_the_printable_area(rendered: Rendered) -> None:
    found = outside_printable_area(rendered.pdf, side_margins(rendered.document))
    assert found == [], f"{rendered.lang}: {len(found)} words, e.g. {found[:8]}"


def test_no_two_words_overlap(rendered: Rendered) -> None:
    found = overlapping_words(rendered.pdf)
    assert found == [], f"{rendered.lang}: {len(found)} pairs, e.g. {found[:8]}"


def test_english_words_are_not_broken_inside(rendered: Rendered) -> None:
    """'confirme d', 'commonl y quoted': a piece of a word is not a word of the HTML (the
    template, its CSS and its SVG charts hold every word the PDF may print)."""
    known = set(LATIN.findall(html_lib.unescape(rendered.html)))
    pieces = sorted({f"page {w.page}: {run!r} in {w.text!r}"
                     for _, _, words in pdf_pages(rendered.pdf) for w in words
                     for run in LATIN.findall(w.text) if run not in known})
    assert pieces == [], f"{rendered.lang}: {len(pieces)} broken words, e.g. {pieces[:8]}"
