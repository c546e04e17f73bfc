"""What walk 34 found in the workbooks, the roll-up and the summary (a district's data officer and
a provincial statistician reading the output of a real run), each on the real engine's output of
three districts rendered through the real templates and writers."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from youjun.assess.rollup import district_summary, rollup
from youjun.cli.main import main
from youjun.core.findings import group_findings
from youjun.report import numbers, view
from youjun.report.district_card import render_district_card
from youjun.report.rectification import build_rectification, summary_lines
from youjun.report.rollup_render import render_rollup_html, write_rollup_xlsx


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real run of three districts, each with its full report in html and xlsx."""
    root = tmp_path_factory.mktemp("walk34")
    data = root / "m3"
    assert main(["sample", "M", "--districts", "3", "--scale", "0.12", "--out", str(data)]) == 0
    out = root / "out"
    assert main(["assess", str(data), "--out", str(out), "--formats", "json,html,xlsx", "--reports", "all"]) == 0
    codes = sorted(p.parent.name for p in out.glob("*/report.json"))
    results = {c: json.loads((out / c / "report.json").read_text(encoding="utf-8")) for c in codes}
    summaries = {c: district_summary(r) for c, r in results.items()}
    return {"data": data, "out": out, "codes": codes, "results": results, "summaries": summaries}


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


# -- 1. the workbook gives the basis of the verdict ---------------------------------------------

def test_the_workbook_gives_the_conditions_of_the_verdict_as_the_html_does(run: dict[str, Any]) -> None:
    for code in run["codes"]:
        page = (run["out"] / code / "report.html").read_text(encoding="utf-8")
        table = page.split('<table class="scorecard">', 1)[1].split("</table>", 1)[0]
        shown = [tuple(_text(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row))
                 for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table)]
        ws = openpyxl.load_workbook(run["out"] / code / "report.xlsx").worksheets[0]
        rows = [r for r in ws.iter_rows(values_only=True)]
        head = next(i for i, r in enumerate(rows) if r[0] == "评估要件")
        written = [(r[0], r[4], r[5]) for r in rows[head + 1:head + 1 + len(shown)]]
        assert written == shown, code  # the same words and figures, row by row
        names = [r[0] for r in written]
        assert "社会认可度" in names and "前提条件" in names and "一票否决事项" in names
        assert any(n.endswith("学段达标") for n in names) and any(n.endswith("差异系数达标") for n in names)


# -- 2. the gaps to rectify apart from the advice, adding up to the report's totals ------------

def test_the_gap_rows_to_rectify_add_up_to_the_summary_totals(run: dict[str, Any]) -> None:
    seen_advice = seen_totals = 0
    for code in run["codes"]:
        ws = openpyxl.load_workbook(run["out"] / code / "report.xlsx")["缺口"]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][0] == "是否计入整改"
        kinds = [r[0] for r in rows[1:]]
        assert set(kinds) <= {"计入整改", "提示（不计入整改）"}
        # the rows to rectify first, then the advice
        assert kinds == sorted(kinds, key=lambda k: k != "计入整改")
        seen_advice += kinds.count("提示（不计入整改）")
        sums: dict[str, float] = {}
        for r in rows[1:]:
            if r[0] == "计入整改":
                key = str(r[4]).split()[0]
                sums[key] = sums.get(key, 0) + r[7]
        totals = run["summaries"][code]["requirement_totals"]
        for key, words in totals.items():
            if not key.startswith("R"):
                continue
            seen_totals += 1
            figure = re.search(r"共缺 ([\d,.]+) ", words["zh"])
            assert figure, words
            assert sums[key] == pytest.approx(float(figure.group(1).replace(",", "")), abs=1e-6), (code, key)
        # every requirement to rectify has its rows, and no other
        assert set(sums) == {k for k in run["summaries"][code]["requirements"] if k.startswith("R")}
    assert seen_advice and seen_totals


# -- 3 and 4. the roll-up's conditions and vetoes, with the recognition standard ---------------

