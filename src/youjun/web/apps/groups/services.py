"""Writes of the education groups; every one audited, each in one transaction.

``move_school`` is the one way a school's group changes: it closes the school's open membership
(the day before the new start), opens the new one and sets ``School.group`` to the current
group, so the register and the history never disagree. Anything refused writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.web.apps.groups.models import (
    AreaSession,
    GroupMembership,
    JointResearch,
    QualityMark,
    ResearchArea,
    SharedCourse,
)
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, EducationGroup, School, User
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused, refuse

__all__ = ["Refused", "add_course", "add_research", "add_session", "adopt_register", "create_area", "create_group",
           "mark_quality", "move_school", "withdraw_quality"]

ROLE_WORDS = {"lead": ("龙头校", "lead school"), "member": ("成员校", "member school")}
EARLIEST = dt.date(2000, 1, 1)


def _text(value: str, field: tuple[str, str], limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if (required and not value) or len(value) > limit:
        raise refuse("E1235", value=value[:40], rule="groups.text", field=field[0], field_en=field[1], limit=limit)
    return value


def _day(day: dt.date, rule: str) -> dt.date:
    today = timezone.localdate()
    if day > today or day < EARLIEST:
        raise refuse("E1237", value=day.isoformat(), rule=rule,
                     detail=(f"{EARLIEST.isoformat()} 至 {today.isoformat()}",
                             f"{EARLIEST.isoformat()} to {today.isoformat()}"))
    return day


def _in_district(district: District, schools: Iterable[School]) -> list[School]:
    out = list(schools)
    for s in out:
        if s.district_id != district.pk:
            raise refuse("E1230", value=s.name, rule="groups.school", district=district.name)
    return out


def create_group(actor: User | None, district: District, *, name: str) -> EducationGroup:
    """A new education group of the district (its schools join it through ``move_school``)."""
    name = _text(name, ("集团名称", "group name"), 128)
    if EducationGroup.objects.filter(district=district, name=name).exists():
        raise refuse("E1241", value=name, rule="groups.create", kind="教育集团", kind_en="education group")
    with transaction.atomic():
        group = EducationGroup.objects.create(district=district, name=name)
        audit.record(actor, "groups_create", group, district=district, after={"name": name})
    return group


def adopt_register(actor: User | None, district: District, start: dt.date) -> int:
    """Open a membership (as member) from ``start`` for every school whose register group
    (the workbook's ``schools.education_group``) has no open membership yet; returns how many."""
    _day(start, "groups.adopt")
    with transaction.atomic():
        open_ids = set(GroupMembership.objects.filter(school__district=district, end__isnull=True)
                       .values_list("school_id", flat=True))
        schools = [s for s in School.objects.select_for_update().filter(district=district, group__isnull=False)
                   if s.pk not in open_ids]
        rows = [GroupMembership(group_id=s.group_id, school=s, role=GroupMembership.Role.MEMBER, start=start,
                                from_register=True, created_by=actor if actor and actor.pk else None)
                for s in schools]
        GroupMembership.objects.bulk_create(rows)
        if rows:
            audit.record(actor, "groups_adopt_register", district, district=district,
                         after={"member_schools": [s.code for s in schools], "member_from": start})
    return len(rows)


def follow_register(actor: User | None, school: School, old: EducationGroup | None, new: EducationGroup | None,
                    school_year: str) -> GroupMembership | None:
    """A stored workbook put ``school`` in another group (``School.group`` is already set): once
    the district keeps dated memberships, record it as a move from 1 September of the workbook's
    year, so the history does not miss it. A membership the bureau dated later than that wins:
    the register is turned back to it (a dated record beats an older census)."""
    if not GroupMembership.objects.filter(school__district_id=school.district_id).exists():
        return None  # the district has not adopted dated memberships: the register is the record
    start = dt.date(int(school_year[:4]), 9, 1)
    current = GroupMembership.objects.filter(school=school, end__isnull=True).select_related("group").first()
    if current is not None and current.start >= start:
        School.objects.filter(pk=school.pk).update(group=current.group)
        school.group = current.group
        return None
    with transaction.atomic():
        if current is not None:
            current.end = start - dt.timedelta(days=1)
            current.save(update_fields=["end"])
        opened = None
        if new is not None:
            opened = GroupMembership.objects.create(group=new, school=school, role=GroupMembership.Role.MEMBER,
                                                    start=start, from_register=True,
                                                    note=f"{school_year} 学年数据表",
                                                    created_by=actor if actor and actor.pk else None)
        audit.record(actor, "groups_move", school, school=school,
                     before={"edu_group": current.group.name if current else (old.name if old else None)},
                     after={"edu_group": new.name if new else None, "member_from": start,
                            "note": f"{school_year} 学年数据表"})
    return opened


def move_school(actor: User | None, school: School, group: EducationGroup | None, *, role: str = "member",
                start: dt.date, note: str = "") -> GroupMembership | None:
    """Put ``school`` in ``group`` (as ``role``) from ``start``; ``group`` None: out of every group.

    Refused: a group or school of another district; a start not after the open membership's
    start; the same group and role again; a second lead; a start inside a closed stretch of
    the history (a school is in one group at a time)."""
    if group is not None and group.district_id != school.district_id:
        raise refuse("E1230", value=school.name, rule="groups.move", district=group.district.name)
    if role not in ROLE_WORDS:
        role = "member"
    _day(start, "groups.move")
    note = _text(note, ("说明", "note"), 200, required=False)
    with transaction.atomic():
        locked = School.objects.select_for_update().get(pk=school.pk)
        history = list(GroupMembership.objects.select_for_update(of=("self",))
                       .filter(school=locked).select_related("group"))
        current = next((m for m in history if m.end is None), None)
        if current is not None:
            if group is not None and current.group_id == group.pk and current.role == role:
                raise refuse("E1232", value=group.name, rule="groups.move", role=ROLE_WORDS[role][0],
                             role_en=ROLE_WORDS[role][1])
            if start <= current.start:
                raise refuse("E1231", value=start.isoformat(), rule="groups.move", since=current.start.isoformat())
        for m in history:
            if m.end is not None and m.end >= start:
                raise refuse("E1233", value=start.isoformat(), rule="groups.move", other=m.group.name,
                             since=m.start.isoformat())
        if group is not None and role == "lead":
            lead = (GroupMembership.objects.filter(group=group, role="lead", end__isnull=True)
                    .exclude(school=locked).select_related("school").first())
            if lead is not None:
                raise refuse("E1234", value=group.name, rule="groups.lead", lead=lead.school.name)
        before = {"edu_group": current.group.name if current else None,
                  "group_lead": current.role == "lead" if current else None}
        if current is not None:
            current.end = start - dt.timedelta(days=1)
            current.save(update_fields=["end"])
        opened = None
        if group is not None:
            opened = GroupMembership.objects.create(group=group, school=locked, role=role, start=start, note=note,
                                                    created_by=actor if actor and actor.pk else None)
        locked.group = group
        locked.save(update_fields=["group"])
        audit.record(actor, "groups_move", locked, school=locked, before=before,
                     after={"edu_group": group.name if group else None,
                            "group_lead": role == "lead" if group else None, "member_from": start, "note": note})
    school.refresh_from_db()
    return opened


def mark_quality(actor: User | None, school: School, *, basis: str, marked_on: dt.date) -> QualityMark:
    """The bureau marks ``school`` as a quality school (优质) on ``marked_on`` for ``basis``."""
    basis = (basis or "").strip()
    if not basis:
        raise refuse("E1240", value=school.name, rule="groups.quality")
    basis = _text(basis, ("认定依据", "basis"), 200)
    _day(marked_on, "groups.quality")
    with transaction.atomic():
        mark = QualityMark.objects.create(school=school, basis=basis, marked_on=marked_on,
                                          created_by=actor if actor and actor.pk else None)
        audit.record(actor, "groups_quality_mark", mark, school=school,
                     after={"school": school.code, "quality_basis": basis, "quality_marked_on": marked_on})
    return mark


def withdraw_quality(actor: User | None, mark: QualityMark, *, on: dt.date) -> QualityMark:
    _day(on, "groups.quality")
    with transaction.atomic():
        locked = QualityMark.objects.select_for_update().get(pk=mark.pk)
        if locked.withdrawn_on is None:
            locked.withdrawn_on = max(on, locked.marked_on)
            locked.save(update_fields=["withdrawn_on"])
            audit.record(actor, "groups_quality_withdraw", locked, school=locked.school,
                         after={"quality_withdrawn_on": locked.withdrawn_on})
    return locked


def _members_on(group: EducationGroup, day: dt.date) -> set[int]:
    return {m.school_id for m in GroupMembership.objects.filter(group=group, start__lte=day)
            if m.end is None or m.end >= day}


def _check_members(group: EducationGroup, schools: Sequence[School], day: dt.date) -> None:
    members = _members_on(group, day)
    for s in schools:
        if s.pk not in members:
            raise refuse("E1236", value=s.name, rule="groups.member", group=group.name, day=day.isoformat())


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise refuse("E1239", value=str(value)[:20], rule="groups.hours") from None
    if not Decimal("0.5") <= hours <= Decimal("500"):
        raise refuse("E1239", value=str(value)[:20], rule="groups.hours")
    return hours


def add_course(actor: User | None, group: EducationGroup, *, title: str, offering: School,
               receiving: Sequence[School], school_year: str, term: int, hours: Any) -> SharedCourse:
    """A course ``offering`` shares with ``receiving`` schools of the group in a term."""
    title = _text(title, ("课程名称", "course title"), 120)
    if not receiving:
        raise refuse("E1242", value=title, rule="groups.course")
    _in_district(group.district, [offering, *receiving])
    day = timezone.localdate()
    _check_members(group, [offering, *receiving], day)
    h = _hours(hours)
    with transaction.atomic():
        course = SharedCourse.objects.create(group=group, title=title, offering_school=offering,
                                             school_year=school_year, term=1 if int(term) != 2 else 2, hours=h)
        course.receiving_schools.set(receiving)
        audit.record(actor, "groups_course", course, district=group.district,
                     after={"edu_group": group.name, "title": title, "offering_school": offering.code,
                            "receiving_schools": [s.code for s in receiving], "school_year": school_year,
                            "term": course.term, "course_hours": str(h)})
    return course


def add_research(actor: User | None, group: EducationGroup, *, held_on: dt.date, topic: str, host: School,
                 schools: Sequence[School], outputs: str = "") -> JointResearch:
    """A joint research activity of the group, hosted by ``host`` with ``schools`` taking part."""
    topic = _text(topic, ("主题", "topic"), 120)
    outputs = _text(outputs, ("成果", "outputs"), 500, required=False)
    _day(held_on, "groups.research")
    others = [s for s in schools if s.pk != host.pk]
    _in_district(group.district, [host, *others])
    _check_members(group, [host, *others], held_on)
    with transaction.atomic():
        item = JointResearch.objects.create(group=group, held_on=held_on, topic=topic, host=host, outputs=outputs)
        item.schools.set([host, *others])
        audit.record(actor, "groups_research", item, district=group.district,
                     after={"edu_group": group.name, "research_topic": topic, "held_on": held_on,
                            "host_school": host.code, "member_schools": [s.code for s in [host, *others]]})
    return item


def create_area(actor: User | None, district: District, *, name: str, schools: Sequence[School]) -> ResearchArea:
    """A 片区 of the district with its schools (they may belong to different groups)."""
    name = _text(name, ("片区名称", "area name"), 64)
    if not schools:
        raise refuse("E1242", value=name, rule="groups.area")
    _in_district(district, schools)
    if ResearchArea.objects.filter(district=district, name=name).exists():
        raise refuse("E1241", value=name, rule="groups.area", kind="片区", kind_en="area")
    with transaction.atomic():
        area = ResearchArea.objects.create(district=district, name=name)
        area.schools.set(schools)
        audit.record(actor, "groups_area", area, district=district,
                     after={"name": name, "member_schools": [s.code for s in schools]})
    return area


def add_session(actor: User | None, area: ResearchArea, *, held_on: dt.date, topic: str, host: School,
                participants: Sequence[Teacher], outputs: str = "") -> AreaSession:
    """A 片区教研 session; its participants are teachers working at the area's schools."""
    topic = _text(topic, ("主题", "topic"), 120)
    outputs = _text(outputs, ("成果", "outputs"), 500, required=False)
    _day(held_on, "groups.session")
    area_schools = set(area.schools.values_list("pk", flat=True))
    if host.pk not in area_schools:
        _in_district(area.district, [host])
        raise refuse("E1236", value=host.name, rule="groups.session.host", group=area.name, day=held_on.isoformat())
    for t in participants:
        if t.school_id not in area_schools:
            raise refuse("E1238", value=t.staff_id, rule="groups.session.participant")
    with transaction.atomic():
        session = AreaSession.objects.create(area=area, held_on=held_on, topic=topic, host=host, outputs=outputs)
        session.participants.set(participants)
        audit.record(actor, "groups_session", session, district=area.district,
                     after={"research_area": area.name, "research_topic": topic, "held_on": held_on,
                            "host_school": host.code, "participant_count": len(participants)})
    return session
