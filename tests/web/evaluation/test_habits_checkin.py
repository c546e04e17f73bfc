"""Check-ins through the pages: a parent ticks a habit of their child (once: a second tick is not a
second record), the day window on both sides, habits not due or not theirs are refused with the
catalogue's words, a teacher ticks the class grid; the head teacher reviews; the trend and the
term summary are recomputed here from the stored rows."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.habits_fixtures import TODAY, habits_of, today_fixture  # noqa: F401
from youjun.web.apps.habits import selectors, services
from youjun.web.apps.habits.models import CheckIn, Praise
from youjun.web.apps.platform.models import AuditEvent


def client(ew: EWorld, role: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(ew.user(role))
    c.cookies["youjun_language"] = lang
    return c


def test_a_parent_ticks_a_habit_once(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1 = eworld.pupils["p1"]
    c = client(eworld, "parent")
    page = c.get(f"/habits/p/{p1.pk}/").content.decode()
    assert "课外阅读" in page and "进校问好" in page  # both due today (a Wednesday); greet is the teacher's
    assert "五年级跳绳" not in page and "值日劳动" not in page  # grade 5 / Fridays only
    r = c.post(f"/habits/p/{p1.pk}/", {"habit": h["read"].pk, "day": TODAY.isoformat(), "note": "读了《草房子》"})
    assert r.status_code == 302
    r = c.post(f"/habits/p/{p1.pk}/", {"habit": h["read"].pk, "day": TODAY.isoformat(), "note": "again"})
    assert r.status_code == 302
    rows = CheckIn.objects.filter(pupil=p1, habit=h["read"])
    assert rows.count() == 1
    row = rows.get()
    # the second tick is no second record; its note is added to the first one's (test_habits_walk_fixes)
    assert (row.day, row.by_role, row.by, row.note) == (TODAY, "parent", eworld.user("parent"), "读了《草房子》；again")
    assert AuditEvent.objects.filter(action="habits_checkin").count() == 1
    page = c.get(f"/habits/p/{p1.pk}/").content.decode()
    assert "完成 1 / 2 项" in page.replace("\n", "") or "1 / 2" in page
    assert "家长" in page and "读了《草房子》" in page


def test_the_day_window_on_both_sides(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1 = eworld.pupils["p1"]
    c = client(eworld, "pupil")
    tomorrow = c.post(f"/habits/p/{p1.pk}/", {"habit": h["read"].pk, "day": "2025-11-13"})
    assert tomorrow.status_code == 422
    assert "2025年11月13日还没有到，不能提前打卡" in tomorrow.content.decode()
    old = client(eworld, "pupil", "en").post(f"/habits/p/{p1.pk}/", {"habit": h["read"].pk, "day": "2025-11-08"})
    assert old.status_code == 422
    assert "8 November 2025 is more than 3 days ago" in old.content.decode()
    assert "E1111" in old.content.decode()
    ok = c.post(f"/habits/p/{p1.pk}/", {"habit": h["read"].pk, "day": "2025-11-09"})  # 3 days back: allowed
    assert ok.status_code == 302
    assert list(CheckIn.objects.values_list("day", "by_role")) == [(dt.date(2025, 11, 9), "pupil")]


def test_not_due_and_not_theirs_are_refused(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1 = eworld.pupils["p1"]
    c = client(eworld, "parent")
    r = c.post(f"/habits/p/{p1.pk}/", {"habit": h["greet"].pk, "day": TODAY.isoformat()})
    assert r.status_code == 422 and "“进校问好”只能由老师打卡" in r.content.decode()
    r = c.post(f"/habits/p/{p1.pk}/", {"habit": h["g5"].pk, "day": TODAY.isoformat()})
    assert r.status_code == 422 and "不适用于3年级" in r.content.decode()
    teacher = client(eworld, "teacher")
    r = teacher.post(f"/habits/p/{p1.pk}/", {"habit": h["duty"].pk, "day": TODAY.isoformat()})  # not a Friday
    assert r.status_code == 422 and "E1112" in r.content.decode()
    assert not CheckIn.objects.exists()


def test_the_teacher_ticks_the_class_grid(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    c1 = eworld.classes["c1"]
    p1, p2 = eworld.pupils["p1"], eworld.pupils["p2"]
    teacher = client(eworld, "teacher")
    grid = teacher.get(f"/habits/c/{c1.pk}/").content.decode()
    assert "进校问好" in grid and "课外阅读" not in grid  # school-time habits only
    r = teacher.post(f"/habits/c/{c1.pk}/", {"day": TODAY.isoformat(), "cell": [f"{h['greet'].pk}:{p1.pk}"]})
    assert r.status_code == 302
    r = teacher.post(f"/habits/c/{c1.pk}/", {"day": TODAY.isoformat(), "all": str(h["greet"].pk)})
    assert r.status_code == 302 and r["Location"].endswith("made=1")  # p1's tick stays the one
    assert set(CheckIn.objects.values_list("pupil_id", "by_role")) == {(p1.pk, "teacher"), (p2.pk, "teacher")}
    r = teacher.post(f"/habits/c/{c1.pk}/", {"day": "2025-11-13", "all": str(h["greet"].pk)})
    assert r.status_code == 422 and CheckIn.objects.count() == 2
    assert client(eworld, "analyst").post(f"/habits/c/{c1.pk}/", {"all": str(h["greet"].pk)}).status_code == 403


def test_the_head_teacher_reviews_family_check_ins(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1, p2 = eworld.pupils["p1"], eworld.pupils["p2"]
    c1 = eworld.classes["c1"]
    row, _ = services.check_in(p1, h["read"], TODAY, eworld.user("parent"), "parent", today=TODAY)
    teacher = client(eworld, "teacher")
    page = teacher.get(f"/habits/c/{c1.pk}/review/").content.decode()
    assert "李小红" in page  # p2 has not checked in
    assert "未审核" in page
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "review", "checkin": row.pk, "state": "questioned",
                                                     "comment": ""})
    assert r.status_code == 422 and "存疑" in r.content.decode() and "E1114" in r.content.decode()
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "review", "checkin": row.pk, "state": "questioned",
                                                     "comment": "当天没有交阅读记录"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert (row.review, row.review_comment, row.reviewed_by) == ("questioned", "当天没有交阅读记录",
                                                                  eworld.user("teacher"))
    parent_page = client(eworld, "parent").get(f"/habits/p/{p1.pk}/").content.decode()
    assert "当天没有交阅读记录" in parent_page and "老师存疑" in parent_page
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "praise", "pupil": p2.pk, "text": "主动帮同学整理书包"})
    assert r.status_code == 302 and Praise.objects.get().pupil == p2
    assert "主动帮同学整理书包" in teacher.get(f"/habits/c/{c1.pk}/review/").content.decode()
    teacher_row, _ = services.check_in(p2, h["greet"], TODAY, eworld.user("teacher"), "teacher", today=TODAY)
    r = teacher.post(f"/habits/c/{c1.pk}/review/", {"action": "review", "checkin": teacher_row.pk,
                                                     "state": "confirmed"})
    assert r.status_code == 422 and "E1120" in r.content.decode()
    assert client(eworld, "teacher2").get(f"/habits/c/{c1.pk}/review/").status_code == 404


def test_trend_and_summary_numbers_are_the_stored_rows(eworld: EWorld, today: dt.date) -> None:
    h = habits_of(eworld)
    p1, p2 = eworld.pupils["p1"], eworld.pupils["p2"]
    c1 = eworld.classes["c1"]
    start = dt.date(2025, 11, 3)  # the window of two weeks: Mon 3 to yesterday (Tue 11); today apart
    read_days = [dt.date(2025, 11, d) for d in (9, 10, 11, 12)]
    for d in read_days:
        services.check_in(p1, h["read"], d, None, "parent", today=TODAY)
    services.check_in(p2, h["read"], TODAY, None, "pupil", today=TODAY)
    q, _ = services.check_in(p2, h["read"], dt.date(2025, 11, 11), None, "pupil", today=TODAY)
    services.review_checkin(q, "questioned", "没有记录", None)
    services.check_in(p1, h["greet"], TODAY, None, "teacher", today=TODAY)
    t = selectors.class_tally(c1, start, TODAY)
    # recomputed from the rows: due = pupils × due days up to yesterday, done = check-ins not questioned
    days = (TODAY - start).days
    school_days = sum(1 for i in range(days) if (start + dt.timedelta(days=i)).weekday() < 5)
    fridays = sum(1 for i in range(days) if (start + dt.timedelta(days=i)).weekday() == 4)
    counted = [c for c in CheckIn.objects.filter(pupil__in=[p1, p2], day__lt=TODAY) if c.review != "questioned"]
    assert t.by_habit[h["read"].pk].due == 2 * days
    assert t.by_habit[h["read"].pk].done == sum(1 for c in counted if c.habit == h["read"]) == 3
    assert t.by_habit[h["greet"].pk].due == 2 * school_days
    assert t.by_habit[h["duty"].pk].due == 2 * fridays
    assert t.total.due == 2 * (days + school_days + fridays) and t.total.done == len(counted) == 3
    assert t.today is not None and (t.today.due, t.today.done) == (2 + 2, 3)  # today so far, apart
    assert t.by_pupil[p1.pk].best_current == 4 and t.by_pupil[p1.pk].best_current_habit == "课外阅读"
    page = client(eworld, "teacher").get(f"/habits/c/{c1.pk}/trend/?weeks=2").content.decode()
    rate = f"{100 * 3 / (2 * days):.1f}%"
    assert rate in page  # 课外阅读's rate, in the table and on its bar
    assert page.count("<svg") == 3
    assert "check-ins / due" not in page and "打卡数 ÷ 应打卡数" in page
    s = selectors.term_summary(p1, "2025-2026", 1, today=TODAY)
    read_due = (TODAY - dt.date(2025, 9, 1)).days
    assert (s.start, s.end, s.class_name) == (dt.date(2025, 9, 1), TODAY - dt.timedelta(days=1), "3年级1班")
    habit_rates = {r.name: (r.due, r.done) for r in s.habits}
    assert habit_rates["课外阅读"] == (read_due, 3)
    assert s.done == 3 and s.habits_kept == ()
    summary = client(eworld, "parent").get(f"/habits/p/{p1.pk}/summary/").content.decode()
    assert "学期小结" in summary or "习惯学期小结" in summary
    r = client(eworld, "teacher").post(f"/habits/p/{p1.pk}/summary/", {"year": "2025-2026", "term": "1",
                                                                       "comment": "阅读习惯正在养成。"})
    assert r.status_code == 302
    assert selectors.term_summary(p1, "2025-2026", 1, today=TODAY).comment == "阅读习惯正在养成。"
    assert client(eworld, "parent").post(f"/habits/p/{p1.pk}/summary/", {"comment": "x"}).status_code == 403


def test_the_school_defines_habits_and_loads_the_example(eworld: EWorld, today: dt.date) -> None:
    officer = client(eworld, "officer")
    r = officer.post(f"/habits/s/{eworld.a1.code}/new/", {
        "name": "午睡", "target": "午休时安静休息", "dimension": "life", "slot": "lunch", "grades": ["1", "2"],
        "frequency": "weekly", "checkers": ["teacher"], "starts_on": "2025-09-01", "ends_on": "2026-01-31",
        "active": "on"})
    assert r.status_code == 422 and "每周打卡的习惯至少选择一天" in r.content.decode()
    r = officer.post(f"/habits/s/{eworld.a1.code}/examples/")
    assert r.status_code == 302
    page = officer.get(f"/habits/s/{eworld.a1.code}/").content.decode()
    assert "按时起床" in page and "睡前刷牙" in page and "本地规则" in page
    again = officer.post(f"/habits/s/{eworld.a1.code}/examples/")
    assert again.status_code == 302
    from youjun.web.apps.habits.models import Habit

    assert Habit.objects.filter(school=eworld.a1).count() == 23  # loading twice adds nothing
    assert client(eworld, "analyst").post(f"/habits/s/{eworld.a1.code}/examples/").status_code == 403
