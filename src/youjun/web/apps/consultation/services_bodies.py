"""Writes of running a body: bodies (platform administrator), people and their roles, accounts
made for them, departments and studios, and the body's settings (categories, clock, moderation,
photos; a workflow override for the administrator).

Every write checks who may make it, runs in one transaction and writes one audit row. The rows
carry no district: who works for a CPPCC committee is not an education bureau's record.
Refusals are ``services.StepRefused`` with a catalogue problem (E930–E939, E87x).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import slugify

from youjun.core import consultation as rules
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.access import Access, access_of
from youjun.web.apps.consultation.models import Body, Concern, Department, Participant, ResidentProfile, Studio
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import District, Membership, User

CODE = re.compile(r"^[a-z][a-z0-9-]{1,31}$")
PREFIX = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
PHONE = re.compile(r"^1\d{10}$")
KINDS: dict[str, tuple[str, str]] = {  # a department's kind, as people read it
    "education": ("教育", "Education"),
    "town": ("镇街", "Town or street office"),
    "transport": ("交通", "Transport"),
    "water": ("水利水务", "Water"),
    "housing": ("住房和城乡建设", "Housing and construction"),
    "health": ("卫生健康", "Health"),
    "agriculture": ("农业农村", "Agriculture"),
    "environment": ("生态环境", "Environment"),
    "other": ("其他", "Other"),
}
# the settings a body's staff may change: (section, key, least, most)
NUMBERS: tuple[tuple[str, str, int, int], ...] = (
    ("sla", "due_soon_days", 0, 60),
    ("publication", "min_items_for_department_times", 1, 100),
    ("publication", "auto_hide_after_reports", 1, 100),
    ("publication", "photo_max_bytes", 100_000, 20_000_000),
    ("publication", "photo_max_count", 0, 10),
    ("publication", "photo_max_pixels", 1_000_000, 100_000_000),
    ("publication", "photo_longest_side", 320, 4000),
)
DAYS_RANGE = (1, 365)
WORKFLOW_MAX_BYTES = 64 * 1024


def _refuse(code: str, value: Any, zh: str, en: str, **context: Any) -> services.StepRefused:
    return services.refuse(code, value=value, rule="consultation.bodies", detail_zh=zh, detail_en=en, **context)


def kind_label(kind: str, lang: str) -> str:
    pair = KINDS.get(kind)
    if pair is None:
        return kind
    return pair[1] if lang == "en" else pair[0]


# --- bodies --------------------------------------------------------------------------------

def administered_bodies(access: Access) -> QuerySet[Body]:
    """The bodies someone runs: every body for the platform administrator, else their staff bodies."""
    if access.everything:
        return Body.objects.all()
    return Body.objects.filter(pk__in=access.staff_bodies)


def _admin_or_refuse(actor: User | None, value: str) -> None:
    if not access_of(actor).everything:
        raise _refuse("E930", value, "只有平台管理员可以新建政协", "only the platform administrator creates bodies")


def create_body(actor: User | None, *, code: str, name: str, number_prefix: str, region: str = "",
                district: District | None = None) -> Body:
    """A new CPPCC body (platform administrator only)."""
    code, name, prefix, region = code.strip(), name.strip(), number_prefix.strip().upper(), region.strip()
    _admin_or_refuse(actor, name or code or "—")
    if not CODE.match(code):
        raise _refuse("E930", code or "—", "代码须以小写字母开头，只用小写字母、数字和连字符（2到32个字符）",
                      "the code starts with a lower-case letter and uses only lower-case letters, digits and "
                      "hyphens (2 to 32 characters)")
    if Body.objects.filter(code=code).exists():
        raise _refuse("E930", code, "这个代码已被其他政协使用", "another body already uses this code")
    if not name:
        raise _refuse("E930", code, "名称不能为空", "the name is empty")
    if not PREFIX.match(prefix):
        raise _refuse("E930", prefix or "—", "编号前缀须为1到8个大写字母或数字，以字母开头（如 RC）",
                      "the number prefix is 1 to 8 capital letters or digits, starting with a letter (e.g. RC)")
    if Body.objects.filter(number_prefix=prefix).exists():
        raise _refuse("E930", prefix, "这个编号前缀已被其他政协使用", "another body already uses this number prefix")
    with transaction.atomic():
        body = Body.objects.create(code=code, name=name[:64], number_prefix=prefix, region=region[:64],
                                   district=district)
        record(actor, "consultation_body_create", body,
               after={"code": code, "name": body.name, "number_prefix": prefix, "region": body.region,
                      "district": district.code if district else ""})
    return body


# --- accounts and roles --------------------------------------------------------------------

def new_password(user: User) -> str:
    """A random initial password that passes the platform's policy."""
    for _attempt in range(5):
        password = secrets.token_urlsafe(12)
        try:
            platform_services.check_password_policy(password, user)
            return password
        except platform_services.PasswordRefused:  # pragma: no cover - a random 16-character text passes
            continue
    raise RuntimeError("no password passed the policy")  # pragma: no cover


