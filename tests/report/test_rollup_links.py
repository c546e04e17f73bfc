"""The roll-up as a provincial statistician uses it, from a real ``youjun assess`` of several
districts with a full report for one of them: each district's row links to its own report
(report.html for the full one, report.json for the others) by a relative link that still opens
when the folder is copied; the page says which districts have full reports; the page and the
workbook name the data (its folder's name, never the server's path) and the rules' version; the
workbook's notes are wrapped in rows tall enough to read, and its ranking has a note on its
columns, a frozen head, a filter and each district's report file as a link."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from tests.web import hygiene
from youjun.assess.rollup import rollup, source_name
from youjun.cli.main import main
from youjun.report.rollup_render import NOTE_LINE_PT, _text_width, write_rollup_files


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("rollup-links")
    data = root / "province-2025"
    assert main(["sample", "M", "--districts", "3", "--scale", "0.12", "--out", str(data)]) == 0
    out = root / "out"
    assert main(["assess", str(data), "--out", str(out), "--formats", "json,html", "--reports", "all",
                 "--lang", "zh"]) == 0
    codes = sorted(p.parent.name for p in out.glob("*/report.json"))
    assert len(codes) == 3
    full = codes[1]
    for code in codes:  # the run's full report for one district only (the others: report.json)
        if code != full:
            for f in (out / code).iterdir():
                if f.name != "report.json":
                    f.unlink()
    summaries = [json.loads((out / c / "report.json").read_text(encoding="utf-8")) for c in codes]
    return {"root": root, "data": data, "out": out, "codes": codes, "full": full, "reports": summaries}


def _write(run: dict[str, Any], lang: str = "zh", full_reports: list[str] | None = None) -> dict[str, Path]:
    from youjun.assess.rollup import district_summary

    summaries = [district_summary(r) for r in run["reports"]]
    return write_rollup_files(rollup(summaries), summaries, run["out"], lang, full_reports=full_reports)


def _name_links(page: str) -> dict[str, list[tuple[str, bool]]]:
    """Each district's name cells: the link's target and whether it is marked a full report."""
    out: dict[str, list[tuple[str, bool]]] = {}
    for code, cell in re.findall(r'<tr[^>]* data-code="(\d{6})">.*?<td class="name">(.*?)</td>', page, re.S):
        href = re.search(r'<a href="([^"]+)">', cell)
        out.setdefault(code, []).append((html.unescape(href.group(1)) if href else "", 'class="full"' in cell))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_district_links_to_its_own_report_in_a_copied_folder(run: dict[str, Any], lang: str,
                                                                   tmp_path: Path) -> None:
    paths = _write(run, lang, full_reports=[run["full"]])
    page = paths["html"].read_text(encoding="utf-8")
    links = _name_links(page)
    assert sorted(links) == run["codes"]
    for code, cells in links.items():
        want = f"{code}/report.html" if code == run["full"] else f"{code}/report.json"
        assert cells and all(c == (want, code == run["full"]) for c in cells), (code, cells)
    # relative: the same links open beside the page wherever the folder is copied
    copied = tmp_path / "copied"
    shutil.copytree(run["out"], copied)
    for cells in links.values():
        for href, _ in cells:
            assert not href.startswith(("/", "file:")) and (copied / unquote(href)).is_file()
    # the page says which districts have full reports, by name and code
    note = hygiene.shown_text(page.split('id="reports">', 1)[1].split("</p>", 1)[0])
    name = next(r["district"]["name"] for r in run["reports"] if r["district"]["code"] == run["full"])
    said = f"{name}（{run['full']}）" if lang == "zh" else f"{name} ({run['full']})"
    assert note.startswith(("1 个区县有完整报告：", "Full reports for 1 districts: ")) and said in note, note
    assert "report.json" in note  # what the other districts' names open


def test_a_report_html_left_by_an_earlier_run_is_not_this_runs(run: dict[str, Any]) -> None:
    """The run says which districts got full reports: a report.html in the folder from an earlier
    run is not linked as one (without the run's word, a report found in the folder is)."""
    found = _name_links(_write(run, "zh")["html"].read_text(encoding="utf-8"))
    assert found[run["full"]][0] == (f"{run['full']}/report.html", True)
    page = _write(run, "zh", full_reports=[])["html"].read_text(encoding="utf-8")
    # its report.html not this run's: the district's one-page summary.html (the others have only
    # their report.json here)
    assert {c[0] for cells in _name_links(page).values() for c in cells} == {
        f"{code}/summary.html" if code == run["full"] else f"{code}/report.json" for code in run["codes"]}
    assert 'class="full"' not in page and "本次评估没有生成完整报告" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rollup_names_its_data_and_the_rules_version(run: dict[str, Any], lang: str) -> None:
    paths = _write(run, lang, full_reports=[run["full"]])
    version = run["reports"][0]["run"]["rules"]["version"]
    assert version and run["data"].is_absolute()
    page = paths["html"].read_text(encoding="utf-8")
    scope = hygiene.shown_text(page.split('id="scope">', 1)[1].split("</p>", 1)[0])
    if lang == "zh":
        assert f" · 规则版本 {version} · " in scope and " · 数据：province-2025 · " in scope, scope
    else:
        assert f" · rules version {version} · " in scope and " · data: province-2025 · " in scope, scope
    wb = load_workbook(paths["xlsx"])
    first = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r[0]}
    assert first["数据" if lang == "zh" else "Data"] == "province-2025"
    assert first["规则版本" if lang == "zh" else "Rules version"] == version
    assert str(wb.worksheets[0]["A2"].value).rsplit(" · ", 1)[0] == scope.rsplit(" · ", 1)[0]
    # the folder's name only: the path on the machine that ran it is in none of the three files
    for p in (paths["html"], paths["json"]):
        assert str(run["root"]) not in p.read_text(encoding="utf-8")
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert not [c for c in cells if str(run["root"]) in c]
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["sources"] == ["province-2025"]


