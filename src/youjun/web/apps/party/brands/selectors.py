"""Reads of the party-building brands: the district's brands (filtered), the review queue, the
brand schools on a day, a school's brands, and the counts the district overview shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from youjun.core import party_brands as rules
from youjun.web.apps.party.brands.models import Acceptance, Brand
from youjun.web.apps.platform.models import District, School

QUEUE_STATES = ("submitted", "under_review")


@dataclass
class Filters:
    state: str = ""
    year: int | None = None  # the year of the application
    approved_from: int | None = None  # approved in these calendar years
    approved_to: int | None = None
    school: str = ""

    def query(self) -> str:
        from urllib.parse import urlencode

        pairs = [(k, v) for k, v in (("state", self.state), ("year", self.year), ("approved_from", self.approved_from),
                                     ("approved_to", self.approved_to), ("school", self.school)) if v]
        return urlencode(pairs)


def _int(value: Any) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return n if 1990 <= n <= 2100 else None


def filters_from(params: Any, today: dt.date) -> Filters:
    state = str(params.get("state") or "")
    return Filters(state=state if state in rules.states(today) else "", year=_int(params.get("year")),
                   approved_from=_int(params.get("approved_from")), approved_to=_int(params.get("approved_to")),
                   school=str(params.get("school") or "")[:20])


def brands(district: District, f: Filters | None = None) -> QuerySet[Brand]:
    qs = Brand.objects.filter(district=district).select_related("school")
    if f is None:
        return qs.order_by("school__code", "name")
    if f.state:
        qs = qs.filter(state=f.state)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.approved_from:
        qs = qs.filter(approved_on__gte=dt.date(f.approved_from, 1, 1))
    if f.approved_to:
        qs = qs.filter(approved_on__lte=dt.date(f.approved_to, 12, 31))
    if f.school:
        qs = qs.filter(school__code=f.school)
    return qs.order_by("school__code", "name")


def years(district: District) -> list[int]:
    return sorted(set(Brand.objects.filter(district=district).values_list("year", flat=True)), reverse=True)


def queue(district: District) -> QuerySet[Brand]:
    return (Brand.objects.filter(district=district, state__in=QUEUE_STATES).select_related("school")
            .order_by("submitted_on", "pk"))


def brand_school_q(day: dt.date) -> Q:
    """Accepted on or before ``day`` and not withdrawn by then."""
    return (Q(state__in=(Acceptance.State.ACCEPTED, Acceptance.State.WITHDRAWN), decided_on__lte=day)
            & (Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)))


def brand_schools(district: District, day: dt.date) -> QuerySet[Acceptance]:
    """The brand schools on ``day``, in the order they were accepted (then by the school's code)."""
    return (Acceptance.objects.filter(school__district=district).filter(brand_school_q(day))
            .select_related("brand", "school", "decided_by").order_by("decided_on", "school__code", "pk"))


def waiting_acceptances(district: District) -> QuerySet[Acceptance]:
    """Acceptances applied for and not yet scored (the bureau's to score), oldest first."""
    return (Acceptance.objects.filter(school__district=district, state=Acceptance.State.APPLIED)
            .select_related("brand", "school").order_by("applied_on", "pk"))


def acceptances(district: District) -> QuerySet[Acceptance]:
    return Acceptance.objects.filter(school__district=district).select_related("brand", "school")


def approved_count(district: District, first: dt.date | None, last: dt.date) -> int:
    qs = Brand.objects.filter(district=district, state__in=rules.recognised_states(last), approved_on__lte=last)
    if first is not None:
        qs = qs.filter(approved_on__gte=first)
    return qs.count()


def brand_school_count(district: District, day: dt.date) -> int:
    return brand_schools(district, day).values("school_id").distinct().count()


def school_brands(school: School) -> QuerySet[Brand]:
    return Brand.objects.filter(school=school).order_by("-created_at", "pk")


def is_brand_school(school: School, day: dt.date) -> Acceptance | None:
    return Acceptance.objects.filter(school=school).filter(brand_school_q(day)).select_related("brand").first()
