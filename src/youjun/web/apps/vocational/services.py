"""Writes of the vocational centre: every write checks first (``Refused`` with an E13xx problem,
nothing written) and runs in one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import vocational as core
from youjun.core.workforce_career import evidence_limits
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.vocational.models import (
    Centre,
    CertificatePilot,
    Competition,
    CompetitionResult,
    Destination,
    Major,
    Partner,
    PilotResult,
    Placement,
    Recognition,
    Training,
    VocTeacher,
)
from youjun.web.errors import refuse
from youjun.web.evidence_files import clean_evidence, megabytes

CODES = {"type": "E1300", "size": "E1301", "unreadable": "E1302"}
FIRST_YEAR = 2000


def _year(value: int | None, rule: str) -> None:
    if value is not None and not FIRST_YEAR <= value <= timezone.localdate().year:
        raise refuse("E1304", value=value, rule=rule)


def _order(start: Any, end: Any, rule: str) -> None:
    if start is not None and end is not None and end < start:
        raise refuse("E1310", value=end, start=start, rule=rule)


def _log(actor: User | None, action: str, obj: Any, centre: Centre, after: dict[str, Any],
         before: dict[str, Any] | None = None) -> None:
    audit.record(actor, action, obj, district=centre.district, school=centre.school, before=before, after=after)


def create_centre(actor: User | None, district: District, *, name: str, school: School | None = None) -> Centre:
    name = name.strip()
    if school is not None and school.district_id != district.pk:
        raise refuse("E1309", value=school.name, rule="vocational.centre.school")
    if Centre.objects.filter(district=district, name=name).exists():
        raise refuse("E1303", value=name, kind="区县", kind_en="district", rule="vocational.centre.name")
    with transaction.atomic():
        centre = Centre.objects.create(district=district, name=name, school=school)
        _log(actor, "vocational_centre_add", centre, centre, {"name": name, "school": school.name if school else ""})
    return centre


def add_major(actor: User | None, centre: Centre, *, code: str, name: str, started: int,
              stopped: int | None = None, apprenticeship_partner: str = "",
              apprenticeship_from: int | None = None) -> Major:
    code, partner = code.strip(), apprenticeship_partner.strip()
    if Major.objects.filter(centre=centre, code=code).exists():
        raise refuse("E1303", value=code, kind="职教中心", kind_en="centre", rule="vocational.major.code")
    _check_major(started, stopped, apprenticeship_partner, apprenticeship_from)
    with transaction.atomic():
        major = Major.objects.create(centre=centre, code=code, name=name.strip(), started=started, stopped=stopped,
                                     apprenticeship_partner=partner,
                                     apprenticeship_from=apprenticeship_from if partner else None)
        _log(actor, "vocational_major_add", major, centre, _major_state(major))
    return major


def _check_major(started: int, stopped: int | None, partner: str, partner_from: int | None) -> None:
    for y in (started, stopped, partner_from if partner.strip() else None):
        _year(y, "vocational.major.year")
    _order(started, stopped, "vocational.major.stopped")


def update_major(actor: User | None, major: Major, *, stopped: int | None, apprenticeship_partner: str,
                 apprenticeship_from: int | None) -> Major:
    """The major's end and its apprenticeship (现代学徒制) partner and start year."""
    _check_major(major.started, stopped, apprenticeship_partner, apprenticeship_from)
    with transaction.atomic():
        before = _major_state(major)
        major.stopped = stopped
        major.apprenticeship_partner = apprenticeship_partner.strip()
        major.apprenticeship_from = apprenticeship_from if major.apprenticeship_partner else None
        major.save()
        _log(actor, "vocational_major_edit", major, major.centre, _major_state(major), before)
    return major


def add_pilot(actor: User | None, major: Major, *, certificate: str, level: str, awarding_org: str,
              from_year: int, to_year: int | None = None) -> CertificatePilot:
    _year(from_year, "vocational.pilot.from_year")
    _order(from_year, to_year, "vocational.pilot.to_year")
    with transaction.atomic():
        pilot = CertificatePilot.objects.create(major=major, certificate=certificate.strip(), level=level,
                                                awarding_org=awarding_org.strip(), from_year=from_year,
                                                to_year=to_year)
        _log(actor, "vocational_pilot_add", pilot, major.centre, {
            "code": major.code, "voc_certificate": pilot.certificate, "voc_level": f"voc_{level}",
            "voc_awarding": pilot.awarding_org, "voc_from": str(from_year), "voc_to": str(to_year or "")})
    return pilot


