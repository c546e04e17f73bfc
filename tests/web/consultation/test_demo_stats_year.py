"""The statistics page opens on the latest year that has records (not an empty current year),
says so, and keeps the year selector; a year asked for is shown as asked."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation.models import Concern, Meeting

TZ = ZoneInfo("Asia/Shanghai")


def _page(url: str) -> str:
    c = Client()
    c.cookies["youjun_language"] = "zh"
    r = c.get(url)
    assert r.status_code == 200
    return r.content.decode()


def _last_year_only(cw: CWorld) -> int:
    """Records in last year only (as in the demo database a year on)."""
    last = timezone.localdate().year - 1
    c = cw.concern()
    Concern.objects.filter(pk=c.pk).update(created_at=dt.datetime(last, 6, 1, 10, tzinfo=TZ))
    Meeting.objects.create(body=cw.rc, venue="courtyard", title="路灯协商", held_on=dt.date(last, 6, 20),
                           place="昌元街道")
    return last


def test_the_page_opens_on_the_latest_year_with_records_and_says_so(cworld: CWorld) -> None:
    last = _last_year_only(cworld)
    page = _page("/consult/stats/")
    assert f"协商统计 · {last}" in page or f"· {last}</h1>" in page
    assert f"默认显示有记录的最近年份{last}年" in page
    assert f'<option value="{last}" selected>' in page
    assert f'<option value="{last + 1}">' in page  # the selector still offers this year
    # the figures are last year's, not zeros
    assert 'data-testid="stat-activities"' in page
    assert "1 次" in page
    # the same, per body
    page = _page("/consult/stats/?body=rongchang")
    assert f"默认显示有记录的最近年份{last}年" in page


def test_a_year_asked_for_is_shown_without_the_note(cworld: CWorld) -> None:
    last = _last_year_only(cworld)
    page = _page(f"/consult/stats/?year={last + 1}")
    assert f'<option value="{last + 1}" selected>' in page and "默认显示" not in page


def test_with_records_this_year_the_page_opens_on_this_year(cworld: CWorld) -> None:
    cworld.concern()
    this = timezone.localdate().year
    page = _page("/consult/stats/")
    assert f'<option value="{this}" selected>' in page and "默认显示" not in page


def test_a_body_without_records_opens_on_this_year(cworld: CWorld) -> None:
    _last_year_only(cworld)
    this = timezone.localdate().year
    page = _page("/consult/stats/?body=neijiang")
    assert f'<option value="{this}" selected>' in page and "默认显示" not in page
