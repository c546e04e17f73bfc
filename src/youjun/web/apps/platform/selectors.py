"""Reads of the platform app (always through ``scoping``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.models import ApiToken, AuditEvent, Membership, Role, User
from youjun.web.apps.platform.scoping import Scope
from youjun.web.apps.platform.services import hash_token


def audit_events(scope: Scope, user: User | None = None) -> QuerySet[AuditEvent]:
    """The history the user may read: everything for a platform admin; the events of their
    districts (and of their own school) for others; always their own actions."""
    qs = AuditEvent.objects.select_related("district", "school")
    if scope.everything:
        return qs
    from django.db.models import Q

    q = Q(actor_id=scope.user_id)
    if scope.sees_districts:
        q |= Q(district__id__in=scope.districts) | Q(district__province_id__in=scope.provinces)
    if scope.own_schools:
        q |= Q(school__id__in=scope.own_schools)
    return qs.filter(q)


def memberships(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("province", "district", "school")


def tokens(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def token_user(key: str) -> tuple[ApiToken, User] | None:
    token = (ApiToken.objects.select_related("user").filter(key_hash=hash_token(key), revoked=False).first())
    if token is None or not token.user.is_active:
        return None
    return token, token.user


def resettable_users(scope: Scope) -> QuerySet[User]:
    """The users whose password this user may reset: a platform admin, anyone but themselves; a
    district bureau admin, the analysts and school officers of their own districts who hold no
    other role anywhere; nobody else."""
    from django.db.models import Q

    if scope.everything:
        return User.objects.exclude(pk=scope.user_id).order_by("username")
    if not scope.admin_districts:
        return User.objects.none()
    inside = (Q(role=Role.DISTRICT_ANALYST, district_id__in=scope.admin_districts)
              | Q(role=Role.SCHOOL_OFFICER, school__district_id__in=scope.admin_districts))
    return (User.objects.filter(id__in=Membership.objects.filter(inside).values("user_id"))
            .exclude(id__in=Membership.objects.exclude(inside).values("user_id"))
            .exclude(is_superuser=True).exclude(pk=scope.user_id).order_by("username"))


def may_reset_passwords(scope: Scope) -> bool:
    return scope.everything or bool(scope.admin_districts)


def home_target(scope: Scope) -> tuple[str, str] | None:
    """Where a user lands after log-in: ('district', code), ('province', code), ('school', code)."""
    if scope.everything:
        return None
    ds = list(scoping.districts(scope).values_list("code", flat=True)[:2])
    if scope.provinces and not scope.districts:
        ps = list(scoping.provinces(scope).values_list("code", flat=True)[:2])
        if len(ps) == 1:
            return ("province", ps[0])
    if len(ds) == 1:
        return ("district", ds[0])
    if scope.is_school_officer_only:
        codes = list(scoping.schools(scope).values_list("code", flat=True)[:2])
        if len(codes) == 1:
            return ("school", codes[0])
    return None


def manageable_users(scope: Scope) -> QuerySet[User]:
    """The users this administrator may create, disable, give a role or reset: the same remit
    as password resets (``resettable_users``)."""
    return resettable_users(scope).prefetch_related("memberships__district", "memberships__school",
                                                    "memberships__province")


def admin_districts_of(scope: Scope) -> frozenset[int] | None:
    """None for a platform administrator (any place), else the districts they administer."""
    return None if scope.everything else scope.admin_districts


def grant_places(scope: Scope, limit: int = 500) -> dict[str, Any]:
    """What the user administration form offers: the roles this administrator may give, and
    codes of the places to give them in (a suggestion list; any code in remit is accepted)."""
    from youjun.web.apps.platform.models import District, School
    from youjun.web.apps.platform.services import DISTRICT_GRANTABLE

    roles: list[Role] = list(Role) if scope.everything else list(DISTRICT_GRANTABLE)
    districts = District.objects.all() if scope.everything else District.objects.filter(id__in=scope.admin_districts)
    schools = School.objects.filter(district__in=districts).order_by("code").only("code", "name")[:limit]
    return {"roles": [(r.value, r.label) for r in roles],
            "places": [(d.code, d.name) for d in districts[:limit]] + [(s.code, s.name) for s in schools]}


def place_of(role: str, code: str) -> dict[str, Any]:
    """The province, district or school a role is given in, from its code (unknown: nothing)."""
    from youjun.web.apps.platform.models import District, Province, School

    code = code.strip()
    if not code:
        return {}
    if role == Role.SCHOOL_OFFICER:
        school = School.objects.filter(code=code).select_related("district").first()
        return {"school": school} if school else {}
    district = District.objects.filter(code=code).first()
    if district is not None:
        return {"district": district}
    if role == Role.INSPECTOR:
        province = Province.objects.filter(code=code).first()
        return {"province": province} if province else {}
    return {}
