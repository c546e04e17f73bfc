"""Overdue alerts and the daily digest of the consultation platform.

- ``mark_overdue(today)``: for each item whose handling clock runs and whose deadline has
  passed, one "overdue" notice to each handler of its department and each staff member of its
  owning bodies — once per item and deadline (running it again the same day, or the next
  day, adds nothing; a new deadline after a reopen may alert again).
- ``send_digests(today)``: one e-mail per person who has ``digest`` on in any of their roles,
  listing their department's or body's overdue items, items due within ``sla.due_soon_days``,
  new assignments since yesterday and their unread notices not yet e-mailed; Chinese first,
  English below; nothing is sent to someone with nothing to read, and nobody gets two digests
  for the same day. Sent notices get ``emailed_at``. Mail goes through ``django.core.mail``
  (console, file or SMTP by settings: see docs/web.md).

Every write here records an audit row (``platform.audit.record``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core import mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Body, Concern, Notification, Participant
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import AuditEvent, User
from youjun.web.errors import web_problem

DIGEST_ACTION = "consultation_digest"
OVERDUE_ACTION = "consultation_overdue"


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _moment(today: dt.date) -> dt.datetime:
    """When a notice about ``today`` is dated: now on the day itself, else 08:00 that day."""
    now = timezone.now()
    if timezone.localdate(now) == today:
        return now
    return dt.datetime.combine(today, dt.time(8, 0), tzinfo=timezone.get_default_timezone())


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=timezone.get_default_timezone())


class _Flows:
    def __init__(self) -> None:
        self._clock: dict[int, frozenset[str]] = {}
        self._soon: dict[int, int] = {}

    def clock(self, body: Body) -> frozenset[str]:
        if body.pk not in self._clock:
            self._clock[body.pk] = services.workflow(body).clock_states()
        return self._clock[body.pk]

    def due_soon_days(self, body: Body) -> int:
        if body.pk not in self._soon:
            self._soon[body.pk] = int(services.body_settings(body)["sla"].get("due_soon_days") or 0)
        return self._soon[body.pk]


def overdue_items(today: dt.date, flows: _Flows | None = None,
                  among: QuerySet[Concern] | None = None) -> list[Concern]:
    """Items being handled whose deadline was before ``today``, most overdue first."""
    flows = flows or _Flows()
    qs = (among if among is not None else Concern.objects.all()).filter(
        due_on__lt=today, department__isnull=False, hidden=False).select_related("body", "department")
    return [c for c in qs.order_by("due_on", "number") if c.state in flows.clock(c.body)]


def _recipients(concern: Concern) -> list[User]:
    owners = {concern.body_id, *concern.joint_bodies.values_list("pk", flat=True)}
    found = Participant.objects.filter(
        Q(kind=Participant.Kind.DEPARTMENT, department_id=concern.department_id)
        | Q(kind=Participant.Kind.STAFF, body_id__in=owners)).select_related("user")
    return list({p.user_id: p.user for p in found if p.user.is_active}.values())


def mark_overdue(today: dt.date | None = None, *, dry_run: bool = False) -> int:
    """One overdue notice per handler and staff member for each overdue item (see the module's
    docstring); the number of notices created (or that would be, on a dry run)."""
    today = today or timezone.localdate()
    at = _moment(today)
    created: list[str] = []
    with transaction.atomic():
        for concern in overdue_items(today):
            assert concern.due_on is not None
            since = _day_start(concern.due_on + dt.timedelta(days=1))
            late = (today - concern.due_on).days
            for user in _recipients(concern):
                if Notification.objects.filter(user=user, concern=concern, kind="overdue", at__gte=since).exists():
                    continue
                created.append(concern.number)
                if dry_run:
                    continue
                Notification.objects.create(
                    user=user, concern=concern, kind="overdue", at=at,
                    text_zh=f"{concern.number} {concern.title} 已逾期{late:,}天"
                            f"（办理时限 {zh_date(concern.due_on)}）"[:255],
                    text_en=f"{concern.number} {concern.title} is {late:,} day{'' if late == 1 else 's'} overdue "
                            f"(deadline {concern.due_on.day} {concern.due_on:%B} {concern.due_on.year})"[:255])
        if created and not dry_run:
            record(None, OVERDUE_ACTION, object_type="consultation.Notification", object_repr=f"overdue {today}",
                   actor_name="system", after={"date": today, "notices": len(created),
                                               "items": sorted(set(created))})
    return len(created)


# --- the digest ----------------------------------------------------------------------------

@dataclass
class Digest:
    """What one person's digest of one day holds."""
    user: User
    day: dt.date
    overdue: list[Concern] = field(default_factory=list)
    due_soon: list[Concern] = field(default_factory=list)
    assigned: list[Concern] = field(default_factory=list)
    notices: list[Notification] = field(default_factory=list)
    covered: list[Notification] = field(default_factory=list)  # overdue notices the lists above carry
    sent: bool = False
    problem: dict[str, Any] | None = None

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.assigned or self.notices)

    def subject(self) -> str:
        parts_zh = [f"逾期 {len(self.overdue)} 件"] if self.overdue else []
        parts_zh += [f"即将到期 {len(self.due_soon)} 件"] if self.due_soon else []
        parts_zh += [f"新交办 {len(self.assigned)} 件"] if self.assigned else []
        parts_zh += [f"未读通知 {len(self.notices)} 条"] if self.notices else []
        return (f"【渝事好商量】每日提醒 {zh_date(self.day)}：{'，'.join(parts_zh)}"
                f" / Daily digest {self.day:%Y-%m-%d}")