def check_username(username: str, full_name: str) -> None:
    if not USERNAME.match(username):
        raise _refuse("E932", username or "—", "用户名须为2到64个字母、数字或 . _ - ，以字母或数字开头",
                      "a user name is 2 to 64 letters, digits or . _ -, starting with a letter or digit")
    if User.objects.filter(username__iexact=username).exists():
        raise _refuse("E932", username, "这个用户名已被使用", "the user name is already in use")
    if not full_name.strip():
        raise _refuse("E932", username, "须填写姓名", "the full name is missing")


def create_account(actor: User | None, username: str, full_name: str) -> tuple[User, str]:
    """A new account with a random initial password (returned once, never stored in clear) that
    must be changed at the first log-in, as the platform's user administration makes them."""
    username, full_name = username.strip(), full_name.strip()[:64]
    check_username(username, full_name)
    password = new_password(User(username=username, full_name=full_name))
    user = platform_services.create_user(actor, username, password, full_name=full_name, generated=True)
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    return user, password


def _participant_state(p: Participant) -> dict[str, Any]:
    phone = getattr(getattr(p.user, "resident_profile", None), "phone", "")
    return {"user": p.user.username, "body": p.body.name, "kind": p.kind,
            "department": p.department.name if p.department else "", "sector": p.sector,
            "studio": p.studio.name if p.studio else "", "neighbourhood": p.neighbourhood,
            "phone": bool(phone), "digest": p.digest}


def set_phone(user: User, phone: str) -> None:
    phone = phone.strip()
    if phone and not PHONE.match(phone):
        raise services.refuse("E935", value=phone, rule="consultation.bodies")
    profile = ResidentProfile.objects.filter(user=user).first()
    if profile is None:
        if phone:
            ResidentProfile.objects.create(user=user, phone=phone)
    elif profile.phone != phone:
        profile.phone = phone
        profile.save(update_fields=["phone"])


def _check_places(body: Body, kind: str, department: Department | None, studio: Studio | None,
                  value: str) -> None:
    if kind not in Participant.Kind.values:
        raise _refuse("E931", value, "请选择角色", "choose a role")
    if kind == Participant.Kind.DEPARTMENT and (department is None or department.body_id != body.pk):
        raise _refuse("E931", value, "承办部门人员须选择本政协的一个承办部门",
                      "a department handler needs one of the body's departments")
    if department is not None and department.body_id != body.pk:
        raise _refuse("E931", value, "这个承办部门不属于本政协", "the department is not the body's")
    if studio is not None and studio.body_id != body.pk:
        raise _refuse("E931", value, "这个委员工作室不属于本政协", "the studio is not the body's")


