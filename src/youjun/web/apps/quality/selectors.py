"""Reads of the comprehensive quality evaluation (scope is checked by the caller through
``pupils.access``): a pupil's term, a class's review, the publication's anonymous rows, the
safeguards' flags and the graduates' grades for export."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings as django_settings

from youjun.core import quality as rules
from youjun.web.apps.platform.models import School
from youjun.web.apps.pupils.models import ClassGroup, Enrolment, Pupil
from youjun.web.apps.quality import services
from youjun.web.apps.quality.models import Evidence, Grade, Objection, Publication, Record, TermRecord


def default_term(school_year: str, day: dt.date | None = None) -> int:
    """The term a page opens on: the current one in the current year, the second of a past year."""
    year, term = rules.school_year_and_term(day or services.today())
    if school_year == year:
        return term
    return 2 if school_year < year else 1


def term_arg(value: Any, school_year: str) -> int:
    return int(value) if str(value) in ("1", "2") else default_term(school_year)


@dataclass
class DimensionRows:
    code: str
    label: str
    records: list[Record] = field(default_factory=list)
    grade: str = ""


def pupil_term(pupil: Pupil, school_year: str, term: int, lang: str) -> dict[str, Any]:
    r = services.rules_for(pupil.school.district)
    rows = {d.code: DimensionRows(d.code, d.label(lang)) for d in r.dimensions}
    records = (Record.objects.filter(pupil=pupil, school_year=school_year, term=term)
               .select_related("entered_by", "selected_by").prefetch_related("evidence"))
    for rec in records:
        if rec.dimension in rows:
            rows[rec.dimension].records.append(rec)
    for g in Grade.objects.filter(pupil=pupil, school_year=school_year, term=term):
        if g.dimension in rows:
            rows[g.dimension].grade = g.grade
    tr = TermRecord.objects.filter(pupil=pupil, school_year=school_year, term=term).select_related(
        "confirmed_by", "signed_by", "comment_by").prefetch_related("addenda__added_by").first()
    return {"dimensions": list(rows.values()), "term_record": tr, "rules": r,
            "kinds": {k.code: k.label(lang) for k in r.kinds}}


def publication_of(class_group: ClassGroup, term: int) -> Publication | None:
    return Publication.objects.filter(class_group=class_group, school_year=class_group.school_year, term=term).first()


@dataclass
class PublicRow:
    """One pupil on the publication page: an index number only, never a name or 学籍号."""
    index: int
    pupil_id: int
    mine: bool
    items: list[tuple[str, list[Record]]]
    grades: list[tuple[str, str]]


def public_numbers(pub: Publication) -> dict[int, int]:
    """Pupil id -> their number on this publication: 1… in an order keyed by the publication and a
    server secret, so stable for the publication but unrelated to the class list (第 1 号 is not
    the first name alphabetically) and different on the class's next publication."""
    key = django_settings.SECRET_KEY.encode()

    def draw(pupil_id: int) -> str:
        return hmac.new(key, f"quality-publication:{pub.pk}:{pupil_id}".encode(), hashlib.sha256).hexdigest()
    pupils = sorted((p.pk for p in services.class_pupils(pub.class_group)), key=draw)
    return {pk: i for i, pk in enumerate(pupils, start=1)}


def publication_rows(pub: Publication, viewer: Any, lang: str) -> list[PublicRow]:
    """The pupils with representative records or grades, by their number (``public_numbers``);
    each lists only the dimensions that have something."""
    r = services.rules_for(pub.class_group.school.district)
    pupils = services.class_pupils(pub.class_group)
    numbers = public_numbers(pub)
    records = Record.objects.filter(pupil__in=pupils, school_year=pub.school_year, term=pub.term, selected=True,
                                    withdrawn=False)
    by_pupil: dict[int, list[Record]] = {}
    for rec in records:
        by_pupil.setdefault(rec.pupil_id, []).append(rec)
    grades: dict[int, dict[str, str]] = {}
    for g in Grade.objects.filter(pupil__in=pupils, school_year=pub.school_year, term=pub.term):
        grades.setdefault(g.pupil_id, {})[g.dimension] = g.grade
    mine = {p.pk for p in pupils if services.family_role(viewer, p)}
    out = []
    for p in pupils:
        recs = by_pupil.get(p.pk, [])
        items = [(d.label(lang), [x for x in recs if x.dimension == d.code]) for d in r.dimensions]
        gr = [(d.label(lang), grades.get(p.pk, {}).get(d.code, "")) for d in r.dimensions] if p.pk in grades else []
        if recs or gr:
            out.append(PublicRow(numbers[p.pk], p.pk, p.pk in mine, [(label, x) for label, x in items if x], gr))
    return sorted(out, key=lambda row: row.index)


