"""Writes of the platform app: organisations, users and roles, log-in lockout, API tokens.

Each function runs in one transaction and records an audit event through ``audit.record``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from youjun.web.apps.platform.audit import model_state, record
from youjun.web.apps.platform.models import (
    ApiToken,
    District,
    EducationGroup,
    Lockout,
    LoginFailure,
    Membership,
    Province,
    Role,
    School,
    User,
)

TOKEN_PREFIX = "yj_"


# -- organisations ---------------------------------------------------------------------------

@transaction.atomic
def upsert_district(actor: User | None, *, province_code: str, province_name: str, code: str,
                    name: str, kind: str = "") -> District:
    province, created = Province.objects.get_or_create(code=province_code, defaults={"name": province_name})
    if created:
        record(actor, "create", province, after=model_state(province))
    district = District.objects.filter(code=code).first()
    if district is None:
        district = District.objects.create(code=code, name=name, province=province, kind=kind)
        record(actor, "create", district, after=model_state(district))
        return district
    before = model_state(district)
    changed = (district.name, district.province_id, district.kind) != (name, province.id, kind or district.kind)
    if changed:
        district.name, district.province, district.kind = name, province, kind or district.kind
        district.save()
        record(actor, "update", district, before=before, after=model_state(district))
    return district


def sync_schools(actor: User | None, district: District, rows: Iterable[dict[str, Any]],
                 school_year: str) -> dict[str, int]:
    """Bring the district's school register in line with a stored snapshot's schools table.

    Called inside the snapshot's transaction. Schools are never deleted (their history stays);
    a school absent from the year simply keeps an older ``last_year``.
    """
    counts = {"created": 0, "updated": 0}
    groups = {g.name: g for g in EducationGroup.objects.filter(district=district)}
    existing = {s.code: s for s in School.objects.filter(district=district)}
    for row in rows:
        group_name = _text(row.get("education_group"))
        group = None
        if group_name:
            group = groups.get(group_name)
            if group is None:
                group = EducationGroup.objects.create(district=district, name=group_name)
                groups[group_name] = group
                record(actor, "create", group, district=district, after=model_state(group))
        values = {"name": _text(row.get("school_name")), "school_type": _text(row.get("school_type")),
                  "town": _text(row.get("town")), "location": _text(row.get("location")), "group": group}
        school = existing.get(row["school_code"])
        if school is None:
            other = School.objects.filter(code=row["school_code"]).first()
            if other is not None:  # a school moved between districts
                school = other
        if school is None:
            school = School.objects.create(code=row["school_code"], district=district,
                                           last_year=school_year, **values)
            counts["created"] += 1
            continue
        before = model_state(school)
        for k, v in values.items():
            setattr(school, k, v)
        school.district = district
        if not school.last_year or school.last_year <= school_year:
            school.last_year = school_year
        if model_state(school) != before:
            school.save()
            counts["updated"] += 1
    return counts


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or str(value) in ("<NA>", "nan"):
        return ""
    return str(value).strip()


# -- users and roles -------------------------------------------------------------------------

@transaction.atomic
def create_user(actor: User | None, username: str, password: str, *, full_name: str = "",
                role: str | None = None, province: Province | None = None, district: District | None = None,
                school: School | None = None) -> User:
    user = User.objects.create_user(username=username, password=password, full_name=full_name)
    record(actor, "create", user, after={"username": username, "full_name": full_name})
    if role:
        grant_role(actor, user, role, province=province, district=district, school=school)
    return user


@transaction.atomic
def grant_role(actor: User | None, user: User, role: str, *, province: Province | None = None,
               district: District | None = None, school: School | None = None) -> Membership:
    role = Role(role)
    needs = {Role.DISTRICT_ADMIN: district, Role.DISTRICT_ANALYST: district, Role.SCHOOL_OFFICER: school}
    if role in needs and needs[role] is None:
        raise ValueError(f"role {role} needs a {'school' if role == Role.SCHOOL_OFFICER else 'district'}")
    if role == Role.INSPECTOR and province is None and district is None:
        raise ValueError("an inspector needs a province or a district")
    m = Membership.objects.create(user=user, role=role, province=province, district=district, school=school)
    record(actor, "grant_role", m, district=district or (school.district if school else None), school=school,
           after={"user": user.username, "role": role.value, "province": province and province.code,
                  "district": district and district.code, "school": school and school.code})
    return m


# -- log-in lockout --------------------------------------------------------------------------

def is_locked(username: str) -> bool:
    lock = Lockout.objects.filter(username=username.casefold()).first()
    return lock is not None and lock.until > timezone.now()


@transaction.atomic
def login_failed(username: str, ip: str = "") -> bool:
    """Count a failed log-in; lock the account after too many. Returns True if now locked."""
    name = username.casefold()[:150]
    now = timezone.now()
    LoginFailure.objects.create(username=name, ip=ip[:64])
    window_start = now - timedelta(seconds=settings.YOUJUN_LOCKOUT_WINDOW)
    LoginFailure.objects.filter(username=name, at__lt=window_start).delete()
    recent = LoginFailure.objects.filter(username=name, at__gte=window_start).count()
    user = User.objects.filter(username__iexact=username).first()
    record(None, "login_failed", user, object_type="platform.User", object_id=str(user.pk) if user else "",
           object_repr=username[:150], actor_name=username[:150], ip=ip, after={"failures": recent})
    if recent >= settings.YOUJUN_LOCKOUT_FAILURES:
        until = now + timedelta(seconds=settings.YOUJUN_LOCKOUT_PERIOD)
        Lockout.objects.update_or_create(username=name, defaults={"until": until})
        record(None, "lockout", user, object_type="platform.User", object_id=str(user.pk) if user else "",
               object_repr=username[:150], actor_name=username[:150], ip=ip,
               after={"locked_until": until.isoformat(), "failures": recent})
        return True
    return False


@transaction.atomic
def login_succeeded(user: User, ip: str = "") -> None:
    LoginFailure.objects.filter(username=user.username.casefold()).delete()
    Lockout.objects.filter(username=user.username.casefold()).delete()
    record(user, "login", user, ip=ip)


@transaction.atomic
def unlock(actor: User | None, username: str) -> None:
    deleted, _ = Lockout.objects.filter(username=username.casefold()).delete()
    LoginFailure.objects.filter(username=username.casefold()).delete()
    if deleted:
        record(actor, "unlock", None, object_type="platform.User", object_repr=username)


# -- API tokens ------------------------------------------------------------------------------

def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(actor: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``actor``; the clear key is returned once and never stored."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name[:64] or "api", prefix=key[:8], key_hash=hash_token(key))
    record(actor, "create", token, after={"name": token.name, "prefix": token.prefix})
    return token, key


@transaction.atomic
def revoke_token(actor: User, token: ApiToken) -> None:
    before = {"revoked": token.revoked}
    token.revoked = True
    token.save(update_fields=["revoked"])
    record(actor, "revoke", token, before=before, after={"revoked": True})


def touch_token(token: ApiToken) -> None:
    """Note when a token was last used (at most once a minute; not an audited change)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
