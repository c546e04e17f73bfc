"""Meetings in the four venues (协商活动): create and edit them, their attendees, the items
consulted at them and the opinions agreed there (each a child item tracked on its own, its
parent's progress rolled up). Every write is one transaction with an audit row; the items'
own steps go through ``services`` (consult, raise_concern, assign), which write their events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from youjun.core import consultation as rules
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.access import Access, access_of, mask_name, work_concerns
from youjun.web.apps.consultation.models import (
    Attendee,
    Body,
    Concern,
    Department,
    Meeting,
    Participant,
    Studio,
)
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import User

CONSULTABLE_STATES = ("selected", "investigating")  # where the default workflow has a consult step


# --- reading -------------------------------------------------------------------------------

def visible_meetings(access: Access) -> QuerySet[Meeting]:
    """Meetings of the bodies ``access`` works in as staff or member, joint meetings included."""
    qs = Meeting.objects.select_related("body", "studio")
    if access.everything:
        return qs
    if not access.bodies:
        return qs.none()
    cond = Q(body_id__in=access.bodies) | Q(joint_bodies__in=access.bodies)
    return qs.filter(pk__in=Meeting.objects.filter(cond).values("pk"))


def meeting_or_404(access: Access, pk: int) -> Meeting:
    found = visible_meetings(access).filter(pk=pk).first()
    if found is None:
        raise Http404("no such meeting")
    return found


def meeting_bodies(meeting: Meeting) -> set[int]:
    return {meeting.body_id, *meeting.joint_bodies.values_list("pk", flat=True)}


def may_edit(access: Access, meeting: Meeting) -> bool:
    """Staff and members of the hosting bodies (and the administrator) keep a meeting's record."""
    return access.everything or bool(meeting_bodies(meeting) & access.bodies)


def sees_resident_names(access: Access, meeting: Meeting) -> bool:
    """Residents' names at a meeting are personal data: full for the hosts' staff only."""
    return access.everything or bool(meeting_bodies(meeting) & access.staff_bodies)


def attendee_name(access: Access, meeting: Meeting, attendee: Attendee) -> str:
    if attendee.kind == Attendee.Kind.RESIDENT and not sees_resident_names(access, meeting):
        return mask_name(attendee.name)
    if attendee.kind == Attendee.Kind.MEMBER and attendee.participant is not None:
        return member_name(attendee.participant)  # the member's name as it is now
    return attendee.name


def member_choices(meeting: Meeting, q: str = "") -> list[Participant]:
    """Members of the hosting bodies, to pick attendees from, by sector then name; ``q`` keeps
    those whose name, username, sector or neighbourhood contains it."""
    qs = (Participant.objects.filter(kind=Participant.Kind.MEMBER, body_id__in=meeting_bodies(meeting))
          .select_related("user", "body"))
    q = q.strip()
    if q:
        qs = qs.filter(Q(user__full_name__icontains=q) | Q(user__username__icontains=q) | Q(sector__icontains=q)
                       | Q(neighbourhood__icontains=q))
    return sorted(qs, key=lambda p: (p.sector or "\uffff", member_name(p), p.body.code))


def member_name(participant: Participant) -> str:
    """A member as people know them: the full name on the account, else the username."""
    user = participant.user
    full = (getattr(user, "full_name", "") or user.get_full_name() or "").strip()
    return full or user.get_username()


def venue_counts(meetings: QuerySet[Meeting]) -> list[dict[str, Any]]:
    """Activities and participants by venue, in the four venues' order, with a total row."""
    acts = dict(meetings.values_list("venue").annotate(n=Count("pk", distinct=True)).values_list("venue", "n"))
    people = dict(Attendee.objects.filter(meeting__in=meetings).values_list("meeting__venue")
                  .annotate(n=Count("pk")).values_list("meeting__venue", "n"))
    rows = [{"venue": key, "meetings": acts.get(key, 0), "participants": people.get(key, 0)} for key in rules.VENUES]
    return rows


# --- writing -------------------------------------------------------------------------------

def _refuse_meeting(value: str, zh: str, en: str) -> services.StepRefused:
    return services.refuse("E900", value=value, rule="consultation.meeting", detail_zh=zh, detail_en=en)


