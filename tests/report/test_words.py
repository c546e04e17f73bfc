"""What a reader sees in the real report of sample district S: standards and options in
words with units, numbers rounded as the documents round them, local time, no codes.

The sample is assessed by the real engine and rendered by the real renderers (HTML, XLSX,
and — marked slow — PDF text through pdftotext).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from youjun.assess.engine import assess_tables
from youjun.report.htmlpage import render_html
from youjun.report.pdf import render_pdf
from youjun.report.workbook import render_xlsx
from youjun.sample import generate

REPR = re.compile(r"\{'|\['|np\.float64\(|<[a-zA-Z_.]+ object at|\w+=\{|\w+=\d")
LONG_DECIMALS = re.compile(r"(?<![\d.])\d[\d,]*\.\d{4,}(?!\d)")
ISO_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\+00:00")
CODES = ("not_met", "room_type", "urban", "rural", "max_students", "classes_per_room",
         "cv_decimals", "eligible_min_years", "teaching_point_min_students")


@pytest.fixture(scope="module")
def sample_result() -> dict[str, Any]:
    return assess_tables(generate("S", 2023))[0]


def shown_text(html: str) -> str:
    """The text a reader sees: no <style>, no tags, no attribute values."""
    html = re.sub(r"<style.*?</style>|<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def problems(text: str, lang: str) -> list[str]:
    found = [f"repr {m.group(0)!r}" for m in REPR.finditer(text)]
    found += [f"decimals {m.group(0)!r}" for m in LONG_DECIMALS.finditer(text)]
    found += [f"UTC time {m.group(0)!r}" for m in ISO_UTC.finditer(text)]
    if lang == "zh":
        found += [f"code {c!r}" for c in CODES if c in text]
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_report_of_sample_s_speaks_in_words(sample_result: dict[str, Any], lang: str) -> None:
    text = shown_text(render_html(sample_result, lang))
    assert problems(text, lang) == []


def test_standards_and_rule_values_in_words_with_units(sample_result: dict[str, Any]) -> None:
    text = shown_text(render_html(sample_result, "zh"))
    assert "每12个班配音乐、美术教室各1间，音乐≥96平方米、美术≥90平方米" in text  # G3
    assert "小学、初中、完全中学≤2,000人，九年一贯制、十二年一贯制≤2,500人" in text  # G4
    # the rules table: a value for every rule that has one, with its unit
    rules = text[text.index("规则取值及出处"):]
    assert "≥4.2 人/百名学生" in rules and "≤0.50" in rules and "96 平方米" in rules
    assert rules.count("—") <= 2  # only the rule set itself has no single value


def test_options_in_words_and_the_cv_reading_said(sample_result: dict[str, Any]) -> None:
    text = shown_text(render_html(sample_result, "zh"))
    options = text[text.index("适用的规则选项"):]
    assert "G11 符合交流条件的任教年限" in options and "6 年" in options
    assert "差异系数比较口径：先四舍五入到3位小数再与上限比较（选项，默认）" in options
    assert "改用另一口径时" in options


def test_generated_time_is_beijing_time(sample_result: dict[str, Any]) -> None:
    result = dict(sample_result, run=dict(sample_result["run"], generated_at="2026-12-01T22:21:58+00:00"))
    text = shown_text(render_html(result, "zh"))
    assert "2026-12-02 06:21" in text and "22:21:58" not in text


def test_money_is_whole_yuan_and_percent_two_decimals(sample_result: dict[str, Any]) -> None:
    text = shown_text(render_html(sample_result, "zh"))
    assert "240,600.0" not in text
    assert not re.search(r"\d+\.\d{3,}%", text)


def test_xlsx_cells_are_words_and_numbers(sample_result: dict[str, Any], tmp_path: Path) -> None:
    path = render_xlsx(sample_result, tmp_path / "report.xlsx", "zh")
    book = load_workbook(path)
    texts: list[str] = []
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            texts += [str(v) for v in row if isinstance(v, str)]
    joined = "\n".join(texts)
    assert problems(joined, "zh") == []
    schools = book.worksheets[1]
    header = [c.value for c in schools[1]]
    locations = {r[header.index("城乡")] for r in schools.iter_rows(min_row=2, values_only=True)}
    assert locations <= {"城区", "镇区", "乡村"}
    pupils = [r[header.index("学生数")] for r in schools.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(p, int | float) for p in pupils)
    verdict = book.worksheets[0]
    rows = list(verdict.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "#")  # the findings under the 评估要件
    values = [r[8] for r in rows[head + 1:] if r[0] is not None]
    assert values and all(v is None or isinstance(v, int | float) for v in values)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_pdf_text_in_words_and_inside_the_page(sample_result: dict[str, Any], tmp_path: Path) -> None:
    pdf = render_pdf(render_html(sample_result, "zh"), tmp_path / "report.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert problems(text, "zh") == []
    assert outside_page(pdf) == []


def outside_page(pdf: Path) -> list[str]:
    """Words whose box reaches past the page's right or bottom edge (pdftotext -bbox)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    out = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        width, height = float(page.group(1)), float(page.group(2))
        for w in re.finditer(r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page.group(3)):
            if float(w.group(1)) > width + 0.5 or float(w.group(2)) > height + 0.5:
                out.append(w.group(3))
    return out
