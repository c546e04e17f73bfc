"""rollup.html: the roll-up of real assessments (seven generated districts of two provinces,
assessed by the engine, rolled up by ``youjun.assess.rollup``) as one static page — counts, the
districts with the most problems, the requirements not met, a table per province, the CV
distributions, the items not met and the ranking grouped by province — with the same figures
and rounding as rollup.json and rollup.xlsx, usable on a phone."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections import Counter
from pathlib import Path
from statistics import median
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.web import hygiene
from youjun.assess import assess_tables
from youjun.assess.engine import assess_with_params, census_date
from youjun.assess.rollup import district_summary, ratio_rounded, requirement_label, rollup
from youjun.core.rules import load_ruleset
from youjun.report import numbers
from youjun.report.rollup_render import ratio_value, render_rollup_html, write_rollup_files
from youjun.sample import generate_district

# scenario L's districts 0-2 are Beijing's (110101…), 16-19 Tianjin's (120101…)
INDICES = (0, 1, 2, 16, 17, 18, 19)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    parts = [generate_district("L", 2023, i, scale=0.05) for i in INDICES]
    return {k: pd.concat([p[k] for p in parts], ignore_index=True) for k in parts[0]}


@pytest.fixture(scope="module")
def summaries(tables: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    return [district_summary(r) for r in assess_tables(tables)]


@pytest.fixture(scope="module")
def written(summaries: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_rollup_files(rollup(summaries), summaries, tmp_path_factory.mktemp("rollup"), "zh")


def section(page: str, ident: str) -> str:
    return page.split(f'<section id="{ident}"', 1)[1].split("</section>", 1)[0]


def cells(row: str) -> list[str]:
    return [hygiene.shown_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def why_of(row: str) -> tuple[str, list[str]]:
    """A district row's why as read (its parts run together as the browser draws them) and the
    full names folded under it (none when it has nothing to unfold)."""
    cell = re.search(r'<td class="keys"[^>]*>(.*?)</td>', row, re.S)
    assert cell is not None, row
    why = re.fullmatch(r'<span class="why">(.*?)</span>'
                       r'(<details class="names"><summary>(?:各项名称|Their names)</summary><ul>(.*?)</ul></details>)?',
                       cell.group(1), re.S)
    assert why is not None, cell.group(1)
    return (html.unescape(re.sub(r"<[^>]+>", "", why.group(1))),
            [html.unescape(n) for n in re.findall(r"<li>(.*?)</li>", why.group(3) or "")])


def ranking_sheet(path: Path, sheet: str = "区县排名") -> list[tuple[Any, ...]]:
    """The ranking sheet's table: its head (the row above the frozen pane, under the note on its
    columns) and its rows."""
    ws = load_workbook(path)[sheet]
    head = int(ws.freeze_panes.lstrip("A")) - 1
    return list(ws.iter_rows(min_row=head, values_only=True))


WHY_PART = {"R": "资源配置", "G": "政府保障程度", "Q": "教育质量"}


def codes_said(codes: str) -> list[str]:
    """The numbers a why lists: "G3–G5、G9" is G3, G4, G5 and G9."""
    out = []
    for piece in codes.split("、"):
        first, _, last = piece.partition("–")
        out += [f"{first[0]}{i}" for i in range(int(first[1:]), int((last or first)[1:]) + 1)]
    return out


def check_why(r: dict[str, Any], why: str, names: list[str]) -> None:
    """The why of a ranking row read against the district's own list: R, G, Q parts first, each
    with its count and every number of that part, then the other requirements by name; the full
    names folded under it, one each, in the same order."""
    keys = list(r["requirements"])
    pieces = why.split("；")
    parts = [re.fullmatch(r"(\S+) (\d+) 项（([RGQ0-9、–]+)）", p) for p in pieces]
    numbered = [m for m in parts if m]
    assert parts[:len(numbered)] == numbered  # the numbered parts first ...
    assert [m.group(1) for m in numbered] == [WHY_PART[x] for x in "RGQ" if any(k[0] == x for k in keys)]
    said: list[str] = []
    for m in numbered:  # ... each its count and numbers, in order
        codes = codes_said(m.group(3))
        assert codes == sorted((k for k in keys if k[0] == codes[0][0] and k[1:].isdigit()), key=lambda k: int(k[1:]))
        assert int(m.group(2)) == len(codes)
        said += codes
    rest = [k for k in keys if k not in said]
    assert pieces[len(numbered):] == [requirement_label(k, "zh", with_part=True) for k in rest]
    if said:  # the full names, numbers in the why's order
        assert names == [requirement_label(k, "zh", with_part=True) for k in said + rest]
        assert sorted(names) == sorted(requirement_label(k, "zh", with_part=True) for k in keys)
    else:
        assert names == []


def test_three_files_side_by_side_with_the_same_ranking(written: dict[str, Path]) -> None:
    assert {p.name for p in written.values()} == {"rollup.json", "rollup.xlsx", "rollup.html"}
    rolled = json.loads(written["json"].read_text(encoding="utf-8"))
    page = written["html"].read_text(encoding="utf-8")
    html_codes = re.findall(r'<tr class="\w+" data-code="(\d{6})">', page.split('id="ranking"', 1)[1])
    xlsx_codes = [row[1] for row in ranking_sheet(written["xlsx"])[1:]]
    assert sorted(html_codes) == sorted(xlsx_codes) == sorted(r["code"] for r in rolled["ranking"])
    assert len(html_codes) == len(INDICES)


def test_counts_and_the_province_table(summaries: list[dict[str, Any]], written: dict[str, Path]) -> None:
    rolled = rollup(summaries)
    page = written["html"].read_text(encoding="utf-8")
    n, k = rolled["districts"], rolled["passing"]
    # the share is the passing districts' and stands beside them (it read as the failing share)
    share = numbers.percent(100 * k / n, measured=True)
    assert f"{n} 个区县参评：{k} 个通过（占 {share}），{n - k} 个未通过" in page
    rows = re.findall(r'<tr data-province="(\d\d)">(.*?)</tr>', section(page, "provinces"), re.S)
    assert [p for p, _ in rows] == ["11", "12"]
    for prefix, row in rows:
        mine = [s for s in summaries if s["code"].startswith(prefix)]
        ranked = [r for r in rolled["ranking"] if r["code"].startswith(prefix)]
        passing = sum(s["passes"] for s in mine)
        name, code, districts, yes, no, share, med, first = cells(row)
        assert name == mine[0]["province"] and code == prefix + "0000"
        assert (districts, yes, no) == (str(len(mine)), str(passing), str(len(mine) - passing))
        assert share == numbers.percent(100 * passing / len(mine), measured=True)
        assert med == numbers.any_figure(float(median(s["requirements_not_met"] for s in mine)))
        assert first == f"{ranked[0]['name']}（{ranked[0]['code']}）"


def test_the_ranking_is_grouped_by_province_in_national_order(summaries: list[dict[str, Any]],
                                                              written: dict[str, Path]) -> None:
    rolled = rollup(summaries)
    page = written["html"].read_text(encoding="utf-8")
    by_code = {r["code"]: r for r in rolled["ranking"]}
    for prefix in ("11", "12"):
        body = section(page, f"p-{prefix}")
        rows = re.findall(r'<tr class="(\w+)" data-code="(\d{6})">(.*?)</tr>', body, re.S)
        assert [c for _, c, _ in rows] == [r["code"] for r in rolled["ranking"] if r["code"].startswith(prefix)]
        for css, code, row in rows:
            r = by_code[code]
            rank, code_cell, name, verdict, requirements, findings, worst, _conditions, which = cells(row)
            # walk 32: social recognition and the preconditions beside the district's other figures
            rec, pre = r["recognition"] or {}, r["preconditions"] or {}
            recognition = re.search(r'<span class="rec[^"]*" data-label="社会认可度">(.*?)</span>', row).group(1)
            preconditions = re.search(r'<span class="pre[^"]*" data-label="前提条件">(.*?)</span>', row).group(1)
            assert recognition == (rec.get("rate_text") or "—")
            short = pre["total"] - pre["passing"] if pre else None
            assert preconditions == ("—" if short is None else "全部达标" if short == 0 else f"{short} 项未达标")
            assert (rank, code_cell, name) == (str(r["rank"]), code, r["name"])
            assert verdict == ("通过" if r["passes"] else "未通过")
            assert css == ("passes" if r["passes"] else "fails")
            assert requirements == f"{r['requirements_not_met']} 项" and findings == f"{r['findings']:,} 处"
            assert worst == numbers.fixed(ratio_value(r), 3)
            why, names = why_of(row)
            assert which.split("\n", 1)[0].replace("； ", "；") == why  # drawn as one line, parts run on
            if r["requirements"]:
                check_why(r, why, names)
            else:
                assert (why, names) == ("—", [])
    # several provinces: the rank is national
    assert "<th class=\"num\">全国名次</th>" in page


def test_indicators_and_items_are_the_rollups(summaries: list[dict[str, Any]], written: dict[str, Path]) -> None:
    rolled = rollup(summaries)
    page = written["html"].read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", section(page, "indicators").split("<tbody>", 1)[1], re.S)
    assert len(rows) == len(rolled["indicators"])
    assert [cells(r)[0] for r in rows] == ["小学"] * 7 + ["初中"] * 7  # primary first
    shown = {(cells(r)[0], cells(r)[1].split(" ")[0]): cells(r) for r in rows}
    for key, e in rolled["indicators"].items():
        level, ind = key.split(".", 1)
        c = shown[("小学" if level == "primary" else "初中", ind.split("_")[0].upper())]
        assert c[1].endswith(e["name_zh"]) and c[2] == numbers.cv_limit(e["limit"])
        assert c[3:5] == [str(e["districts"]), str(e["failing"])]
        assert c[5:] == [numbers.cv(e["cv"][q]) for q in ("min", "p25", "median", "p75", "max")]
    body = section(page, "items").split("<tbody>", 1)[1]
    items = {cells(r)[0]: cells(r) for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)}
    # most districts not meeting it first, ties in item order
    order = list(rolled["items"])
    assert list(items) == [k.upper() for k in sorted(order, key=lambda k: (-rolled["items"][k]["not_met"],
                                                                         order.index(k)))]
    for key, c in rolled["items"].items():
        shown_row = items[key.upper()]
        assert shown_row[2:4] + shown_row[5:] == [str(c[x]) for x in ("assessed", "not_met", "fail",
                                                                      "evidence_missing")]
        assert shown_row[4] == numbers.percent(100 * c["not_met"] / c["assessed"], measured=True)
        not_met = Counter(s["items"].get(key) for s in summaries)
        assert c["not_met"] == not_met["fail"] + not_met["evidence_missing"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_static_self_contained_and_clean(summaries: list[dict[str, Any]], lang: str) -> None:
    page = render_rollup_html(rollup(summaries), summaries, lang)
    assert "<script" not in page and "<link" not in page and "http" not in page
    assert "<style>" in page
    names = {s["name"] for s in summaries} | {s["province"] for s in summaries}
    assert not hygiene.problems(hygiene.shown_text(page), lang, names)
    if lang == "en":
        assert "districts assessed" in page and "By province" in page


def test_province_names_fall_back_to_the_code_without_summaries(summaries: list[dict[str, Any]]) -> None:
    page = render_rollup_html(rollup(summaries), (), "zh")
    assert '<a href="#p-11">110000</a>' in page


def test_the_requirements_not_met_are_every_kind_most_districts_first(summaries: list[dict[str, Any]],
                                                                       written: dict[str, Path]) -> None:
    rolled = rollup(summaries)
    page = written["html"].read_text(encoding="utf-8")
    body = section(page, "requirements")
    assert "<h2>各项要求未满足的区县数</h2>" in body
    rows = re.findall(r'<tr data-requirement="([A-Z0-9_]+)"[^>]*>(.*?)</tr>', body, re.S)
    assert [k for k, _ in rows] == list(rolled["requirements"])
    n = rolled["districts"]
    counts = [int(cells(row)[-2]) for _, row in rows]
    assert counts == sorted(counts, reverse=True)
    for key, row in rows:
        title, *_part, not_met, share = cells(row)  # a part on its own is named once (colspan)
        failing = sum(key in s["requirements"] for s in summaries)  # as each district's verdict groups it
        assert not_met == str(failing) and share == numbers.percent(100 * failing / n, measured=True)
        # the Chinese name, the documents' number (R5, G3, Q4) beside it; never a bare key
        words = rolled["requirements"][key]
        assert title == words["label_zh"] == (f"{key} {words['title_zh']}" if re.fullmatch(r"[RGQ]\d+", key)
                                              else words["title_zh"])
    parts = {cells(row)[1] for _, row in rows if 'colspan="2"' not in row}
    assert {"学校达标（资源配置）", "政府保障程度", "教育质量"} <= parts
    # the CVs are a part of their own: named once, across the name and the part (walk 34)
    assert re.search(r'<td class="words" colspan="2">校际差异系数</td>', dict(rows)["CV"])
    # what makes districts fail shows even when no CV does: a school requirement failed somewhere
    assert any(cells(row)[1] == "学校达标（资源配置）" and cells(row)[2] != "0" for _, row in rows)


def test_the_districts_with_the_most_problems_come_near_the_top(summaries: list[dict[str, Any]],
                                                                written: dict[str, Path]) -> None:
    rolled = rollup(summaries)
    page = written["html"].read_text(encoding="utf-8")
    assert page.index('id="worst"') < page.index('id="provinces"') < page.index('id="ranking"')
    body = section(page, "worst")
    codes = re.findall(r'<tr data-code="(\d{6})">', body)
    failing = [r["code"] for r in rolled["ranking"] if not r["passes"]]
    assert codes == list(reversed(failing))[:10] and codes
    row = re.search(r'<tr data-code="\d{6}">(.*?)</tr>', body, re.S)
    assert row is not None
    rank, code, name, province, requirements, findings, _worst, _conditions, which = cells(row.group(1))
    last = next(r for r in rolled["ranking"] if r["code"] == codes[0])
    assert (rank, code, name) == (str(last["rank"]), last["code"], last["name"])
    assert (requirements, findings) == (f"{last['requirements_not_met']} 项", f"{last['findings']:,} 处")
    assert province == next(s["province"] for s in summaries if s["code"] == code)
    assert which.split("\n", 1)[0].replace("； ", "；") == why_of(row.group(1))[0]
    for code in codes:  # every district listed says why in one line, its full names folded under it
        r = next(x for x in rolled["ranking"] if x["code"] == code)
        listed = re.search(rf'<tr data-code="{code}">(.*?)</tr>', body, re.S)
        assert listed is not None
        check_why(r, *why_of(listed.group(1)))


def test_one_province_ranks_without_national_and_says_the_verdict_as_the_web(summaries: list[dict[str, Any]]
                                                                            ) -> None:
    one = [s for s in summaries if s["code"].startswith("11")]
    page = render_rollup_html(rollup(one), one, "zh")
    assert "全国名次" not in page and "<th class=\"num\">名次</th>" in page
    assert "<h2>区县排名</h2>" in page
    shown = hygiene.shown_text(page)
    # 通过 / 未通过 as the web app and the district reports say a district's verdict (walk 28: the
    # roll-up said 达到标准 / 未达到标准 beside the web's 通过 / 未通过)
    assert "达到标准的区县" not in shown and "个达到标准" not in shown and "个未达到标准" not in shown
    assert set(re.findall(r'<td class="verdict">(.*?)</td>', page)) <= {"通过", "未通过"}
    assert re.search(r"<strong>\d+</strong>个通过</li>", page)
    assert re.search(r"<strong>\d+</strong>个未通过</li>", page)
    en = render_rollup_html(rollup(one), one, "en")
    assert "National rank" not in en and ">Rank</th>" in en
    # one province: no table of provinces with one row, no link back to it
    assert 'id="provinces"' not in page and "回到各省汇总" not in page and 'class="toc"' not in page


def test_the_page_says_how_requirements_and_findings_are_counted(written: dict[str, Path]) -> None:
    page = written["html"].read_text(encoding="utf-8")
    note = hygiene.shown_text(section(page, "summary"))
    assert "只计评估结论中列出的要求及其问题" in note and "不影响结论的问题" in note and "不计入" in note
    # in words: no key of report.json (verdict.findings) in the Chinese text, here or in the workbook
    assert "verdict" not in note and "findings" not in note and "<kbd>" not in section(page, "summary")
    cells_text = [c for row in load_workbook(written["xlsx"])["汇总"].iter_rows(values_only=True) for c in row
                  if isinstance(c, str)]
    assert any("只计评估结论中列出的要求" in c for c in cells_text)
    assert not any("verdict" in c or "findings" in c for c in cells_text)


def test_wide_tables_scroll_sideways_on_a_phone(written: dict[str, Path]) -> None:
    page = written["html"].read_text(encoding="utf-8")
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    wide = re.search(r"\.scroll > table\.wide \{ min-width: (\d+)rem; \}", style)
    assert wide and int(wide.group(1)) * 16 > 390  # wider than a phone: the box scrolls, words do not squeeze
    assert re.search(r"\.scroll \{ overflow-x: auto;", style) and re.search(r"td\.name \{ min-width: \d+em;", style)
    cv = section(page, "indicators")
    assert '<div class="scroll cards"><table class="wide cards">' in cv and '<td class="name">R1 ' in cv
    # every table is cards on a phone: every figure labelled with its column's head, the label
    # never on a line apart from its figure (walk 29: 未满足的区县数 was off-screen on a phone)
    phone = style.split("@media (max-width: 40rem)", 1)[1]
    assert "table.cards thead { display: none; }" in phone and "td[data-label]::before" in phone
    assert "table.cards td[data-label] { white-space: nowrap; }" in phone
    for ident, row_at, must in (("worst", r'data-code="\d{6}"', "未满足的要求"),
                                ("ranking", r'data-code="\d{6}"', "未满足的要求"),
                                ("requirements", r'data-requirement="[^"]+"', "未满足的区县数"),
                                ("indicators", "", "超过限值的区县数"), ("items", "", "未满足的区县数")):
        body = section(page, ident)
        assert re.search(r'<table class="(wide|narrow) cards( heads-wrap)?">', body), ident
        # a head may name two figures of one cell, a line each ("社会认可度<br>前提条件")
        heads = [h for both in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", body.split("</thead>", 1)[0])
                 for h in both.split("<br>")]
        row = re.search(rf"<tr[^>]*{row_at}[^>]*>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)
        assert row is not None, ident
        labels = re.findall(r'data-label="([^"]*)"', row.group(1))
        assert labels and set(labels) <= set(heads) and must in labels, (ident, labels)
        # every figure says what it is: a cell of two figures labels each
        numbers_unlabelled = [cell for cell in re.findall(r'<td class="num[^"]*">(.*?)</td>', row.group(1))
                              if re.sub(r'<span class="[^"]*" data-label="[^"]+">[^<]*</span>', "", cell).strip()]
        assert numbers_unlabelled == [], (ident, numbers_unlabelled)


def test_the_page_and_the_workbook_say_what_they_cover(summaries: list[dict[str, Any]],
                                                      written: dict[str, Path]) -> None:
    page = written["html"].read_text(encoding="utf-8")
    scope = hygiene.shown_text(page.split('<p class="scope" id="scope">', 1)[1].split("</p>", 1)[0])
    years = sorted({s["school_year"] for s in summaries})
    assert years and years == json.loads(written["json"].read_text(encoding="utf-8"))["school_years"]
    assert scope.startswith("2 个省份 · ") and f"{'、'.join(years)}学年" in scope
    # the method the districts were assessed by, as their reports name it (walk 30)
    methods = json.loads(written["json"].read_text(encoding="utf-8"))["methods"]
    assert [m["key"] for m in methods] == sorted({s["method"]["key"] for s in summaries})
    for m in methods:
        assert f"{m['title_zh']}（{m['document']}）" in scope, scope
    assert re.search(r"生成时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$", scope), scope
    sheet = load_workbook(written["xlsx"])["汇总"]
    assert sheet["A2"].value.rsplit(" · ", 1)[0] == scope.rsplit(" · ", 1)[0]  # the time: when each was written
    assert "（北京时间）" in sheet["A2"].value
    one = [s for s in summaries if str(s["code"]).startswith("11")]
    own = hygiene.shown_text(render_rollup_html(rollup(one), one, "zh").split('id="scope">', 1)[1].split("</p>")[0])
    assert own.startswith(f"{one[0]['province']} · ")  # one province: named


def test_the_workbook_matches_the_page(summaries: list[dict[str, Any]], written: dict[str, Path]) -> None:
    rolled = rollup(summaries)
    wb = load_workbook(written["xlsx"])
    assert wb.sheetnames == ["汇总", "区县排名", "各项指标差异系数", "G、Q各项未满足的区县数"]
    # every sheet's head frozen; the ranking's under the note on its columns
    assert [ws.freeze_panes for ws in wb.worksheets] == ["A2", "A3", "A2", "A2"]
    first = [list(r) for r in wb["汇总"].iter_rows(values_only=True)]
    n, k = rolled["districts"], rolled["passing"]
    assert first[1][0].startswith("2 个省份 · ")  # what it covers (the page's scope line)
    assert first[2][:2] == ["参评区县数", n] and first[3][:2] == ["通过", k]
    assert first[4][:2] == ["未通过", n - k]
    lines = {r[1]: r for r in first if r[1] in ("110000", "120000")}
    for prefix in ("11", "12"):
        mine = [s for s in summaries if s["code"].startswith(prefix)]
        passing = sum(s["passes"] for s in mine)
        assert lines[prefix + "0000"][:5] == [mine[0]["province"], prefix + "0000", len(mine), passing,
                                              len(mine) - passing]
    head = next(i for i, r in enumerate(first) if r[:2] == ["要求", "类别"])
    shown = [r for r in first[head + 1:head + 1 + len(rolled["requirements"])]]
    assert [r[0] for r in shown] == [e["label_zh"] for e in rolled["requirements"].values()]
    assert [r[2] for r in shown] == [e["not_met"] for e in rolled["requirements"].values()]
    ws = wb["各项指标差异系数"]
    rows = list(ws.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == ["小学"] * 7 + ["初中"] * 7
    assert [r[1].value for r in rows[:7]] == [f"R{i}" for i in range(1, 8)]
    for r in rows:
        assert r[3].number_format == "0.00" and r[3].value == round(r[3].value, 2)
        for c in r[6:]:
            assert c.number_format == "0.000" and c.value == round(c.value, 3)
    key = next(k for k in rolled["indicators"] if k.startswith("primary.r1"))
    assert rows[0][8].value == round(rolled["indicators"][key]["cv"]["median"], 3)
    for r in list(wb["区县排名"].iter_rows(min_row=3)):
        assert r[4].value in ("通过", "未通过")
        assert r[7].value is None or (r[7].number_format == "0.000" and r[7].value == round(r[7].value, 3))
    items = [r[3] for r in wb["G、Q各项未满足的区县数"].iter_rows(min_row=2, values_only=True)]
    assert items == sorted(items, reverse=True)


# -- the worst CV / limit, as judged -------------------------------------------------------------

def test_a_ratio_is_rounded_never_across_the_limit() -> None:
    assert ratio_rounded(1.0, 3, over=False) == 1.0 and ratio_rounded(0.99951, 3, over=False) == 1.0
    assert ratio_rounded(1.00222, 3, over=True) == 1.002  # 0.451 / 0.45: 2 decimals read 1.00
    assert ratio_rounded(1.0004, 3, over=True) == 1.001  # over by less than half a step: never 1.000
    assert ratio_rounded(1.0000000001, 3, over=False) == 1.0  # within the rules' tolerance: passes
    assert ratio_rounded(0.7345, 3, over=False) == 0.735  # half up, as the documents round
    assert numbers.fixed(ratio_value({"worst_cv_ratio": 1.0004, "cv_over_limit": True}), 3) == "1.001"
    # a roll-up written before the flag: over when its ratio is over 1
    assert ratio_value({"worst_cv_ratio": 1.0004}) == 1.001 and ratio_value({"worst_cv_ratio": None}) is None


def _at_the_limit(results: list[dict[str, Any]]) -> tuple[str, str, str, float]:
    """A district and level whose largest CV rounds down onto a limit that we set to it: (code,
    level, indicator, rounded CV) — the raw CV is above the limit, the CV as judged is at it."""
    for r in results:
        for level, body in r["levels"].items():
            key, ind = max(body["indicators"].items(), key=lambda kv: kv[1]["cv_rounded"])
            others = [i["cv_rounded"] for k, i in body["indicators"].items() if k != key]
            if ind["cv"] > ind["cv_rounded"] > max(others) and ind["cv_rounded"] > 0.1:
                return r["district"]["code"], level, key, ind["cv_rounded"]
    raise AssertionError("no CV rounding down in the sample")


def _ratio_cells(page: str) -> dict[str, str]:
    body = page.split('<section id="ranking"', 1)[1]
    return {code: cells(row)[6] for _, code, row in re.findall(r'<tr class="(\w+)" data-code="(\d{6})">(.*?)</tr>',
                                                               body, re.S)}


@pytest.mark.parametrize("step", [0, 1], ids=["cv-rounded-to-the-limit-passes", "one-step-above-fails"])
def test_the_worst_ratio_is_the_judged_cvs_on_both_sides_of_the_limit(tables: dict[str, pd.DataFrame], step: int,
                                                                      tmp_path: Path) -> None:
    """The limit set to a district's largest CV as rounded for the verdict (its raw CV a little
    above): the CV passes and its ratio reads 1.000, not over 1; with the limit one step (0.001)
    lower it fails and reads over 1.000 (to 2 decimals it read 1.00). Every district whose ratio
    reads over 1 is a district failing on CV, in rollup.json, on the page and in the workbook."""
    params = load_ruleset("cn-2017", as_of=census_date(tables))
    code, level, key, rounded = _at_the_limit(assess_with_params(tables, params))
    limit = round(rounded - 0.001 * step, 3)
    results = assess_with_params(tables, dataclasses.replace(params, cv_limits={**params.cv_limits, level: limit}))
    mine = next(r for r in results if r["district"]["code"] == code)
    ind = mine["levels"][level]["indicators"][key]
    assert ind["passes"] is (step == 0) and ind["cv_rounded"] == rounded and ind["cv"] / limit > 1
    summaries = [district_summary(r) for r in results]
    s = next(x for x in summaries if x["code"] == code)
    assert s["worst_cv"] == {"key": f"{level}.{key}", "cv": rounded, "limit": limit, "passes": step == 0}
    assert s["cv_over_limit"] is (step == 1) and ("CV" in s["requirements"]) is (step == 1)
    assert (s["worst_cv_ratio"] > 1) is (step == 1) and (s["worst_cv_ratio"] == 1.0) is (step == 0)
    written = write_rollup_files(rollup(summaries), summaries, tmp_path, "zh")
    rolled = json.loads(written["json"].read_text(encoding="utf-8"))
    failing_cv = {r["code"] for r in rolled["ranking"] if "CV" in r["requirements"]}
    assert len(failing_cv) == rolled["requirements"]["CV"]["not_met"] and (code in failing_cv) is (step == 1)
    assert {r["code"] for r in rolled["ranking"] if r["worst_cv_ratio"] > 1} == failing_cv
    assert {r["code"] for r in rolled["ranking"] if r["cv_over_limit"]} == failing_cv
    shown = _ratio_cells(written["html"].read_text(encoding="utf-8"))
    assert shown[code] == ("1.000" if step == 0 else numbers.fixed(rounded / limit, 3))
    assert shown[code] != "1.000" or step == 0
    assert {c for c, x in shown.items() if float(x) > 1} == failing_cv
    sheet = ranking_sheet(written["xlsx"])[1:]
    assert {r[1] for r in sheet if r[7] is not None and r[7] > 1} == failing_cv
    assert next(r[7] for r in sheet if r[1] == code) == float(shown[code])
    # the note says how the ratio is formed
    page = written["html"].read_text(encoding="utf-8")
    assert "四舍五入到 3 位小数" in section(page, "ranking") and "超过限值的至少显示为 1.001" in page


# -- requirements by name on the Chinese page ----------------------------------------------------

KEYS = ["R5", "CV", "G3", "Q4", "SR", "PRE", "VETO_STAFFING", "VETO_SAFETY"]


@pytest.fixture(scope="module")
def every_kind(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The districts, the last of them failing every kind of requirement (no sample district
    fails a veto, the precondition or social recognition)."""
    last = dict(summaries[-1], passes=False, requirements=KEYS, requirements_not_met=len(KEYS))
    return [*summaries[:-1], last]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_requirements_are_named_never_by_their_keys(every_kind: list[dict[str, Any]], lang: str,
                                                    tmp_path: Path) -> None:
    written = write_rollup_files(rollup(every_kind), every_kind, tmp_path, lang)
    page = written["html"].read_text(encoding="utf-8")
    text = hygiene.shown_text(page)
    # the English prose says "CV" as an abbreviation of its own; a key is never shown in either language
    for key in ("CV", "SR", "PRE", "VETO_STAFFING", "VETO_SAFETY") if lang == "zh" else ("SR", "PRE", "VETO_"):
        assert not re.search(rf"(?<![\w-]){key}(?![\w-])" if key[-1] != "_" else key, text), (lang, key)
    sheets = load_workbook(written["xlsx"])
    xlsx_text = "\n".join(str(c) for ws in sheets.worksheets for row in ws.iter_rows(values_only=True) for c in row
                          if isinstance(c, str))
    assert not re.search(r"VETO_|(?<![\w-])(PRE|SR)(?![\w-])", xlsx_text)
    code = every_kind[-1]["code"]
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', section(page, "worst"), re.S)
    assert row is not None
    why, names = why_of(row.group(1))
    if lang == "zh":
        # R, G, Q by part with their counts and numbers, then the rest by name (a veto says it is one)
        assert why == ("资源配置 1 项（R5）；政府保障程度 1 项（G3）；教育质量 1 项（Q4）；校际差异系数；社会认可度；"
                       "前提条件：通过基本均衡发展认定年限；"
                       "一票否决：无“有编不补”或长期聘用编外教师；一票否决：教育系统无重大安全责任事故和严重违纪违规事件")
        assert names == ["R5 生均体育运动场馆面积", "G3 按班级数配备音乐、美术专用教室且面积达标",
                         "Q4 学校按公用经费预算的规定比例安排教师培训经费", "校际差异系数", "社会认可度",
                         "前提条件：通过基本均衡发展认定年限",
                         "一票否决：无“有编不补”或长期聘用编外教师",
                         "一票否决：教育系统无重大安全责任事故和严重违纪违规事件"]
        assert "CV" not in xlsx_text.replace("差异系数", "")
        rows = dict(re.findall(r'<tr data-requirement="([A-Z0-9_]+)"[^>]*><td class="words"[^>]*>(.*?)</td>',
                               section(page, "requirements")))
        assert rows["VETO_STAFFING"] == "无“有编不补”或长期聘用编外教师" and rows["PRE"] == "通过基本均衡发展认定年限"
        assert rows["CV"] == "校际差异系数" and rows["SR"] == "社会认可度" and rows["G3"].startswith("G3 按班级数")
    else:
        assert why.startswith("Resources: 1 (R5); Government guarantee: 1 (G3); Education quality: 1 (Q4); "
                              "Inter-school coefficient of variation; Social recognition; ")
        assert why.endswith("; Veto: No unfilled posts or long-term off-book hiring; "
                            "Veto: No major safety accident or serious breach of discipline in the education system")
        assert "Precondition: Years since basic balance was recognised" in why
        assert names[:2] == ["R5 Sports venue area per pupil", "G3 Music and art rooms by number of classes, of the "
                                                                "minimum area"]


