"""The workforce demo at the sources' scale: a Yongchuan-sized district's teachers with their
careers, then each workforce area's own demo (training, studios, growth, appraisal, groups).

The sizes are the sources' (Yongchuan: 9,278 teachers, 713 new posts, 3,964 rotations of
principals and teachers); the dashboard counts the records made here and never reads these
numbers. The teachers are the district's stored workbook rows (a ``youjun sample S`` district has
about 9,100), topped up with copies of its rows at the same schools when the workbook has fewer.
Everything is written with ``bulk_create`` (a few seconds for 9,300 teachers) and recorded as
one audit event.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import random
import time
from typing import Any

from django.db import transaction

from youjun.core.workforce_dashboard import dashboard_rules
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.schools.models import Snapshot
from youjun.web.apps.schools.selectors import snapshot_tables
from youjun.web.apps.workforce.models import Assignment, KeyTeacherAward, Qualification, Teacher, TitleAward

# the sources' scale (issue 14): seeding sizes only, never shown
TEACHERS = 9_278
NEW_POSTS = 713
ROTATIONS = 3_964
ROTATION_YEARS = 10  # rotations spread over the last ten years
OFF_ESTABLISHMENT = 0.03  # teachers not on the establishment (contract teachers)
KEY_TERM_YEARS = 3
AREAS = ("training", "studios", "growth", "appraisal")  # workforce.<area>.demo.seed; then groups.demo.seed
BATCH = 2_000
RETIRE_MALE, RETIRE_FEMALE = 60, 55  # the statutory retirement ages the demo's careers respect

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建文辉力飞鹏宇浩凯晨欣怡佳琪雪梅婷"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return "" if text in ("<NA>", "nan") else text


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _rows(snapshot: Snapshot, target: int, rng: random.Random) -> list[dict[str, Any]]:
    frame = snapshot_tables(snapshot).get("teachers")
    rows = [] if frame is None else frame.to_dict("records")
    if not rows:
        return []
    extra = []
    for i in range(max(0, target - len(rows))):
        copy = dict(rng.choice(rows))
        copy["teacher_id"] = f"T{snapshot.district.code}9{i:05d}"
        copy["rotated_this_year"] = False
        extra.append(copy)
    return rows + extra


def _start_of(year: int) -> dt.date:
    return dt.date(year, 9, 1)


def seed_district(district: District, snapshot: Snapshot, *, today: dt.date, rng: random.Random,
                  scale: float = 1.0, areas: bool = True) -> dict[str, Any]:
    """Teachers, assignments (with the rotations), qualifications, titles and key tiers for
    ``district`` from ``snapshot``'s teachers table at the sources' scale (``scale`` shrinks it
    for tests), then each workforce area's ``demo.seed``. Does nothing when the district has
    teachers already. Returns what was made, with the seconds it took."""
    began = time.perf_counter()
    if Teacher.objects.filter(district=district).exists():
        return {"skipped": True}
    schools = {s.code: s for s in School.objects.filter(district=district)}
    rows = [r for r in _rows(snapshot, round(TEACHERS * scale), rng) if _text(r.get("school_code")) in schools]
    if not rows:
        return {"skipped": True}
    year_start = today.year if today.month >= 9 else today.year - 1  # the school year's first year
    snapshot_year = min(int(snapshot.school_year[:4]), year_start)  # the workbook's school year
    n_rot = min(round(ROTATIONS * scale), len(rows))
    n_new = min(round(NEW_POSTS * scale), len(rows))
    new_since = dashboard_rules(today).new_posts_since(today)  # "new" as the dashboard counts it
    order = list(range(len(rows)))
    rng.shuffle(order)
    rotated = set(order[:n_rot])
    newcomers = set(order[-n_new:]) if n_new else set()
    off = set(rng.sample([i for i in order if i not in newcomers], round(len(rows) * OFF_ESTABLISHMENT)))
    codes = list(schools)
    teachers: list[Teacher] = []
    plan: list[tuple[int, School, School | None, int, int]] = []  # row, school, from, first year, rotation year
    for i, r in enumerate(rows):
        school = schools[_text(r["school_code"])]
        years_here = max(0, _int(r.get("years_at_school")))
        # a career that fits one life: started at 21–25, still under retirement age (60 men, 55 women) today
        sex = rng.choice(("male", "female"))
        entry_age = rng.randint(21, 25)
        earliest_start = today.year - ((RETIRE_MALE if sex == "male" else RETIRE_FEMALE) - 1 - entry_age)
        if i in newcomers:
            started = rng.randint(new_since, today.year)
            years_here = min(years_here, year_start - started) if year_start >= started else 0
        else:
            started = max(min(year_start - years_here - rng.randint(0, 20), new_since - 1), earliest_start)
            years_here = min(years_here, year_start - started)
        rotation_year = 0
        from_school = None
        if i in rotated:
            came = _text(r.get("rotated_from_school_code")) if bool(r.get("rotated_this_year")) else ""
            earliest = max(started + 1, year_start - ROTATION_YEARS + 1)
            # the workbook's rotation of its school year; else a year of the last ten the teacher taught in
            rotation_year = snapshot_year if came in schools else rng.randint(min(earliest, year_start), year_start)
            if rotation_year <= started or rotation_year > year_start:
                rotation_year = 0
            others = [c for c in codes if c != school.code]
            from_school = schools[came] if came in schools and came != school.code else (
                schools[rng.choice(others)] if others else None)
            if from_school is None:
                rotation_year = 0
        teachers.append(Teacher(
            district=district, staff_id=_text(r["teacher_id"]), name=_name(rng), sex=sex,
            birth_year=started - entry_age, started_teaching=started, school=school,
            section=_text(r.get("section")), subject=_text(r.get("subject")),
            on_establishment=i not in off, has_certificate=bool(r.get("has_certificate")),
            pe_art_specialist=bool(r.get("pe_art_specialist"))))
        plan.append((i, school, from_school, min(started, year_start - years_here), rotation_year))
    with transaction.atomic():
        Teacher.objects.bulk_create(teachers, batch_size=BATCH)
        by_id = dict(Teacher.objects.filter(district=district).values_list("staff_id", "pk"))
        assignments: list[Assignment] = []
        facts: list[Any] = []
        for (i, school, from_school, first, rotation_year), t in zip(plan, teachers, strict=True):
            pk = by_id[t.staff_id]
            r = rows[i]
            if rotation_year:
                assignments.append(Assignment(teacher_id=pk, school=from_school,
                                              start=_start_of(min(first, rotation_year - 1)),
                                              end=_start_of(rotation_year) - dt.timedelta(days=1)))
                assignments.append(Assignment(teacher_id=pk, school=school, from_school=from_school,
                                              kind=Assignment.Kind.ROTATION, start=_start_of(rotation_year)))
            else:
                assignments.append(Assignment(teacher_id=pk, school=school, start=_start_of(first)))
            level = _text(r.get("qualification"))
            if level:
                facts.append(Qualification(teacher_id=pk, level=level,
                                           awarded_on=_start_of(first) - dt.timedelta(days=70)))
            title = _text(r.get("title"))
            if title and title != "none":
                facts.append(TitleAward(teacher_id=pk, title=title,
                                        awarded_on=_start_of(min(year_start, first + rng.randint(1, 15)))))
            tier, award = _text(r.get("key_teacher_tier")), _text(r.get("key_teacher_level"))
            if tier and tier != "none" and award:
                start = _start_of(year_start - rng.randint(0, KEY_TERM_YEARS - 1))
                facts.append(KeyTeacherAward(teacher_id=pk, tier=tier, level=award, start=start,
                                             end=_start_of(start.year + KEY_TERM_YEARS) - dt.timedelta(days=1)))
        Assignment.objects.bulk_create(assignments, batch_size=BATCH)
        for model in (Qualification, TitleAward, KeyTeacherAward):
            model.objects.bulk_create([f for f in facts if isinstance(f, model)], batch_size=BATCH)
        made: dict[str, Any] = {"teachers": len(teachers), "rotations": sum(1 for p in plan if p[4]),
                "assignments": len(assignments), "facts": len(facts)}
        audit.record(None, "workforce_demo_seed", district, district=district, after=made)
    made["seconds"] = round(time.perf_counter() - began, 2)
    made["areas"] = seed_areas(district, today=today, rng=rng) if areas else {}
    return made


def seed_areas(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    """Each workforce area's ``demo.seed(district, today=, rng=)`` that exists, with its seconds."""
    out: dict[str, Any] = {}
    modules = [f"youjun.web.apps.workforce.{a}.demo" for a in AREAS] + ["youjun.web.apps.groups.demo"]
    for name in modules:
        try:
            seed = importlib.import_module(name).seed
        except (ImportError, AttributeError):
            continue
        began = time.perf_counter()
        result = seed(district, today=today, rng=rng)
        out[name.rsplit(".", 2)[-2]] = {"result": result, "seconds": round(time.perf_counter() - began, 2)}
    return out


