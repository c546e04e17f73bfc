"""Regressions of what users found on the party pages: the post history's headers (职务 / 姓名,
not a homonym's words), the meeting's 参加人数, schools without an organisation have their own
words (not 不详), a meeting can be deleted (confirmed, audited, by its school's managers), a
三重一大 decision saved without a prior study warns, and the organisation's kind is not repeated."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party import services
from youjun.web.apps.party.models import Decision, Meeting
from youjun.web.apps.platform.models import AuditEvent, School

DAY = dt.date(2024, 9, 1)


def client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = "zh"
    return c


def _orgs(w: PWorld) -> None:
    a = w.base.a
    root = services.create_organisation(None, a, name="区教育工委", kind="committee", founded=DAY)
    services.create_organisation(None, a, name="一校党委", kind="committee", founded=DAY, school=w.wf.a1, parent=root)
    services.appoint(None, post="secretary", person="孙书记", start=DAY, school=w.wf.a1)
    services.appoint(None, post="principal", person="钱校长", start=DAY, school=w.wf.a1)


def test_the_post_history_and_the_meeting_form_use_the_right_words(pworld: PWorld) -> None:
    _orgs(pworld)
    page = client(pworld, "officer").get(reverse("party:school", args=[pworld.wf.a1.code])).content.decode()
    table = page[page.index('data-testid="holdings-table"'):]
    table = table[:table.index("</thead>")]
    assert "<th>职务</th><th>姓名</th>" in table, table
    assert "编制" not in page and "名称" not in table
    form = page[page.index('data-testid="appoint-form"'):]
    form = form[:form.index("</form>")]
    assert "职务" in form and "姓名" in form and "编制" not in form
    meeting = page[page.index('data-testid="meeting-form"'):]
    assert "参加人数" in meeting[:meeting.index("</form>")] and "参加人员" not in page


def test_schools_without_an_organisation_have_their_own_words(pworld: PWorld) -> None:
    _orgs(pworld)
    point = School.objects.filter(district=pworld.base.a).exclude(pk__in=[pworld.wf.a1.pk]).order_by("code").last()
    assert point is not None
    point.school_type = "teaching_point"
    point.save(update_fields=["school_type"])
    url = reverse("party:compliance", args=[pworld.base.a.code])
    page = client(pworld, "bureau").get(url, {"show": "no_org"}).content.decode()
    rows = page.split('data-testid="compliance-row"')[1:]
    assert rows and all("不详" not in r and "不使用" not in r for r in rows)
    assert all('data-status="no_org"' in r or 'data-status="parent_org"' in r for r in
               page.split("<tr")[1:] if 'data-testid="compliance-row"' in r)
    assert "未建党组织" in page and "由上级党组织管理" in page
    # the school with both posts recorded keeps its words; its organisation's kind is not repeated
    full = client(pworld, "bureau").get(url).content.decode()
    row = next(r for r in full.split("<tr")[1:] if pworld.wf.a1.name in r)
    assert "分设" in row and row.count("党委") == 1, row
    school_page = client(pworld, "bureau").get(reverse("party:school", args=[point.code])).content.decode()
    assert "由上级党组织管理" in school_page and "不详" not in school_page and "不使用" not in school_page


def _meeting(w: PWorld) -> Meeting:
    return services.record_meeting(None, w.wf.a1, kind="party_meeting", title="测试会议", held_on=DAY,
                                   decisions=[("试一试", "", False)])


def test_a_meeting_is_deleted_with_a_confirmation_by_its_managers(pworld: PWorld) -> None:
    _orgs(pworld)
    m = _meeting(pworld)
    url = reverse("party:meeting_delete", args=[pworld.wf.a1.code, m.pk])
    page = client(pworld, "officer").get(reverse("party:school", args=[pworld.wf.a1.code])).content.decode()
    assert url in page
    assert url not in client(pworld, "analyst").get(reverse("party:school", args=[pworld.wf.a1.code])).content.decode()
    # no confirmation: nothing deleted
    r = client(pworld, "officer").post(url, {})
    assert r.status_code == 400 and Meeting.objects.filter(pk=m.pk).exists()
    # readers may not; another school's officer does not see it; wrong school in the URL 404
    assert client(pworld, "analyst").post(url, {"confirm": "on"}).status_code == 403
    assert client(pworld, "officer2").post(url, {"confirm": "on"}).status_code == 404
    wrong = reverse("party:meeting_delete", args=[pworld.wf.a2.code, m.pk])
    assert client(pworld, "bureau").post(wrong, {"confirm": "on"}).status_code == 404
    r = client(pworld, "officer").post(url, {"confirm": "on"})
    assert r.status_code == 302
    assert not Meeting.objects.filter(pk=m.pk).exists() and not Decision.objects.filter(meeting_id=m.pk).exists()
    ev = AuditEvent.objects.get(action="party_meeting_delete")
    assert ev.school_id == pworld.wf.a1.pk and "测试会议" in str(ev.before)
    page = client(pworld, "officer").get(reverse("party:school", args=[pworld.wf.a1.code])).content.decode()
    assert "测试会议" not in page


def test_a_major_decision_without_prior_study_warns_when_saved(pworld: PWorld) -> None:
    _orgs(pworld)
    c = client(pworld, "officer")
    r = c.post(reverse("party:meeting", args=[pworld.wf.a1.code]), {
        "kind": "principal_meeting", "title": "校长办公会", "held_on": dt.date.today().isoformat(),
        "decision_1": "采购教学设备 80 万元", "major_1": "large_funds"}, follow=True)
    page = r.content.decode()
    assert "该决策属于“三重一大”事项，未经党组织前置研究" in page
    assert 'data-testid="lacks-prior"' in page
    r = c.post(reverse("party:meeting", args=[pworld.wf.a1.code]), {
        "kind": "principal_meeting", "title": "校长办公会二", "held_on": dt.date.today().isoformat(),
        "decision_1": "聘任主任", "major_1": "cadre_appointment", "prior_1": "on"}, follow=True)
    assert "未经党组织前置研究" not in r.content.decode()


def test_a_meeting_and_its_decisions_are_corrected(pworld: PWorld) -> None:
    _orgs(pworld)
    m = services.record_meeting(None, pworld.wf.a1, kind="principal_meeting", title="校长办公会（错）", held_on=DAY,
                                attendees=9, decisions=[("采购设备", "large_funds", False), ("调整作息", "", False)])
    url = reverse("party:meeting_edit", args=[pworld.wf.a1.code, m.pk])
    school_url = reverse("party:school", args=[pworld.wf.a1.code])
    assert url in client(pworld, "officer").get(school_url).content.decode()
    assert url not in client(pworld, "analyst").get(school_url).content.decode()
    assert client(pworld, "analyst").get(url).status_code == 403
    assert client(pworld, "officer2").get(url).status_code == 404
    form = client(pworld, "officer").get(url).content.decode()
    assert 'value="校长办公会（错）"' in form and 'value="采购设备"' in form and "参加人数" in form
    r = client(pworld, "officer").post(url, {
        "kind": "principal_meeting", "title": "校长办公会", "held_on": "2024-09-02", "attendees": "11",
        "decision_1": "采购设备", "major_1": "large_funds", "prior_1": "on", "decision_2": ""})
    assert r.status_code == 302
    m.refresh_from_db()
    assert (m.title, m.held_on, m.attendees) == ("校长办公会", dt.date(2024, 9, 2), 11)
    assert [(d.text, d.major, d.prior_study) for d in m.decisions.all()] == [("采购设备", "large_funds", True)]
    ev = AuditEvent.objects.get(action="party_meeting_edit")
    assert "校长办公会（错）" in str(ev.before) and "调整作息" in str(ev.before)
    page = client(pworld, "officer").get(school_url).content.decode()
    assert 'data-testid="lacks-prior"' not in page and "调整作息" not in page
    # nothing left: refused, nothing changed
    r = client(pworld, "officer").post(url, {"kind": "principal_meeting", "title": "空", "held_on": "2024-09-02"})
    assert r.status_code == 400 and "E1267" in r.content.decode()
    m.refresh_from_db()
    assert m.title == "校长办公会"


def test_the_compliance_date_box_shows_the_day_counted(pworld: PWorld) -> None:
    """Seen on the demo's screenshot: the page counted on today while its date box was empty."""
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    c = Client()
    c.force_login(pworld.user("bureau"))
    page = c.get(reverse("party:compliance", args=[pworld.base.a.code])).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page


def test_a_teaching_point_is_not_counted_as_a_school_without_an_organisation(pworld: PWorld) -> None:
    _orgs(pworld)
    url = reverse("party:compliance", args=[pworld.base.a.code])

    def card(page: str) -> str:
        at = page.index('data-testid="count-no-org"')
        return page[at:page.index("</a>", at)]

    before = card(client(pworld, "bureau").get(url).content.decode())
    point = School.objects.filter(district=pworld.base.a).exclude(pk__in=[pworld.wf.a1.pk]).order_by("code").last()
    assert point is not None
    point.school_type = "teaching_point"
    point.save(update_fields=["school_type"])
    page = client(pworld, "bureau").get(url).content.decode()
    after = card(page)
    n_before = int(before.split("<strong>")[1].split("&nbsp;")[0].replace(",", ""))
    n_after = int(after.split("<strong>")[1].split("&nbsp;")[0].replace(",", ""))
    points = School.objects.filter(district=pworld.base.a, school_type="teaching_point").count()
    assert n_after == n_before - 1 and f"另有 {points} 个教学点由上级党组织管理" in after
    listed = client(pworld, "bureau").get(url, {"show": "no_org"}).content.decode()
    assert point.name not in listed.split('data-testid="compliance-table"')[1]
