"""Writes of the growth ladder; each in one transaction, each audited.

- ``save_ladder``: the bureau sets the district's own ladder (validated by the core: E1200–E1205)
  or goes back to the default;
- ``set_panel``: the bureau names the district's promotion panel;
- ``apply``: a teacher (or their school's data officer, or the bureau) applies for the next
  stage with items and evidence per criterion (E1206–E1209);
- ``decide``: a panel member agrees or disagrees (E1210–E1212); when the panel's rule (LOCAL,
  in the ladder) gives a result, an approval accepts the items and writes the new stage;
- ``record_stage``: the bureau records a stage without a review (a teacher coming with one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import workforce_growth as core
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, User
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.growth import selectors
from youjun.web.apps.workforce.growth.models import Application, Decision, Item, Ladder, PanelMember, TeacherStage
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused, refuse

__all__ = ["ItemClaim", "Refused", "apply", "decide", "record_stage", "save_ladder", "set_panel"]

RULE = "workforce.growth"


def today() -> dt.date:
    return timezone.localdate()


def _ladder_refusal(exc: core.LadderError) -> Refused:
    context = {k: v for k, v in exc.context.items() if k != "value"}
    context.setdefault("where", "")
    context.setdefault("stage", "")
    context.setdefault("kind", "")
    context.setdefault("low", "")
    return refuse(exc.code, value=exc.value, rule=RULE + ".ladder", **context)


def save_ladder(actor: User, district: District, raw: Any | None) -> core.Ladder:
    """Set ``district``'s own ladder from ``raw`` (validated), or the default when ``raw`` is None."""
    if raw is None:
        with transaction.atomic():
            deleted, _ = Ladder.objects.filter(district=district).delete()
            audit.record(actor, "workforce_growth_ladder", district, district=district,
                         after={"ladder": "default"} if deleted else None)
        return selectors.ladder_for(district)
    try:
        ladder = core.parse_ladder(raw)
    except core.LadderError as exc:
        raise _ladder_refusal(exc) from exc
    with transaction.atomic():
        before = Ladder.objects.filter(district=district).values_list("data", flat=True).first()
        Ladder.objects.update_or_create(district=district, defaults={"data": core.ladder_data(ladder),
                                                                    "updated_by": actor})
        audit.record(actor, "workforce_growth_ladder", district, district=district,
                     before=before, after=core.ladder_data(ladder))
    return ladder


def set_panel(actor: User | None, district: District, usernames: Sequence[str]) -> list[User]:
    """Name the district's promotion panel (replacing the one before)."""
    names = [n.strip() for n in usernames if n.strip()]
    users = {u.username: u for u in User.objects.filter(username__in=names, is_active=True)}
    for name in names:
        if name not in users:
            raise refuse("E1213", value=name, rule=RULE + ".panel")
    with transaction.atomic():
        before = sorted(PanelMember.objects.filter(district=district).values_list("user__username", flat=True))
        PanelMember.objects.filter(district=district).delete()
        PanelMember.objects.bulk_create([PanelMember(district=district, user=u) for u in users.values()])
        audit.record(actor, "workforce_growth_panel", district, district=district,
                     before={"panel": before}, after={"panel": sorted(users)})
    return list(users.values())


@dataclass(frozen=True)
class ItemClaim:
    """One item an application brings: its kind, title, date, (contest) level and prize, file."""

    kind: str
    title: str
    day: dt.date
    upload: Any  # an uploaded file (None: refused E1208)
    level: str = ""
    prize: str = ""