def test_the_worst_table_says_how_districts_are_ranked_above_it(written: dict[str, Path]) -> None:
    body = section(written["html"].read_text(encoding="utf-8"), "worst")
    assert body.index("排名：通过的区县在前") < body.index("<table")


def test_a_partial_share_never_reads_all_or_none(summaries: list[dict[str, Any]], tmp_path: Path) -> None:
    # 2,843 districts, all but one failing the same item: 2,842 / 2,843 is 99.96%, not 100.0%
    many = [dict(summaries[0], code=f"{500101 + i}", items={"g3": "fail" if i else "pass"})
            for i in range(2843)]
    paths = write_rollup_files(rollup(many), many, tmp_path, "zh")
    g3 = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", section(paths["html"].read_text(encoding="utf-8"),
                                                                     "items"), re.S) if "G3" in r)
    assert "99.96%" in g3 and "100.0%" not in g3
    shares = [c for ws in load_workbook(paths["xlsx"]).worksheets for r in ws.iter_rows()
              if any(c.value == "G3" for c in r) for c in r if c.value == pytest.approx(2842 / 2843)]
    assert shares and all(c.number_format == "0.00%" for c in shares)
    assert numbers.percent(100 / 2843, measured=True) == "0.04%"
    assert numbers.percent(100.0, measured=True) == "100.0%" and numbers.percent(0, measured=True) == "0.0%"
    assert numbers.percent(100 * (1 - 1e-13), measured=True) == "100.0%"  # floating-point noise, not a share
    # said once, on the page and on the workbook's first sheet (walk 28: 99.96% beside 97.4%, no word why)
    page = paths["html"].read_text(encoding="utf-8")
    note = "不足 100% 而一位小数会显示为 100.0%、或大于 0 而会显示为 0.0% 时，保留两位小数（如 99.96%）"
    assert hygiene.shown_text(page).count(note) == 1
    assert any(note in str(c.value) for r in load_workbook(paths["xlsx"])["汇总"].iter_rows() for c in r)


