"""A run on the same data and rules gives byte-identical JSON apart from the time, and the
`youjun assess` command writes every report and says the verdict in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.ingest.tiny_district import tiny_district
from youjun.assess import assess_tables
from youjun.cli.main import main
from youjun.ingest.writers import write_tables
from youjun.report import render_json

TIME = re.compile(r'"generated_at": "[^"]*"')


def test_json_is_byte_identical_apart_from_the_time(tmp_path: Path) -> None:
    first = render_json(assess_tables(tiny_district(), source="tiny")[0])
    # The same data read back from a different format must not change a byte either.
    write_tables(tiny_district(), tmp_path / "d.parquet", "parquet")
    from youjun.ingest.validate import validate_path

    second = render_json(assess_tables(validate_path(tmp_path / "d.parquet").tables, source="tiny")[0])
    assert TIME.sub("", first) == TIME.sub("", second)
    run = json.loads(first)["run"]
    assert run["rules"]["name"] == "cn-2017" and run["rules"]["version"]
    assert len(run["data_hash"]) == 64 and run["software_version"] and run["generated_at"]


def test_report_json_has_the_documented_shape() -> None:
    result = json.loads(render_json(assess_tables(tiny_district())[0]))
    r1 = result["levels"]["primary"]["indicators"]["r1_qualified_teachers_per100"]
    assert {"mean", "cv", "limit", "passes"} <= set(r1)
    school = result["schools"][0]
    assert {"code", "level", "values", "meets", "compliant"} <= set(school)
    assert {f"g{i}" for i in range(1, 16)} | {f"q{i}" for i in range(1, 10)} == set(result["items"])
    assert all(i["status"] in ("pass", "fail", "evidence_missing") for i in result["items"].values())
    assert isinstance(result["verdict"]["passes"], bool) and result["verdict"]["reasons"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assess_command_writes_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    data = tmp_path / "d.xlsx"
    write_tables(tiny_district(), data, "xlsx")
    out = tmp_path / "out"
    assert main(["assess", str(data), "--out", str(out), "--lang", lang, "--formats", "html,json,xlsx"]) == 0
    # the report, and beside it what a bureau works from and what the county files (the
    # rectification list with the HTML and XLSX; the county's attached tables with the XLSX)
    assert {p.name for p in out.iterdir()} == {"report.html", "report.json", "report.xlsx", "rectification.html",
                                               "rectification.xlsx", "county-tables.xlsx"}
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert ("未达到" if lang == "zh" else "DOES NOT PASS") in line and "report.html" in line


def test_assess_refuses_data_with_errors(tmp_path: Path) -> None:
    broken = Path(__file__).parent.parent / "fixtures" / "broken" / "classes_do_not_add_up"
    assert main(["assess", str(broken), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
