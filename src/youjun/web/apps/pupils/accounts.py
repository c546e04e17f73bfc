"""Accounts the school's data officer makes: teachers linked to classes (a new account or an
existing one), guardians' and pupils' accounts made per class with log-in slips, a password
re-issued. Every write is one transaction with an audit row.

An initial password is random (at least 96 bits, letters and digits without the look-alikes
l I 1 O 0, so it is read off a slip and typed without doubt), hashed with the platform's generated-password hasher
(``platform/hashers.py``), returned once to be printed and never stored in clear; the account
must change it at the first log-in. Pupils' own accounts start at a grade set as a LOCAL rule
(``rules/pupils/accounts.yaml``). A slip names its pupil by the masked name, the class and
the end of the 学籍号 (4 characters, more where masked names collide in the batch).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from youjun.core.rules import read_yaml, rules_root
from youjun.web.apps.platform import audit
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import ApiToken, User
from youjun.web.apps.pupils import services
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Enrolment, Guardian, Pupil

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
GUARDIAN_PREFIX, PUPIL_PREFIX = "jz", "xs"
# Letters and digits without the look-alikes l I 1 O 0; 17 of 57 symbols carry 99 bits.
PASSWORD_ALPHABET = "".join(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                            if c not in "lI1O0")
PASSWORD_LENGTH = 17
ID_END = 4  # characters of the 学籍号 on a slip


def account_rules(as_of: dt.date | None = None) -> dict[str, Any]:
    """The LOCAL account rule in force (``rules/pupils/accounts.yaml``)."""
    raw = read_yaml(rules_root() / "pupils" / "accounts.yaml")
    day = as_of or timezone.localdate()
    found: dict[str, Any] = {}
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= day:
            found = dict(entry["value"])
    return found or {"local": True, "pupil_account_min_grade": 3}


def pupil_min_grade() -> int:
    return int(account_rules()["pupil_account_min_grade"])


def mask_name(name: str) -> str:
    """A pupil's name on a slip: 王*, 王*密, 欧阳**。"""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    if len(name) == 3:
        return name[0] + "*" + name[-1]
    return name[:2] + "*" * (len(name) - 2)


@dataclass(frozen=True)
class Slip:
    """One log-in slip, printed and handed over: shown once."""

    school: str
    class_name: str
    pupil: str  # masked
    who: str  # "guardian" or "pupil" or "teacher"
    username: str
    password: str
    id_end: str = ""  # the last characters of the pupil's 学籍号 (4, more if masked names collide)


def id_ends(items: list[tuple[str, str, str]]) -> list[str]:
    """For (class, masked name, 学籍号) of a batch of slips: the end of each 学籍号 to print,
    ``ID_END`` characters, or as many more as no other pupil of the batch with the same class
    and masked name shares (学籍号 are unique, so the whole number always does)."""
    groups: dict[tuple[str, str], set[str]] = {}
    for class_name, masked, student_id in items:
        groups.setdefault((class_name, masked), set()).add(student_id)
    ends = []
    for class_name, masked, student_id in items:
        others = groups[(class_name, masked)] - {student_id}
        n = ID_END
        while n < len(student_id) and any(o[-n:] == student_id[-n:] for o in others):
            n += 1
        ends.append(student_id[-n:])
    return ends


def _with_ends(slips: list[Slip], student_ids: list[str]) -> list[Slip]:
    ends = id_ends([(s.class_name, s.pupil, i) for s, i in zip(slips, student_ids, strict=True)])
    return [Slip(s.school, s.class_name, s.pupil, s.who, s.username, s.password, end)
            for s, end in zip(slips, ends, strict=True)]


