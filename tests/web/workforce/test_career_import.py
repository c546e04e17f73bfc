"""Teachers from an HR spreadsheet and from the district's stored data: a preview before
anything is written, every problem with its row and column, ID-card numbers refused and never
kept, a school outside the district refused by content."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.workforce import hr_import
from youjun.web.apps.workforce.models import Teacher

HEAD = list(hr_import.HEADERS)
ID_NUMBER = "50011819850101123X"


def row(**cells: Any) -> list[Any]:
    base = {"教师编号": "T500118HR001", "姓名": "钱新", "性别": "女", "出生年份": 1990, "参加工作年份": 2012,
            "学校标识码": "5001180001", "任教学段": "小学", "任教学科": "数学", "最高学历": "本科",
            "专业技术职务": "一级教师", "骨干教师类别": "骨干教师", "认定级别": "区级", "是否在编": "是",
            "是否持证": "是", "本校任教年数": 7}
    base.update(cells)
    return [base.get(h) for h in HEAD]


def xlsx(rows: list[list[Any]], head: list[str] | None = None) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = hr_import.SHEET
    ws.append(head or HEAD)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "人事信息.xlsx"
    return out


def bureau(w: WFWorld) -> Client:
    c = Client()
    c.force_login(w.user("bureau"))
    return c


def upload(w: WFWorld, file: io.BytesIO) -> Any:
    return bureau(w).post(reverse("workforce:import", args=[w.base.a.code]), {"file": file})


def test_the_template_downloads_with_chinese_headers(wfworld: WFWorld) -> None:
    got = bureau(wfworld).get(reverse("workforce:import_template", args=[wfworld.base.a.code]))
    head = next(load_workbook(io.BytesIO(got.content)).active.values)
    assert list(head[:len(HEAD)]) == HEAD and "身份证号" not in head


def test_an_hr_spreadsheet_previews_then_saves_with_chinese_names_of_codes(wfworld: WFWorld) -> None:
    c = bureau(wfworld)
    before = Teacher.objects.count()
    page = c.post(reverse("workforce:import", args=[wfworld.base.a.code]),
                  {"file": xlsx([row(), row(教师编号="T50011800002", 姓名="吴二改", 学校标识码="5001180002",
                                     是否在编="否")])})
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="wf-preview"' in body
    assert Teacher.objects.count() == before  # nothing written before the confirmation
    done = c.post(reverse("workforce:import_confirm", args=[wfworld.base.a.code]))
    assert done.status_code == 302
    new = Teacher.objects.get(staff_id="T500118HR001")
    assert (new.subject, new.section, new.sex, new.birth_year, new.school.code) == (
        "math", "primary", "female", 1990, "5001180001")
    assert new.titles.get().title == "first" and new.key_awards.get().level == "county"
    moved = Teacher.objects.get(staff_id="T50011800002")
    assert moved.school.code == "5001180002" and moved.name == "吴二改" and not moved.on_establishment
    assert AuditEvent.objects.filter(action="workforce_teachers_import").exists()


@pytest.mark.parametrize(("head", "cells", "words"), [
    ([*HEAD, "身份证号"], [*row(), ID_NUMBER], "第1行“身份证号”列含有身份证号码"),
    (None, row(教师编号=ID_NUMBER), "第2行“教师编号”列含有身份证号码"),
    (None, row(姓名=f"钱新 {ID_NUMBER}"), "第2行“姓名”列含有身份证号码"),
])
def test_an_id_card_number_anywhere_refuses_the_file_and_is_never_kept(
        wfworld: WFWorld, head: list[str] | None, cells: list[Any], words: str) -> None:
    c = bureau(wfworld)
    before = Teacher.objects.count()
    page = c.post(reverse("workforce:import", args=[wfworld.base.a.code]), {"file": xlsx([cells], head)})
    body = page.content.decode()
    assert page.status_code == 400 and "E1155" in body and words in body
    assert ID_NUMBER not in body
    assert ID_NUMBER not in str(dict(c.session)) and c.session.get("workforce_hr_import") is None
    assert Teacher.objects.count() == before
    assert c.post(reverse("workforce:import_confirm", args=[wfworld.base.a.code])).status_code == 400


@pytest.mark.parametrize(("cells", "code", "words"), [
    (row(学校标识码="5001020001"), "E1150", "第2行 学校标识码列"),  # a school of 涪陵区
    (row(学校标识码="5001020001"), "E1150", "不是永川区的学校"),
    (row(出生年份="八五年"), "E1160", "“八五年”不是有效的年份"),
    (row(是否在编="也许"), "E1160", "“也许”不是有效的“是”或“否”"),
    (row(任教学科="占星"), "E1152", "“占星”不是可用的代码"),
    (row(学校标识码=None), "E1161", "“学校标识码”必须填写"),
    (row(性别="X"), "E1160", "性别（男或女）"),
])
def test_broken_rows_are_refused_with_row_column_and_words(wfworld: WFWorld, cells: list[Any], code: str,
                                                           words: str) -> None:
    before = Teacher.objects.count()
    page = upload(wfworld, xlsx([row(教师编号="T500118OK001"), cells]))
    body = page.content.decode()
    assert page.status_code == 400 and code in body and words.replace("第2行", "第3行") in body
    assert Teacher.objects.count() == before and not Teacher.objects.filter(staff_id="T500118OK001").exists()


def test_duplicates_and_a_wrong_header_are_refused(wfworld: WFWorld) -> None:
    dup = upload(wfworld, xlsx([row(), row()])).content.decode()
    assert "E1151" in dup and "第一次在第 2 行" in dup
    wrong = upload(wfworld, xlsx([["T1", "x"]], ["编号", "名字"])).content.decode()
    assert "E1159" in wrong and "缺少列" in wrong


def test_the_stored_school_year_imports_and_only_the_bureau_imports(wfworld: WFWorld) -> None:
    c = bureau(wfworld)
    url = reverse("workforce:import_snapshot", args=[wfworld.base.a.code])
    assert c.post(url, {"school_year": "2025-2026"}).status_code == 302
    missing = c.post(url, {"school_year": "1999-2000"})
    assert missing.status_code == 400 and "E1164" in missing.content.decode()
    for role in ("officer", "analyst"):
        other = Client()
        other.force_login(wfworld.user(role))
        expected = 404 if role == "officer" else 403
        assert other.get(reverse("workforce:import", args=[wfworld.base.a.code])).status_code == expected
