"""Evidence files of a teacher's record (a certificate, an award, a lesson plan): every workforce
part stores them through ``store_evidence`` — cleaned by content (``youjun.web.evidence_files``,
images re-encoded without metadata), limited by ``rules/workforce/evidence.yaml`` (a local rule),
audited, and flagged when the same file (its SHA-256 as uploaded) is already stored for another
teacher."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from youjun.core.workforce_career import evidence_limits
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import User
from youjun.web.apps.workforce.models import Evidence, Teacher
from youjun.web.errors import refuse
from youjun.web.evidence_files import clean_evidence, megabytes

CODES = {"type": "E1156", "size": "E1157", "unreadable": "E1158"}
RULE = "workforce.evidence"


def limits() -> dict[str, Any]:
    return evidence_limits(timezone.localdate())


def max_upload_bytes() -> int:
    lim = limits()
    return max(int(lim["image_max_bytes"]), int(lim["pdf_max_bytes"]))


def store_evidence(actor: User | None, teacher: Teacher, upload: Any) -> Evidence:
    """Store ``upload`` (a Django uploaded file, or anything with ``name``, ``size`` and
    ``read()``) as evidence of ``teacher``; ``Refused`` (E1156 type, E1157 size, E1158 unreadable)
    before anything is written. The returned row's ``reused_by`` lists the other teachers the
    same file is already stored for (empty when none)."""
    name = str(getattr(upload, "name", "") or "file")[:120]
    lim = limits()
    biggest = max(int(lim["image_max_bytes"]), int(lim["pdf_max_bytes"]))
    size = int(getattr(upload, "size", 0) or 0)
    if size > biggest:  # refused before it is read
        raise refuse(CODES["size"], value=name, rule=RULE, size=megabytes(size), limit=megabytes(biggest))
    data = upload.read(biggest + 1)
    if len(data) > biggest:
        raise refuse(CODES["size"], value=name, rule=RULE, size="> " + megabytes(biggest), limit=megabytes(biggest))
    clean = clean_evidence(data, name, lim, codes=CODES, rule=RULE)
    with transaction.atomic():
        evidence = Evidence.objects.create(teacher=teacher, name=clean.name, content=clean.content,
                                           content_type=clean.content_type, size=clean.size, sha256=clean.sha256,
                                           uploaded_by=actor if getattr(actor, "pk", None) else None)
        others = list(reused_for(evidence).values_list("teacher__staff_id", flat=True))
        audit.record(actor, "workforce_evidence_add", evidence, district=teacher.district, school=teacher.school,
                     object_repr=f"{teacher.staff_id} {clean.name}",
                     after={"teacher": teacher.staff_id, "name": clean.name, "size": clean.size,
                            "sha256": clean.sha256, "same_file_for": others})
    evidence.reused_by = others
    return evidence


def reused_for(evidence: Evidence) -> QuerySet[Evidence]:
    """The same file (SHA-256 as uploaded) stored for other teachers."""
    return (Evidence.objects.filter(sha256=evidence.sha256).exclude(teacher_id=evidence.teacher_id)
            .exclude(pk=evidence.pk).exclude(teacher__isnull=True))
