"""Permission rules of the training routes (see tests/web/workforce/matrix.py for audiences and targets).

Its own target kinds: ``tcourse`` / ``tsession``: a course (session) of the district bureau (national
to area levels: seen by the district's readers, written by its bureau) or of a school's own
school-based training (seen by the school's staff, written by its managers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from tests.web.workforce.matrix import Objects, Rule, Target, district_target, school_target

RULES: dict[str, Rule] = {
    "workforce_training:district": Rule("district", get="see"),
    "workforce_training:district_export": Rule("district", get="see"),
    "workforce_training:courses": Rule("district", get="see", post="bureau"),
    "workforce_training:settings": Rule("district", get="see", post="bureau"),
    "workforce_training:school": Rule("school", get="see", post="manage"),
    "workforce_training:school_export": Rule("school", get="see"),
    "workforce_training:teacher": Rule("teacher", get="see"),
    "workforce_training:course": Rule("tcourse", get="see", post="write"),
    "workforce_training:session": Rule("tsession", get="see", post="write"),
    "workforce_training:session_attend": Rule("tsession", post="write"),
    "workforce_training:session_confirm": Rule("tsession", post="write"),
    "workforce_training:session_template": Rule("tsession", get="see"),
}


def make_objects(w: Any) -> dict[str, Any]:
    from youjun.web.apps.workforce.training import services

    day = dt.date(2026, 3, 2)
    out: dict[str, Any] = {}
    for key, district, school, level, hour_type in (
            ("a", w.base.a, None, "district", "onsite"), ("a1", w.base.a, w.a1, "school", "school_based"),
            ("b", w.base.b, None, "area", "onsite")):
        course = services.create_course(None, district, school=school, name=f"培训{key}", level=level,
                                        hour_type=hour_type, year=day.year)
        session = services.add_session(None, course, start=day, end=day, hours="4")
        out[f"t_course_{key}"], out[f"t_session_{key}"] = course.pk, session.pk
    return out


def _targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    if kind not in ("tcourse", "tsession"):
        return None
    prefix = "t_course_" if kind == "tcourse" else "t_session_"

    def as_writer(t: Target, audience: str) -> Target:
        return Target(t.args, t.seen, {"write": t.writers[audience]})

    return iter([as_writer(district_target({"pk": str(objs.ids[prefix + "a"])}, "A"), "bureau"),
                 as_writer(school_target({"pk": str(objs.ids[prefix + "a1"])}, "A0001"), "manage"),
                 as_writer(district_target({"pk": str(objs.ids[prefix + "b"])}, "B"), "bureau")])


TARGETS = (_targets,)
