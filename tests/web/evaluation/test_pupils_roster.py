"""The school's data officer imports the pupil roster: the template read back, broken workbooks
answered with the words of their problem (row and column), a preview of what would change, and
nothing written until the confirmation."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.web.evaluation.eworld import SECRET_ID, YEAR, EWorld
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.pupils import roster_import
from youjun.web.apps.pupils.models import ClassGroup, Enrolment, Pupil

HEAD = list(roster_import.HEADERS)


def book(rows: list[list[Any]], head: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = roster_import.SHEET
    ws.append(head or HEAD)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filled_template(rows: list[list[Any]]) -> bytes:
    """The downloaded template with rows written under its example row (which stays)."""
    wb = load_workbook(io.BytesIO(roster_import.template_xlsx()))
    ws = wb[roster_import.SHEET]
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ROW_P1 = [3, 1, "三年级（1）班", SECRET_ID, "王秘密", "男", "2016-03-01", "01"]
NEW = [4, 2, "四年级（2）班", "G500118201505050099", "陈新", "2", "2015-05-05", "1"]


def officer(ew: EWorld) -> Client:
    c = Client()
    c.force_login(ew.user("officer"))
    return c


def upload(c: Client, ew: EWorld, content: bytes, name: str = "名册.xlsx", year: str = YEAR) -> Any:
    f = io.BytesIO(content)
    f.name = name
    return c.post(reverse("pupils:roster", args=[ew.a1.code]), {"school_year": year, "file": f})


def test_template_round_trip() -> None:
    content = roster_import.template_xlsx()
    ws = load_workbook(io.BytesIO(content))[roster_import.SHEET]
    assert [c.value for c in ws[1]][:8] == HEAD
    assert str(ws["D2"].value).startswith("示例")  # the example row is marked as such
    parsed = roster_import.read_upload(filled_template([ROW_P1, NEW]), "t.xlsx")
    assert parsed.problems == []
    assert [(r.student_id, r.grade, r.class_number, r.sex) for r in parsed.rows] == [
        (SECRET_ID, 3, 1, "male"), ("G500118201505050099", 4, 2, "female")]
    assert parsed.rows[1].ethnic_code == "01" and str(parsed.rows[1].birth_date) == "2015-05-05"
    assert parsed.rows[0].location.row == 3  # the sheet row a person sees


def _problems_of(content: bytes) -> list[dict[str, Any]]:
    return roster_import.read_upload(content, "bad.xlsx").problems


@pytest.mark.parametrize(("rows", "head", "words"), [
    ([ROW_P1], ["年级", "班", "学籍号", "姓名"], "缺少列"),
    ([[3, 1, "", "G500118201601010011", "甲", "男", "", ""], [3, 1, "", "G500118201601010011", "乙", "男", "", ""]],
     None, "出现了不止一次"),
    ([[10, 1, "", "G500118201601010011", "甲", "男", "", ""]], None, "不是一至九年级"),
    ([[3, 1, "", "G500118201601010011", "甲", "X", "", ""]], None, "无法识别"),
    ([[3, 1, "", "12345", "甲", "男", "", ""]], None, "学籍号“12345”的格式不对"),
    ([[3, 1, "", "G500118201601010011", "", "男", "", ""]], None, "“姓名”没有填写"),
    ([[3, 1, "", "G500118201601010011", "甲", "男", "2016-13-45", ""]], None, "出生日期“2016-13-45”"),
    ([[3, 1, "", "G500118201601010011", "甲", "男", "", "77"]], None, "民族代码“77”"),
])
def test_broken_workbooks_say_what_is_wrong(rows: list[list[Any]], head: list[str] | None, words: str) -> None:
    problems = _problems_of(book(rows, head))
    assert problems, words
    assert any(words in p["message"]["zh"] for p in problems), [p["message"]["zh"] for p in problems]
    assert all(p["hint"]["zh"] and p["hint"]["en"] and p["message"]["en"] for p in problems)


def test_a_problem_names_row_and_column(eworld: EWorld) -> None:
    r = upload(officer(eworld), eworld, book([ROW_P1, [3, 1, "", "G500118201601010022", "乙", "3", "", ""]]))
    assert r.status_code == 400
    body = r.content.decode()
    assert "第3行 性别列" in body and "(F3)" in body and "E1003" in body and "性别“3”无法识别" in body
    assert Pupil.objects.filter(student_id="G500118201601010022").count() == 0


def test_too_big_is_refused_before_reading(eworld: EWorld) -> None:
    r = upload(officer(eworld), eworld, b"x" * (roster_import.MAX_BYTES + 1))
    assert r.status_code == 400
    assert "文件过大" in r.content.decode() or "超过上限" in r.content.decode()


def test_pupil_of_another_school_refused_without_naming_it(eworld: EWorld) -> None:
    other = eworld.pupils["pa2"].student_id  # registered at A0002
    r = upload(officer(eworld), eworld, book([[5, 1, "", other, "赵小花", "女", "", ""]]))
    body = r.content.decode()
    assert r.status_code == 400 and "已在另一所学校登记" in body
    assert eworld.a2.name not in body
    assert Pupil.objects.get(student_id=other).school == eworld.a2


def test_problems_download_as_workbook(eworld: EWorld) -> None:
    c = officer(eworld)
    upload(c, eworld, book([[3, 1, "", "12345", "甲", "男", "", ""]]))
    r = c.get(reverse("pupils:roster_problems", args=[eworld.a1.code]))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "代码", "行", "列")
    assert rows[1][1] == "E1006" and rows[1][2] == 2 and rows[1][3] == "学籍号"


def test_preview_then_confirm(eworld: EWorld) -> None:
    c = officer(eworld)
    p2 = eworld.pupils["p2"]
    moved = [3, 2, "三年级（2）班", p2.student_id, "李小红", "女", "", ""]  # from class 1 to class 2
    renamed = [3, 1, "", SECRET_ID, "王新名", "男", "", ""]
    before = Pupil.objects.count(), Enrolment.objects.count(), AuditEvent.objects.count()
    r = upload(c, eworld, filled_template([renamed, moved, NEW]))
    assert r.status_code == 200, r.content.decode()[:2000]
    body = r.content.decode()
    assert 'data-testid="roster-preview"' in body
    preview = r.context["preview"]
    assert [x.student_id for x in preview.new] == [NEW[3]]
    assert [x.student_id for x in preview.moved] == [p2.student_id]
    assert [x.student_id for x in preview.changed] == [SECRET_ID] and "王新名" in preview.changed[0].now
    assert [p.pk for p in preview.left] == [eworld.pupils["p3"].pk]
    assert preview.classes_new == [(4, 2)]
    # nothing written yet
    assert (Pupil.objects.count(), Enrolment.objects.count(), AuditEvent.objects.count()) == before
    r = c.post(reverse("pupils:roster_confirm", args=[eworld.a1.code]), {"mark_left": "1", "reason": "transferred_out"})
    assert r.status_code == 302
    assert Pupil.objects.get(student_id=NEW[3]).school == eworld.a1
    assert Pupil.objects.get(student_id=SECRET_ID).name == "王新名"
    assert Enrolment.objects.get(pupil=p2, school_year=YEAR).class_group == eworld.classes["c2"]
    assert ClassGroup.objects.filter(school=eworld.a1, school_year=YEAR, grade=4, number=2).exists()
    assert Pupil.objects.get(pk=eworld.pupils["p3"].pk).active is False
    assert AuditEvent.objects.filter(action="pupils_roster_import", school=eworld.a1).exists()
    assert AuditEvent.objects.filter(action="pupils_left", school=eworld.a1).count() == 1
    # the confirmation is used up
    r = c.post(reverse("pupils:roster_confirm", args=[eworld.a1.code]))
    assert r.status_code == 400 and "E1013" in r.content.decode()


def test_read_only_staff_and_other_schools(eworld: EWorld) -> None:
    c = Client()
    c.force_login(eworld.user("analyst"))
    assert c.get(reverse("pupils:roster", args=[eworld.a1.code])).status_code == 403
    c.force_login(eworld.user("officer"))
    assert c.get(reverse("pupils:roster", args=[eworld.a2.code])).status_code == 404
