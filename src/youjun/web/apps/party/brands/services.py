"""Writes of the party-building brands; every one in one transaction and audited. Anything
refused (a catalogued ``Refused``, E1270–E1283) writes nothing.

Who may call which is decided by the views (``reach``): ``as_bureau`` says whether the actor
writes as the district bureau (the reviews, the acceptance, a withdrawal) or as the school.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import party_brands as rules
from youjun.web.apps.party.brands.models import Acceptance, Brand, BrandEvidence, BrandStep
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import School, User
from youjun.web.errors import Refused, refuse
from youjun.web.evidence_files import CleanFile, clean_evidence, megabytes

__all__ = ["Refused", "add_evidence", "apply_acceptance", "create_brand", "score_acceptance", "step",
           "update_brand", "withdraw_brand_school"]

CODES = {"type": "E1274", "size": "E1275", "unreadable": "E1276"}
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
EARLIEST = dt.date(2000, 1, 1)


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def _text(value: str, field: tuple[str, str], limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if (required and not value) or len(value) > limit:
        raise refuse("E1270", value=value[:40], rule="party_brands.text", field=field[0], field_en=field[1],
                     limit=limit)
    return value


def _day(day: dt.date | None, rule: str, *, after: dt.date | None = None) -> dt.date:
    today = timezone.localdate()
    day = day or today
    first = after or EARLIEST
    if day > today or day < first:
        raise refuse("E1282", value=day.isoformat(), rule=rule,
                     detail=(f"{first.isoformat()} 至 {today.isoformat()}",
                             f"from {first.isoformat()} to {today.isoformat()}"))
    return day


def _read_upload(upload: Any, limit: int, name: str) -> bytes:
    size = int(getattr(upload, "size", 0) or 0)
    if size > limit:  # refused before it is read
        raise refuse("E1275", value=name, rule="party_brands.file", size=megabytes(size), limit=megabytes(limit))
    data: bytes = upload.read(limit + 1)
    if len(data) > limit:
        raise refuse("E1275", value=name, rule="party_brands.file", size="> " + megabytes(limit),
                     limit=megabytes(limit))
    return data


def clean_emblem(upload: Any) -> tuple[bytes, str, str]:
    """The emblem as stored (re-encoded, no metadata): PNG or JPEG only, within the byte and pixel
    limits, checked before the image is decoded. Returns (content, content type, SHA-256)."""
    lim = rules.file_limits(timezone.localdate())
    name = str(getattr(upload, "name", "") or "emblem")[:120]
    data = _read_upload(upload, int(lim["emblem_max_bytes"]), name)
    if not (data.startswith(PNG) or data.startswith(JPEG)):
        raise refuse("E1274", value=name, rule="party_brands.emblem", kinds="PNG 或 JPEG 图片",
                     kinds_en="a PNG or JPEG image")
    try:
        clean = clean_evidence(data, name, {"image_max_bytes": lim["emblem_max_bytes"],
                                            "image_max_pixels": lim["emblem_max_pixels"],
                                            "image_longest_side": lim["emblem_longest_side"], "pdf_max_bytes": 0},
                               codes=CODES, rule="party_brands.emblem")
    except Refused as exc:
        if exc.problem.get("code") == "E1274":  # a PNG or JPEG header on something else
            raise refuse("E1276", value=name, rule="party_brands.emblem") from None
        raise
    return clean.content, clean.content_type, clean.stored_sha256


def _unique_name(school: School, name: str, exclude: int | None = None) -> None:
    qs = Brand.objects.filter(district_id=school.district_id, name=name)
    if exclude:
        qs = qs.exclude(pk=exclude)
    if qs.exists():
        raise refuse("E1283", value=name, rule="party_brands.name")


def create_brand(actor: User | None, school: School, *, name: str, meaning: str, emblem: Any = None,
                 evidence: Any = None) -> Brand:
    """A draft application of ``school`` (editable until submitted), with its first supporting
    file when one is sent; a file refused refuses the whole application (nothing is written)."""
    name = _text(name, ("品牌名称", "brand name"), 40)
    meaning = _text(meaning, ("品牌释义", "meaning"), 2000)
    _unique_name(school, name)
    content, ctype, sha = clean_emblem(emblem) if emblem else (None, "", "")
    first = _clean_evidence(evidence) if evidence else None
    today = timezone.localdate()
    with transaction.atomic():
        brand = Brand.objects.create(district_id=school.district_id, school=school, name=name, meaning=meaning,
                                     state=rules.initial_state(today), year=today.year, emblem=content,
                                     emblem_type=ctype, emblem_sha256=sha, created_by=_actor(actor))
        audit.record(actor, "party_brands_create", brand, school=school,
                     after={"name": name})
        if first is not None:
            _store_evidence(actor, brand, first)
    return brand


def _locked(brand: Brand) -> Brand:
    return Brand.objects.select_for_update(of=("self",)).select_related("school").get(pk=brand.pk)


def update_brand(actor: User | None, brand: Brand, *, name: str, meaning: str, emblem: Any = None) -> Brand:
    """Change a draft or returned application (the emblem only when a new one is sent)."""
    name = _text(name, ("品牌名称", "brand name"), 40)
    meaning = _text(meaning, ("品牌释义", "meaning"), 2000)
    new_emblem = clean_emblem(emblem) if emblem else None
    today = timezone.localdate()
    with transaction.atomic():
        b = _locked(brand)
        if not rules.editable(b.state, today):
            zh, en = rules.state_words(b.state, today)
            raise refuse("E1272", value=b.name, rule="party_brands.edit", state=zh, state_en=en)
        _unique_name(b.school, name, exclude=b.pk)
        before = {"name": b.name, "note": b.meaning[:80]}
        b.name, b.meaning = name, meaning
        if new_emblem:
            b.emblem, b.emblem_type, b.emblem_sha256 = new_emblem
        b.save()
        audit.record(actor, "party_brands_edit", b, school=b.school, before=before,
                     after={"name": name, "note": meaning[:80]})
    return b


def _clean_evidence(upload: Any) -> CleanFile:
    lim = rules.file_limits(timezone.localdate())
    name = str(getattr(upload, "name", "") or "file")[:120]
    data = _read_upload(upload, max(int(lim["image_max_bytes"]), int(lim["pdf_max_bytes"])), name)
    try:
        return clean_evidence(data, name, lim, codes=CODES, rule="party_brands.evidence")
    except Refused as exc:
        if exc.problem.get("code") == "E1274":
            raise refuse("E1274", value=name, rule="party_brands.evidence", kinds="照片（JPEG、PNG、WebP）或 PDF",
                         kinds_en="a photo (JPEG, PNG, WebP) or a PDF") from None
        raise


def _store_evidence(actor: User | None, brand: Brand, clean: CleanFile) -> BrandEvidence:
    ev = BrandEvidence.objects.create(brand=brand, name=clean.name, content=clean.content,
                                      content_type=clean.content_type, size=clean.size, sha256=clean.sha256,
                                      uploaded_by=_actor(actor))
    audit.record(actor, "party_brands_evidence", ev, school=brand.school,
                 after={"name": brand.name, "filename": clean.name})
    return ev


def add_evidence(actor: User | None, brand: Brand, upload: Any) -> BrandEvidence:
    """A supporting file (photo or PDF) of the application, cleaned by its content."""
    clean = _clean_evidence(upload)
    with transaction.atomic():
        return _store_evidence(actor, brand, clean)


def actor_name(actor: User | None) -> str:
    """How a person is named in the history: the account's full name, else its user name."""
    return str(actor) if actor is not None else ""


