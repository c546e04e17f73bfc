"""Writes of the platform app: organisations, users and roles, log-in lockout, API tokens.

Each function runs in one transaction and records an audit event through ``audit.record``.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.audit import model_state, record
from youjun.web.apps.platform.models import (
    ApiToken,
    District,
    EducationGroup,
    LoginThrottle,
    Membership,
    Province,
    Role,
    School,
    User,
)
from youjun.web.errors import web_problem

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


def set_district_kind(actor: User | None, district: District, kind: str) -> None:
    """Note the district's kind (区县类别) from stored data.

    The kind is data, not identity: a county becomes a district (撤县设区) without becoming
    another unit, and the assessment reads it from the year's data. Code, name and province
    stay the platform's (``upsert_district``, platform admins only); an upload never changes them.
    """
    if not kind or kind == district.kind:
        return
    before = model_state(district, ("kind",))
    district.kind = kind
    district.save(update_fields=["kind"])
    record(actor, "update", district, before=before, after=model_state(district, ("kind",)))


class SchoolsOfAnotherDistrict(ValueError):
    """School codes of a district's data that the register holds in other districts."""

    def __init__(self, others: dict[str, District]):
        self.others = others
        super().__init__("registered in another district: " +
                         ", ".join(f"{c} ({d.code})" for c, d in sorted(others.items())))


def sync_schools(actor: User | None, district: District, rows: Iterable[dict[str, Any]],
                 school_year: str) -> dict[str, int]:
    """Bring the district's school register in line with a stored snapshot's schools table.

    Called inside the snapshot's transaction. Schools are never deleted (their history stays);
    a school absent from the year simply keeps an older ``last_year``.
    """
    rows = list(rows)
    # A school registered in another district is never moved by data: refused before any write.
    others = School.objects.filter(code__in=[r["school_code"] for r in rows]).exclude(district=district)
    if others.exists():
        raise SchoolsOfAnotherDistrict({s.code: s.district for s in others.select_related("district")})
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
            school = School.objects.create(code=row["school_code"], district=district,
                                           last_year=school_year, **values)
            counts["created"] += 1
            continue
        before = model_state(school)
        old_group = school.group
        # an earlier year's workbook stored later does not turn the register back: the name and
        # the group are those of the latest year with data
        latest = not school.last_year or school.last_year <= school_year
        if latest:
            for k, v in values.items():
                setattr(school, k, v)
            school.last_year = school_year
        if model_state(school) != before:
            school.save()
            counts["updated"] += 1
            if latest and (old_group.pk if old_group else None) != (group.pk if group else None):
                extensions.school_group_changed(actor, school, old_group, group, school_year)
    return counts


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or str(value) in ("<NA>", "nan"):
        return ""
    return str(value).strip()


@transaction.atomic
def move_school(actor: User, school: School, to_district: District, reason: str) -> School:
    """Move a school to another district: a platform administrator's act, with its own audit.

    Uploads never move schools (``sync_schools`` refuses them); a change of district (区划调整)
    is done here first, then the new district's file is uploaded. The school leaves its
    education group, which belongs to the old district.
    """
    if not Membership.objects.filter(user=actor, role=Role.PLATFORM_ADMIN).exists() and not actor.is_superuser:
        raise PermissionError("only a platform administrator may move a school between districts")
    reason = reason.strip()
    if not reason:
        raise ValueError("give the reason for the move (e.g. the document of the boundary change)")
    locked = School.objects.select_for_update(of=("self",)).select_related("district").get(pk=school.pk)
    if locked.district_id == to_district.pk:
        raise ValueError(f"school {locked.code} is already in {to_district.code}")
    before = {"district": locked.district.code, "district_name": locked.district.name,
              "group": locked.group_id}
    old = locked.district
    locked.district, locked.group = to_district, None
    locked.save(update_fields=["district", "group"])
    after = {"district": to_district.code, "district_name": to_district.name, "reason": reason[:500]}
    record(actor, "move_school", locked, district=to_district, before=before, after=after)
    record(actor, "move_school_out", locked, district=old, before=before, after=after)  # in the old history too
    school.refresh_from_db()
    return locked


