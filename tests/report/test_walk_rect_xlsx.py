"""The Chinese rectification workbook as the testers opened it (F3 finding 3): the 单位 column
in Chinese words, each gap amount rounded as the page shows it, with a number format that
shows it right — on the real engine's result of the sample district."""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl

from tests.report.test_rectification_compare import result_s
from youjun.report.rectification import build_rectification
from youjun.report.rectification_render import render_rectification_xlsx

ZH_UNITS = {"平方米", "元", "间", "名教师", "人", "个百分点", "个班", "学时", "所"}
FORMATS = {"#,##0": 0, "#,##0.0": 1, "#,##0.00": 2}


def _sheet(lang: str) -> list[Any]:
    rect = build_rectification(result_s())
    buf = io.BytesIO()
    render_rectification_xlsx(rect, buf, lang)
    buf.seek(0)
    return list(openpyxl.load_workbook(buf).worksheets[0].iter_rows(min_row=4))


def test_units_are_words_and_amounts_are_rounded_as_the_page_shows_them() -> None:
    rows = _sheet("zh")
    assert rows
    amounts = 0
    for cells in rows:
        gap, amount, unit = cells[6].value, cells[7], cells[8].value
        if amount.value is None:
            continue
        amounts += 1
        assert unit in ZH_UNITS, (unit, gap)
        assert amount.number_format in FORMATS, amount.number_format
        decimals = FORMATS[amount.number_format]
        assert round(amount.value, decimals) == amount.value, (amount.value, gap)
        # the amount as the cell shows it is the figure the gap text (the page's words) says
        shown = f"{amount.value:,.{decimals}f}"
        assert shown in gap or shown.replace(",", "") in gap, (shown, gap)
    assert amounts > 10


def test_english_units_are_english_words() -> None:
    for cells in _sheet("en"):
        unit = cells[8].value
        assert unit is None or not re.search(r"[\u4e00-\u9fff]", unit), unit
        assert unit not in ("m2", "percent"), unit


def test_english_workbook_has_no_chinese_punctuation_in_its_own_words() -> None:
    chinese = re.compile(r"[\u4e00-\u9fff]")
    for cells in _sheet("en"):
        for cell in cells[:9]:
            if isinstance(cell.value, str):
                assert not re.search(r"[（），；：。、]", chinese.sub("", cell.value)), cell.value


def test_each_row_names_its_own_section() -> None:
    """A junior-only gap of a nine-year school is 初中 in the 学段 column, not "小学、初中"."""
    from youjun.report.rectification_render import lines

    entry = {"key": "k", "label": "R4", "title_zh": "t", "title_en": "t", "gap_zh": "初中部：缺 1 平方米",
             "gap_en": "g", "amount": 1, "unit_zh": "平方米", "unit_en": "m²", "level": "junior"}
    rect = {"district": {"code": "1", "name": "区"}, "rows": [
        {"code": "S1", "name": "学校", "town": "镇", "levels": ["primary", "junior"], "entries": [entry]}]}
    rows = lines(rect, "zh", {}, with_district=False)
    assert rows[0][3] == "初中"
