"""`youjun assess` over many districts: each district's report.json, the roll-up (rollup.json and
rollup.xlsx) read back against the districts' own results, full reports only for the districts
asked (--reports), and a code not in the data refused in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from youjun.cli.main import main


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("m3") / "m3"
    assert main(["sample", "M", "--districts", "3", "--scale", "0.12", "--out", str(out)]) == 0
    return out


def test_many_districts_write_each_result_and_the_rollup(province: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o"
    assert main(["assess", str(province), "--out", str(out), "--reports", "500102"]) == 0
    said = capsys.readouterr()
    codes = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert codes == ["500101", "500102", "500103"]
    # not asked: the result and its one-page summary only
    assert sorted(p.name for p in (out / "500101").iterdir()) == ["report.json", "summary.html"]
    assert {"report.html", "report.xlsx", "report.json"} <= {p.name for p in (out / "500102").iterdir()}
    results = [json.loads((out / c / "report.json").read_text(encoding="utf-8")) for c in codes]
    rolled = json.loads((out / "rollup.json").read_text(encoding="utf-8"))
    assert rolled["districts"] == 3 and rolled["passing"] == sum(r["verdict"]["passes"] for r in results)
    assert {row["code"] for row in rolled["ranking"]} == set(codes)
    wb = load_workbook(out / "rollup.xlsx")
    assert wb.sheetnames == ["汇总", "区县排名", "各项指标差异系数", "G、Q各项未满足的区县数"]
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[1][0].startswith("重庆市 · ") and summary[2][:2] == ("参评区县数", 3)
    assert any(r[0] == "各项要求未满足的区县数" for r in summary)
    # the requirements each district's verdict names, counted in districts, most first
    failing: dict[str, set[str]] = {}
    for r in results:
        for f in r["verdict"]["findings"]:
            failing.setdefault(f["requirement"], set()).add(r["district"]["code"])
    assert {k: e["not_met"] for k, e in rolled["requirements"].items() if e["not_met"]} == {
        k: len(v) for k, v in failing.items()}
    ranking = list(wb["区县排名"].iter_rows(min_row=2, values_only=True))  # row 1: the note on its columns
    assert ranking[0][:3] == ("名次", "区县代码", "区县") and len(ranking) == 4  # one province: not 全国名次
    assert [r[1] for r in ranking[1:]] == [row["code"] for row in rolled["ranking"]]
    assert "3 个区县：" in said.out and "个通过" in said.out and "rollup.xlsx" in said.out
    assert "其中 1 个区县另有完整报告：500102" in said.out  # which one, named
    assert "区县 3/3" in said.err


def test_reports_for_a_code_not_in_the_data_is_refused(province: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(province), "--out", str(tmp_path / "o"), "--reports", "500199"]) == 2
    said = capsys.readouterr().err
    assert "不在数据中：500199" in said
    assert "数据中有 3 个区县：" in said and "500102" in said  # the valid codes, to choose from
    assert "相近的代码：" in said and "--reports all" in said


def _local_links(page: Path) -> set[str]:
    import re

    return {h for h in re.findall(r'href="([^"#]+)[^"]*"', page.read_text(encoding="utf-8"))
            if not h.startswith(("http:", "https:", "data:"))}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_districts_pages_lead_back_to_its_summary_and_the_rollup(province: Path, tmp_path: Path,
                                                                  jobs: str) -> None:
    """Walk 33: report.html and rectification.html of a district in a run of many had no way
    back to its summary or the roll-up; every page they link to is there (in one process and
    in the worker processes)."""
    out = tmp_path / "o"
    assert main(["assess", str(province), "--out", str(out), "--reports", "500102", "--formats", "json,html",
                 "--jobs", jobs]) == 0
    folder = out / "500102"
    for page in ("report.html", "rectification.html"):
        links = _local_links(folder / page)
        assert {"summary.html", "../rollup.html"} <= links, page
        assert all((folder / link).resolve().exists() for link in links), (page, links)

