"""Writes about famous-teacher studios; every one in one transaction, every one audited.

A studio's host and members are teachers of the studio's district: a teacher of another district
is refused by content (E1190), whatever page or form the request came through. Who may call
which write is the views' business (``studios.access``); what may be written is checked here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from youjun.core import schema
from youjun.core import workforce_studios as rules
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.studios.models import Member, Output, Plan, Review, Studio
from youjun.web.errors import Refused, refuse

__all__ = ["Refused", "add_member", "create_studio", "end_membership", "record_output", "review_year",
           "save_plan", "update_studio", "year_counts"]

SUBJECTS = {c.code for c in schema.SUBJECTS}


def _today() -> dt.date:
    return timezone.localdate()


def _teacher(district: District, teacher: Teacher | str) -> Teacher:
    """A serving teacher of ``district``, by record or staff number; E1190 otherwise."""
    if isinstance(teacher, Teacher):
        found: Teacher | None = teacher if teacher.district_id == district.pk and teacher.active else None
        value = teacher.staff_id
    else:
        value = str(teacher).strip()
        found = Teacher.objects.filter(district=district, staff_id=value, active=True).first()
    if found is None:
        raise refuse("E1190", value=value, rule="workforce_studios.teacher", district=district.name)
    return found


def _check_words(level: str, subject: str, district: District, keep: str = "") -> None:
    """``keep``: a studio's level as recorded, accepted on an edit even where it is no longer
    offered (an old 省级 studio of a municipality keeps its record)."""
    r = rules.studio_rules(_today())
    if level != keep and level not in r.codes(r.levels_for(district.province.code)):
        raise refuse("E1194", value=level, rule="workforce_studios.level", what_zh="工作室级别",
                     what_en="studio level")
    if subject and subject not in SUBJECTS:
        raise refuse("E1194", value=subject, rule="workforce_studios.subject", what_zh="学科", what_en="subject")


def _check_term(start: dt.date | None, end: dt.date | None) -> None:
    if start is None:
        raise refuse("E1199", rule="workforce_studios.start", what_zh="任期开始日期", what_en="The term's start")
    if end is not None and end < start:
        raise refuse("E1192", value=end.isoformat(), rule="workforce_studios.term", start=start.isoformat(),
                     what_zh="工作室任期", what_en="The studio's term")


def _school(district: District, code: str) -> School | None:
    if not code:
        return None
    school = School.objects.filter(code=code, district=district).first()
    if school is None:
        raise refuse("E1191", value=code, rule="workforce_studios.base_school", district=district.name)
    return school


def _state(studio: Studio) -> dict[str, Any]:
    return {"name": studio.name, "host": studio.host.staff_id, "subject": studio.subject, "level": studio.level,
            "start": studio.start, "end": studio.end, "base_school": studio.base_school.code if studio.base_school
            else None}


def create_studio(actor: User | None, district: District, *, name: str, host: Teacher | str, level: str,
                  start: dt.date | None, end: dt.date | None = None, subject: str = "",
                  base_school: str = "") -> Studio:
    """Set up a studio of ``district`` hosted by one of its teachers (the bureau's step)."""
    name = (name or "").strip()
    if not name:
        raise refuse("E1199", rule="workforce_studios.name", what_zh="工作室名称", what_en="The studio's name")
    teacher = _teacher(district, host)
    _check_words(level, subject, district)
    _check_term(start, end)
    assert start is not None
    school = _school(district, base_school)
    with transaction.atomic():
        studio = Studio.objects.create(district=district, name=name[:100], host=teacher, subject=subject,
                                       level=level, start=start, end=end, base_school=school)
        audit.record(actor, "workforce_studios_create", studio, district=district, school=school,
                     after=_state(studio))
    return studio


def update_studio(actor: User | None, studio: Studio, *, name: str, host: Teacher | str, level: str,
                  start: dt.date | None, end: dt.date | None = None, subject: str = "",
                  base_school: str = "") -> Studio:
    """Change a studio's name, host, subject, level, term or base school (the bureau's step)."""
    name = (name or "").strip()
    if not name:
        raise refuse("E1199", rule="workforce_studios.name", what_zh="工作室名称", what_en="The studio's name")
    teacher = _teacher(studio.district, host)
    _check_words(level, subject, studio.district, keep=studio.level)
    _check_term(start, end)
    assert start is not None
    school = _school(studio.district, base_school)
    with transaction.atomic():
        locked = Studio.objects.select_for_update(of=("self",)).select_related("host", "base_school").get(pk=studio.pk)
        before = _state(locked)
        locked.name, locked.host, locked.subject, locked.level = name[:100], teacher, subject, level
        locked.start, locked.end, locked.base_school = start, end, school
        locked.save()
        audit.record(actor, "workforce_studios_update", locked, district=locked.district, school=school,
                     before=before, after=_state(locked))
    return locked


def _outside_term(studio: Studio, day: dt.date, rule: str) -> Refused:
    return refuse("E1196", value=day.isoformat(), rule=rule, start=studio.start.isoformat(),
                  end=studio.end.isoformat() if studio.end else "—")


def add_member(actor: User | None, studio: Studio, teacher: Teacher | str, *, role: str,
               joined: dt.date | None) -> Member:
    """Add a teacher of the studio's district as a member or trainee from ``joined``."""
    t = _teacher(studio.district, teacher)
    r = rules.studio_rules(_today())
    if role not in r.codes(r.roles):
        raise refuse("E1194", value=role, rule="workforce_studios.role", what_zh="成员角色", what_en="member role")
    if joined is None:
        raise refuse("E1199", rule="workforce_studios.joined", what_zh="加入日期", what_en="The joining date")
    if not rules.is_active(studio.start, studio.end, joined) or joined > _today():
        raise _outside_term(studio, joined, "workforce_studios.joined")
    with transaction.atomic():
        Studio.objects.select_for_update().filter(pk=studio.pk).first()
        if t.pk == studio.host_id or studio.members.filter(teacher=t, left__isnull=True).exists():
            raise refuse("E1193", value=t.staff_id, rule="workforce_studios.member")
        member = Member.objects.create(studio=studio, teacher=t, role=role, joined=joined)
        audit.record(actor, "workforce_studios_member_add", member, district=studio.district, school=t.school,
                     object_repr=f"{studio.name} {t.staff_id}",
                     after={"studio": studio.pk, "teacher": t.staff_id, "role": role, "joined": joined})
    return member


def end_membership(actor: User | None, member: Member, *, left: dt.date | None) -> Member:
    """Record the day a member left the studio."""
    if left is None:
        raise refuse("E1199", rule="workforce_studios.left", what_zh="退出日期", what_en="The leaving date")
    if left < member.joined:
        raise refuse("E1192", value=left.isoformat(), rule="workforce_studios.left", start=member.joined.isoformat(),
                     what_zh="成员资格", what_en="The membership")
    if left > _today():
        raise _outside_term(member.studio, left, "workforce_studios.left")
    with transaction.atomic():
        locked = Member.objects.select_for_update(of=("self",)).select_related("teacher", "studio").get(pk=member.pk)
        before = locked.left
        locked.left = left
        locked.save(update_fields=["left"])
        audit.record(actor, "workforce_studios_member_leave", locked, district=locked.studio.district,
                     school=locked.teacher.school, object_repr=f"{locked.studio.name} {locked.teacher.staff_id}",
                     before={"left": before}, after={"left": left})
    return locked


def _year_ok(studio: Studio, year: int, latest: int) -> None:
    first = studio.start.year
    last = min(studio.end.year if studio.end else latest, latest)
    if not first <= year <= last:
        raise refuse("E1198", value=str(year), rule="workforce_studios.year")


def _length(text: str, limit: int, what_zh: str, what_en: str) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise refuse("E1197", value=f"{len(text):,}", rule="workforce_studios.text", limit=f"{limit:,}",
                     what_zh=what_zh, what_en=what_en)
    return text


def save_plan(actor: User | None, studio: Studio, *, year: int, goals: str, activities: str,
              targets: Mapping[str, int]) -> Plan:
    """Write the studio's plan for ``year`` (this year or next, within the term)."""
    r = rules.studio_rules(_today())
    _year_ok(studio, year, _today().year + 1)
    goals = _length(goals, r.max_plan_text, "年度目标", "The goals")
    activities = _length(activities, r.max_plan_text, "计划活动", "The planned activities")
    kinds = r.codes(r.kinds)
    clean: dict[str, int] = {}
    for kind, n in targets.items():
        if kind not in kinds:
            raise refuse("E1194", value=kind, rule="workforce_studios.kind", what_zh="成果类别",
                         what_en="kind of output")
        if int(n) < 0:
            raise refuse("E1194", value=str(n), rule="workforce_studios.target", what_zh="计划数量",
                         what_en="planned number")
        clean[kind] = int(n)
    with transaction.atomic():
        plan, created = Plan.objects.select_for_update().get_or_create(studio=studio, year=year)
        before = None if created else {"goals": plan.goals, "activities": plan.activities, "targets": plan.targets}
        plan.goals, plan.activities, plan.targets = goals, activities, clean
        plan.updated_by = actor if getattr(actor, "pk", None) else None
        plan.save()
        audit.record(actor, "workforce_studios_plan", plan, district=studio.district,
                     object_repr=f"{studio.name} {year}", before=before,
                     after={"year": year, "goals": goals, "activities": activities, "targets": clean})
    return plan


def members_on(studio: Studio, day: dt.date) -> set[int]:
    """The teachers (pks) who were the studio's host or members on ``day``."""
    ids = set(studio.members.filter(joined__lte=day).exclude(left__lt=day).values_list("teacher_id", flat=True))
    return ids | {studio.host_id}


def record_output(actor: User | None, studio: Studio, *, kind: str, title: str, day: dt.date | None,
                  people: Iterable[Teacher | str], upload: Any = None) -> Output:
    """Record an output of the studio by its host or members of the day, with an evidence file.

    ``people`` are teachers (records or staff numbers) of the studio's district who were its
    host or members on ``day``; the evidence (if any) is stored for the first of them."""
    r = rules.studio_rules(_today())
    if kind not in r.codes(r.kinds):
        raise refuse("E1194", value=kind, rule="workforce_studios.kind", what_zh="成果类别",
                     what_en="kind of output")
    title = (title or "").strip()
    if not title:
        raise refuse("E1199", rule="workforce_studios.title", what_zh="成果名称", what_en="The title")
    _length(title, 200, "成果名称", "The title")
    if day is None:
        raise refuse("E1199", rule="workforce_studios.day", what_zh="日期", what_en="The date")
    if not rules.is_active(studio.start, studio.end, day) or day > _today():
        raise _outside_term(studio, day, "workforce_studios.day")
    who = [_teacher(studio.district, p) for p in people]
    if not who:
        raise refuse("E1199", rule="workforce_studios.people", what_zh="参与人", what_en="Who took part")
    allowed = members_on(studio, day)
    for t in who:
        if t.pk not in allowed:
            raise refuse("E1195", value=t.staff_id, rule="workforce_studios.people", day=day.isoformat())
    from youjun.web.apps.workforce.evidence import store_evidence

    with transaction.atomic():
        evidence = store_evidence(actor, who[0], upload) if upload is not None else None
        output = Output.objects.create(studio=studio, kind=kind, title=title, day=day, evidence=evidence,
                                       recorded_by=actor if getattr(actor, "pk", None) else None)
        output.people.set(who)
        audit.record(actor, "workforce_studios_output", output, district=studio.district,
                     object_repr=f"{studio.name} {title}",
                     after={"studio": studio.pk, "kind": kind, "title": title, "day": day,
                            "people": [t.staff_id for t in who], "evidence": evidence.name if evidence else None})
    return output


def year_counts(studio: Studio, year: int) -> dict[str, int]:
    """The studio's outputs dated in ``year``, by kind."""
    first, last = rules.year_bounds(year)
    rows = (studio.outputs.filter(day__gte=first, day__lte=last).values("kind").annotate(n=Count("id")))
    return {row["kind"]: row["n"] for row in rows}


def review_year(actor: User | None, studio: Studio, *, year: int, rating: str, comment: str) -> Review:
    """The bureau's review of ``year`` (within the term, not after this year): the counts against
    the plan as they stand, kept with the rating and comment."""
    r = rules.studio_rules(_today())
    if rating not in r.codes(r.ratings):
        raise refuse("E1194", value=rating, rule="workforce_studios.rating", what_zh="考核等次",
                     what_en="review rating")
    _year_ok(studio, year, _today().year)
    comment = _length(comment, r.max_comment, "考核意见", "The comment")
    plan = studio.plans.filter(year=year).first()
    progress = rules.against_plan(r.kinds, plan.targets if plan else {}, year_counts(studio, year))
    counts = {p.kind: {"planned": p.planned, "done": p.done} for p in progress}
    with transaction.atomic():
        review = Review.objects.create(studio=studio, year=year, rating=rating, comment=comment, counts=counts,
                                       reviewer=actor if getattr(actor, "pk", None) else None)
        audit.record(actor, "workforce_studios_review", review, district=studio.district,
                     object_repr=f"{studio.name} {year}",
                     after={"year": year, "rating": rating, "comment": comment, "counts": counts,
                            "planned": plan is not None})
    return review
