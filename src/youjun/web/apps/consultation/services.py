"""Every write of an item's path: raise, select, merge, investigate, consult, assign, progress,
answer, rate, close, reopen. Each checks the body's workflow (states as data), writes one
``Event`` (timestamped, attributed) and one audit row, in one transaction.

Views call these and show ``StepRefused.problem`` (the catalogue's one shape) when refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from youjun.core import consultation as rules
from youjun.web.apps.consultation.access import Access, access_of, roles_for
from youjun.web.apps.consultation.models import (
    AnswerTemplate,
    Body,
    Concern,
    Department,
    Event,
    Evidence,
    Meeting,
    Milestone,
    Notification,
    Participant,
    Rating,
    Supporter,
)
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import School, User
from youjun.web.errors import web_problem


class StepRefused(Exception):
    """A write refused before anything was written; ``problem`` is a catalogue problem dict."""

    def __init__(self, problem: dict[str, Any]):
        self.problem = problem
        super().__init__(problem["message"]["en"])


def refuse(code: str, *, value: Any = "", rule: str = "consultation", **context: Any) -> StepRefused:
    """The refusal ``code``; ``detail`` is (zh, en) — said in the page's language as {detail_zh}
    and {detail_en} — or one string that reads the same in both (a number, a file name)."""
    return StepRefused(web_problem(code, value=value, rule=rule, **context))


def refuse_workflow(exc: rules.WorkflowError, value: Any, **context: Any) -> StepRefused:
    """A workflow rule's refusal with its detail in both languages."""
    return refuse(exc.code, value=value, detail=(exc.detail_zh, exc.detail_en), **context)


# --- settings of a body --------------------------------------------------------------------

_SETTINGS_CACHE: dict[tuple[int, str], dict[str, Any]] = {}


def body_settings(body: Body) -> dict[str, Any]:
    """The body's settings (defaults in rules/consultation with its own over them)."""
    key = (body.pk, repr(sorted((body.settings or {}).items())))
    found = _SETTINGS_CACHE.get(key)
    if found is None:
        try:
            found = rules.settings_for(body.settings)
        except rules.WorkflowError as exc:
            raise refuse_workflow(exc, body.name) from exc
        _SETTINGS_CACHE[key] = found
    return found


_WORKFLOW_CACHE: dict[int, tuple[int, rules.Workflow]] = {}


def workflow(body: Body) -> rules.Workflow:
    """The body's workflow, built and checked once per settings (list pages ask for it per row)."""
    settings = body_settings(body)
    cached = _WORKFLOW_CACHE.get(body.pk)
    if cached is None or cached[0] != id(settings):
        cached = (id(settings), rules.Workflow.from_settings(settings["workflow"]))
        _WORKFLOW_CACHE[body.pk] = cached
    return cached[1]


def categories(body: Body) -> dict[str, dict[str, Any]]:
    return dict(body_settings(body)["sla"].get("categories") or {})


# --- raising -------------------------------------------------------------------------------

