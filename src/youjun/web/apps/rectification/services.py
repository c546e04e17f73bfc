"""Writes: the office and deadline the bureau sets on a finding (one transaction, audited)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.rectification.models import Assignment

MAX_OFFICE = 100


class Invalid(ValueError):
    """A field the bureau typed cannot be kept (shown beside the row)."""


def parse_deadline(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise Invalid("deadline") from exc


def assign(actor: User, district: District, school_year: str, finding_key: str, office: str,
           deadline: dt.date | None) -> Assignment:
    office = " ".join((office or "").split())
    if len(office) > MAX_OFFICE:
        raise Invalid("office")
    with transaction.atomic():
        obj, created = Assignment.objects.select_for_update().get_or_create(
            district=district, school_year=school_year, finding_key=finding_key)
        before = None if created else {"office": obj.office, "deadline": obj.deadline}
        obj.office, obj.deadline, obj.updated_by = office, deadline, actor
        obj.save()
        school = School.objects.filter(district=district, code=finding_key.split(":", 1)[0]).first()
        audit.record(actor, "rectification_assign", obj, district=district, school=school,
                     before=before, after={"office": office, "deadline": deadline})
    return obj
