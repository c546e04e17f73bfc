"""Log-in slips a family can tell apart and type in: each slip names its child by the masked
name, the class and the end of the 学籍号 (longer where masked names collide in the batch); the
log-in address is the site's public one; passwords have no look-alike characters; a class's
passwords re-issued at once, after a confirmation, audited."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.web.evaluation.eworld import YEAR, EWorld
from youjun.web.apps.platform.models import AuditEvent, User
from youjun.web.apps.pupils import accounts, services
from youjun.web.apps.pupils.services import RosterRow

SLIP = re.compile(r'data-testid="slip".*?data-testid="slip-pupil">(.*?)</p>.*?'
                  r'data-testid="slip-username">([^<]+)</kbd>.*?data-testid="slip-password">([^<]+)</kbd>', re.S)
LOOK_ALIKE = set("lI1O0")


def officer(ew: EWorld) -> Client:
    c = Client()
    c.force_login(ew.user("officer"))
    return c


def _add(ew: EWorld, rows: list[tuple[str, str]]) -> None:
    services.upsert_roster(ew.a1, YEAR, [
        RosterRow(student_id=sid, name=name, sex="female", grade=3, class_number=1, class_name="3年级1班",
                  birth_date=date(2016, 3, 1), ethnic_code="01") for sid, name in rows], None)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_slips_tell_apart_pupils_whose_masked_names_collide(eworld: EWorld) -> None:
    # 李小红 (…020022, in the world) and 李大红 (…120022): same masked name, same last 4 and 5
    _add(eworld, [("G500118201612120022", "李大红"), ("G500118201605050099", "张三丰")])
    r = officer(eworld).post(reverse("pupils:class_accounts", args=[eworld.classes["c1"].pk]), {"kind": "guardians"})
    assert r.status_code == 200
    slips = {_text(p): (u, pw) for p, u, pw in SLIP.findall(r.content.decode())}
    assert len(slips) == 3, slips
    pupils = sorted(slips)
    collide = [p for p in pupils if "李*红" in p]
    assert len(collide) == 2 and collide[0] != collide[1]
    assert any("020022" in p for p in collide) and any("120022" in p for p in collide)
    assert "李大红" not in r.content.decode() and "李小红" not in r.content.decode()
    # a slip without a collision shows the last 4 characters only
    [single] = [p for p in pupils if "张*丰" in p]
    assert "0099" in single and "50099" not in single


def test_slip_ends_unit() -> None:
    ends = accounts.id_ends([("A", "1", "G500118201602020022"), ("A", "1", "G500118201612120022"),
                             ("A", "1", "G500118201605050099"), ("B", "1", "G500118201705050022")])
    assert ends == ["020022", "120022", "0099", "0022"]


def test_initial_passwords_have_no_look_alikes_and_no_final_punctuation() -> None:
    for _ in range(300):
        pw = accounts.new_password()
        assert len(pw) >= 16 and not (LOOK_ALIKE & set(pw)), pw
        assert pw[-1].isalnum(), pw


@override_settings(YOUJUN_PUBLIC_URL="https://jiaoyu.example.cn/youjun/")
def test_slips_show_the_public_address(eworld: EWorld) -> None:
    r = officer(eworld).post(reverse("pupils:class_accounts", args=[eworld.classes["c1"].pk]), {"kind": "guardians"})
    body = r.content.decode()
    assert "https://jiaoyu.example.cn/youjun/login/" in body and "testserver" not in body


def test_slips_fall_back_to_the_request_host(eworld: EWorld) -> None:
    r = officer(eworld).post(reverse("pupils:class_accounts", args=[eworld.classes["c1"].pk]), {"kind": "guardians"})
    assert "http://testserver/login/" in r.content.decode()


def test_reissue_for_the_whole_class_needs_a_confirmation_and_is_audited(eworld: EWorld) -> None:
    c = officer(eworld)
    c1 = eworld.classes["c1"]
    url = reverse("pupils:class_accounts", args=[c1.pk])
    c.post(url, {"kind": "guardians"})  # p2 gets a parent's account; p1 has one ("parent")
    page = c.get(url + "?reissue=guardians").content.decode()
    assert 'data-testid="reissue-confirm"' in page
    parent = User.objects.get(username="parent")
    before = parent.password
    # without the confirmation nothing changes
    r = c.post(url, {"kind": "reissue_guardians"})
    assert r.status_code == 400 and not SLIP.findall(r.content.decode())
    parent.refresh_from_db()
    assert parent.password == before
    r = c.post(url, {"kind": "reissue_guardians", "confirm": "1"})
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    slips = SLIP.findall(r.content.decode())
    assert len(slips) == 2
    for _pupil, username, password in slips:
        user = User.objects.get(username=username)
        assert user.check_password(password) and user.must_change_password
        assert not (LOOK_ALIKE & set(password))
    event = AuditEvent.objects.get(action="pupils_class_reissue")
    assert event.school == eworld.a1 and event.after["count"] == 2
    assert not AuditEvent.objects.filter(after__icontains=slips[0][2]).exists()


@pytest.mark.parametrize("kind", ["reissue_pupils"])
def test_reissue_of_pupils_own_accounts(eworld: EWorld, kind: str) -> None:
    c = officer(eworld)
    r = c.post(reverse("pupils:class_accounts", args=[eworld.classes["c1"].pk]), {"kind": kind, "confirm": "1"})
    [(pupil, username, password)] = SLIP.findall(r.content.decode())  # p1's own account ("pupil")
    assert username == "pupil" and User.objects.get(username="pupil").check_password(password)
    assert "0011" in _text(pupil)


def test_single_reissue_slip_names_the_id_end(eworld: EWorld) -> None:
    r = officer(eworld).post(reverse("pupils:pupil_reissue", args=[eworld.pupils["p1"].pk]),
                             {"user": eworld.user("parent").pk})
    [(pupil, _u, password)] = SLIP.findall(r.content.decode())
    assert "0011" in _text(pupil) and not (LOOK_ALIKE & set(password))
