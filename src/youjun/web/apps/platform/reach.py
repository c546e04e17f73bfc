"""Who may see and change a district's or a school's records in a domain app (party work,
clean-school records, the vocational centre, courses, the district overview).

- the district bureau (district_admin) sees and writes every record of its district;
- the district's analysts and the province's inspectors read;
- a school's data officer sees and writes the records of their own school, and nothing of the
  district beyond what a page opens to every school;
- the platform administrator sees and writes everything.

Anything out of reach is 404 (never 403: no probing); seen but not allowed is 403. An app with
a narrower audience (teacher-ethics cases) adds its own rule on top, never a wider one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.models import District, School


@dataclass(frozen=True)
class Reach:
    """What a user may do over a district's or one school's records."""

    sees: bool = False  # reads the records
    manages: bool = False  # writes as the school (its data officer) or above
    bureau: bool = False  # writes as the district bureau (reviews, approvals, settings)


def district_reach(user: Any, district: District) -> Reach:
    scope = scoping.scope_of(user)
    if not scope.is_authenticated:
        return Reach()
    if scope.everything or district.pk in scope.admin_districts:
        return Reach(True, True, True)
    if district.pk in scope.districts or district.province_id in scope.provinces:
        return Reach(sees=True)
    return Reach()


def school_reach(user: Any, school: School) -> Reach:
    """Over one school's records: the district's reach, or the school's own data officer's."""
    reach = district_reach(user, school.district)
    if reach.sees:
        return reach
    if school.pk in scoping.scope_of(user).own_schools:
        return Reach(sees=True, manages=True)
    return Reach()


def own_school_ids(user: Any, district: District) -> frozenset[int]:
    """The schools of ``district`` whose data officer the user is (empty for everyone else)."""
    scope = scoping.scope_of(user)
    if not scope.own_schools:
        return frozenset()
    ids = School.objects.filter(district=district, pk__in=scope.own_schools).values_list("pk", flat=True)
    return frozenset(ids)


def district_or_404(user: Any, code: str, *, officers: bool = False) -> District:
    """The district by code, if the user reads it; with ``officers`` also for a data officer of
    one of its schools (a page every school of the district opens, e.g. the course catalogue)."""
    district = District.objects.select_related("province").filter(code=code).first()
    if district is None:
        raise Http404("district")
    if district_reach(user, district).sees or (officers and own_school_ids(user, district)):
        return district
    raise Http404("district")


def school_or_404(user: Any, code: str) -> School:
    school = School.objects.select_related("district__province").filter(code=code).first()
    if school is None or not school_reach(user, school).sees:
        raise Http404("school")
    return school


def require(allowed: bool) -> None:
    """403 for a user who sees the object but may not do this to it."""
    if not allowed:
        raise PermissionDenied


@dataclass(frozen=True)
class Landing:
    """Where an app's root sends a user: their own schools and the districts they read."""

    schools: list[School]
    districts: list[District]

    def only(self) -> tuple[str, str] | None:
        """("school"|"district", code) when there is exactly one place to go."""
        if len(self.schools) == 1 and not self.districts:
            return "school", self.schools[0].code
        if len(self.districts) == 1 and not self.schools:
            return "district", self.districts[0].code
        return None


def landing(user: Any) -> Landing:
    scope = scoping.scope_of(user)
    schools = list(scoping.schools(scope).filter(id__in=scope.own_schools).order_by("code")) \
        if scope.own_schools else []
    districts = list(scoping.districts(scope).order_by("code")) if scope.sees_districts else []
    return Landing(schools, districts)
