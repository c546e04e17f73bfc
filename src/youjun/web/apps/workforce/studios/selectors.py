"""Reads about famous-teacher studios: the district's list (filtered, paged), one studio's page,
a teacher's studios, the figures for the workforce dashboard (``studio_counts``). Names are
given as ``workforce.access.name_for`` allows for the reader, teacher by teacher."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from youjun.core import schema
from youjun.core import workforce_studios as rules
from youjun.web.apps.platform.models import District
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.studios.models import Member, Output, Studio

PAGE_SIZE = 25
SUBJECT_WORDS = {c.code: (c.zh, c.en) for c in schema.SUBJECTS}


def subject_word(code: str, lang: str) -> str:
    zh, en = SUBJECT_WORDS.get(code, (code, code))
    return en if lang == "en" else zh


def words(lang: str, as_of: dt.date | None = None, district: Any = None) -> dict[str, Any]:
    """The studio vocabulary in ``lang``; with ``district``, "offer_levels" are those a studio of
    that district can be set up at (no 省级 in a municipality)."""
    r = rules.studio_rules(as_of or timezone.localdate())
    offered = r.levels_for(district.province.code if district is not None else None)
    return {
        "levels": [(w.code, w.label(lang)) for w in r.levels],
        "offer_levels": [(w.code, w.label(lang)) for w in offered],
        "roles": [(w.code, w.label(lang)) for w in r.roles],
        "kinds": [(w.code, w.label(lang)) for w in r.kinds],
        "ratings": [(w.code, w.label(lang)) for w in r.ratings],
        "subjects": [(c.code, c.en if lang == "en" else c.zh) for c in schema.SUBJECTS],
        "local": r.local,
    }


def _word(pairs: list[tuple[str, str]], code: str) -> str:
    return dict(pairs).get(code, code)


class Namer:
    """Names of teachers for one reader, the reach of each teacher asked once."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._cache: dict[int, str] = {}

    def __call__(self, teacher: Teacher) -> str:
        if teacher.pk not in self._cache:
            self._cache[teacher.pk] = access.name_for(self.user, teacher)
        return self._cache[teacher.pk]

    def label(self, teacher: Teacher) -> str:
        name = self(teacher)
        return f"{name}（{teacher.staff_id}）" if name else teacher.staff_id


@dataclass(frozen=True)
class Filters:
    subject: str = ""
    level: str = ""
    active: str = "yes"  # yes | no | all

    @classmethod
    def of(cls, data: Any) -> Filters:
        active = data.get("active", "yes")
        return cls(str(data.get("subject", ""))[:32], str(data.get("level", ""))[:16],
                   active if active in ("yes", "no", "all") else "yes")


