"""The comprehensive quality evaluation's demo, on a school's existing pupils and classes.

``seed(school, year)`` (the lead calls it from the platform demo) uses the school's first two
classes of ``year`` with at least two pupils each:

- the first class: records across the five dimensions for its first pupils, term 1 published
  and closed, every pupil confirmed, the first one signed by their guardian (a locked archive);
- the second class: term 1 published and open today, with a guardian's objection waiting;
- the same photo attached to records of two pupils (a reuse flag for the head teacher).

Missing head teachers and guardians get demo accounts (password ``password``, default
``DEMO_PASSWORD``); every write goes through ``services`` and is audited.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from PIL import Image

from youjun.web.apps.platform import audit
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils import services as pupil_services
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Enrolment, Guardian, Pupil
from youjun.web.apps.quality import services
from youjun.web.apps.quality.models import Record

DEMO_PASSWORD = "youjun-demo-2025"
RECORDS = (  # dimension, kind, title, hours, by (family/teacher)
    ("moral", "volunteer", "社区文明劝导志愿服务", "3", "family"),
    ("academic", "research", "家乡水质小调查（研究性学习）", "", "family"),
    ("health", "activity", "校运会 200 米第二名", "", "family"),
    ("arts", "arts", "校合唱团年度展演", "", "family"),
    ("practice", "practice", "家务劳动打卡一个月", "20", "family"),
    ("academic", "course_result", "数学单元学习表现良好", "", "teacher"),
    ("moral", "teacher_comment", "乐于助人，主动承担班级事务", "", "teacher"),
)


@dataclass
class SeedResult:
    classes: list[ClassGroup] = field(default_factory=list)
    records: int = 0
    locked: int = 0
    objections: int = 0
    accounts: list[str] = field(default_factory=list)


def _photo(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="JPEG")
    return out.getvalue()


def _head(class_group: ClassGroup, password: str, result: SeedResult) -> User:
    row = (ClassTeacher.objects.filter(class_group=class_group, kind=ClassTeacher.Kind.HEAD)
           .select_related("user").first())
    if row is not None:
        return row.user
    username = f"qdemo-{class_group.school.code}-{class_group.grade}-{class_group.number}"
    user = User.objects.filter(username=username).first() or platform_services.create_user(
        None, username, password, full_name=f"{class_group}班主任")
    pupil_services.assign_teacher(class_group, user, None, kind=ClassTeacher.Kind.HEAD)
    result.accounts.append(username)
    return user


def _guardian(pupil: Pupil, password: str, result: SeedResult) -> User:
    row = Guardian.objects.filter(pupil=pupil).select_related("user").first()
    if row is not None:
        return row.user
    username = f"qdemo-parent-{pupil.pk}"
    user = User.objects.filter(username=username).first() or platform_services.create_user(
        None, username, password, full_name=f"{pupil.name[:1]}家长")
    pupil_services.add_guardian(pupil, user, None, relation="家长")
    result.accounts.append(username)
    return user


def seed(school: School, year: str, *, password: str = DEMO_PASSWORD, today: dt.date | None = None) -> SeedResult:
    result = SeedResult()
    if Record.objects.filter(pupil__school=school, school_year=year).exists():
        return result  # seeded before: a second run adds nothing (and a locked archive cannot change)
    classes = [c for c in ClassGroup.objects.filter(school=school, school_year=year).order_by("grade", "number")
               if Enrolment.objects.filter(class_group=c).count() >= 2][:2]
    if not classes:
        return result
    start = dt.date(int(year[:4]), 9, 1)
    now = today or timezone.localdate()
    first_day = start + dt.timedelta(days=1)
    last_day = min(now, dt.date(int(year[:4]) + 1, 1, 20))
    shared = _photo((30, 120, 200))
    for n, class_group in enumerate(classes):
        result.classes.append(class_group)
        head = _head(class_group, password, result)
        pupils = services.class_pupils(class_group)[:4]
        for i, pupil in enumerate(pupils):
            family = _guardian(pupil, password, result)
            made = []
            for j, (dim, kind, title, hours, by) in enumerate(RECORDS):
                day = min(first_day + dt.timedelta(days=3 * j + i), last_day)
                reused = n == 0 and i < 2 and j == 3  # the same photo on two pupils' records
                files = [(shared if reused else _photo((10 * i + 120 * n, 20 * j, 90)), "photo.jpg")]
                rec = services.add_record(family if by == "family" else head, pupil, school_year=year, term=1,
                                          dimension=dim, kind=kind, title=title, day=day, hours=hours or None,
                                          files=files if by == "family" else [], now=last_day)
                made.append(rec.pk)
                result.records += 1
            services.select_records(family, pupil, year, 1, made)
        if n == 0:
            opens = first_day
            pub = services.open_publication(head, class_group, 1, start=opens)
            after = pub.closes_on + dt.timedelta(days=1)
            for i, pupil in enumerate(services.class_pupils(class_group)):
                services.confirm(head, class_group, pupil, 1, now=after)
                if i == 0:
                    services.sign(_guardian(pupil, password, result), pupil, year, 1)
                    result.locked += 1
        else:
            pub = services.open_publication(head, class_group, 1, start=now)
            target = pupils[1]
            rec = target.quality_records.filter(school_year=year, term=1, kind="practice").first()
            services.raise_objection(_guardian(pupils[0], password, result), pub, target, rec,
                                     "打卡记录与实际情况不符，请核实。", now=now)
            result.objections += 1
    audit.record(None, "quality_demo", school, school=school,
                 after={"school_year": year, "records": result.records, "locked": result.locked,
                        "objections": result.objections})
    return result


__all__: list[Any] = ["DEMO_PASSWORD", "SeedResult", "seed"]
