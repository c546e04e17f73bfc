"""The PDF: several A4 pages, Chinese text extractable (a CJK font embedded, not boxes)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from youjun.report import render_html, render_pdf
from youjun.report.fonts import CJK_FAMILIES

pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (see requirements.lock)")
if not (shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdffonts")):
    pytest.skip("poppler-utils missing: run scripts/install-system-deps.sh",
                allow_module_level=True)

pytestmark = pytest.mark.slow

# Each of these sections starts a page: verdict, two levels, items, annex.
MIN_PAGES = 5


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.report.example_result import example_result

    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    return render_pdf(render_html(example_result()), path)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_pdf_has_every_page_numbered_out_of_the_right_total(pdf: Path) -> None:
    info = _run("pdfinfo", str(pdf))
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    assert pages >= MIN_PAGES
    # A4: Chromium 594.96, WeasyPrint 595.276
    assert re.search(r"Page size: +59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    text = _run("pdftotext", str(pdf), "-")
    footers = re.findall(r"第 (\d+) 页，共 (\d+) 页", text)
    assert [int(n) for n, _ in footers] == list(range(1, pages + 1))
    assert {int(total) for _, total in footers} == {pages}


def test_pdf_text_is_chinese_not_boxes(pdf: Path) -> None:
    text = _run("pdftotext", "-layout", str(pdf), "-")
    for words in ("评估结论", "未达标", "永川区双石镇中心小学", "县域义务教育优质均衡发展督导评估",
                  "教督〔2017〕6号", "缺少佐证材料"):
        assert words in text, words


def test_pdf_embeds_a_named_cjk_font(pdf: Path) -> None:
    fonts = _run("pdffonts", str(pdf))
    embedded = [line for line in fonts.splitlines()[2:] if " yes " in line]
    names = {family.replace(" ", "") for family in CJK_FAMILIES}  # "WenQuanYi-Zen-Hei" or "WenQuanYiZenHei"
    assert any(any(name in line.replace("-", "") for name in names) for line in embedded), fonts


def test_english_pdf(tmp_path: Path, result: dict[str, Any]) -> None:
    path = render_pdf(render_html(result, "en"), tmp_path / "sub" / "report-en.pdf")
    text = _run("pdftotext", str(path), "-")
    assert "DOES NOT PASS" in text and "永川区" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_pdf_text_stays_in_its_cells_and_on_the_page(
        tmp_path: Path, result: dict[str, Any], lang: str) -> None:
    """The example's verdict reasons are numbers (the sample's, in test_pdf_layout, are words)."""
    from tests.report.test_pdf_layout import (
        outside_cells,
        outside_printable_area,
        overlapping_words,
        side_margins,
    )
    from youjun.report.pdf import layout

    document = layout(render_html(result, lang), tmp_path)
    path = tmp_path / "report.pdf"
    document.write_pdf(path)
    assert outside_cells(document) == []
    assert outside_printable_area(path, side_margins(document)) == []
    assert overlapping_words(path) == []
