"""The staff's moderation queue: concerns hidden (by hand or after N reports) or reported and
not yet reviewed, with their reports. Keep (shown again, reports resolved), hide (stays hidden:
the public page says 该内容已被隐藏), or block the raiser for N days
(``ResidentProfile.blocked_until``; the resident side refuses raising while blocked). Every
action is one transaction with a non-public event on the item and an audit row.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Body, Concern, ModerationReport, ResidentProfile
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import User

MAX_BLOCK_DAYS = 365


def queue(body: Body) -> QuerySet[Concern]:
    """Hidden or reported-and-unreviewed concerns owned by ``body`` (co-owned ones too)."""
    open_reports = ModerationReport.objects.filter(concern=OuterRef("pk"), resolved_at__isnull=True)
    owned = Concern.objects.filter(Q(body=body) | Q(joint_bodies=body)).values("pk")
    return (Concern.objects.filter(pk__in=owned)
            .annotate(pending=Exists(open_reports))
            .filter(Q(hidden=True) | Q(pending=True))
            .select_related("body", "raised_by")
            .prefetch_related(Prefetch("reports", queryset=ModerationReport.objects.order_by("-at", "-id")))
            .order_by("-updated_at", "-id"))


def in_queue(body: Body, pk: int) -> Concern:
    found = queue(body).filter(pk=pk).first()
    if found is None:
        raise services.refuse("E909", value=str(pk), rule="consultation.moderation",
                              detail_zh="该议题不在审核列表中（可能已被他人处理）",
                              detail_en="the item is not in the queue (someone may have reviewed it)")
    return found


def _resolve(concern: Concern, resolution: str, now: dt.datetime) -> int:
    return concern.reports.filter(resolved_at__isnull=True).update(resolved_at=now, resolution=resolution)


def keep(actor: User | None, concern: Concern) -> Concern:
    """Shown again; its open reports resolved as kept, and the count that hides it starts over."""
    with transaction.atomic():
        now = timezone.now()
        before = {"hidden": concern.hidden, "report_count": concern.report_count}
        resolved = _resolve(concern, "kept", now)
        concern.hidden = False
        concern.report_count = 0
        concern.save(update_fields=["hidden", "report_count", "updated_at"])
        services._event(concern, actor, "staff", "moderate_keep", concern.state, concern.state, at=now,
                        data={"reports": resolved}, public=False)
        record(actor, "consultation_moderate_keep", concern, before=before,
               after={"hidden": False, "reports_resolved": resolved})
    return concern


def hide(actor: User | None, concern: Concern, note: str = "") -> Concern:
    """Stays hidden (kept for staff; the public page says it was hidden); reports resolved."""
    with transaction.atomic():
        now = timezone.now()
        before = {"hidden": concern.hidden}
        resolved = _resolve(concern, "hidden", now)
        concern.hidden = True
        concern.save(update_fields=["hidden", "updated_at"])
        services._event(concern, actor, "staff", "moderate_hide", concern.state, concern.state, at=now,
                        note=note, data={"reports": resolved}, public=False)
        record(actor, "consultation_moderate_hide", concern, before=before,
               after={"hidden": True, "reports_resolved": resolved})
    return concern


def parse_days(raw: str, concern: Concern) -> int:
    try:
        days = int(str(raw).strip())
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_BLOCK_DAYS:
        raise services.refuse("E909", value=concern.number, rule="consultation.moderation",
                              detail_zh=f"禁言天数“{raw}”须为1到{MAX_BLOCK_DAYS}的整数",
                              detail_en=f"the days '{raw}' must be a whole number from 1 to {MAX_BLOCK_DAYS}")
    return days


def block(actor: User | None, concern: Concern, days: int, note: str = "") -> ResidentProfile:
    """Block the concern's raiser from raising concerns for ``days`` days (from now); the item
    itself stays hidden. A longer block already in force is kept."""
    user = concern.raised_by
    if user is None:
        raise services.refuse("E909", value=concern.number, rule="consultation.moderation",
                              detail_zh="该议题由他人代为登记，提出人没有账号，无法禁言",
                              detail_en="it was recorded on someone's behalf: the raiser has no account to block")
    if user.is_superuser or user.consultation_roles.exists():
        raise services.refuse("E909", value=concern.number, rule="consultation.moderation",
                              detail_zh="提出人是平台工作人员，不能在此禁言",
                              detail_en="the raiser works on the platform and cannot be blocked here")
    with transaction.atomic():
        now = timezone.now()
        profile, _ = ResidentProfile.objects.select_for_update().get_or_create(user=user)
        before = profile.blocked_until
        until = now + dt.timedelta(days=days)
        if before is not None and before > until:
            until = before
        profile.blocked_until = until
        profile.save(update_fields=["blocked_until"])
        resolved = _resolve(concern, "hidden", now)
        concern.hidden = True
        concern.save(update_fields=["hidden", "updated_at"])
        services._event(concern, actor, "staff", "moderate_block", concern.state, concern.state, at=now,
                        note=note, data={"days": days, "reports": resolved}, public=False)
        record(actor, "consultation_moderate_block", profile,
               object_repr=f"{concern.number} 提出人", before={"blocked_until": before},
               after={"blocked_until": until, "days": days, "concern": concern.number})
    return profile