def record_pilot_result(actor: User | None, pilot: CertificatePilot, *, year: int, candidates: int,
                        passes: int) -> PilotResult:
    """A year's candidates and passes of a certificate (a second entry for the year replaces it)."""
    _year(year, "vocational.pilot.result.year")
    if passes > candidates:
        raise refuse("E1305", value=passes, candidates=candidates, rule="vocational.pilot.result")
    centre = pilot.major.centre
    with transaction.atomic():
        old = PilotResult.objects.filter(pilot=pilot, year=year).first()
        before = {"voc_candidates": old.candidates, "voc_passes": old.passes} if old else None
        row, _ = PilotResult.objects.update_or_create(pilot=pilot, year=year,
                                                      defaults={"candidates": candidates, "passes": passes})
        _log(actor, "vocational_pilot_result", row, centre, {
            "voc_certificate": pilot.certificate, "year": str(year), "voc_candidates": candidates,
            "voc_passes": passes}, before)
    return row


def add_partner(actor: User | None, centre: Centre, *, name: str, sector: str, agreed_on: dt.date,
                agreement_ends: dt.date | None = None, majors: Iterable[Major] = ()) -> Partner:
    name = name.strip()
    if Partner.objects.filter(centre=centre, name=name).exists():
        raise refuse("E1303", value=name, kind="职教中心", kind_en="centre", rule="vocational.partner.name")
    _order(agreed_on, agreement_ends, "vocational.partner.agreement")
    majors = [m for m in majors if m.centre_id == centre.pk]
    with transaction.atomic():
        partner = Partner.objects.create(centre=centre, name=name, sector=sector.strip(), agreed_on=agreed_on,
                                         agreement_ends=agreement_ends)
        partner.majors.set(majors)
        _log(actor, "vocational_partner_add", partner, centre, {
            "name": name, "voc_sector": partner.sector, "voc_agreed": agreed_on, "voc_ends": agreement_ends,
            "voc_majors": [m.name for m in majors]})
    return partner


def record_placements(actor: User | None, partner: Partner, *, year: int, pupils: int) -> Placement:
    _year(year, "vocational.placement.year")
    with transaction.atomic():
        old = Placement.objects.filter(partner=partner, year=year).first()
        before = {"voc_placed": old.pupils} if old else None
        row, _ = Placement.objects.update_or_create(partner=partner, year=year, defaults={"pupils": pupils})
        _log(actor, "vocational_placements", row, partner.centre,
             {"name": partner.name, "year": str(year), "voc_placed": pupils}, before)
    return row


def add_teacher(actor: User | None, centre: Centre, *, name: str, subject: str, full_time: bool = True,
                joined: dt.date | None = None, teacher: Any = None) -> VocTeacher:
    if teacher is not None and teacher.district_id != centre.district_id:
        teacher = None
    with transaction.atomic():
        t = VocTeacher.objects.create(centre=centre, name=name.strip(), subject=subject.strip(),
                                      full_time=full_time, joined=joined, teacher=teacher)
        _log(actor, "vocational_teacher_add", t, centre, {
            "teacher": t.name, "voc_subject": t.subject, "voc_full_time": full_time, "voc_joined": joined})
    return t