@dataclass
class ClassPupil:
    pupil: Pupil
    records: int
    selected: int
    state: str
    grades: dict[str, str]
    comment: str
    reused: int


def class_review(class_group: ClassGroup, term: int) -> list[ClassPupil]:
    year = class_group.school_year
    pupils = services.class_pupils(class_group)
    recs = Record.objects.filter(pupil__in=pupils, school_year=year, term=term, withdrawn=False)
    counts: dict[int, list[int]] = {}
    for rec in recs:
        c = counts.setdefault(rec.pupil_id, [0, 0])
        c[0] += 1
        c[1] += int(rec.selected)
    states = {t.pupil_id: t for t in TermRecord.objects.filter(pupil__in=pupils, school_year=year, term=term)}
    grades: dict[int, dict[str, str]] = {}
    for g in Grade.objects.filter(pupil__in=pupils, school_year=year, term=term):
        grades.setdefault(g.pupil_id, {})[g.dimension] = g.grade
    reused = flagged_pupils(class_group.school, year, term)
    return [ClassPupil(p, counts.get(p.pk, [0, 0])[0], counts.get(p.pk, [0, 0])[1],
                       states[p.pk].state if p.pk in states else "open", grades.get(p.pk, {}),
                       states[p.pk].comment if p.pk in states else "", reused.get(p.pk, 0)) for p in pupils]


def open_objections(pub: Publication) -> list[Objection]:
    return list(pub.objections.select_related("record", "raised_by", "answered_by", "pupil"))


# --- safeguards -------------------------------------------------------------------------------

@dataclass
class ReuseFlag:
    sha256: str
    records: list[Record]
    pupils: int


@dataclass
class BulkFlag:
    user: str
    pupils: int
    records: int
    first: dt.datetime
    last: dt.datetime


def reuse_flags(school: School, school_year: str, term: int | None = None) -> list[ReuseFlag]:
    """The same file on records of different pupils of the year (or of one term of it)."""
    rows = Evidence.objects.filter(record__pupil__school=school, record__school_year=school_year)
    if term is not None:
        rows = rows.filter(record__term=term)
    rows = rows.values_list("sha256", "record__pupil_id", "record_id")
    found = rules.reused_evidence(rows)
    if not found:
        return []
    ids = {r for v in found.values() for r in v["records"]}
    recs = {r.pk: r for r in Record.objects.filter(pk__in=ids).select_related("pupil", "entered_by")}
    return [ReuseFlag(sha, [recs[i] for i in v["records"]], len(v["pupils"])) for sha, v in found.items()]


def bulk_flags(school: School, school_year: str) -> list[BulkFlag]:
    s = services.rules_for(school.district).settings["bulk_flag"]
    rows = Record.objects.filter(pupil__school=school, school_year=school_year, entered_by__isnull=False).values_list(
        "entered_by_id", "pupil_id", "id", "entered_at")
    runs = rules.bulk_entries(rows, int(s["pupils"]), int(s["minutes"]))
    from youjun.web.apps.platform.models import User

    names = {u.pk: str(u) for u in User.objects.filter(pk__in=[r.entered_by for r in runs])}
    return [BulkFlag(names.get(r.entered_by, ""), r.pupils, len(r.records), r.first, r.last) for r in runs]


def flagged_pupils(school: School, school_year: str, term: int | None = None) -> dict[int, int]:
    """Pupil id -> number of their records (of the term) whose evidence is also another pupil's."""
    out: dict[int, int] = {}
    for flag in reuse_flags(school, school_year, term):
        for rec in flag.records:
            out[rec.pupil_id] = out.get(rec.pupil_id, 0) + 1
    return out


# --- export for senior-high admission --------------------------------------------------------

@dataclass(frozen=True)
class GraduateLevel:
    grade: int
    label: str  # "小学毕业" / "初中毕业（供高中招生使用）", from rules/quality/settings.yaml
    file_label: str


