"""Reports: one per person, audited; at the body's threshold the concern is hidden pending
review (a non-public event, staff notified) and vanishes from every public page; blocked
residents can neither raise nor report, and are told until when."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from tests.web.world import PASSWORD
from youjun.web.apps.consultation import moderation, services
from youjun.web.apps.consultation.models import Concern, Event, ModerationReport, Notification, ResidentProfile
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import AuditEvent


def _client(cw: CWorld, name: str) -> Client:
    c = Client()
    c.force_login(cw.users[name])
    return c


def test_three_reports_hide_the_concern_from_public_pages(cworld: CWorld) -> None:
    concern = cworld.concern("res_a")
    number = concern.number
    reporters = ["res_b", "c_edu", "c_member_nj"]
    for i, name in enumerate(reporters):
        r = _client(cworld, name).post(f"/consult/c/{number}/report/", {"reason": "abuse", "detail": "骂人"})
        assert r.status_code == 302, r.content.decode()[:500]
        concern.refresh_from_db()
        assert concern.hidden == (i == 2)
    assert ModerationReport.objects.filter(concern=concern).count() == 3
    assert ModerationReport.objects.first().reason == "辱骂、攻击他人：骂人"
    assert AuditEvent.objects.filter(action="consultation_report", object_id=str(concern.pk)).count() == 3
    assert AuditEvent.objects.filter(action="consultation_hide", object_id=str(concern.pk)).count() == 1
    hidden = Event.objects.get(concern=concern, action="hidden_pending_review")
    assert hidden.public is False
    assert Notification.objects.filter(user=cworld.users["c_staff"], concern=concern,
                                       kind="hidden_pending_review").count() == 1
    assert not Notification.objects.filter(user=cworld.users["c_member"], kind="hidden_pending_review").exists()
    anon = Client()
    assert anon.get(f"/consult/c/{number}/").status_code == 404
    assert number not in anon.get("/consult/").content.decode()
    assert 'data-testid="c-row"' not in anon.get(f"/consult/?q={number}").content.decode()
    # the raiser still opens it, marked as hidden; the public timeline never showed the step
    own = _client(cworld, "res_a").get(f"/consult/item/{concern.pk}/").content.decode()
    assert "已隐藏，待审核" in own


def test_one_report_per_person(cworld: CWorld) -> None:
    concern = cworld.concern()
    c = _client(cworld, "res_b")
    assert c.post(f"/consult/c/{concern.number}/report/", {"reason": "false"}).status_code == 302
    again = c.post(f"/consult/c/{concern.number}/report/", {"reason": "false"})
    assert again.status_code == 400 and "E885" in again.content.decode() and "已经举报过" in again.content.decode()
    empty = _client(cworld, "res_a").post(f"/consult/c/{concern.number}/report/", {"reason": ""})
    assert empty.status_code == 400 and "E888" in empty.content.decode()
    assert ModerationReport.objects.filter(concern=concern).count() == 1
    concern.refresh_from_db()
    assert concern.report_count == 1 and not concern.hidden


def test_the_threshold_comes_from_the_body_settings(cworld: CWorld) -> None:
    cworld.rc.settings = {"publication": {"auto_hide_after_reports": 1}}
    cworld.rc.save()
    concern = cworld.concern()
    moderation.report(cworld.users["res_b"], concern, "含有个人信息")
    concern.refresh_from_db()
    assert concern.hidden


def test_a_blocked_resident_can_neither_raise_nor_report(cworld: CWorld) -> None:
    concern = cworld.concern()
    user = platform_services.create_user(None, "blocked_one", PASSWORD)
    until = timezone.now() + dt.timedelta(days=7)
    ResidentProfile.objects.create(user=user, blocked_until=until)
    c = Client()
    c.force_login(user)
    local = timezone.localtime(until)
    date_zh = f"{local.year}年{local.month}月{local.day}日"
    page = c.get("/consult/raise/").content.decode()
    assert "E884" in page and date_zh in page and 'data-testid="raise-form"' not in page
    r = c.post("/consult/raise/", {"body": cworld.rc.code, "title": "路灯坏了", "text": "路口的路灯坏了很久。",
                                   "category": "lighting", "town": "昌元街道"})
    assert r.status_code == 403 and Concern.objects.count() == 1
    r = c.post(f"/consult/c/{concern.number}/report/", {"reason": "abuse"})
    assert r.status_code == 400 and date_zh in r.content.decode()
    assert not ModerationReport.objects.exists()
    with pytest.raises(services.StepRefused):
        moderation.report(user, concern, "x")
    ResidentProfile.objects.filter(user=user).update(blocked_until=timezone.now() - dt.timedelta(minutes=1))
    assert c.post(f"/consult/c/{concern.number}/report/", {"reason": "abuse"}).status_code == 302
