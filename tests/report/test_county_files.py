"""The county's files: the 自评报告 draft (.docx) and the attached tables (.xlsx), from a real
engine result of the tiny district."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.ingest.tiny_district import tiny_district


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    from youjun.assess import assess_tables

    tables = tiny_district()
    # A personal number in an attesting office's text must come out masked.
    ev = tables["evidence"]
    ev.loc[ev.index[0], "attested_by"] = "永川区教育督导室 联系 13812345678"
    return assess_tables(tables, ruleset="cn-2017")[0]


def test_docx_has_verdict_compliance_table_and_reasons(result: dict[str, Any]) -> None:
    import docx

    from youjun.report.docx_report import render_docx

    doc = docx.Document(io.BytesIO(render_docx(result)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "尚未达到县域义务教育优质均衡发展督导评估标准" in text  # the tiny district fails
    assert "自评报告" in text and "【请填写" in text
    for reason in result["verdict"]["reasons"]:
        assert reason["zh"] in text
    # One compliance row per school section, each naming its school and code.
    tables = doc.tables
    compliance = [t for t in tables if t.rows[0].cells[0].text == "学校"]
    assert len(compliance) == 2  # 小学, 初中: a nine-year school has a row in each
    for table, level in zip(compliance, ("primary", "junior"), strict=True):
        mine = [s for s in result["schools"] if s["level"] == level]
        rows = {r.cells[0].text: r for r in table.rows[1:]}
        assert len(table.rows) - 1 == len(mine)
        for s in mine:
            row = rows[f"{s['name']}\n{s['code']}"]  # the code on its own line under the name
            assert row.cells[1].text == f"{s['met_count']}/7"
            assert row.cells[2].text == ("是" if s["compliant"] else "否")
    everything = text + "\n".join(c.text for t in tables for r in t.rows for c in r.cells)
    assert "13812345678" not in everything and "138****5678" in everything
    for bad in ("None", "nan", "{'"):
        assert bad not in everything


def test_docx_in_english(result: dict[str, Any]) -> None:
    import docx

    from youjun.report.docx_report import render_docx

    doc = docx.Document(io.BytesIO(render_docx(result, lang="en")))
    assert "does not yet meet" in "\n".join(p.text for p in doc.paragraphs)


def test_county_tables_three_tables_numbers_as_numbers(result: dict[str, Any]) -> None:
    from youjun.report.county_tables import render_county_tables

    book = openpyxl.load_workbook(io.BytesIO(render_county_tables(result)))
    assert book.sheetnames == ["表1-1 小学达标", "表1-2 初中达标", "表2 差异系数", "表3 政府保障与质量"]
    primary = book["表1-1 小学达标"]
    header = [c.value for c in primary[3]]
    assert header[1] == "学校名称" and "综合评估是否达标（达标填1）" in header
    rows = [r for r in primary.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    mine = [s for s in result["schools"] if s["level"] == "primary"]
    assert len(rows) == len(mine)
    for row in rows:
        s = next(s for s in mine if s["code"] == row[2])
        assert row[5] == s["pupils"] and isinstance(row[5], int | float)
        values = row[6:13]
        assert all(isinstance(v, float | int) for v in values)
        assert values[0] == round(s["values"]["r1_qualified_teachers_per100"], 2)
        assert row[14] == (1 if s["compliant"] else None)
    # A value below its standard is shaded (the filling notes' dark background).
    first = primary.cell(row=4, column=7)
    assert first.fill.fgColor.rgb.endswith("808080")
    cvs = list(book["表2 差异系数"].iter_rows(min_row=4, values_only=True))
    assert len([r for r in cvs if r[1] != "综合差异系数"]) == sum(
        len(lv["indicators"]) for lv in result["levels"].values())
    assert all(isinstance(r[4], float) for r in cvs)
    assert {r[6] for r in cvs} <= {"是", "否"}
    items = list(book["表3 政府保障与质量"].iter_rows(min_row=4, values_only=True))
    assert len(items) == 24 and items[0][:2] == ("政府保障程度", "G1") and items[-1][:2] == ("教育质量", "Q9")
    g1 = items[0]
    assert "YC-2025-001" in g1[7] and "13812345678" not in g1[7] and "138****5678" in g1[7]
    cells = [str(v) for ws in book for r in ws.iter_rows(values_only=True) for v in r if v is not None]
    assert not [c for c in cells if c in ("None", "nan") or "{'" in c]


def test_youjun_assess_writes_the_county_files(tmp_path: Path) -> None:
    import docx

    from youjun.cli.main import main
    from youjun.ingest.writers import write_tables

    data = tmp_path / "district.xlsx"
    write_tables(tiny_district(), data, "xlsx")
    out = tmp_path / "out"
    assert main(["assess", str(data), "--out", str(out), "--formats", "docx,xlsx"]) == 0
    assert {"self-evaluation.docx", "county-tables.xlsx", "report.xlsx"} <= {p.name for p in out.iterdir()}
    text = "\n".join(p.text for p in docx.Document(str(out / "self-evaluation.docx")).paragraphs)
    assert "自评报告" in text and "尚未达到" in text
    assert openpyxl.load_workbook(out / "county-tables.xlsx").sheetnames[0] == "表1-1 小学达标"


def test_the_g_and_q_failing_columns_say_the_findings_as_the_report_does(s_result: dict[str, Any]) -> None:
    """Walk 43: 表3 and the self-evaluation draft wrote G3's raw records (room_type art；required 2；
    undersized_m2 ；…) and Q3's first attestation, where report.html has words and every record."""
    import docx

    from youjun.report.county_tables import render_county_tables
    from youjun.report.docx_report import render_docx
    from youjun.report.view import item_row

    book = openpyxl.load_workbook(io.BytesIO(render_county_tables(s_result)))
    rows = {str(r[1]): [str(c or "") for c in r] for r in book["表3 政府保障与质量"].iter_rows(values_only=True)}
    doc = docx.Document(io.BytesIO(render_docx(s_result)))
    cells = {c[0].split(" ")[0]: c for t in doc.tables for c in ([x.text for x in r.cells] for r in t.rows) if c}
    for key in ("g3", "q3"):
        item = s_result["items"][key]
        shown = item_row(item, {}, "zh")  # the page's words for the same item
        first_subject = shown["failing"][0][0] if shown["failing"] else ""
        for text in (rows[key.upper()][6], cells[key.upper()][1]):
            assert "room_type" not in text and "_m2" not in text and "required" not in text, text[:200]
            assert first_subject and first_subject in text, (first_subject, text[:200])
    records = s_result["items"]["q3"]["attestations"]
    for text in (rows["Q3"][7], cells["Q3"][2]):
        assert f"{len(records)} 条认定" in text and f"等 {len(records)} 份" in text, text
