"""Walk 33: what a district officer still misread in the summary page (summary.html), the report
and the roll-up of a run of many districts, each from a real ``youjun assess`` through the real
templates:

1. the summary listed the requirements not met with no word on where to start, and did not point
   to the rectification list (整改清单) beside it;
2. "最大差异系数/限值 0.604（…：0.302 / 0.50）" was read as a CV of 0.604;
3. the report and the rectification list had no way back to the summary or the roll-up;
4. the summary's requirements were not links to their findings in the report;
5. G3's "47 处" stood beside "缺 49 间" unexplained;
6. "共缺 9,867.0 平方米": a whole total printed with ".0";
7. (walk 32) the roll-up showed no social recognition or preconditions per district.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.web import hygiene
from youjun.assess.rollup import district_summary, rollup
from youjun.cli.main import main
from youjun.core.findings import group_findings
from youjun.report import numbers, view
from youjun.report.district_card import render_district_card, write_district_card
from youjun.report.htmlpage import render_html
from youjun.report.rectification import build_rectification
from youjun.report.rectification_render import render_rectification_html
from youjun.report.rollup_render import render_rollup_html
from youjun.report.write import files_beside

AROUND = ["summary.html", "../rollup.html"]  # what a run of many districts writes around a report


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real run of three districts with the full report (html) of one: its report.html and
    rectification.html beside its summary.html, as ``youjun assess --reports`` writes them."""
    root = tmp_path_factory.mktemp("walk33")
    data = root / "m3"
    assert main(["sample", "M", "--districts", "3", "--scale", "0.12", "--out", str(data)]) == 0
    out = root / "out"
    codes_run = ["assess", str(data), "--out", str(out), "--formats", "json,html"]
    assert main([*codes_run, "--reports", "all"]) == 0
    codes = sorted(p.parent.name for p in out.glob("*/report.json"))
    full = codes[0]
    results = {c: json.loads((out / c / "report.json").read_text(encoding="utf-8")) for c in codes}
    summaries = {c: district_summary(r) for c, r in results.items()}
    return {"out": out, "codes": codes, "full": full, "results": results, "summaries": summaries}


def _section(page: str, ident: str) -> str:
    return page.split(f'id="{ident}"', 1)[1].split("</section>", 1)[0]


# -- 1. where to start --------------------------------------------------------------------------

def test_the_card_says_where_to_start_from_its_own_figures(run: dict[str, Any]) -> None:
    code = run["full"]
    s = run["summaries"][code]
    card = write_district_card(s, run["out"] / code, "zh", "m3", full_report="report.html",
                               rectification="rectification.html").read_text(encoding="utf-8")
    start = _section(card, "start")
    assert "从哪里入手" in start
    # the requirements whose findings are all at schools, each with its count, in the report's
    # order (walk 34: no longer the fewest schools first, which sent a reader to split a school)
    groups = {g.requirement: g for g in group_findings(run["results"][code]["verdict"]["findings"])}
    at_schools = {k: g.n_schools for k, g in groups.items() if g.n_schools and all(sg.school_code for sg in g.schools)}
    named = re.findall(r'<a href="report\.html#(req-[a-z0-9-]+)">([A-Z]+\d*) [^<]*（(\d+) 所学校）</a>', start)
    assert [key for _, key, _ in named] == [k for k in s["requirements"] if k in at_schools]
    for anchor, key, n in named:
        assert anchor == view.group_id(key) and at_schools[key] == int(n)
    # a shortfall in teachers is not weighed against one in m² or yuan
    assert "不能比较大小" in start and "最多" not in start.replace("最少", "")
    # the rectification list written beside the card is linked, and is there
    assert '<a href="rectification.html">打开整改清单</a>' in start
    assert (run["out"] / code / "rectification.html").is_file()
    assert 'id="rect"' in _section(card, "files")


def test_without_the_list_beside_it_the_card_says_how_it_is_made(run: dict[str, Any], tmp_path: Path) -> None:
    s = next(s for c, s in run["summaries"].items() if c != run["full"])
    card = write_district_card(s, tmp_path, "zh", "m3").read_text(encoding="utf-8")
    start = _section(card, "start")
    assert "rectification.html" not in card and "整改清单" in start and "与完整报告一同生成" in start
    # names without links: there is no report to link to
    assert "report.html#" not in card


def test_a_veto_comes_first_in_where_to_start(run: dict[str, Any]) -> None:
    s = dict(run["summaries"][run["full"]])
    s["vetoes"] = dict(s.get("vetoes") or {"total": 6, "clear": 5, "unknown": 0}, applying=["veto_safety"])
    for lang, word in (("zh", "先处理一票否决事项"), ("en", "First the vetoes")):
        start = _section(render_district_card(s, lang, "m3"), "start")
        assert start.index('id="start-veto"') < start.index('id="start-rect"') and word in start
    assert 'id="start-veto"' not in render_district_card(run["summaries"][run["full"]], "zh", "m3")


