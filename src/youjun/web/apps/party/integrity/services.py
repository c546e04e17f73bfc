"""Writes of clean schools and teacher ethics; every one in one transaction, audited.

The ethics cases are restricted: their audit rows name the case by number only (never the
teacher, the summary or the decision), so the district's audit history, which the bureau reads,
tells who did what and when without the contents. Every open of a case page is recorded
(``record_read``). Anything refused writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import party_integrity as rules
from youjun.core.workforce_career import evidence_limits
from youjun.web.apps.party.integrity.models import (
    Activity,
    ActivityFile,
    Campaign,
    CaseHandler,
    CaseRead,
    CaseStep,
    EthicsCase,
    KeyPoint,
    PublicityIssue,
    Stage,
)
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, Membership, Role, School, User
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused, refuse
from youjun.web.evidence_files import CleanFile, clean_evidence, megabytes

__all__ = ["Refused", "add_activity_file", "add_publicity", "add_step", "create_campaign", "grant_handler",
           "open_case", "record_activity", "record_read", "revoke_handler", "set_stage_dates"]

EARLIEST = dt.date(2000, 1, 1)
FILE_CODES = {"type": "E1289", "size": "E1290", "unreadable": "E1291"}
MAX_PARTICIPANTS = 100_000
MAX_FILES = 5


def _who(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def _text(value: str, field: tuple[str, str], limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if (required and not value) or len(value) > limit:
        raise refuse("E1286", value=value[:40], rule="party_integrity.text", field=field[0], field_en=field[1],
                     limit=limit)
    return value


def _day(day: dt.date, rule: str, *, future: bool = False) -> dt.date:
    today = timezone.localdate()
    latest = today + dt.timedelta(days=366) if future else today
    if day is None or day > latest or day < EARLIEST:
        shown = day.isoformat() if day else ""
        raise refuse("E1287", value=shown, rule=rule,
                     detail=(f"{EARLIEST.isoformat()} 至 {latest.isoformat()}",
                             f"{EARLIEST.isoformat()} to {latest.isoformat()}"))
    return day


def _span(start: dt.date | None, end: dt.date | None, rule: str) -> None:
    if start is not None and end is not None and end < start:
        raise refuse("E1287", value=end.isoformat(), rule=rule,
                     detail=(f"不早于 {start.isoformat()}", f"not before {start.isoformat()}"))


def _names(lines: Sequence[str], low: int, high: int, what: tuple[str, str]) -> list[str]:
    names = [n.strip() for n in lines if n and n.strip()]
    if not low <= len(names) <= high:
        raise refuse("E1293", value=str(len(names)), rule="party_integrity.campaign",
                     detail=(f"{what[0]}有 {len(names)} 个，应为 {low}～{high} 个",
                             f"{len(names)} {what[1]}; {low} to {high} are allowed"))
    for n in names:
        if len(n) > 60 or names.count(n) > 1:
            raise refuse("E1293", value=n[:40], rule="party_integrity.campaign",
                         detail=(f"{what[0]}“{n[:40]}”重复或超过 60 字",
                                 f"{what[1]} '{n[:40]}' is repeated or too long"))
    return names


# --- campaigns ---------------------------------------------------------------------------------

def create_campaign(actor: User | None, district: District, *, name: str, start: dt.date, end: dt.date | None,
                    stages: Sequence[str], key_points: Sequence[str]) -> Campaign:
    """A district campaign with its stages (in order) and key points (by default the rules')."""
    name = _text(name, ("活动方案名称", "campaign name"), 80)
    _day(start, "party_integrity.campaign", future=True)
    if end is not None:
        _day(end, "party_integrity.campaign", future=True)
    _span(start, end, "party_integrity.campaign")
    stage_names = _names(stages, 1, 12, ("环节", "stages"))
    kp_names = _names(key_points, 1, 50, ("重点", "key points"))
    with transaction.atomic():
        campaign = Campaign.objects.create(district=district, name=name, start=start, end=end,
                                           created_by=_who(actor))
        Stage.objects.bulk_create(Stage(campaign=campaign, order=i, name=n) for i, n in enumerate(stage_names, 1))
        KeyPoint.objects.bulk_create(KeyPoint(campaign=campaign, order=i, name=n)
                                     for i, n in enumerate(kp_names, 1))
        audit.record(actor, "party_integrity_campaign", campaign, district=district,
                     after={"name": name, "start": start, "end": end, "stages": stage_names,
                            "key_points": kp_names})
    return campaign


def set_stage_dates(actor: User | None, stage: Stage, *, start: dt.date | None, end: dt.date | None) -> Stage:
    for day in (start, end):
        if day is not None:
            _day(day, "party_integrity.stage", future=True)
    _span(start, end, "party_integrity.stage")
    with transaction.atomic():
        locked = Stage.objects.select_for_update(of=("self",)).select_related("campaign__district").get(pk=stage.pk)
        before = {"start": locked.start, "end": locked.end}
        locked.start, locked.end = start, end
        locked.save(update_fields=["start", "end"])
        audit.record(actor, "party_integrity_stage_dates", locked, district=locked.campaign.district,
                     before=before, after={"start": start, "end": end})
    return locked


# --- activities --------------------------------------------------------------------------------

def _clean_upload(upload: Any) -> CleanFile:
    name = str(getattr(upload, "name", "") or "file")[:120]
    lim = evidence_limits(timezone.localdate())
    biggest = max(int(lim["image_max_bytes"]), int(lim["pdf_max_bytes"]))
    size = int(getattr(upload, "size", 0) or 0)
    if size > biggest:  # refused before it is read
        raise refuse(FILE_CODES["size"], value=name, rule="party_integrity.evidence", size=megabytes(size),
                     limit=megabytes(biggest))
    data = upload.read(biggest + 1)
    if len(data) > biggest:
        raise refuse(FILE_CODES["size"], value=name, rule="party_integrity.evidence",
                     size="> " + megabytes(biggest), limit=megabytes(biggest))
    return clean_evidence(data, name, lim, codes=FILE_CODES, rule="party_integrity.evidence")


PART_ORDER = ("pupils", "teachers", "parents")  # the order the pages name them in (学生、教师、家长)


def _parts(parts: Mapping[str, int | None], total: int) -> dict[str, int | None]:
    """The counts per kind given (None: not recorded), checked: whole numbers from 0, together
    not more than ``total``."""
    out: dict[str, int | None] = {}
    for k in PART_ORDER:
        raw = parts.get(k)
        if raw in (None, ""):
            out[k] = None
            continue
        try:
            v = int(raw)
        except (TypeError, ValueError):
            v = -1
        if not 0 <= v <= MAX_PARTICIPANTS:
            zh, en = rules.PARTICIPANT_KINDS[k]
            raise refuse("E1288", value=f"{total:,}", rule="party_integrity.participants",
                         detail=(f"{zh}人数 {str(raw)[:20]} 不是 0～{MAX_PARTICIPANTS:,} 之间的整数",
                                 f"the {en} {str(raw)[:20]} are not a whole number from 0 to {MAX_PARTICIPANTS:,}"))
        out[k] = v
    given = [(k, v) for k, v in out.items() if v is not None]
    if sum(v for _k, v in given) > total >= 1:
        zh = "、".join(f"{rules.PARTICIPANT_KINDS[k][0]} {v:,}" for k, v in given)
        en = ", ".join(f"{rules.PARTICIPANT_KINDS[k][1]} {v:,}" for k, v in given)
        s = sum(v for _k, v in given)
        raise refuse("E1288", value=f"{total:,}", rule="party_integrity.participants",
                     detail=(f"分类人数（{zh}）合计 {s:,} 人，超过参与总人数", f"the counts per kind ({en}) add up to "
                             f"{s:,}, more than the total"))
    return out


def record_activity(actor: User | None, district: District, *, school: School | None, kind: str, layer: str,
                    held_on: dt.date, title: str, participants: int, kinds: Sequence[str], description: str = "",
                    stage: Stage | None = None, key_point: KeyPoint | None = None,
                    uploads: Sequence[Any] = (), parts: Mapping[str, int | None] | None = None) -> Activity:
    """A clean-school activity of ``school`` (None: district-wide) with its evidence files.
    ``parts``: how many of each kind (``pupils``, ``teachers``, ``parents``) took part, where
    known; a kind counted is a kind ticked; together never more than ``participants``."""
    if school is not None and school.district_id != district.pk:
        raise refuse("E1285", value=school.name, rule="party_integrity.school", district=district.name)
    title = _text(title, ("活动名称", "title"), 80)
    description = _text(description, ("活动简介", "description"), 1000, required=False)
    _day(held_on, "party_integrity.activity")
    today = timezone.localdate()
    if kind not in rules.words("activity-types", "types", today):
        raise refuse("E1286", value=kind[:40], rule="party_integrity.kind", field="活动类型", field_en="type",
                     limit=24)
    if layer not in rules.words("layers", "layers", today):
        raise refuse("E1286", value=layer[:40], rule="party_integrity.layer", field="层级", field_en="layer",
                     limit=24)
    try:
        n = int(participants)
    except (TypeError, ValueError):
        n = 0
    counted = _parts(parts or {}, n)
    chosen = (set(kinds) & set(rules.PARTICIPANT_KINDS)) | {k for k, v in counted.items() if v}
    if not 1 <= n <= MAX_PARTICIPANTS:
        raise refuse("E1288", value=str(participants)[:20], rule="party_integrity.participants",
                     detail=(f"不在 1～{MAX_PARTICIPANTS:,} 之间", f"not between 1 and {MAX_PARTICIPANTS:,}"))
    if not chosen:
        raise refuse("E1288", value=f"{n:,}", rule="party_integrity.participants",
                     detail=("没有选择参与人员类别", "no kind of participant was chosen"))
    for item in (stage, key_point):
        if item is not None and item.campaign.district_id != district.pk:
            raise refuse("E1292", value=item.name, rule="party_integrity.campaign")
    if stage is not None and key_point is not None and stage.campaign_id != key_point.campaign_id:
        raise refuse("E1292", value=key_point.name, rule="party_integrity.campaign")
    if stage is not None:  # an activity counts under a stage only within its dates (else the campaign's)
        first = stage.start or stage.campaign.start
        last = stage.end or stage.campaign.end
        if (first is not None and held_on < first) or (last is not None and held_on > last):
            span_zh = f"{first.isoformat() if first else '…'} 至 {last.isoformat() if last else '进行中'}"
            span_en = f"{first.isoformat() if first else '…'} to {last.isoformat() if last else 'open'}"
            raise refuse("E1287", value=held_on.isoformat(), rule="party_integrity.activity",
                         detail=(f"所选环节“{stage.name}”的日期为 {span_zh}",
                                 f"the stage '{stage.name}' runs {span_en}"))
    if len(uploads) > MAX_FILES:
        raise refuse("E1290", value=str(len(uploads)), rule="party_integrity.evidence", size=str(len(uploads)),
                     limit=str(MAX_FILES))
    cleaned = [_clean_upload(u) for u in uploads]  # every file cleaned before anything is written
    with transaction.atomic():
        activity = Activity.objects.create(
            district=district, school=school, kind=kind, layer=layer, held_on=held_on, title=title, participants=n,
            with_teachers="teachers" in chosen, with_pupils="pupils" in chosen, with_parents="parents" in chosen,
            pupils=counted["pupils"], teachers=counted["teachers"], parents=counted["parents"],
            description=description, stage=stage, key_point=key_point, created_by=_who(actor))
        for f in cleaned:
            ActivityFile.objects.create(activity=activity, name=f.name, content=f.content,
                                        content_type=f.content_type, size=f.size, sha256=f.sha256,
                                        uploaded_by=_who(actor))
        audit.record(actor, "party_integrity_activity", activity, district=district, school=school,
                     after={"title": title, "school": school.pk if school else None, "kind": kind, "layer": layer,
                            "held_on": held_on, "participants": n, "participant_kinds": sorted(chosen),
                            **{k: v for k, v in counted.items() if v is not None},
                            "stage": stage.name if stage else None, "key_point": key_point.name if key_point else None,
                            "files": [f.name for f in cleaned]})
    return activity


def add_activity_file(actor: User | None, activity: Activity, upload: Any) -> ActivityFile:
    if activity.files.count() >= MAX_FILES:
        raise refuse("E1290", value=str(getattr(upload, "name", ""))[:120], rule="party_integrity.evidence",
                     size=str(MAX_FILES + 1), limit=str(MAX_FILES))
    f = _clean_upload(upload)
    with transaction.atomic():
        item = ActivityFile.objects.create(activity=activity, name=f.name, content=f.content,
                                           content_type=f.content_type, size=f.size, sha256=f.sha256,
                                           uploaded_by=_who(actor))
        audit.record(actor, "party_integrity_activity_file", item, district=activity.district,
                     school=activity.school, object_repr=f"{activity.title} {f.name}",
                     after={"activity": activity.pk, "name": f.name, "size": f.size, "sha256": f.sha256})
    return item


# --- teacher-ethics publicity --------------------------------------------------------------------

def add_publicity(actor: User | None, district: District, *, number: int, published_on: dt.date, title: str,
                  channel: str, link: str = "", upload: Any = None) -> PublicityIssue:
    """One issue (期) of the district's teacher-ethics publicity, with a link or a file."""
    title = _text(title, ("标题", "title"), 120)
    channel = _text(channel, ("发布渠道", "channel"), 40)
    _day(published_on, "party_integrity.publicity")
    link = (link or "").strip()
    if (not link and upload is None) or (link and (not link.startswith(("http://", "https://")) or len(link) > 300)):
        raise refuse("E1295", value=str(number), rule="party_integrity.publicity")
    if PublicityIssue.objects.filter(district=district, number=number).exists():
        raise refuse("E1294", value=str(number), rule="party_integrity.publicity")
    f = _clean_upload(upload) if upload is not None else None
    with transaction.atomic():
        issue = PublicityIssue.objects.create(
            district=district, number=number, published_on=published_on, title=title, channel=channel, link=link,
            file_name=f.name if f else "", file_content=f.content if f else None, file_type=f.content_type if f else "",
            created_by=_who(actor))
        audit.record(actor, "party_integrity_publicity", issue, district=district,
                     after={"number": number, "published_on": published_on, "title": title, "channel": channel,
                            "link": link, "file": f.name if f else None})
    return issue


# --- the handlers of ethics cases ----------------------------------------------------------------

READ_ONLY_ROLES = (Role.DISTRICT_ANALYST, Role.INSPECTOR)


def _may_handle(user: User, district: District) -> None:
    """A handler must be a person who may act for ``district``: an account that reads only
    (analyst, inspector) or that works for another district is refused."""
    roles = list(Membership.objects.filter(user=user).select_related("school"))
    if any(m.role in READ_ONLY_ROLES for m in roles):
        raise refuse("E1299", value=user.username, rule="party_integrity.grant",
                     detail=("这是只读账户（数据分析员或督导），不能办理案件",
                             "a read-only account (analyst or inspector) cannot handle cases"))
    other = [m for m in roles if m.role != Role.PLATFORM_ADMIN
             and (m.district_id or (m.school.district_id if m.school else None)) not in (None, district.pk)]
    if other:
        raise refuse("E1299", value=user.username, rule="party_integrity.grant",
                     detail=("该账户属于其他区县", "the account works for another district"))


def grant_handler(actor: User | None, district: District, *, username: str, start: dt.date,
                  end: dt.date | None = None) -> CaseHandler:
    """The bureau grants ``username`` the handling of the district's ethics cases."""
    username = (username or "").strip()
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise refuse("E1299", value=username[:40], rule="party_integrity.grant",
                     detail=("没有这个用户名的有效账户", "no active account has this user name"))
    if actor is not None and actor.pk == user.pk:
        raise refuse("E1299", value=username, rule="party_integrity.grant",
                     detail=("不能授予自己，须由另一位教育局人员授予", "a grant to oneself is refused: another bureau "
                             "account grants it"))
    _may_handle(user, district)
    _day(start, "party_integrity.grant", future=True)
    if end is not None:
        _day(end, "party_integrity.grant", future=True)
    _span(start, end, "party_integrity.grant")
    today = timezone.localdate()
    current = CaseHandler.objects.filter(district=district, user=user, revoked_at__isnull=True)
    if any(g.end is None or g.end >= today for g in current):
        raise refuse("E1299", value=username, rule="party_integrity.grant",
                     detail=("该人员已有有效授权", "this person already holds a grant"))
    with transaction.atomic():
        grant = CaseHandler.objects.create(district=district, user=user, granted_by=_who(actor), start=start, end=end)
        audit.record(actor, "party_integrity_grant", grant, district=district,
                     object_repr=f"师德案件办理授权 {username}",
                     after={"handler": username, "start": start, "end": end})
    return grant


def revoke_handler(actor: User | None, grant: CaseHandler) -> CaseHandler:
    with transaction.atomic():
        locked = CaseHandler.objects.select_for_update(of=("self",)).select_related("user", "district").get(pk=grant.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = _who(actor)
            locked.save(update_fields=["revoked_at", "revoked_by"])
            audit.record(actor, "party_integrity_revoke", locked, district=locked.district,
                         object_repr=f"师德案件办理授权 {locked.user.username}",
                         after={"handler": locked.user.username, "revoked_at": locked.revoked_at})
    return locked


# --- ethics cases (handlers only; the views check the grant) ---------------------------------------

def _case_repr(case: EthicsCase) -> str:
    return f"师德案件 {case.pk}"


def open_case(actor: User | None, district: District, *, staff_id: str, received_on: dt.date, source: str,
              summary: str) -> EthicsCase:
    staff_id = (staff_id or "").strip()
    teacher = Teacher.objects.filter(district=district, staff_id=staff_id).first()
    if teacher is None:
        raise refuse("E1296", value=staff_id[:40], rule="party_integrity.case", district=district.name)
    _day(received_on, "party_integrity.case")
    if source not in rules.words("case-handling", "sources", timezone.localdate()):
        raise refuse("E1286", value=source[:40], rule="party_integrity.case", field="线索来源", field_en="source",
                     limit=24)
    summary = _text(summary, ("线索摘要", "summary"), 2000)
    with transaction.atomic():
        case = EthicsCase.objects.create(district=district, teacher=teacher, received_on=received_on, source=source,
                                         summary=summary, created_by=_who(actor))
        audit.record(actor, "party_integrity_case_open", case, district=district, object_repr=_case_repr(case),
                     after={"case": case.pk, "received_on": received_on, "source": source})
    return case


def add_step(actor: User | None, case: EthicsCase, *, step: str, on: dt.date, note: str = "", decision: str = "",
             sanction: str = "") -> CaseStep:
    """The next handling step of ``case`` (in the order of the rules); the decision step carries
    the decision and the sanction, the closure the closed date."""
    _day(on, "party_integrity.step")
    note = _text(note, ("说明", "note"), 2000, required=False)
    today = timezone.localdate()
    with transaction.atomic():
        locked = EthicsCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
        done = list(locked.steps.order_by("on", "id").values_list("step", flat=True))
        allowed = rules.next_steps(done, today)
        if step not in allowed:
            status = rules.words("case-handling", "statuses", today)
            steps = rules.words("case-handling", "steps", today)
            now = status.get(rules.status_after(done), ("", ""))
            words = steps.get(step, (step[:40], step[:40]))
            raise refuse("E1297", value=words[0], rule="party_integrity.step", step_en=words[1], status=now[0],
                         status_en=now[1],
                         allowed="、".join(steps[s][0] for s in allowed) or "无",
                         allowed_en=", ".join(steps[s][1] for s in allowed) or "none")
        last = locked.steps.order_by("-on", "-id").first()
        if on < locked.received_on or (last is not None and on < last.on):
            raise refuse("E1287", value=on.isoformat(), rule="party_integrity.step",
                         detail=(f"不早于 {(last.on if last else locked.received_on).isoformat()}",
                                 f"not before {(last.on if last else locked.received_on).isoformat()}"))
        fields = ["status"]
        if rules.needs_decision(step):
            decision = (decision or "").strip()
            if not decision or sanction not in rules.words("case-handling", "sanctions", today):
                raise refuse("E1298", value="", rule="party_integrity.decision")
            locked.decision = _text(decision, ("处理决定", "decision"), 2000)
            locked.sanction = sanction
            fields += ["decision", "sanction"]
        if step == "close":
            locked.closed_on = on
            fields.append("closed_on")
        item = CaseStep.objects.create(case=locked, step=step, on=on, note=note, by=_who(actor))
        locked.status = rules.status_after([*done, step])
        locked.save(update_fields=fields)
        audit.record(actor, "party_integrity_case_step", locked, district=locked.district,
                     object_repr=_case_repr(locked), after={"case": locked.pk, "step": step, "on": on})
    case.refresh_from_db()
    return item


def record_read(actor: User, case: EthicsCase, ip: str = "") -> CaseRead:
    """Every open of a case page: who read it, when (a row of the case and of the audit log)."""
    with transaction.atomic():
        read = CaseRead.objects.create(case=case, user=actor)
        audit.record(actor, "party_integrity_case_read", case, district=case.district, object_repr=_case_repr(case),
                     after={"case": case.pk}, ip=ip)
    return read