def add_role(actor: User | None, body: Body, user: User, kind: str, *, department: Department | None = None,
             sector: str = "", studio: Studio | None = None, neighbourhood: str = "",
             phone: str = "") -> Participant:
    """Give ``user`` a role in ``body`` (staff of the body or the administrator)."""
    if not access_of(actor).is_staff_of(body.pk):
        raise _refuse("E931", user.username, "只有本政协的工作人员可以变更角色", "only the body's staff change roles")
    _check_places(body, kind, department, studio, user.username)
    is_member = kind == Participant.Kind.MEMBER
    if kind != Participant.Kind.DEPARTMENT:
        department = None
    if Participant.objects.filter(user=user, body=body, kind=kind, department=department).exists():
        raise _refuse("E931", user.username, "已经有这个角色", "already holds this role")
    with transaction.atomic():
        p = Participant.objects.create(user=user, body=body, kind=kind, department=department,
                                       sector=sector.strip()[:64] if is_member else "",
                                       studio=studio if is_member else None,
                                       neighbourhood=neighbourhood.strip()[:128] if is_member else "")
        if phone.strip():
            set_phone(user, phone)
        record(actor, "consultation_role_add", p, after=_participant_state(p))
    return p


def may_rename(user: User) -> bool:
    """A body's staff may correct the full name only of accounts that hold no platform role."""
    return not (user.is_superuser or user.is_staff or Membership.objects.filter(user=user).exists())


def update_role(actor: User | None, p: Participant, *, department: Department | None = None, sector: str = "",
                studio: Studio | None = None, neighbourhood: str = "", phone: str | None = None, digest: bool = True,
                full_name: str | None = None) -> Participant:
    body = p.body
    if not access_of(actor).is_staff_of(body.pk):
        raise _refuse("E931", p.user.username, "只有本政协的工作人员可以变更角色", "only the body's staff change roles")
    _check_places(body, p.kind, department if p.kind == Participant.Kind.DEPARTMENT else p.department, studio,
                  p.user.username)
    before = _participant_state(p)
    with transaction.atomic():
        if p.kind == Participant.Kind.DEPARTMENT and department is not None and department != p.department:
            if Participant.objects.filter(user=p.user, body=body, kind=p.kind, department=department).exists():
                raise _refuse("E931", p.user.username, "已经是这个承办部门的人员",
                              "already handles for that department")
            p.department = department
        if p.kind == Participant.Kind.MEMBER:
            p.sector, p.studio, p.neighbourhood = sector.strip()[:64], studio, neighbourhood.strip()[:128]
        p.digest = digest
        p.save()
        if phone:  # empty: the phone on file is kept (it is never shown whole here)
            set_phone(p.user, phone)
        name_change = {}
        if full_name is not None and full_name.strip() and full_name.strip() != p.user.full_name:
            if not may_rename(p.user):
                raise _refuse("E931", p.user.username, "这个账号还有平台角色，姓名请由平台管理员修改",
                              "the account holds a platform role: the platform administrator changes its name")
            name_change = {"full_name": [p.user.full_name, full_name.strip()[:64]]}
            p.user.full_name = full_name.strip()[:64]
            p.user.save(update_fields=["full_name"])
        p.user.refresh_from_db()
        record(actor, "consultation_role_edit", p, before=before, after={**_participant_state(p), **name_change})
    return p


def remove_role(actor: User | None, p: Participant) -> None:
    body = p.body
    if not access_of(actor).is_staff_of(body.pk):
        raise _refuse("E931", p.user.username, "只有本政协的工作人员可以变更角色", "only the body's staff change roles")
    if p.kind == Participant.Kind.STAFF and not Participant.objects.filter(
            body=body, kind=Participant.Kind.STAFF).exclude(pk=p.pk).exists():
        raise _refuse("E931", p.user.username, "这是本政协唯一的工作人员，不能移除",
                      "this is the body's only staff member and cannot be removed")
    with transaction.atomic():
        record(actor, "consultation_role_remove", p, before=_participant_state(p))
        p.delete()


# --- departments and studios ---------------------------------------------------------------