def step(actor: User | None, brand: Brand, action: str, *, as_bureau: bool, comment: str = "",
         on: dt.date | None = None) -> Brand:
    """Take the workflow's step ``action``: refused (E1271) when the workflow has no such step from
    the brand's state or the actor's role may not take it; a return or a rejection needs a reason
    (E1273); submitting needs an emblem (E1281). Dated, by whom, with the comment."""
    today = timezone.localdate()
    comment = _text(comment, ("意见", "comment"), 500, required=False)
    with transaction.atomic():
        b = _locked(brand)
        s = rules.step_from(b.state, action, today)
        role = "bureau" if as_bureau else "school"
        if s is None or role not in s.by:
            zh, en = rules.state_words(b.state, today)
            words = next((x for x in rules.steps(today) if x.action == action), None)
            raise refuse("E1271", value=b.name, rule="party_brands.workflow", state=zh, state_en=en,
                         action=words.zh if words else action, action_en=words.en if words else action)
        if s.reason and not comment:
            raise refuse("E1273", value=b.name, rule="party_brands.workflow", action=s.zh, action_en=s.en)
        if action == "submit" and not b.emblem:
            raise refuse("E1281", value=b.name, rule="party_brands.emblem")
        day = _day(on, "party_brands.workflow", after=b.submitted_on if action != "submit" else None)
        before = b.state
        b.state = s.target
        if action == "submit":
            if b.submitted_on is None:
                b.year = day.year
            b.submitted_on = day
        if s.target in rules.recognised_states(today):
            b.approved_on = day
        b.save()
        BrandStep.objects.create(brand=b, action=action, from_state=before, to_state=s.target, on=day,
                                 by=_actor(actor), by_name=actor_name(actor),
                                 by_bureau=as_bureau, comment=comment)
        audit.record(actor, f"party_brands_{action}", b, school=b.school, after={"comment": comment})
    return b