# -- users and roles -------------------------------------------------------------------------

@transaction.atomic
def create_user(actor: User | None, username: str, password: str, *, full_name: str = "",
                role: str | None = None, province: Province | None = None, district: District | None = None,
                school: School | None = None, generated: bool = False) -> User:
    """A new user; the password must pass the policy (``AUTH_PASSWORD_VALIDATORS``) or
    ``PasswordRefused`` (E822) is raised and nothing is written. ``generated``: the password is
    a random one the platform made (see platform/hashers.py), hashed without stretching."""
    check_password_policy(password, User(username=username, full_name=full_name))
    user = User.objects.create_user(username=username, password=None if generated else password,
                                    full_name=full_name)
    if generated:
        user.password = _generated_hash(password)
        user.save(update_fields=["password"])
    record(actor, "create", user, after={"username": username, "full_name": full_name})
    if role:
        grant_role(actor, user, role, province=province, district=district, school=school)
    return user


def _generated_hash(password: str) -> str:
    from django.contrib.auth.hashers import make_password

    try:
        return make_password(password, hasher="pbkdf2_sha256_generated")
    except ValueError:  # a deployment that took the hasher out of PASSWORD_HASHERS: the default
        return make_password(password)


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


# -- log-in throttling -----------------------------------------------------------------------
#
# Three counters per attempt (docs/adr/0005-login-throttling.md): the (account, address) pair is
# locked after YOUJUN_LOCKOUT_FAILURES failures; the account as a whole is only slowed down (one
# attempt per YOUJUN_LOGIN_ACCOUNT_DELAY s once it has YOUJUN_LOGIN_ACCOUNT_FAILURES failures),
# so a stranger cannot lock a real user out; an address is refused after YOUJUN_LOGIN_IP_FAILURES
# failures over all accounts. An attempt is counted *before* its password is checked, in one
# transaction that holds the counters' rows (SELECT … FOR UPDATE on PostgreSQL, the database
# write lock of BEGIN IMMEDIATE on SQLite): concurrent attempts cannot get past the limit.


@dataclass(frozen=True)
class LoginGate:
    """Whether an attempt may check its password; if not, the problem code and seconds to wait."""

    allowed: bool
    code: str = ""  # E805 pair locked, E820 account slowed down, E821 address blocked
    retry_after: int = 0


def _throttle_keys(username: str, ip: str) -> dict[str, str]:
    name, addr = username.casefold()[:150], ip[:64]
    return {"pair": f"pair:{name}|{addr}", "account": f"account:{name}", "ip": f"ip:{addr}"}


def _locked_counters(username: str, ip: str, now: datetime) -> dict[str, LoginThrottle]:
    """The three counters, created if new and locked until the end of the transaction."""
    keys = _throttle_keys(username, ip)
    ordered = sorted(keys.values())  # one order for every transaction: no deadlock
    LoginThrottle.objects.bulk_create([LoginThrottle(key=k, window_start=now) for k in ordered],
                                      ignore_conflicts=True)
    rows = {r.key: r for r in LoginThrottle.objects.select_for_update().filter(key__in=ordered).order_by("key")}
    counters = {kind: rows[key] for kind, key in keys.items()}
    _expire(counters, now)
    return counters


def _expire(c: dict[str, LoginThrottle], now: datetime) -> None:
    window = timedelta(seconds=settings.YOUJUN_LOCKOUT_WINDOW)
    pair = c["pair"]
    if pair.locked_until is not None and pair.locked_until <= now:  # the lock ran out
        pair.failures, pair.locked_until, pair.window_start = 0, None, now
    elif pair.locked_until is None and pair.window_start <= now - window:
        pair.failures, pair.window_start = 0, now
    account = c["account"]
    if account.window_start <= now - window and (account.next_try_at is None or account.next_try_at <= now):
        account.failures, account.next_try_at, account.window_start = 0, None, now
    addr = c["ip"]
    if addr.window_start <= now - timedelta(seconds=settings.YOUJUN_LOGIN_IP_WINDOW):
        addr.failures, addr.locked_until, addr.window_start = 0, None, now