def open_items_of_department(department: Department) -> int:
    flow = services.workflow(department.body)
    done = [c for c, s in flow.states.items() if s.terminal]
    return Concern.objects.filter(department=department).exclude(state__in=done).count()


def open_items_of_studio(studio: Studio) -> int:
    """Items consulted at the studio's meetings that are not finished (nor their agreed opinions)."""
    flow = services.workflow(studio.body)
    done = [c for c, s in flow.states.items() if s.terminal]
    return (Concern.objects.filter(Q(meetings__studio=studio) | Q(meeting__studio=studio))
            .exclude(state__in=done).distinct().count())


def _staff_or_refuse(actor: User | None, body: Body, value: str) -> None:
    if not access_of(actor).is_staff_of(body.pk):
        raise _refuse("E930", value, "只有本政协的工作人员可以修改", "only the body's staff change it")


def save_department(actor: User | None, body: Body, *, name: str, kind: str = "", email: str = "",
                    department: Department | None = None) -> Department:
    name, kind, email = name.strip()[:128], kind.strip()[:32], email.strip()
    _staff_or_refuse(actor, body, name or "—")
    if not name:
        raise _refuse("E930", "—", "承办部门名称不能为空", "the department's name is empty")
    clash = Department.objects.filter(body=body, name=name)
    if department is not None:
        clash = clash.exclude(pk=department.pk)
    if clash.exists():
        raise _refuse("E930", name, "本政协已有同名的承办部门", "the body already has a department of that name")
    with transaction.atomic():
        before = None if department is None else {"name": department.name, "kind": department.kind,
                                                  "email": department.email}
        dep = department or Department(body=body)
        dep.name, dep.kind, dep.email = name, kind, email
        dep.save()
        record(actor, "consultation_department_add" if before is None else "consultation_department_edit", dep,
               before=before, after={"body": body.name, "name": name, "kind": kind, "email": email})
    return dep


def set_department_active(actor: User | None, department: Department, active: bool) -> None:
    _staff_or_refuse(actor, department.body, department.name)
    if not active:
        count = open_items_of_department(department)
        if count:
            raise services.refuse("E938", value=department.name, rule="consultation.bodies", count=count)
    with transaction.atomic():
        before = department.active
        department.active = active
        department.save(update_fields=["active"])
        record(actor, "consultation_department_active", department, before={"active": before},
               after={"active": active})


def save_studio(actor: User | None, body: Body, *, name: str, theme: str = "",
                studio: Studio | None = None) -> Studio:
    name, theme = name.strip()[:128], theme.strip()[:128]
    _staff_or_refuse(actor, body, name or "—")
    if not name:
        raise _refuse("E930", "—", "委员工作室名称不能为空", "the studio's name is empty")
    clash = Studio.objects.filter(body=body, name=name)
    if studio is not None:
        clash = clash.exclude(pk=studio.pk)
    if clash.exists():
        raise _refuse("E930", name, "本政协已有同名的委员工作室", "the body already has a studio of that name")
    with transaction.atomic():
        before = None if studio is None else {"name": studio.name, "theme": studio.theme}
        st = studio or Studio(body=body)
        st.name, st.theme = name, theme
        st.save()
        record(actor, "consultation_studio_add" if before is None else "consultation_studio_edit", st,
               before=before, after={"body": body.name, "name": name, "theme": theme})
    return st


def set_studio_active(actor: User | None, studio: Studio, active: bool) -> None:
    _staff_or_refuse(actor, studio.body, studio.name)
    if not active:
        count = open_items_of_studio(studio)
        if count:
            raise services.refuse("E938", value=studio.name, rule="consultation.bodies", count=count)
    with transaction.atomic():
        before = studio.active
        studio.active = active
        studio.save(update_fields=["active"])
        record(actor, "consultation_studio_active", studio, before={"active": before}, after={"active": active})


# --- settings ------------------------------------------------------------------------------

