"""The issue asks for an audit log of every change among the staff tools; consultation audit rows
carry no education district (a bureau must not read residents' actions), so a committee's staff
read its own log here — and only its own."""

from __future__ import annotations

from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.hygiene import problems, shown_text
from youjun.web.apps.consultation import services


def test_staff_read_their_bodys_changes_in_words_and_not_another_bodys(cworld: CWorld) -> None:
    u = cworld.users
    c = cworld.concern()
    services.assign(u["c_staff"], c, cworld.town)
    nj = services.raise_concern(u["c_member_nj"], cworld.nj, title="内江的路", text="路面破损", category="roads",
                                on_behalf=True, consent_noted=True, raiser_name="李四", channel="visit")
    staff = Client()
    staff.force_login(u["c_staff"])
    staff.cookies["youjun_language"] = "zh"
    r = staff.get("/consult/b/rongchang/audit/")
    assert r.status_code == 200
    text = shown_text(r.content.decode())
    assert "交办" in text and c.number in text and nj.number not in text
    found = problems(text, "zh", ["荣昌区政协", "学校门口没有路灯", "昌元街道办事处", "res_a", "c_staff",
                                 "c_member", "c_edu", "c_town", "教育委员工作室", "荣昌区教育委员会", c.number])
    assert found == [], "\n".join(found)
    assert staff.get(f"/consult/b/rongchang/audit/?number={c.number}&action=consultation_assign").status_code == 200
    assert staff.get("/consult/b/neijiang/audit/").status_code == 404
    member = Client()
    member.force_login(u["c_member"])
    assert member.get("/consult/b/rongchang/audit/").status_code == 404
