"""Assisted entry on a visit, answer templates, milestones and in-app notices, through the client."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import AnswerTemplate, Concern, Milestone, Notification
from youjun.web.apps.platform.models import AuditEvent


def login(cw: CWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(cw.users[name])
    c.cookies["youjun_language"] = lang
    return c


RECORD = {"title": "村口小桥栏杆坏了", "text": "老人过桥不安全。", "category": "roads", "town": "河包镇",
          "village": "某村", "raiser_name": "王大爷", "raiser_phone": "13800001111"}


def test_a_member_records_a_concern_for_a_resident_with_consent(cworld: CWorld) -> None:
    member = login(cworld, "c_member")
    page = member.get("/consult/work/record/rongchang/")
    assert page.status_code == 200 and "本人同意" in page.content.decode()
    r = member.post("/consult/work/record/rongchang/", RECORD)  # consent not ticked
    assert r.status_code == 400 and "E879" in r.content.decode()
    assert not Concern.objects.exists()
    r = member.post("/consult/work/record/rongchang/", {**RECORD, "raiser_phone": "12ab"})
    assert r.status_code == 400 and "E897" in r.content.decode()
    assert not Concern.objects.exists()
    r = member.post("/consult/work/record/rongchang/", {**RECORD, "consent": "on"})
    assert r.status_code == 302
    c = Concern.objects.get()
    assert (c.channel, c.recorded_by, c.raised_by, c.raiser_name, c.raiser_phone, c.consent_noted) == (
        "visit", cworld.users["c_member"], None, "王大爷", "13800001111", True)
    assert "本人同意" in c.consent_text
    assert login(cworld, "c_member_nj").get("/consult/work/record/rongchang/").status_code == 404
    assert login(cworld, "c_town").get("/consult/work/record/rongchang/").status_code == 404


def test_staff_keep_answer_templates_and_others_cannot(cworld: CWorld) -> None:
    staff = login(cworld, "c_staff")
    url = "/consult/work/templates/rongchang/"
    assert staff.get(url).status_code == 200
    r = staff.post(url, {"op": "add", "title": "", "text": "…"})
    assert r.status_code == 400 and "E896" in r.content.decode() and not AnswerTemplate.objects.exists()
    assert staff.post(url, {"op": "add", "title": "路灯已修复", "text": "已修复。",
                            "department": cworld.town.pk}).status_code == 302
    tpl = AnswerTemplate.objects.get()
    assert tpl.department == cworld.town and tpl.body == cworld.rc
    assert staff.post(url, {"op": "edit", "id": tpl.pk, "title": "路灯已修复", "text": "已全部修复。",
                            "department": ""}).status_code == 302
    tpl.refresh_from_db()
    assert tpl.text == "已全部修复。" and tpl.department is None
    assert "已全部修复。" in staff.get(url).content.decode()
    assert login(cworld, "c_member").post(url, {"op": "delete", "id": tpl.pk}).status_code == 404
    assert login(cworld, "c_staff_nj").post(url, {"op": "delete", "id": tpl.pk}).status_code == 404
    assert staff.post(url, {"op": "delete", "id": tpl.pk}).status_code == 302
    assert not AnswerTemplate.objects.exists()
    actions = set(AuditEvent.objects.filter(object_type="consultation.AnswerTemplate")
                  .values_list("action", flat=True))
    assert actions == {"consultation_template_add", "consultation_template_edit", "consultation_template_delete"}


def test_milestones_added_and_marked_done_by_those_handling_it(cworld: CWorld) -> None:
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    url = f"/consult/work/{c.pk}/milestones/"
    town = login(cworld, "c_town")
    r = town.post(url, {"op": "add", "title": "", "due_on": "2099-02-30"})
    assert r.status_code == 400 and "E895" in r.content.decode() and not Milestone.objects.exists()
    assert town.post(url, {"op": "add", "title": "采购灯具", "due_on": "2099年2月1日"}).status_code == 302
    ms = Milestone.objects.get()
    assert (ms.title, ms.due_on, ms.done_on) == ("采购灯具", dt.date(2099, 2, 1), None)
    assert town.post(url, {"op": "done", "id": ms.pk}).status_code == 302
    ms.refresh_from_db()
    assert ms.done_on is not None
    page = town.get(f"/consult/work/{c.pk}/").content.decode()
    assert "采购灯具" in page and "2099年2月1日" in page
    assert login(cworld, "res_a").post(url, {"op": "add", "title": "x"}).status_code == 403
    assert login(cworld, "c_edu").post(url, {"op": "add", "title": "x"}).status_code == 404
    assert town.get(url).status_code == 405
    assert AuditEvent.objects.filter(action__startswith="consultation_milestone").count() == 2


def test_notices_newest_first_unread_marked_and_all_read(cworld: CWorld) -> None:
    u = cworld.users
    first = cworld.concern(title="第一件")
    second = cworld.concern(title="第二件")
    services.assign(u["c_staff"], first, cworld.town)
    services.assign(u["c_staff"], second, cworld.town)
    town = login(cworld, "c_town")
    page = town.get("/consult/notices/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index(second.number) < text.index(first.number)  # newest first
    assert text.count('data-testid="notice-unread"') == 2
    assert "未读 2 条" in text
    assert town.post("/consult/notices/", {}).status_code == 302
    assert not Notification.objects.filter(user=u["c_town"], read_at__isnull=True).exists()
    assert 'data-testid="notice-unread"' not in town.get("/consult/notices/").content.decode()
    assert Notification.objects.filter(user=u["c_edu"]).count() == 0
    assert login(cworld, "res_b").get("/consult/notices/").status_code == 200
