"""Each district's one-page summary (``<code>/summary.html``), from a real ``youjun assess`` of
several districts: the roll-up linked the districts without a full report to their report.json,
raw JSON a provincial statistician could not read (walk 31: 36 of 38 links). Now the card says
what the roll-up says of the district (its verdict, the requirements not met with their findings,
every CV against its limit, the G and Q items in words, the data and the rules), reads clean in
both languages, and its links and the roll-up's resolve in a copied folder."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from tests.report.test_rollup_hygiene import key_problems, unitless_cells, unitless_in_sentences
from tests.web import hygiene
from youjun.assess.rollup import district_summary, rollup
from youjun.cli.main import main
from youjun.core.requirements import requirement_label
from youjun.report import numbers, view
from youjun.report.district_card import render_district_card, write_district_card
from youjun.report.rollup_render import write_rollup_files


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real assessment of three districts (report.json each), a full report for one of them,
    and each district's card written beside its report.json."""
    root = tmp_path_factory.mktemp("district-card")
    data = root / "province 2025"  # a space: the command on the card quotes the data's name
    assert main(["sample", "M", "--districts", "3", "--scale", "0.12", "--out", str(data)]) == 0
    out = root / "out"
    assert main(["assess", str(data), "--out", str(out), "--formats", "json,html", "--reports", "all"]) == 0
    codes = sorted(p.parent.name for p in out.glob("*/report.json"))
    full = codes[1]
    for code in codes:  # a full report for one district only
        if code != full:
            for f in (out / code).iterdir():
                if f.name != "report.json":
                    f.unlink()
    results = {c: json.loads((out / c / "report.json").read_text(encoding="utf-8")) for c in codes}
    summaries = {c: district_summary(r) for c, r in results.items()}
    for c, s in summaries.items():
        write_district_card(s, out / c, "zh", s["source"], full_report="report.html" if c == full else None)
    return {"root": root, "out": out, "codes": codes, "full": full, "results": results, "summaries": summaries}


def _cells(page: str, section: str) -> list[list[str]]:
    body = page.split(f'<section id="{section}"', 1)[1].split("</section>", 1)[0]
    return [[hygiene.shown_text(c).strip() for c in re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S) if "<td" in row]