def _seconds(until: datetime | None, now: datetime, default: int) -> int:
    return max(1, math.ceil((until - now).total_seconds())) if until is not None else default


def _save(counters: dict[str, LoginThrottle]) -> None:
    for row in counters.values():
        row.save(update_fields=["failures", "window_start", "locked_until", "next_try_at"])


@transaction.atomic
def begin_login(username: str, ip: str = "") -> LoginGate:
    """Decide whether this attempt may check a password and, if so, count it (one atomic step)."""
    now = timezone.now()
    c = _locked_counters(username, ip, now)
    pair, account, addr = c["pair"], c["account"], c["ip"]
    gate: LoginGate | None = None
    if addr.failures >= settings.YOUJUN_LOGIN_IP_FAILURES:
        until = addr.window_start + timedelta(seconds=settings.YOUJUN_LOGIN_IP_WINDOW)
        gate = LoginGate(False, "E821", _seconds(until, now, settings.YOUJUN_LOGIN_IP_WINDOW))
    elif (pair.locked_until is not None and pair.locked_until > now) or \
            pair.failures >= settings.YOUJUN_LOCKOUT_FAILURES:
        gate = LoginGate(False, "E805", _seconds(pair.locked_until, now, settings.YOUJUN_LOCKOUT_PERIOD))
    elif account.failures >= settings.YOUJUN_LOGIN_ACCOUNT_FAILURES:
        if account.next_try_at is not None and account.next_try_at > now:
            gate = LoginGate(False, "E820", _seconds(account.next_try_at, now, settings.YOUJUN_LOGIN_ACCOUNT_DELAY))
        else:  # this attempt takes the account's slot; the next one waits
            account.next_try_at = now + timedelta(seconds=settings.YOUJUN_LOGIN_ACCOUNT_DELAY)
    if gate is None:
        for row in c.values():
            row.failures += 1  # counted now; a success gives it back
        gate = LoginGate(True)
    _save(c)
    return gate


@transaction.atomic
def login_failed(username: str, ip: str = "") -> bool:
    """After a wrong password (its attempt already counted by ``begin_login``): lock the pair,
    slow the account or block the address when a limit is reached. True if the pair is locked."""
    now = timezone.now()
    c = _locked_counters(username, ip, now)
    pair, account, addr = c["pair"], c["account"], c["ip"]
    user = User.objects.filter(username__iexact=username).first()
    who: dict[str, Any] = {"object_type": "platform.User", "object_id": str(user.pk) if user else "",
           "object_repr": username[:150], "actor_name": username[:150], "ip": ip}
    record(None, "login_failed", user, after={"failures": pair.failures, "account_failures": account.failures},
           **who)
    locked = False
    if pair.failures >= settings.YOUJUN_LOCKOUT_FAILURES:
        locked = True
        if pair.locked_until is None:
            pair.locked_until = now + timedelta(seconds=settings.YOUJUN_LOCKOUT_PERIOD)
            record(None, "lockout", user, after={"locked_until": pair.locked_until.isoformat(),
                                                 "failures": pair.failures}, **who)
    if account.failures >= settings.YOUJUN_LOGIN_ACCOUNT_FAILURES and account.next_try_at is None:
        account.next_try_at = now + timedelta(seconds=settings.YOUJUN_LOGIN_ACCOUNT_DELAY)
        record(None, "login_throttled", user, after={"failures": account.failures,
                                                     "delay": settings.YOUJUN_LOGIN_ACCOUNT_DELAY}, **who)
    if addr.failures >= settings.YOUJUN_LOGIN_IP_FAILURES and addr.locked_until is None:
        addr.locked_until = addr.window_start + timedelta(seconds=settings.YOUJUN_LOGIN_IP_WINDOW)
        record(None, "login_ip_blocked", None, object_type="platform.LoginThrottle", object_repr=ip[:150],
               actor_name=username[:150], ip=ip, after={"failures": addr.failures,
                                                        "until": addr.locked_until.isoformat()})
    _save(c)
    return locked


