"""Issue 15 leftovers of party work: a post can be left vacant without a successor. The bureau or
the school's officer ends a holding on a day; from the next day the post reads 空缺 on the school's
page and in the compliance view, which counts the school as 不详 (its posts are not known to be
split or combined); the end is audited and named in words in the history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party import selectors, services
from youjun.web.apps.party.models import PostHolding
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.errors import Refused

DAY = dt.date(2024, 9, 1)


def client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = "zh"
    return c


def _posts(w: PWorld) -> tuple[PostHolding, PostHolding]:
    a = w.base.a
    root = services.create_organisation(None, a, name="区教育工委", kind="committee", founded=DAY)
    services.create_organisation(None, a, name="一校党委", kind="committee", founded=DAY, school=w.wf.a1, parent=root)
    sec = services.appoint(None, post="secretary", person="孙书记", start=DAY, school=w.wf.a1)
    pri = services.appoint(None, post="principal", person="钱校长", start=DAY, school=w.wf.a1)
    return sec, pri


def test_an_ended_post_is_vacant_from_the_next_day(pworld: PWorld) -> None:
    w = pworld
    sec, _pri = _posts(w)
    end = timezone.localdate() - dt.timedelta(days=10)
    services.end_holding(w.user("officer"), sec, end=end)
    sec.refresh_from_db()
    assert sec.end == end
    on_end = selectors.posts_on(w.base.a, end, [w.wf.a1])[0]
    assert on_end.secretary is not None and on_end.status == "split"
    after = selectors.posts_on(w.base.a, end + dt.timedelta(days=1), [w.wf.a1])[0]
    assert after.secretary is None and after.vacant == {"secretary"} and after.status == "unknown"
    ev = AuditEvent.objects.filter(action="party_end_holding").get()
    assert ev.after["party_end"] == end.isoformat()


def test_the_school_page_and_the_compliance_view_show_the_vacancy(pworld: PWorld) -> None:
    w = pworld
    _sec, pri = _posts(w)
    end = timezone.localdate() - dt.timedelta(days=3)
    r = client(w, "officer").post(reverse("party:end_holding", args=[w.wf.a1.code]),
                                  {"holding": str(pri.pk), "end": end.isoformat()})
    assert r.status_code == 302, r.content.decode()[:2000]
    page = client(w, "officer").get(reverse("party:school", args=[w.wf.a1.code])).content.decode()
    principal = page[page.index('data-testid="party-principal"'):]
    assert principal[:principal.index("</dd>")].count("空缺") == 1
    bureau = client(w, "bureau")
    page = bureau.get(reverse("party:compliance", args=[w.base.a.code])).content.decode()
    row = page[page.index(w.wf.a1.name):]
    row = row[:row.index("</tr>")]
    assert "空缺" in row and "不详" in row
    page = bureau.get(reverse("party:compliance", args=[w.base.a.code]) + "?show=unknown").content.decode()
    assert w.wf.a1.name in page
    page = bureau.get("/history/").content.decode()
    part = page[page.index('data-action="party_end_holding"'):]
    part = part[part.index('data-testid="history-changes"'):part.index("</tr>")]
    assert "任职结束日期" in part and "party_end" not in part and "party_post_principal" not in part


def test_a_successor_fills_the_vacancy(pworld: PWorld) -> None:
    w = pworld
    sec, _pri = _posts(w)
    end = timezone.localdate() - dt.timedelta(days=10)
    services.end_holding(None, sec, end=end)
    services.appoint(None, post="secretary", person="周书记", start=end + dt.timedelta(days=5), school=w.wf.a1)
    now = selectors.posts_on(w.base.a, timezone.localdate(), [w.wf.a1])[0]
    assert now.secretary is not None and now.secretary.person == "周书记" and not now.vacant


@pytest.mark.parametrize("case", ["before_start", "future", "already_ended"])
def test_a_wrong_end_is_refused(pworld: PWorld, case: str) -> None:
    w = pworld
    sec, _pri = _posts(w)
    end = {"before_start": DAY - dt.timedelta(days=1), "future": timezone.localdate() + dt.timedelta(days=3),
           "already_ended": timezone.localdate() - dt.timedelta(days=2)}[case]
    if case == "already_ended":
        services.end_holding(None, sec, end=end - dt.timedelta(days=5))
    with pytest.raises(Refused) as exc:
        services.end_holding(None, sec, end=end)
    assert exc.value.problems[0]["code"] in ("E1254", "E1269")


def test_only_the_school_s_managers_end_a_holding(pworld: PWorld) -> None:
    w = pworld
    sec, _pri = _posts(w)
    end = timezone.localdate().isoformat()
    url = reverse("party:end_holding", args=[w.wf.a1.code])
    assert client(w, "analyst").post(url, {"holding": str(sec.pk), "end": end}).status_code == 403
    assert client(w, "officer2").post(url, {"holding": str(sec.pk), "end": end}).status_code == 404
    other = services.appoint(None, post="principal", person="李校长", start=DAY, school=w.wf.a2)
    r = client(w, "officer").post(url, {"holding": str(other.pk), "end": end})  # not of this school
    assert r.status_code == 404
    sec.refresh_from_db()
    other.refresh_from_db()
    assert sec.end is None and other.end is None
