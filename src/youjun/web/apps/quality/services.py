"""Every write of the comprehensive quality evaluation, each in a transaction, each audited.

The workflow: a record is entered (by the pupil, a guardian or a teacher, always attributed) →
each term the pupil (with a guardian) selects representative records per dimension → the head
teacher opens the class's publication window (公示) → pupils and guardians of the class may
object during it; the head teacher answers each (upheld: the record is withdrawn; rejected: with
a reason) → after the window, with every objection answered, the head teacher confirms each
pupil's term record → the pupil or a guardian signs with their own account → locked. The bureau
corrects a locked record only by an addendum. Refusals are catalogue problems (E1080–E1109).

Who may call what is checked twice: the views answer 404/403 by ``pupils.access``; the services
refuse what the role may not do whatever the page (a teacher never writes or signs for a pupil).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from youjun.core import quality as rules
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, User
from youjun.web.apps.pupils import access
from youjun.web.apps.pupils.models import ClassGroup, Enrolment, Pupil
from youjun.web.apps.pupils.services import Refused, refuse
from youjun.web.apps.quality.files import clean_file
from youjun.web.apps.quality.models import (
    Addendum,
    DistrictSetting,
    Evidence,
    Grade,
    Objection,
    Publication,
    Record,
    TermRecord,
)

__all__ = ["Refused"]

WHO = {rules.FAMILY: ("学生本人或家长", "the pupil or a guardian"), rules.TEACHER: ("任课教师", "a teacher"),
       rules.SYSTEM: ("体质健康测试导入", "the fitness import")}


def today() -> dt.date:
    return timezone.localdate()


def term_words(school_year: str, term: int) -> tuple[str, str]:
    zh = f"{school_year}学年第{'一' if term == 1 else '二'}学期"
    en = f"term {term} of {school_year}"
    return zh, en


def _term_ctx(school_year: str, term: int) -> dict[str, Any]:
    zh, en = term_words(school_year, term)
    return {"term_zh": zh, "term_en": en}


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def publication_for(pupil: Pupil, school_year: str, term: int) -> Publication | None:
    """The publication of the pupil's class of ``school_year`` and ``term``, if opened."""
    class_group = class_of(pupil, school_year)
    if class_group is None:
        return None
    return Publication.objects.filter(class_group=class_group, school_year=school_year, term=term).first()


def _not_published(pupil: Pupil, school_year: str, term: int, day: dt.date | None = None) -> None:
    """A publication covers the records entered and selected before it opened: none is added,
    reselected or rewritten once the window opened (only an objection's answer changes one)."""
    pub = publication_for(pupil, school_year, term)
    if pub is not None and pub.opens_on <= (day or today()):
        raise refuse("E1106", value=pub.opens_on.isoformat(), rule="quality.published",
                     day_zh=zh_date(pub.opens_on), **_term_ctx(school_year, term))


def _check_day(day: dt.date, school_year: str, term: int, now: dt.date) -> None:
    """The term has begun (E1108) and the record's day falls in it, not after today (E1103)."""
    first, last = rules.term_bounds(school_year, term)
    if first > now:
        raise refuse("E1108", value=first.isoformat(), rule="quality.term", day_zh=zh_date(first),
                     **_term_ctx(school_year, term))
    if not first <= day <= min(last, now):
        raise refuse("E1103", value=day.isoformat(), rule="quality.day", day_zh=zh_date(day), first=first.isoformat(),
                     last=last.isoformat(), first_zh=zh_date(first), last_zh=zh_date(last),
                     **_term_ctx(school_year, term))


def rules_for(district: District, as_of: dt.date | None = None) -> rules.QualityRules:
    """The rules in force with the district's own settings laid over them."""
    row = DistrictSetting.objects.filter(district=district).first()
    return rules.load_rules(as_of, district_values=row.values if row else None)


def class_of(pupil: Pupil, school_year: str) -> ClassGroup | None:
    row = Enrolment.objects.filter(pupil=pupil, school_year=school_year).select_related("class_group").first()
    return row.class_group if row else None


def term_record(pupil: Pupil, school_year: str, term: int) -> TermRecord:
    row, _ = TermRecord.objects.get_or_create(pupil=pupil, school_year=school_year, term=term,
                                              defaults={"class_group": class_of(pupil, school_year)})
    return row