@transaction.atomic
def login_succeeded(user: User, ip: str = "", username: str = "") -> None:
    """Clear the pair's failures and give back the attempt ``begin_login`` counted."""
    now = timezone.now()
    c = _locked_counters(username or user.username, ip, now)
    c["pair"].failures, c["pair"].locked_until = 0, None
    for kind in ("account", "ip"):
        c[kind].failures = max(0, c[kind].failures - 1)
    _save(c)
    record(user, "login", user, ip=ip)


@transaction.atomic
def unlock(actor: User | None, username: str) -> None:
    """Clear every log-in counter of an account (all addresses)."""
    keys = _throttle_keys(username, "")
    deleted, _by_kind = LoginThrottle.objects.filter(
        Q(key=keys["account"]) | Q(key__startswith=keys["pair"].rstrip("|") + "|")).delete()
    if deleted:
        record(actor, "unlock", None, object_type="platform.User", object_repr=username)


# -- passwords -------------------------------------------------------------------------------

class PasswordRefused(ValueError):
    """A password change or reset refused; ``problem`` is the catalogued problem (E822–E824)."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.problem = web_problem(code, detail=detail, rule="password")
        super().__init__(f"{code}: {detail}")


def check_password_policy(password: str, user: User | None = None) -> None:
    """Raise ``PasswordRefused`` (E822, with every validator's message) if the policy refuses it."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise PasswordRefused("E822", " ".join(str(m) for m in exc.messages)) from None


@transaction.atomic
def change_password(user: User, old: str, new: str, again: str, ip: str = "") -> None:
    """The user's own change: the old password, the new one twice, the policy; audited without
    any password; clears ``must_change_password``."""
    if not user.check_password(old):
        raise PasswordRefused("E823")
    if new != again:
        raise PasswordRefused("E824")
    if new == old:
        raise PasswordRefused("E822", str(_("The new password must differ from the old one.")))
    check_password_policy(new, user)
    before = {"must_change_password": user.must_change_password}
    user.set_password(new)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    record(user, "password_change", user, before=before, after={"must_change_password": False}, ip=ip)


@transaction.atomic
def reset_password(actor: User, user: User, ip: str = "") -> str:
    """An administrator's reset: a random temporary password (returned once, never stored in
    clear), a change forced at the next log-in, the user's API tokens revoked (a reset often
    means a leaked password) and their sessions ended (the password hash changes)."""
    for _attempt in range(5):
        temporary = secrets.token_urlsafe(12)
        try:
            check_password_policy(temporary, user)
            break
        except PasswordRefused:  # pragma: no cover - a random 16-character text passes
            continue
    user.set_password(temporary)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    revoked = ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)
    record(actor, "password_reset", user, ip=ip,
           after={"must_change_password": True, "tokens_revoked": revoked})
    return temporary


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


# -- user administration (the /users/ page) --------------------------------------------------
#
# A platform administrator manages everyone; a district bureau administrator only the analysts
# of their district and the data officers of its schools (``selectors.manageable_users``), and
# may give only those two roles, only in their district. The caller checks who may act on which
# user (404 out of remit); these functions check what may be given (E852) and audit every change.

class UserAdminRefused(ValueError):
    """A user administration change refused; ``problem`` is the catalogued problem."""

    def __init__(self, problem: dict[str, Any]):
        self.problem = problem
        super().__init__(problem["message"]["en"])


DISTRICT_GRANTABLE: tuple[Role, ...] = (Role(Role.DISTRICT_ANALYST), Role(Role.SCHOOL_OFFICER))