def _scope(user: User) -> QuerySet[Concern] | None:
    """The items a person's digest is about: their departments' and, for staff, their bodies'
    (members get their notices only)."""
    roles = list(Participant.objects.filter(user=user).values_list("kind", "body_id", "department_id"))
    cond = Q(pk__in=[])
    any_role = False
    for kind, body_id, department_id in roles:
        if kind == Participant.Kind.DEPARTMENT and department_id:
            cond |= Q(department_id=department_id)
            any_role = True
        elif kind == Participant.Kind.STAFF:
            cond |= Q(body_id=body_id) | Q(joint_bodies=body_id)
            any_role = True
    if not any_role:
        return None
    return Concern.objects.filter(pk__in=Concern.objects.filter(cond).values("pk"), hidden=False)


def build_digest(user: User, today: dt.date, flows: _Flows | None = None) -> Digest:
    flows = flows or _Flows()
    digest = Digest(user=user, day=today)
    scope = _scope(user)
    if scope is not None:
        digest.overdue = overdue_items(today, flows, scope)
        for c in scope.filter(due_on__gte=today, department__isnull=False).select_related(
                "body", "department").order_by("due_on", "number"):
            if c.state in flows.clock(c.body) and c.due_on is not None and \
                    (c.due_on - today).days <= flows.due_soon_days(c.body):
                digest.due_soon.append(c)
        since, until = _day_start(today - dt.timedelta(days=1)), _day_start(today + dt.timedelta(days=1))
        digest.assigned = list(scope.filter(assigned_at__gte=since, assigned_at__lt=until,
                                            department__isnull=False).select_related("department")
                               .order_by("assigned_at", "number"))
    unread = list(Notification.objects.filter(user=user, read_at__isnull=True, emailed_at__isnull=True,
                                              at__lt=_day_start(today + dt.timedelta(days=1)))
                  .select_related("concern").order_by("at", "id"))
    listed = {c.pk for c in digest.overdue}
    digest.covered = [n for n in unread if n.kind == "overdue" and n.concern_id in listed]
    digest.notices = [n for n in unread if n not in digest.covered]
    return digest


def _already_sent(user: User, today: dt.date) -> bool:
    return AuditEvent.objects.filter(action=DIGEST_ACTION, object_type="platform.User", object_id=str(user.pk),
                                     after__date=today.isoformat()).exists()


def recipients() -> list[User]:
    """Everyone with the digest on in at least one of their roles (one message per person)."""
    ids = Participant.objects.filter(digest=True).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("username"))


def render_digest(digest: Digest) -> str:
    return render_to_string("consultation/email/digest.txt", {
        "d": digest, "day_zh": zh_date(digest.day), "day_en": f"{digest.day:%Y-%m-%d}",
        "overdue": [{"c": c, "late": (digest.day - c.due_on).days if c.due_on else 0,
                     "due_zh": zh_date(c.due_on) if c.due_on else ""} for c in digest.overdue],
        "due_soon": [{"c": c, "left": (c.due_on - digest.day).days if c.due_on else 0,
                      "due_zh": zh_date(c.due_on) if c.due_on else ""} for c in digest.due_soon],
        "assigned": [{"c": c, "due_zh": zh_date(c.due_on) if c.due_on else ""} for c in digest.assigned],
    })


def send_digests(today: dt.date | None = None, *, dry_run: bool = False) -> list[Digest]:
    """Build and (unless ``dry_run``) send everyone's digest of ``today``; the digests built."""
    today = today or timezone.localdate()
    flows = _Flows()
    out = []
    connection = None if dry_run else mail.get_connection()
    for user in recipients():
        if not user.email or _already_sent(user, today):
            continue
        digest = build_digest(user, today, flows)
        out.append(digest)
        if digest.empty or dry_run:
            continue
        message = mail.EmailMessage(subject=digest.subject(), body=render_digest(digest), to=[user.email],
                                    connection=connection)
        try:
            message.send(fail_silently=False)
        except Exception as exc:
            digest.problem = web_problem("E925", value=user.email, rule="consultation.digest",
                                         detail=f"{type(exc).__name__}: {exc}")
            continue
        now = timezone.now()
        with transaction.atomic():
            ids = [n.pk for n in (*digest.notices, *digest.covered)]
            Notification.objects.filter(pk__in=ids).update(emailed_at=now)
            record(None, DIGEST_ACTION, user, actor_name="system",
                   after={"date": today, "to": user.email, "overdue": [c.number for c in digest.overdue],
                          "due_soon": [c.number for c in digest.due_soon],
                          "assigned": [c.number for c in digest.assigned], "notices": len(ids)})
        digest.sent = True
    return out


def by_outcome(digests: list[Digest]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for d in digests:
        counts["failed" if d.problem else "sent" if d.sent else "empty" if d.empty else "ready"] += 1
    return dict(counts)
