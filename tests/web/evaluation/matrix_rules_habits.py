"""Permission rules of the habits app's routes (see matrix.py for the audiences).

- a school's habits, trends and definitions: its staff read; its managers define (403 for
  analysts and inspectors);
- a pupil's day: whoever sees the pupil reads; the pupil, their guardians, their teachers and the
  school's managers tick (the habit's own checkers are then checked by the service, E1113);
- a pupil's term summary: read as the pupil; the comment is the teachers' and managers';
- a class's grid and review: whoever sees the class reads; its teachers and the managers write.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.matrix import Objects, Rule, Target, school_target

RULES: dict[str, Rule] = {
    "habits:school": Rule("school", get="see"),
    "habits:new": Rule("school", get="manage", post="manage"),
    "habits:examples": Rule("school", post="manage"),
    "habits:school_trend": Rule("school", get="see"),
    "habits:habit": Rule("habit", get="see", post="manage"),
    "habits:pupil": Rule("pupil", get="see", post="family"),
    "habits:summary": Rule("pupil", get="see", post="teach"),
    "habits:class": Rule("class", get="see", post="teach"),
    "habits:review": Rule("class", get="see", post="teach"),
    "habits:trend": Rule("class", get="see"),
}


def make_objects(ew: EWorld) -> dict[str, int]:
    from youjun.web.apps.habits import services

    def habit(school: object, name: str) -> int:
        return services.define_habit(school, {  # type: ignore[arg-type]
            "name": name, "target": "", "dimension": "study", "slot": "evening", "grades": [3, 5],
            "frequency": "daily", "weekdays": [], "checkers": ["pupil", "parent", "teacher"],
            "starts_on": date(2025, 9, 1), "ends_on": date(2026, 7, 31), "active": True}, None).pk

    return {"habit_a1": habit(ew.a1, "课外阅读"), "habit_b1": habit(ew.b1, "课外阅读")}


def habit_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    if kind != "habit":
        return None
    return iter([school_target({"pk": str(objs.ids["habit_a1"])}, "A0001"),
                 school_target({"pk": str(objs.ids["habit_b1"])}, "B0001")])


TARGETS = (habit_targets,)
