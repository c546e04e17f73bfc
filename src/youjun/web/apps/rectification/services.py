"""Writes: the office and deadline the bureau sets on a finding (one transaction, audited)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.db import transaction

from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.rectification.models import Assignment
from youjun.web.dates import typed_date

MAX_OFFICE = 100


class Invalid(ValueError):
    """A field the bureau typed cannot be kept (shown beside the row)."""


def parse_deadline(text: str) -> dt.date | None:
    """A deadline as people type it on a Chinese page: 2027-06-30, 2027/6/30, 2027年6月30日 or
    20270630 (full-width digits too); empty is no deadline."""
    if not unicodedata.normalize("NFKC", text or "").strip():
        return None
    found = typed_date(text)
    if found is None:
        raise Invalid("deadline")
    return found


def assign(actor: User, district: District, school_year: str, finding_key: str, office: str,
           deadline: dt.date | None) -> bool:
    """Keep the office and deadline of a finding; False (nothing written, nothing audited) when
    they are what is kept already: a save that changes nothing is no change in the history."""
    office = " ".join((office or "").split())
    if len(office) > MAX_OFFICE:
        raise Invalid("office")
    with transaction.atomic():
        obj = Assignment.objects.select_for_update().filter(
            district=district, school_year=school_year, finding_key=finding_key).first()
        before = None if obj is None else {"office": obj.office, "deadline": obj.deadline}
        if (before or {"office": "", "deadline": None}) == {"office": office, "deadline": deadline}:
            return False
        if obj is None:
            obj = Assignment(district=district, school_year=school_year, finding_key=finding_key)
        obj.office, obj.deadline, obj.updated_by = office, deadline, actor
        obj.save()
        school = School.objects.filter(district=district, code=finding_key.split(":", 1)[0]).first()
        audit.record(actor, "set_rectification", obj, district=district, school=school,
                     before=before, after={"office": office, "deadline": deadline})
    return True
