"""rollup.html: the roll-up of real assessments (seven generated districts of two provinces,
assessed by the engine, rolled up by ``youjun.assess.rollup``) as one static page — counts, a
table per province first, the CV distributions, the items not met and the ranking grouped by
province — with the same figures as rollup.json and rollup.xlsx."""

from __future__ import annotations

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
from youjun.assess.rollup import district_summary, rollup
from youjun.report import numbers
from youjun.report.rollup_render import render_rollup_html, write_rollup_files
from youjun.sample import generate_district

# scenario L's districts 0-2 are Beijing's (110101…), 16-19 Tianjin's (120101…)
INDICES = (0, 1, 2, 16, 17, 18, 19)


@pytest.fixture(scope="module")
def summaries() -> list[dict[str, Any]]:
    parts = [generate_district("L", 2023, i, scale=0.05) for i in INDICES]
    tables = {k: pd.concat([p[k] for p in parts], ignore_index=True) for k in parts[0]}
    return [district_summary(r) for r in assess_tables(tables)]


@pytest.fixture(scope="module")
def written(summaries: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_rollup_files(rollup(summaries), summaries, tmp_path_factory.mktemp("rollup"), "zh")


def section(page: str, ident: str) -> str:
    return page.split(f'<section id="{ident}"', 1)[1].split("</section>", 1)[0]


def cells(row: str) -> list[str]:
    return [hygiene.shown_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_three_files_side_by_side_with_the_same_ranking(written: dict[str, Path]) -> None:
    assert {p.name for p in written.values()} == {"rollup.json", "rollup.xlsx", "rollup.html"}
    rolled = json.loads(written["json"].read_text(encoding="utf-8"))
    page = written["html"].read_text(encoding="utf-8")
    html_codes = re.findall(r'<tr class="\w+" data-code="(\d{6})">', page.split('id="ranking"', 1)[1])
    xlsx_codes = [row[1] for row in list(load_workbook(written["xlsx"]).worksheets[0].iter_rows(values_only=True))[1:]]
    assert sorted(html_codes) == sorted(xlsx_codes) == sorted(r["code"] for r in rolled["ranking"])
    assert len(html_codes) == len(INDICES)


def test_counts_and_the_province_table(summaries: list[dict[str, Any]], written: dict[str, Path]) -> None:
    rolled = rollup(summaries)
    page = written["html"].read_text(encoding="utf-8")
    n, k = rolled["districts"], rolled["passing"]
    assert f"{n} 个区县参评：{k} 个达到标准，{n - k} 个未达到" in page
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
            rank, code_cell, name, verdict, requirements, findings, worst = cells(row)
            assert (rank, code_cell, name) == (str(r["rank"]), code, r["name"])
            assert verdict == ("达到" if r["passes"] else "未达到") and css == ("passes" if r["passes"] else "fails")
            assert requirements == f"{r['requirements_not_met']} 项" and findings == f"{r['findings']:,} 处"
            assert worst == numbers.fixed(r["worst_cv_ratio"], 2)


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
    assert list(items) == [k.upper() for k in rolled["items"]]
    for key, c in rolled["items"].items():
        assert items[key.upper()][2:] == [str(c[x]) for x in ("assessed", "not_met", "fail", "evidence_missing")]
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
