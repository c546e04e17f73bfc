"""The comprehensive quality evaluation's demo, on a school's existing pupils and classes.

``seed(school, year)`` (the lead calls it from the platform demo) uses the school's first two
classes of ``year`` with at least two pupils each:

- the first class: records across the five dimensions for its first pupils, the current term
  published about two weeks before ``today`` and closed, the pupils with records confirmed
  (the rest have none and stay unconfirmed), the first one signed by their guardian (locked);
- the second class: records before today, the term's window open today, a guardian's objection;
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

from youjun.core import quality as rules
from youjun.web.apps.platform import audit
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils import services as pupil_services
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Enrolment, Guardian, Pupil
from youjun.web.apps.quality import services
from youjun.web.apps.quality.models import Record, TermRecord

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


def _spread(first: dt.date, last: dt.date, k: int, n: int) -> dt.date:
    """The ``k``-th of ``n`` days spread from ``first`` to ``last``."""
    span = max((last - first).days, 0)
    return first + dt.timedelta(days=span * k // max(n - 1, 1))


def _at(day: dt.date, minute: int) -> dt.datetime:
    """A local evening time of ``day`` (when families enter records)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(19, 0)) + dt.timedelta(minutes=minute))


def seed(school: School, year: str, *, password: str = DEMO_PASSWORD, today: dt.date | None = None) -> SeedResult:
    """One story at ``today`` (default: the real date), in the term ``today`` falls in: records
    entered on the days they took place, all before their class's publication opened; the first
    class published about two weeks ago, closed, its pupils with records confirmed and one signed
    (locked); the second class's window open today with a guardian's objection. A term that began
    less than three weeks ago has no room for the first class's closed window: it is then
    published today like the second (nothing is dated in the future)."""
    result = SeedResult()
    if Record.objects.filter(pupil__school=school, school_year=year).exists():
        return result  # seeded before: a second run adds nothing (and a locked archive cannot change)
    classes = [c for c in ClassGroup.objects.filter(school=school, school_year=year).order_by("grade", "number")
               if Enrolment.objects.filter(class_group=c).count() >= 2][:2]
    if not classes:
        return result
    real = today or timezone.localdate()
    term_year, term = rules.school_year_and_term(real)
    if term_year != year:
        term = 2 if term_year > year else 1
    first_day, last_day = rules.term_bounds(year, term)
    now = min(max(real, first_day), last_day)
    closed_opens = now - dt.timedelta(days=14)
    if closed_opens - first_day < dt.timedelta(days=7):
        closed_opens = now
    shared = _photo((30, 120, 200))
    for n, class_group in enumerate(classes):
        result.classes.append(class_group)
        head = _head(class_group, password, result)
        opens = closed_opens if n == 0 else now
        last_record = max(first_day, opens - dt.timedelta(days=1))
        pupils = services.class_pupils(class_group)[:4]
        for i, pupil in enumerate(pupils):
            family = _guardian(pupil, password, result)
            made = []
            for j, (dim, kind, title, hours, by) in enumerate(RECORDS):
                day = _spread(first_day, last_record, j * len(pupils) + i, len(RECORDS) * len(pupils))
                reused = n == 0 and i < 2 and j == 3  # the same photo on two pupils' records
                files = [(shared if reused else _photo((10 * i + 120 * n, 20 * j, 90)), "photo.jpg")]
                rec = services.add_record(family if by == "family" else head, pupil, school_year=year, term=term,
                                          dimension=dim, kind=kind, title=title, day=day, hours=hours or None,
                                          files=files if by == "family" else [], now=day)
                # entered on the day it took place (the demo's clock; the audit keeps the real time)
                Record.objects.filter(pk=rec.pk).update(entered_at=_at(day, j))
                made.append(rec.pk)
                result.records += 1
            services.select_records(family, pupil, year, term, made)
            Record.objects.filter(pk__in=made).update(selected_at=_at(last_record, 30))
        pub = services.open_publication(head, class_group, term, start=opens)
        if n == 0 and pub.closes_on < now:
            after = pub.closes_on + dt.timedelta(days=1)
            for i, pupil in enumerate(pupils):
                row = services.confirm(head, class_group, pupil, term, now=after)
                TermRecord.objects.filter(pk=row.pk).update(confirmed_at=_at(after, -600))
                if i == 0:
                    services.sign(_guardian(pupil, password, result), pupil, year, term)
                    signed = min(after + dt.timedelta(days=1), now)
                    TermRecord.objects.filter(pk=row.pk).update(signed_at=_at(signed, 0))
                    result.locked += 1
        elif n == 1:
            target = pupils[1]
            rec = target.quality_records.filter(school_year=year, term=term, kind="practice").first()
            services.raise_objection(_guardian(pupils[0], password, result), pub, target, rec,
                                     "打卡记录与实际情况不符，请核实。", now=now)
            result.objections += 1
    audit.record(None, "quality_demo", school, school=school,
                 after={"school_year": year, "records": result.records, "locked": result.locked,
                        "objections": result.objections})
    return result


__all__: list[Any] = ["DEMO_PASSWORD", "SeedResult", "seed"]
