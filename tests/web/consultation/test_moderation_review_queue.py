"""The staff's moderation queue through the real page: hidden and reported concerns of the
staff's body with their reports; keep, hide, block the raiser for N days. Audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation.models import Concern, Event, ModerationReport, ResidentProfile
from youjun.web.apps.platform.models import AuditEvent

URL = "/consult/b/rongchang/moderation/"


def _client(cw: CWorld, name: str) -> Client:
    c = Client()
    c.force_login(cw.users[name])
    return c


def _reported(cw: CWorld, n: int = 3, hidden: bool = True, **fields: Any) -> Concern:
    c = cw.concern(**fields)
    for i, name in enumerate(("res_b", "c_member", "c_edu")[:n]):
        ModerationReport.objects.create(concern=c, reporter=cw.users[name], reason=f"含有他人电话{i}",
                                        at=timezone.now())
    Concern.objects.filter(pk=c.pk).update(report_count=n, hidden=hidden)
    c.refresh_from_db()
    return c


def test_the_queue_lists_hidden_and_reported_concerns_of_the_body_only(cworld: CWorld) -> None:
    hidden = _reported(cworld, title="被自动隐藏的议题")
    reported = _reported(cworld, 1, hidden=False, title="被举报一次的议题")
    cworld.concern(title="没有举报的议题")
    page = _client(cworld, "c_staff").get(URL).content.decode()
    assert "被自动隐藏的议题" in page and "被举报一次的议题" in page and "没有举报的议题" not in page
    assert "含有他人电话0" in page and "举报 3 次" in page
    assert hidden.number in page and reported.number in page
    assert _client(cworld, "c_staff_nj").get(URL).status_code == 404
    assert _client(cworld, "c_member").get(URL).status_code == 404
    assert "没有待审核的内容" in _client(cworld, "c_staff_nj").get("/consult/b/neijiang/moderation/").content.decode()


def test_keep_shows_it_again_and_resolves_its_reports(cworld: CWorld) -> None:
    c = _reported(cworld)
    r = _client(cworld, "c_staff").post(URL, {"concern": c.pk, "action": "keep"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert not c.hidden and c.report_count == 0
    assert set(c.reports.values_list("resolution", flat=True)) == {"kept"}
    assert c.reports.filter(resolved_at=None).count() == 0
    assert Event.objects.filter(concern=c, action="moderate_keep", public=False).count() == 1
    assert AuditEvent.objects.filter(action="consultation_moderate_keep", object_id=str(c.pk)).count() == 1
    assert c.number not in _client(cworld, "c_staff").get(URL).content.decode()  # reviewed: off the queue


def test_hide_keeps_it_hidden_and_resolves_its_reports(cworld: CWorld) -> None:
    c = _reported(cworld, 1, hidden=False)
    r = _client(cworld, "c_staff").post(URL, {"concern": c.pk, "action": "hide", "note": "含个人信息"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.hidden and set(c.reports.values_list("resolution", flat=True)) == {"hidden"}
    assert AuditEvent.objects.filter(action="consultation_moderate_hide", object_id=str(c.pk)).count() == 1
    assert "已隐藏" in _client(cworld, "c_staff").get(URL).content.decode()  # hidden stays listed for review


def test_block_sets_blocked_until_n_days_ahead(cworld: CWorld) -> None:
    c = _reported(cworld)
    staff = _client(cworld, "c_staff")
    r = staff.post(URL, {"concern": c.pk, "action": "block", "days": "0"})
    assert r.status_code == 400 and "E909" in r.content.decode()
    assert not ResidentProfile.objects.filter(user=cworld.users["res_a"], blocked_until__isnull=False).exists()
    r = staff.post(URL, {"concern": c.pk, "action": "block", "days": "7", "note": "多次发布他人电话"})
    assert r.status_code == 302
    profile = ResidentProfile.objects.get(user=cworld.users["res_a"])
    assert profile.blocked_until is not None
    left = profile.blocked_until - timezone.now()
    assert dt.timedelta(days=6, hours=23) < left <= dt.timedelta(days=7)
    c.refresh_from_db()
    assert c.hidden and c.reports.filter(resolved_at=None).count() == 0
    audit = AuditEvent.objects.get(action="consultation_moderate_block")
    assert audit.after["days"] == 7 and audit.after["concern"] == c.number


def test_a_concern_recorded_for_someone_cannot_have_its_raiser_blocked(cworld: CWorld) -> None:
    c = _reported(cworld, user="c_member", on_behalf=True, consent_noted=True, raiser_name="赵大爷", channel="visit")
    page = _client(cworld, "c_staff").get(URL).content.decode()
    assert "赵大爷" not in page
    r = _client(cworld, "c_staff").post(URL, {"concern": c.pk, "action": "block", "days": "7"})
    assert r.status_code == 400 and "E909" in r.content.decode() and "没有账号" in r.content.decode()
    assert not ResidentProfile.objects.exists()
    r = _client(cworld, "c_staff").post(URL, {"concern": 999999, "action": "keep"})
    assert r.status_code == 400 and "E909" in r.content.decode()