def test_the_rollup_workbook_gives_each_districts_conditions_and_vetoes(run: dict[str, Any], tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(run["out"] / "rollup.xlsx")
    ranking = list(wb["区县排名"].iter_rows(min_row=2, values_only=True))
    head = list(ranking[0])
    rec, pre, veto = head.index("社会认可度"), head.index("前提条件"), head.index("一票否决")
    for r in ranking[1:]:
        s = run["summaries"][r[1]]
        assert f"{round(r[rec] * 100, 1):.1f}%" == s["recognition"]["rate_text"]
        assert r[pre] == "全部达标" and r[veto] == "无"
    summary = list(wb["汇总"].iter_rows(values_only=True))
    worst_head = next(list(r) for r in summary if r[0] in ("名次", "全国名次") and "一票否决" in r)
    assert {"社会认可度", "前提条件", "一票否决"} <= set(worst_head)
    assert any("不低于 85%" in str(r[0]) and "一票否决" in str(r[0]) for r in summary)
    # a veto that applies is named by its case, in both files
    summaries = list(run["summaries"].values())
    vetoed = dict(summaries[0], vetoes=dict(summaries[0]["vetoes"], applying=["veto_safety"], clear=5))
    rolled = rollup([vetoed, *summaries[1:]])
    wb = openpyxl.load_workbook(write_rollup_xlsx(rolled, tmp_path / "r.xlsx", "zh", [vetoed, *summaries[1:]]))
    rows = list(wb["区县排名"].iter_rows(min_row=3, values_only=True))
    assert next(r for r in rows if r[1] == vetoed["code"])[veto] == "教育系统发生重大安全责任事故和严重违纪违规事件"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rollup_page_says_each_districts_vetoes_and_the_recognition_standard(run: dict[str, Any],
                                                                               lang: str) -> None:
    summaries = list(run["summaries"].values())
    page = render_rollup_html(rollup(summaries), summaries, lang)
    none, veto = (("一票否决：无", "一票否决：教育系统发生重大安全责任事故") if lang == "zh"
                  else ("Veto: none", "Veto: A major safety accident"))
    rows = re.findall(r'<tr class="fails" data-code="(\d+)">(.*?)</tr>', page)
    assert len(rows) == len(summaries) and all(none in _text(r) for _, r in rows)
    note = _text(page.split('id="conditions-note"', 1)[1].split("</p>", 1)[0])
    assert ("不低于 85%" if lang == "zh" else "at least 85%") in note
    # the standard is the summaries', not written into the page
    other = [dict(s, recognition=dict(s["recognition"], limit=90.0)) for s in summaries]
    other[0] = dict(other[0], vetoes=dict(other[0]["vetoes"], applying=["veto_safety"], clear=5))
    page = render_rollup_html(rollup(other), other, lang)
    assert ("不低于 90%" if lang == "zh" else "at least 90%") in page and "85%）" not in page
    row = re.search(rf'data-code="{other[0]["code"]}">(.*?)</tr>', page)
    assert row and veto in _text(row.group(1)) and 'class="vetoes over"' in row.group(1)


# -- 5. where to start: the schools' requirements and the district's own, unranked ------------

def test_where_to_start_says_whose_requirements_they_are(run: dict[str, Any]) -> None:
    for code in run["codes"]:
        s = run["summaries"][code]
        page = (run["out"] / code / "summary.html").read_text(encoding="utf-8")
        start = page.split('id="start"', 1)[1].split("</section>", 1)[0]
        assert "最少" not in start
        groups = {g.requirement: g for g in group_findings(run["results"][code]["verdict"]["findings"])}
        at_schools = [k for k in s["requirements"] if groups[k].n_schools
                      and all(sg.school_code for sg in groups[k].schools)]
        own = [k for k in s["requirements"] if k not in at_schools]
        listed = re.findall(r'<li id="start-schools">(.*?)</li>', start)
        assert re.findall(r"#req-([a-z0-9-]+)\"", listed[0]) == [view.group_id(k)[4:] for k in at_schools]
        assert "逐校整改" in listed[0]
        if own:
            county = re.findall(r'<li id="start-county">(.*?)</li>', start)[0]
            assert re.findall(r"#req-([a-z0-9-]+)\"", county) == [view.group_id(k)[4:] for k in own]
            assert "不在某一学校" in county and "由区统筹整改" in county  # 渝中区 is a 区
        assert '<a href="rectification.html">打开整改清单</a>' in start


# -- 6. the rectification list's headline adds up ----------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rectification_headline_parts_add_up_to_its_total(run: dict[str, Any], lang: str) -> None:
    for code in run["codes"]:
        rect = build_rectification(run["results"][code])
        head, _ = summary_lines(rect, lang)
        pattern = (r"整改清单共 [\d,]+ 所学校、([\d,]+) 项（即资源配置指标 ([\d,]+) 项、G/Q 问题 ([\d,]+) 项"
                   r"与全区县问题 ([\d,]+) 项之和）" if lang == "zh" else
                   r"The list: [\d,]+ schools, ([\d,]+) findings \(([\d,]+) resource indicators, ([\d,]+) G/Q and "
                   r"([\d,]+) district-wide\)")
        m = re.search(pattern, head)
        assert m, head
        total, *parts = (int(x.replace(",", "")) for x in m.groups())
        assert total == sum(parts) == rect["counts"]["findings"]
        assert parts[0] > 0  # the resource indicators were the part never stated
        page = (run["out"] / code / "rectification.html").read_text(encoding="utf-8")
        if lang == "zh":
            assert m.group(0) in _text(page)


# -- 7. what concerns the whole district, in the same words on the three pages ------------------

def test_the_district_wide_findings_are_named_alike_on_the_three_pages(run: dict[str, Any]) -> None:
    seen = 0
    for code in run["codes"]:
        pages = {name: _text((run["out"] / code / name).read_text(encoding="utf-8"))
                 for name in ("report.html", "summary.html", "rectification.html")}
        for name, text in pages.items():
            assert "全县 " not in text and "全区性" not in text, name
        if build_rectification(run["results"][code])["counts"]["district_findings"]:
            seen += 1
            assert all("全区县" in text for text in pages.values())
    assert seen


# -- 8. every total area with its 1 decimal -----------------------------------------------------

def test_every_total_area_is_written_with_one_decimal(run: dict[str, Any]) -> None:
    totals = [t["zh"] for s in run["summaries"].values() for t in s["requirement_totals"].values()
              if "平方米" in t["zh"]]
    assert totals and all(re.fullmatch(r"共缺 [\d,]+\.\d 平方米", t) for t in totals)
    assert numbers.area_total(9867.0) == "9,867.0"


# -- 9. the schools not assessed, and why -------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_says_how_many_schools_are_not_assessed_and_why(run: dict[str, Any], lang: str) -> None:
    schools = pd.read_parquet(run["data"] / "schools") if (run["data"] / "schools").is_dir() else None
    seen = 0
    for code in run["codes"]:
        s = run["summaries"][code]
        in_data = None if schools is None else int((schools["district_code"].astype(str) == code).sum())
        card = _text(render_district_card(s, lang, "m3"))
        n = s["schools_not_assessed"]
        if in_data is not None:  # the schools of the data: assessed, or said not to be
            assert s["school_count"] + n == in_data, code
        if n:
            seen += 1
            said = (f"另有 {n} 所学校" if lang == "zh" else f"{n} more school")
            assert said in card and ("特殊教育学校" if lang == "zh" else "special-education schools") in card
            minimum = s["scope"]["teaching_point_min_students"]
            assert (f"在校生不足 {minimum} 人的教学点" if lang == "zh" else f"teaching points under {minimum}") in card
    assert seen
    none = dict(run["summaries"][run["codes"][0]], schools_not_assessed=0)
    assert "另有" not in _text(render_district_card(none, "zh", "m3"))


# -- 10. a requirement that is a part on its own is named once ----------------------------------

def test_the_rollup_names_the_cv_requirement_once(run: dict[str, Any]) -> None:
    page = (run["out"] / "rollup.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-requirement="CV"[^>]*>(.*?)</tr>', page)
    assert row and _text(row.group(1)).count("校际差异系数") == 1 and 'colspan="2"' in row.group(1)
    summary = list(openpyxl.load_workbook(run["out"] / "rollup.xlsx")["汇总"].iter_rows(values_only=True))
    cv = next(r for r in summary if r[0] == "校际差异系数")
    assert cv[1] is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_open_group_of_findings_ends_with_the_way_back(s_result: dict[str, Any], lang: str) -> None:
    """Walk 34: an open group (G9: ~17,000 px on a phone) had no way back but the browser's."""
    from youjun.report.htmlpage import render_html

    page = render_html(s_result, lang=lang)
    assert 'id="summary"' in page
    groups = re.findall(r'<details id="(req-[^"]+)" class="finding-group">(.*?)</details>', page, flags=re.S)
    assert len(groups) == len(view.group_findings(s_result["verdict"]["findings"])) > 1
    for gid, body in groups:
        tail = body.rsplit("</table>", 1)[1]
        assert '<a href="#summary">' in tail, gid


def test_a_value_just_short_of_its_standard_never_reads_as_it_in_the_workbook(s_result: dict[str, Any],
                                                                            tmp_path: Path) -> None:
    """Walk 35: 0.999 against ≥1 showed as "1.00" in report.xlsx (the page says 0.999)."""
    import copy

    from youjun.report.workbook import render_xlsx

    result = copy.deepcopy(s_result)
    school = next(s for s in result["schools"] if s.get("gaps"))
    gap = school["gaps"][0]
    k, limit = str(gap["indicator"]), float(gap["threshold"])
    gap["value"] = school["values"][k] = limit - 0.001
    school["thresholds"][k] = limit
    path = render_xlsx(result, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path)
    shown = [c for ws in book for row in ws.iter_rows() for c in row if c.value == limit - 0.001]
    assert len(shown) >= 2  # the gaps sheet and the schools sheet
    for cell in shown:
        decimals = len(cell.number_format.rpartition(".")[2])
        assert f"{cell.value:.{decimals}f}" != f"{limit:.{decimals}f}", (cell.parent.title, cell.number_format)
