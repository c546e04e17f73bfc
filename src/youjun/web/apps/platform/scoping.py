"""The one place that decides what a user may see and change.

Every page and every API call asks this module for its objects: an object out of the user's
scope is *not found* (404, never 403), so a user of district A can neither see nor probe for
district B. Objects the user may see but not change answer 403 to a write.

- platform admin: everything, read and write;
- district bureau admin: one district, read and write;
- district analyst: one district, read only;
- inspector: one province (all its districts) or one district, read only;
- school data officer: one school's own pages and submission form, nothing of the district.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from youjun.web.apps.platform.models import District, Membership, Province, Role, School, User


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    everything: bool = False
    provinces: frozenset[int] = frozenset()  # read, whole province
    districts: frozenset[int] = frozenset()  # read, whole district
    admin_districts: frozenset[int] = frozenset()  # write
    own_schools: frozenset[int] = frozenset()  # school officer: read and submit

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def sees_districts(self) -> bool:
        return self.everything or bool(self.provinces or self.districts)

    @property
    def is_school_officer_only(self) -> bool:
        return bool(self.own_schools) and not self.sees_districts


ANONYMOUS = Scope(user_id=None)


def scope_of(user: Any) -> Scope:
    """The scope of a user, computed once per request object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_youjun_scope", None)
    if cached is not None:
        return cached
    everything = bool(user.is_superuser)
    provinces: set[int] = set()
    districts: set[int] = set()
    admin: set[int] = set()
    schools: set[int] = set()
    for m in Membership.objects.filter(user=user).only("role", "province_id", "district_id", "school_id"):
        if m.role == Role.PLATFORM_ADMIN:
            everything = True
        elif m.role == Role.DISTRICT_ADMIN and m.district_id:
            districts.add(m.district_id)
            admin.add(m.district_id)
        elif m.role == Role.DISTRICT_ANALYST and m.district_id:
            districts.add(m.district_id)
        elif m.role == Role.INSPECTOR:
            if m.province_id:
                provinces.add(m.province_id)
            if m.district_id:
                districts.add(m.district_id)
        elif m.role == Role.SCHOOL_OFFICER and m.school_id:
            schools.add(m.school_id)
    scope = Scope(user.pk, everything, frozenset(provinces), frozenset(districts), frozenset(admin),
                  frozenset(schools))
    user._youjun_scope = scope
    return scope


# -- reads -----------------------------------------------------------------------------------

def district_filter(scope: Scope, prefix: str = "") -> Q:
    """A Q object limiting a queryset (through ``prefix``, e.g. "district__") to visible districts."""
    if scope.everything:
        return Q()
    if not scope.sees_districts:
        return Q(pk__in=[])
    return Q(**{f"{prefix}id__in": scope.districts}) | Q(**{f"{prefix}province_id__in": scope.provinces})


def provinces(scope: Scope) -> QuerySet[Province]:
    if scope.everything:
        return Province.objects.all()
    return Province.objects.filter(Q(id__in=scope.provinces) | Q(districts__id__in=scope.districts)).distinct()


def districts(scope: Scope) -> QuerySet[District]:
    return District.objects.filter(district_filter(scope)).select_related("province")


def schools(scope: Scope) -> QuerySet[School]:
    """Schools the user may see: every school of a visible district, and their own schools."""
    if scope.everything:
        return School.objects.all().select_related("district")
    q = Q(id__in=scope.own_schools)
    if scope.sees_districts:
        q |= Q(district__id__in=scope.districts) | Q(district__province_id__in=scope.provinces)
    return School.objects.filter(q).select_related("district")


def scoped(scope: Scope, queryset: QuerySet[Any], district_path: str = "district") -> QuerySet[Any]:
    """Limit any queryset of objects that belong to a district to the visible districts."""
    if scope.everything:
        return queryset
    if not scope.sees_districts:
        return queryset.none()
    return queryset.filter(Q(**{f"{district_path}__id__in": scope.districts})
                           | Q(**{f"{district_path}__province_id__in": scope.provinces}))


def province_or_404(scope: Scope, code: str) -> Province:
    found = provinces(scope).filter(code=code).first()
    if found is None:
        raise Http404("province")
    return found


def district_or_404(scope: Scope, code: str) -> District:
    found = districts(scope).filter(code=code).first()
    if found is None:
        raise Http404("district")
    return found


def school_or_404(scope: Scope, code: str) -> School:
    found = schools(scope).filter(code=code).first()
    if found is None:
        raise Http404("school")
    return found


def object_or_404(scope: Scope, queryset: QuerySet[Any], district_path: str = "district", **lookup: Any) -> Any:
    found = scoped(scope, queryset, district_path).filter(**lookup).first()
    if found is None:
        raise Http404(queryset.model._meta.model_name)
    return found


def sees_district(scope: Scope, district: District) -> bool:
    return scope.everything or district.id in scope.districts or district.province_id in scope.provinces


def sees_school(scope: Scope, school: School) -> bool:
    return school.id in scope.own_schools or sees_district(scope, school.district)


# -- writes ----------------------------------------------------------------------------------

def can_manage_district(scope: Scope, district: District) -> bool:
    return scope.everything or district.id in scope.admin_districts


def require_district_admin(scope: Scope, district: District) -> None:
    """404 if the district is out of scope, 403 if the user may only read it."""
    if not sees_district(scope, district):
        raise Http404("district")
    if not can_manage_district(scope, district):
        raise PermissionDenied("read-only")


def can_submit_for_school(scope: Scope, school: School) -> bool:
    return school.id in scope.own_schools or can_manage_district(scope, school.district)


def require_school_submitter(scope: Scope, school: School) -> None:
    if not sees_school(scope, school):
        raise Http404("school")
    if not can_submit_for_school(scope, school):
        raise PermissionDenied("read-only")


def user_or_none(user: Any) -> User | None:
    return user if getattr(user, "is_authenticated", False) else None
