"""The handling pages, through the client: the work list (a department sees only its items),
the overdue view's counts and medians, an item's actions for the right and the wrong role
(E874/E875 shown beside the form, nothing written) and revealing a phone (one audit row)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern, Event, Evidence, Milestone
from youjun.web.apps.platform.models import AuditEvent

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def login(cw: CWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(cw.users[name])
    c.cookies["youjun_language"] = lang
    return c


def writes(concern: Concern) -> tuple[int, int, str]:
    concern.refresh_from_db()
    return (Event.objects.filter(concern=concern).count(),
            AuditEvent.objects.filter(object_id=str(concern.pk), object_type="consultation.Concern").count(),
            concern.state)


def overdue_by(concern: Concern, days: int) -> None:
    today = timezone.localdate()
    Concern.objects.filter(pk=concern.pk).update(due_on=today - dt.timedelta(days=days),
                                                 assigned_at=timezone.now() - dt.timedelta(days=days + 15))


# --- the work list -------------------------------------------------------------------------

def test_department_sees_only_its_items_on_the_work_list(cworld: CWorld) -> None:
    u = cworld.users
    mine = cworld.concern(title="路口缺路灯")
    other = cworld.concern("res_b", title="操场积水严重", category="education")
    services.assign(u["c_staff"], mine, cworld.town)
    services.assign(u["c_staff"], other, cworld.edu)
    page = login(cworld, "c_town").get("/consult/work/")
    assert page.status_code == 200
    text = page.content.decode()
    assert mine.number in text and "路口缺路灯" in text
    assert other.number not in text and "操场积水严重" not in text
    staff = login(cworld, "c_staff").get("/consult/work/").content.decode()
    assert mine.number in staff and other.number in staff
    assert login(cworld, "res_a").get("/consult/work/").status_code == 403


def test_work_list_filters_clock_counts_and_words(cworld: CWorld) -> None:
    u = cworld.users
    late = cworld.concern(title="逾期的路灯")
    soon = cworld.concern(title="快到期的路灯")
    fresh = cworld.concern(title="刚提出的路灯")
    for c in (late, soon):
        services.assign(u["c_staff"], c, cworld.town)
    overdue_by(late, 3)
    Concern.objects.filter(pk=soon.pk).update(due_on=timezone.localdate() + dt.timedelta(days=2))
    staff = login(cworld, "c_staff")
    text = staff.get("/consult/work/").content.decode()
    assert "逾期 3 天" in text and "即将到期" in text
    assert "已交办 2 件" in text and "已提出 1 件" in text  # counts per state, in words, with units
    only_late = staff.get("/consult/work/?clock=overdue").content.decode()
    assert late.number in only_late and soon.number not in only_late and fresh.number not in only_late
    only_raised = staff.get("/consult/work/?state=raised").content.decode()
    assert fresh.number in only_raised and late.number not in only_raised
    mine = login(cworld, "c_town").get("/consult/work/?mine=1").content.decode()
    assert late.number in mine and fresh.number not in mine
    en = login(cworld, "c_staff", "en").get("/consult/work/").content.decode()
    assert "3 days overdue" in en and "Assigned" in en


# --- the overdue view ----------------------------------------------------------------------

def test_overdue_view_groups_by_department_with_count_and_median(cworld: CWorld) -> None:
    u = cworld.users
    items = [cworld.concern(title=f"逾期议题{i}", category="education") for i in range(4)]
    for c in items[:3]:
        services.assign(u["c_staff"], c, cworld.town)
    services.assign(u["c_staff"], items[3], cworld.edu)
    overdue_by(items[0], 10)
    overdue_by(items[1], 4)
    overdue_by(items[3], 3)  # items[2] is on time: not listed
    page = login(cworld, "c_staff").get("/consult/work/overdue/")
    assert page.status_code == 200
    groups = page.context["groups"]
    assert [(g["department"].name, g["count"], g["median"]) for g in groups] == [
        ("昌元街道办事处", 2, 7.0), ("荣昌区教育委员会", 1, 3.0)]
    assert [r["days"] for r in groups[0]["rows"]] == [10, 4]  # oldest first
    text = page.content.decode()
    assert "逾期 2 件" in text and "中位数 7 天" in text and items[2].number not in text
    town = login(cworld, "c_town").get("/consult/work/overdue/").content.decode()
    assert items[0].number in town and items[3].number not in town  # a department: its own only


# --- an item's actions ---------------------------------------------------------------------

def test_assign_form_shows_the_category_deadline_and_assigns(cworld: CWorld) -> None:
    c = cworld.concern(category="roads", title="村道塌方")
    staff = login(cworld, "c_staff")
    page = staff.get(f"/consult/work/{c.pk}/").content.decode()
    due = timezone.localdate() + dt.timedelta(days=45)
    assert f"按类别“道路交通”时限45天，答复期限{due.year}年{due.month}月{due.day}日" in page
    r = staff.post(f"/consult/work/{c.pk}/", {"action": "assign", "department": cworld.town.pk,
                                             "due_on": "", "note": ""})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.state == "assigned" and c.department == cworld.town and c.due_on == due


def test_wrong_role_and_wrong_state_are_refused_with_the_problem_and_nothing_written(cworld: CWorld) -> None:
    c = cworld.concern()
    before = writes(c)
    r = login(cworld, "c_member").post(f"/consult/work/{c.pk}/", {"action": "assign",
                                                                 "department": cworld.town.pk})
    assert r.status_code == 403 and "E875" in r.content.decode() and "请联系政协工作人员" in r.content.decode()
    assert writes(c) == before
    r = login(cworld, "c_staff").post(f"/consult/work/{c.pk}/", {"action": "close", "note": ""})
    assert r.status_code == 400 and "E874" in r.content.decode()
    assert writes(c) == before
    en = login(cworld, "c_staff", "en").post(f"/consult/work/{c.pk}/", {"action": "close"})
    assert "cannot take this step now" in en.content.decode()
    r = login(cworld, "c_staff").post(f"/consult/work/{c.pk}/", {"action": "decline", "reason": " "})
    assert r.status_code == 400 and "E877" in r.content.decode()
    assert writes(c) == before
    assert login(cworld, "c_edu").post(f"/consult/work/{c.pk}/", {"action": "select"}).status_code == 404
    assert login(cworld, "res_a").post(f"/consult/work/{c.pk}/", {"action": "select"}).status_code == 403
    assert writes(c) == before


def test_every_action_through_the_client(cworld: CWorld) -> None:
    c = cworld.concern()
    dup = cworld.concern("res_b")
    staff, member, town = login(cworld, "c_staff"), login(cworld, "c_member"), login(cworld, "c_town")
    url = f"/consult/work/{c.pk}/"
    assert staff.post(f"/consult/work/{dup.pk}/", {"action": "merge", "into": c.number}).status_code == 200  # preview
    assert staff.post(f"/consult/work/{dup.pk}/", {"action": "merge", "into": c.number, "confirm": "1"}
                      ).status_code == 302
    assert staff.post(url, {"action": "select", "venue": "courtyard", "note": ""}).status_code == 302
    assert member.post(url, {"action": "investigate", "notes": "走访路口，两处灯坏"}).status_code == 302
    assert staff.post(url, {"action": "assign", "department": cworld.town.pk, "due_on": "2099-01-31"}
                      ).status_code == 302
    c.refresh_from_db()
    assert c.due_on == dt.date(2099, 1, 31)
    # a department cannot close, the member cannot answer: refused, nothing written
    before = writes(c)
    assert town.post(url, {"action": "answer", "text": ""}).status_code == 400  # E899
    assert member.post(url, {"action": "answer", "text": "已修好"}).status_code == 403
    assert writes(c) == before
    ms = Milestone.objects.create(concern=c, title="采购灯具", due_on=dt.date(2099, 1, 10))
    r = town.post(url, {"action": "progress", "percent": "60", "note": "已采购", "milestone": ms.pk,
                        "evidence": [_upload("收据.png", PNG)]})
    assert r.status_code == 302
    ms.refresh_from_db()
    assert ms.done_on == timezone.localdate()
    assert Evidence.objects.filter(event__concern=c).values_list("filename", "content_type").get() == (
        "收据.png", "image/png")
    assert town.post(url, {"action": "answer", "text": "两处路灯已修复。"}).status_code == 302
    assert staff.post(url, {"action": "reopen", "reason": "群众反映仍有一处不亮"}).status_code == 302
    assert town.post(url, {"action": "answer", "text": "第三处已修复。"}).status_code == 302
    assert staff.post(url, {"action": "close", "note": ""}).status_code == 302
    c.refresh_from_db()
    dup.refresh_from_db()
    assert c.state == "closed" and dup.state == "merged" and dup.merged_into == c
    assert [a for a in c.events.values_list("action", flat=True)] == [
        "raise", "absorb", "select", "investigate", "assign", "progress", "answer", "reopen", "answer", "close"]
    page = staff.get(url).content.decode()
    assert "走访路口，两处灯坏" in page  # the whole timeline, non-public events included


def _upload(name: str, content: bytes):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile
    return SimpleUploadedFile(name, content)


def test_evidence_of_the_wrong_type_or_too_big_is_refused_and_nothing_written(cworld: CWorld) -> None:
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    town = login(cworld, "c_town")
    before = writes(c)
    r = town.post(f"/consult/work/{c.pk}/", {"action": "progress", "percent": "50",
                                            "evidence": [_upload("x.exe", b"MZ\x90\x00")]})
    assert r.status_code == 400 and "E890" in r.content.decode()
    big = b"%PDF-1.4\n" + b"0" * 10_000_001
    r = town.post(f"/consult/work/{c.pk}/", {"action": "progress", "percent": "50",
                                            "evidence": [_upload("big.pdf", big)]})
    assert r.status_code == 400 and "E891" in r.content.decode()
    r = town.post(f"/consult/work/{c.pk}/", {"action": "progress", "percent": "150"})
    assert r.status_code == 400 and "E876" in r.content.decode()
    assert writes(c) == before and not Evidence.objects.exists()


def test_answer_template_fills_the_box_without_javascript(cworld: CWorld) -> None:
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    tpl = services.save_answer_template(cworld.users["c_staff"], cworld.rc, title="路灯已修复",
                                        text="您反映的路灯问题已修复，感谢监督。")
    page = login(cworld, "c_town").get(f"/consult/work/{c.pk}/?template={tpl.pk}").content.decode()
    assert ">您反映的路灯问题已修复，感谢监督。</textarea>" in page
    assert 'src="/static/youjun/consultation_handling.js"' in page


# --- personal data -------------------------------------------------------------------------

def test_phone_is_masked_and_revealing_it_writes_an_audit_row(cworld: CWorld) -> None:
    c = cworld.concern("c_member", on_behalf=True, raiser_name="王大爷", raiser_phone="13800001111",
                       consent_noted=True, channel="visit")
    staff = login(cworld, "c_staff")
    page = staff.get(f"/consult/work/{c.pk}/").content.decode()
    assert "王大爷" in page and "138****1111" in page and "13800001111" not in page
    other = cworld.concern("res_b", raiser_name="李秘密", raiser_phone="13900002222")
    member_page = login(cworld, "c_member").get(f"/consult/work/{other.pk}/").content.decode()
    assert "李**" in member_page and "李秘密" not in member_page and "13900002222" not in member_page
    r = login(cworld, "c_member").post(f"/consult/work/{other.pk}/", {"action": "reveal_phone"})
    assert r.status_code == 403 and "13900002222" not in r.content.decode()
    assert not AuditEvent.objects.filter(action="consultation_reveal_phone").exists()
    r = staff.post(f"/consult/work/{c.pk}/", {"action": "reveal_phone"})
    assert r.status_code == 200 and "13800001111" in r.content.decode()
    row = AuditEvent.objects.get(action="consultation_reveal_phone")
    assert row.actor == cworld.users["c_staff"] and row.object_id == str(c.pk)
    assert "13800001111" not in staff.get(f"/consult/work/{c.pk}/").content.decode()  # once


def test_a_joint_item_is_handled_by_both_bodies_staff_with_both_bodies_departments(cworld: CWorld) -> None:
    c = cworld.concern(title="跨界灌溉渠", category="water")
    c.joint_bodies.add(cworld.nj)
    nj_staff = login(cworld, "c_staff_nj")
    page = nj_staff.get(f"/consult/work/{c.pk}/").content.decode()
    assert "内江市水利局" in page and "昌元街道办事处" in page  # both bodies' departments offered
    assert nj_staff.post(f"/consult/work/{c.pk}/", {"action": "select", "venue": "cross_border"}).status_code == 302
    r = login(cworld, "c_staff").post(f"/consult/work/{c.pk}/", {"action": "assign",
                                                                "department": cworld.nj_water.pk})
    assert r.status_code == 302
    c.refresh_from_db()
    assert (c.state, c.department) == ("assigned", cworld.nj_water)
    other = cworld.concern()  # Rongchang's alone: Neijiang's department cannot take it
    r = login(cworld, "c_staff").post(f"/consult/work/{other.pk}/", {"action": "assign",
                                                                    "department": cworld.nj_water.pk})
    assert r.status_code == 400 and "E894" in r.content.decode()