def test_the_summary_counts_each_requirements_findings(run: dict[str, Any]) -> None:
    for s in run["summaries"].values():
        counts = s["requirement_counts"]
        assert list(counts) == s["requirements"] and sum(counts.values()) == s["findings"]
        assert all(isinstance(n, int) and n > 0 for n in counts.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_card_says_what_the_rollup_says_of_the_district(run: dict[str, Any], lang: str) -> None:
    for code, s in run["summaries"].items():
        page = render_district_card(s, lang, s["source"])
        text = hygiene.shown_text(page)
        name = run["results"][code]["district"]["name"]
        assert (f"{name}（{code}）评估摘要" if lang == "zh" else f"{name} ({code}): assessment summary") in text
        verdict = hygiene.shown_text(page.split('<section id="verdict"', 1)[1].split("</section>", 1)[0])
        want = ("通过" if s["passes"] else "未通过") if lang == "zh" else ("passes" if s["passes"] else "does not pass")
        assert re.search(rf"(评估结论|Verdict)\s+{want}\n", verdict + "\n"), verdict
        # every requirement not met by name, with its findings
        # and where they are, in their units, with the total shortfall, as the district's report
        # prints them in its summary table (so a district can plan from the card)
        rows = _cells(page, "requirements") if s["requirements"] else []
        unit = "{n} 处" if lang == "zh" else "{n}"
        result = run["results"][code]
        report = {r["code"]: r for r in view.summary(result["verdict"]["findings"], result["levels"],
                                                     result["items"], lang)}
        assert rows == [[requirement_label(r, lang, with_part=True), unit.format(n=s["requirement_counts"][r]),
                         "\n".join(x for x in (report[r]["count"], report[r]["total"]) if x)]
                        for r in s["requirements"]]
        # every CV by section against its limit: the value judged, 3 decimals
        cvs = _cells(page, "cvs")
        assert len(cvs) == len(s["cvs"]) == 14
        shown = {(r[0], r[1], r[2], r[3]) for r in cvs}
        for key, c in s["cvs"].items():
            ok = ("达标" if lang == "zh" else "pass") if c["passes"] else ("未达标" if lang == "zh" else "fail")
            row = (f"{key.split('.')[1][:2].upper()} {c['name_zh' if lang == 'zh' else 'name_en']}",
                   numbers.cv(c["cv_judged"]), numbers.cv_limit(c["limit"]), ok)
            assert row in shown, row
        # every G and Q item in words, failing ones as many as the summary says
        items = _cells(page, "items")
        assert len(items) == len(s["items"]) == 24
        fails = sum(1 for st in s["items"].values() if st in ("fail", "evidence_missing"))
        said = {"zh": ("未达标", "缺少佐证材料"), "en": ("fail", "evidence missing")}[lang]
        assert sum(1 for r in items if r[1] in said) == fails
        assert {r[1] for r in items} <= set(said) | {"达标" if lang == "zh" else "pass"}


def test_the_card_names_its_data_rules_and_how_to_get_the_full_report(run: dict[str, Any]) -> None:
    code = run["codes"][0]
    page = (run["out"] / code / "summary.html").read_text(encoding="utf-8")
    sources = hygiene.shown_text(page.split('<section id="sources"', 1)[1].split("</section>", 1)[0])
    version = run["results"][code]["run"]["rules"]["version"]
    assert "数据\nprovince 2025" in sources and f"规则版本\n{version}" in sources and "教督〔2017〕6号" in sources
    command = html.unescape(re.search(r"<kbd>(.*?)</kbd>", page).group(1))
    assert command == f"youjun assess 'province 2025' --reports {code} --out <文件夹>"
    assert str(run["root"]) not in page  # the data's name, never the path on the machine that ran it
    # the district with a full report links to it; the others do not pretend to have one
    assert 'href="report.html"' in (run["out"] / run["full"] / "summary.html").read_text(encoding="utf-8")
    assert 'href="report.html"' not in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_card_reads_clean(run: dict[str, Any], lang: str) -> None:
    names = {str(r["district"][k]) for r in run["results"].values() for k in ("name", "province")}
    names.add("province 2025")  # the data's folder name, shown as it is
    found: list[str] = []
    for code, s in run["summaries"].items():
        page = render_district_card(s, lang, s["source"])
        text = hygiene.shown_text(page)
        found += [f"{code}: {p}" for p in hygiene.problems(text, lang, names)]
        # a CV is a ratio without a unit, as the documents write it (差异系数 says so in Chinese)
        found += [f"{code}: {p}" for p in unitless_cells(page, lang) if not p.endswith("under 'CV'")]
        if lang == "zh":
            found += [f"{code}: {p}" for p in key_problems(hygiene._without_words(text, names))]
            found += [f"{code}: {p}" for p in unitless_in_sentences(hygiene._without_words(text, names).splitlines())]
        assert "{" not in text and "None" not in page
    assert not found, "\n".join(found)


def test_the_hygiene_rules_catch_a_card_gone_wrong(run: dict[str, Any]) -> None:
    """The checks above fail on the card's old faults: a bare key, an item's status as a code."""
    s = next(iter(run["summaries"].values()))
    broken = dict(s, requirements=[*s["requirements"], "SR"], items={**s["items"], "g1": "evidence_missing"})
    page = render_district_card(broken, "zh", s["source"])
    assert "缺少佐证材料" in page and "evidence_missing" not in page
    assert key_problems("未满足：SR、G3") and hygiene.problems("结论 evidence_missing", "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rollup_links_each_district_to_its_card_in_a_copied_folder(run: dict[str, Any], lang: str,
                                                                       tmp_path: Path) -> None:
    summaries = list(run["summaries"].values())
    paths = write_rollup_files(rollup(summaries), summaries, run["out"], lang, full_reports=[run["full"]])
    page = paths["html"].read_text(encoding="utf-8")
    hrefs = {code: html.unescape(href) for code, href in
             re.findall(r'<tr[^>]* data-code="(\d{6})">.*?<td class="name"><a href="([^"]+)">', page, re.S)}
    assert hrefs == {c: f"{c}/report.html" if c == run["full"] else f"{c}/summary.html" for c in run["codes"]}
    note = hygiene.shown_text(page.split('id="reports">', 1)[1].split("</p>", 1)[0])
    assert ("一页摘要 summary.html" if lang == "zh" else "one-page summary, summary.html") in note
    assert "report.json" not in note  # every district without a full report has its summary
    copied = tmp_path / "copied"
    shutil.copytree(run["out"], copied)
    for href in hrefs.values():
        assert (copied / unquote(href)).is_file()
    for code in run["codes"]:  # and from each card: back to the roll-up, its report.json
        card = copied / code / "summary.html"
        text = card.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"#]+)(?:#[^"]*)?"', text)
        assert {"../rollup.html", "report.json"} <= set(links)
        # back to the district's own row of the roll-up, not the top of a long page
        backs = set(re.findall(r'href="\.\./rollup\.html(#[^"]*)?"', text))
        assert backs == {f"#d-{code}"}
        assert len(re.findall(rf'\bid="d-{code}"', page)) == 1
        assert re.search(rf'<tr[^>]* data-code="{code}"><td[^>]* id="d-{code}"', page)
        for href in links:
            assert not href.startswith(("/", "file:", "http")) and (card.parent / unquote(href)).is_file(), href
    # the workbook's report column opens the same files
    from openpyxl import load_workbook

    ws = load_workbook(paths["xlsx"]).worksheets[1]
    column = [r[11].value for r in ws.iter_rows(min_row=3)]  # after the recognition, preconditions, vetoes
    assert sorted(column) == sorted(hrefs.values())