def graduate_levels(school: School, school_year: str, lang: str) -> list[GraduateLevel]:
    """The graduating grades (rules: ``graduation_grades``) this school has classes of that year,
    each named by its level (``graduation_levels``): grade 6 is not for senior-high admission."""
    r = services.rules_for(school.district)
    names = {int(k): v for k, v in (r.settings.get("graduation_levels") or {}).items()}
    have = set(ClassGroup.objects.filter(school=school, school_year=school_year).values_list("grade", flat=True))
    out = []
    for g in r.settings["graduation_grades"]:
        if int(g) in have:
            words = names.get(int(g), {})
            out.append(GraduateLevel(int(g), str(words.get(lang, words.get("zh", g))), str(words.get("file", g))))
    return out


def graduates_grades(school: School, school_year: str, lang: str,
                     grade: int | None = None) -> tuple[list[str], list[list[str]]]:
    """A school's graduates of ``school_year`` (of one graduating grade, or all) with their grades
    (the latest graded term), as text."""
    r = services.rules_for(school.district)
    grades_of = [g for g in r.settings["graduation_grades"] if grade is None or int(g) == grade]
    enrol = (Enrolment.objects.filter(school_year=school_year, class_group__school=school,
                                      class_group__grade__in=grades_of)
             .select_related("pupil", "class_group").order_by("class_group__grade", "class_group__number",
                                                              "pupil__student_id"))
    pupils = [e.pupil for e in enrol]
    latest: dict[int, int] = {}
    grades: dict[tuple[int, int], dict[str, str]] = {}
    for g in Grade.objects.filter(pupil__in=pupils, school_year=school_year):
        latest[g.pupil_id] = max(latest.get(g.pupil_id, 0), g.term)
        grades.setdefault((g.pupil_id, g.term), {})[g.dimension] = g.grade
    terms = {(t.pupil_id, t.term): t for t in TermRecord.objects.filter(pupil__in=pupils, school_year=school_year)}
    en = lang == "en"
    head = ["Pupil record number", "Name", "Class"] if en else ["学籍号", "姓名", "班级"]
    head += [d.label(lang) for d in r.dimensions]
    head += ["Comment", "Archived"] if en else ["评语", "归档状态"]
    rows = []
    for e in enrol:
        p = e.pupil
        t = latest.get(p.pk)
        g = grades.get((p.pk, t), {}) if t else {}
        tr = terms.get((p.pk, t)) if t else None
        state = rules.TERM_STATES[tr.state if tr else "open"][1 if en else 0]
        rows.append([p.student_id, p.name, str(e.class_group)] + [g.get(d.code, "") for d in r.dimensions]
                    + [tr.comment if tr else "", state])
    return head, rows


# --- the district's panel ---------------------------------------------------------------------

@dataclass(frozen=True)
class SchoolProgress:
    school: School
    classes: int
    published: int  # classes whose publication of the current term opened
    confirmed: int  # pupils whose term record is confirmed or signed
    locked: int  # of them, signed and archived


def district_progress(district: Any) -> tuple[str, list[SchoolProgress]]:
    """Each school's progress of the current term: classes, classes published, pupils confirmed
    and archived (schools with classes that year only)."""
    from django.db.models import Count

    year, term = rules.school_year_and_term(services.today())
    classes = dict(ClassGroup.objects.filter(school__district=district, school_year=year).values_list("school")
                   .annotate(n=Count("pk")).values_list("school", "n"))
    published = dict(Publication.objects.filter(class_group__school__district=district, school_year=year, term=term,
                                                opens_on__lte=services.today()).values_list("class_group__school")
                     .annotate(n=Count("pk")).values_list("class_group__school", "n"))
    states: dict[tuple[int, str], int] = {}
    for school_id, state, n in (TermRecord.objects.filter(pupil__school__district=district, school_year=year,
                                                          term=term).exclude(state="open")
                                .values_list("pupil__school", "state").annotate(n=Count("pk"))):
        states[(school_id, state)] = n
    rows = [SchoolProgress(s, classes[s.pk], published.get(s.pk, 0),
                           states.get((s.pk, "confirmed"), 0) + states.get((s.pk, "locked"), 0),
                           states.get((s.pk, "locked"), 0))
            for s in School.objects.filter(pk__in=classes).order_by("code")]
    return f"{year}", rows
