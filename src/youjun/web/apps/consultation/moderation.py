"""Moderation, the resident's half: reporting a concern, hiding it pending review once enough
people reported it, and keeping blocked accounts from raising or reporting.

- ``report(actor, concern, reason)``: one report per person (the model's constraint, checked
  first so the answer is a catalogued E885, not a database error), audited; when the concern's
  open reports reach ``auto_hide_after_reports`` (the body's publication settings) it is hidden
  pending review (``hidden=True``, a non-public Event ``hidden_pending_review``) and the staff of
  its bodies are notified.
- ``blocked_until(user)`` / ``check_not_blocked(user)``: a resident whose
  ``ResidentProfile.blocked_until`` lies in the future may neither raise nor report (E884 with
  the date). Blocking itself, and the staff's review of hidden items, are the staff side's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern, Event, ModerationReport, Participant, ResidentProfile
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import User

# The reasons offered on the report form (key -> zh, en); a reason typed by hand is kept too.
REASONS: dict[str, tuple[str, str]] = {
    "personal_data": ("含有他人的姓名、电话等个人信息", "It contains someone's name, phone or other personal data"),
    "abuse": ("辱骂、攻击他人", "It insults or attacks someone"),
    "advertising": ("广告或与本地事务无关", "Advertising, or not about local affairs"),
    "false": ("内容明显不实", "It is plainly untrue"),
    "other": ("其他", "Other"),
}


def blocked_until(user: Any) -> dt.datetime | None:
    """The end of the user's block when it lies in the future, else None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    until = ResidentProfile.objects.filter(user_id=user.pk).values_list("blocked_until", flat=True).first()
    return until if until is not None and until > timezone.now() else None


def check_not_blocked(user: Any) -> None:
    until = blocked_until(user)
    if until is not None:
        local = timezone.localtime(until)
        raise services.refuse("E884", value=local.isoformat(timespec="minutes"), rule="consultation.blocked",
                               until_zh=f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}",
                               until_en=f"{local.day} {local:%B} {local.year}, {local:%H:%M}")


def open_reports(concern: Concern) -> int:
    return ModerationReport.objects.filter(concern=concern, resolved_at__isnull=True).count()


def report(actor: User, concern: Concern, reason: str) -> ModerationReport:
    """One person's report of ``concern``; hides it pending review at the body's threshold."""
    check_not_blocked(actor)
    reason = (reason or "").strip()[:255]
    if not reason:
        raise services.refuse("E888", value=concern.number, rule="consultation.report")
    if ModerationReport.objects.filter(concern=concern, reporter=actor).exists():
        raise services.refuse("E885", value=concern.number, rule="consultation.report")
    threshold = int(services.body_settings(concern.body)["publication"]["auto_hide_after_reports"])
    try:
        with transaction.atomic():
            now = timezone.now()
            row = ModerationReport.objects.create(concern=concern, reporter=actor, reason=reason, at=now)
            Concern.objects.filter(pk=concern.pk).update(report_count=F("report_count") + 1)
            concern.refresh_from_db(fields=["report_count", "hidden"])
            record(actor, "consultation_report", concern,
                   after={"reason": reason, "reports": concern.report_count})
            if not concern.hidden and open_reports(concern) >= max(1, threshold):
                _hide_pending_review(concern, now)
    except IntegrityError:  # the same person, twice at once: the constraint holds
        raise services.refuse("E885", value=concern.number, rule="consultation.report") from None
    return row


def _hide_pending_review(concern: Concern, now: dt.datetime) -> None:
    concern.hidden = True
    concern.save(update_fields=["hidden", "updated_at"])
    count = open_reports(concern)
    Event.objects.create(concern=concern, at=now, actor=None, actor_role="system", action="hidden_pending_review",
                         from_state=concern.state, to_state=concern.state, public=False,
                         data={"reports": count})
    record(None, "consultation_hide", concern, actor_name="system",
           before={"hidden": False}, after={"hidden": True, "reports": count})
    bodies = {concern.body_id, *concern.joint_bodies.values_list("pk", flat=True)}
    staff = {p.user_id: p.user for p in Participant.objects.filter(
        body_id__in=bodies, kind=Participant.Kind.STAFF).select_related("user")}
    for user in staff.values():
        services.notify(user, concern, "hidden_pending_review",
                        f"{concern.number} 被举报 {count} 次，已暂时隐藏，请审核",
                        f"{concern.number} was reported {count} times and is hidden pending your review")
