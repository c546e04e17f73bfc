"""Reads of clean schools and teacher ethics: who may do what (on top of ``platform.reach``),
the activities filtered, a campaign's progress, the counts by school and year, the handlers."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from youjun.core import party_integrity as rules
from youjun.web.apps.party.integrity.models import Activity, Campaign, CaseHandler, EthicsCase, PublicityIssue
from youjun.web.apps.platform import reach
from youjun.web.apps.platform.models import District, School

PAGE = 50


# --- who ---------------------------------------------------------------------------------------

def active_grants(district: District | None = None, day: dt.date | None = None) -> QuerySet[CaseHandler]:
    day = day or timezone.localdate()
    qs = (CaseHandler.objects.filter(revoked_at__isnull=True, start__lte=day)
          .filter(Q(end__isnull=True) | Q(end__gte=day)))
    return qs.filter(district=district) if district is not None else qs


def handles(user: Any, district: District) -> bool:
    """The user holds a grant in force to handle the district's ethics cases."""
    if not getattr(user, "is_authenticated", False):
        return False
    return active_grants(district).filter(user_id=user.pk).exists()


def handled_districts(user: Any) -> list[District]:
    if not getattr(user, "is_authenticated", False):
        return []
    ids = active_grants().filter(user_id=user.pk).values_list("district_id", flat=True)
    return list(District.objects.filter(pk__in=list(ids)).order_by("code"))


def case_or_404(user: Any, pk: int) -> EthicsCase:
    """A case, for a handler of its district only: anyone else (the bureau and the platform
    administrator included) is answered 404."""
    case = EthicsCase.objects.select_related("district", "teacher__school").filter(pk=pk).first()
    if case is None or not handles(user, case.district):
        raise Http404("case")
    return case


def cases_reach(user: Any, district: District) -> tuple[bool, bool]:
    """(sees the cases' contents, sees their counts): handlers the contents; the bureau and the
    platform administrator the counts only; anyone else neither (404)."""
    contents = handles(user, district)
    counts = contents or reach.district_reach(user, district).bureau
    return contents, counts


def activity_reach(user: Any, activity: Activity) -> reach.Reach:
    if activity.school_id is not None:
        return reach.school_reach(user, activity.school)
    return reach.district_reach(user, activity.district)


# --- activities ----------------------------------------------------------------------------------

@dataclass
class Filters:
    school: str = ""  # school code, or "district" for district-wide ones
    year_from: int | None = None
    year_to: int | None = None
    kind: str = ""
    layer: str = ""
    stage: int | None = None
    key_point: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def filters_from(query: Any) -> Filters:
    year = _int(query.get("year"))
    return Filters(school=str(query.get("school") or "")[:20],
                   year_from=year or _int(query.get("from")), year_to=year or _int(query.get("to")),
                   kind=str(query.get("kind") or "")[:24], layer=str(query.get("layer") or "")[:24],
                   stage=_int(query.get("stage")), key_point=_int(query.get("key_point")))


def activities(district: District, f: Filters, *, schools: frozenset[int] | None = None) -> QuerySet[Activity]:
    """The district's activities under the filters; ``schools``: only these schools' (an officer)."""
    qs = Activity.objects.filter(district=district).select_related("school", "stage", "key_point")
    if schools is not None:
        qs = qs.filter(school_id__in=schools)
    if f.school == "district":
        qs = qs.filter(school__isnull=True)
    elif f.school:
        qs = qs.filter(school__code=f.school)
    if f.year_from:
        qs = qs.filter(held_on__year__gte=f.year_from)
    if f.year_to:
        qs = qs.filter(held_on__year__lte=f.year_to)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.layer:
        qs = qs.filter(layer=f.layer)
    if f.stage:
        qs = qs.filter(stage_id=f.stage)
    if f.key_point:
        qs = qs.filter(key_point_id=f.key_point)
    return qs.order_by("-held_on", "-id")


def campaigns(district: District) -> list[Campaign]:
    return list(Campaign.objects.filter(district=district).order_by("-start", "-id"))


