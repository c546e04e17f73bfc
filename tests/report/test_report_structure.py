"""The district report's structure for a district officer (walk: a 75,000 px phone page).

Sample district S through the engine and the real template: under the verdict a summary of the
requirements not met (one row each, counted in their units, with the total shortfall where gaps
add up, linked to their findings), then a contents list linking every section, then every
finding in its own section, folded by requirement; the PDF (WeasyPrint) prints every finding.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from youjun.report.htmlpage import render_html


def section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    end = html.find("\n<section ", start)
    nav = html.find("\n<nav ", start)
    ends = [e for e in (end, nav) if e > 0]
    return html[start:min(ends) if ends else len(html)]


def test_summary_and_contents_come_before_any_finding(s_html: str) -> None:
    order = [s_html.index(f'id="{i}"') for i in ("verdict", "summary", "contents", "findings", "level-primary")]
    assert order == sorted(order)
    verdict = section(s_html, "verdict")
    assert '<td class="n">' not in verdict  # no finding rows before the contents


def test_one_summary_row_per_requirement_with_units_and_totals(s_result: dict[str, Any], s_html: str) -> None:
    from youjun.core.findings import group_findings

    groups = group_findings(s_result["verdict"]["findings"])
    summary = section(s_html, "summary")
    rows = re.findall(r'<tr><td class="code"><a href="#(req-[a-z0-9-]+)">(\w+)</a></td>(.*?)</tr>', summary)
    assert [code for _, code, _ in rows] == [g.requirement for g in groups]
    units = ("所学校", "名教师", "个班", "个学段", "间功能教室", "全县")
    for anchor, code, rest in rows:
        assert f'id="{anchor}"' in s_html, code  # each row links to its findings
        count = re.search(r'data-label="未达到的对象">(.*?)</td>', rest)
        assert count and any(u in count.group(1) for u in units), (code, rest)
    by_code = {code: rest for _, code, rest in rows}
    # teachers short summed as teachers, areas to one decimal, money to the whole yuan
    r2 = [f for f in s_result["verdict"]["findings"] if f["requirement"] == "R2"]
    assert f"共缺 {round(sum(f['gap']['value'] for f in r2)):,} 名教师" in by_code["R2"]
    r5 = [f for f in s_result["verdict"]["findings"] if f["requirement"] == "R5"]
    # the total is the sum of the parts as the findings print them (to 0.1 m²), so a reader
    # adding up the findings gets it; here the unrounded sum rounds differently
    shown = [float(re.search(r"([\d,]+\.\d) 平方米", f["gap"]["zh"]).group(1).replace(",", "")) for f in r5]
    assert f"{sum(f['gap']['value'] for f in r5):,.1f}" != f"{sum(shown):,.1f}"
    assert f"共缺 {sum(shown):,.1f} 平方米" in by_code["R5"]
    assert re.search(r"共缺 [\d,]+ 元<", by_code["R6"])
    # pupils over a class size do not add up to anything: no total
    assert "共缺" not in by_code["G5"] and "86 个班" in by_code["G5"]
    # G9's district-wide finding is counted beside its teachers, not dropped
    assert "名教师" in by_code["G9"] and "全区县 1 项" in by_code["G9"]


def test_contents_link_every_section(s_html: str) -> None:
    nav = s_html[s_html.index('<nav id="contents"'):s_html.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert {"verdict", "summary", "findings", "level-primary", "grid-primary", "level-junior",
            "grid-junior", "items", "q-items", "annex"} <= set(targets)
    for t in targets:
        assert f'id="{t}"' in s_html


def test_every_finding_is_listed_folded_by_requirement(s_result: dict[str, Any], s_html: str) -> None:
    findings = s_result["verdict"]["findings"]
    part = section(s_html, "findings")
    assert f"问题明细（共 {len(findings)} 处）" in part
    assert part.count('<details id="req-') == len({f["requirement"] for f in findings})
    assert "<details open" not in part  # folded: a phone sees one line per requirement
    assert part.count('<td class="n">') == len(findings)


def test_the_pdf_prints_every_folded_finding(s_result: dict[str, Any], s_html: str, tmp_path: Path) -> None:
    from youjun.report.pdf import render_pdf

    pdf = render_pdf(s_html, tmp_path / "report.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    findings = s_result["verdict"]["findings"]
    classes = [f["subject"]["zh"] for f in findings if f["subject_kind"] == "class"]
    assert classes and all(c in text for c in classes)
    assert str(len(findings)) in text.split()  # the last finding's number
    assert "点开查看" not in text  # the screen's hint is not printed


def test_grid_legend_states_the_rule_from_the_rules(s_result: dict[str, Any], s_html: str) -> None:
    grid = section(s_html, "grid-primary")
    rules = {r["key"]: r["value"] for r in s_result["provenance"]["rules"]}
    floor = rules["school_compliance.floor_ratio"]
    assert f"不低于标准的 {floor * 100:g}%" in grid and f"至少 {rules['school_compliance.min_met']} 项" in grid
    changed = {**s_result, "provenance": {**s_result["provenance"], "rules": [
        {**r, "value": 0.9} if r["key"] == "school_compliance.floor_ratio" else r
        for r in s_result["provenance"]["rules"]]}}
    assert "不低于标准的 90%" in section(render_html(changed, "zh"), "grid-primary")


def test_appendix_in_words(s_html: str) -> None:
    annex = section(s_html, "annex")
    assert "（U）" not in annex and "(U)" not in annex and "cn-2017" not in annex
    assert ">M " not in annex and ">C " not in annex
    assert "/" not in re.search(r"<th>数据来源</th><td[^>]*>(.*?)</td>", annex).group(1)
    assert "<th>说明</th>" not in annex  # the options' description column is empty in S
    assert "（北京时间）" in s_html


def test_counts_carry_units(s_html: str) -> None:
    verdict = section(s_html, "verdict")
    assert re.search(r"\d+/\d+ 个学段<", verdict) and re.search(r"\d+/\d+ 项<", verdict)
    items = section(s_html, "items")
    assert "导入的 186 所学校" in items  # why G3's and G4's school counts differ
