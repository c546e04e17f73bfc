"""School building works: the bureau's XLSX import (every row checked before anything is written,
a school of another district refused by content with row and column), the form with evidence, and
the list's XLSX keeping user text as text."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.overview import works_import
from youjun.web.apps.overview.models import SchoolWork

pytestmark = pytest.mark.django_db

GOOD = ["5001180001", "", "改扩建", "教学楼改扩建工程", "2022-03-01", "2023-08-20", 450, 3000, 6500, 10, 2600]


def _xlsx(rows: list[list[Any]], headers: tuple[str, ...] = works_import.HEADERS,
          sheet: str = works_import.SHEET) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(headers))
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(**change: Any) -> list[Any]:
    row = list(GOOD)
    for header, value in change.items():
        row[works_import.HEADERS.index(header)] = value
    return row


def _bureau(w: PWorld) -> Client:
    c = Client()
    c.force_login(w.user("bureau"))
    c.cookies["youjun_language"] = "zh"
    return c


def _upload(c: Client, w: PWorld, content: bytes, name: str = "works.xlsx") -> Any:
    return c.post(reverse("overview:works_import", args=[w.base.a.code]),
                  {"file": SimpleUploadedFile(name, content)})


# (the file's rows, the words its refusal must contain)
BROKEN = [
    ([_row(**{"学校标识码": "5001020001"})], ["E1336", "第3行", "学校标识码", "5001020001", "不是永川区的学校"]),
    ([_row(**{"学校标识码": "", "新建学校名称": ""})], ["E1337", "新建学校名称"]),
    ([_row(**{"建设类型": "装修"})], ["E1340", "装修", "新建", "改扩建"]),
    ([_row(**{"竣工日期": "明年"})], ["E1339", "明年", "第3行"]),
    ([_row(**{"开工日期": "2023-09-01", "竣工日期": "2023-08-20"})], ["E1339", "竣工日期早于开工日期"]),
    ([_row(**{"新增学位（个）": "-5"})], ["E1338", "-5", "学位数"]),
    ([_row(**{"投资（万元）": "很多"})], ["E1338", "很多", "投资额"]),
    ([_row(**{"竣工日期": "2099-01-01"})], ["E1339", "2099-01-01"]),
    ([_row(), _row()], ["E1343", "第一次在第 3 行"]),
    ([_row(**{"项目名称": ""})], ["E1337", "项目名称"]),
]


@pytest.mark.parametrize(("rows", "words"), BROKEN)
def test_a_broken_row_is_refused_with_its_row_and_column_and_nothing_is_written(
        pworld: PWorld, rows: list[list[Any]], words: list[str]) -> None:
    c = _bureau(pworld)
    r = _upload(c, pworld, _xlsx([_row(**{"项目名称": "另一个项目"}), *rows]))
    assert r.status_code == 400
    page = r.content.decode()
    for word in words:
        assert word in page, word
    assert 'data-testid="import-confirm"' not in page
    assert c.post(reverse("overview:works_import_confirm", args=[pworld.base.a.code])).status_code == 400
    assert not SchoolWork.objects.exists()


def test_not_the_template_or_not_a_workbook_is_refused_in_words(pworld: PWorld) -> None:
    c = _bureau(pworld)
    r = _upload(c, pworld, _xlsx([["x"]], headers=("甲", "乙")))
    assert r.status_code == 400 and "E1341" in r.content.decode() and "缺少列" in r.content.decode()
    r = _upload(c, pworld, b"not a workbook at all", "works.xlsx")
    assert r.status_code == 400 and "alert bad" in r.content.decode()
    r = _upload(c, pworld, _xlsx([]))
    assert r.status_code == 400 and "没有项目行" in r.content.decode()


def test_an_oversized_file_is_refused_before_it_is_read(pworld: PWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(works_import, "MAX_BYTES", 1000)
    r = _upload(_bureau(pworld), pworld, _xlsx([_row()]))
    assert r.status_code == 400 and "E108" in r.content.decode()


def test_a_good_file_is_previewed_then_saved_with_new_schools_matched_by_code(pworld: PWorld) -> None:
    c = _bureau(pworld)
    new = _row(**{"学校标识码": "", "新建学校名称": "永川区凤凰湖小学", "建设类型": "新建",
                  "项目名称": "凤凰湖小学新建工程"})
    r = _upload(c, pworld, _xlsx([_row(), new, _row(**{"项目名称": "三期工程", "竣工日期": ""})]))
    assert r.status_code == 200 and 'data-testid="import-preview"' in r.content.decode()
    assert "共 3 个项目" in r.content.decode() and not SchoolWork.objects.exists()
    r = c.post(reverse("overview:works_import_confirm", args=[pworld.base.a.code]))
    assert r.status_code == 302
    works = {w.project: w for w in SchoolWork.objects.all()}
    assert works["教学楼改扩建工程"].school == pworld.wf.a1
    new_work = works["凤凰湖小学新建工程"]
    assert new_work.school is None and new_work.new_school_name == "永川区凤凰湖小学"
    assert works["三期工程"].completed is None
    # the list's XLSX keeps a project name starting with "=" as text, never a formula
    from openpyxl import load_workbook

    r = c.post(reverse("overview:work_add", args=[pworld.base.a.code]), {
        "school": pworld.wf.a2.code, "kind": "enlarged", "project": "=HYPERLINK(\"http://x\")",
        "seats_added": "0", "land_m2": "0", "floor_m2": "0", "teacher_flats": "0", "investment": "0"})
    assert r.status_code == 302

    x = c.get(reverse("overview:works_export", args=[pworld.base.a.code]))
    ws = load_workbook(io.BytesIO(x.content)).active
    cells = [cell for row in ws.iter_rows() for cell in row if cell.value == "=HYPERLINK(\"http://x\")"]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_the_form_records_a_work_with_its_evidence_re_encoded(pworld: PWorld) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "PNG")
    c = _bureau(pworld)
    r = c.post(reverse("overview:work_add", args=[pworld.base.a.code]), {
        "school": pworld.wf.a2.code, "kind": "enlarged", "project": "操场改造", "started": "2024-03-01",
        "completed": "2024-09-01", "seats_added": "0", "land_m2": "0", "floor_m2": "1200", "teacher_flats": "0",
        "investment": "350.5", "evidence": SimpleUploadedFile("验收.png", buf.getvalue())})
    assert r.status_code == 302
    work = SchoolWork.objects.get(project="操场改造")
    assert work.evidence_type == "image/jpeg" and bytes(work.evidence).startswith(b"\xff\xd8")
    assert c.get(reverse("overview:work_evidence", args=[work.pk])).status_code == 200
    r = c.post(reverse("overview:work_add", args=[pworld.base.a.code]), {
        "school": pworld.wf.a2.code, "kind": "enlarged", "project": "坏文件", "seats_added": "0", "land_m2": "0",
        "floor_m2": "0", "teacher_flats": "0", "investment": "0",
        "evidence": SimpleUploadedFile("x.png", b"<html>not an image</html>")})
    assert r.status_code == 400 and "E1344" in r.content.decode()
    assert not SchoolWork.objects.filter(project="坏文件").exists()


def test_an_analyst_reads_the_works_but_may_not_record_them(pworld: PWorld) -> None:
    c = Client()
    c.force_login(pworld.user("analyst"))
    a = pworld.base.a.code
    assert c.get(reverse("overview:works", args=[a])).status_code == 200
    assert c.get(reverse("overview:work_add", args=[a])).status_code == 403
    assert c.post(reverse("overview:works_import", args=[a])).status_code == 403
