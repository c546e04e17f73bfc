"""Reads of the teachers' career records: the filtered, paged lists of a district or a school,
one teacher's record for its page, the counts of a school's panel. Every read takes a queryset
already scoped by ``workforce.access``."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from youjun.core import schema
from youjun.core.rules import load_ruleset
from youjun.core.workforce_career import Eligibility, eligibility
from youjun.web.apps.schools.models import Snapshot
from youjun.web.apps.workforce.models import (
    Assignment,
    Evidence,
    Honour,
    KeyTeacherAward,
    Qualification,
    Teacher,
    TitleAward,
)

RULESET = "cn-2017"  # the method the planner's rotation pool reads G11 from


@functools.lru_cache(maxsize=8)
def rotation_min_years(as_of: dt.date) -> int:
    """The years at one school that make a teacher eligible for rotation: rule G11's
    ``eligible_min_years``, read as ``youjun.plan.rotation_pool`` reads it."""
    g11 = load_ruleset(RULESET, as_of=as_of).items.get("g11", {})
    return int(g11.get("eligible_min_years", 6))


def years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


CHOICES: dict[str, tuple[schema.Choice, ...]] = {
    "section": schema.SECTIONS, "subject": schema.SUBJECTS, "qualification": schema.QUALIFICATIONS,
    "title": schema.TITLES, "key_tier": schema.KEY_TEACHER_TIERS, "key_level": schema.AWARD_LEVELS,
}


def label(kind: str, code: str, lang: str = "zh") -> str:
    for c in CHOICES[kind]:
        if c.code == code:
            return c.zh if lang == "zh" else c.en
    return code


def current_key_q(today: dt.date) -> Q:
    return Q(end__isnull=True) | Q(end__gte=today)


def annotated(teachers: QuerySet[Teacher], today: dt.date) -> QuerySet[Teacher]:
    """Each teacher with ``since`` (start of the open assignment), ``title_now`` (latest title)
    and ``key_now`` (the tier of a key-teacher term running today)."""
    open_stretch = Assignment.objects.filter(teacher=OuterRef("pk"), end__isnull=True).order_by("-start")
    latest_title = TitleAward.objects.filter(teacher=OuterRef("pk")).order_by("-awarded_on", "-id")
    key_now = (KeyTeacherAward.objects.filter(teacher=OuterRef("pk"), start__lte=today)
               .filter(current_key_q(today)).exclude(tier="none").order_by("-start", "-id"))
    return teachers.annotate(since=Subquery(open_stretch.values("start")[:1]),
                             title_now=Subquery(latest_title.values("title")[:1]),
                             key_now=Subquery(key_now.values("tier")[:1]))


@dataclass
class Filters:
    school: str = ""
    subject: str = ""
    title: str = ""
    key_tier: str = ""  # a tier code, or "any"
    eligible: bool = False
    q: str = ""


def filtered(teachers: QuerySet[Teacher], f: Filters, *, today: dt.date, names: bool) -> QuerySet[Teacher]:
    qs = annotated(teachers.filter(active=True), today).select_related("school")
    if f.school:
        qs = qs.filter(school__code=f.school)
    if f.subject:
        qs = qs.filter(subject=f.subject)
    if f.title:
        qs = qs.filter(title_now=f.title)
    if f.key_tier == "any":
        qs = qs.filter(key_now__isnull=False)
    elif f.key_tier:
        qs = qs.filter(key_now=f.key_tier)
    if f.eligible:
        qs = qs.filter(since__lte=years_ago(today, rotation_min_years(today)))
    text = f.q.strip()
    if text:
        cond = Q(staff_id__icontains=text)
        if names:
            cond |= Q(name__icontains=text)
        qs = qs.filter(cond)
    return qs.order_by("school__code", "staff_id")


@dataclass(frozen=True)
class Counts:
    teachers: int
    key: int
    eligible: int
    min_years: int


def counts(teachers: QuerySet[Teacher], today: dt.date) -> Counts:
    """Current teachers, those in a key-teacher term today, those eligible for rotation."""
    active = teachers.filter(active=True)
    years = rotation_min_years(today)
    key = KeyTeacherAward.objects.filter(teacher=OuterRef("pk"), start__lte=today).filter(
        current_key_q(today)).exclude(tier="none")
    eligible = Assignment.objects.filter(teacher=OuterRef("pk"), end__isnull=True,
                                         start__lte=years_ago(today, years))
    return Counts(active.count(), active.filter(Exists(key)).count(), active.filter(Exists(eligible)).count(), years)


@dataclass
class Stretch:
    assignment: Assignment
    years: int
    current: bool


@dataclass
class Record:
    teacher: Teacher
    eligibility: Eligibility
    stretches: list[Stretch] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    titles: list[TitleAward] = field(default_factory=list)
    key_awards: list[tuple[KeyTeacherAward, bool]] = field(default_factory=list)  # (award, running today)
    honours: list[Honour] = field(default_factory=list)
    reused: set[int] = field(default_factory=set)  # evidence ids whose file is stored for another teacher
    rotations: int = 0


def record(teacher: Teacher, today: dt.date | None = None) -> Record:
    today = today or timezone.localdate()
    assignments = list(teacher.assignments.select_related("school", "from_school").order_by("start", "id"))
    elig = eligibility([(a.school_id, a.start, a.end) for a in assignments], today, rotation_min_years(today))
    stretches = []
    for a in reversed(assignments):  # newest first on the page
        until = a.end or today
        years = max(until.year - a.start.year - ((until.month, until.day) < (a.start.month, a.start.day)), 0)
        stretches.append(Stretch(a, years, a.end is None))
    honours = list(teacher.honours.select_related("evidence").order_by("-awarded_on", "-id"))
    evidence_ids = [h.evidence_id for h in honours if h.evidence_id]
    reused: set[int] = set()
    if evidence_ids:
        shas = dict(Evidence.objects.filter(pk__in=evidence_ids).values_list("pk", "sha256"))
        elsewhere = set(Evidence.objects.filter(sha256__in=shas.values()).exclude(teacher=teacher)
                        .exclude(teacher__isnull=True).values_list("sha256", flat=True))
        reused = {pk for pk, sha in shas.items() if sha in elsewhere}
    awards = [(k, k.start <= today and (k.end is None or k.end >= today))
              for k in teacher.key_awards.order_by("-start", "-id")]
    return Record(teacher, elig, stretches, list(teacher.qualifications.order_by("-awarded_on", "-id")),
                  list(teacher.titles.order_by("-awarded_on", "-id")), awards, honours, reused,
                  sum(1 for a in assignments if a.kind == Assignment.Kind.ROTATION))


def snapshots(district: Any) -> list[Snapshot]:
    """The district's stored school years (the current data of each), newest first."""
    return list(Snapshot.objects.filter(district=district, current=True).order_by("-school_year"))


def rotation_year_of(start: dt.date) -> str:
    y = start.year if start.month >= 9 else start.year - 1
    return f"{y}-{y + 1}"


def eligible_cutoff(today: dt.date) -> dt.date:
    return years_ago(today, rotation_min_years(today))


def teacher_choices(kind: str, lang: str = "zh", *, skip_none: bool = False) -> list[tuple[str, str]]:
    return [(c.code, c.zh if lang == "zh" else c.en) for c in CHOICES[kind] if not (skip_none and c.code == "none")]
