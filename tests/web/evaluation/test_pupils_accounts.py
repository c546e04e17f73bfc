"""The data officer's accounts: teachers linked to classes (a new account, or an existing one),
parents' and pupils' accounts with log-in slips shown once, passwords never stored in clear, a
re-issue audited; the bureau's transfer within its district; a pupil leaving."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.web.evaluation.eworld import SECRET_ID, SECRET_NAME, EWorld
from youjun.web.apps.platform.models import AuditEvent, User
from youjun.web.apps.pupils.models import ClassTeacher, Guardian, Pupil

SLIP = re.compile(r'data-testid="slip-username">([^<]+)</kbd>.*?data-testid="slip-password">([^<]+)</kbd>', re.S)


def client(ew: EWorld, role: str) -> Client:
    c = Client()
    c.force_login(ew.user(role))
    return c


def test_guardian_slips_are_shown_once_and_passwords_not_stored(eworld: EWorld) -> None:
    c = client(eworld, "officer")
    c1 = eworld.classes["c1"]
    url = reverse("pupils:class_accounts", args=[c1.pk])
    r = c.post(url, {"kind": "guardians"})
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    body = r.content.decode()
    slips = SLIP.findall(body)
    assert len(slips) == 1  # p1 has a guardian already; p2 gets one
    username, password = slips[0]
    assert "李*红" in body and "李小红" not in body  # the pupil's name masked on the slip
    assert "/login/" in body
    user = User.objects.get(username=username)
    assert password not in user.password and user.check_password(password) and user.must_change_password
    assert Guardian.objects.filter(user=user, pupil=eworld.pupils["p2"]).exists()
    assert AuditEvent.objects.filter(action="pupils_guardian_accounts", school=eworld.a1).exists()
    assert not AuditEvent.objects.filter(after__icontains=password).exists()
    # shown once: the accounts page and a second run show no password
    again = c.get(url).content.decode()
    assert password not in again and username in again
    r = c.post(url, {"kind": "guardians"})
    assert SLIP.findall(r.content.decode()) == [] and 'data-testid="slips-none"' in r.content.decode()


def test_pupil_accounts_follow_the_local_grade_rule(eworld: EWorld) -> None:
    c = client(eworld, "officer")
    url = reverse("pupils:class_accounts", args=[eworld.classes["c2"].pk])  # grade 3: allowed
    assert "本地规则" in c.get(url).content.decode()
    slips = SLIP.findall(c.post(url, {"kind": "pupils"}).content.decode())
    assert len(slips) == 1
    p3 = Pupil.objects.get(pk=eworld.pupils["p3"].pk)
    assert p3.user is not None and p3.user.username == slips[0][0]


def test_pupil_accounts_refused_below_the_grade(eworld: EWorld, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from youjun.web.apps.pupils import accounts

    monkeypatch.setattr(accounts, "pupil_min_grade", lambda: 4)
    r = client(eworld, "officer").post(reverse("pupils:class_accounts", args=[eworld.classes["c2"].pk]),
                                       {"kind": "pupils"})
    assert r.status_code == 400 and "E1014" in r.content.decode()
    assert Pupil.objects.get(pk=eworld.pupils["p3"].pk).user is None


def test_reissue_is_audited_and_shown_once(eworld: EWorld) -> None:
    c = client(eworld, "officer")
    parent = eworld.user("parent")
    r = c.post(reverse("pupils:pupil_reissue", args=[eworld.pupils["p1"].pk]), {"user": parent.pk})
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    [(username, password)] = SLIP.findall(r.content.decode())
    parent.refresh_from_db()
    assert username == "parent" and parent.check_password(password) and parent.must_change_password
    assert AuditEvent.objects.filter(action="pupils_password_reissue", school=eworld.a1).exists()
    # another pupil's guardian is not re-issued through this pupil
    r = c.post(reverse("pupils:pupil_reissue", args=[eworld.pupils["p2"].pk]), {"user": parent.pk})
    assert r.status_code == 302
    parent.refresh_from_db()
    assert parent.check_password(password)


def test_teacher_new_account_and_existing(eworld: EWorld) -> None:
    c = client(eworld, "officer")
    c2 = eworld.classes["c2"]
    url = reverse("pupils:class_teachers", args=[c2.pk])
    r = c.post(url, {"how": "new", "full_name": "周老师", "username": "zhou-t", "kind": "subject", "subject": ""})
    assert r.status_code == 400 and "E1015" in r.content.decode()
    r = c.post(url, {"how": "new", "full_name": "周老师", "username": "zhou-t", "kind": "head", "subject": ""})
    [(username, password)] = SLIP.findall(r.content.decode())
    user = User.objects.get(username="zhou-t")
    assert username == "zhou-t" and user.check_password(password) and user.must_change_password
    assert ClassTeacher.objects.filter(user=user, class_group=c2, kind="head").exists()
    r = c.post(url, {"how": "new", "full_name": "周二", "username": "ZHOU-T", "kind": "head"})
    assert r.status_code == 400 and "E1011" in r.content.decode()
    r = c.post(url, {"how": "existing", "username": "teacher", "kind": "subject", "subject": "语文"})
    assert r.status_code == 302
    assert ClassTeacher.objects.filter(user=eworld.user("teacher"), class_group=c2, subject="语文").exists()
    r = c.post(url, {"how": "existing", "username": "parent", "kind": "subject", "subject": "语文"})
    assert r.status_code == 400 and "E1011" in r.content.decode()
    assert AuditEvent.objects.filter(action="pupils_teacher_account").count() == 1


def test_transfer_by_the_bureau_within_its_district(eworld: EWorld) -> None:
    p1 = eworld.pupils["p1"]
    url = reverse("pupils:pupil_transfer", args=[p1.pk])
    assert client(eworld, "officer").get(url).status_code == 403  # the school does not move pupils
    c = client(eworld, "bureau")
    page = c.get(url).content.decode()
    assert eworld.a2.code in page and eworld.b1.code not in page
    r = c.post(url, {"to_school": eworld.b1.code})  # another district: not offered, refused
    assert r.status_code == 400
    r = c.post(url, {"to_school": eworld.a2.code})
    assert r.status_code == 302
    assert Pupil.objects.get(pk=p1.pk).school == eworld.a2
    assert AuditEvent.objects.filter(action="pupils_transfer", school=eworld.a2).exists()
    # the new school's officer now manages the pupil and sees the full record number
    r = client(eworld, "officer2").get(reverse("pupils:pupil_manage", args=[p1.pk]))
    assert r.status_code == 200 and SECRET_ID in r.content.decode() and SECRET_NAME in r.content.decode()


def test_leaving_makes_the_pupil_inactive(eworld: EWorld) -> None:
    p3 = eworld.pupils["p3"]
    r = client(eworld, "officer").post(reverse("pupils:pupil_leave", args=[p3.pk]), {"reason": "graduated"})
    assert r.status_code == 302
    assert Pupil.objects.get(pk=p3.pk).active is False
    event = AuditEvent.objects.get(action="pupils_left")
    assert event.after == {"active": False, "graduated": True}