def _active_q(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def filtered(studios: QuerySet[Studio], f: Filters, day: dt.date) -> QuerySet[Studio]:
    if f.subject:
        studios = studios.filter(subject=f.subject)
    if f.level:
        studios = studios.filter(level=f.level)
    if f.active == "yes":
        studios = studios.filter(_active_q(day))
    elif f.active == "no":
        studios = studios.exclude(_active_q(day))
    return studios


def rows(user: Any, studios: QuerySet[Studio], lang: str, page_number: Any, day: dt.date) -> tuple[Page[Any], int]:
    """One page of studios with their host, current members and this year's outputs."""
    first, last = rules.year_bounds(day.year)
    qs = (studios.select_related("host__school", "base_school")
          .annotate(n_members=Count("members", filter=Q(members__left__isnull=True), distinct=True),
                    n_outputs=Count("outputs", filter=Q(outputs__day__gte=first, outputs__day__lte=last),
                                    distinct=True))
          .order_by("name", "id"))
    total = studios.count()
    page = Paginator(qs, PAGE_SIZE).get_page(page_number)
    w = words(lang, day)
    namer = Namer(user)
    page.object_list = [{
        "studio": s, "host": namer.label(s.host), "subject": subject_word(s.subject, lang) if s.subject else "",
        "level": _word(w["levels"], s.level), "members": s.n_members, "outputs": s.n_outputs,
        "active": rules.is_active(s.start, s.end, day),
    } for s in page.object_list]
    return page, total


def add_school_members(user: Any, rows: list[dict[str, Any]], school: Any, lang: str) -> None:
    """Each studio row of a school's page gets ``ours``: the school's current teachers in the studio
    (its host and current members), each with the role, named as the reader may see them."""
    w = words(lang)
    namer = Namer(user)
    ids = [r["studio"].pk for r in rows]
    ours: dict[int, list[str]] = {i: [] for i in ids}
    for r in rows:
        if r["studio"].host.school_id == school.pk:
            ours[r["studio"].pk].append(f"{namer.label(r['studio'].host)} · {gettext('Host')}")
    for m in (Member.objects.filter(studio_id__in=ids, left__isnull=True, teacher__school=school)
              .select_related("teacher").order_by("studio_id", "joined", "id")):
        ours[m.studio_id].append(f"{namer.label(m.teacher)} · {_word(w['roles'], m.role)}")
    for r in rows:
        r["ours"] = ours[r["studio"].pk]


def studio_page(user: Any, studio: Studio, lang: str, year: int, day: dt.date) -> dict[str, Any]:
    """Everything the studio's page shows: members, the year's plan and outputs against it,
    every output, and the review history."""
    w = words(lang, day)
    namer = Namer(user)
    members = list(studio.members.select_related("teacher__school").order_by("left", "joined", "id"))
    member_rows = [{"m": m, "name": namer.label(m.teacher), "school": m.teacher.school.name if m.teacher.school
                    else "", "role": _word(w["roles"], m.role), "current": m.left is None} for m in members]
    plan = studio.plans.filter(year=year).first()
    from youjun.web.apps.workforce.studios.services import year_counts

    progress = rules.against_plan([k for k, _ in w["kinds"]], plan.targets if plan else {}, year_counts(studio, year))
    kinds = dict(w["kinds"])
    outputs = list(studio.outputs.select_related("evidence").prefetch_related("people")
                   .order_by("-day", "-id")[:200])
    output_rows = [{"o": o, "kind": kinds.get(o.kind, o.kind), "evidence": o.evidence,
                    "people": "、".join(namer.label(t) for t in o.people.all())} for o in outputs]
    ratings = dict(w["ratings"])
    sep = "; " if lang == "en" else "；"
    reviews = [{"r": r, "rating": ratings.get(r.rating, r.rating),
                "counts_text": sep.join(f"{kinds.get(k, k)} {v.get('done', 0):,}/{v.get('planned', 0):,}"
                                        for k, v in r.counts.items() if v.get("done") or v.get("planned"))}
               for r in studio.reviews.all()]
    years = list(range(studio.start.year, min(studio.end.year if studio.end else day.year + 1, day.year + 1) + 1))
    return {
        "host": namer.label(studio.host), "host_school": studio.host.school.name if studio.host.school else "",
        "subject": subject_word(studio.subject, lang) if studio.subject else "",
        "level": _word(w["levels"], studio.level), "active": rules.is_active(studio.start, studio.end, day),
        "members": member_rows, "n_current": sum(1 for m in members if m.left is None),
        "schools": len({m.teacher.school_id for m in members if m.left is None and m.teacher.school_id}),
        "plan": plan, "progress": [{"kind": kinds.get(p.kind, p.kind), "planned": p.planned, "done": p.done,
                                    "met": p.met, "short": p.short} for p in progress],
        "met": rules.kinds_met(progress), "outputs": output_rows, "n_outputs": studio.outputs.count(),
        "reviews": reviews, "years": years, "year": year, "words": w,
    }


def teacher_studios(user: Any, teacher: Teacher, lang: str, day: dt.date) -> list[dict[str, Any]]:
    """The studios a teacher hosts or has been a member of, with their role and dates."""
    w = words(lang, day)
    out: list[dict[str, Any]] = []
    for s in Studio.objects.filter(host=teacher).order_by("-start"):
        out.append({"studio": s, "role": gettext("Host"), "joined": s.start, "left": s.end,
                    "level": _word(w["levels"], s.level), "active": rules.is_active(s.start, s.end, day)})
    for m in Member.objects.filter(teacher=teacher).select_related("studio").order_by("-joined"):
        s = m.studio
        out.append({"studio": s, "role": _word(w["roles"], m.role), "joined": m.joined, "left": m.left,
                    "level": _word(w["levels"], s.level), "active": rules.is_active(s.start, s.end, day)})
    return out


def has_studios(district: District) -> bool:
    """Whether any studio was ever set up in the district (none: the pages say 暂无记录, not 0)."""
    return Studio.objects.filter(district=district).exists()


def studio_counts(district: District, day: dt.date | None = None) -> dict[str, Any]:
    """The workforce dashboard's studio figures: studios active today, their current members
    (distinct teachers, hosts not counted), outputs dated this calendar year by kind."""
    day = day or timezone.localdate()
    active = Studio.objects.filter(district=district).filter(_active_q(day))
    first, last = rules.year_bounds(day.year)
    by_kind = dict(Output.objects.filter(studio__district=district, day__gte=first, day__lte=last)
                   .values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    r = rules.studio_rules(day)
    kinds = {w.code: by_kind.get(w.code, 0) for w in r.kinds}
    members = (Member.objects.filter(studio__in=active, left__isnull=True).values("teacher_id").distinct().count())
    return {"year": day.year, "active": active.count(), "members": members, "outputs": kinds,
            "outputs_total": sum(by_kind.values())}