def _bilingual(code: str, value_zh: str, value_en: str, **context: Any) -> services.StepRefused:
    """A refusal whose value is a name said differently in each language (a category, a setting)."""
    zh = services.refuse(code, value=value_zh, rule="consultation.bodies", **context).problem
    en = services.refuse(code, value=value_en, rule="consultation.bodies", **context).problem
    zh["message"]["en"], zh["hint"]["en"] = en["message"]["en"], en["hint"]["en"]
    return services.StepRefused(zh)


def _whole(value: Any, label: tuple[str, str], least: int, most: int) -> int:
    text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    if not re.fullmatch(r"\d+", text) or not least <= int(text) <= most:
        raise _bilingual("E939", label[0], label[1], detail_zh=f"“{value}”须为{least:,}到{most:,}之间的整数",
                         detail_en=f"'{value}' must be a whole number from {least:,} to {most:,}")
    return int(text)


def category_key(en: str, zh: str, taken: set[str]) -> str:
    """A key for a new category: from its English name, else a running one."""
    base = slugify(en).replace("-", "_")[:24] or "category"
    if not re.match(r"^[a-z]", base):
        base = "category"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _validated(body: Body, new: dict[str, Any], value: str) -> dict[str, Any]:
    try:
        return rules.settings_for(new)
    except rules.WorkflowError as exc:
        raise services.refuse_workflow(exc, value, rule="consultation.bodies") from exc


def save_settings(actor: User | None, body: Body, *, days: Mapping[str, Any], numbers: Mapping[str, Any],
                  new_category: tuple[str, str, Any] | None = None) -> dict[str, Any]:
    """Change the categories' days, add a category, and the numbers in ``NUMBERS``; the result is
    validated as the platform reads it (``settings_for``). ``numbers``: key -> value as typed."""
    _staff_or_refuse(actor, body, body.name)
    current = services.body_settings(body)
    cats = current["sla"].get("categories") or {}
    own = {k: dict(v) if isinstance(v, Mapping) else v for k, v in (body.settings or {}).items()}
    sla = dict(own.get("sla") or {})
    publication = dict(own.get("publication") or {})
    own_cats = {k: dict(v) for k, v in (sla.get("categories") or {}).items()}
    for key, typed in days.items():
        if key not in cats:
            continue
        entry = cats[key]
        n = _whole(typed, (str(entry.get("zh", key)), str(entry.get("en", key))), *DAYS_RANGE)
        if n != int(entry.get("days") or 0):
            own_cats.setdefault(key, {})["days"] = n
    if new_category is not None:
        zh, en, typed = (str(new_category[0]).strip()[:32], str(new_category[1]).strip()[:64], new_category[2])
        if not zh or not en:
            raise services.refuse("E939", value=zh or en or "—", rule="consultation.bodies",
                                  detail_zh="新类别须填写中文和英文名称",
                                  detail_en="a new category needs its Chinese and its English name")
        names = {str(v.get("zh", "")) for v in cats.values()} | {str(v.get("en", "")).casefold() for v in cats.values()}
        if zh in names or en.casefold() in names:
            raise services.refuse("E939", value=zh, rule="consultation.bodies",
                                  detail_zh="已有同名的类别", detail_en="a category of that name exists")
        n = _whole(typed, (zh, en), *DAYS_RANGE)
        own_cats[category_key(en, zh, set(cats))] = {"zh": zh, "en": en, "days": n}
    if own_cats:
        sla["categories"] = own_cats
    labels = number_labels()
    for section, key, least, most in NUMBERS:
        if key not in numbers:
            continue
        n = _whole(numbers[key], (labels[key][0], labels[key][1]), least, most)
        target = sla if section == "sla" else publication
        if n != current[section].get(key):
            target[key] = n
    new = dict(own)
    for name, part in (("sla", sla), ("publication", publication)):
        if part:
            new[name] = part
    _validated(body, new, body.name)
    with transaction.atomic():
        before = body.settings
        body.settings = new
        body.save(update_fields=["settings"])
        record(actor, "consultation_body_settings", body, before=before, after=new)
    return services.body_settings(body)