def campaign_progress(campaign: Campaign) -> dict[str, Any]:
    stages = list(campaign.stages.order_by("order"))
    kps = list(campaign.key_points.order_by("order"))
    pairs = Activity.objects.filter(Q(stage__campaign=campaign) | Q(key_point__campaign=campaign)) \
        .values_list("stage_id", "key_point_id")
    p = rules.progress([s.pk for s in stages], [k.pk for k in kps], pairs)
    return {"campaign": campaign, "stages": [(s, p.per_stage[s.pk]) for s in stages],
            "key_points": [(k, p.per_key_point[k.pk]) for k in kps],
            "without": [k for k in kps if k.pk in set(p.key_points_without)],
            "covered": p.key_points_covered, "n_key_points": len(kps), "total": p.total}


def counts(district: District, f: Filters, by: str) -> dict[str, Any]:
    """Activities by school (rows; the district-wide ones as a row of their own) and year, and by
    ``by`` ("kind" or "layer") within the years filtered: {years, columns, rows, totals}."""
    qs = activities(district, Filters(year_from=f.year_from, year_to=f.year_to))
    col = "layer" if by == "layer" else "kind"
    data: dict[tuple[int | None, int], Counter[str]] = defaultdict(Counter)
    # person-times: all participants, and of each kind where an activity recorded its count
    people: dict[tuple[int | None, int], dict[str, int | None]] = defaultdict(_no_people)
    for school_id, day, key, n, *parts in qs.values_list("school_id", "held_on", col, "participants", *PEOPLE):
        data[(school_id, day.year)][key] += 1
        _add_people(people[(school_id, day.year)], n, parts)
    schools = {s.pk: s for s in School.objects.filter(pk__in={k[0] for k in data if k[0]})}
    rows: list[dict[str, Any]] = []
    totals: Counter[str] = Counter()
    people_totals = _no_people()
    for (school_id, year), c in sorted(data.items(), key=lambda kv: (schools[kv[0][0]].code if kv[0][0] else "",
                                                                      -kv[0][1])):
        p = people[(school_id, year)]
        rows.append({"school": schools.get(school_id) if school_id else None, "year": year, "counts": c,
                     "total": sum(c.values()), "people": p})
        totals.update(c)
        _add_people(people_totals, p["all"], [p[k] for k in PEOPLE])
    return {"rows": rows, "totals": totals, "total": sum(totals.values()), "people": people_totals}


PEOPLE = ("pupils", "teachers", "parents")  # the kinds counted, in the order the pages name them


def _no_people() -> dict[str, int | None]:
    return {"all": 0, **dict.fromkeys(PEOPLE)}


def _add_people(into: dict[str, int | None], n: int | None, parts: Any) -> None:
    into["all"] = (into["all"] or 0) + (n or 0)
    for k, v in zip(PEOPLE, parts, strict=True):
        if v is not None:
            into[k] = (into[k] or 0) + v


def publicity(district: District, year_from: int | None = None, year_to: int | None = None) -> QuerySet[PublicityIssue]:
    qs = PublicityIssue.objects.filter(district=district).defer("file_content")
    if year_from:
        qs = qs.filter(published_on__year__gte=year_from)
    if year_to:
        qs = qs.filter(published_on__year__lte=year_to)
    return qs.order_by("-number")


def case_counts(district: District) -> dict[str, Any]:
    """Cases by year received and status: counts only (no name, no summary)."""
    statuses = [k for k, _ in rules.choices("case-handling", "statuses", timezone.localdate(), "zh")]
    by: dict[int, Counter[str]] = defaultdict(Counter)
    for day, status in EthicsCase.objects.filter(district=district).values_list("received_on", "status"):
        by[day.year][status] += 1
    return {"statuses": statuses, "years": [(y, [by[y][s] for s in statuses], sum(by[y].values()))
                                            for y in sorted(by, reverse=True)],
            "total": sum(sum(c.values()) for c in by.values())}
