from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from youjun.report import render_xlsx

SHEETS_ZH = ["评估结论", "学校指标", "差异系数（小学）", "差异系数（初中）", "缺口", "政府保障程度",
             "教育质量", "前提条件与一票否决", "来源"]


@pytest.fixture
def book(tmp_path: Path, result: dict[str, Any]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(render_xlsx(result, tmp_path / "report.xlsx"))


def _rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_sheets_in_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == SHEETS_ZH


def test_school_sheet_has_a_row_per_school_section(book: openpyxl.Workbook,
                                                  result: dict[str, Any]) -> None:
    ws = book["学校指标"]
    rows = _rows(ws)
    header = rows[0]
    assert header[:7] == ["学校标识码", "学校", "学段", "类型", "镇街", "城乡", "学生数"]
    assert header[-2:] == ["达标项", "学校达标"]
    assert len(rows) == 1 + len(result["schools"])
    assert ws.freeze_panes == "A2"
    # A failing school: 永川区双石镇中心小学 (primary), r2 = 0.25 below 1.0, not compliant.
    row = next(r for r in rows if r[1] == "永川区双石镇中心小学")
    r2 = header.index("R2 骨干教师/百生")
    assert row[2] == "小学" and row[6] == 760 and row[r2] == pytest.approx(0.25)
    assert row[header.index("R2 达标")] == "否"
    assert row[-2] == 3 and row[-1] == "否"
    # A missing value stays empty, not 0.
    missing = next(r for r in rows if r[1] == "永川区吉安镇中心小学")
    assert missing[header.index("R6 仪器设备元/生")] is None and missing[-1] == "待定（缺数据）"


def test_failures_are_coloured_by_conditional_formats(book: openpyxl.Workbook) -> None:
    ws = book["学校指标"]
    rules = [rule for rng in ws.conditional_formatting for rule in rng.rules]
    assert any(rule.type == "expression" for rule in rules)
    assert any(rule.type == "cellIs" and rule.formula == ['"否"'] for rule in rules)


def test_cv_sheet(book: openpyxl.Workbook) -> None:
    rows = _rows(book["差异系数（初中）"])
    assert rows[0][:6] == ["指标", "单位", "均值", "差异系数", "标准", "结果"]
    r2 = next(r for r in rows if str(r[0]).startswith("R2"))
    assert r2[3] == pytest.approx(0.536) and r2[4] == pytest.approx(0.45) and r2[5] == "未达标"
    assert book["差异系数（初中）"]["D2"].number_format == "0.000"


def test_items_and_verdict(book: openpyxl.Workbook, result: dict[str, Any]) -> None:
    g = _rows(book["政府保障程度"])
    assert [r[0] for r in g[1:]] == [f"G{i}" for i in range(1, 16)]
    g10 = next(r for r in g if r[0] == "G10")
    assert g10[2] == "缺少佐证材料"
    assert [r[0] for r in _rows(book["教育质量"])[1:]] == [f"Q{i}" for i in range(1, 10)]
    verdict = _rows(book["评估结论"])
    assert verdict[1][1] == "未通过"  # the one verdict wording (通过 / 未通过)
    head = next(i for i, r in enumerate(verdict) if r[0] == "#")  # the reasons under the 评估要件
    assert len([r for r in verdict[head + 1:] if r[1]]) == len(result["verdict"]["reasons"])
    assert verdict[3][0] == "评估要件" and verdict[3 + 1][0].endswith("学段达标")


def test_english_workbook(tmp_path: Path, result: dict[str, Any]) -> None:
    book = openpyxl.load_workbook(render_xlsx(result, tmp_path / "en.xlsx", lang="en"))
    assert book.sheetnames[:4] == ["Verdict", "Schools", "CV (primary)", "CV (junior)"]


def test_tolerates_an_empty_result(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(render_xlsx({}, tmp_path / "empty.xlsx"))
    assert "评估结论" in book.sheetnames


def test_every_number_cell_holds_the_value_it_shows(tmp_path: Path, s_result: dict[str, Any]) -> None:
    """A number the workbook prints with d decimals is stored with d decimals (walk 40: the
    engine's last digits sat under a rounded cell, so a reader who clicked it or summed the
    column got another figure than the one printed). The real engine's result for sample S."""
    book = openpyxl.load_workbook(render_xlsx(s_result, tmp_path / "report.xlsx"))
    checked = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                fmt = cell.number_format
                if not isinstance(cell.value, float) or fmt == "General" or "0" not in fmt:
                    continue
                numeric = fmt.split('"', 1)[0]  # a unit may follow the number: 0.0" 平方米"
                decimals = len(numeric.rstrip("%").partition(".")[2]) + (2 if numeric.endswith("%") else 0)
                assert cell.value == round(cell.value, decimals), (ws.title, cell.coordinate, cell.value, fmt)
                checked += 1
    assert checked > 100  # the schools' indicators, the CVs, the G/Q figures


def test_a_findings_number_columns_say_what_their_text_says(tmp_path: Path, s_result: dict[str, Any]) -> None:
    """Walk 41: 评估结论's findings held 98.65 beside 98.65% (0.9865), 326.32 under 缺 326.3 平方米,
    5.00 for 5 teachers; and 代码 / 未满足的要求 headed school codes and subjects."""
    import re

    ws = openpyxl.load_workbook(render_xlsx(s_result, tmp_path / "report.xlsx"))["评估结论"]
    rows = list(ws.iter_rows())
    top = next(i for i, r in enumerate(rows) if r[0].value == "#" and r[8].value == "实际值（数值）")
    assert [c.value for c in rows[top][:5]] == ["#", "要求", "学校标识码", "学校", "对象"]
    # walk 42: each requirement by its name, not a code to look up (a bare "CV", "G5", "否决2")
    named = [str(r[1].value) for r in rows[top + 1:] if r[1].value]
    assert named and all(re.search(r"[\u4e00-\u9fff]", n) for n in named), named[:5]
    assert not {"CV", "SR", "PRE"} & set(named)
    checked = 0
    for row in rows[top + 1:]:
        measured, gap, measured_value, gap_value = row[5], row[7], row[8], row[9]
        for text, cell in ((measured, measured_value), (gap, gap_value)):
            if not isinstance(cell.value, float | int):
                continue
            said = str(text.value)
            if isinstance(text.value, float | int):  # a bare figure: the same number on the same scale
                assert cell.value == text.value and cell.number_format == text.number_format, (said, cell.value)
            else:
                found = re.search(r"-?\d[\d,]*(?:\.(\d+))?", said)
                assert found, said
                decimals = len(found.group(1) or "")
                assert cell.value == round(cell.value, decimals), (said, cell.value)
                assert abs(cell.value - float(found.group(0).replace(",", ""))) < 10 ** -decimals / 2 + 1e-9
            checked += 1
    assert checked > 50
    # walk 43: each number cell shows the unit its text gives it (元, 平方米, 个百分点), still a number
    suffixed = [c.number_format for r in rows[top + 1:] for c in r[8:10] if isinstance(c.value, float | int)]
    assert sum('"' in f for f in suffixed) > len(suffixed) / 2, suffixed[:10]
    assert any('" 平方米' in f for f in suffixed) and any('" 元' in f for f in suffixed), set(suffixed)


def test_an_item_attested_school_by_school_says_every_record(tmp_path: Path, s_result: dict[str, Any]) -> None:
    """Walk 42: 教育质量's Q3 row named the first school's attester, date and attachment of 186
    records. The workbook and the page now say how many, who, the span of dates and the first
    attachment of how many."""
    from youjun.report.view import item_row

    many = {k: i for k, i in s_result["items"].items() if len(i.get("attestations") or []) > 1}
    assert many, "sample S attests Q3 and Q6 school by school"
    ws = openpyxl.load_workbook(render_xlsx(s_result, tmp_path / "report.xlsx"))["教育质量"]
    rows = {str(r[0].value): [c.value for c in r] for r in ws.iter_rows(min_row=2)}
    for key, item in many.items():
        records = item["attestations"]
        dates = sorted(r["attested_on"] for r in records)
        by, on, ref = rows[key.upper()][6:9]
        assert f"{len(records)} 条认定" in by and on == f"{dates[0]} 至 {dates[-1]}", (by, on)
        assert ref == f"{records[0]['attachment_ref']} 等 {len(records)} 份"
        shown = item_row(item, {}, "zh")
        assert shown["evidence"]["text"].startswith(f"{len(records)} 条认定："), shown["evidence"]