def new_password() -> str:
    """A random initial password: ``PASSWORD_LENGTH`` letters and digits, no look-alikes, so it
    never ends in a punctuation mark either."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def _password(user: User) -> str:
    for _attempt in range(5):
        password = new_password()
        try:
            platform_services.check_password_policy(password, user)
            return password
        except platform_services.PasswordRefused:  # pragma: no cover - a random 16-character text passes
            continue
    raise RuntimeError("no password passed the policy")  # pragma: no cover


def _refuse_username(value: str, zh: str, en: str) -> services.Refused:
    return services.refuse("E1011", value=value or "—", rule="pupils.username", detail=(zh, en))


def check_new_username(username: str) -> None:
    if not USERNAME.match(username):
        raise _refuse_username(username, "须为2到64个字母、数字或 . _ - ，以字母或数字开头",
                               "it must be 2 to 64 letters, digits or . _ -, starting with a letter or digit")
    if User.objects.filter(username__iexact=username).exists():
        raise _refuse_username(username, "已被其他账号使用", "it is already used by an account")


def suggest_username(base: str) -> str:
    """``base`` or ``base-2``, ``base-3`` … : the first not taken."""
    base = re.sub(r"[^A-Za-z0-9._-]", "", base)[:56] or "user"
    taken = {u.casefold() for u in User.objects.filter(username__istartswith=base).values_list("username", flat=True)}
    if base.casefold() not in taken:
        return base
    n = 2
    while f"{base}-{n}".casefold() in taken:
        n += 1
    return f"{base}-{n}"


def _new_account(actor: User | None, username: str, full_name: str) -> tuple[User, str]:
    password = _password(User(username=username, full_name=full_name))
    user = platform_services.create_user(actor, username, password, full_name=full_name[:64], generated=True)
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    return user, password


def _check_teacher(kind: str, subject: str) -> None:
    if kind not in ClassTeacher.Kind.values:
        raise services.refuse("E1015", value=kind, rule="pupils.teacher")
    if kind == ClassTeacher.Kind.SUBJECT and not subject.strip():
        raise services.refuse("E1015", value="", rule="pupils.teacher")


@transaction.atomic
def create_teacher(actor: User | None, class_group: ClassGroup, *, full_name: str, username: str,
                   kind: str, subject: str = "", ip: str = "") -> tuple[ClassTeacher, Slip]:
    """A new teacher account linked to the class; its initial password on a slip (once)."""
    username, full_name, subject = username.strip(), full_name.strip(), subject.strip()[:32]
    _check_teacher(kind, subject)
    check_new_username(username)
    if not full_name:
        raise _refuse_username(username, "须填写教师姓名", "the teacher's full name is missing")
    user, password = _new_account(actor, username, full_name)
    row = services.assign_teacher(class_group, user, actor, kind=kind, subject=subject, ip=ip)
    audit.record(actor, "pupils_teacher_account", user, school=class_group.school, ip=ip,
                 after={"username": username, "class": str(class_group), "must_change_password": True})
    return row, Slip(class_group.school.name, str(class_group), "", "teacher", username, password)


@transaction.atomic
def link_teacher(actor: User | None, class_group: ClassGroup, *, username: str, kind: str, subject: str = "",
                 ip: str = "") -> ClassTeacher:
    """An existing account linked to the class as its head or subject teacher."""
    username, subject = username.strip(), subject.strip()[:32]
    _check_teacher(kind, subject)
    user = User.objects.filter(username__iexact=username, is_active=True).first() if username else None
    if user is None:
        raise _refuse_username(username, "没有这个账号（或已停用）", "there is no such active account")
    if Pupil.objects.filter(user=user).exists() or Guardian.objects.filter(user=user).exists():
        raise _refuse_username(username, "这是学生或家长的账号", "it is a pupil's or guardian's account")
    return services.assign_teacher(class_group, user, actor, kind=kind, subject=subject, ip=ip)


@transaction.atomic
def remove_teacher(actor: User | None, row: ClassTeacher, *, ip: str = "") -> None:
    class_group = row.class_group
    audit.record(actor, "pupils_teacher_remove", row, school=class_group.school, ip=ip,
                 object_repr=f"{row.user} · {class_group}",
                 before={"class": str(class_group), "teacher": str(row.user), "head_teacher": row.kind == "head",
                         "subject": row.subject})
    row.delete()


def class_pupils(class_group: ClassGroup) -> list[Pupil]:
    """The class's active pupils, in record-number order."""
    return [e.pupil for e in Enrolment.objects.filter(class_group=class_group, pupil__active=True)
            .select_related("pupil").order_by("pupil__student_id")]


@transaction.atomic
def issue_guardian_accounts(actor: User | None, class_group: ClassGroup, *, ip: str = "") -> list[Slip]:
    """One guardian account for each pupil of the class who has none yet; a slip for each."""
    slips: list[Slip] = []
    ids: list[str] = []
    with_guardian = set(Guardian.objects.filter(pupil__enrolments__class_group=class_group)
                        .values_list("pupil_id", flat=True))
    for pupil in class_pupils(class_group):
        if pupil.pk in with_guardian:
            continue
        username = suggest_username(f"{GUARDIAN_PREFIX}{pupil.pk:06d}")
        user, password = _new_account(actor, username, f"{pupil.name}家长")
        Guardian.objects.create(user=user, pupil=pupil, relation="家长")
        slips.append(Slip(class_group.school.name, str(class_group), mask_name(pupil.name), "guardian",
                          username, password))
        ids.append(pupil.student_id)
    audit.record(actor, "pupils_guardian_accounts", class_group, school=class_group.school, ip=ip,
                 after={"class": str(class_group), "count": len(slips), "usernames": [s.username for s in slips]})
    return _with_ends(slips, ids)