def number_labels() -> dict[str, tuple[str, str, str, str]]:
    """key -> (zh, en, unit zh, unit en) of the numbers a body sets."""
    return {
        "due_soon_days": ("临近期限提醒天数", "Days before the deadline an item is flagged as due soon", "天", "days"),
        "min_items_for_department_times": ("公布部门办理用时的最少件数",
                                           "Fewest items for which a department's times are published", "件", "items"),
        "auto_hide_after_reports": ("被举报几次后自动隐藏", "Reports that hide a concern pending review", "次",
                                    "reports"),
        "photo_max_bytes": ("每张照片的大小上限", "Largest photo file", "字节", "bytes"),
        "photo_max_count": ("每件议题最多照片数", "Most photos per concern", "张", "photos"),
        "photo_max_pixels": ("每张照片的像素上限", "Most pixels in a photo", "像素", "pixels"),
        "photo_longest_side": ("照片长边缩放到", "Longest side photos are scaled to", "像素", "pixels"),
    }


# --- the workflow --------------------------------------------------------------------------

ACTIONS: dict[str, tuple[str, str]] = {
    "select": ("选题", "select"), "merge": ("合并", "merge"), "decline": ("不予选题", "decline"),
    "assign": ("交办", "assign"), "investigate": ("调研", "investigate"), "consult": ("协商", "consult"),
    "progress": ("更新进度", "update progress"), "answer": ("答复", "answer"), "close": ("办结", "close"),
    "reopen": ("重新办理", "reopen"),
}
ROLE_WORDS: dict[str, tuple[str, str]] = {
    "staff": ("政协工作人员", "committee staff"), "member": ("委员", "members"),
    "department": ("承办部门", "the department"), "raiser": ("提出人", "the raiser"),
}


def _word(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key)
    return (pair[1] if lang == "en" else pair[0]) if pair else key


def describe_workflow(flow: rules.Workflow, lang: str) -> dict[str, Any]:
    """The workflow in words: its states (with what each means) and its steps (who takes them)."""
    sep = ", " if lang == "en" else "、"
    states = []
    for code, s in flow.states.items():
        marks = []
        if code == flow.initial:
            marks.append("first state" if lang == "en" else "起始状态")
        if s.terminal:
            marks.append("final" if lang == "en" else "终止状态")
        if s.solved:
            marks.append("counts as solved" if lang == "en" else "计为已解决")
        if s.clock:
            marks.append("the handling clock runs" if lang == "en" else "计算办理时限")
        if not s.public:
            marks.append("not public" if lang == "en" else "不公开")
        states.append({"label": s.label(lang), "stage": "" if lang == "en" else s.stage, "marks": sep.join(marks)})
    steps = []
    for t in flow.transitions:
        source, target = flow.states[t.source].label(lang), flow.states[t.target].label(lang)
        who = sep.join(_word(ROLE_WORDS, r, lang) for r in t.by)
        action = _word(ACTIONS, t.action, lang)
        if lang == "en":
            text = f"{source} → {target}: {action}, by {who}" + ("; a reason is required" if t.reason else "")
        else:
            text = f"{source} → {target}：{action}，由{who}执行" + ("，须写明理由" if t.reason else "")
        steps.append(text)
    return {"states": states, "steps": steps}


def _step_key(t: rules.Transition) -> tuple[str, str, str]:
    return (t.source, t.action, t.target)