def _check_fields(body: Body, *, venue: str, studio: Studio | None, title: str, place: str,
                  joint_bodies: Iterable[Body]) -> None:
    if venue not in rules.VENUES:
        raise _refuse_meeting(title, "请选择四个协商平台之一", "choose one of the four venues")
    if venue == "studio" and studio is None:
        raise _refuse_meeting(title, "委员工作室的活动须选择工作室", "a member-studio meeting needs its studio")
    if studio is not None and studio.body_id != body.pk:
        raise _refuse_meeting(title, f"工作室“{studio.name}”不属于{body.name}",
                              f"the studio '{studio.name}' is not one of {body.name}'s")
    if any(b.pk == body.pk for b in joint_bodies):
        raise _refuse_meeting(title, "联合主办方不能是本政协自己", "a joint host must be another body")
    if not title.strip() or not place.strip():
        raise _refuse_meeting(title or "—", "须填写活动名称和地点", "give the meeting's title and place")


def _meeting_state(meeting: Meeting) -> dict[str, Any]:
    return {"venue": meeting.venue, "title": meeting.title, "held_on": meeting.held_on, "place": meeting.place,
            "town": meeting.town, "studio": meeting.studio_id,
            "joint_bodies": sorted(meeting.joint_bodies.values_list("code", flat=True))}


def create_meeting(actor: User | None, body: Body, *, venue: str, title: str, held_on: dt.date, place: str,
                   town: str = "", studio: Studio | None = None, joint_bodies: Iterable[Body] = (),
                   minutes: str = "") -> Meeting:
    joint = list(joint_bodies)
    _check_fields(body, venue=venue, studio=studio, title=title, place=place, joint_bodies=joint)
    with transaction.atomic():
        meeting = Meeting.objects.create(body=body, venue=venue, studio=studio if venue == "studio" else None,
                                         title=title.strip(), held_on=held_on, place=place.strip(),
                                         town=town.strip(), minutes=minutes.strip(), created_by=actor)
        meeting.joint_bodies.set(joint)
        record(actor, "consultation_meeting_create", meeting, after=_meeting_state(meeting))
    return meeting


def update_meeting(actor: User | None, meeting: Meeting, *, venue: str, title: str, held_on: dt.date, place: str,
                   town: str = "", studio: Studio | None = None, joint_bodies: Iterable[Body] = ()) -> Meeting:
    joint = list(joint_bodies)
    _check_fields(meeting.body, venue=venue, studio=studio, title=title, place=place, joint_bodies=joint)
    with transaction.atomic():
        before = _meeting_state(meeting)
        meeting.venue, meeting.title, meeting.held_on = venue, title.strip(), held_on
        meeting.place, meeting.town = place.strip(), town.strip()
        meeting.studio = studio if venue == "studio" else None
        meeting.save()
        meeting.joint_bodies.set(joint)
        record(actor, "consultation_meeting_update", meeting, before=before,
               after=_meeting_state(meeting))
    return meeting


def save_minutes(actor: User | None, meeting: Meeting, minutes: str) -> Meeting:
    with transaction.atomic():
        before = len(meeting.minutes)
        meeting.minutes = minutes.strip()
        meeting.save(update_fields=["minutes"])
        record(actor, "consultation_meeting_minutes", meeting,
               before={"minutes_chars": before}, after={"minutes_chars": len(meeting.minutes)})
    return meeting