def apply(actor: User | None, teacher: Teacher, to_stage: str, claims: Sequence[ItemClaim], *,
          statement: str = "") -> Application:
    """A promotion application of ``teacher`` to ``to_stage`` (their next stage), with its items
    and their evidence, reviewed by the district's panel as it stands now."""
    from youjun.web.apps.workforce.evidence import store_evidence

    ladder = selectors.ladder_for(teacher.district)
    current = selectors.current_stage(teacher, ladder)
    nxt = ladder.next_after(current.code if current else None)
    if nxt is None or nxt.code != to_stage:
        raise refuse("E1206", value=to_stage, rule=RULE + ".stage", next=nxt.zh if nxt else "—")
    pending = Application.objects.filter(teacher=teacher, state=Application.State.PENDING).first()
    if pending is not None:
        raise refuse("E1207", value=pending.to_stage_label, rule=RULE + ".pending")
    panel = [m.user for m in PanelMember.objects.filter(district=teacher.district).select_related("user")
             if m.user_id not in (getattr(actor, "pk", None), teacher.user_id)]
    if len(panel) < ladder.review.min_panel:
        raise refuse("E1209", value=len(panel), rule=RULE + ".panel", min=ladder.review.min_panel)
    for claim in claims:
        if claim.kind not in core.ITEM_KINDS or not claim.title.strip():
            raise refuse("E1203", value=claim.kind or claim.title, rule=RULE + ".item", stage=nxt.zh)
        if claim.kind == "contest" and (claim.level not in core.LEVELS or claim.prize not in core.PRIZES):
            raise refuse("E1203", value=claim.title, rule=RULE + ".item", stage=nxt.zh)
        if claim.upload is None:
            raise refuse("E1208", value=claim.title, rule=RULE + ".evidence")
    with transaction.atomic():
        locked = Teacher.objects.select_for_update().get(pk=teacher.pk)
        if Application.objects.filter(teacher=locked, state=Application.State.PENDING).exists():
            raise refuse("E1207", value=nxt.zh, rule=RULE + ".pending")
        application = Application.objects.create(
            teacher=locked, from_stage=current.code if current else "", to_stage=nxt.code, to_stage_label=nxt.zh,
            applicant=actor if getattr(actor, "pk", None) else None, statement=statement[:2000])
        application.panel.set(panel)
        for claim in claims:
            evidence = store_evidence(actor, locked, claim.upload)
            Item.objects.create(teacher=locked, kind=claim.kind, title=claim.title.strip()[:120], day=claim.day,
                                level=claim.level if claim.kind == "contest" else "",
                                prize=claim.prize if claim.kind == "contest" else "", evidence=evidence,
                                application=application, recorded_by=application.applicant)
        audit.record(actor, "workforce_growth_apply", application, district=locked.district, school=locked.school,
                     object_repr=f"{locked.staff_id} → {nxt.zh}",
                     after={"teacher": locked.staff_id, "to": nxt.code, "items": len(claims),
                            "panel": sorted(u.username for u in panel)})
    return application


def decide(actor: User, application: Application, *, agree: bool, reason: str = "") -> Application:
    """``actor``'s decision on ``application``; when the panel's rule gives a result, the
    application is closed and an approval writes the teacher's new stage."""
    reason = reason.strip()[:300]
    teacher = application.teacher
    if actor.pk in (application.applicant_id, teacher.user_id):
        raise refuse("E1210", value=actor.username, rule=RULE + ".review")
    if not agree and not reason:
        raise refuse("E1212", rule=RULE + ".review")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state != Application.State.PENDING or locked.decisions.filter(member=actor).exists():
            raise refuse("E1211", value=locked.state, rule=RULE + ".review")
        Decision.objects.create(application=locked, member=actor, agree=agree, reason=reason)
        ladder = selectors.ladder_for(teacher.district)
        size = locked.panel.count()
        result = core.panel_result(locked.decisions.values_list("agree", flat=True), size, ladder.review.rule)
        audit.record(actor, "workforce_growth_decide", locked, district=teacher.district, school=teacher.school,
                     object_repr=f"{teacher.staff_id} → {locked.to_stage_label}",
                     after={"agree": agree, "reason": reason, "result": result})
        if result != core.PENDING:
            day = today()
            locked.state = Application.State.APPROVED if result == core.APPROVED else Application.State.REFUSED
            locked.decided_on = day
            locked.save(update_fields=["state", "decided_on"])
            if result == core.APPROVED:
                locked.items.update(accepted=True)
                before = TeacherStage.objects.filter(teacher=teacher).values_list("stage", flat=True).first()
                TeacherStage.objects.update_or_create(teacher=teacher, defaults={
                    "stage": locked.to_stage, "since": day, "application": locked, "note": ""})
                audit.record(actor, "workforce_growth_promote", teacher, district=teacher.district,
                             school=teacher.school, before={"stage": before},
                             after={"stage": locked.to_stage, "since": day, "application": locked.pk})
    application.refresh_from_db()
    return application


def record_stage(actor: User | None, teacher: Teacher, stage: str, *, since: dt.date, note: str = "") -> TeacherStage:
    """The bureau records ``teacher``'s stage without a review (a teacher who came with one)."""
    ladder = selectors.ladder_for(teacher.district)
    if ladder.stage(stage) is None:
        raise refuse("E1206", value=stage, rule=RULE + ".stage", next="—")
    with transaction.atomic():
        before = TeacherStage.objects.filter(teacher=teacher).values_list("stage", flat=True).first()
        row, _ = TeacherStage.objects.update_or_create(teacher=teacher, defaults={
            "stage": stage, "since": since, "application": None, "note": note[:120]})
        audit.record(actor, "workforce_growth_record", teacher, district=teacher.district, school=teacher.school,
                     before={"stage": before}, after={"stage": stage, "since": since, "note": note})
    return row


def may_apply(user: Any, teacher: Teacher) -> bool:
    """The teacher themself, their school's data officer, the bureau and the administrator."""
    return access.is_self(user, teacher) or access.teacher_reach(user, teacher).manages