def recognise(actor: User | None, teacher: VocTeacher, *, recognised_on: dt.date, level: str, basis: str,
              upload: Any) -> Recognition:
    """A double-qualified recognition with its evidence file (required; cleaned by content,
    images re-encoded without metadata). The expiry follows the rule in force (none nationally)."""
    today = timezone.localdate()
    if recognised_on > today:
        raise refuse("E1307", value=recognised_on, detail=("晚于今天", "is later than today"),
                     rule="vocational.recognition.date")
    if teacher.joined and recognised_on < teacher.joined:
        raise refuse("E1307", value=recognised_on, detail=(f"早于到校日期 {teacher.joined}",
                                                           f"is before the teacher joined on {teacher.joined}"),
                     rule="vocational.recognition.date")
    if upload is None:
        raise refuse("E1308", value=teacher.name, rule="vocational.recognition.evidence")
    lim = evidence_limits(today)
    biggest = max(int(lim["image_max_bytes"]), int(lim["pdf_max_bytes"]))
    name = str(getattr(upload, "name", "") or "file")[:120]
    size = int(getattr(upload, "size", 0) or 0)
    if size > biggest:  # refused before it is read
        raise refuse(CODES["size"], value=name, size=megabytes(size), limit=megabytes(biggest),
                     rule="vocational.recognition.evidence")
    data = upload.read(biggest + 1)
    if len(data) > biggest:
        raise refuse(CODES["size"], value=name, size="> " + megabytes(biggest), limit=megabytes(biggest),
                     rule="vocational.recognition.evidence")
    clean = clean_evidence(data, name, lim, codes=CODES, rule="vocational.recognition.evidence")
    rule = core.double_qualified_rule(recognised_on)
    with transaction.atomic():
        rec = Recognition.objects.create(
            teacher=teacher, recognised_on=recognised_on, level=level, basis=basis,
            expires=core.expiry_of(recognised_on, rule.expiry_years), file_name=clean.name,
            file_content=clean.content, file_type=clean.content_type, file_size=clean.size,
            file_sha256=clean.sha256, recorded_by=actor if getattr(actor, "pk", None) else None)
        _log(actor, "vocational_recognise", rec, teacher.centre,
             {"teacher": teacher.name, "voc_recognised": recognised_on, "voc_level": f"voc_{level}",
              "voc_basis": f"voc_{basis}", "file": clean.name, "size": clean.size, "sha256": clean.sha256})
    return rec


def add_competition(actor: User | None, centre: Centre, *, name: str, level: str, year: int,
                    entrants: int) -> Competition:
    _year(year, "vocational.competition.year")
    with transaction.atomic():
        c = Competition.objects.create(centre=centre, name=name.strip(), level=level, year=year, entrants=entrants)
        _log(actor, "vocational_competition_add", c, centre, {
            "name": c.name, "voc_level": f"voc_{level}", "year": str(year), "voc_entrants": entrants})
    return c


def add_result(actor: User | None, competition: Competition, *, person: str, kind: str,
               prize: str) -> CompetitionResult:
    with transaction.atomic():
        r = CompetitionResult.objects.create(competition=competition, person=person.strip(), kind=kind,
                                             prize=prize.strip())
        _log(actor, "vocational_result_add", r, competition.centre, {
            "name": competition.name, "voc_person": r.person, "kind": kind, "voc_prize": r.prize})
    return r


def add_training(actor: User | None, centre: Centre, *, programme: str, year: int, trainees: int,
                 hours: Decimal | float | int) -> Training:
    _year(year, "vocational.training.year")
    with transaction.atomic():
        t = Training.objects.create(centre=centre, programme=programme.strip(), year=year, trainees=trainees,
                                    hours=Decimal(str(hours)))
        _log(actor, "vocational_training_add", t, centre, {
            "voc_programme": t.programme, "year": str(year), "voc_trainees": trainees, "hours": t.hours})
    return t


def record_destinations(actor: User | None, centre: Centre, *, year: int, further: int, employed: int,
                        matched: int, other: int) -> Destination:
    _year(year, "vocational.destinations.year")
    if matched > employed:
        raise refuse("E1306", value=matched, employed=employed, rule="vocational.destinations.matched")
    with transaction.atomic():
        old = Destination.objects.filter(centre=centre, year=year).first()
        before = _destination_state(old) if old else None
        row, _ = Destination.objects.update_or_create(centre=centre, year=year, defaults={
            "further": further, "employed": employed, "matched": matched, "other": other})
        _log(actor, "vocational_destinations", row, centre, {"year": str(year), **_destination_state(row)}, before)
    return row


def _major_state(m: Major) -> dict[str, Any]:
    return {"code": m.code, "name": m.name, "voc_started": str(m.started), "voc_stopped": str(m.stopped or ""),
            "voc_apprenticeship": m.apprenticeship_partner,
            "voc_apprenticeship_from": str(m.apprenticeship_from or "")}


def _destination_state(d: Destination) -> dict[str, Any]:
    return {"voc_further": d.further, "voc_employed": d.employed, "voc_matched": d.matched, "voc_other": d.other}
