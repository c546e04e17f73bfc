"""What the head teacher and the parent found walking the habits pages (W2): ids with a thousands
separator in forms, check-ins stamped later than now, today counted as a full day in the trends,
a second tick that lost its note and no way to take a tick back, 165 review items one by one,
a breadcrumb the parent may not open, codes in the history, and the term summary's period."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import translation

from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.habits_fixtures import NOW, TODAY, habits_of, today_fixture  # noqa: F401
from youjun.web.apps.habits import charts, clock, demo, selectors, services
from youjun.web.apps.habits.models import CheckIn, Habit, Praise
from youjun.web.apps.platform.models import AuditEvent

CST = dt.timezone(dt.timedelta(hours=8))
LOCALISED = re.compile(r'(?:value|id)="[a-z]?\d{1,3}(?:,\d{3})+')


def client(ew: EWorld, role: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(ew.user(role))
    c.cookies["youjun_language"] = lang
    return c


def big_habits(ew: EWorld) -> dict[str, Habit]:
    """The test habits with ids over 1,000 (as the demo's are)."""
    out = {}
    for key, h in habits_of(ew).items():
        Habit.objects.filter(pk=h.pk).update(id=h.pk + 2000)
        out[key] = Habit.objects.get(pk=h.pk + 2000)
    return out


def test_ids_over_a_thousand_go_through_the_forms(eworld: EWorld, today: dt.date) -> None:
    h = big_habits(eworld)
    p1, c1 = eworld.pupils["p1"], eworld.classes["c1"]
    parent = client(eworld, "parent")
    page = parent.get(f"/habits/p/{p1.pk}/").content.decode()
    assert not LOCALISED.findall(page)
    value = re.search(r'name="habit" value="([^"]+)"', page)
    assert value and value.group(1) == str(h["read"].pk)
    assert parent.post(f"/habits/p/{p1.pk}/", {"habit": value.group(1), "day": TODAY.isoformat()}).status_code == 302
    CheckIn.objects.filter(pupil=p1).update(id=139920)
    teacher = client(eworld, "teacher")
    for url in (f"/habits/c/{c1.pk}/", f"/habits/c/{c1.pk}/review/"):
        page = teacher.get(url).content.decode()
        assert not LOCALISED.findall(page), url
    review = teacher.get(f"/habits/c/{c1.pk}/review/").content.decode()
    assert 'name="checkin" value="139920"' in review
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "review", "checkin": "139920", "state": "confirmed"})
    assert r.status_code == 302 and CheckIn.objects.get(pk=139920).review == "confirmed"
    # a check-in that is not (or no longer) there: a Chinese page with the reason, never a bare word
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "review", "checkin": "139,921", "state": "confirmed"})
    body = r.content.decode()
    assert r.status_code == 422 and "E1121" in body and "<html" in body and "找不到这条打卡" in body


