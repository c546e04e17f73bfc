"""Meetings in the four venues, through the real pages: a meeting with attendees and two agreed
opinions (each a child item, assigned and tracked on its own; the parent's progress rolled up),
a joint meeting seen by both bodies, residents' names masked for all but staff."""

from __future__ import annotations

from django.test import Client

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Attendee, Concern, Event, Meeting, Participant
from youjun.web.apps.platform.models import AuditEvent


def _client(cw: CWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(cw.users[name] if name in cw.users else cw.base.users[name])
    if lang == "en":
        c.cookies["youjun_language"] = "en"
    return c


def _new_meeting(c: Client, code: str = "rongchang", **fields: object) -> Meeting:
    data = {"venue": "courtyard", "title": "学校门口路灯协商", "held_on": "2026年11月20日",
            "place": "昌元街道某小区院坝", "town": "昌元街道"}
    data.update(fields)  # type: ignore[arg-type]
    r = c.post(f"/consult/b/{code}/meetings/new/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    return Meeting.objects.get(pk=int(r["Location"].rstrip("/").rsplit("/", 1)[-1]))


def test_meeting_with_attendees_and_two_opinions_rolls_up_the_parent(cworld: CWorld) -> None:
    u = cworld.users
    parent = cworld.concern()
    services.select(u["c_staff"], parent, venue="courtyard")
    staff = _client(cworld, "c_staff")
    m = _new_meeting(staff)
    url = f"/consult/meetings/{m.pk}/"
    member = Participant.objects.get(user=u["c_member"], kind="member")
    for data in ({"action": "member", "participant": member.pk},
                 {"action": "person", "kind": "resident", "name": "王小红", "organisation": ""},
                 {"action": "person", "kind": "official", "name": "李科长", "organisation": "昌元街道办事处"},
                 {"action": "consult", "number": parent.number.lower(), "note": "院坝会上听取意见"},
                 {"action": "minutes", "minutes": "一、路灯两处损坏。\n二、议定：街道一周内维修。"}):
        r = staff.post(url, data)
        assert r.status_code == 302, (data, r.content.decode()[:3000])
    parent.refresh_from_db()
    assert parent.state == "consulted" and parent.venue == "courtyard"
    for title, dept in (("一周内修复两处路灯", cworld.town), ("学校增设放学安全引导员", cworld.edu)):
        r = staff.post(url, {"action": "opinion", "parent": parent.pk, "title": title, "text": "",
                             "department": dept.pk, "due_on": ""})
        assert r.status_code == 302, r.content.decode()[:3000]
    opinions = list(Concern.objects.filter(parent=parent).order_by("number"))
    assert [o.kind for o in opinions] == ["opinion", "opinion"]
    assert all(o.meeting == m and o.channel == "meeting" and o.state == "assigned" for o in opinions)
    assert {o.department for o in opinions} == {cworld.town, cworld.edu}
    services.update_progress(u["c_town"], opinions[0], 40, "已采购灯具")
    services.update_progress(u["c_edu"], opinions[1], 80, "已安排人员")
    parent.refresh_from_db()
    assert parent.progress == 60  # (40 + 80) / 2
    assert Attendee.objects.filter(meeting=m).count() == 3
    assert Event.objects.filter(concern=parent, action="consult", data__meeting=m.pk).count() == 1
    assert AuditEvent.objects.filter(object_type="consultation.Meeting", object_id=str(m.pk)).count() >= 7

    page = staff.get(url).content.decode()
    assert "王小红" in page and "李科长" in page and "60%" in page and "一周内修复两处路灯" in page
    assert "2026年11月20日" in page and "委员进小院" in page
    member_page = _client(cworld, "c_member").get(url).content.decode()
    assert "王小红" not in member_page and "王**" in member_page and "李科长" in member_page
    en = _client(cworld, "c_staff", "en").get(url).content.decode()
    assert "Members in the courtyard" in en and "20 November 2026" in en

    listing = staff.get("/consult/meetings/").content.decode()
    assert "学校门口路灯协商" in listing
    counts = staff.get("/consult/meetings/?venue=courtyard&year=2026&town=昌元街道")
    assert counts.status_code == 200 and "1 次活动" in counts.content.decode() and "3 人" in counts.content.decode()


def test_a_joint_meeting_is_seen_by_both_bodies_and_nobody_else(cworld: CWorld) -> None:
    nj = _client(cworld, "c_staff_nj")
    m = _new_meeting(nj, "neijiang", venue="cross_border", title="跨界灌溉渠协商", place="内江市某镇",
                     joint_bodies=[cworld.rc.pk])
    assert set(m.joint_bodies.all()) == {cworld.rc}
    url = f"/consult/meetings/{m.pk}/"
    for name in ("c_staff", "c_member", "c_member_nj", "c_staff_nj", "admin"):
        c = _client(cworld, name)
        assert c.get(url).status_code == 200, name
        assert "跨界灌溉渠协商" in c.get("/consult/meetings/").content.decode(), name
    assert _client(cworld, "c_edu").get(url).status_code == 404
    assert "跨界灌溉渠协商" not in _client(cworld, "c_edu").get("/consult/meetings/").content.decode()
    assert _client(cworld, "res_a").get(url).status_code == 404
    assert _client(cworld, "res_a").get("/consult/meetings/").status_code == 403
    # a member of the joint body records its attendance and minutes too
    r = _client(cworld, "c_member").post(url, {"action": "minutes", "minutes": "双方议定联合疏浚。"})
    assert r.status_code == 302
    # Rongchang's staff bring Rongchang's item to the joint meeting; Neijiang's staff cannot
    # reach an item their body does not own (the same answer as an unknown number)
    c = cworld.concern(title="灌溉渠堵塞", category="water")
    services.select(cworld.users["c_staff"], c)
    r = nj.post(url, {"action": "consult", "number": c.number})
    assert r.status_code == 400 and "E901" in r.content.decode()
    r = _client(cworld, "c_staff").post(url, {"action": "consult", "number": c.number})
    assert r.status_code == 302, r.content.decode()[:2000]
    assert "灌溉渠堵塞" in nj.get(url).content.decode()


def test_the_platform_administrator_sees_every_meeting(cworld: CWorld) -> None:
    """The administrator by role (not a Django superuser) is the matrix's 'admin'."""
    m = Meeting.objects.create(body=cworld.nj, venue="salon", title="教育沙龙",
                               held_on=cworld.concern().created_at.date(), place="内江")
    admin = cworld.base.users["admin"]
    assert not admin.is_superuser
    assert _client(cworld, "admin").get(f"/consult/meetings/{m.pk}/").status_code == 200


def test_refusals_write_nothing_and_say_what_to_do(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff")
    r = staff.post("/consult/b/rongchang/meetings/new/", {"venue": "studio", "title": "工作室活动",
                                                          "held_on": "2026-11-20", "place": "工作室"})
    assert r.status_code == 400 and Meeting.objects.count() == 0
    m = _new_meeting(staff, venue="studio", studio=cworld.studio.pk, title="工作室活动")
    assert m.studio == cworld.studio
    other = services.raise_concern(cworld.users["c_member_nj"], cworld.nj, title="内江的路", text="路面破损",
                                   category="roads")
    raised = cworld.concern()  # not yet selected: no consult step open
    for number, code in (("RC-1999-0001", "E901"), (other.number, "E901"), (raised.number, "E874")):
        r = staff.post(f"/consult/meetings/{m.pk}/", {"action": "consult", "number": number})
        assert r.status_code == 400 and code in r.content.decode(), number
    assert m.concerns.count() == 0
    # an opinion needs an item consulted at this meeting
    r = staff.post(f"/consult/meetings/{m.pk}/", {"action": "opinion", "parent": raised.pk, "title": "意见"})
    assert r.status_code == 400 and not Concern.objects.filter(kind="opinion").exists()
    # a member may not assign: the opinion and the assignment are one write, refused together
    services.select(cworld.users["c_staff"], raised)
    member = _client(cworld, "c_member")
    assert member.post(f"/consult/meetings/{m.pk}/", {"action": "consult", "number": raised.number}).status_code == 302
    r = member.post(f"/consult/meetings/{m.pk}/", {"action": "opinion", "parent": raised.pk, "title": "意见",
                                                   "department": cworld.town.pk})
    assert r.status_code == 400 and "E875" in r.content.decode()
    assert not Concern.objects.filter(kind="opinion").exists()
    r = member.post(f"/consult/meetings/{m.pk}/", {"action": "opinion", "parent": raised.pk, "title": "意见"})
    assert r.status_code == 302 and Concern.objects.get(kind="opinion").state == "raised"