@transaction.atomic
def issue_pupil_accounts(actor: User | None, class_group: ClassGroup, *, ip: str = "") -> list[Slip]:
    """Pupils' own accounts (from the LOCAL minimum grade) for pupils of the class who have none."""
    least = pupil_min_grade()
    if class_group.grade < least:
        raise services.refuse("E1014", value=class_group.grade, rule="pupils.accounts", limit=least,
                              detail=(f"{class_group}低于{least}年级", f"{class_group} is below grade {least}"))
    slips: list[Slip] = []
    ids: list[str] = []
    for pupil in class_pupils(class_group):
        if pupil.user_id is not None:
            continue
        username = suggest_username(f"{PUPIL_PREFIX}{pupil.pk:06d}")
        user, password = _new_account(actor, username, pupil.name)
        pupil.user = user
        pupil.save(update_fields=["user"])
        slips.append(Slip(class_group.school.name, str(class_group), mask_name(pupil.name), "pupil",
                          username, password))
        ids.append(pupil.student_id)
    audit.record(actor, "pupils_pupil_accounts", class_group, school=class_group.school, ip=ip,
                 after={"class": str(class_group), "count": len(slips), "usernames": [s.username for s in slips]})
    return _with_ends(slips, ids)


def _reset(actor: User | None, user: User, *, ip: str = "") -> str:
    """As ``platform.services.reset_password`` (a change forced at the next log-in, API tokens
    revoked, sessions ended by the new hash, audited as ``password_reset``) with a slip's
    readable password, hashed as a generated one."""
    password = _password(user)
    try:
        user.password = make_password(password, hasher="pbkdf2_sha256_generated")
    except ValueError:  # pragma: no cover - a deployment without the generated-password hasher
        user.password = make_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    revoked = ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)
    audit.record(actor, "password_reset", user, ip=ip, after={"must_change_password": True,
                                                             "tokens_revoked": revoked})
    return password


@transaction.atomic
def reissue_password(actor: User, pupil: Pupil, user: User, *, ip: str = "") -> Slip:
    """A new initial password for the pupil's guardian or the pupil's own account (once)."""
    if not (user.pk == pupil.user_id or Guardian.objects.filter(pupil=pupil, user=user).exists()):
        raise _refuse_username(user.username, "不是该学生或其家长的账号",
                               "it is not the pupil's or a guardian's account")
    password = _reset(actor, user, ip=ip)
    who = "pupil" if user.pk == pupil.user_id else "guardian"
    audit.record(actor, "pupils_password_reissue", user, school=pupil.school, ip=ip,
                 after={"pupil_id": pupil.pk, "username": user.username, "own_account": who == "pupil"})
    from youjun.web.apps.pupils import selectors

    current = selectors.current_class(pupil)
    return _with_ends([Slip(pupil.school.name, str(current) if current else "", mask_name(pupil.name), who,
                            user.username, password)], [pupil.student_id])[0]


@transaction.atomic
def reissue_class(actor: User, class_group: ClassGroup, who: str, *, ip: str = "") -> list[Slip]:
    """New initial passwords for every parent's account (``who="guardian"``) or every pupil's own
    account (``"pupil"``) of the class's active pupils: a slip for each, one audit row for the
    class. Accounts that are also staff (a platform role or a class's teacher) are left alone:
    they are re-issued one by one on the pupil's page."""
    if who not in ("guardian", "pupil"):
        raise ValueError(who)
    slips: list[Slip] = []
    ids: list[str] = []
    done: set[int] = set()
    for pupil in class_pupils(class_group):
        if who == "pupil":
            users = [pupil.user] if pupil.user is not None else []
        else:
            users = [g.user for g in Guardian.objects.filter(pupil=pupil).select_related("user").order_by("pk")]
        for user in users:
            if not user.is_active or user.is_staff or user.is_superuser or user.memberships.exists() \
                    or ClassTeacher.objects.filter(user=user).exists():
                continue
            if user.pk in done:  # a parent of two pupils of the class: one password, on each slip
                password = next(s.password for s in slips if s.username == user.username)
            else:
                password = _reset(actor, user, ip=ip)
                done.add(user.pk)
            slips.append(Slip(class_group.school.name, str(class_group), mask_name(pupil.name), who,
                              user.username, password))
            ids.append(pupil.student_id)
    audit.record(actor, "pupils_class_reissue", class_group, school=class_group.school, ip=ip,
                 after={"class": str(class_group), "own_accounts": who == "pupil", "count": len(slips),
                        "usernames": sorted({s.username for s in slips})})
    return _with_ends(slips, ids)