def test_no_check_in_is_stamped_later_than_now(eworld: EWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    now = dt.datetime(2025, 11, 12, 16, 28, tzinfo=CST)
    monkeypatch.setattr(clock, "today", lambda: now.date())
    monkeypatch.setattr(clock, "now", lambda: now)
    demo.seed(eworld.a1, "2025-2026")
    assert CheckIn.objects.filter(day=now.date()).exists()
    assert not CheckIn.objects.filter(at__gt=now).exists()
    assert not CheckIn.objects.filter(reviewed_at__gt=now).exists()
    assert not Praise.objects.filter(at__gt=now).exists()
    # the service stores the moment of the tick
    from tests.web.evaluation.habits_fixtures import habit

    row, _ = services.check_in(eworld.pupils["p1"], habit(eworld.a1, "测试阅读"), now.date(), None, "parent")
    assert row.at == now


def test_today_is_shown_apart_and_four_weeks_show_every_day(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1, p2, c1 = eworld.pupils["p1"], eworld.pupils["p2"], eworld.classes["c1"]
    services.check_in(p1, h["read"], TODAY, None, "parent", today=TODAY)
    services.check_in(p1, h["read"], TODAY - dt.timedelta(days=1), None, "parent", today=TODAY)
    start = TODAY - dt.timedelta(days=9)
    t = selectors.class_tally(c1, start, TODAY, TODAY)
    assert TODAY not in t.by_day and t.end == TODAY - dt.timedelta(days=1)
    assert t.by_habit[h["read"].pk].due == 2 * 9 and t.by_habit[h["read"].pk].done == 1
    assert t.today is not None and (t.today.due, t.today.done) == (2 + 2, 1)  # 2 habits × 2 pupils; one tick
    assert t.by_pupil[p1.pk].best_current == 2  # the streak still counts today's tick
    assert t.by_pupil[p2.pk].count.due == 9 + 7 + 1  # up to yesterday: 9 reading days, 7 school days, a Friday
    page = client(eworld, "teacher").get(f"/habits/c/{c1.pk}/trend/?weeks=4").content.decode()
    assert "今天（进行中）" in page
    table = page.split('data-testid="trend-days"')[1].split("</table>")[0]
    first = rules_week_start(TODAY) - dt.timedelta(weeks=3)
    assert table.count("<tr") - 1 == (TODAY - first).days + 1  # every day of the 4 weeks, and today apart
    s = selectors.term_summary(p1, "2025-2026", 1, today=TODAY)
    assert s.end == TODAY - dt.timedelta(days=1) and s.done == 1


def rules_week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def test_the_struggle_line_never_runs_through_a_value() -> None:
    with translation.override("zh-hans"):
        svg = str(charts.rate_chart([("一", 0.58), ("二", 0.597), ("三", 0.62), ("四", 1.0)], title="t",
                                    axis_title="a", threshold=0.6, threshold_label="l"))
    line = re.search(r'<line x1="([\d.]+)"[^>]*stroke-dasharray', svg)
    assert line
    xt = float(line.group(1))
    assert "一：58.0%" in svg and "一: " not in svg  # Chinese colons on a Chinese page
    labels = re.findall(r'<text x="([\d.]+)"([^>]*font-weight="bold"[^>]*)>([^<]+)</text>', svg)
    assert len(labels) == 4
    for x, attrs, text in labels:
        w = charts.text_width(text, charts.FONT)
        lo, hi = (float(x) - w, float(x)) if 'text-anchor="end"' in attrs else (float(x), float(x) + w)
        assert not lo - 2 <= xt <= hi + 2, text


def test_a_second_tick_says_so_keeps_its_note_and_a_tick_can_be_taken_back(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1, c1 = eworld.pupils["p1"], eworld.classes["c1"]
    parent = client(eworld, "parent")
    url = f"/habits/p/{p1.pk}/"
    parent.post(url, {"habit": h["read"].pk, "day": TODAY.isoformat(), "note": "第一次"})
    r = parent.post(url, {"habit": h["read"].pk, "day": TODAY.isoformat(), "note": "第二次点"}, follow=True)
    page = r.content.decode()
    assert "已于 19:30 打卡" in page
    row = CheckIn.objects.get(pupil=p1, habit=h["read"])
    assert "第一次" in row.note and "第二次点" in row.note
    # the family withdraws its own tick the same day (audited)
    r = client(eworld, "pupil").post(url, {"action": "withdraw", "checkin": row.pk, "day": TODAY.isoformat()})
    assert r.status_code == 302 and not CheckIn.objects.filter(pk=row.pk).exists()
    assert AuditEvent.objects.filter(action="habits_withdraw").count() == 1
    # not once the teacher reviewed it
    row, _ = services.check_in(p1, h["read"], TODAY, eworld.user("parent"), "parent", today=TODAY)
    services.review_checkin(row, "confirmed", "", eworld.user("teacher"))
    r = parent.post(url, {"action": "withdraw", "checkin": row.pk, "day": TODAY.isoformat()})
    assert r.status_code == 422 and "E1122" in r.content.decode() and CheckIn.objects.filter(pk=row.pk).exists()
    # a teacher undoes a class tick
    teacher = client(eworld, "teacher")
    teacher.post(f"/habits/c/{c1.pk}/", {"day": TODAY.isoformat(), "all": str(h["greet"].pk)})
    assert CheckIn.objects.filter(habit=h["greet"]).count() == 2
    grid = teacher.get(f"/habits/c/{c1.pk}/").content.decode()
    assert f'name="undo" value="{h["greet"].pk}:{p1.pk}"' in grid
    r = teacher.post(f"/habits/c/{c1.pk}/", {"day": TODAY.isoformat(), "undo": f"{h['greet'].pk}:{p1.pk}"})
    assert r.status_code == 302
    assert list(CheckIn.objects.filter(habit=h["greet"]).values_list("pupil_id", flat=True)) == [
        eworld.pupils["p2"].pk]
    assert AuditEvent.objects.filter(action="habits_undo").count() == 1
    assert 'name="undo"' not in parent.get(url).content.decode()


def test_confirm_all_with_a_confirmation_grouped_by_pupil(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1, p2, c1 = eworld.pupils["p1"], eworld.pupils["p2"], eworld.classes["c1"]
    rows = [services.check_in(p, h["read"], d, None, "parent" if p == p1 else "pupil", today=TODAY)[0]
            for p in (p1, p2) for d in (TODAY, TODAY - dt.timedelta(days=1))]
    teacher = client(eworld, "teacher")
    url = f"/habits/c/{c1.pk}/review/?span=week"
    page = teacher.get(url).content.decode()
    assert page.count('data-testid="review-pupil"') == 2  # grouped by pupil
    assert 'data-testid="review-all"' in page
    assert 'class="h-who"' in page
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "confirm_all", "day": TODAY.isoformat(),
                                                     "span": "week"})
    assert r.status_code == 200 and "确认这 4 条打卡" in r.content.decode()
    assert not CheckIn.objects.filter(review="confirmed").exists()  # asked first, nothing done yet
    ids = re.findall(r'name="ids" value="(\d+)"', r.content.decode())
    assert sorted(ids) == sorted(str(x.pk) for x in rows)
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "confirm_all", "sure": "1", "ids": ids,
                                                     "day": TODAY.isoformat(), "span": "week"})
    assert r.status_code == 302
    assert CheckIn.objects.filter(review="confirmed").count() == 4
    assert AuditEvent.objects.filter(action="habits_review_all").count() == 1


