"""Permission rules of the courses routes (see tests/web/programmes/matrix.py for audiences).

A school's catalogue, its course groups, courses and files are seen by the school's staff (its
officer, the district's readers) and written by its managers (its officer, the bureau, admin).
The district catalogue is seen by the district's readers and every data officer of its schools
(read-only), and so are the courses and course groups it lists (not the files, not the school's
own pages). A teacher's full name on a course is shown only to those who manage the school."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.web.matrix_probe import Secret
from tests.web.programmes.matrix import (
    DISTRICT_AND_OFFICERS,
    Objects,
    Rule,
    Target,
    district_officers_target,
    school_target,
)
from tests.web.programmes.pworld import PWorld
from tests.web.workforce.wfworld import SECRET_NAME

RULES: dict[str, Rule] = {
    "courses:index": Rule("none", get="auth"),
    "courses:district": Rule("courses_district", get="see"),
    "courses:district_export": Rule("courses_district", get="see"),
    "courses:school": Rule("school", get="see"),
    "courses:group_create": Rule("school", post="manage"),
    "courses:adopt": Rule("school", post="manage"),
    "courses:course_create": Rule("school", get="manage", post="manage"),
    "courses:group": Rule("course_group", get="see", post="manage"),
    "courses:course": Rule("course", get="see"),
    "courses:course_edit": Rule("course", get="manage", post="manage"),
    "courses:file_add": Rule("course", post="manage"),
    "courses:file": Rule("course_file", get="see"),
}

SCHOOLS = {"A0001": "a1", "A0002": "a2", "B0001": "b1"}


def make_objects(w: PWorld) -> dict[str, Any]:
    import io

    from django.utils import timezone
    from PIL import Image

    from youjun.core import courses as rules
    from youjun.web.apps.courses import services

    out: dict[str, Any] = {}
    for key, attr in SCHOOLS.items():
        school = getattr(w.wf, attr)
        group = services.create_group(None, school, name=f"星雅课程群{key}")
        teachers = [w.wf.teachers["t1"]] if key == "A0001" else []
        low, high = rules.school_grades(school.school_type, rules.limits(timezone.localdate()))
        course = services.save_course(None, school, services.CourseData(
            title=f"西兰卡普{key}", theme="ethnic", grade_from=low, grade_to=high, hours=16, active_from="2024-2025",
            group=group, fixed_tags=["civics114:identity"], teachers=teachers))
        img = io.BytesIO()
        Image.new("RGB", (8, 8)).save(img, format="PNG")
        img.seek(0)
        img.name = "x.png"
        f = services.store_file(None, course, img)
        out[key] = {"group": group, "course": course, "file": f}
    return {"courses": out}


def _t(pk: int, school: str, *, catalogue: bool = False) -> Target:
    """A school's object; ``catalogue``: also read (only) by whoever opens the district's
    catalogue it is listed in (the data officers of the district's other schools)."""
    base = school_target({}, school)
    seen = base.seen | DISTRICT_AND_OFFICERS[school[0]] if catalogue else base.seen
    return Target({"pk": str(pk)}, frozenset(seen), base.writers)


def targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    c = objs.ids.get("courses")
    if c is None:
        return None
    w: PWorld = objs.ids["pworld"]
    if kind == "courses_district":
        return iter([district_officers_target({"code": w.base.a.code}, "A"),
                     district_officers_target({"code": w.base.b.code}, "B")])
    if kind == "course_group":
        return iter([_t(c[s]["group"].pk, s, catalogue=True) for s in SCHOOLS])
    if kind == "course":
        return iter([_t(c[s]["course"].pk, s, catalogue=True) for s in SCHOOLS])
    if kind == "course_file":
        return iter([_t(c[s]["file"].pk, s) for s in SCHOOLS])
    return None


TARGETS = (targets,)


def SECRETS(objs: Objects) -> list[Secret]:
    # the full name of a teacher of A0001: its managers only (ethics and teacher never reach these pages)
    return [Secret(SECRET_NAME, frozenset({"officer", "bureau", "admin", "ethics", "teacher"}),
                   "a course teacher's full name")]
