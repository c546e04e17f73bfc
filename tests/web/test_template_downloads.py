"""下载填报模板 beside the upload box, a filled example, and the error workbook: real .xlsx files
that ``youjun validate`` reads; the error workbook lists every problem with its place and fix,
from the stored problem list, never a copy of the refused file's cells."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
from django.test import Client

from tests.ingest.tiny_district import tiny_district
from tests.web.world import A, B, World, district_tables
from youjun.ingest.writers import write_tables
from youjun.web.apps.schools import services as school_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client(world: World, role: str = "bureau") -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def validate(path: Path) -> dict[str, object]:
    """The real command line: ``youjun validate FILE --format json``."""
    out = subprocess.run([sys.executable, "-m", "youjun.cli.main", "validate", str(path), "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout)


def test_the_upload_page_offers_the_template_and_the_example(world: World) -> None:
    html = client(world).get(f"/d/{A}/upload/").content.decode()
    assert f'href="/d/{A}/template.xlsx"' in html and "下载填报模板" in html
    assert f'href="/d/{A}/example.xlsx"' in html


def test_the_template_is_an_xlsx_that_validate_reads_with_only_structure_problems(world: World, tmp_path: Path) -> None:
    r = client(world).get(f"/d/{A}/template.xlsx")
    assert r.status_code == 200 and r["Content-Type"] == XLSX and "attachment" in r["Content-Disposition"]
    path = tmp_path / "template.xlsx"
    path.write_bytes(r.content)
    report = validate(path)
    codes = set(report["summary"]["by_code"])  # type: ignore[index]
    assert codes and all(c.startswith("E1") for c in codes), codes  # file/sheet structure only: empty tables


def test_the_example_is_a_filled_workbook_that_validates(world: World, tmp_path: Path) -> None:
    r = client(world, "analyst").get(f"/d/{A}/example.xlsx")
    assert r.status_code == 200 and r["Content-Type"] == XLSX
    path = tmp_path / "example.xlsx"
    path.write_bytes(r.content)
    report = validate(path)
    assert report["ok"] is True, report["summary"]
    assert report["summary"]["rows"]["schools"] >= 5  # type: ignore[index]


def test_out_of_scope_downloads_are_not_found(world: World) -> None:
    assert client(world, "bureau").get(f"/d/{B}/template.xlsx").status_code == 404
    assert client(world, "officer").get(f"/d/{A}/example.xlsx").status_code == 404


def test_the_error_workbook_lists_every_problem_with_its_place_and_fix(world: World, tmp_path: Path) -> None:
    broken = district_tables(A)
    broken["schools"].loc[1, "town"] = None  # E2xx required
    broken["facilities"].loc[1, "gym_area_m2"] = -5.0  # below minimum
    broken["teachers"].loc[2, "qualification"] = "大专以上"  # not a choice
    broken["schools"].loc[0, "school_name"] = "=HYPERLINK(\"http://x\",\"y\")"  # formula text stays text
    path = tmp_path / "broken.xlsx"
    write_tables(broken, path, "xlsx")
    up = school_services.receive_upload(world.users["bureau"], world.a, path.name, path.read_bytes())
    assert up.status == "invalid" and bytes(up.content) == b""  # no copy of the refused cells
    html = client(world).get(f"/d/{A}/uploads/{up.pk}/").content.decode()
    assert f'href="/d/{A}/uploads/{up.pk}/problems.xlsx"' in html
    r = client(world).get(f"/d/{A}/uploads/{up.pk}/problems.xlsx")
    assert r.status_code == 200 and r["Content-Type"] == XLSX
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["汇总", "问题清单"]
    rows = list(wb["问题清单"].iter_rows(values_only=True))
    assert rows[0] == ("序号", "严重程度", "代码", "工作表", "单元格", "行号", "列", "填写的值", "问题", "如何修改")
    problems = rows[1:]
    total = up.report["summary"]["errors"] + up.report["summary"]["warnings"]
    assert len(problems) == total  # every problem, not only the page's first of each code
    csv_lines = b"".join(client(world).get(f"/d/{A}/uploads/{up.pk}/problems.csv").streaming_content)
    assert len(csv_lines.decode("utf-8-sig").strip().splitlines()) - 1 == total
    for row in problems:
        assert row[2] and row[3] and row[8] and row[9], row  # code, sheet, problem and fix
    gym = [p for p in problems if p[6] and "体育" in str(p[6])]
    assert gym and isinstance(gym[0][5], int) and gym[0][5] >= 3  # the Excel row number, as a number
    assert gym[0][4] and gym[0][4].endswith(str(gym[0][5])), gym[0]  # its cell (D5), found as in Excel
    summary = {r[0]: r for r in wb["汇总"].iter_rows(values_only=True) if r[0]}
    assert summary["错误"][1] == up.report["summary"]["errors"]
    for code, n in up.report["summary"]["by_code"].items():
        assert summary[code][2] == n
    # nothing in the workbook is a formula
    for ws in wb.worksheets:
        for line in ws.iter_rows():
            for cell in line:
                assert cell.data_type != "f", cell.value


def test_the_error_workbook_of_another_district_is_not_found(world: World, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    t = tiny_district()
    t["schools"].loc[1, "town"] = None
    write_tables(t, path, "xlsx")
    up = school_services.receive_upload(world.users["bureau"], world.a, path.name, path.read_bytes())
    assert client(world, "bureau_b").get(f"/d/{A}/uploads/{up.pk}/problems.xlsx").status_code == 404
    assert client(world, "bureau_b").get(f"/d/{B}/uploads/{up.pk}/problems.xlsx").status_code == 404