def test_the_parent_sees_only_links_they_may_open(eworld: EWorld, today: dt.date) -> None:
    habits_of(eworld)
    p1, c1 = eworld.pupils["p1"], eworld.classes["c1"]
    page = client(eworld, "parent").get(f"/habits/p/{p1.pk}/").content.decode()
    assert f'href="/pupils/c/{c1.pk}/"' not in page
    assert f'href="/pupils/c/{c1.pk}/"' in client(eworld, "teacher").get(f"/habits/p/{p1.pk}/").content.decode()


def test_history_of_a_tick_reads_in_words(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1 = eworld.pupils["p1"]
    parent = client(eworld, "parent")
    parent.post(f"/habits/p/{p1.pk}/", {"habit": h["read"].pk, "day": TODAY.isoformat()})
    page = parent.get("/history/").content.decode()
    assert '<span class="field">打卡人：</span><span class="after">家长</span>' in page
    assert '<span class="after">parent</span>' not in page
    assert "王*密" in page and "王秘密" not in page


def test_the_term_summary_says_when_the_habits_began(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    for x in h.values():
        x.starts_on = dt.date(2025, 10, 16)
        x.save()
    p1 = eworld.pupils["p1"]
    s = selectors.term_summary(p1, "2025-2026", 1, today=TODAY)
    assert s.counted_from == dt.date(2025, 10, 16)
    page = client(eworld, "parent").get(f"/habits/p/{p1.pk}/summary/").content.decode()
    assert "2025年10月16日" in page and "起" in page
    assert "班级较难坚持" not in page  # the class-level rule is the staff's
    assert '<span class="h-year">2025-2026</span>' in page
    assert "班级较难坚持" in client(eworld, "teacher").get(f"/habits/p/{p1.pk}/summary/").content.decode()
