"""What walk 37 found (a district statistician attesting the six vetoes of 教督〔2017〕6号): no
output said who attested a veto or when, a missing attestation did not say which row to add,
and VETO_SCHOOL_CHOICE overran its column. Rendered from the real engine's output on sample S,
with and without the 违规择校 row."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from youjun.assess.engine import assess_tables
from youjun.report.htmlpage import render_html
from youjun.report.workbook import render_xlsx
from youjun.sample import generate

DOCUMENT_CASES = ["以考试方式招生", "违规择校", "设立重点学校或重点班", "“有编不补”或长期聘用编外教师",
                  "教育系统发生重大安全责任事故和严重违纪违规事件", "弄虚作假"]


def _text(fragment: str) -> str:
    # an inline span (the date kept on one line) is not a break in the text
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?span[^>]*>", "", fragment)))


def _veto_table(page: str) -> list[str]:
    table = re.search(r'<table class="vetoes cards">(.*?)</table>', page, re.S)
    assert table, "no veto table"
    return [" ".join(_text(r).split()) for r in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)][1:]


@pytest.fixture(scope="module")
def without_choice() -> dict[str, Any]:
    tables = generate("S", 2023)
    evidence = tables["evidence"]
    tables["evidence"] = evidence[evidence["item_key"] != "veto_school_choice"].reset_index(drop=True)
    return assess_tables(tables)[0]


def test_each_of_the_six_cases_is_named_as_the_document_names_it_with_who_attested_it(
        s_result: dict[str, Any], tmp_path: Path) -> None:
    rows = _veto_table(render_html(s_result, "zh"))
    # each numbered as the lists of findings number it (walk 39: 否决2 there, no number here)
    assert [r.split(" ")[0] for r in rows] == [f"否决{i}" for i in range(1, 7)]
    assert [r.split(" ")[1] for r in rows] == DOCUMENT_CASES
    for row, veto in zip(rows, s_result["vetoes"], strict=True):
        evidence = veto["evidence"]
        assert evidence["attested_by"] and evidence["attested_on"]
        assert f"{evidence['attested_by']}，{evidence['attested_on']}认定" in row
        # walk 37: on a phone the date broke as "2025-" / "12-12认定"; it is kept on one line
        assert f'<span class="date">{evidence["attested_on"]}</span>' in render_html(s_result, "zh")
        assert f"附件：{evidence['attachment_ref']}" in row
    sheet = openpyxl.load_workbook(render_xlsx(s_result, tmp_path / "r.xlsx", "zh"))["前提条件与一票否决"]
    cells = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    vetoes = cells[-6:]
    assert [r[1] for r in vetoes] == DOCUMENT_CASES
    # walk 40: numbered as the report numbers them (a running number made 违规择校 "3" here)
    assert [r[0] for r in vetoes] == [f"否决{i}" for i in range(1, 7)]
    assert all(r[3] == v["evidence"]["attested_by"] and r[4] == v["evidence"]["attested_on"]
               for r, v in zip(vetoes, s_result["vetoes"], strict=True))


def test_a_missing_attestation_says_which_row_to_add_and_is_not_read_as_a_case(
        without_choice: dict[str, Any], tmp_path: Path) -> None:
    assert not without_choice["verdict"]["passes"]
    page = render_html(without_choice, "zh")
    rows = _veto_table(page)
    # walk 38: the row said 缺少佐证材料 twice; now whether it bars recognition, and which row to add
    assert rows[1].startswith("否决2 违规择校 缺少认定，不予认定")
    # walk 39: the same complete row as `youjun validate` asks for (W507)
    assert ("在“佐证材料”表补一行：区县代码填 500118，评估项目选“无违规择校”，学校标识码留空，"
            "认定结论填“达标”（经核查不存在该情形），并填认定单位（人）和认定日期；附件编号、说明选填") in rows[1]
    assert rows[1].count("缺少佐证材料") == 0
    summary = re.search(r'<tr><td class="code"><a href="#[^"]*">否决2</a></td>(.*?)</tr>', page, re.S)
    assert summary, "the veto is listed as 否决2 among the requirements not met"
    # ... and first among them: it alone bars recognition (walk 37: it was listed last)
    listed = re.findall(r'<tr><td class="code"><a href="#[^"]*">([^<]+)</a></td>', page)
    assert listed[0] == "否决2", listed[:5]
    assert "缺少“不存在该情形”的认定" in _text(summary.group(1))
    # the case named as the document and the veto table name it (walk 39: "无违规择校" here)
    assert "违规择校（一票否决）" in _text(summary.group(1)) and "无违规择校" not in _text(summary.group(1))
    assert "VETO_SCHOOL_CHOICE" not in _text(page)
    # walk 40: the finding (问题明细) names the case, not the evidence sheet's choice 无违规择校
    (finding,) = [f for f in without_choice["findings"] if f["requirement"] == "VETO_SCHOOL_CHOICE"]
    assert finding["subject"] == {"zh": "违规择校（一票否决）", "en": "School choice against the rules (veto)"}
    assert "缺少认定：“佐证材料”表没有评估项目为“无违规择校”的一行" in _text(page)
    assert "经认定不存在该情形" in _text(page)
    assert "须有数据或认定材料" not in _text(page)
    # walk 41: the verdict's box says why (it said only 未通过; the veto was below a phone's first screen)
    box = re.search(r'<div class="verdict-box bad">(.*?)</div>', page, re.S)
    assert box and "一票否决事项“违规择校”缺少认定，不予认定" in _text(box.group(1))
    # walk 38: the scorecard row says the missing attestation bars recognition (was a grey "—")
    row = re.search(r"<tr[^>]*><th>一票否决事项</th>(.*?)</tr>", page, re.S)
    assert row and "缺少认定，不予认定" in _text(row.group(1)) and 'class="mark bad"' in row.group(1)
    book = openpyxl.load_workbook(render_xlsx(without_choice, tmp_path / "r.xlsx", "zh"))
    every = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    assert not any("VETO_" in c for c in every)
    # walk 40: the rectification list's headline puts the veto before its counts
    from youjun.report.rectification import build_rectification, summary_lines
    rect = build_rectification(without_choice)
    assert summary_lines(rect, "zh")[0].startswith(
        "先处理一票否决事项“违规择校”：须经认定不存在该情形（在“佐证材料”表补一行认定），否则该区县不予认定。须整改：")
    assert rect["district_entries"][0]["requirement"].lower() == "veto_school_choice"
    conditions = [list(r) for r in book["前提条件与一票否决"].iter_rows(min_row=2, values_only=True)]
    choice = next(r for r in conditions if r[1] == "违规择校")
    assert choice[2] == "缺少认定，不予认定" and "评估项目选“无违规择校”" in choice[6]
    assert not choice[3]  # no attester: the column is left empty (walk 39: it said 缺少佐证材料)
    # walk 39: report.xlsx's 评估结论 lists the missing veto first, as the report does
    verdict_rows = [list(r) for r in book["评估结论"].iter_rows(values_only=True)]
    first = next(i for i, r in enumerate(verdict_rows) if r and r[0] == 1)
    assert verdict_rows[first][1] == "否决2 违规择校", verdict_rows[first]  # numbered and named (walk 42)
    english = render_html(without_choice, "en")
    assert ">V2</a>" in english and "VETO_SCHOOL_CHOICE" not in _text(english)


def test_the_rectification_list_names_a_veto_by_its_number_not_its_key(without_choice: dict[str, Any]) -> None:
    from youjun.report.rectification import build_rectification
    from youjun.report.rectification_render import lines

    for lang, code in (("zh", "否决2"), ("en", "V2")):
        rows = lines(build_rectification(without_choice), lang)
        shown = [r[4] for r in rows]
        assert code in shown and "VETO" not in shown, shown
