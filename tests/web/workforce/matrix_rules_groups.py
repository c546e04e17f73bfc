"""Permission rules of the groups routes (see tests/web/workforce/matrix.py for audiences and targets).

Group pages are seen by the district's readers and by the officers of the group's schools now;
the group's sharing (courses, research) is recorded by the bureau and the lead school's officer.
An area is seen by the district's readers and the officers of its schools, who record sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from tests.web.workforce.matrix import BUREAU, DISTRICT_READERS, Objects, Rule, Target, district_target
from tests.web.workforce.wfworld import WFWorld

RULES: dict[str, Rule] = {
    "groups:district": Rule("district", get="see"),
    "groups:move": Rule("district", post="bureau"),
    "groups:create": Rule("district", post="bureau"),
    "groups:adopt": Rule("district", post="bureau"),
    "groups:quality": Rule("district", post="bureau"),
    "groups:compare": Rule("district", get="see"),
    "groups:areas": Rule("district", get="see", post="bureau"),
    "groups:withdraw": Rule("quality_mark", post="bureau"),
    "groups:group": Rule("edu_group", get="see"),
    "groups:course": Rule("edu_group", post="manage"),
    "groups:research": Rule("edu_group", post="manage"),
    "groups:area": Rule("research_area", get="see"),
    "groups:session": Rule("research_area", post="manage"),
}


def make_objects(w: WFWorld) -> dict[str, Any]:
    from youjun.web.apps.groups import services
    from youjun.web.apps.platform.models import EducationGroup, School

    a, b = w.base.a, w.base.b
    start = dt.date(2024, 9, 1)
    services.adopt_register(None, a, start)
    services.adopt_register(None, b, start)
    hongqi_a = EducationGroup.objects.get(district=a, name="红旗教育集团")
    hongqi_b = EducationGroup.objects.get(district=b, name="红旗教育集团")
    services.move_school(None, w.a1, hongqi_a, role="lead", start=dt.date(2025, 1, 1))
    other_a = services.create_group(None, a, name="凤凰湖教育集团")
    services.move_school(None, w.a2, other_a, role="member", start=dt.date(2025, 1, 1))
    mark_a = services.mark_quality(None, w.a1, basis="认定文件", marked_on=dt.date(2025, 1, 1))
    mark_b = services.mark_quality(None, w.b1, basis="认定文件", marked_on=dt.date(2025, 1, 1))
    area_a1 = services.create_area(None, a, name="一片区", schools=[w.a1, School.objects.get(code="5001180004")])
    area_a2 = services.create_area(None, a, name="二片区", schools=[w.a2])
    area_b = services.create_area(None, b, name="一片区", schools=[w.b1])
    return {"groups": {"hongqi_a": hongqi_a, "other_a": other_a, "hongqi_b": hongqi_b, "mark_a": mark_a,
                       "mark_b": mark_b, "area_a1": area_a1, "area_a2": area_a2, "area_b": area_b}}


def _target(pk: int, seen: set[str], writers: set[str], bureau: set[str]) -> Target:
    return Target({"pk": str(pk)}, frozenset(seen), {"manage": frozenset(writers), "bureau": frozenset(bureau),
                                                     "self": frozenset()})


def targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    g = objs.ids.get("groups")
    if g is None:
        return None
    ra, rb = DISTRICT_READERS["A"], DISTRICT_READERS["B"]
    ba, bb = BUREAU["A"], BUREAU["B"]
    if kind == "edu_group":
        return iter([_target(g["hongqi_a"].pk, ra | {"officer"}, ba | {"officer"}, ba),  # A0001 leads it
                     _target(g["other_a"].pk, ra | {"officer2"}, ba, ba),  # A0002 a member only
                     _target(g["hongqi_b"].pk, rb, bb, bb)])
    if kind == "quality_mark":
        return iter([_target(g["mark_a"].pk, ra, ba, ba), _target(g["mark_b"].pk, rb, bb, bb)])
    if kind == "research_area":
        return iter([_target(g["area_a1"].pk, ra | {"officer"}, ba | {"officer"}, ba),
                     _target(g["area_a2"].pk, ra | {"officer2"}, ba | {"officer2"}, ba),
                     _target(g["area_b"].pk, rb, bb, bb)])
    return None


TARGETS = (targets,)
_ = district_target  # the district routes use the base "district" targets