def _repr(acc: Acceptance) -> str:
    return f"{acc.brand.name} · {acc.school.name}"


def _open_acceptance(brand: Brand) -> Acceptance | None:
    return (Acceptance.objects.filter(brand__school_id=brand.school_id)
            .filter(state__in=(Acceptance.State.APPLIED, Acceptance.State.ACCEPTED)).first())


def apply_acceptance(actor: User | None, brand: Brand, *, on: dt.date | None = None) -> Acceptance:
    """The school applies for acceptance as a brand school with its approved brand."""
    today = timezone.localdate()
    with transaction.atomic():
        b = _locked(brand)
        if b.state not in rules.recognised_states(today):
            zh, en = rules.state_words(b.state, today)
            raise refuse("E1277", value=b.name, rule="party_brands.acceptance", state=zh, state_en=en)
        current = _open_acceptance(b)
        if current is not None:
            applied = current.state == Acceptance.State.APPLIED
            raise refuse("E1278", value=b.school.name, rule="party_brands.acceptance",
                         what="待评定的验收申请" if applied else "品牌特色学校称号",
                         what_en="an acceptance waiting for its scores" if applied else "the brand school title")
        day = _day(on, "party_brands.acceptance", after=b.approved_on)
        acc = Acceptance.objects.create(brand=b, school=b.school, applied_on=day, applied_by=_actor(actor))
        audit.record(actor, "party_brands_accept_apply", acc, school=b.school, object_repr=_repr(acc),
                     after={"name": b.name})
    return acc


def _score(value: Any, c: rules.Criterion, top: Decimal) -> Decimal:
    try:
        x = Decimal(str(value).strip()).quantize(rules.TENTH)
    except (InvalidOperation, ValueError):
        x = Decimal(-1)
    if not Decimal(0) <= x <= top:
        raise refuse("E1279", value=str(value)[:20], rule="party_brands.acceptance", field=c.zh, field_en=c.en,
                     limit=f"{top:,.0f}")
    return x


def score_acceptance(actor: User | None, acceptance: Acceptance, *, scores: dict[str, Any],
                     notes: dict[str, str] | None = None, note: str = "", on: dt.date | None = None) -> Acceptance:
    """The bureau scores an acceptance against the criteria in force: the total (weighted) is
    compared with the pass mark; passed, the school is a brand school from ``on``."""
    today = timezone.localdate()
    crits = rules.criteria(today)
    top = rules.max_score(today)
    notes = notes or {}
    clean = {c.key: _score(scores.get(c.key, ""), c, top) for c in crits}
    rows = [{"key": c.key, "score": str(clean[c.key]),
             "note": _text(notes.get(c.key, ""), (c.zh, c.en), 200, required=False)} for c in crits]
    note = _text(note, ("验收意见", "note"), 500, required=False)
    mark = rules.pass_mark(today)
    result = rules.total(clean, crits)
    with transaction.atomic():
        acc = Acceptance.objects.select_for_update(of=("self",)).select_related("brand", "school").get(pk=acceptance.pk)
        if acc.state != Acceptance.State.APPLIED:
            raise refuse("E1278", value=acc.school.name, rule="party_brands.acceptance",
                         what="已评定的验收", what_en="an acceptance already decided")
        day = _day(on, "party_brands.acceptance", after=acc.applied_on)
        acc.scores, acc.total, acc.pass_mark, acc.note = rows, result, mark, note
        acc.decided_on, acc.decided_by = day, _actor(actor)
        acc.state = Acceptance.State.ACCEPTED if rules.passed(result, mark) else Acceptance.State.FAILED
        acc.save()
        audit.record(actor, "party_brands_accept_score", acc, school=acc.school, object_repr=_repr(acc),
                     after={"name": acc.brand.name, "score": str(result), "note": note})
    return acc


def withdraw_brand_school(actor: User | None, acceptance: Acceptance, *, reason: str,
                          on: dt.date | None = None) -> Acceptance:
    """The bureau withdraws a brand school's title, with a reason and a date."""
    with transaction.atomic():
        acc = Acceptance.objects.select_for_update(of=("self",)).select_related("brand", "school").get(pk=acceptance.pk)
        reason = (reason or "").strip()
        if acc.state != Acceptance.State.ACCEPTED or not reason or len(reason) > 500:
            raise refuse("E1280", value=acc.school.name, rule="party_brands.withdraw")
        day = _day(on, "party_brands.withdraw", after=acc.decided_on)
        acc.state, acc.withdrawn_on, acc.withdraw_reason = Acceptance.State.WITHDRAWN, day, reason
        acc.save()
        audit.record(actor, "party_brands_withdraw", acc, school=acc.school, object_repr=_repr(acc),
                     after={"name": acc.brand.name, "reason": reason})
    return acc