def workflow_diff(old: rules.Workflow, new: rules.Workflow, lang: str) -> list[str]:
    """What changes from ``old`` to ``new``, in words (empty: nothing)."""
    en = lang == "en"
    out: list[str] = []
    if old.initial != new.initial:
        out.append(f"The first state becomes '{new.states[new.initial].label(lang)}'" if en
                   else f"起始状态改为“{new.states[new.initial].label(lang)}”")
    for code in new.states.keys() - old.states.keys():
        out.append(f"New state '{new.states[code].label(lang)}'" if en else f"新增状态“{new.states[code].label(lang)}”")
    for code in old.states.keys() - new.states.keys():
        out.append(f"State '{old.states[code].label(lang)}' removed" if en
                   else f"删除状态“{old.states[code].label(lang)}”")
    for code in old.states.keys() & new.states.keys():
        a, b = old.states[code], new.states[code]
        if a != b:
            out.append(f"State '{a.label(lang)}' changes (now: {b.label(lang)})" if en
                       else f"状态“{a.label(lang)}”有改动（现为：{b.label(lang)}，{b.stage or '—'}）")
    olds = {_step_key(t): t for t in old.transitions}
    news = {_step_key(t): t for t in new.transitions}
    words = {k: v for k, v in zip(("old", "new"), (describe_workflow(old, lang), describe_workflow(new, lang)),
                                  strict=True)}
    old_text = dict(zip([_step_key(t) for t in old.transitions], words["old"]["steps"], strict=True))
    new_text = dict(zip([_step_key(t) for t in new.transitions], words["new"]["steps"], strict=True))
    for key in news.keys() - olds.keys():
        out.append(("New step: " if en else "新增步骤：") + new_text[key])
    for key in olds.keys() - news.keys():
        out.append(("Step removed: " if en else "删除步骤：") + old_text[key])
    for key in olds.keys() & news.keys():
        if olds[key] != news[key]:
            out.append(("Step changes: " if en else "步骤改为：") + new_text[key])
    return sorted(out)


@dataclass(frozen=True)
class WorkflowCheck:
    raw: dict[str, Any]
    text: str


def read_workflow_yaml(text: str, filename: str = "workflow.yaml") -> WorkflowCheck:
    """An uploaded workflow override: YAML of a mapping with initial, states and transitions (or
    that mapping under ``workflow:``), checked by ``Workflow.check`` (E871–E873)."""
    if len(text.encode()) > WORKFLOW_MAX_BYTES:
        raise services.refuse("E939", value=filename, rule="consultation.bodies",
                              detail_zh=f"文件超过{WORKFLOW_MAX_BYTES // 1024} KB",
                              detail_en=f"the file is over {WORKFLOW_MAX_BYTES // 1024} KB")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}" if mark is not None else "?"
        raise services.refuse("E939", value=filename, rule="consultation.bodies",
                              detail_zh=f"第{where}行不是有效的 YAML",
                              detail_en=f"line {where} is not valid YAML") from None
    if isinstance(raw, Mapping) and "workflow" in raw and isinstance(raw["workflow"], Mapping):
        raw = raw["workflow"]
    if not isinstance(raw, Mapping) or not {"states", "transitions"} <= set(raw):
        raise services.refuse("E939", value=filename, rule="consultation.bodies",
                              detail_zh="须包含 initial、states 和 transitions 三项",
                              detail_en="it needs initial, states and transitions")
    try:
        _explain(raw, filename)
        rules.Workflow.from_settings(raw)
    except rules.WorkflowError as exc:
        raise services.refuse_workflow(exc, filename, rule="consultation.bodies") from exc
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise services.refuse("E939", value=filename, rule="consultation.bodies",
                              detail_zh="状态或步骤的写法有误",
                              detail_en=f"a state or step is malformed ({exc})") from None
    return WorkflowCheck(raw=dict(raw), text=text)


