"""Meetings fixes, round 2, through the real pages: the member picker (full name, sector,
neighbourhood, grouped by sector, filtered by ?q= without JavaScript), attendees by name,
agreed opinions as links both ways, the parent's "由N条协商意见分别交办", ids ≥ 1,000 in form
values of the moderation queue and the questionnaire, full-width colons on the meeting form."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from tests.web.world import World
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation import services_meetings as sm
from youjun.web.apps.consultation import services_survey as ss
from youjun.web.apps.consultation.models import Attendee, Concern, Meeting, Participant, SurveyQuestion
from youjun.web.apps.platform import services as platform_services


def _client(user: object, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    c.cookies["youjun_language"] = lang
    return c


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _meeting(cw: CWorld) -> Meeting:
    return Meeting.objects.create(body=cw.rc, venue="courtyard", title="院坝会", held_on=timezone.localdate(),
                                  place="昌元街道")


def _named_members(cw: CWorld) -> None:
    u = cw.users["c_member"]
    u.full_name = "张明华"
    u.save(update_fields=["full_name"])
    other = platform_services.create_user(None, "c_member2", "x-Password-123")
    other.full_name = "李秀英"
    other.save(update_fields=["full_name"])
    services.add_participant(None, other, cw.rc, "member", sector="农业界", neighbourhood="峰高街道")


# --- 2: the member picker and attendees --------------------------------------------------------

def test_the_member_picker_shows_names_sectors_and_neighbourhoods_grouped(cworld: CWorld) -> None:
    _named_members(cworld)
    m = _meeting(cworld)
    page = _client(cworld.users["c_staff"]).get(f"/consult/meetings/{m.pk}/").content.decode()
    form = page[page.index('data-testid="add-member"'):]
    form = form[:form.index("</form>")]
    assert '<optgroup label="教育界">' in form and '<optgroup label="农业界">' in form
    edu = form[form.index('<optgroup label="教育界">'):]
    edu = edu[:edu.index("</optgroup>")]
    assert "张明华" in edu and "昌元街道" in edu and "c_member" not in edu and "李秀英" not in edu
    assert "李秀英" in form and "峰高街道" in form
    # the text filter without JavaScript
    filtered = _client(cworld.users["c_staff"]).get(f"/consult/meetings/{m.pk}/?q=峰高").content.decode()
    form = filtered[filtered.index('data-testid="add-member"'):]
    form = form[:form.index("</form>")]
    assert "李秀英" in form and "张明华" not in form
    assert re.search(r'<form[^>]*method="get"[^>]*>.*?name="q"', filtered, re.S)


def test_an_added_member_attends_by_full_name(cworld: CWorld) -> None:
    _named_members(cworld)
    m = _meeting(cworld)
    p = Participant.objects.get(user=cworld.users["c_member"], kind="member")
    staff = _client(cworld.users["c_staff"])
    assert staff.post(f"/consult/meetings/{m.pk}/", {"action": "member", "participant": p.pk}).status_code == 302
    assert Attendee.objects.get(meeting=m).name == "张明华"
    page = _text(staff.get(f"/consult/meetings/{m.pk}/").content.decode())
    assert "张明华" in page


def test_agreed_opinions_link_both_ways_and_the_parent_says_how_it_is_handled(cworld: CWorld) -> None:
    u = cworld.users
    parent = cworld.concern()
    services.select(u["c_staff"], parent)
    m = _meeting(cworld)
    sm.consult_concern(u["c_staff"], m, parent.number, "")
    one = sm.agree_opinion(u["c_staff"], m, parent, title="增设路灯", text="", department=cworld.town)
    two = sm.agree_opinion(u["c_staff"], m, parent, title="安排护学岗", text="", department=cworld.edu)
    staff = _client(u["c_staff"])
    page = staff.get(f"/consult/meetings/{m.pk}/").content.decode()
    assert f'href="/consult/work/{one.pk}/"' in page and f'href="/consult/work/{two.pk}/"' in page
    work = staff.get(f"/consult/work/{one.pk}/").content.decode()
    assert f'href="/consult/work/{parent.pk}/"' in work and f'href="/consult/meetings/{m.pk}/"' in work
    parent_page = _text(staff.get(f"/consult/work/{parent.pk}/").content.decode())
    assert "由2条协商意见分别交办（进度取其平均）" in parent_page
    facts = parent_page[parent_page.index("承办部门"):][:80]
    assert "尚未交办" not in parent_page and "—" not in facts.split("答复期限")[0], facts


def test_the_department_sees_the_parent_by_its_public_page_and_no_meeting_link(cworld: CWorld) -> None:
    u = cworld.users
    parent = cworld.concern()
    services.select(u["c_staff"], parent)
    m = _meeting(cworld)
    sm.consult_concern(u["c_staff"], m, parent.number, "")
    one = sm.agree_opinion(u["c_staff"], m, parent, title="增设路灯", text="", department=cworld.town)
    page = _client(u["c_town"]).get(f"/consult/work/{one.pk}/").content.decode()
    facts = page[page.index('data-testid="opinion-parent"'):]
    facts = facts[:facts.index("</dd>")]
    assert f'href="/consult/c/{parent.number}/"' in facts and f"/consult/meetings/{m.pk}/" not in facts
    assert "院坝会" in facts


# --- 6: ids in form values never number-formatted ----------------------------------------------

def test_moderation_queue_ids_are_plain(cworld: CWorld) -> None:
    Concern.objects.create(pk=1971, body=cworld.rc, number="RC-2026-1971", title="被隐藏的议题", text="含电话",
                           category="lighting", state="raised", hidden=True, report_count=3,
                           raised_by=cworld.users["res_a"], created_at=timezone.now())
    page = _client(cworld.users["c_staff"]).get("/consult/b/rongchang/moderation/").content.decode()
    assert 'name="concern" value="1971"' in page and "1,971" not in page
    r = _client(cworld.users["c_staff"]).post("/consult/b/rongchang/moderation/", {"concern": "1971",
                                                                                  "action": "keep"})
    assert r.status_code == 302


def test_questionnaire_ids_are_plain(world: World) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year="2025-2026", title="编号",
                              population=100_000)
    q = ss.add_question(None, survey, text_zh="满意吗？", text_en="Satisfied?")
    SurveyQuestion.objects.filter(pk=q.pk).update(id=1971)
    page = _client(world.users["bureau"]).get(f"/consult/surveys/{survey.pk}/").content.decode()
    assert 'name="question" value="1971"' in page and "1,971" not in page


# --- 9: full-width colons on the meeting form --------------------------------------------------

def test_the_meeting_form_has_full_width_colons_in_chinese(cworld: CWorld) -> None:
    page = _client(cworld.users["c_staff"]).get("/consult/b/rongchang/meetings/new/").content.decode()
    assert "协商平台：" in page and "协商平台:" not in page
    en = _client(cworld.users["c_staff"], "en").get("/consult/b/rongchang/meetings/new/").content.decode()
    assert "Venue:" in en
