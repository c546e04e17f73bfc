"""The PDF printed by headless Chromium (ADR 0014), on the real report of sample district S: the
same checks of the printed page as WeasyPrint's (test_pdf_layout), the contents' page numbers
written in afterwards, every group of findings printed open, and WeasyPrint printing instead
when Chromium cannot."""

from __future__ import annotations

import html as html_lib
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from youjun.report.chromium_pdf import chromium_executable, contents_targets, number_contents
from youjun.report.htmlpage import render_html
from youjun.report.pdf import render_pdf

if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
    pytest.skip("poppler-utils missing: run scripts/install-system-deps.sh", allow_module_level=True)
if chromium_executable() is None:  # pragma: no cover - the project's setup installs it
    pytest.skip("no Chromium (scripts/install-system-deps.sh --with-browser)", allow_module_level=True)

from tests.report.test_pdf_layout import LATIN, overlapping_words, pdf_pages

pytestmark = pytest.mark.slow

MARGIN_PT = 14 / 25.4 * 72  # report.css: @page { margin: 16mm 14mm } on each side
TOLERANCE_PT = 1.0


@dataclass(frozen=True)
class Printed:
    lang: str
    html: str  # as printed: the PDF's own page (render_html with links=False)
    pdf: Path


@pytest.fixture(scope="module", params=["zh", "en"])
def printed(request: pytest.FixtureRequest, s_result: dict[str, Any],
            tmp_path_factory: pytest.TempPathFactory) -> Printed:
    html = render_html(s_result, request.param, ["report.pdf"], links=False)
    path = render_pdf(html, tmp_path_factory.mktemp(f"chromium-{request.param}") / "report.pdf")
    return Printed(request.param, html, path)


