"""What a resident on a phone found: the next step of each state and what the days count, 附议
(me too), the rating form's error banner and summary, the 登录/注册 link, and the first event of
the timeline in words."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.world import PASSWORD
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern, Event, Supporter
from youjun.web.apps.platform.models import AuditEvent


def _client(user: str | None = None, lang: str = "zh") -> Client:
    c = Client()
    c.cookies["youjun_language"] = lang
    if user:
        assert c.login(username=user, password=PASSWORD)
    return c


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_my_concerns_and_my_item_say_what_happens_next_and_what_the_days_count(cworld: CWorld) -> None:
    raised = cworld.concern()
    assigned = cworld.concern(title="操场积水", category="education")
    services.assign(cworld.users["c_staff"], assigned, cworld.edu)
    assigned.refresh_from_db()
    c = _client("res_a")
    mine = _text(c.get("/consult/mine/").content.decode())
    assert "政协工作人员将决定是否选题，或与相同的议题合并" in mine
    due = assigned.due_on
    assert f"承办部门须在答复期限（{due.year}年{due.month}月{due.day}日）前答复" in mine
    assert "今天提出" in mine and "open 0 days" not in mine
    Concern.objects.filter(pk=raised.pk).update(created_at=raised.created_at - dt.timedelta(days=3))
    mine = _text(c.get("/consult/mine/").content.decode())
    assert "已提出 3 天" in mine
    item = _text(c.get(f"/consult/item/{assigned.pk}/").content.decode())
    assert f"承办部门须在答复期限（{due.year}年{due.month}月{due.day}日）前答复" in item
    en = _text(_client("res_a", "en").get(f"/consult/item/{raised.pk}/").content.decode())
    assert "The committee staff will decide whether to take it up" in en


def test_a_resident_supports_someone_elses_open_concern_once(cworld: CWorld) -> None:
    concern = cworld.concern()
    url = f"/consult/c/{concern.number}/support/"
    anon = _client()
    page = anon.get(f"/consult/c/{concern.number}/").content.decode()
    assert "登录后附议" in page
    b = _client("res_b")
    assert 'data-testid="support-submit"' in b.get(f"/consult/c/{concern.number}/").content.decode()
    r = b.post(url)
    assert r.status_code == 302
    assert Supporter.objects.filter(concern=concern, user=cworld.users["res_b"]).count() == 1
    assert AuditEvent.objects.filter(action="consultation_support").count() == 1
    ev = Event.objects.get(concern=concern, action="support")
    assert ev.public is False
    r = b.post(url)  # a second time: refused, nothing added
    assert r.status_code == 400 and "E889" in r.content.decode()
    assert Supporter.objects.filter(concern=concern).count() == 1
    shown = _text(anon.get(f"/consult/c/{concern.number}/").content.decode())
    assert "1 人附议" in shown and "res_b" not in shown
    own = _client("res_a").post(url)  # the raiser cannot support their own
    assert own.status_code == 400 and Supporter.objects.filter(concern=concern).count() == 1
    assert anon.post(url).status_code == 302  # to the login page
    assert Supporter.objects.filter(concern=concern).count() == 1


def test_the_rating_form_shows_its_error_at_the_top_and_at_the_field(cworld: CWorld) -> None:
    concern = cworld.concern()
    services.assign(cworld.users["c_staff"], concern, cworld.town)
    services.answer(cworld.users["c_town"], concern, "路灯已修复。")
    c = _client("res_a")
    r = c.post(f"/consult/item/{concern.pk}/", {"fixed": "fixed"})
    html = r.content.decode()
    assert r.status_code == 400
    banner = re.search(r'data-testid="rate-errors".*?</div>', html, re.S)
    assert banner and 'href="#id_satisfaction_0"' in banner.group(0)
    assert html.index('data-testid="rate-errors"') < html.index('data-testid="rate-form"')
    assert 'data-testid="error-satisfaction"' in html
    services.rate(cworld.users["res_a"], concern, satisfaction="satisfied", fixed="fixed")
    own = _text(c.get(f"/consult/item/{concern.pk}/").content.decode())
    assert "提出人最新评价：满意（计入满意率） · 已解决" in own  # the counted rating, as on the public page


def test_anonymous_visitors_see_a_login_link_in_the_section_nav(cworld: CWorld) -> None:
    html = _client().get("/consult/").content.decode()
    nav = re.search(r'data-testid="c-nav".*?</nav>', html, re.S)
    assert nav and 'data-testid="c-nav-login"' in nav.group(0) and "登录/注册" in _text(nav.group(0)).replace(" ", "")
    assert "/login/?next=%2Fconsult%2F" in nav.group(0) and "/consult/register/?next=%2Fconsult%2F" in nav.group(0)
    signed = _client("res_a").get("/consult/").content.decode()
    nav = re.search(r'data-testid="c-nav".*?</nav>', signed, re.S)
    assert nav and "c-nav-login" not in nav.group(0)


def test_the_first_event_reads_raised_by_the_resident(cworld: CWorld) -> None:
    concern = cworld.concern()
    zh = _text(_client().get(f"/consult/c/{concern.number}/").content.decode())
    assert "群众提出" in zh and "提出 · 提出人" not in zh and "提出 → 已提出" not in zh
    en = _text(_client(lang="en").get(f"/consult/c/{concern.number}/").content.decode())
    assert "Raised by the resident" in en and "Raised → Raised" not in en