def test_without_a_card_the_rollup_links_report_json(run: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(run["out"], out)
    code = run["codes"][0]
    (out / code / "summary.html").unlink()
    summaries = list(run["summaries"].values())
    page = write_rollup_files(rollup(summaries), summaries, out, "zh",
                              full_reports=[run["full"]])["html"].read_text(encoding="utf-8")
    assert f'href="{code}/report.json"' in page and f'href="{run["codes"][2]}/summary.html"' in page
    note = hygiene.shown_text(page.split('id="reports">', 1)[1].split("</p>", 1)[0])
    assert "没有摘要的打开其结果文件 report.json" in note


# walk 32: a card to forward and plan from


def test_the_card_says_who_makes_the_full_report_and_where_to_run_it(run: dict[str, Any]) -> None:
    code = run["codes"][0]
    s = run["summaries"][code]
    for lang, words in (("zh", ("持有全省数据（province 2025）的单位", "在存放 province 2025 的文件夹中运行",
                                "本区县没有全省数据")),
                        ("en", ("whoever holds the province's data (province 2025)",
                                "in the folder that holds province 2025", "does not have the province's data"))):
        how = hygiene.shown_text(render_district_card(s, lang, s["source"]).split('id="full-how"', 1)[1]
                                 .split("</li>", 1)[0]).replace("\n", "")
        assert all(x in how for x in words), how
        assert str(run["root"]) not in how


def test_the_summary_and_card_say_how_much_each_requirement_misses(run: dict[str, Any]) -> None:
    """Each requirement's count in its units and its total shortfall, as the report's summary
    table prints them; no total where the report gives none."""
    totals_seen = 0
    for code, s in run["summaries"].items():
        result = run["results"][code]
        for lang in ("zh", "en"):
            report = {r["code"]: r for r in view.summary(result["verdict"]["findings"], result["levels"],
                                                         result["items"], lang)}
            assert {k: v[lang] for k, v in s["requirement_count_texts"].items()} == {
                k: r["count"] for k, r in report.items()}
            assert {k: v[lang] for k, v in s["requirement_totals"].items()} == {
                k: r["total"] for k, r in report.items() if r["total"]}
        totals_seen += len(s["requirement_totals"])
        json.dumps(s)  # JSON-ready
    assert totals_seen  # the sample falls short somewhere by an amount that adds up
    code, s = next((c, s) for c, s in run["summaries"].items() if s["requirement_totals"])
    _, total = next(iter(s["requirement_totals"].items()))
    assert total["zh"].startswith("共缺 ") and total["zh"] in render_district_card(s, "zh", s["source"])
    assert total["en"] in html.unescape(render_district_card(s, "en", s["source"]))


def test_the_card_counts_schools_and_sections_apart(run: dict[str, Any]) -> None:
    for code, s in run["summaries"].items():
        result = run["results"][code]
        schools = len({x["code"] for x in result["schools"]})
        sections = len(result["schools"])
        assert s["school_count"] == schools and s["schools"] == sections
        zh = hygiene.shown_text(render_district_card(s, "zh", s["source"]))
        assert f"参评学校 {schools:,} 所（{sections:,} 个学段）。" in zh
        en = hygiene.shown_text(render_district_card(s, "en", s["source"]))
        assert f"{schools:,} schools assessed ({sections:,} school sections)." in en
    # a nine-year school is two sections of one school: the card must not say 2 schools
    s = dict(next(iter(run["summaries"].values())), schools=3, school_count=2)
    assert "参评学校 2 所（3 个学段）" in render_district_card(s, "zh", s["source"])


def test_the_card_shows_recognition_preconditions_and_vetoes_as_the_report(run: dict[str, Any]) -> None:
    for code, s in run["summaries"].items():
        result = run["results"][code]
        rec, pre, vetoes = result["recognition"], result["preconditions"], result["vetoes"]
        rows = {r[0]: r[1:] for r in _cells(render_district_card(s, "zh", s["source"]), "conditions")}
        shown = view.recognition(rec, "zh")
        assert rows["社会认可度"] == [f"{shown['rate']} / {shown['limit']}",
                                      "达标" if rec["status"] == "pass" else "未达标"]
        assert rows["前提条件"][0] == f"{len(pre)} 项中 {sum(p['status'] == 'pass' for p in pre)} 项达标"
        clear = sum(v["applies"] is False for v in vetoes)
        assert rows["一票否决事项"] == [f"{len(vetoes)} 项中 {clear} 项经认定不存在",
                                        "无否决情形" if clear == len(vetoes) else "存在否决情形"]


def test_a_district_failing_a_veto_stands_out_on_its_card_and_in_the_rollup(run: dict[str, Any],
                                                                           tmp_path: Path) -> None:
    code = run["codes"][0]
    result = json.loads(json.dumps(run["results"][code]))
    result["vetoes"][0]["applies"] = True
    vetoed = district_summary(result)
    assert vetoed["vetoes"]["applying"] == [result["vetoes"][0]["key"]]
    assert run["summaries"][code]["vetoes"]["applying"] == []
    card = render_district_card(vetoed, "zh", vetoed["source"])
    alert = hygiene.shown_text(card.split('id="veto-alert">', 1)[1].split("</p>", 1)[0])
    assert alert.startswith("一票否决：") and view.veto_row(result["vetoes"][0], "zh")["title"] in alert
    assert 'id="veto-alert"' not in render_district_card(run["summaries"][code], "zh", vetoed["source"])
    summaries = [vetoed if c == code else s for c, s in run["summaries"].items()]
    written = write_rollup_files(rollup(summaries), summaries, tmp_path, "zh")
    page = written["html"].read_text(encoding="utf-8")
    # the workbook's 汇总 counts them too (only when there are any)
    from openpyxl import load_workbook

    counts = {r[0]: r[1] for r in load_workbook(written["xlsx"])["汇总"].iter_rows(values_only=True) if r[0]}
    assert counts["存在一票否决情形的区县数"] == 1
    rows = re.findall(r'<tr[^>]* data-code="(\d{6})">(.*?)</tr>', page, re.S)
    tagged = {c for c, row in rows if '<span class="veto">一票否决</span>' in row}
    assert tagged == {code}
    assert '<li class="bad veto-count" id="vetoed"><strong>1</strong>个区县存在一票否决情形</li>' in page
    plain = write_rollup_files(rollup(list(run["summaries"].values())), list(run["summaries"].values()),
                               tmp_path / "plain", "zh")["html"].read_text(encoding="utf-8")
    assert 'id="vetoed"' not in plain and '<span class="veto">' not in plain
    sheet = load_workbook(tmp_path / "plain" / "rollup.xlsx")["汇总"]
    assert all(r[0] != "存在一票否决情形的区县数" for r in sheet.iter_rows(values_only=True))


def test_the_card_gives_the_worst_cv_against_its_limit_as_the_rollup(run: dict[str, Any], tmp_path: Path) -> None:
    summaries = list(run["summaries"].values())
    page = write_rollup_files(rollup(summaries), summaries, tmp_path, "zh")["html"].read_text(encoding="utf-8")
    for code, s in run["summaries"].items():
        row = re.search(rf'<tr[^>]* data-code="{code}"><td[^>]* id="d-{code}".*?</tr>', page, re.S).group(0)
        ratio = hygiene.shown_text(re.search(r'<td class="num[^"]*" data-label="最大差异系数/限值">(.*?)</td>',
                                             row).group(1)).strip()
        card = hygiene.shown_text(render_district_card(s, "zh", s["source"]).split('id="worst">', 1)[1]
                                  .split("</p>", 1)[0]).replace("\n", "")
        card = re.sub(r"：\s+", "：", card)  # the figure is a span of its own
        worst = s["worst_cv"]
        # walk 33: "最大差异系数/限值 0.604（…：0.302 / 0.50）" was read as a CV of 0.604; now the CV,
        # its limit and the ratio as a share of the limit, in words
        head = "超出限值最多的差异系数" if s["cv_over_limit"] else "离限值最近的差异系数"
        assert card.startswith(f"{head}：") and "最大差异系数/限值" not in card and f"{ratio}（" not in card
        share = re.search(r" ([\d.]+)（限值 ([\d.]+)，为限值的 ([\d.]+)%）$", card)
        assert share, card
        assert share.group(1) == numbers.cv(worst["cv"]) and share.group(2) == numbers.cv_limit(worst["limit"])
        assert float(share.group(3)) == pytest.approx(float(ratio) * 100, abs=0.051)
        assert float(ratio) == pytest.approx(worst["cv"] / worst["limit"], abs=6e-4)


def test_a_card_beside_its_full_report_does_not_say_the_district_cannot_make_one(run: dict[str, Any]) -> None:
    """Walk 33: "打开完整报告" beside "本区县…无法自行生成" left the officer unsure which was true."""
    s = next(iter(run["summaries"].values()))
    beside = render_district_card(s, "zh", s["source"], full_report="report.html")
    assert 'id="full"' in beside and 'id="full-how"' not in beside and "无法自行生成" not in beside
    alone = render_district_card(s, "zh", s["source"])
    assert 'id="full"' not in alone and 'id="full-how"' in alone