def test_a_source_is_named_by_its_file_or_folder() -> None:
    assert source_name("/srv/data/2025/M-parquet/") == "M-parquet"
    assert source_name("D:\\省厅\\数据\\chongqing.duckdb#3") == "chongqing.duckdb#3"
    assert source_name("benchmarks/data/M-parquet") == "M-parquet" and source_name("") == source_name(None) == ""


def _merged_width(ws: Any, cell: Any) -> float:
    from openpyxl.utils import get_column_letter

    span = next((r for r in ws.merged_cells.ranges if cell.coordinate in r), None)
    cols = range(span.min_col, span.max_col + 1) if span else range(cell.column, cell.column + 1)
    return sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in cols)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_text_of_the_workbook_is_cut_off(run: dict[str, Any], lang: str) -> None:
    """A text wider than its column is wrapped, its row as tall as its lines (a spreadsheet does
    not grow a row for merged cells, nor always for others): a note in a cell merged over the
    table's first columns, a requirement's name or a head in its own; only the last column (the
    full names, nothing to their right) runs on. The notes were one line cut off at column B."""
    wb = load_workbook(_write(run, lang, full_reports=[run["full"]])["xlsx"])
    notes = wrapped = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if (not isinstance(cell.value, str) or cell.column == ws.max_column
                        or _text_width(cell.value) <= _merged_width(ws, cell)):
                    continue
                width = _merged_width(ws, cell)
                assert cell.alignment.wrap_text, (ws.title, cell.coordinate, cell.value[:30])
                height = ws.row_dimensions[cell.row].height or 15
                lines = _text_width(cell.value) / (width * 0.92)
                assert height >= lines * NOTE_LINE_PT, (ws.title, cell.coordinate, height, lines)
                notes += width >= 90  # a note: merged over the first columns, not a column's 22 characters
                wrapped += 1
    # the scope, the counting, the ratio, the why, the reports, the requirements; the ranking's
    assert notes >= 7 and wrapped > notes


def test_the_ranking_sheet_has_a_note_a_frozen_head_a_filter_and_report_links(run: dict[str, Any]) -> None:
    paths = _write(run, "zh", full_reports=[run["full"]])
    ws = load_workbook(paths["xlsx"])["区县排名"]
    note = ws["A1"].value
    assert "未满足要求（项）为评估结论中该区县未满足的要求数" in note and "报告文件" in note and "没有单位" in note
    heads = [c.value for c in ws[2]]
    assert heads[0] == "名次" and heads[8:12] == ["社会认可度", "前提条件", "一票否决", "报告文件"]
    assert heads[-2:] == ["未满足的要求（按类别）", "未满足的要求（全称）"]
    assert ws.freeze_panes == "A3"
    n = len(run["codes"])
    assert ws.auto_filter.ref == f"A2:N{n + 2}"  # with the recognition, preconditions and vetoes (walk 34)
    rows = list(ws.iter_rows(min_row=3))
    assert len(rows) == n
    for r in rows:
        code, cell = r[1].value, r[11]
        want = f"{code}/report.html" if code == run["full"] else f"{code}/report.json"
        assert cell.value == want and cell.hyperlink is not None and cell.hyperlink.target == want
        assert (run["out"] / want).is_file()