def test_no_share_note_when_every_share_has_one_decimal(written: dict[str, Path]) -> None:
    page = written["html"].read_text(encoding="utf-8")
    assert 'id="share-note"' not in page and "保留两位小数" not in page
    assert not any("保留两位小数" in str(c.value) for r in load_workbook(written["xlsx"])["汇总"].iter_rows()
                   for c in r)


def _fake_many(summaries: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` fake districts of two provinces, each a copy of a real summary under its own code."""
    return [dict(summaries[i % len(summaries)], code=f"{(110101 if i % 2 else 120101) + i}") for i in range(n)]


def test_a_long_ranking_is_folded_and_the_workbook_lists_it_all(summaries: list[dict[str, Any]],
                                                                tmp_path: Path) -> None:
    many = _fake_many(summaries, 150)
    rolled = rollup(many)
    paths = write_rollup_files(rolled, many, tmp_path, "zh")
    page = paths["html"].read_text(encoding="utf-8")
    ranking = page.split('<section id="ranking"', 1)[1]
    head, folded = ranking.split('<details class="ranking-all">', 1)
    # the notes above, the full ranking in a collapsed <details> (no "open"), every district in it
    assert "rollup.xlsx" in hygiene.shown_text(head) and "完整排名" in hygiene.shown_text(head)
    assert folded.lstrip().startswith("<summary>全部 150 个区县排名（展开）</summary>")
    assert len(re.findall(r'<tr class="\w+" data-code="\d{6}">', folded.rsplit("</details>", 1)[0])) == 150
    assert "<table" not in head
    xlsx = ranking_sheet(paths["xlsx"])[1:]
    assert len(xlsx) == 150
    # everything above the ranking stays as it was
    assert section(page, "worst").count("<tr data-code=") == min(10, sum(1 for r in rolled["ranking"]
                                                                         if not r["passes"]))


def test_a_short_ranking_stays_open(summaries: list[dict[str, Any]], written: dict[str, Path]) -> None:
    page = written["html"].read_text(encoding="utf-8")
    assert '<details class="ranking-all"' not in page and "个区县排名（展开）" not in page
    hundred = _fake_many(summaries, 100)
    assert '<details class="ranking-all"' not in render_rollup_html(rollup(hundred), hundred, "zh")


# -- why a district fails, in one line ----------------------------------------------------------

# what the M roll-up's last district (奉节县) fails, in no particular order
FENGJIE = ["Q9", "G13", "R3", "R1", "G3", "R2", "R4", "G4", "R5", "R6", "R7", "G5", "G8", "G9", "G12", "Q3", "Q4",
           "Q6"]


def _last_failing(summaries: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """The real districts, the last of them failing ``keys`` (and ranked last of all)."""
    return [*summaries[:-1], dict(summaries[-1], passes=False, requirements=keys, requirements_not_met=99)]


def test_a_long_list_reads_as_one_line_by_part(summaries: list[dict[str, Any]], tmp_path: Path) -> None:
    """18 requirements read as three parts with their counts and numbers (the page listed the 18
    full names, a wall of text), consecutive numbers as a range; each full name folded under it."""
    districts = _last_failing(summaries, FENGJIE)
    code = districts[-1]["code"]
    paths = write_rollup_files(rollup(districts), districts, tmp_path, "zh")
    page = paths["html"].read_text(encoding="utf-8")
    line = "资源配置 7 项（R1–R7）；政府保障程度 7 项（G3–G5、G8、G9、G12、G13）；教育质量 4 项（Q3、Q4、Q6、Q9）"
    full = [requirement_label(k, "zh") for k in ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "G3", "G4", "G5", "G8",
                                                 "G9", "G12", "G13", "Q3", "Q4", "Q6", "Q9"]]
    for ident in ("worst", f"p-{code[:2]}"):
        row = re.search(rf'<tr[^>]* data-code="{code}">(.*?)</tr>', section(page, ident), re.S)
        assert row is not None and why_of(row.group(1)) == (line, full), ident
    # folded: the names are in a closed <details> under the line, the line itself is not
    cell = re.search(rf'<tr data-code="{code}">.*?<td class="keys"[^>]*>(.*?)</td>', section(page, "worst"), re.S)
    assert cell is not None and cell.group(1).index("</span><details class=\"names\">") > 0
    assert '<details class="names" open' not in page
    # the workbook: the line beside the full names, on both sheets, and the note saying so
    wb = load_workbook(paths["xlsx"])
    first = [list(r) for r in wb["汇总"].iter_rows(values_only=True)]
    head = next(r for r in first if r[1] == "区县代码")  # 全国名次: two provinces
    assert head[-2:] == ["未满足的要求（按类别）", "未满足的要求（全称）"]
    mine = next(r for r in first if r[1] == code)
    assert mine[-2:] == [line, "；".join(full)]
    ranking = [list(r) for r in ranking_sheet(paths["xlsx"])]
    assert ranking[0][-2:] == head[-2:] and next(r for r in ranking if r[1] == code)[-2:] == [line, "；".join(full)]
    assert any(isinstance(c, str) and c.startswith("未满足的要求（按类别）：按评估标准的类别写出") and "全称" in c
               for r in first for c in r)
    # in English the same, in its words
    en = render_rollup_html(rollup(districts), districts, "en")
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', section(en, "worst"), re.S)
    assert row is not None
    why, names = why_of(row.group(1))
    assert why == ("Resources: 7 (R1–R7); Government guarantee: 7 (G3–G5, G8, G9, G12, G13); "
                   "Education quality: 4 (Q3, Q4, Q6, Q9)")
    assert names == [requirement_label(k, "en") for k in ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "G3", "G4", "G5",
                                                          "G8", "G9", "G12", "G13", "Q3", "Q4", "Q6", "Q9"]]
    assert "Their names" in row.group(1)


def test_a_why_said_by_names_alone_folds_nothing(summaries: list[dict[str, Any]]) -> None:
    """A district failing only on the CV and a veto: the line names them, nothing to unfold."""
    districts = _last_failing(summaries, ["VETO_SAFETY", "CV"])
    page = render_rollup_html(rollup(districts), districts, "zh")
    row = re.search(rf'<tr data-code="{districts[-1]["code"]}">(.*?)</tr>', section(page, "worst"), re.S)
    assert row is not None
    assert why_of(row.group(1)) == ("校际差异系数；一票否决：教育系统无重大安全责任事故和严重违纪违规事件", [])
    assert '<details class="names">' not in row.group(1)


def test_the_page_says_the_median_of_requirements_not_met_as_the_workbook(summaries: list[dict[str, Any]],
                                                                          written: dict[str, Path]) -> None:
    """The workbook's 未满足要求中位数（项） is on the page too, beside the counts, with its unit —
    for several provinces, for one (where there is no table of provinces) and in English."""
    def shown(page: str) -> str:
        li = re.search(r'<li class="median" id="median">(.*?)</li>', section(page, "summary"), re.S)
        assert li is not None
        return hygiene.shown_text(li.group(1))

    def median_of(districts: list[dict[str, Any]]) -> str:
        return numbers.any_figure(float(median(s["requirements_not_met"] for s in districts)))

    assert shown(written["html"].read_text(encoding="utf-8")) == f"未满足要求中位数 {median_of(summaries)} 项"
    first = [list(r) for r in load_workbook(written["xlsx"])["汇总"].iter_rows(values_only=True)]
    row = next(r for r in first if r[0] == "未满足要求中位数（项）")
    assert numbers.any_figure(row[1]) == median_of(summaries)
    one = [s for s in summaries if s["code"].startswith("11")]
    page = render_rollup_html(rollup(one), one, "zh")
    assert 'id="provinces"' not in page and shown(page) == f"未满足要求中位数 {median_of(one)} 项"
    # two districts whose counts differ by an odd number: the median falls between them (4.5 项)
    two = next([a, b] for a in summaries for b in summaries
               if (a["requirements_not_met"] - b["requirements_not_met"]) % 2)
    assert median_of(two).endswith(".5")
    assert shown(render_rollup_html(rollup(two), two, "zh")) == f"未满足要求中位数 {median_of(two)} 项"
    assert shown(render_rollup_html(rollup(one), one, "en")) == f"Median requirements not met {median_of(one)}"
