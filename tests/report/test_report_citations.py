"""The real report of sample district S, as an English and a Chinese reader gets it: articles of
the cited documents in the reader's language (the document's title and number stay as cited),
numbers in the workbook stored as numbers, every figure named in words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from youjun.assess.engine import assess_tables
from youjun.core.citations import article_text, citation_text
from youjun.report.htmlpage import render_html
from youjun.report.item_text import figure_rows
from youjun.report.workbook import render_xlsx
from youjun.sample import generate

RULES = Path(__file__).resolve().parents[2] / "rules"
CJK = re.compile(r"[\u3400-\u9fff]+")
NUMBER_TEXT = re.compile(r"-?[\d,]+(\.\d+)?%?")


@pytest.fixture(scope="module")
def sample_result() -> dict[str, Any]:
    return assess_tables(generate("S", 2023))[0]


def _articles() -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "article" and isinstance(v, str):
                    found.add(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in RULES.rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def test_every_article_of_the_rule_files_is_said_in_english() -> None:
    articles = _articles()
    assert len(articles) > 30
    assert {a: article_text(a, "en") for a in articles if CJK.search(article_text(a, "en"))} == {}
    assert article_text("政府保障程度 第11项", "en") == "Government guarantee, item 11"
    assert article_text("资源配置 第4、5项", "en") == "Resource allocation, items 4 and 5"
    assert article_text("资源配置 第4、5项", "zh") == "资源配置 第4、5项"


def test_a_citation_keeps_the_document_number_as_cited() -> None:
    assert (citation_text("教督〔2017〕6号 政府保障程度 第11项（U）", "en")
            == "教督〔2017〕6号 Government guarantee, item 11 (U)")
    assert (citation_text("教督〔2017〕6号（评估认定公布口径） 差异系数公布值（U）", "en")
            == "教督〔2017〕6号（评估认定公布口径） Published coefficients of variation (U)")


def test_english_report_cites_articles_in_english(sample_result: dict[str, Any],
                                                  tmp_path: Path) -> None:
    html = render_html(sample_result, "en")
    assert "政府保障程度" not in html and "第11项" not in html
    assert "Government guarantee, item 11" in html
    book = load_workbook(render_xlsx(sample_result, tmp_path / "r.xlsx", "en"))
    ws = book["Provenance"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    col = next(r for r in rows if "Article" in r).index("Article")
    articles = [r[col] for r in rows[rows.index(next(r for r in rows if "Article" in r)) + 1:]
                if len(r) > col and r[col]]
    assert articles and [a for a in articles if CJK.search(str(a))] == []
    references = [str(r[2]) for r in rows if len(r) > 2 and r[2] and "（U）" in str(r[2])]
    assert references == []
    zh = load_workbook(render_xlsx(sample_result, tmp_path / "z.xlsx", "zh"))["来源"]
    assert any("政府保障程度 第11项" in str(c) for r in zh.iter_rows(values_only=True) for c in r)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verdict_and_provenance_numbers_are_numbers(sample_result: dict[str, Any], tmp_path: Path,
                                                    lang: str) -> None:
    book = load_workbook(render_xlsx(sample_result, tmp_path / "r.xlsx", lang))
    as_text = [(ws.title, c.coordinate, c.value) for ws in book.worksheets[:1] + book.worksheets[-1:]
               for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and NUMBER_TEXT.fullmatch(c.value.strip())
               and not re.fullmatch(r"\d{6,}", c.value.strip())]
    assert as_text == []
    ws = book.worksheets[0]
    percent = [c for row in ws.iter_rows() for c in row if isinstance(c.value, float)
               and c.number_format == "0.00%"]
    assert percent and all(0 < c.value < 1 for c in percent)  # 98.65% is stored as 0.9865


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_of_the_items_is_named(sample_result: dict[str, Any], lang: str) -> None:
    """A figure's key ("unknown", "share_percent") is never its name on the report."""
    unnamed = {(k, name) for k, item in sample_result["items"].items()
               for name, _ in figure_rows(item.get("figures"), lang)
               if (not CJK.search(name) if lang == "zh" else "_" in name)}
    assert unnamed == set()