# -- 2. the worst CV in words --------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_worst_cv_is_said_as_a_cv_against_its_limit(run: dict[str, Any], lang: str) -> None:
    for s in run["summaries"].values():
        worst = s["worst_cv"]
        line = hygiene.shown_text(render_district_card(s, lang, "m3").split('id="worst">', 1)[1]
                                  .split("</p>", 1)[0]).replace("\n", " ")
        share = f"{worst['cv'] / worst['limit'] * 100:.1f}%"
        cv, limit = numbers.cv(worst["cv"]), numbers.cv_limit(worst["limit"])
        if lang == "zh":
            assert re.search(rf"^(离限值最近|超出限值最多)的差异系数：\s*(小学|初中) .+ "
                             rf"{cv}（限值 {limit}，为限值的 {share}）$", line), line
        else:
            assert re.search(rf"^CV (closest to|furthest over) its limit: .+: "
                             rf"{cv} \(limit {limit}; {share} of the limit\)$", line), line
        assert "/" not in line.split("：" if lang == "zh" else ": ", 1)[1].replace("100 pupils", "")


def test_a_share_of_the_limit_is_never_on_the_wrong_side_of_100() -> None:
    from youjun.report.district_card import share_of_limit

    assert share_of_limit(0.6041, False) == "60.4%"
    assert share_of_limit(0.99996, False) == "99.9%"  # within: not rounded up to the limit
    assert share_of_limit(1.00004, True) == "100.004%"  # over: not shown as the limit
    assert share_of_limit(1.25, True) == "125.0%"


# -- 3. the way back -----------------------------------------------------------------------------

def _around(page: str) -> list[str]:
    nav = re.search(r'<nav class="around[^"]*" id="around"[^>]*>(.*?)</nav>', page, re.S)
    return re.findall(r'<a href="([^"]+)">', nav.group(1)) if nav else []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_and_list_link_back_to_the_summary_and_rollup_of_a_run(s_result: dict[str, Any], lang: str) -> None:
    many = files_beside(["html", "json"]) + AROUND
    assert _around(render_html(s_result, lang, many)) == ["summary.html", "../rollup.html", "rectification.html"]
    rect = build_rectification(s_result)
    assert _around(render_rectification_html(rect, lang, many)) == ["summary.html", "../rollup.html", "report.html"]
    # a one-district run writes neither: no link to a page that is not there; paper links nothing
    one = files_beside(["html", "json"])
    for page in (render_html(s_result, lang, one), render_html(s_result, lang), render_rectification_html(rect, lang),
                 render_rectification_html(rect, lang, one), render_html(s_result, lang, many, links=False)):
        assert 'id="around"' not in page and "summary.html" not in page and "rollup.html" not in page


# -- 4. a requirement links to its findings --------------------------------------------------------

def test_each_requirement_links_to_its_folded_group_in_the_report(run: dict[str, Any]) -> None:
    code = run["full"]
    s = run["summaries"][code]
    card = render_district_card(s, "zh", "m3", full_report="report.html")
    report = (run["out"] / code / "report.html").read_text(encoding="utf-8")
    links = re.findall(r'<tr><td><a href="report\.html#([^"]+)">', _section(card, "requirements"))
    assert links == [view.group_id(k) for k in s["requirements"]]
    for anchor in links:  # each a folded group of the report, which its script opens on load
        assert re.search(rf'<details id="{anchor}" class="finding-group">', report), anchor
    assert 'addEventListener("load"' in report
    alone = render_district_card(s, "zh", "m3")
    assert "report.html#" not in alone


# -- 5. what "处" counts beside "间" -----------------------------------------------------------------

def test_rooms_findings_beside_rooms_short_are_explained(run: dict[str, Any]) -> None:
    for code, result in run["results"].items():
        s = run["summaries"][code]
        for g in group_findings(result["verdict"]["findings"]):
            if set(g.kinds) == {"room"}:  # G3: one finding per kind of room a school lacks
                assert s["requirement_rooms"][g.requirement] == sum(
                    round(f["gap"]["value"]) for sg in g.schools for f in sg.findings)
    s = next(s for s in run["summaries"].values() if "G3" in (s.get("requirement_rooms") or {}))
    n = s["requirement_counts"]["G3"]

    def g3_row(summary: dict[str, Any], lang: str) -> str:
        rows = re.findall(r"<tr>(.*?)</tr>", _section(render_district_card(summary, lang, "m3"), "requirements"))
        return hygiene.shown_text(next(r for r in rows if "G3" in r))

    more = dict(s, requirement_rooms={"G3": n + 2})  # as in 万州区: 47 处, 缺 49 间
    assert f"{n} 处：一所学校缺一类功能教室（如音乐教室）计 1 处；有的学校一类缺不止 1 间，共缺 {n + 2} 间。" \
        in g3_row(more, "zh")
    assert f"some lack more than one room of a kind, {n + 2} rooms in all" in g3_row(more, "en")
    same = dict(s, requirement_rooms={"G3": n})  # nothing to explain when they agree
    assert "计 1 处" not in g3_row(same, "zh")