def _explain(raw: Mapping[str, Any], filename: str) -> None:
    """``Workflow.check`` said in words of each language, with the states' names (E871–E873)."""
    states = raw.get("states") or {}
    if not isinstance(states, Mapping) or not all(isinstance(v, Mapping) for v in states.values()):
        return  # malformed: the caller's reading refuses it
    zh = {str(k): str(v.get("zh", k)) for k, v in states.items()}
    en = {str(k): str(v.get("en", k)) for k, v in states.items()}

    def names(codes: list[str], lang: str) -> str:
        table = en if lang == "en" else zh
        return (", " if lang == "en" else "、").join(f"“{table.get(c, c)}”" if lang != "en" else f"'{table.get(c, c)}'"
                                                   for c in codes)

    def refuse(code: str, detail_zh: str, detail_en: str) -> None:
        raise services.refuse(code, value=filename, rule="consultation.bodies", detail=(detail_zh, detail_en))

    initial = str(raw.get("initial", ""))
    if initial not in zh:
        refuse("E871", f"起始状态“{initial}”不是已定义的状态", f"the first state '{initial}' is not a defined state")
    steps = [t for t in raw.get("transitions") or () if isinstance(t, Mapping)]
    for t in steps:
        for key in ("from", "to"):
            if str(t.get(key, "")) not in zh:
                refuse("E871", f"步骤“{t.get('action', '')}”用到了未定义的状态“{t.get(key, '')}”",
                       f"the step '{t.get('action', '')}' names the undefined state '{t.get(key, '')}'")
        roles = [str(r) for r in t.get("by") or ()]
        if not roles or set(roles) - set(rules.ROLES):
            refuse("E872", f"步骤“{t.get('action', '')}”的执行角色有误（{'、'.join(roles) or '未填写'}）",
                   f"the step '{t.get('action', '')}' has wrong roles ({', '.join(roles) or 'none'})")
    reached, frontier = {initial}, [initial]
    while frontier:
        here = frontier.pop()
        for t in steps:
            target = str(t.get("to"))
            if str(t.get("from")) == here and target not in reached:
                reached.add(target)
                frontier.append(target)
    unreached = [c for c in zh if c not in reached]
    if unreached:
        refuse("E873", f"没有步骤能到达{names(unreached, 'zh')}", f"no step reaches {names(unreached, 'en')}")
    stuck = [c for c, v in states.items() if not v.get("terminal") and not any(str(t.get("from")) == c for t in steps)]
    if stuck:
        refuse("E873", f"{names(stuck, 'zh')}没有下一步，也不是终止状态",
               f"{names(stuck, 'en')} has no next step and is not final")
    if not any(v.get("solved") for v in states.values()):
        refuse("E873", "没有计为“已解决”的状态", "no state counts as solved")


def _with_workflow(body: Body, raw: Mapping[str, Any] | None) -> dict[str, Any]:
    new = dict(body.settings or {})
    if raw is None:
        new.pop("workflow", None)
    else:
        new["workflow"] = dict(raw)
    return new


def proposed_workflow(body: Body, raw: Mapping[str, Any] | None) -> rules.Workflow:
    """The body's effective workflow with ``raw`` as its override (None: the platform default)."""
    if raw is not None:  # the override is laid over the platform's workflow: its states stay
        _explain(rules._merge(rules.default_settings()["workflow"], dict(raw)), body.name)
    merged = _validated(body, _with_workflow(body, raw), body.name)
    flow = rules.Workflow.from_settings(merged["workflow"])
    stranded = sorted(set(Concern.objects.filter(body=body).values_list("state", flat=True)) - set(flow.states))
    if stranded:
        raise services.refuse("E939", value=body.name, rule="consultation.bodies",
                              detail_zh="本政协还有议题处于将被删除的状态：" + "、".join(stranded),
                              detail_en="the body has items in states the change removes: " + ", ".join(stranded))
    return flow


def save_workflow(actor: User | None, body: Body, raw: Mapping[str, Any] | None) -> rules.Workflow:
    """Lay a workflow override over the platform's (None: back to the platform's); administrator only."""
    if not access_of(actor).everything:
        raise _refuse("E939", body.name, "只有平台管理员可以修改办理流程",
                      "only the platform administrator changes the workflow")
    flow = proposed_workflow(body, raw)
    with transaction.atomic():
        before = (body.settings or {}).get("workflow")
        body.settings = _with_workflow(body, raw)
        body.save(update_fields=["settings"])
        record(actor, "consultation_body_workflow", body, before={"workflow": before},
               after={"workflow": body.settings.get("workflow")})
    return flow
