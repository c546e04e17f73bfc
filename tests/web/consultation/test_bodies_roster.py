"""The member roster import through its real pages: the template, a file with problems that
writes nothing (every problem with its row and column), a preview, new studios created only
when confirmed, one transaction, and the initial passwords handed back once as a workbook."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import roster_import
from youjun.web.apps.consultation.models import Participant, Studio
from youjun.web.apps.platform.models import AuditEvent, User

URL = "/consult/b/rongchang/roster/"


def _staff(cw: CWorld) -> Client:
    c = Client()
    c.force_login(cw.users["c_staff"])
    return c


def _xlsx(rows: Sequence[Sequence[object]], header: tuple[str, ...] = roster_import.HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "委员名单"
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("委员名单.xlsx", out.getvalue())


def test_template_has_the_six_columns(cworld: CWorld) -> None:
    r = _staff(cworld).get(URL + "template.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content))["委员名单"]
    assert [c.value for c in ws[1]] == ["姓名", "界别", "委员工作室", "联系镇街", "手机", "用户名"]


def test_a_roster_with_problems_writes_nothing_and_names_every_cell(cworld: CWorld) -> None:
    before = User.objects.count()
    r = _staff(cworld).post(URL, {"file": _xlsx([
        ["王建华", "教育界", "教育委员工作室", "昌元街道", "13812345678", "rc-wangjh"],
        ["", "经济界", "", "", "", "rc-blank"],
        ["李芳", "农业界", "", "", "1381234", "rc-lifang"],
        ["赵强", "", "", "", "", "RC-WANGJH"],
        ["钱多", "", "", "", "", "c_member"],
        ["孙明", "", "", "", "", ""],
    ])})
    page = r.content.decode()
    assert r.status_code == 400, page[:3000]
    for expected in ("第3行 姓名列", "E934", "第4行 手机列", "E935", "第5行 用户名列",
                     "在文件中出现了不止一次（第2行已有）", "第6行 用户名列", "已被平台上的其他账号使用",
                     "第7行 用户名列"):
        assert expected in page, expected
    assert "nothing was written" in page or "一行也没有写入" in page or "未写入" in page
    assert User.objects.count() == before and not Participant.objects.filter(sector="农业界", body=cworld.rc).exists()


def test_not_the_template_and_too_many_rows(cworld: CWorld) -> None:
    staff = _staff(cworld)
    r = staff.post(URL, {"file": _xlsx([["a", "b"]], header=("名字", "别的"))})
    assert r.status_code == 400 and "E933" in r.content.decode() and "第1行缺少列" in r.content.decode()
    rows = [[f"委员{i}", "", "", "", "", f"rc-m{i}"] for i in range(roster_import.MAX_ROWS + 1)]
    r = staff.post(URL, {"file": _xlsx(rows)})
    assert r.status_code == 400 and "超过2,000行" in r.content.decode()
    r = staff.post(URL, {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")})
    assert r.status_code == 400 and User.objects.filter(username__startswith="rc-m").count() == 0


def test_preview_then_confirm_creates_accounts_and_hands_back_passwords_once(cworld: CWorld) -> None:
    staff = _staff(cworld)
    r = staff.post(URL, {"file": _xlsx([
        ["王建华", "教育界", "教育委员工作室", "昌元街道", "138 1234 5678", "rc-wangjh"],
        ["李芳", "农业界", "荣昌夏布委员工作室", "清流镇", "", "rc-lifang"],
        ["赵强", "经济界", "", "", "13900001111", "rc-zhaoq"],
    ])})
    page = r.content.decode()
    assert r.status_code == 200 and 'data-testid="roster-preview"' in page, page[:3000]
    assert page.count('data-testid="roster-row"') == 3 and "荣昌夏布委员工作室" in page
    assert not User.objects.filter(username="rc-wangjh").exists()  # a preview writes nothing
    # a new studio must be confirmed
    r = staff.post(URL + "confirm/", {})
    assert r.status_code == 400 and "E937" in r.content.decode()
    assert not User.objects.filter(username__startswith="rc-").exists()
    r = staff.post(URL + "confirm/", {"create_studios": "1"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert r["Cache-Control"] == "no-store"
    ws = load_workbook(io.BytesIO(r.content))["初始密码"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [(row[0], row[1]) for row in rows] == [("王建华", "rc-wangjh"), ("李芳", "rc-lifang"), ("赵强", "rc-zhaoq")]
    for name, username, password, *_rest in rows:
        user = User.objects.get(username=username)
        assert user.full_name == name and user.must_change_password and user.check_password(password)
        assert Participant.objects.get(user=user, body=cworld.rc).kind == "member"
    wang = Participant.objects.get(user__username="rc-wangjh")
    assert (wang.sector, wang.studio, wang.neighbourhood) == ("教育界", cworld.studio, "昌元街道")
    assert wang.user.resident_profile.phone == "13812345678"
    assert Studio.objects.get(body=cworld.rc, name="荣昌夏布委员工作室")
    event = AuditEvent.objects.get(action="consultation_roster_import")
    assert event.district is None and event.after["members"] == 3
    passwords = [row[2] for row in rows]
    assert not any(p in str(e.after) + str(e.before) for e in AuditEvent.objects.all() for p in passwords)
    # the passwords are not kept: confirming again has nothing to write
    r = staff.post(URL + "confirm/", {"create_studios": "1"})
    assert r.status_code == 302 and User.objects.filter(username__startswith="rc-").count() == 3


def test_another_bodys_staff_cannot_confirm_a_roster(cworld: CWorld) -> None:
    staff = _staff(cworld)
    staff.post(URL, {"file": _xlsx([["王建华", "", "", "", "", "rc-wangjh"]])})
    nj = Client()
    nj.force_login(cworld.users["c_staff_nj"])
    assert nj.post(URL + "confirm/", {}).status_code == 404
    assert staff.post("/consult/b/neijiang/roster/confirm/", {}).status_code == 404
    assert not User.objects.filter(username="rc-wangjh").exists()