# -- 6. every total area with its 1 decimal (walk 34 undid walk 33's ".0" stripping) -----------

def test_a_whole_total_area_keeps_its_decimal() -> None:
    # a provincial table rounds every district alike: "9,867.0" beside "5,798.7", not "9,867"
    assert numbers.area_total(9867.0) == "9,867.0" and numbers.area_total(9866.96) == "9,867.0"
    assert numbers.area_total(2586.3) == "2,586.3" and numbers.area_total(None) == numbers.MISSING
    assert numbers.area(9867.0) == "9,867.0"  # a school's area keeps the decimal the findings print


def test_the_summary_and_report_agree_on_the_total_area_short(run: dict[str, Any]) -> None:
    seen = 0
    for code, result in run["results"].items():
        for g in group_findings(result["verdict"]["findings"]):
            total = view.group_total(g, "zh")
            if "平方米" not in total:
                continue
            seen += 1
            parts = [float(numbers.fixed(f["gap"]["value"], 1).replace(",", ""))
                     for sg in g.schools for f in sg.findings]
            assert total == f"共缺 {numbers.fixed(sum(parts), 1)} 平方米"
            assert run["summaries"][code]["requirement_totals"][g.requirement]["zh"] == total
    assert seen


# -- 7. social recognition and preconditions in the roll-up ------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rollup_gives_each_districts_recognition_and_preconditions(run: dict[str, Any], lang: str) -> None:
    summaries = list(run["summaries"].values())
    low = dict(summaries[0], recognition=dict(summaries[0]["recognition"], rate=80.0, rate_text="80.0%", status="fail"),
               preconditions={"total": 2, "passing": 1, "not_met": ["pre_x"]})
    summaries = [low, *summaries[1:]]
    page = render_rollup_html(rollup(summaries), summaries, lang)
    rec_head, pre_head = ("社会认可度", "前提条件") if lang == "zh" else ("Social recognition", "Preconditions")
    for ident in ("worst", "ranking"):
        body = _section(page, ident)
        assert f"{rec_head}<br>{pre_head}<br>" in body  # and the vetoes (walk 34)
        for s in summaries:
            row = re.search(rf'<tr[^>]*data-code="{s["code"]}">(.*?)</tr>', body, re.S)
            if row is None:
                continue
            rec = re.search(rf'<span class="rec( over)?" data-label="{rec_head}">(.*?)</span>', row.group(1))
            pre = re.search(rf'<span class="pre( over)?" data-label="{pre_head}">(.*?)</span>', row.group(1))
            assert rec and pre
            assert rec.group(2) == s["recognition"]["rate_text"]
            assert bool(rec.group(1)) == (s["recognition"]["status"] == "fail")
            short = s["preconditions"]["total"] - s["preconditions"]["passing"]
            assert pre.group(2) == (("全部达标" if lang == "zh" else "all met") if not short
                                    else (f"{short} 项未达标" if lang == "zh" else f"{short} not met"))
            assert bool(pre.group(1)) == bool(short)


# -- in Chromium: the link opens the group, the way back works, nothing scrolls sideways --------

@pytest.mark.browser
def test_in_chromium_the_cards_link_opens_its_group_and_the_report_leads_back(run: dict[str, Any],
                                                                             browser: Any) -> None:
    code = run["full"]
    folder = run["out"] / code
    result = run["results"][code]
    summaries = list(run["summaries"].values())
    (run["out"] / "rollup.html").write_text(render_rollup_html(rollup(summaries), summaries, "zh"), encoding="utf-8")
    files = files_beside(["html", "json"]) + AROUND
    (folder / "report.html").write_text(render_html(result, "zh", files), encoding="utf-8")
    write_district_card(run["summaries"][code], folder, "zh", "m3", full_report="report.html")
    for viewport in ({"width": 390, "height": 844}, {"width": 1360, "height": 900}):
        page = browser.new_page(viewport=viewport)
        try:
            page.goto((folder / "summary.html").as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            key = run["summaries"][code]["requirements"][-1]
            page.click(f'#requirements a[href="report.html#{view.group_id(key)}"]')
            page.wait_for_load_state("load")
            assert page.url.endswith(f"report.html#{view.group_id(key)}")
            assert page.evaluate(f"document.getElementById('{view.group_id(key)}').open") is True
            assert page.is_visible(f"#{view.group_id(key)} table tbody tr")
            page.click('#around a[href="summary.html"]')
            page.wait_for_load_state("load")
            assert page.url.endswith(f"{code}/summary.html")
            page.goto((folder / "report.html").as_uri())
            page.click('#around a[href="../rollup.html"]')
            page.wait_for_load_state("load")
            assert page.url.endswith("/rollup.html")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        finally:
            page.close()
