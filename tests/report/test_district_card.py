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
from youjun.report import numbers
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
        rows = _cells(page, "requirements") if s["requirements"] else []
        unit = "{n} 处" if lang == "zh" else "{n}"
        assert rows == [[requirement_label(r, lang, with_part=True), unit.format(n=s["requirement_counts"][r])]
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
        links = re.findall(r'href="([^"#]+)"', card.read_text(encoding="utf-8"))
        assert {"../rollup.html", "report.json"} <= set(links)
        for href in links:
            assert not href.startswith(("/", "file:", "http")) and (card.parent / unquote(href)).is_file(), href
    # the workbook's report column opens the same files
    from openpyxl import load_workbook

    ws = load_workbook(paths["xlsx"]).worksheets[1]
    column = [r[8].value for r in ws.iter_rows(min_row=3)]
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
