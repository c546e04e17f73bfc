"""Walk 31 (district data officer): counts that agree across documents, words for codes.

Sample district S through the engine and the real templates and workbook writer: the report's
处 say how many sections they are in and how the rectification list (merged by school) counts
them, and the list says it back; a value short of its standard is never printed as it; totals
add up from the parts shown; the workbook's provenance freezes its header row only and speaks
in words; the appendix runs G1, G2 … G10; screen-only text is not printed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl

from youjun.report.item_text import figure_rows
from youjun.report.rectification import build_rectification, summary_lines
from youjun.report.rectification_render import render_rectification_html
from youjun.report.view import findings_total, natural_order, rule_label
from youjun.report.view_levels import school_gaps
from youjun.report.workbook import render_xlsx


def _section_findings(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in result["verdict"]["findings"] if f.get("subject_kind") == "school"
            and f.get("level") and str(f["requirement"]).startswith("R")]


def test_report_counts_sections_apart_and_names_the_lists_count(s_result: dict[str, Any], s_html: str) -> None:
    found = _section_findings(s_result)
    sections = {(f["school_code"], f["level"]) for f in found}
    assert len(found) > len(sections)  # the sample has a section short on two indicators
    text = findings_total(s_result["verdict"]["findings"], "zh", build_rectification(s_result)["counts"])
    assert f"{len(found)} 处学段指标缺口（{len(sections)} 个学段）" in text
    assert f"{len(found)} 个学段" not in text  # shortfalls are not called sections
    counts = build_rectification(s_result)["counts"]
    assert f"共 {counts['schools']} 所学校、{counts['findings']} 项" in text
    assert text in s_html


def test_rectification_says_how_its_entries_relate_to_the_reports_places(s_result: dict[str, Any]) -> None:
    rect = build_rectification(s_result)
    n = len(s_result["verdict"]["findings"])
    head, _ = summary_lines(rect, "zh")
    assert f"“问题明细”共 {n} 处" in head and "合并" in head
    assert f"Findings count {n}" in summary_lines(rect, "en")[0]
    assert f"“问题明细”共 {n} 处" in render_rectification_html(rect, "zh")


def test_cv_column_and_gaps_heading_say_what_they_count(s_html: str) -> None:
    assert "低于标准的学校（含学段仍达标者）" in s_html
    assert ">未达标学校<" not in s_html and "未达标学校的缺口" not in s_html
    assert "低于标准的指标与缺口" in s_html
    assert re.search(r"按 \d/\d 规则仍达标", s_html)


def test_a_gap_value_short_of_its_standard_is_never_printed_as_it() -> None:
    school = {"code": "1", "name": "甲", "compliant": True, "pupils": 751, "gaps": [
        {"indicator": "r7_multimedia_rooms_per100", "value": 2.397, "threshold": 2.4, "missing": 1,
         "unit_zh": "间", "unit_en": "rooms"}]}
    row = school_gaps([school], "zh")[0]["rows"][0]
    assert row["value"] == "2.397" and row["threshold"] == "2.4"


def test_level_figures_are_roman_and_q9_gap_has_a_unit_in_words() -> None:
    assert dict(figure_rows({"level": 3.0, "min_level": 3}, "zh")) == {
        "学业水平等级": "Ⅲ级", "学业水平下限（级）": "Ⅲ级"}
    q9 = {"requirement": "Q9", "key": "q9.diff_rate_high", "school_code": "", "subject_kind": "district",
          "gap": {"zh": "超 0.01", "en": "0.01 over", "unit": "level", "value": 0.007},
          "measured": {"zh": "0.16", "en": "0.16", "unit": "level", "value": 0.157},
          "standard": {"zh": "小于 0.15", "en": "below 0.15"}, "status": "fail"}
    rect = build_rectification({"findings": [q9], "verdict": {"findings": [q9]}, "schools": []})
    entry = rect["district_entries"][0]
    assert (entry["unit_zh"], entry["unit_en"]) == ("差异率", "difference rate")


def test_appendix_rules_in_natural_order_without_doubled_names() -> None:
    keys = ["items.g10.evidence", "items.g2.evidence", "items.g1.evidence", "items.g11.x"]
    assert [r["key"] for r in natural_order([{"key": k} for k in keys])] == [
        "items.g1.evidence", "items.g2.evidence", "items.g10.evidence", "items.g11.x"]
    assert rule_label("measurement.cv_decimals.compare", "zh") == "计量口径 · 差异系数与上限的比较方式"
    assert rule_label("measurement.cv_decimals.decimals", "zh") == "计量口径 · 差异系数保留小数位数"


def test_links_to_findings_and_screen_only_words(s_result: dict[str, Any], s_html: str) -> None:
    # a long failing list points to 问题明细 on the same page, linked
    more = re.findall(r'<a href="#(req-[a-z0-9-]+)">…… 共 \d+ 项，全部见“问题明细”', s_html)
    assert more and all(f'id="{m}"' in s_html for m in more)
    assert "全部列于 report.xlsx" not in s_html
    assert '<span class="screen-only">点击要求可跳到其问题明细。</span>' in s_html
    assert re.search(r"@media print \{\s*\.screen-only \{ display: none; \}", s_html)
    assert "<th></th>" not in s_html  # the summary's requirement header spans its two columns


def test_workbook_provenance_freezes_its_header_and_speaks_in_words(s_result: dict[str, Any],
                                                                   tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(render_xlsx(s_result, tmp_path / "report.xlsx", "zh"))["来源"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "规则")
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.cell(header, 6).value == "规则集生效日期"
    marks = {ws.cell(r, 7).value for r in range(header + 1, ws.max_row + 1)} - {None}
    assert marks and not marks & {"C", "M", "U"}
    said = {ws.cell(r, 2).value for r in range(1, header) if ws.cell(r, 1).value == "规则集"}
    assert said and all("规则版本" in str(s) and "cn-2017" not in str(s) for s in said)
    names = []  # the rules' table, down to the blank row above the options
    for r in range(header + 1, ws.max_row + 1):
        if not ws.cell(r, 1).value:
            break
        names.append(str(ws.cell(r, 1).value))
    g = [int(m.group(1)) for n in names if (m := re.match(r"G(\d+) ", n))]
    assert g == sorted(g)
