"""A committee's audit log: every recorded change to its items, meetings, people, departments,
studios, templates and settings, for its staff (consultation audit rows carry no education
district, so the platform's history does not show them to a bureau; this page does, to the
body's own staff)."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from youjun.web.apps.consultation.models import (
    AnswerTemplate,
    Body,
    Concern,
    Department,
    Meeting,
    Participant,
    Studio,
)
from youjun.web.apps.platform.models import AuditEvent


def _ids(qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.annotate(pk_text=Cast("pk", CharField())).values("pk_text")


def body_events(body: Body) -> QuerySet[AuditEvent]:
    """The audit rows of ``body``'s objects (items it owns or co-owns included), newest first."""
    owned = Q(body=body) | Q(joint_bodies=body)
    parts = (
        ("consultation.Concern", _ids(Concern.objects.filter(owned).distinct())),
        ("consultation.Meeting", _ids(Meeting.objects.filter(owned).distinct())),
        ("consultation.Participant", _ids(Participant.objects.filter(body=body))),
        ("consultation.Department", _ids(Department.objects.filter(body=body))),
        ("consultation.Studio", _ids(Studio.objects.filter(body=body))),
        ("consultation.AnswerTemplate", _ids(AnswerTemplate.objects.filter(body=body))),
    )
    cond = Q(object_type="consultation.Body", object_id=str(body.pk))
    for label, ids in parts:
        cond |= Q(object_type=label, object_id__in=ids)
    return AuditEvent.objects.filter(cond).order_by("-at", "-id")
