"""The problem list of an upload speaks the page's language: on English pages the sheet and
column are the schema's English table and field names (not the file's Chinese header), and the
allowed choices are words, never their codes. The Chinese page keeps the file's own names."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.world import A, World, district_tables
from youjun.core.schema import QUALIFICATIONS
from youjun.ingest.writers import write_tables


@pytest.fixture
def detail(world: World, tmp_path: Path) -> tuple[Client, str]:
    t = district_tables(A)
    t["schools"].loc[1, "town"] = None  # E201 in 学校 / 所在乡镇（街道）
    t["facilities"].loc[1, "gym_area_m2"] = -5.0  # E204 in 校舍设施 / 室内体育馆面积
    t["teachers"].loc[2, "qualification"] = "大专以上"  # E205: not one of the choices
    path = tmp_path / "有错误的文件.xlsx"
    write_tables(t, path, "xlsx")
    c = Client()
    c.force_login(world.users["bureau"])
    r = c.post(f"/d/{A}/upload/", {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert r.status_code == 302
    return c, r["Location"]


def _cells(html: str) -> list[str]:
    """The table cells of the problem list (sheet and column cells among them)."""
    body = html.split('data-testid="problems"', 1)[1].split("</table>", 1)[0]
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]


def test_english_problem_list_names_tables_and_fields_as_the_workbook_does_with_their_english(
        detail: tuple[Client, str]) -> None:
    """The template's tabs and headers are Chinese in either language: an English reader is shown
    the tab to open and its English (walk 41: 'Teachers' named a tab no workbook has)."""
    c, url = detail
    c.cookies["youjun_language"] = "en"
    html = c.get(url).content.decode()
    cells = _cells(html)
    for zh in ("专任教师", "最高学历", "所在乡镇（街道）", "校舍设施", "室内体育馆面积", "学校"):
        assert zh not in cells, zh  # never bare
    for zh, en in (("专任教师", "Teachers"), ("最高学历", "Highest qualification"), ("学校", "Schools"),
                   ("所在乡镇（街道）", "Town or subdistrict"), ("校舍设施", "Facilities")):
        assert f"{zh} ({en})" in cells, (zh, en, cells)
    for choice in QUALIFICATIONS:  # the allowed values in words, never their codes
        assert f"({choice.code})" not in html
    assert QUALIFICATIONS[0].en in html


def test_chinese_problem_list_keeps_the_files_names(detail: tuple[Client, str]) -> None:
    c, url = detail
    c.cookies["youjun_language"] = "zh"
    cells = _cells(c.get(url).content.decode())
    for zh in ("专任教师", "最高学历", "学校", "所在乡镇（街道）", "校舍设施", "室内体育馆面积"):
        assert zh in cells, zh


def test_english_error_workbook_has_no_codes_and_glosses_its_chinese_headers(detail: tuple[Client, str]) -> None:
    c, url = detail
    c.cookies["youjun_language"] = "en"
    r = c.get(url.rstrip("/") + "/problems.xlsx")
    assert r.status_code == 200, url
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    text = " ".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    # the tab and header as the workbook has them, glossed; never bare
    assert "最高学历 (Highest qualification)" in text and "专任教师 (Teachers)" in text
    assert "最高学历" not in text.replace("最高学历 (", "") and "专任教师" not in text.replace("专任教师 (", "")
    assert "(high_school_or_below)" not in text


def test_the_problem_list_gives_each_cell_address(detail: tuple[Client, str]) -> None:
    """Each problem in a workbook names its cell (B3), as the CLI and the error workbook do."""
    c, url = detail
    html = c.get(url).content.decode()
    cells = re.findall(r'data-testid="problem-cell"><code>([^<]*)</code>', html)
    assert cells and all(re.fullmatch(r"[A-Z]{1,3}\d+", x) for x in cells), cells
