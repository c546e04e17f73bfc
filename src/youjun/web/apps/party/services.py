"""Writes of school party work; every one checked before anything is written, in one
transaction, audited.

- the tree: an organisation belongs to its district; its school, group and parent must be of the
  same district (E1250, E1263, E1252) and a parent may not be the organisation or under it (E1251);
- posts: ``appoint`` puts a person in a post from ``start``; for a one-holder post (secretary,
  principal, full-time deputy) the current holding there ends the day before (history kept);
  a linked teacher must serve at the school (E1255);
- duty lists: a new version beside the old ones; meetings with decisions; the group community's
  items; evidence files cleaned by content (``youjun.web.evidence_files``).

Who may call which write is the views' business (``platform.reach``); what may be written is
checked here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import party as rules
from youjun.web.apps.party.models import (
    CommunityItem,
    Decision,
    DutyList,
    Meeting,
    PartyFile,
    PartyOrganisation,
    PostHolding,
)
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, EducationGroup, School, User
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused, refuse
from youjun.web.evidence_files import clean_evidence, megabytes

__all__ = ["Refused", "appoint", "create_organisation", "end_holding", "record_meeting", "save_duties",
           "set_community_item", "store_file", "update_organisation"]

EARLIEST = dt.date(1949, 10, 1)
FILE_CODES = {"type": "E1258", "size": "E1259", "unreadable": "E1260"}
POST_WORDS = {"secretary": ("书记", "secretary"), "principal": ("校长", "principal"),
              "full_deputy": ("专职副书记", "full-time deputy secretary"), "deputy": ("副书记", "deputy secretary")}
MAX_MEMBERS = 10_000
MAX_DUTIES = 40


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def _text(value: str, field: tuple[str, str], limit: int, *, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if (required and not value) or len(value) > limit:
        raise refuse("E1253", value=value[:40], rule="party.text", field=field[0], field_en=field[1], limit=limit)
    return value


def _day(day: dt.date | None, rule: str) -> dt.date:
    today = timezone.localdate()
    if day is None or day > today or day < EARLIEST:
        value = day.isoformat() if day else "—"
        raise refuse("E1254", value=value, rule=rule, detail=(f"{EARLIEST.isoformat()} 至 {today.isoformat()}",
                                                             f"{EARLIEST.isoformat()} to {today.isoformat()}"))
    return day


def _count(value: Any, what: tuple[str, str], limit: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = -1
    if not 0 <= n <= limit:
        raise refuse("E1264", value=str(value)[:20], rule="party.count", what=what[0], what_en=what[1],
                     limit=f"{limit:,}")
    return n


def _code(value: str, words: Sequence[rules.Word], what: tuple[str, str], rule: str) -> str:
    if value not in {w.code for w in words}:
        raise refuse("E1257", value=str(value)[:40], rule=rule, what=what[0], what_en=what[1])
    return value


def _in_district(district: District, school: School | None) -> None:
    if school is not None and school.district_id != district.pk:
        raise refuse("E1250", value=school.name, rule="party.school", district=district.name)


# --- evidence files ---------------------------------------------------------------------------

def store_file(actor: User | None, district: District, school: School | None, upload: Any) -> PartyFile:
    """``upload`` stored as evidence of the district's (or the school's) party records, or
    ``Refused`` (E1258 type, E1259 size, E1260 unreadable) before anything is written."""
    _in_district(district, school)
    name = str(getattr(upload, "name", "") or "file")[:120]
    lim = rules.evidence_limits(timezone.localdate())
    biggest = max(int(lim["image_max_bytes"]), int(lim["pdf_max_bytes"]))
    size = int(getattr(upload, "size", 0) or 0)
    if size > biggest:  # refused before it is read
        raise refuse("E1259", value=name, rule="party.evidence", size=megabytes(size), limit=megabytes(biggest))
    data = upload.read(biggest + 1)
    if len(data) > biggest:
        raise refuse("E1259", value=name, rule="party.evidence", size="> " + megabytes(biggest),
                     limit=megabytes(biggest))
    clean = clean_evidence(data, name, lim, codes=FILE_CODES, rule="party.evidence")
    with transaction.atomic():
        row = PartyFile.objects.create(district=district, school=school, name=clean.name, content=clean.content,
                                       content_type=clean.content_type, size=clean.size, sha256=clean.sha256,
                                       uploaded_by=_user(actor))
        audit.record(actor, "party_file", row, district=district, school=school,
                     after={"party_file": clean.name, "size": clean.size, "sha256": clean.sha256})
    return row


# --- the tree ---------------------------------------------------------------------------------

def _org_state(org: PartyOrganisation) -> dict[str, Any]:
    return {"party_org": org.name, "party_kind": rules.audit_code("kind", org.kind),
            "school": org.school.code if org.school else None,
            "edu_group": org.education_group.name if org.education_group else None,
            "party_parent": org.parent.name if org.parent else None, "party_founded": org.founded,
            "party_dissolved": org.dissolved, "party_members": org.members}


def _check_parent(district: District, org: PartyOrganisation | None, parent: PartyOrganisation | None,
                  name: str) -> None:
    if parent is None:
        return
    if parent.district_id != district.pk:
        raise refuse("E1252", value=parent.name, rule="party.parent", district=district.name)
    if org is None:
        return
    seen: set[int] = set()
    node: PartyOrganisation | None = parent
    while node is not None and node.pk not in seen:
        if node.pk == org.pk:
            raise refuse("E1251", value=name, rule="party.parent", parent=parent.name)
        seen.add(node.pk)
        node = node.parent


def create_organisation(actor: User | None, district: District, *, name: str, kind: str, founded: dt.date | None,
                        school: School | None = None, group: EducationGroup | None = None,
                        parent: PartyOrganisation | None = None, members: Any = None) -> PartyOrganisation:
    """A party organisation of ``district`` (a school's, a group's committee or the district's)."""
    name = _text(name, ("组织名称", "organisation name"), 128)
    if kind not in PartyOrganisation.Kind.values:
        raise refuse("E1257", value=kind, rule="party.kind", what="组织类型", what_en="kind of organisation")
    _in_district(district, school)
    if group is not None and group.district_id != district.pk:
        raise refuse("E1263", value=group.name, rule="party.group", district=district.name)
    _check_parent(district, None, parent, name)
    founded = _day(founded, "party.founded")
    n = _count(members, ("党员人数", "number of members"), MAX_MEMBERS)
    if PartyOrganisation.objects.filter(district=district, name=name).exists():
        raise refuse("E1261", value=name, rule="party.name", district=district.name)
    with transaction.atomic():
        org = PartyOrganisation.objects.create(district=district, name=name, kind=kind, school=school,
                                               education_group=group, parent=parent, founded=founded, members=n)
        audit.record(actor, "party_org_create", org, district=district, school=school, after=_org_state(org))
    return org


def update_organisation(actor: User | None, org: PartyOrganisation, *, parent: PartyOrganisation | None,
                        members: Any = None, dissolved: dt.date | None = None) -> PartyOrganisation:
    """Move ``org`` under ``parent`` (cycles refused), set its members, or record its dissolution."""
    _check_parent(org.district, org, parent, org.name)
    n = _count(members, ("党员人数", "number of members"), MAX_MEMBERS)
    if dissolved is not None:
        _day(dissolved, "party.dissolved")
        if dissolved < org.founded:
            raise refuse("E1266", value=dissolved.isoformat(), rule="party.dissolved", founded=org.founded.isoformat())
    with transaction.atomic():
        locked = (PartyOrganisation.objects.select_for_update(of=("self",))
                  .select_related("school", "education_group", "parent")
                  .get(pk=org.pk))
        if parent is not None:  # again under the lock: the tree may have changed meanwhile
            _check_parent(locked.district, locked, PartyOrganisation.objects.select_related("parent")
                          .get(pk=parent.pk), locked.name)
        before = _org_state(locked)
        locked.parent, locked.members, locked.dissolved = parent, n, dissolved
        locked.save(update_fields=["parent", "members", "dissolved"])
        audit.record(actor, "party_org_update", locked, district=locked.district, school=locked.school,
                     before=before, after=_org_state(locked))
    return locked


def organisation_on(school: School, day: dt.date) -> PartyOrganisation | None:
    """The school's party organisation in force on ``day`` (the latest founded)."""
    for org in PartyOrganisation.objects.filter(school=school, founded__lte=day).order_by("-founded", "-id"):
        if org.dissolved is None or org.dissolved >= day:
            return org
    return None


# --- posts ------------------------------------------------------------------------------------

def appoint(actor: User | None, *, post: str, person: str, start: dt.date | None, school: School | None = None,
            organisation: PartyOrganisation | None = None, teacher: Teacher | None = None) -> PostHolding:
    """``person`` in ``post`` from ``start``: the principal of ``school``; a secretary or deputy of
    ``organisation`` (by default the school's organisation in force on ``start``). For a
    one-holder post the current holding there ends the day before ``start``."""
    if post not in POST_WORDS:
        raise refuse("E1257", value=post, rule="party.post", what="职务", what_en="post")
    start = _day(start, "party.post.start")
    zh, en = POST_WORDS[post]
    if post == "principal":
        if school is None:
            raise refuse("E1265", value="—", rule="party.post", day=start.isoformat(), post=zh, post_en=en)
        organisation = None
    else:
        if organisation is None and school is not None:
            organisation = organisation_on(school, start)
        if organisation is None:
            raise refuse("E1265", value=school.name if school else "—", rule="party.post", day=start.isoformat(),
                         post=zh, post_en=en)
        if school is not None and organisation.school_id not in (None, school.pk):
            raise refuse("E1250", value=school.name, rule="party.post", district=organisation.district.name)
        school = organisation.school
    name = _text(person, ("姓名", "name"), 64, required=teacher is None) or (teacher.name if teacher else "")
    if teacher is not None and (school is None or teacher.school_id != school.pk or not teacher.active):
        raise refuse("E1255", value=teacher.staff_id, rule="party.post.teacher",
                     school=school.name if school else "—")
    with transaction.atomic():
        where = PostHolding.objects.select_for_update(of=("self",)).filter(post=post, end__isnull=True)
        where = where.filter(organisation=organisation) if organisation is not None else where.filter(school=school)
        current = list(where) if post in PostHolding.SINGLE else []
        before = None
        for h in current:
            if start <= h.start:
                raise refuse("E1256", value=start.isoformat(), rule="party.post.start", post=zh, post_en=en,
                             since=h.start.isoformat())
        for h in current:
            before = {"party_person": h.person, "since": h.start}
            h.end = start - dt.timedelta(days=1)
            h.save(update_fields=["end"])
        holding = PostHolding.objects.create(organisation=organisation, school=school, post=post, person=name,
                                             teacher=teacher, start=start, recorded_by=_user(actor))
        district = organisation.district if organisation is not None else school.district
        audit.record(actor, "party_appoint", holding, district=district, school=school,
                     object_repr=name, before=before,
                     after={"party_post": rules.audit_code("post", post), "party_person": name,
                            "staff_id": teacher.staff_id if teacher else None, "since": start,
                            "party_org": organisation.name if organisation else None})
    return holding


def end_holding(actor: User | None, holding: PostHolding, *, end: dt.date | None) -> PostHolding:
    """End ``holding`` on ``end`` (its last day) without a successor: from the next day the post
    is vacant (空缺) until someone is appointed. ``end`` is not before the start nor after today;
    a holding already ended is not ended again."""
    end = _day(end, "party.post.end")
    zh, en = POST_WORDS.get(holding.post, (holding.post, holding.post))
    with transaction.atomic():
        locked = PostHolding.objects.select_for_update().get(pk=holding.pk)
        if locked.end is not None:
            raise refuse("E1269", value=end.isoformat(), rule="party.post.end", post=zh, post_en=en,
                         detail=(f"该任职已于 {locked.end.isoformat()} 结束",
                                 f"the holding already ended on {locked.end.isoformat()}"))
        if end < locked.start:
            raise refuse("E1269", value=end.isoformat(), rule="party.post.end", post=zh, post_en=en,
                         detail=(f"早于任职开始日期 {locked.start.isoformat()}",
                                 f"it is before the start {locked.start.isoformat()}"))
        locked.end = end
        locked.save(update_fields=["end"])
        org = locked.organisation
        district = org.district if org is not None else locked.school.district
        audit.record(actor, "party_end_holding", locked, district=district, school=locked.school,
                     object_repr=locked.person, before={"party_end": None},
                     after={"party_post": rules.audit_code("post", locked.post), "party_person": locked.person,
                            "since": locked.start, "party_end": end})
    holding.end = end
    return locked


# --- duty lists -------------------------------------------------------------------------------

def _lines(text: str | Sequence[str]) -> list[str]:
    raw = text.splitlines() if isinstance(text, str) else list(text)
    return [_text(line, ("职责", "duty"), 200) for line in raw if line.strip()]


def save_duties(actor: User | None, school: School, *, year: int, as_of: dt.date | None,
                secretary: str | Sequence[str], principal: str | Sequence[str]) -> DutyList:
    """A new version of the school's 一校一策 duty list for ``year``, in force from ``as_of``."""
    as_of = _day(as_of, "party.duties.as_of")
    if not EARLIEST.year <= int(year) <= timezone.localdate().year + 1:
        raise refuse("E1254", value=str(year), rule="party.duties.year",
                     detail=(f"{EARLIEST.year}–{timezone.localdate().year + 1}",
                             f"{EARLIEST.year}–{timezone.localdate().year + 1}"))
    sec, pri = _lines(secretary)[:MAX_DUTIES], _lines(principal)[:MAX_DUTIES]
    if not sec or not pri:
        raise refuse("E1262", value=str(year), rule="party.duties", school=school.name)
    with transaction.atomic():
        row = DutyList.objects.create(school=school, year=int(year), as_of=as_of, secretary_duties=sec,
                                      principal_duties=pri, recorded_by=_user(actor))
        audit.record(actor, "party_duties", row, school=school, object_repr=f"{school.name} {year}",
                     after={"party_year": str(year), "party_as_of": as_of, "party_secretary_duties": sec,
                            "party_principal_duties": pri})
    return row


# --- meetings ---------------------------------------------------------------------------------

def _meeting_fields(kind: str, title: str, held_on: dt.date | None, attendees: Any,
                    decisions: Sequence[tuple[str, str, bool]]) -> tuple[str, dt.date, int | None,
                                                                         list[tuple[str, str, bool]]]:
    today = timezone.localdate()
    _code(kind, rules.meeting_kinds(today), ("会议类型", "kind of meeting"), "party.meeting.kind")
    title = _text(title, ("会议名称", "title"), 120)
    held_on = _day(held_on, "party.meeting.held_on")
    n = _count(attendees, ("参会人数", "number of attendees"), MAX_MEMBERS)
    majors = rules.major_kinds(today)
    clean: list[tuple[str, str, bool]] = []
    for text, major, prior in decisions:
        if not (text or "").strip():
            continue
        if major:
            _code(major, majors, ("“三重一大”类别", "kind of 三重一大 item"), "party.decision.major")
        clean.append((_text(text, ("议定事项", "decision"), 200), major or "", bool(prior)))
    return title, held_on, n, clean


def _meeting_state(m: Meeting, decisions: Sequence[Decision]) -> dict[str, Any]:
    return {"party_meeting": rules.audit_code("meeting", m.kind), "party_title": m.title, "held_on": m.held_on,
            "attendees": m.attendees,
            "party_decisions": [{"party_decision": d.text, "party_major": rules.audit_code("major", d.major),
                                 "party_prior_study": d.prior_study} for d in decisions],
            "party_minutes": m.minutes.name if m.minutes else None}


def record_meeting(actor: User | None, school: School, *, kind: str, title: str, held_on: dt.date | None,
                   attendees: Any = None, decisions: Sequence[tuple[str, str, bool]] = (),
                   minutes: Any = None) -> Meeting:
    """A meeting of ``school`` with its decisions ``(text, 三重一大 kind code or "", prior study)``
    and its minutes (an evidence file)."""
    title, held_on, n, clean = _meeting_fields(kind, title, held_on, attendees, decisions)
    if not clean and minutes is None:
        raise refuse("E1267", value=title, rule="party.meeting")
    with transaction.atomic():
        file = store_file(actor, school.district, school, minutes) if minutes is not None else None
        meeting = Meeting.objects.create(school=school, kind=kind, title=title, held_on=held_on, attendees=n,
                                         minutes=file, recorded_by=_user(actor))
        Decision.objects.bulk_create([Decision(meeting=meeting, text=t, major=m, prior_study=p) for t, m, p in clean])
        audit.record(actor, "party_meeting", meeting, school=school,
                     after={"party_meeting": rules.audit_code("meeting", kind), "party_title": title,
                            "held_on": held_on, "attendees": n,
                            "party_decisions": [{"party_decision": t, "party_major": rules.audit_code("major", m),
                                                 "party_prior_study": p} for t, m, p in clean],
                            "party_minutes": file.name if file else None})
    return meeting


def update_meeting(actor: User | None, meeting: Meeting, *, kind: str, title: str, held_on: dt.date | None,
                   attendees: Any = None, decisions: Sequence[tuple[str, str, bool]] = (),
                   minutes: Any = None) -> Meeting:
    """Correct ``meeting``: its fields and its decisions (replaced by ``decisions``); new minutes
    replace the old. The audit trail keeps what it was."""
    title, held_on, n, clean = _meeting_fields(kind, title, held_on, attendees, decisions)
    if not clean and minutes is None and meeting.minutes_id is None:
        raise refuse("E1267", value=title, rule="party.meeting")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("school", "minutes").get(pk=meeting.pk)
        before = _meeting_state(locked, list(locked.decisions.all()))
        file = store_file(actor, locked.school.district, locked.school, minutes) if minutes is not None else None
        old_file = locked.minutes if file is not None else None
        locked.kind, locked.title, locked.held_on, locked.attendees = kind, title, held_on, n
        if file is not None:
            locked.minutes = file
        locked.save(update_fields=["kind", "title", "held_on", "attendees", "minutes"])
        locked.decisions.all().delete()
        Decision.objects.bulk_create([Decision(meeting=locked, text=t, major=m, prior_study=p) for t, m, p in clean])
        audit.record(actor, "party_meeting_edit", locked, school=locked.school, before=before,
                     after=_meeting_state(locked, list(locked.decisions.all())))
        if old_file is not None and not Meeting.objects.filter(minutes=old_file).exists():
            old_file.delete()
    return locked


def delete_meeting(actor: User | None, meeting: Meeting, *, confirmed: bool) -> None:
    """Delete ``meeting`` (recorded by mistake) with its decisions and its minutes; the audit
    trail keeps what it was. ``Refused`` (E1268) unless the deletion was confirmed."""
    if not confirmed:
        raise refuse("E1268", value=meeting.title, rule="party.meeting.delete")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update(of=("self",)).select_related("school", "minutes").get(pk=meeting.pk)
        decisions = list(locked.decisions.all())
        before = _meeting_state(locked, decisions)
        audit.record(actor, "party_meeting_delete", locked, school=locked.school, before=before)
        minutes = locked.minutes
        locked.delete()  # its decisions go with it
        if minutes is not None and not Meeting.objects.filter(minutes=minutes).exists():
            minutes.delete()


# --- the group community's checklist ------------------------------------------------------------

def set_community_item(actor: User | None, group: EducationGroup, *, year: int, item: str, done: bool,
                       note: str = "", upload: Any = None) -> CommunityItem:
    """The state of one 七联七化 item of ``group`` for ``year``, with a note and an evidence file."""
    today = timezone.localdate()
    _code(item, rules.community_items(today), ("“七联七化”事项", "community item"), "party.community.item")
    if not 2000 <= int(year) <= today.year:
        raise refuse("E1254", value=str(year), rule="party.community.year",
                     detail=(f"2000–{today.year}", f"2000–{today.year}"))
    note = _text(note, ("说明", "note"), 300, required=False)
    with transaction.atomic():
        row, created = (CommunityItem.objects.select_for_update(of=("self",))
                        .get_or_create(group=group, year=int(year), item=item))
        before = None if created else {"party_done": row.done, "note": row.note}
        file = store_file(actor, group.district, None, upload) if upload is not None else None
        row.done, row.note, row.updated_by = bool(done), note, _user(actor)
        row.save()
        if file is not None:
            row.evidence.add(file)
        audit.record(actor, "party_community", row, district=group.district,
                     object_repr=f"{group.name} {year} {item}", before=before,
                     after={"edu_group": group.name, "party_year": str(year),
                            "party_item": rules.audit_code("item", item), "party_done": bool(done), "note": note,
                            "evidence": file.name if file else None})
    return row