def seed_demo(district: District, *, log: Any = print, seed: int = 2023) -> dict[str, Any]:
    """``youjun web-demo``: the workforce of ``district`` (the demo's Yongchuan) from its latest
    stored school year, at the sources' scale, then each area's demo; logs what it made."""
    from django.utils import timezone

    snapshot = Snapshot.objects.filter(district=district, current=True).order_by("-school_year").first()
    if snapshot is None:
        return {"skipped": True}
    made = seed_district(district, snapshot, today=timezone.localdate(), rng=random.Random(seed))
    if not made.get("skipped"):
        areas = ", ".join(f"{k} {v['seconds']}s" for k, v in made["areas"].items())
        log(f"  {district.name}: {made['teachers']:,} teachers, {made['rotations']:,} rotations "
            f"({made['seconds']}s){'; ' + areas if areas else ''}")
    return made


def link_demo_teacher(user: Any, school: Any) -> Any:
    """Give the demo's ``teacher`` account its own career record: a teacher of the demo school
    (one in a studio when there is one), so the teacher's own pages (/workforce/me/, the stage,
    the studio, the evaluation forms) can be tried. Returns the Teacher, or None."""
    from youjun.web.apps.workforce.models import Teacher
    from youjun.web.apps.workforce.studios.models import Member

    if user is None or Teacher.objects.filter(user=user).exists():
        return None
    free = Teacher.objects.filter(school=school, user__isnull=True, active=True).order_by("staff_id")
    in_studio = free.filter(pk__in=Member.objects.values("teacher_id")).first()
    teacher = in_studio or free.first()
    if teacher is not None:
        teacher.user = user
        teacher.save(update_fields=["user", "updated_at"])
    return teacher
