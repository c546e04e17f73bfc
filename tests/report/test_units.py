"""Indicator units are rates ("人/百名学生", "平方米/生", "元/生") and every kind of number is
written one way in every report (issue 10 §1.3).

The sample district S is assessed by the real engine and rendered by the real renderers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.report.test_words import shown_text
from youjun.analytics.definitions import INDICATORS
from youjun.assess.engine import assess_tables
from youjun.core.labels import INDICATOR_LABELS, count_unit, indicator_unit
from youjun.report import numbers as num
from youjun.report.htmlpage import render_html
from youjun.report.workbook import render_xlsx
from youjun.sample import generate

# money of four or more digits written without a thousands separator ("2000 元", "2500元/生")
UNGROUPED_YUAN = re.compile(r"(?<![\d,.])\d{4,}(?:\.\d+)?\s*元")
RATE_ZH = {"r1": "人/百名学生", "r2": "人/百名学生", "r3": "人/百名学生", "r4": "平方米/生",
           "r5": "平方米/生", "r6": "元/生", "r7": "间/百名学生"}
RATE_EN = {"r1": "teachers per 100 pupils", "r4": "m² per pupil", "r6": "yuan per pupil",
           "r7": "rooms per 100 pupils"}


@pytest.fixture(scope="module")
def sample_result() -> dict[str, Any]:
    return assess_tables(generate("S", 2023))[0]


def test_every_indicator_unit_is_a_rate_and_its_count_unit_is_the_numerators() -> None:
    for key, (_zh, _en, unit_zh, unit_en) in INDICATOR_LABELS.items():
        assert "/" in unit_zh and " per " in unit_en, key
        assert indicator_unit(key, "zh") == unit_zh and indicator_unit(key, "en") == unit_en
        plain = count_unit(key)
        # the plain unit is the rate's unit without its "per", and what the diagnosis counts gaps in
        assert unit_zh.startswith(plain.zh) or key.startswith("b6"), key
        assert plain.zh == INDICATORS[key].unit_zh and plain.en == INDICATORS[key].unit_en, key
    assert INDICATOR_LABELS["r1_qualified_teachers_per100"][2:] == ("人/百名学生", "teachers per 100 pupils")
    assert INDICATOR_LABELS["r6_equipment_value_per_student"][2:] == ("元/生", "yuan per pupil")


def test_number_kinds() -> None:
    assert num.money(2000) == "2,000" and num.money(240600.0) == "240,600"
    assert num.money(2360.523, per_pupil=True) == "2,360.52" and num.money(2000, per_pupil=True) == "2,000.00"
    assert num.area(126.24) == "126.2" and num.area(4.994, per_pupil=True) == "4.99"
    assert num.count(1.0) == "1" and num.count(2468) == "2,468"
    assert num.percent(85) == "85%" and num.percent(0.891 * 100, measured=True) == "89.1%"
    assert num.percent(85.0, measured=True) == "85.0%" and num.percent(None) == num.MISSING
    assert num.percent(84.96, measured=True, below=85) == "84.9%"  # never rounded up to the minimum
    assert num.value(2360.523) == "2,360.52" and num.value(0.5) == "0.50"
    assert num.limit(2000) == "2,000" and num.limit(0.9) == "0.9"


def _r_findings(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in result["verdict"]["findings"] if re.fullmatch(r"R\d", f["requirement"])
            and f["status"] == "fail"]


def test_school_findings_state_rates_and_gaps_in_counted_things(sample_result: dict[str, Any]) -> None:
    findings = _r_findings(sample_result)
    assert {f["requirement"] for f in findings} >= {"R2", "R3", "R4", "R6", "R7"}
    for f in findings:
        r = f["requirement"].lower()
        assert f["measured"]["zh"].endswith(" " + RATE_ZH[r]), f
        assert f["standard"]["zh"].endswith(" " + RATE_ZH[r]), f
        if r in RATE_EN:
            assert RATE_EN[r] in f["measured"]["en"] and RATE_EN[r] in f["standard"]["en"], f
        gap = f["gap"]["zh"]
        if r in ("r1", "r2", "r3"):
            assert re.fullmatch(r"缺 [\d,]+ 名\S+教师", gap), gap
        elif r == "r7":
            assert re.fullmatch(r"缺 [\d,]+ 间网络多媒体教室", gap), gap
        elif r in ("r4", "r5"):
            assert re.fullmatch(r"缺 [\d,]+\.\d 平方米\S+", gap), gap
        else:
            assert re.fullmatch(r"缺 [\d,]+ 元\S+", gap), gap
        assert not UNGROUPED_YUAN.search(f["standard"]["zh"] + f["measured"]["zh"] + gap), f


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_report_one_format_per_kind(sample_result: dict[str, Any], lang: str) -> None:
    text = shown_text(render_html(sample_result, lang))
    assert UNGROUPED_YUAN.findall(text) == []
    if lang == "zh":
        assert "㎡" not in text  # areas are 平方米 in Chinese text, never mixed
        for unit in ("人/百名学生", "平方米/生", "元/生", "间/百名学生"):
            assert unit in text
        assert "≥85%" in text and "≥85.0%" not in text  # a standard as the documents write it
        assert re.search(r"\b89\.1%", text)  # a measured rate with one decimal
        assert not re.search(r"不低于 \d[\d,.]* (人|平方米|元|间)(?!/)", text)  # a bare count as a rate
    else:
        for unit in ("teachers per 100 pupils", "m² per pupil", "yuan per pupil", "rooms per 100 pupils"):
            assert unit in text


def test_workbook_units_rate_for_indicators_count_for_gaps(sample_result: dict[str, Any],
                                                          tmp_path: Path) -> None:
    wb = load_workbook(render_xlsx(sample_result, tmp_path / "r.xlsx", "zh"), read_only=True)
    cv = next(ws for ws in wb.worksheets if ws.title.startswith("差异系数"))
    rows = list(cv.iter_rows(values_only=True))
    units = {str(r[0]).split()[0]: r[1] for r in rows[1:] if r[0] and str(r[0])[:1] == "R"}
    assert units["R1"] == "人/百名学生" and units["R4"] == "平方米/生" and units["R6"] == "元/生"
    cells = list(wb["缺口"].iter_rows())
    head = [c.value for c in cells[0]]
    col_ind, col_gap, col_unit = head.index("指标"), head.index("缺口"), head.index("单位")
    by = {str(r[col_ind].value).split()[0]: r for r in cells[1:] if r[col_ind].value}
    assert by["R6"][col_unit].value == "元" and by["R4"][col_unit].value == "平方米" \
        and by["R2"][col_unit].value == "人"
    # counted things whole ("5 人", not "5.00"), areas with one decimal
    assert by["R2"][col_gap].number_format == "#,##0" and by["R6"][col_gap].number_format == "#,##0"
    assert by["R4"][col_gap].number_format == "#,##0.0"


def test_the_veto_table_names_the_case_not_the_requirement() -> None:
    """"无以考试方式招生 | 不存在" read as a double negative: the row names the case."""
    from youjun.report.view import veto_row

    row = veto_row({"key": "veto_exam_admission", "title_zh": "无以考试方式招生", "applies": False}, "zh")
    assert row["title"] == "以考试方式招生" and row["status"] == "不存在"
    row = veto_row({"key": "veto_exam_admission", "title_en": "No admission by examination", "applies": True}, "en")
    assert row["title"] == "Admission by examination" and "veto" in row["status"]


def test_a_standard_of_one_takes_the_singular_in_english() -> None:
    from youjun.core.labels import english_unit

    assert english_unit("teachers per 100 pupils", "1") == "teacher per 100 pupils"
    assert english_unit("teachers per 100 pupils", "1.5") == "teachers per 100 pupils"
    assert english_unit("m² per pupil", "1") == "m² per pupil"


def test_a_value_that_rounds_to_zero_has_no_sign() -> None:
    from youjun.report import numbers as num

    # a district's coverage computed as -0.0 read "-0.0%" on its page
    assert num.percent(-0.0, measured=True, below=100) == "0.0%"
    assert num.percent(-0.04, measured=True) == "0.0%"
    assert num.fixed(-0.0004, 3) == "0.000" and num.cv(-0.0) == "0.000"
    assert num.percent(-1.0, measured=True) == "-1.0%" and num.fixed(-1.5, 1) == "-1.5"