def _not_locked(pupil: Pupil, school_year: str, term: int) -> TermRecord:
    row = TermRecord.objects.select_for_update().filter(pupil=pupil, school_year=school_year, term=term).first()
    row = row or term_record(pupil, school_year, term)
    if row.state != TermRecord.State.OPEN:
        raise refuse("E1082", value=row.state, rule="quality.locked", **_term_ctx(school_year, term))
    return row


def family_role(user: Any, pupil: Pupil) -> str:
    if access.is_self(user, pupil):
        return "pupil"
    if access.is_guardian(user, pupil):
        return "guardian"
    return ""


def entry_role(user: Any, pupil: Pupil, school_year: str, by: str, kind_label: str) -> str:
    """The role ``user`` enters a record of a kind entered ``by`` (family/teacher), or Refused."""
    family = family_role(user, pupil)
    teacher = access.teaches_pupil(user, pupil, school_year)
    if by == rules.FAMILY and family:
        return family
    if by == rules.TEACHER and teacher:
        return "teacher"
    if by == rules.FAMILY and teacher:
        raise refuse("E1080", value=kind_label, rule="quality.entered_by")
    if not family and not teacher:
        raise refuse("E1101", rule="quality.entered_by")
    zh, en = WHO[by]
    raise refuse("E1081", value=kind_label, rule="quality.entered_by", who_zh=zh, who_en=en)