def _text(pdf: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", "-layout", *span, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_chromium_printed_it(printed: Printed) -> None:
    assert "Skia/PDF" in _info(printed.pdf)  # not WeasyPrint's fallback


def _first_heading(html: str, anchor: str) -> str:
    """The text of the first heading at or after the element ``id=anchor``."""
    at = html.index(f'id="{anchor}"')
    found = re.search(r"<(h[1-4])[^>]*>(.*?)</\1>", html[html.rindex("<", 0, at):], re.S)
    assert found, anchor
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", found.group(2))).split())


def test_the_contents_give_the_page_each_part_starts_on(printed: Printed) -> None:
    """Each line of the contents ends in a page number, and the first heading of the part it
    links to is on that page."""
    text = _text(printed.pdf)
    heading = "目录" if printed.lang == "zh" else "Contents"
    start = re.search(rf"(?m)^\s*{heading}\s*$", text)
    assert start, heading
    targets = contents_targets(printed.html)
    lines = [line for line in text[start.end():].splitlines() if line.strip()][:len(targets)]
    entries = [re.fullmatch(r"\s*\d+\.\s+(.+?)\s+(\d+)", line) for line in lines]
    assert all(entries), lines
    pages = [" ".join(page.split()) for page in text.split("\f")]
    for anchor, entry in zip(targets, entries, strict=True):
        assert entry is not None
        page, first = int(entry.group(2)), _first_heading(printed.html, anchor)
        assert first in pages[page - 1], f"{entry.group(1)!r} ({anchor}, {first!r}) is not on page {page}"


def test_the_bookmarks_are_the_contents_each_on_its_page(printed: Printed) -> None:
    """The PDF opens with its bookmarks: the contents' lines, in order, each to the page its
    contents line gives (walk 36: the outline was empty)."""
    from pypdf import PdfReader

    from youjun.report.chromium_pdf import contents_titles

    reader = PdfReader(printed.pdf)
    marks = [(m.title, reader.get_destination_page_number(m) + 1) for m in reader.outline]
    titles = contents_titles(printed.html)
    assert [t for t, _ in marks] == [titles[t] for t in contents_targets(printed.html)]
    text = _text(printed.pdf)
    numbered = dict(re.findall(r"(?m)^\s*\d+\.\s+(.+?)\s{2,}(\d+)\s*$", text))
    for title, page in marks:
        assert int(numbered[title]) == page, (title, page)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_every_font_is_embedded(printed: Printed) -> None:
    """The contents' page numbers are drawn in the embedded face of the contents' own text (walk
    36: they were in Helvetica, the one font a print shop would have had to supply)."""
    fonts = subprocess.run(["pdffonts", str(printed.pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row) for row in rows), fonts
    assert "Helvetica" not in fonts


def test_every_group_of_findings_is_printed_open(printed: Printed) -> None:
    """Chromium prints a closed <details> folded (its summary only): every teacher named in the
    findings, and the last finding's number, are on paper."""
    text = html_lib.unescape(_text(printed.pdf))
    teachers = set(re.findall(r"T\d{13}", printed.html))
    assert teachers and {t for t in teachers if t not in text} == set()
    last = max(int(n) for n in re.findall(r'<td class="n">(\d+)</td>', printed.html))
    assert re.search(rf"(?m)^\s*{last}\s+\S", text)


def test_every_page_is_numbered_out_of_the_right_total(printed: Printed) -> None:
    pages = int(re.search(r"Pages:\s+(\d+)", _info(printed.pdf)).group(1))  # type: ignore[union-attr]
    footer = r"第 (\d+) 页，共 (\d+) 页" if printed.lang == "zh" else r"page (\d+) of (\d+)"
    footers = re.findall(footer, _text(printed.pdf))
    assert [int(n) for n, _ in footers] == list(range(1, pages + 1))
    assert {int(total) for _, total in footers} == {pages}


def test_no_word_outside_the_printable_area(printed: Printed) -> None:
    out = [f"page {w.page}: {w.text!r}" for width, height, words in pdf_pages(printed.pdf) for w in words
           if w.x0 < MARGIN_PT - TOLERANCE_PT or w.x1 > width - MARGIN_PT + TOLERANCE_PT
           or w.y0 < -TOLERANCE_PT or w.y1 > height + TOLERANCE_PT]
    assert out == [], f"{printed.lang}: {len(out)} words, e.g. {out[:8]}"


def test_no_two_words_overlap(printed: Printed) -> None:
    found = overlapping_words(printed.pdf)
    assert found == [], f"{printed.lang}: {len(found)} pairs, e.g. {found[:8]}"


def test_english_words_are_not_broken_inside(printed: Printed) -> None:
    known = set(LATIN.findall(html_lib.unescape(printed.html)))
    pieces = sorted({f"page {w.page}: {run!r} in {w.text!r}" for _, _, words in pdf_pages(printed.pdf)
                     for w in words for run in LATIN.findall(w.text) if run not in known})
    assert pieces == [], f"{printed.lang}: {len(pieces)} broken words, e.g. {pieces[:8]}"


def test_a_pdf_without_contents_is_left_as_printed(printed: Printed) -> None:
    pdf = printed.pdf.read_bytes()
    assert number_contents(pdf, []) is pdf
    assert number_contents(pdf, ["no-such-part"]) is pdf


# -- WeasyPrint instead -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_html() -> str:
    from tests.report.example_result import example_result

    return render_html(example_result(), "zh", ["report.pdf"], links=False)


def test_weasyprint_prints_when_chosen(small_html: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YOUJUN_PDF_ENGINE", "weasyprint")
    info = _info(render_pdf(small_html, tmp_path / "report.pdf"))
    assert "WeasyPrint" in info and "Skia" not in info


def test_weasyprint_prints_when_chromium_cannot(small_html: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    """A Chromium that stops at once (here /bin/false): the PDF is printed all the same, and
    why Chromium did not print it is logged."""
    monkeypatch.setenv("YOUJUN_CHROMIUM", "/bin/false")
    with caplog.at_level(logging.WARNING, logger="youjun.report.pdf"):
        path = render_pdf(small_html, tmp_path / "report.pdf")
    assert "WeasyPrint" in _info(path)
    assert "评估结论" in _text(path)
    assert any("Chromium could not print" in r.getMessage() and "DevTools pipe" in r.getMessage()
               for r in caplog.records)


def test_the_digits_codes_are_read_from_bfchar_and_bfrange() -> None:
    from youjun.report.chromium_pdf import _digit_codes

    cmap = (b"2 beginbfchar\n<0011> <0030>\n<0012> <0031>\nendbfchar\n"
            b"1 beginbfrange\n<0040> <0047> <0032>\nendbfrange\n")
    assert _digit_codes(cmap) == {"0": 0x11, "1": 0x12, **{str(d): 0x40 + d - 2 for d in range(2, 10)}}
    assert len(_digit_codes(b"1 beginbfchar\n<0011> <0030>\nendbfchar\n")) == 1  # Helvetica then
