"""The training ledger's demo at the sources' scale (Yongchuan: 10,000+ training person-times a
year through national, municipal, district, area and school levels).

``seed(district, *, today, rng)`` builds, for the district's active teachers, six years of
courses (the last full cycle and this one so far): every year a national online course most
teachers take (网络研修, capped by the LOCAL rule), municipal, district and 片区 on-site courses
for a share of them, and each school's yearly school-based training (校本研修). Teachers differ
in how regularly they attend, so some end a cycle short of 360 hours (about 20,000 person-times a
year for 9,300 teachers). The bureau funds the
municipal, district and area courses (costs in yuan). Everything is written with ``bulk_create``
and recorded as one audit event.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.training.models import Attendance, Course, TrainingSession

YEARS = 6  # the last full cycle (five years) and this year
BATCH = 5_000
AREAS = ("东片区", "西片区", "南片区", "北片区", "中片区")
# (level, hour type, name, organiser, hours, share of teachers, funded, cost per person in yuan)
COURSES = (
    ("national", "online", "国家智慧教育平台教师全员网络研修", "教育部", 60, None, False, 0),
    ("national", "onsite", "“国培计划”骨干教师示范培训", "教育部", 80, 0.01, False, 0),
    ("municipal", "onsite", "重庆市中小学骨干教师培训", "重庆市教育委员会", 40, 0.03, True, 900),
    ("municipal", "online", "市级学科教学能力提升网络研修", "重庆市教育委员会", 30, 0.05, True, 120),
    ("district", "onsite", "新课标与大单元教学设计研修", "区教师进修学校", 24, 0.08, True, 300),
    ("district", "onsite", "班主任专业能力提升培训", "区教师发展中心", 16, 0.05, True, 260),
    ("district", "onsite", "新入职教师规范化培训", "区教师进修学校", 48, 0.02, True, 500),
    ("district", "online", "信息技术应用能力提升工程2.0", "区教师发展中心", 50, 0.04, True, 80),
)
AREA_HOURS, AREA_SHARE, AREA_COST = 12, 0.03, 150
SCHOOL_HOURS = 36  # a school year's school-based training, credited once a year


def _day(rng: random.Random, year: int, today: dt.date) -> dt.date:
    last = min(dt.date(year, 12, 20), today - dt.timedelta(days=1))
    first = dt.date(year, 2, 20)
    span = max((last - first).days, 0)
    return first + dt.timedelta(days=rng.randint(0, span))


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    teachers = list(Teacher.objects.filter(district=district, active=True).values_list("pk", "school_id"))
    schools = list(School.objects.filter(district=district).order_by("code"))
    if not teachers or not schools:
        return {"courses": 0, "sessions": 0, "attendance": 0}
    # how regularly each teacher attends: most nearly always, some often miss
    regular = {pk: (0.95 if rng.random() < 0.85 else 0.55) for pk, _school in teachers}
    by_school: dict[int, list[int]] = {}
    for pk, school_id in teachers:
        if school_id is not None:
            by_school.setdefault(school_id, []).append(pk)
    plans: list[tuple[Course, list[tuple[dt.date, dt.date, int, School | None, list[int]]]]] = []
    for year in range(today.year - YEARS + 1, today.year + 1):
        for level, hour_type, name, organiser, hours, share, funded, per_person in COURSES:
            takers = ([pk for pk, _s in teachers if rng.random() < regular[pk]] if share is None
                      else rng.sample([pk for pk, _s in teachers], max(1, int(len(teachers) * share))))
            course = Course(district=district, name=f"{year}年{name}", level=level, hour_type=hour_type,
                            organiser=organiser, funded=funded, year=year,
                            cost_yuan=Decimal(per_person * len(takers)) if funded else Decimal(0))
            start = _day(rng, year, today)
            end = start + dt.timedelta(days=max(hours // 8 - 1, 0))
            plans.append((course, [(start, min(end, today), hours, None, takers)]))
        for area in AREAS:
            takers = rng.sample([pk for pk, _s in teachers], max(1, int(len(teachers) * AREA_SHARE)))
            host = rng.choice(schools)
            course = Course(district=district, name=f"{year}年{area}联合教研", level="area", hour_type="onsite",
                            organiser=f"{area}教研共同体", funded=True, year=year,
                            cost_yuan=Decimal(AREA_COST * len(takers)))
            start = _day(rng, year, today)
            plans.append((course, [(start, start, AREA_HOURS, host, takers)]))
        for school in schools:
            staff = [pk for pk in by_school.get(school.pk, []) if rng.random() < regular[pk]]
            if not staff:
                continue
            course = Course(district=district, school=school, name=f"{year}年校本研修", level="school",
                            hour_type="school_based", organiser=school.name, year=year)
            end = min(dt.date(year, 12, 31), today - dt.timedelta(days=1))
            plans.append((course, [(dt.date(year, 1, 1), end, SCHOOL_HOURS, school, staff)]))
    with transaction.atomic():
        Course.objects.bulk_create([c for c, _s in plans], batch_size=BATCH)
        sessions = [TrainingSession(course=c, start=start, end=end, hours=Decimal(hours), host_school=host,
                                    place=(host.name if host else
                                           "区教师进修学校" if c.hour_type == "onsite" else "线上"))
                    for c, specs in plans for start, end, hours, host, _t in specs]
        TrainingSession.objects.bulk_create(sessions, batch_size=BATCH)
        attendance: list[Attendance] = []
        made = 0
        k = 0
        for c, specs in plans:
            for _start, end, hours, _host, takers in specs:
                session = sessions[k]
                k += 1
                for pk in takers:
                    passed = rng.random() > 0.02
                    attendance.append(Attendance(session=session, teacher_id=pk, hours=Decimal(hours), passed=passed,
                                                 day=end, hour_type=c.hour_type))
                if len(attendance) >= BATCH:
                    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
                    made += len(attendance)
                    attendance = []
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        made += len(attendance)
        last_year = sum(len(t) for c, specs in plans if c.year == today.year for *_x, t in specs)
        result = {"courses": len(plans), "sessions": len(sessions), "attendance": made,
                  "person_times_this_year": last_year}
        audit.record(None, "workforce_training_import", district, district=district,
                     after={"rows": made, "count": len(plans)})
    return result
