"""Demo data of good habits: the example catalogue (a local example, 23 habits) as a school's
habits (started four weeks ago, active to the end of the term) and four weeks of check-ins of
its pupils of one school year, with realistic gaps (each pupil keeps habits to their own degree,
some habits are harder, weekends are weaker), a few reviews of family check-ins (most
confirmed, some questioned) and praise notes.

``seed(school, year)`` works on the pupils already enrolled (the pupils app's demo makes them);
it is deterministic for a school and a day; a second run adds no check-ins to a window that has some.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from youjun.core import habits as rules
from youjun.web.apps.habits import clock
from youjun.web.apps.habits.models import CheckIn, Habit, Praise
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Enrolment, Guardian

DAYS = 28
CST = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai
EASE = {"rise": 0.92, "arrive": 0.97, "break": 0.93, "lunch": 0.9, "leave": 0.88, "evening": 0.8, "bedtime": 0.78}
HARD = {"screen-time": 0.65, "rope-skip": 0.72, "read-30": 0.8, "sleep-early": 0.75}
PRAISES = ("连续一周主动整理书包，值得表扬。", "午餐光盘，还帮同学收拾餐盘。", "课间轻声慢步，给低年级同学做了榜样。",
           "坚持每天阅读，读书笔记写得认真。", "值日特别认真，教室地面很干净。")
QUESTIONS = ("当天没有交阅读记录，请家长核实。", "跳绳视频没有上传，请补充。", "孩子说当天没有完成，请再确认。")


def _window(year: str, today: dt.date) -> tuple[dt.date, dt.date]:
    first, last = rules.term_dates(year, 1)[0], rules.term_dates(year, 2)[1]
    end = min(max(today, first), last)
    return max(first, end - dt.timedelta(days=DAYS - 1)), end


@transaction.atomic
def seed(school: School, year: str, *, actor: User | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """Habits and four weeks of check-ins for ``school``'s pupils of ``year`` ("2025-2026")."""
    today = today or clock.today()
    start, end = _window(year, today)
    now = clock.now()
    term_end = rules.term_dates(*rules.term_of(end))[1]
    rng = random.Random(f"{school.code}-{year}-{end.isoformat()}")
    have = {h.example: h for h in Habit.objects.filter(school=school).exclude(example="")}
    for h in rules.example_catalogue(start):
        if h["code"] in have or Habit.objects.filter(school=school, name=h["zh"]).exists():
            continue
        have[h["code"]] = Habit.objects.create(
            school=school, name=h["zh"], target=h["target_zh"], dimension=h["dimension"], slot=h["slot"],
            grades=list(h["grades"]), frequency=h["frequency"], weekdays=list(h.get("weekdays") or []),
            checkers=list(h["checkers"]), starts_on=start, ends_on=term_end, example=h["code"])
    habits = [h for h in have.values() if h.active]
    weekdays = rules.checkin_rules(start).school_weekdays
    guardians = dict(Guardian.objects.filter(pupil__school=school).values_list("pupil_id", "user_id"))
    users = {u.pk: u for u in User.objects.filter(pk__in=set(guardians.values()))}
    seeded = CheckIn.objects.filter(pupil__school=school, day__gte=start, day__lte=end).exists()
    rows: list[CheckIn] = []
    praises: list[Praise] = []
    classes = ClassGroup.objects.filter(school=school, school_year=year).order_by("grade", "number")
    for c in ([] if seeded else classes):  # a second run keeps the check-ins of the first
        head = (ClassTeacher.objects.filter(class_group=c).order_by("kind").select_related("user").first())
        teacher = head.user if head else None
        pupils = [e.pupil for e in Enrolment.objects.filter(class_group=c).select_related("pupil")]
        for p in pupils:
            diligence = rng.uniform(0.55, 1.0)
            absent = {start + dt.timedelta(days=rng.randrange(DAYS))} if rng.random() < 0.3 else set()
            for h in habits:
                for d in h.schedule().due_days(c.grade, start, end, weekdays):
                    if d in absent:
                        continue
                    chance = diligence * EASE.get(h.slot, 0.85) * HARD.get(h.example, 1.0)
                    if d.weekday() >= 5:
                        chance *= 0.85
                    if d == end:  # today: the evening habits are not all ticked yet
                        chance *= 0.6
                    if rng.random() > chance:
                        continue
                    at = dt.datetime.combine(d, dt.time(7 + 2 * EASE_ORDER.get(h.slot, 3), rng.randrange(60)),
                                             tzinfo=CST)
                    if at > now:  # later today: not done yet (a check-in is never stamped in the future)
                        continue
                    if "teacher" in h.checkers and h.slot in ("arrive", "break", "lunch"):
                        by, role = teacher, "teacher"
                    elif "parent" in h.checkers and p.pk in guardians and rng.random() < 0.7:
                        by, role = users.get(guardians[p.pk]), "parent"
                    elif "pupil" in h.checkers:
                        by, role = p.user, "pupil"
                    elif "parent" in h.checkers:
                        by, role = users.get(guardians.get(p.pk, 0)), "parent"
                    else:
                        by, role = teacher, "teacher"
                    row = CheckIn(habit=h, pupil=p, day=d, by=by, by_role=role, at=at)
                    if role != "teacher" and d < end - dt.timedelta(days=2):
                        roll = rng.random()
                        if roll < 0.03:
                            row.review, row.review_comment = "questioned", rng.choice(QUESTIONS)
                        elif roll < 0.6:
                            row.review = "confirmed"
                        if row.review:
                            row.reviewed_by, row.reviewed_at = teacher, at + dt.timedelta(days=1)
                    rows.append(row)
        for p in rng.sample(pupils, k=min(len(pupils), 3)):
            d = start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))  # before today
            praises.append(Praise(pupil=p, class_group=c, day=d, text=rng.choice(PRAISES), by=teacher,
                                  at=dt.datetime.combine(d, dt.time(16, 30), tzinfo=CST)))
    CheckIn.objects.bulk_create(rows, batch_size=2000)
    Praise.objects.bulk_create(praises, batch_size=500)
    counts = {"habits": len(habits), "checkins": len(rows), "praises": len(praises), "classes": classes.count(),
              "starts_on": start, "ends_on": end}
    audit.record(actor, "habits_demo", school, after=counts)
    return counts


EASE_ORDER = {"rise": 0, "arrive": 0, "break": 1, "lunch": 2, "leave": 4, "evening": 6, "bedtime": 7}