def add_attendee(actor: User | None, meeting: Meeting, *, kind: str, name: str = "", organisation: str = "",
                 participant: Participant | None = None) -> Attendee:
    """A member picked from the hosts' members, or a resident or official typed by name."""
    if kind == "member":
        if participant is None or participant.kind != Participant.Kind.MEMBER \
                or participant.body_id not in meeting_bodies(meeting):
            raise services.refuse("E902", value=name or "—", rule="consultation.meeting",
                                  detail_zh="请从主办政协的委员名单中选择", detail_en="pick one of the hosts' members")
        if meeting.attendees.filter(participant=participant).exists():
            raise services.refuse("E902", value=member_name(participant), rule="consultation.meeting",
                                  detail_zh="已在参加人员中", detail_en="already among the attendees")
        name = member_name(participant)
        organisation = organisation.strip() or participant.body.name
    elif kind in ("resident", "official"):
        participant = None
        if not name.strip():
            raise services.refuse("E902", value="—", rule="consultation.meeting",
                                  detail_zh="须填写姓名", detail_en="the name is missing")
        if kind == "official" and not organisation.strip():
            raise services.refuse("E902", value=name, rule="consultation.meeting",
                                  detail_zh="部门人员须填写所在单位", detail_en="an official needs an organisation")
    else:
        raise services.refuse("E902", value=name or "—", rule="consultation.meeting",
                              detail_zh="请选择委员、群众或部门人员", detail_en="choose member, resident or official")
    with transaction.atomic():
        attendee = Attendee.objects.create(meeting=meeting, kind=kind, name=name.strip()[:64],
                                           organisation=organisation.strip()[:128], participant=participant)
        shown = mask_name(attendee.name) if kind == Attendee.Kind.RESIDENT else attendee.name
        record(actor, "consultation_attendee_add", meeting,
               after={"kind": kind, "name": shown, "organisation": attendee.organisation})
    return attendee


def remove_attendee(actor: User | None, meeting: Meeting, attendee_id: int) -> None:
    attendee = meeting.attendees.filter(pk=attendee_id).first()
    if attendee is None:
        raise services.refuse("E902", value="—", rule="consultation.meeting",
                              detail_zh="该人员已不在名单中", detail_en="no longer on the list")
    with transaction.atomic():
        shown = mask_name(attendee.name) if attendee.kind == Attendee.Kind.RESIDENT else attendee.name
        attendee.delete()
        record(actor, "consultation_attendee_remove", meeting,
               before={"kind": attendee.kind, "name": shown})


def consultable(access: Access, meeting: Meeting, number: str) -> Concern:
    """The item numbered ``number`` that this meeting may consult on, or E901 (one answer for
    an unknown number and for one out of reach)."""
    number = number.strip().upper()
    found = (work_concerns(access).filter(number=number, kind="concern")
             .filter(Q(body_id__in=meeting_bodies(meeting)) | Q(joint_bodies__in=meeting_bodies(meeting)))
             .select_related("body").distinct().first())
    if found is None or found.hidden:
        raise services.refuse("E901", value=number or "—", rule="consultation.meeting")
    return found


def consult_concern(actor: User | None, meeting: Meeting, number: str, note: str = "") -> Concern:
    """Record that the item was consulted at this meeting (the item's consult step)."""
    concern = consultable(access_of(actor), meeting, number)
    if meeting.concerns.filter(pk=concern.pk).exists():
        raise services.refuse("E901", value=concern.number, rule="consultation.meeting")
    services.consult(actor, concern, meeting, note=note)
    return concern


def agree_opinion(actor: User | None, meeting: Meeting, parent: Concern, *, title: str, text: str,
                  category: str = "", department: Department | None = None, due_on: dt.date | None = None) -> Concern:
    """An opinion agreed at the meeting on ``parent``: a child item of its own (raised, and
    assigned at once when a department is given); the parent's progress rolls up."""
    if not meeting.concerns.filter(pk=parent.pk).exists():
        raise services.refuse("E903", value=title or "—", rule="consultation.meeting")
    with transaction.atomic():
        opinion = services.raise_concern(actor, parent.body, title=title, text=text or title,
                                         category=category or parent.category, town=parent.town,
                                         village=parent.village, school=parent.school, indicator=parent.indicator,
                                         channel="meeting", kind="opinion",
                                         parent=parent, meeting=meeting)
        joint = (set(parent.joint_bodies.values_list("pk", flat=True)) | meeting_bodies(meeting)) - {parent.body_id}
        if joint:
            opinion.joint_bodies.set(joint)
        if department is not None:
            services.assign(actor, opinion, department, due_on=due_on)
        services.roll_up(opinion)
        record(actor, "consultation_meeting_opinion", meeting,
               after={"opinion": opinion.number, "parent": parent.number,
                      "department": department.name if department else ""})
    return opinion


def departments_for(meeting: Meeting) -> QuerySet[Department]:
    return Department.objects.filter(body_id__in=meeting_bodies(meeting), active=True).select_related("body")
