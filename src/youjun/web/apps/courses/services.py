"""Writes of school-based courses; every one audited, each in one transaction. Anything refused
writes nothing. The rules (themes, tags, limits, templates) are ``rules/courses/*.yaml``, read by
``youjun.core.courses``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from youjun.core import courses as rules
from youjun.web.apps.courses.models import Course, CourseFile, CourseGroup, CourseTag
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused, refuse
from youjun.web.evidence_files import clean_evidence, megabytes

__all__ = ["CourseData", "Refused", "adopt_template", "create_group", "save_course", "store_file", "update_group"]

FILE_CODES = {"type": "E1329", "size": "E1330", "unreadable": "E1331"}


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def _text(value: str, field_words: tuple[str, str], limit: int, *, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if (required and not value) or len(value) > limit:
        raise refuse("E1320", value=value[:40], rule="courses.text", field=field_words[0], field_en=field_words[1],
                     limit=limit)
    return value


# --- course groups -----------------------------------------------------------------------------

def _room_for_groups(school: School, adding: int) -> None:
    lim = int(rules.limits(timezone.localdate())["course_groups_per_school"])
    have = CourseGroup.objects.filter(school=school).count()
    if have + adding > lim:
        raise refuse("E1332", value=str(have), rule="courses.groups", limit=lim, what="本校课程群",
                     what_en="The school's list of course groups")


def create_group(actor: User | None, school: School, *, name: str, aim: str = "") -> CourseGroup:
    name = _text(name, ("课程群名称", "course group name"), 40)
    aim = _text(aim, ("目标", "aim"), 200, required=False)
    with transaction.atomic():
        School.objects.select_for_update(of=("self",)).filter(pk=school.pk).first()
        if CourseGroup.objects.filter(school=school, name=name).exists():
            raise refuse("E1321", value=name, rule="courses.group")
        _room_for_groups(school, 1)
        order = (CourseGroup.objects.filter(school=school).aggregate(m=Max("order"))["m"] or 0) + 1
        group = CourseGroup.objects.create(school=school, name=name, aim=aim, order=order, created_by=_actor(actor))
        audit.record(actor, "courses_group_create", group, school=school, after={"name": name, "aim": aim})
    return group


def update_group(actor: User | None, group: CourseGroup, *, name: str, aim: str) -> CourseGroup:
    name = _text(name, ("课程群名称", "course group name"), 40)
    aim = _text(aim, ("目标", "aim"), 200, required=False)
    with transaction.atomic():
        locked = CourseGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)
        if CourseGroup.objects.filter(school_id=locked.school_id, name=name).exclude(pk=locked.pk).exists():
            raise refuse("E1321", value=name, rule="courses.group")
        before = {"name": locked.name, "aim": locked.aim}
        locked.name, locked.aim = name, aim
        locked.save(update_fields=["name", "aim"])
        audit.record(actor, "courses_group_update", locked, school=locked.school, before=before,
                     after={"name": name, "aim": aim})
    return locked


def adopt_template(actor: User | None, school: School, key: str) -> list[CourseGroup]:
    """Create the template's course groups the school does not have yet (by name); refused when
    the template is unknown or every one of its groups exists already."""
    today = timezone.localdate()
    tpl = rules.template(key, today)
    if tpl is None:
        raise refuse("E1333", value=str(key)[:40], rule="courses.template")
    with transaction.atomic():
        School.objects.select_for_update(of=("self",)).filter(pk=school.pk).first()
        have = set(CourseGroup.objects.filter(school=school).values_list("name", flat=True))
        new = [g for g in tpl["groups"] if g["name"] not in have]
        if not new:
            raise refuse("E1333", value=str(tpl["zh"]), rule="courses.template")
        _room_for_groups(school, len(new))
        order = CourseGroup.objects.filter(school=school).aggregate(m=Max("order"))["m"] or 0
        made = CourseGroup.objects.bulk_create([
            CourseGroup(school=school, name=g["name"], aim=g["aim_zh"], template=key, order=order + i,
                        created_by=_actor(actor)) for i, g in enumerate(new, start=1)])
        audit.record(actor, "courses_group_adopt", school, school=school,
                     after={"course_groups": [g["name"] for g in new]})
    return made


# --- courses -----------------------------------------------------------------------------------

@dataclass
class CourseData:
    """What a course form gives; ``services.save_course`` checks all of it."""

    title: str
    theme: str
    grade_from: int
    grade_to: int
    hours: Any
    hours_per: str = "term"
    kind: str = "elective"
    terms: str = "both"
    active_from: str = ""
    active_to: str = ""
    group: CourseGroup | None = None
    fixed_tags: Sequence[str] = ()
    free_tags: Sequence[str] = ()
    teachers: Sequence[Teacher] = ()
    venue: str = ""
    materials: str = ""
    partners: str = ""


def _hours(value: Any, lim: dict[str, Any]) -> Decimal:
    low, high = Decimal(str(lim["hours_min"])), Decimal(str(lim["hours_max"]))
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise refuse("E1323", value=str(value)[:20], rule="courses.hours", low=low, high=high) from None
    if not low <= hours <= high:
        raise refuse("E1323", value=str(value)[:20], rule="courses.hours", low=low, high=high)
    return hours


def _checked(school: School, d: CourseData) -> tuple[list[str], dict[str, Any]]:
    today = timezone.localdate()
    lim = rules.limits(today)
    title = _text(d.title, ("课程名称", "course title"), 60)
    if d.theme not in {t.key for t in rules.themes(today)}:
        raise refuse("E1325", value=str(d.theme)[:24], rule="courses.theme")
    low, high = rules.school_grades(school.school_type, lim)
    if not low <= int(d.grade_from) <= int(d.grade_to) <= high:
        raise refuse("E1322", value=f"{d.grade_from}–{d.grade_to}", rule="courses.grades", low=low, high=high,
                     school=school.name, school_type=rules.school_type_words(school.school_type, "zh"),
                     school_type_en=rules.school_type_words(school.school_type, "en"))
    hours = _hours(d.hours, lim)
    per = d.hours_per if d.hours_per in rules.HOURS_PER else "term"
    kind = d.kind if d.kind in rules.KINDS else "elective"
    terms = d.terms if d.terms in rules.TERMS else "both"
    first = rules.parse_school_year(d.active_from)
    if first is None:
        raise refuse("E1324", value=str(d.active_from)[:20], rule="courses.years")
    last = ""
    if (d.active_to or "").strip():
        parsed = rules.parse_school_year(d.active_to)
        if parsed is None or parsed < first:
            raise refuse("E1324", value=str(d.active_to)[:20], rule="courses.years")
        last = parsed
    tag_rule = rules.rules("tags", today)
    tags = rules.clean_tags(d.fixed_tags, d.free_tags, today)
    if tags.unknown or tags.too_many or tags.too_long:
        bad = tags.unknown or tags.too_long or [t for t in tags.tags if not rules.is_fixed(t)]
        detail = ("不是固定标签", "not a fixed tag") if tags.unknown else (
            ("自定义标签过长", "a free tag is too long") if tags.too_long else ("自定义标签过多", "too many free tags"))
        raise refuse("E1326", value="、".join(bad)[:60], rule="courses.tags", detail=detail,
                     most=tag_rule["free_tags_max"], chars=tag_rule["free_tag_max_chars"])
    if d.group is not None and d.group.school_id != school.pk:
        raise refuse("E1328", value=d.group.name, rule="courses.group", school=school.name)
    for t in d.teachers:
        if t.school_id != school.pk:
            raise refuse("E1327", value=t.staff_id, rule="courses.teacher", school=school.name)
    return tags.tags, {
        "title": title, "theme": d.theme, "grade_from": int(d.grade_from),
        "grade_to": int(d.grade_to), "hours": hours, "hours_per": per,
        "hours_year": rules.hours_per_year(hours, per, terms), "kind": kind, "terms": terms,
        "active_from": first, "active_to": last, "group": d.group,
        "venue": _text(d.venue, ("场地", "venue"), 80, required=False),
        "materials": _text(d.materials, ("教材与器材", "materials"), 200, required=False),
        "partners": _text(d.partners, ("校外合作单位", "external partners"), 200, required=False),
    }


def _audited(course: Course, teachers: Sequence[Teacher], tags: Sequence[str]) -> dict[str, Any]:
    """What the audit keeps of a course: its words as the school's catalogue shows them in
    Chinese (the theme, kind and fixed tags are recorded in words, not as rule keys)."""
    today = timezone.localdate()
    theme = next((t.zh for t in rules.themes(today) if t.key == course.theme), course.theme)
    a, b = course.grade_from, course.grade_to
    grades = str(a) if a == b else f"{a}–{b}"
    return {"name": course.title, "course_group": course.group.name if course.group else "",
            "course_theme": theme, "course_tags": [rules.tag_words(t, today, "zh") for t in tags],
            "course_grades": grades, "hours": course.hours, "course_kind": rules.KINDS[course.kind][0],
            "course_years": course.active_from, "course_until": course.active_to,
            "staff_id": sorted(t.staff_id for t in teachers)}


def save_course(actor: User | None, school: School, data: CourseData, *, course: Course | None = None) -> Course:
    """Create a course of ``school`` (``course`` None) or change ``course``; refused (E1320–E1328)
    before anything is written."""
    if course is not None and course.school_id != school.pk:
        raise refuse("E1328", value=course.title, rule="courses.course", school=school.name)
    tags, values = _checked(school, data)
    teachers = list(data.teachers)
    with transaction.atomic():
        if course is None:
            course = Course.objects.create(school=school, created_by=_actor(actor), **values)
            before = None
            action = "courses_course_create"
        else:
            course = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)
            before = _audited(course, list(course.teachers.all()),
                              list(course.tag_rows.values_list("tag", flat=True)))
            for k, v in values.items():
                setattr(course, k, v)
            course.save()
            action = "courses_course_update"
        course.teachers.set(teachers)
        CourseTag.objects.filter(course=course).delete()
        CourseTag.objects.bulk_create([CourseTag(course=course, tag=t, position=i) for i, t in enumerate(tags)])
        audit.record(actor, action, course, school=school, before=before, after=_audited(course, teachers, tags))
    return course


# --- resource files ----------------------------------------------------------------------------

def store_file(actor: User | None, course: Course, upload: Any) -> CourseFile:
    """Store ``upload`` as a resource file of ``course``: refused over the size limit before it is
    read, typed by its content, images re-encoded without metadata (E1329–E1331, E1332)."""
    lim = rules.limits(timezone.localdate())
    name = str(getattr(upload, "name", "") or "file")[:120]
    biggest = max(int(lim["image_max_bytes"]), int(lim["pdf_max_bytes"]))
    size = int(getattr(upload, "size", 0) or 0)
    if size > biggest:
        raise refuse("E1330", value=name, rule="courses.file", size=megabytes(size), limit=megabytes(biggest))
    have = CourseFile.objects.filter(course=course).count()
    if have >= int(lim["files_per_course"]):
        raise refuse("E1332", value=str(have), rule="courses.file", limit=lim["files_per_course"],
                     what="本课程的资源文件", what_en="The course's list of files")
    data = upload.read(biggest + 1)
    if len(data) > biggest:
        raise refuse("E1330", value=name, rule="courses.file", size="> " + megabytes(biggest),
                     limit=megabytes(biggest))
    clean = clean_evidence(data, name, lim, codes=FILE_CODES, rule="courses.file")
    with transaction.atomic():
        row = CourseFile.objects.create(course=course, name=clean.name, content=clean.content,
                                        content_type=clean.content_type, size=clean.size, sha256=clean.sha256,
                                        uploaded_by=_actor(actor))
        audit.record(actor, "courses_file_add", row, school=course.school, object_repr=f"{course.title} {clean.name}",
                     after={"name": course.title, "file": clean.name, "size": clean.size, "sha256": clean.sha256})
    return row