def check_grant(admin_districts: frozenset[int] | None, role: str, *, province: Province | None = None,
                district: District | None = None, school: School | None = None) -> Role:
    """The role, if it may be given with that place by an administrator of ``admin_districts``
    (None: a platform administrator); else ``UserAdminRefused`` (E852, E854)."""
    try:
        r = Role(role)
    except ValueError:
        raise UserAdminRefused(web_problem("E852", value="—", detail=role, rule="users.role")) from None
    place = {Role.DISTRICT_ADMIN: district, Role.DISTRICT_ANALYST: district, Role.SCHOOL_OFFICER: school,
             Role.INSPECTOR: province or district}.get(r, True)
    if place is None:
        detail = {Role.SCHOOL_OFFICER: "学校 / a school", Role.INSPECTOR: "省份或区县 / a province or district"}
        raise UserAdminRefused(web_problem("E854", value=r.label, detail=detail.get(r, "区县 / a district"),
                                           rule="users.place"))
    if admin_districts is not None:
        where = district or (school.district if school else None)
        if r not in DISTRICT_GRANTABLE or where is None or where.pk not in admin_districts:
            raise UserAdminRefused(web_problem("E852", value=str(where or province or "—"), detail=r.label,
                                               rule="users.role"))
    return r


@transaction.atomic
def admin_create_user(actor: User, admin_districts: frozenset[int] | None, *, username: str, password: str,
                      full_name: str, role: str, province: Province | None = None,
                      district: District | None = None, school: School | None = None) -> User:
    """An administrator creates a user with one role and place; the password passes the policy
    (E822) and must be changed at the first log-in."""
    username = username.strip()
    if not username:
        raise UserAdminRefused(web_problem("E853", value="—", rule="users.username"))
    if User.objects.filter(username__iexact=username).exists():
        raise UserAdminRefused(web_problem("E853", value=username, rule="users.username"))
    r = check_grant(admin_districts, role, province=province, district=district, school=school)
    user = create_user(actor, username, password, full_name=full_name.strip()[:64], role=r.value,
                       province=province if r == Role.INSPECTOR else None,
                       district=district if r in (Role.DISTRICT_ADMIN, Role.DISTRICT_ANALYST, Role.INSPECTOR)
                       else None,
                       school=school if r == Role.SCHOOL_OFFICER else None)
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    return user


def _roles_state(user: User) -> list[dict[str, Any]]:
    return [{"role": m.role, "province": m.province.code if m.province else None,
             "district": m.district.code if m.district else None, "school": m.school.code if m.school else None}
            for m in Membership.objects.filter(user=user).select_related("province", "district", "school")]


@transaction.atomic
def set_role(actor: User, admin_districts: frozenset[int] | None, user: User, role: str, *,
             province: Province | None = None, district: District | None = None,
             school: School | None = None) -> Membership:
    """Replace the user's roles with one role and place (the change is audited before/after)."""
    r = check_grant(admin_districts, role, province=province, district=district, school=school)
    before = _roles_state(user)
    Membership.objects.filter(user=user).delete()
    m = Membership.objects.create(user=user, role=r,
                                  province=province if r == Role.INSPECTOR else None,
                                  district=district if r in (Role.DISTRICT_ADMIN, Role.DISTRICT_ANALYST,
                                                             Role.INSPECTOR) else None,
                                  school=school if r == Role.SCHOOL_OFFICER else None)
    record(actor, "set_role", user, district=m.district or (m.school.district if m.school else None),
           school=m.school, before={"roles": before}, after={"roles": _roles_state(user)})
    return m


@transaction.atomic
def set_active(actor: User, user: User, active: bool, ip: str = "") -> None:
    """Disable (or enable again) a user's account: a disabled user cannot log in, and their API
    tokens stop working (the token check reads ``is_active``); never one's own account."""
    if user.pk == actor.pk:
        raise UserAdminRefused(web_problem("E852", value=user.username, detail="—", rule="users.self"))
    if user.is_active == active:
        return
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    home = Membership.objects.filter(user=user).select_related("district", "school__district").first()
    district = home.district or (home.school.district if home.school else None) if home else None
    record(actor, "enable_user" if active else "disable_user", user, district=district, before=before,
           after={"is_active": active}, ip=ip)