def next_number(body: Body, at: dt.datetime) -> str:
    """RC-2026-0001: the body's prefix, the year, a running number (taken under a lock)."""
    year = timezone.localtime(at).year
    prefix = f"{body.number_prefix}-{year}-"
    Body.objects.select_for_update().filter(pk=body.pk).first()
    last = (Concern.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"] or "")
    seq = int(last.rsplit("-", 1)[-1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def raise_concern(actor: User | None, body: Body, *, title: str, text: str, category: str,
                  town: str = "", village: str = "", school: School | None = None, indicator: str = "",
                  channel: str = "web", raiser_name: str = "", raiser_phone: str = "",
                  consent_noted: bool = False, consent_text: str = "", on_behalf: bool = False,
                  kind: str = "concern", parent: Concern | None = None,
                  meeting: Meeting | None = None, at: dt.datetime | None = None) -> Concern:
    """A new item in the workflow's first state. ``on_behalf``: a member records it for a
    resident without an account (assisted entry), which needs the resident's consent noted."""
    at = at or timezone.now()
    if category not in categories(body):
        raise refuse("E878", value=category, expected="、".join(categories(body)))
    if on_behalf and not consent_noted:
        raise refuse("E879", value=raiser_name or title)
    with transaction.atomic():
        flow = workflow(body)
        concern = Concern.objects.create(
            body=body, number=next_number(body, at), kind=kind, parent=parent, title=title.strip(),
            text=text.strip(), category=category, town=town.strip(), village=village.strip(), school=school,
            indicator=indicator.strip().upper(), channel=channel,
            # an opinion agreed at a meeting has no raiser: whoever wrote it down recorded it
            raised_by=None if on_behalf or kind == "opinion" else actor,
            recorded_by=actor if on_behalf or kind == "opinion" else None,
            raiser_name=raiser_name.strip(), raiser_phone=raiser_phone.strip(), consent_noted=consent_noted,
            consent_text=consent_text.strip(), state=flow.initial, meeting=meeting, created_at=at)
        if on_behalf:  # who recorded it for the resident: committee staff, or a member on a visit
            role = "staff" if access_of(actor).is_staff_of(body.pk) else "member"
        else:
            role = "staff" if kind == Concern.Kind.OPINION else "raiser"
        _event(concern, actor, role, "raise", "", flow.initial, at=at,
               data={"channel": channel, **({"parent": parent.number} if parent else {})})
        record(actor, "consultation_raise", concern,
               after={"number": concern.number, "category": category, "channel": channel, "kind": kind})
    return concern


# --- the path ------------------------------------------------------------------------------

def _event(concern: Concern, actor: User | None, role: str, action: str, source: str, target: str, *,
           note: str = "", data: dict[str, Any] | None = None, public: bool = True,
           at: dt.datetime | None = None) -> Event:
    return Event.objects.create(concern=concern, at=at or timezone.now(), actor=actor, actor_role=role,
                                action=action, from_state=source, to_state=target, note=note.strip(),
                                data=data or {}, public=public)


def acting_role(transition: rules.Transition, held: Iterable[str]) -> str:
    """The role an actor acts in: the first of the step's roles they hold."""
    held = set(held)
    return next((r for r in transition.by if r in held), transition.by[0])


def step(actor: User | None, concern: Concern, action: str, *, note: str = "",
         data: dict[str, Any] | None = None, access: Access | None = None, public: bool = True,
         at: dt.datetime | None = None, audit_after: dict[str, Any] | None = None) -> Event:
    """Move ``concern`` by ``action`` if its workflow allows it to ``actor``; one event, one
    audit row. Callers set the step's own fields (department, answer…) in the same
    transaction before calling."""
    access = access or access_of(actor)
    held = roles_for(access, concern)
    flow = workflow(concern.body)
    try:
        transition = flow.step(concern.state, action, held)
    except rules.WorkflowError as exc:
        raise refuse_workflow(exc, concern.number) from exc
    if transition.reason and not note.strip():
        raise refuse("E877", value=concern.number)
    before = concern.state
    concern.state = transition.target
    if flow.state(transition.target).terminal:
        concern.closed_at = at or timezone.now()
    elif concern.closed_at is not None:
        concern.closed_at = None
    concern.save()
    event = _event(concern, actor, acting_role(transition, held), action, before, transition.target,
                   note=note, data=data, public=public, at=at)
    record(actor, f"consultation_{action}", concern,
           before={"state": before}, after={"state": transition.target, **(audit_after or {})})
    return event


def select(actor: User | None, concern: Concern, *, note: str = "", venue: str = "") -> Event:
    with transaction.atomic():
        if venue:
            if venue not in rules.VENUES:
                raise refuse("E874", value=concern.number,
                             detail=(f"没有“{venue}”这个协商平台", f"unknown venue {venue}"))
            concern.venue = venue
        return step(actor, concern, "select", note=note, data={"venue": venue} if venue else None)


def decline(actor: User | None, concern: Concern, reason: str) -> Event:
    with transaction.atomic():
        return step(actor, concern, "decline", note=reason)


def investigate(actor: User | None, concern: Concern, notes: str) -> Event:
    """A field visit's notes (调研); the raiser's personal data stays off the public timeline."""
    with transaction.atomic():
        return step(actor, concern, "investigate", note=notes)


def consult(actor: User | None, concern: Concern, meeting: Meeting, note: str = "") -> Event:
    with transaction.atomic():
        meeting.concerns.add(concern)
        concern.venue = meeting.venue
        return step(actor, concern, "consult", note=note,
                    data={"meeting": meeting.pk, "venue": meeting.venue, "held_on": meeting.held_on.isoformat()})


def merge_refusal(duplicate: Concern, into: Concern | None, number: str = "") -> StepRefused | None:
    """Why ``duplicate`` cannot be merged into ``into`` (E893, in words), or None: the target
    must be another item of the same body that is neither finished (closed, merged, declined)
    nor answered already."""
    value = into.number if into is not None else (number or "—")
    if into is None or into.pk == duplicate.pk or into.body_id != duplicate.body_id:
        zh, en = ("本政协没有这个编号的其他议题", "this body has no other item with that number")
        return refuse("E893", value=value, detail_zh=zh, detail_en=en)
    flow = workflow(into.body)
    label = flow.states.get(into.state)
    zh_state, en_state = (label.zh, label.en) if label else (into.state, into.state)
    if into.merged_into_id is not None or (label is not None and label.terminal):
        return refuse("E893", value=value, detail_zh=f"它已是“{zh_state}”状态，已结束的议题不能接收合并",
                      detail_en=f"it is '{en_state}': a finished item cannot take a merge")
    if into.answered_at is not None or into.state == "answered":
        return refuse("E893", value=value, detail_zh=f"它已答复（“{zh_state}”），不能再接收合并",
                      detail_en=f"it is answered already ('{en_state}') and cannot take a merge")
    return None


def merge_differences(duplicate: Concern, into: Concern) -> list[tuple[str, str]]:
    """What staff must confirm before merging: the target's other category or town (zh, en)."""
    found: list[tuple[str, str]] = []
    cats = categories(duplicate.body)

    def cat(key: str, lang: str) -> str:
        entry = cats.get(key) or {}
        return str(entry.get(lang) or entry.get("zh") or key)

    if duplicate.category != into.category:
        found.append((f"类别不同：本议题为“{cat(duplicate.category, 'zh')}”，"
                      f"{into.number}为“{cat(into.category, 'zh')}”",
                      f"Other category: this item is '{cat(duplicate.category, 'en')}', {into.number} is "
                      f"'{cat(into.category, 'en')}'"))
    if (duplicate.town or "") != (into.town or ""):
        found.append((f"街道/镇不同：本议题为“{duplicate.town or '未填写'}”，"
                      f"{into.number}为“{into.town or '未填写'}”",
                      f"Other town: this item is in '{duplicate.town or 'not given'}', {into.number} in "
                      f"'{into.town or 'not given'}'"))
    return found


def merge(actor: User | None, duplicate: Concern, into: Concern, note: str = "") -> Event:
    """Merge a duplicate into another concern: its raiser and supporters become the other's
    supporters, so nobody who asked is lost. A finished or answered target is refused (E893)."""
    refused = merge_refusal(duplicate, into)
    if refused is not None:
        raise refused
    with transaction.atomic():
        now = timezone.now()
        # who already stands behind ``into``: its raiser and its supporters with an account are
        # not added again (a resident who raised both is not a supporter of their own concern)
        behind = {into.raised_by_id, *into.supporters.exclude(user=None).values_list("user_id", flat=True)} - {None}
        if (duplicate.raised_by_id or duplicate.raiser_name) and duplicate.raised_by_id not in behind:
            Supporter.objects.create(concern=into, user=duplicate.raised_by, name=duplicate.raiser_name,
                                     from_concern=duplicate, at=duplicate.created_at)
            if duplicate.raised_by_id:
                behind.add(duplicate.raised_by_id)
        for s in duplicate.supporters.all():
            if s.user_id is not None and s.user_id in behind:
                continue
            Supporter.objects.create(concern=into, user=s.user, name=s.name, from_concern=duplicate, at=s.at)
            if s.user_id is not None:
                behind.add(s.user_id)
        duplicate.merged_into = into
        event = step(actor, duplicate, "merge", note=note, data={"into": into.number},
                     audit_after={"into": into.number}, at=now)
        _event(into, actor, event.actor_role, "absorb", into.state, into.state, at=now,
               data={"from": duplicate.number})
        if duplicate.raised_by is not None:
            same = duplicate.raised_by_id == into.raised_by_id
            notify(duplicate.raised_by, duplicate, "merged",
                   f"您反映的 {duplicate.number} 与 {into.number} 相同，已合并办理"
                   + ("" if same else "，您已成为该议题的附议人"),
                   f"Your concern {duplicate.number} is the same as {into.number} and is handled with it"
                   + ("" if same else "; you are now one of its supporters"))
    return event


def assign(actor: User | None, concern: Concern, department: Department, *, due_on: dt.date | None = None,
           note: str = "") -> Event:
    """Hand the item to a department with a deadline (the category's days unless given)."""
    if department.body_id not in {concern.body_id, *concern.joint_bodies.values_list("pk", flat=True)}:
        raise refuse("E874", value=concern.number, detail=(f"{department.name}不是本议题所属政协的承办部门",
                                                           f"{department.name} is not a department of its bodies"))
    if not department.active:
        raise refuse("E874", value=concern.number, detail=(f"{department.name}已停用，不能再交办",
                                                           f"{department.name} is no longer in use"))
    with transaction.atomic():
        now = timezone.now()
        days = rules.sla_days(body_settings(concern.body)["sla"], concern.category)
        concern.department = department
        concern.assigned_at = now
        concern.due_on = due_on or rules.deadline(timezone.localdate(now), days)
        event = step(actor, concern, "assign", note=note, at=now,
                     data={"department": department.name, "due_on": concern.due_on.isoformat()},
                     audit_after={"department": department.pk, "due_on": concern.due_on})
        notify_department(department, concern, "assigned",
                          f"新交办：{concern.number} {concern.title}，请于{concern.due_on:%Y年%-m月%-d日}前答复",
                          f"Assigned to you: {concern.number} {concern.title}, answer by {concern.due_on:%Y-%m-%d}")
    return event


def update_progress(actor: User | None, concern: Concern, percent: Any, note: str = "", *,
                    milestone: str = "", at: dt.datetime | None = None) -> Event:
    """A progress update (0–100 %) with its note; the parent's progress rolls up."""
    try:
        value = rules.check_percent(percent)
    except rules.WorkflowError as exc:
        raise refuse_workflow(exc, percent) from exc
    with transaction.atomic():
        concern.progress = value
        event = step(actor, concern, "progress", note=note, at=at,
                     data={"percent": value, **({"milestone": milestone} if milestone else {})},
                     audit_after={"progress": value})
        roll_up(concern)
    return event


def roll_up(concern: Concern) -> None:
    """Set each ancestor's progress from its children's (Decidim's rolled-up results)."""
    parent = concern.parent
    while parent is not None:
        children = list(parent.children.values_list("progress", flat=True))
        parent.progress = rules.rolled_up_progress(parent.progress, children)
        parent.save(update_fields=["progress", "updated_at"])
        parent = parent.parent


def progress_of(concern: Concern) -> int:
    children = list(concern.children.values_list("progress", flat=True))
    return rules.rolled_up_progress(concern.progress, children)


def answer(actor: User | None, concern: Concern, text: str) -> Event:
    """The department's answer, published on the item's public timeline."""
    if not text.strip():
        raise refuse("E899", value=concern.number)
    with transaction.atomic():
        now = timezone.now()
        concern.answer = text.strip()
        concern.answered_at = now
        if concern.progress < 100:
            concern.progress = 100
        event = step(actor, concern, "answer", note=text, at=now, audit_after={"answered": True})
        roll_up(concern)
        for user in _raisers(concern):
            notify(user, concern, "answered", f"您反映的 {concern.number} 已答复，请评价",
                   f"{concern.number} has been answered: please rate it")
    return event


def rate(actor: User | None, concern: Concern, *, satisfaction: str, fixed: str, comment: str = "") -> Rating:
    """The raiser's or a member's rating of the answer. 'Not fixed' or 'not satisfied' from the
    raiser reopens the item and sends it back to the department with the comment as reason."""
    if satisfaction not in rules.SATISFACTION or fixed not in rules.FIXED:
        raise refuse("E874", value=concern.number, detail=("请选择满意程度和是否解决",
                                                           "choose a satisfaction and whether it is fixed"))
    access = access_of(actor)
    roles = roles_for(access, concern)
    role = "raiser" if "raiser" in roles else ("member" if roles & {"member", "staff"} else "")
    if not role or concern.answered_at is None:
        raise refuse("E875", value=concern.number, detail=("答复后由提出人或委员评价",
                                                           "rated by its raiser or a member after it is answered"))
    with transaction.atomic():
        now = timezone.now()
        rating = Rating.objects.create(concern=concern, rater=actor, rater_role=role, satisfaction=satisfaction,
                                       fixed=fixed, comment=comment.strip(), at=now)
        _event(concern, actor, role, "rate", concern.state, concern.state, at=now,
               data={"satisfaction": satisfaction, "fixed": fixed})
        record(actor, "consultation_rate", concern,
               after={"satisfaction": satisfaction, "fixed": fixed, "role": role})
        # the "please rate" notice is done with once the rater has rated
        Notification.objects.filter(user=actor, concern=concern, kind="answered", read_at__isnull=True) \
            .update(read_at=now)
        if role == "raiser" and (fixed == "not_fixed" or satisfaction == "not"):
            reason = comment.strip() or ("提出人评价：未解决" if fixed == "not_fixed" else "提出人评价：不满意")
            reopen(actor, concern, reason, access=access)
    return rating


def close(actor: User | None, concern: Concern, note: str = "") -> Event:
    with transaction.atomic():
        return step(actor, concern, "close", note=note)


def reopen(actor: User | None, concern: Concern, reason: str, *, access: Access | None = None) -> Event:
    """Back to the department with the reason; its deadline starts again from today."""
    with transaction.atomic():
        concern.reopen_count = F("reopen_count") + 1
        concern.answered_at = None
        # back to the progress the department last reported (the answer set it to 100%)
        concern.progress = last_reported_progress(concern)
        if concern.department_id is not None:
            days = rules.sla_days(body_settings(concern.body)["sla"], concern.category)
            concern.due_on = rules.deadline(timezone.localdate(), days)
        event = step(actor, concern, "reopen", note=reason, access=access,
                     data={"due_on": concern.due_on.isoformat() if concern.due_on else ""})
        concern.refresh_from_db()
        if concern.department is not None:
            notify_department(concern.department, concern, "reopened",
                              f"{concern.number} 被退回重办：{reason[:80]}",
                              f"{concern.number} was sent back: {reason[:80]}")
            due = f"，新的答复期限为{concern.due_on:%Y年%-m月%-d日}" if concern.due_on else ""
            due_en = f", to be answered by {concern.due_on:%Y-%m-%d}" if concern.due_on else ""
            for user in _raisers(concern):
                notify(user, concern, "reopened",
                       f"您反映的 {concern.number} 已退回{concern.department.name}重新办理{due}",
                       f"{concern.number} was sent back to {concern.department.name}{due_en}")
    return event


def last_reported_progress(concern: Concern) -> int:
    """The percent of the department's last progress update before its answer (0 if none)."""
    for data in concern.events.filter(action="progress").order_by("-at", "-id").values_list("data", flat=True):
        if isinstance(data, dict) and isinstance(data.get("percent"), int):
            return int(data["percent"])
    return 0


# --- notices -------------------------------------------------------------------------------

def _raisers(concern: Concern) -> list[User]:
    """The residents asked to rate an item: its raiser and supporters. An agreed opinion's
    ``raised_by`` is the worker who recorded it at the meeting, and an item recorded for a
    resident has only ``recorded_by``: neither is a raiser to be asked."""
    raised = concern.raised_by if concern.kind != Concern.Kind.OPINION else None
    users = [u for u in (raised,) if u is not None]
    users += [s.user for s in concern.supporters.select_related("user") if s.user is not None]
    return list({u.pk: u for u in users}.values())


def notify(user: User, concern: Concern | None, kind: str, text_zh: str, text_en: str) -> Notification:
    return Notification.objects.create(user=user, concern=concern, kind=kind, text_zh=text_zh[:255],
                                       text_en=text_en[:255], at=timezone.now())


def notify_department(department: Department, concern: Concern, kind: str, text_zh: str, text_en: str) -> None:
    for participant in department.handlers.select_related("user"):
        notify(participant.user, concern, kind, text_zh, text_en)


def add_participant(actor: User | None, user: User, body: Body, kind: str, *,
                    department: Department | None = None, **fields: Any) -> Participant:
    with transaction.atomic():
        participant = Participant.objects.create(user=user, body=body, kind=kind, department=department, **fields)
        record(actor, "consultation_add_participant", participant,
               after={"user": user.username, "body": body.name, "kind": kind,
                      "department": department.name if department else ""})
    return participant


# --- handling ---
# The handling area's writes: revealing a phone, milestones, progress with evidence files,
# answer templates and reading notices. Each checks who may do it and writes an audit row.

# the content type of each evidence file extension the platform can check; which of them a body
# allows, and the size limit, are settings (publication.evidence_types, publication.evidence_max_bytes)
EVIDENCE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
_EVIDENCE_MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n", "application/pdf": b"%PDF-"}


# who keeps an item's milestones: committee staff and the department it is assigned to
MILESTONE_ROLES = frozenset({"staff", "department"})


def _roles_or_refuse(actor: User | None, concern: Concern, allowed: Iterable[str],
                     detail: tuple[str, str]) -> tuple[Access, str]:
    access = access_of(actor)
    held = roles_for(access, concern)
    role = next((r for r in ("staff", "department", "member") if r in held & set(allowed)), "")
    if not role:
        raise refuse("E875", value=concern.number, detail=detail)
    return access, role


def reveal_phone(actor: User | None, concern: Concern) -> str:
    """The raiser's whole phone, for the owning bodies' staff only, once per press: audited."""
    _roles_or_refuse(actor, concern, {"staff"}, ("只有政协工作人员可以查看完整电话",
                                                "only committee staff may show the phone"))
    record(actor, "consultation_reveal_phone", concern,
           after={"number": concern.number})
    return raiser_phone(concern)


def raiser_phone(concern: Concern) -> str:
    """The phone of whoever raised an item: as recorded, or their resident profile's."""
    if concern.raiser_phone or concern.raised_by is None:
        return concern.raiser_phone
    profile = getattr(concern.raised_by, "resident_profile", None)
    return profile.phone if profile is not None else ""


def add_milestone(actor: User | None, concern: Concern, *, title: str, due_on: dt.date | None = None) -> Milestone:
    """A milestone of the item's handling (CONSUL's milestones), by its staff or the assigned department."""
    _access, role = _roles_or_refuse(actor, concern, MILESTONE_ROLES,
                                     ("节点由政协工作人员和承办部门设立",
                                      "milestones are set by committee staff and the department"))
    if not title.strip():
        raise refuse("E895", value=concern.number, detail=("没有填写节点名称", "no title"))
    with transaction.atomic():
        milestone = Milestone.objects.create(concern=concern, title=title.strip()[:120], due_on=due_on)
        _event(concern, actor, role, "milestone", concern.state, concern.state, public=False,
               data={"title": milestone.title, "due_on": due_on.isoformat() if due_on else ""})
        record(actor, "consultation_milestone_add", concern,
               after={"milestone": milestone.title, "due_on": due_on})
    return milestone


def complete_milestone(actor: User | None, concern: Concern, milestone: Milestone) -> Milestone:
    _access, role = _roles_or_refuse(actor, concern, MILESTONE_ROLES,
                                     ("节点由政协工作人员和承办部门设立",
                                      "milestones are set by committee staff and the department"))
    if milestone.concern_id != concern.pk:
        raise refuse("E895", value=concern.number, detail=("不是本议题的节点", "not a milestone of this item"))
    with transaction.atomic():
        milestone.done_on = timezone.localdate()
        milestone.save(update_fields=["done_on"])
        _event(concern, actor, role, "milestone_done", concern.state, concern.state, public=False,
               data={"title": milestone.title})
        record(actor, "consultation_milestone_done", concern,
               after={"milestone": milestone.title, "done_on": milestone.done_on})
    return milestone


@dataclass(frozen=True)
class EvidenceLimits:
    max_bytes: int
    types: tuple[str, ...]  # allowed file extensions, lower case, without the dot

    @property
    def limit_text(self) -> str:
        """The size limit as people read it: "10 MB" (decimal megabytes, as the upload form says)."""
        mb = self.max_bytes / 1_000_000
        return f"{mb:,.1f}".rstrip("0").rstrip(".") + " MB"

    @property
    def accept(self) -> str:
        return ",".join(f".{t}" for t in self.types)


def evidence_limits(body: Body) -> EvidenceLimits:
    """The body's evidence-file rules (rules/consultation/publication.yaml, its own over them)."""
    pub = body_settings(body)["publication"]
    types = tuple(str(t).lower().lstrip(".") for t in pub.get("evidence_types") or () if
                  str(t).lower().lstrip(".") in EVIDENCE_TYPES)
    return EvidenceLimits(max_bytes=int(pub["evidence_max_bytes"]), types=types)


def evidence_type(filename: str, content: bytes, limits: EvidenceLimits) -> str:
    """The content type of an evidence file (an allowed type, by name and by its first bytes),
    or E890/E891 refusing it."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = EVIDENCE_TYPES.get(ext, "") if ext in limits.types else ""
    if not kind or not content.startswith(_EVIDENCE_MAGIC[kind]):
        raise refuse("E890", value=filename)
    if len(content) > limits.max_bytes:
        raise refuse("E891", value=filename, size=f"{len(content) / 1_000_000:.1f} MB", limit=limits.limit_text)
    return kind


def progress_with_evidence(actor: User | None, concern: Concern, percent: Any, note: str = "", *,
                           milestone: Milestone | None = None,
                           files: Iterable[tuple[str, bytes]] = ()) -> Event:
    """A progress update with its evidence files and, optionally, a milestone marked done;
    every file is checked before anything is written."""
    limits = evidence_limits(concern.body)
    checked = [(name[:255], evidence_type(name, content, limits), content) for name, content in files]
    if milestone is not None and milestone.concern_id != concern.pk:
        raise refuse("E895", value=concern.number, detail=("不是本议题的节点", "not a milestone of this item"))
    with transaction.atomic():
        event = update_progress(actor, concern, percent, note, milestone=milestone.title if milestone else "")
        if milestone is not None and milestone.done_on is None:
            milestone.done_on = timezone.localdate()
            milestone.save(update_fields=["done_on"])
        for name, kind, content in checked:
            Evidence.objects.create(event=event, filename=name, content_type=kind, content=content, size=len(content))
        if checked or milestone is not None:
            record(actor, "consultation_evidence", concern,
                   after={"files": [n for n, _k, _c in checked], "milestone": milestone.title if milestone else ""})
    return event


def save_answer_template(actor: User | None, body: Body, *, title: str, text: str,
                         department: Department | None = None,
                         template: AnswerTemplate | None = None) -> AnswerTemplate:
    """Add an answer template of a body, or change one (its staff only)."""
    if not access_of(actor).is_staff_of(body.pk):
        raise refuse("E875", value=body.name, detail=("答复模板由政协工作人员维护",
                                                      "answer templates are kept by committee staff"))
    missing = [w for w, v in (("title", title), ("text", text)) if not v.strip()]
    if missing:
        words = {"title": "标题", "text": "正文"}
        raise refuse("E896", value=title, detail=("未填写" + "、".join(words[m] for m in missing),
                                                  ", ".join(missing) + " empty"))
    if department is not None and department.body_id != body.pk:
        raise refuse("E894", value=title)
    with transaction.atomic():
        before = None if template is None else {"title": template.title, "text": template.text,
                                                "department": template.department_id}
        tpl = template or AnswerTemplate(body=body)
        tpl.title, tpl.text, tpl.department = title.strip()[:120], text.strip(), department
        tpl.save()
        record(actor, "consultation_template_add" if before is None else "consultation_template_edit", tpl,
               before=before,
               after={"title": tpl.title, "text": tpl.text, "department": tpl.department_id})
    return tpl


def delete_answer_template(actor: User | None, template: AnswerTemplate) -> None:
    if not access_of(actor).is_staff_of(template.body_id):
        raise refuse("E875", value=template.title, detail=("答复模板由政协工作人员维护",
                                                            "answer templates are kept by committee staff"))
    with transaction.atomic():
        record(actor, "consultation_template_delete", template,
               before={"title": template.title, "text": template.text})
        template.delete()


def mark_notices_read(actor: User) -> int:
    """Mark all of a user's unread notices read; how many."""
    with transaction.atomic():
        count = Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
        if count:
            record(actor, "consultation_notices_read", actor, after={"count": count})
    return count