def _hours(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        hours = Decimal(str(value).strip())
        ok = hours.is_finite() and Decimal(0) <= hours <= Decimal(500) and hours == hours.quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        ok = False
    if not ok:
        raise refuse("E1104", value=value, rule="quality.hours")
    return hours.quantize(Decimal("0.1"))


@transaction.atomic
def add_record(actor: User, pupil: Pupil, *, school_year: str, term: int, dimension: str, kind: str, title: str,
               day: dt.date, description: str = "", hours: Any = None,
               files: Iterable[tuple[bytes, str]] = (), ip: str = "", now: dt.date | None = None) -> Record:
    """A record entered by the pupil, a guardian or a teacher (never on the pupil's behalf)."""
    r = rules_for(pupil.school.district)
    kind_row = r.kind(kind)
    role = entry_role(actor, pupil, school_year, kind_row.by, kind_row.zh)
    r.dimension(dimension)
    _check_day(day, school_year, term, now or today())
    amount = _hours(hours)
    _not_locked(pupil, school_year, term)
    _not_published(pupil, school_year, term, now)
    uploads = list(files)
    limits = r.settings["evidence"]
    if len(uploads) > int(limits["max_files_per_record"]):
        raise refuse("E1085", value=len(uploads), rule="quality.evidence", limit=limits["max_files_per_record"])
    cleaned = [clean_file(data, name, limits) for data, name in uploads]
    record = Record.objects.create(pupil=pupil, school_year=school_year, term=term, dimension=dimension, kind=kind,
                                   title=title.strip()[:120], day=day, description=description.strip(),
                                   hours=amount, entered_by=actor, entered_role=role)
    for f in cleaned:
        Evidence.objects.create(record=record, name=f.name, content=f.content, content_type=f.content_type,
                                size=f.size, sha256=f.sha256, stored_sha256=f.stored_sha256, uploaded_by=actor)
    audit.record(actor, "quality_record_add", record, school=pupil.school, ip=ip,
                 after={"title": record.title, "school_year": school_year, "term": term, "files": len(cleaned)})
    return record


@transaction.atomic
def add_fitness_record(pupil: Pupil, *, school_year: str, term: int, title: str, day: dt.date, source: str,
                       description: str = "", actor: User | None = None, ip: str = "") -> Record:
    """The fitness hook: a result of the fitness standard as a 身心健康 record, naming its source."""
    _not_locked(pupil, school_year, term)
    _not_published(pupil, school_year, term)
    record = Record.objects.create(pupil=pupil, school_year=school_year, term=term, dimension="health",
                                   kind="fitness", title=title[:120], day=day, description=description,
                                   source=source[:64], entered_by=actor, entered_role=Record.Role.SYSTEM)
    audit.record(actor, "quality_fitness_record", record, school=pupil.school, ip=ip,
                 after={"title": record.title, "school_year": school_year, "term": term})
    return record


@transaction.atomic
def add_habits_record(pupil: Pupil, *, school_year: str, term: int, dimension: str, title: str, day: dt.date,
                      source: str, description: str = "", actor: User | None = None, ip: str = "") -> Record:
    """The habits hook: a pupil's good-habits term summary as a record of the dimension the local
    rule (rules/quality/feeds.yaml) maps it to, naming its source; entered by the system."""
    _not_locked(pupil, school_year, term)
    _not_published(pupil, school_year, term)
    record = Record.objects.create(pupil=pupil, school_year=school_year, term=term, dimension=dimension,
                                   kind="habits", title=title[:120], day=day, description=description,
                                   source=source[:64], entered_by=actor, entered_role=Record.Role.SYSTEM)
    audit.record(actor, "quality_habits_record", record, school=pupil.school, ip=ip,
                 after={"title": record.title, "school_year": school_year, "term": term})
    return record


@transaction.atomic
def refresh_system_record(record: Record, *, title: str, description: str, day: dt.date,
                          actor: User | None = None, ip: str = "") -> Record:
    """A system record (fitness, habits) whose figures changed: rewritten in place (its selection
    kept), the figures before and after audited. Not when its term is confirmed or locked."""
    _not_locked(record.pupil, record.school_year, record.term)
    _not_published(record.pupil, record.school_year, record.term)
    before = {"title": record.title, "description": record.description}
    record.title, record.description, record.day = title[:120], description, day
    record.save(update_fields=["title", "description", "day"])
    audit.record(actor, "quality_feed_refresh", record, school=record.pupil.school, ip=ip, before=before,
                 after={"title": record.title, "description": record.description})
    return record


@transaction.atomic
def select_records(actor: User, pupil: Pupil, school_year: str, term: int, record_ids: Iterable[int],
                   *, ip: str = "") -> int:
    """The pupil's (or a guardian's) choice of representative records: the rest are unselected."""
    if not family_role(actor, pupil):
        raise refuse("E1080", value="代表性记录", rule="quality.select")
    _not_locked(pupil, school_year, term)
    _not_published(pupil, school_year, term)
    r = rules_for(pupil.school.district)
    cap = int(r.settings["selection_cap_per_dimension"])
    rows = Record.objects.filter(pupil=pupil, school_year=school_year, term=term, withdrawn=False)
    wanted = set(int(i) for i in record_ids)
    chosen = [x for x in rows if x.pk in wanted]
    per: dict[str, int] = {}
    for x in chosen:
        per[x.dimension] = per.get(x.dimension, 0) + 1
    for dim, n in per.items():
        if n > cap:
            d = r.dimension(dim)
            raise refuse("E1086", value=n, rule="quality.selection_cap", limit=cap, dimension_zh=d.zh,
                         dimension_en=d.en)
    now = timezone.now()
    rows.exclude(pk__in=[x.pk for x in chosen]).update(selected=False, selected_by=None, selected_at=None)
    for x in chosen:
        if not x.selected:
            x.selected, x.selected_by, x.selected_at = True, actor, now
            x.save(update_fields=["selected", "selected_by", "selected_at"])
    audit.record(actor, "quality_select", pupil, school=pupil.school, ip=ip,
                 after={"school_year": school_year, "term": term, "records": [x.title for x in chosen]})
    return len(chosen)


def _head(actor: Any, class_group: ClassGroup) -> None:
    if not access.teaches(actor, class_group, head_only=True):  # the views answer 403 first
        raise refuse("E1098", value=str(class_group), rule="quality.head_teacher")


@transaction.atomic
def open_publication(actor: User, class_group: ClassGroup, term: int, *, start: dt.date | None = None,
                     ip: str = "") -> Publication:
    """The head teacher opens the class's publication window of ``term`` (school days, local rule)."""
    _head(actor, class_group)
    found = Publication.objects.filter(class_group=class_group, school_year=class_group.school_year, term=term).first()
    if found is not None:
        raise refuse("E1087", value=found.opens_on.isoformat(), rule="quality.publication",
                     **_term_ctx(class_group.school_year, term))
    days = int(rules_for(class_group.school.district).settings["publication_days"])
    opens = start or today()
    pub = Publication.objects.create(class_group=class_group, school_year=class_group.school_year, term=term,
                                     opens_on=opens, closes_on=rules.publication_end(opens, days), school_days=days,
                                     opened_by=actor)
    audit.record(actor, "quality_publish", pub, school=class_group.school, ip=ip,
                 after={"class": str(class_group), "school_year": pub.school_year, "term": term,
                        "opens_on": pub.opens_on, "closes_on": pub.closes_on, "school_days": days})
    return pub


def class_pupils(class_group: ClassGroup) -> list[Pupil]:
    return [e.pupil for e in Enrolment.objects.filter(class_group=class_group).select_related("pupil")
            .order_by("pupil__student_id")]


@transaction.atomic
def raise_objection(actor: User, publication: Publication, pupil: Pupil, record: Record | None, reason: str,
                    *, ip: str = "", now: dt.date | None = None) -> Objection:
    """A pupil or guardian of the class objects to a published item during the window."""
    members = Pupil.objects.filter(enrolments__class_group=publication.class_group)
    if not members.filter(Q(user=actor) | Q(guardians__user=actor)).exists():
        raise refuse("E1098", value=str(publication.class_group), rule="quality.objection")
    record = Record.objects.filter(pk=record.pk).first() if record is not None else None  # as stored now
    published = record is None or (record.pupil_id == pupil.pk and record.school_year == publication.school_year
                                   and record.term == publication.term and record.selected and not record.withdrawn)
    if not members.filter(pk=pupil.pk).exists() or not published:
        raise refuse("E1098", value=str(publication.class_group), rule="quality.objection")
    day = now or today()
    if rules.window_state(publication.opens_on, publication.closes_on, day) != "open":
        raise refuse("E1088", value=day.isoformat(), rule="quality.window", opens=publication.opens_on.isoformat(),
                     closes=publication.closes_on.isoformat())
    if not reason.strip():
        raise refuse("E1089", rule="quality.objection", what_zh="异议", what_en="An objection")
    row = Objection.objects.create(publication=publication, pupil=pupil, record=record, reason=reason.strip(),
                                   raised_by=actor)
    audit.record(actor, "quality_objection", row, school=publication.class_group.school, ip=ip,
                 after={"title": record.title if record else "", "reason": row.reason})
    return row


@transaction.atomic
def answer_objection(actor: User, objection: Objection, *, upheld: bool = False, answer: str,
                     correction: Mapping[str, Any] | None = None, ip: str = "") -> Objection:
    """The head teacher's answer, a reason always: upheld withdraws the record; a correction
    (title, date, description) rewrites it with the objection as the reason, what it was kept on
    the record and in the audit; rejected keeps it."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    _head(actor, objection.publication.class_group)
    if objection.state != Objection.State.OPEN:
        raise refuse("E1090", value=timezone.localtime(objection.answered_at).date().isoformat()
                     if objection.answered_at else "", rule="quality.objection")
    if not answer.strip():
        raise refuse("E1089", rule="quality.answer", what_zh="答复", what_en="An answer")
    rec = Record.objects.select_for_update().filter(pk=objection.record_id).first() if objection.record_id else None
    before: dict[str, Any] = {}
    if correction is not None:
        if rec is None:  # an objection to the grades: the grades are proposed again, not corrected here
            raise refuse("E1098", value=str(objection.publication.class_group), rule="quality.correct")
        title = str(correction.get("title") or "").strip()[:120]
        if not title:
            raise refuse("E1089", rule="quality.correct", what_zh="更正后的标题", what_en="A corrected title")
        day = correction.get("day")
        if not isinstance(day, dt.date):
            raise refuse("E1103", value=str(day or ""), rule="quality.correct", day_zh=str(day or "—"),
                         **_day_ctx(rec.school_year, rec.term))
        _check_day(day, rec.school_year, rec.term, today())
        description = str(correction.get("description") or "").strip()
        before = {"title": rec.title, "day": rec.day.isoformat(), "description": rec.description}
        was = f"“{rec.title}”（{zh_date(rec.day)}）"
        rec.correction = (f"{zh_date(today())}依异议更正：原为{was}。异议：{objection.reason}。"
                          f"班主任答复：{answer.strip()}")
        rec.title, rec.day, rec.description = title, day, description
        rec.save(update_fields=["title", "day", "description", "correction"])
        objection.state = Objection.State.CORRECTED
    else:
        objection.state = Objection.State.UPHELD if upheld else Objection.State.REJECTED
        if upheld and rec is not None:
            rec.withdrawn, rec.withdrawn_reason, rec.selected = True, answer.strip(), False
            rec.save(update_fields=["withdrawn", "withdrawn_reason", "selected"])
    objection.answer, objection.answered_by, objection.answered_at = answer.strip(), actor, timezone.now()
    objection.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    after: dict[str, Any] = {"upheld": objection.state != Objection.State.REJECTED,
                             "corrected": objection.state == Objection.State.CORRECTED}
    if rec is not None:
        after.update({"title": rec.title, "day": rec.day.isoformat(), "description": rec.description}
                     if before else {"title": rec.title})
    audit.record(actor, "quality_objection_answer", objection, school=objection.publication.class_group.school,
                 ip=ip, before=before or None, after=after)
    return objection


def _day_ctx(school_year: str, term: int) -> dict[str, Any]:
    first, last = rules.term_bounds(school_year, term)
    return {"first": first.isoformat(), "last": last.isoformat(), "first_zh": zh_date(first),
            "last_zh": zh_date(last), **_term_ctx(school_year, term)}


@transaction.atomic
def confirm(actor: User, class_group: ClassGroup, pupil: Pupil, term: int, *, ip: str = "",
            now: dt.date | None = None) -> TermRecord:
    """The head teacher confirms a pupil's term record: after the window, every objection answered."""
    _head(actor, class_group)
    year = class_group.school_year
    if class_of(pupil, year) != class_group:
        raise refuse("E1098", value=str(class_group), rule="quality.confirm")
    pub = Publication.objects.filter(class_group=class_group, school_year=year, term=term).first()
    if pub is None:
        raise refuse("E1099", rule="quality.confirm", **_term_ctx(year, term))
    if rules.window_state(pub.opens_on, pub.closes_on, now or today()) != "closed":
        raise refuse("E1091", value=pub.closes_on.isoformat(), rule="quality.confirm")
    waiting = pub.objections.filter(state=Objection.State.OPEN).count()
    if waiting:
        raise refuse("E1092", value=waiting, rule="quality.confirm")
    if not Record.objects.filter(pupil=pupil, school_year=year, term=term, selected=True, withdrawn=False).exists():
        raise refuse("E1107", value=pupil.name, rule="quality.confirm")
    row = _not_locked(pupil, year, term)
    row.state = rules.step(row.state, "confirm")
    row.confirmed_by, row.confirmed_at, row.class_group = actor, timezone.now(), class_group
    row.save(update_fields=["state", "confirmed_by", "confirmed_at", "class_group"])
    audit.record(actor, "quality_confirm", row, school=class_group.school, ip=ip,
                 after={"school_year": year, "term": term})
    return row


@transaction.atomic
def sign(actor: User, pupil: Pupil, school_year: str, term: int, *, ip: str = "") -> TermRecord:
    """The pupil or a guardian signs the confirmed term record with their own account: locked."""
    role = family_role(actor, pupil)
    if not role:
        raise refuse("E1080", value="签字确认", rule="quality.sign")
    row = TermRecord.objects.select_for_update().filter(pupil=pupil, school_year=school_year, term=term).first()
    state = str(row.state) if row else "open"
    if row is None or state != TermRecord.State.CONFIRMED:
        words = rules.TERM_STATES[state][0]
        raise refuse("E1093", value=words, rule="quality.sign", **_term_ctx(school_year, term))
    row.state = rules.step(row.state, "sign")
    row.signed_by, row.signed_role, row.signed_at = actor, role, timezone.now()
    row.save(update_fields=["state", "signed_by", "signed_role", "signed_at"])
    audit.record(actor, "quality_sign", row, school=pupil.school, ip=ip,
                 after={"school_year": school_year, "term": term})
    return row


@transaction.atomic
def propose_grades(actor: User, class_group: ClassGroup, pupil: Pupil, term: int, grades: Mapping[str, str],
                   comment: str, *, ip: str = "") -> list[Grade]:
    """The head teacher's grades A–D of the five dimensions and comment, checked against the quotas."""
    _head(actor, class_group)
    year, school = class_group.school_year, class_group.school
    if class_of(pupil, year) != class_group:
        raise refuse("E1098", value=str(class_group), rule="quality.grades")
    r = rules_for(school.district)
    settings = r.settings
    if settings["grades_per"] == "graduation" and class_group.grade not in settings["graduation_grades"]:
        raise refuse("E1095", value="、".join(str(g) for g in settings["graduation_grades"]), rule="quality.grades_per")
    missing = [d.zh for d in r.dimensions if grades.get(d.code) not in rules.GRADES]
    if not comment.strip():
        missing.append("评语")
    if missing:
        raise refuse("E1096", value="、".join(missing), rule="quality.grades")
    row = _not_locked(pupil, year, term)
    cohort = Enrolment.objects.filter(school_year=year, class_group__school=school,
                                      class_group__grade=class_group.grade).count()
    for d in r.dimensions:
        g = grades[d.code]
        others = (Grade.objects.filter(school=school, school_year=year, term=term, cohort_grade=class_group.grade,
                                       dimension=d.code, grade=g).exclude(pupil=pupil).count())
        breach = rules.check_quota(g, others + 1, cohort, settings["quota_pct"])
        if breach is not None:
            raise refuse("E1094", value=g, rule="quality.quota", count=breach.count, limit=breach.limit,
                         cohort=breach.cohort, pct=f"{breach.pct:g}", grade=class_group.grade,
                         dimension_zh=d.zh, dimension_en=d.en)
    out = []
    for d in r.dimensions:
        obj, _ = Grade.objects.update_or_create(pupil=pupil, school_year=year, term=term, dimension=d.code,
                                                defaults={"grade": grades[d.code], "cohort_grade": class_group.grade,
                                                          "school": school, "proposed_by": actor})
        out.append(obj)
    row.comment, row.comment_by = comment.strip(), actor
    row.save(update_fields=["comment", "comment_by"])
    audit.record(actor, "quality_grades", row, school=school, ip=ip,
                 after={"school_year": year, "term": term,
                        "letter_grades": [grades[d.code] for d in r.dimensions]})
    return out


@transaction.atomic
def add_addendum(actor: User, pupil: Pupil, school_year: str, term: int, text: str, *, ip: str = "") -> Addendum:
    """The bureau's audited correction of an archived term record."""
    row = TermRecord.objects.filter(pupil=pupil, school_year=school_year, term=term).first()
    if row is None or row.state != TermRecord.State.LOCKED:
        state = str(row.state) if row else "open"
        raise refuse("E1097", value=rules.TERM_STATES[state][0], rule="quality.addendum",
                     **_term_ctx(school_year, term))
    if not text.strip():
        raise refuse("E1089", rule="quality.addendum", what_zh="补充说明", what_en="An addendum")
    add = Addendum.objects.create(term_record=row, text=text.strip(), added_by=actor)
    audit.record(actor, "quality_addendum", add, school=pupil.school, ip=ip,
                 after={"school_year": school_year, "term": term, "text": text.strip()[:200]})
    return add


def _shown(values: Mapping[str, Any]) -> dict[str, Any]:
    """District settings for the history page: labelled keys, no coded values."""
    out: dict[str, Any] = {}
    if "selection_cap_per_dimension" in values:
        out["selection_cap_per_dimension"] = values["selection_cap_per_dimension"]
    if "publication_days" in values:
        out["publication_days"] = values["publication_days"]
    if "grades_per" in values:
        out["grades_every_term"] = values["grades_per"] == "term"
    if "quota_pct" in values:
        out["quota_a_pct"] = (values["quota_pct"] or {}).get("A")
    return out


@transaction.atomic
def save_district_settings(actor: User, district: District, values: Mapping[str, Any], *,
                           ip: str = "") -> DistrictSetting:
    """The bureau's own values of the local settings (checked; E1100 names the wrong one)."""
    try:
        checked = rules.check_district_values(values)
    except rules.QualityRulesError as exc:
        raise refuse("E1100", rule="quality.settings", detail=(exc.detail_zh, exc.detail)) from None
    row, _ = DistrictSetting.objects.get_or_create(district=district)
    before = dict(row.values)
    row.values, row.updated_by = checked, actor
    row.save()
    audit.record(actor, "quality_settings", row, district=district, ip=ip, before=_shown(before), after=_shown(checked))
    return row
