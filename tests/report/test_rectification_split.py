"""The rectification list separates what must be rectified (the failing school sections and
every failing G/Q object) from the shortfalls a passing section is allowed (6 of 7 indicators
met, the 7th at least 85% of its standard): those are shown apart as 提示/建议改进 and never
counted as 整改. On the real engine's result of the sample district S (2023)."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any

import openpyxl

from youjun.assess import assess_tables
from youjun.report.rectification import build_rectification, filter_rows
from youjun.report.rectification_render import render_rectification_html, render_rectification_xlsx


@lru_cache(maxsize=1)
def result_s() -> dict[str, Any]:
    from youjun.sample import generate

    return assess_tables(generate("S", 2023))[0]


def _sections(result: dict[str, Any]) -> dict[tuple[str, str], bool]:
    return {(str(s["code"]), str(s["level"])): bool(s["compliant"]) for s in result["schools"]}


def test_only_failing_sections_and_gq_objects_are_counted_as_rectification() -> None:
    result = result_s()
    rect = build_rectification(result)
    sections = _sections(result)
    counts = result["verdict"]["counts"]
    failing = {k for k, ok in sections.items() if not ok}
    assert len(failing) == counts["schools"] - counts["schools_compliant"] == 16
    assert rect["counts"]["sections_failing"] == 16  # the dashboard's 未达标学段
    # every R entry to rectify is of a failing section; every failing section is listed
    listed = set()
    for row in rect["rows"]:
        for e in row["entries"]:
            assert not e["advisory"]
            if e["label"].startswith("R"):
                assert (row["code"], e["level"]) in failing, (row["code"], e)
                listed.add((row["code"], e["level"]))
    assert listed == failing
    # every G/Q finding of a school is to rectify, at its school
    gq_schools = {str(f["school_code"]) for f in result["findings"]
                  if f["school_code"] and not f["requirement"].startswith(("R", "CV"))}
    assert gq_schools <= {r["code"] for r in rect["rows"]}
    # the tolerated shortfalls of passing sections: apart, each one there, none counted
    tolerated = [(str(f["school_code"]), str(f["level"]), f["requirement"]) for s in result["schools"]
                 if s["compliant"] for f in s["findings"]]
    assert tolerated, "S 2023 has passing sections with one indicator short"
    advice = [(r["code"], e["level"], e["label"]) for r in rect["advice_rows"] for e in r["entries"]]
    assert sorted(advice) == sorted(tolerated)
    assert all(e["advisory"] for r in rect["advice_rows"] for e in r["entries"])
    assert rect["counts"]["advice_findings"] == len(tolerated)
    assert rect["counts"]["findings"] == (sum(len(r["entries"]) for r in rect["rows"])
                                          + len(rect["district_entries"]))
    assert rect["counts"]["schools"] == len(rect["rows"])
    # a tolerated shortfall says why it is not to rectify: its share of the standard
    for r in rect["advice_rows"]:
        for e in r["entries"]:
            assert re.search(r"达到标准的 \d+(\.\d)?%", e["gap_zh"]), e["gap_zh"]
            assert re.search(r"\d+(\.\d)?% of the standard", e["gap_en"]), e["gap_en"]


def test_filters_apply_to_the_advice_too() -> None:
    rect = build_rectification(result_s())
    r3 = filter_rows(rect, requirement="R3", which="advice_rows")
    assert r3 and all(e["label"] == "R3" for r in r3 for e in r["entries"])
    assert all(r["code"] for r in filter_rows(rect, level="junior", which="advice_rows"))


def test_exports_keep_the_split() -> None:
    result = result_s()
    rect = build_rectification(result)
    advice_keys = {(r["code"], e["label"]) for r in rect["advice_rows"] for e in r["entries"]}
    buf = io.BytesIO()
    render_rectification_xlsx(rect, buf, "zh")
    book = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    assert book.sheetnames == ["整改清单", "提示（建议改进）"]
    main, tips = book.worksheets
    assert "未达标学段 16 个" in str(main.cell(2, 1).value)
    main_lines = [r for r in main.iter_rows(min_row=4, values_only=True) if r[0]]
    tip_lines = [r for r in tips.iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(main_lines) == rect["counts"]["findings"]
    assert {(r[0], r[4]) for r in tip_lines} == advice_keys
    # a passing section's tolerated shortfall is not on the rectification sheet
    failing = {k for k, ok in _sections(result).items() if not ok}
    failing_codes = {c for c, _ in failing}
    for r in main_lines:
        if str(r[4]).startswith("R"):
            assert r[0] in failing_codes, r
    html = render_rectification_html(rect, "zh")
    head, tail = html.split('id="advice"', 1)
    assert "未达标学段 16 个" in head and "提示" in tail and "不计入整改" in tail
    assert html.count("<tr") == rect["counts"]["findings"] + rect["counts"]["advice_findings"] + 2
    en = render_rectification_html(rect, "en")
    assert "16 school sections fail" in en and "not counted" in en
