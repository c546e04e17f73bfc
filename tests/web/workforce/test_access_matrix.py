"""The workforce and groups permission matrix: every route of workforce, its training, studios,
growth and appraisal parts, and groups × every role × objects in and out of reach × GET and
POST. Out of reach answers 404 (never 403); seen but not allowed answers 403; the secret
teacher's name only to those who manage their school and to the teacher."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from types import ModuleType

import pytest
from django.test import Client

from tests.web.matrix_probe import Secret, collect_targets, probe_all
from tests.web.test_permission_matrix import page_routes
from tests.web.workforce.matrix import (
    ROLES,
    Objects,
    Rule,
    Target,
    decide,
    district_target,
    school_target,
    teacher_target,
)
from tests.web.workforce.wfworld import SECRET_NAME, WFWorld

NAMESPACES = ("workforce", "workforce_training", "workforce_studios", "workforce_growth", "workforce_appraisal",
              "groups")
AREAS_BY_NAMESPACE = {"workforce": "career", "workforce_training": "training", "workforce_studios": "studios",
                      "workforce_growth": "growth", "workforce_appraisal": "appraisal", "groups": "groups"}


def _areas() -> list[ModuleType]:
    out = []
    for area in AREAS_BY_NAMESPACE.values():
        with contextlib.suppress(ModuleNotFoundError):
            out.append(importlib.import_module(f"tests.web.workforce.matrix_rules_{area}"))
    return out


AREAS = _areas()
RULES: dict[str, Rule] = {}
for _area in AREAS:
    RULES.update(_area.RULES)
SEES_NAME = {"officer", "bureau", "admin", "teacher"}


def workforce_routes() -> dict[str, str]:
    return {n: r for n, r in page_routes().items() if n.split(":")[0] in NAMESPACES}


def test_every_workforce_route_has_a_rule() -> None:
    routes = set(workforce_routes())
    assert routes - set(RULES) == set(), "workforce pages without a permission rule"
    assert set(RULES) - routes == set(), "rules of workforce pages that no longer exist"


def base_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    w: WFWorld = objs.ids["wfworld"]
    t = w.teachers
    if kind == "none":
        return iter([Target({})])
    if kind == "school":
        return iter([school_target({"code": w.a1.code}, "A0001"), school_target({"code": w.a2.code}, "A0002"),
                     school_target({"code": w.b1.code}, "B0001")])
    if kind == "district":
        return iter([district_target({"code": w.base.a.code}, "A"), district_target({"code": w.base.b.code}, "B")])
    if kind == "teacher":
        return iter([teacher_target({"pk": str(t["t1"].pk)}, "A0001", "teacher"),
                     teacher_target({"pk": str(t["t2"].pk)}, "A0001"),
                     teacher_target({"pk": str(t["ta2"].pk)}, "A0002", "teacher2"),
                     teacher_target({"pk": str(t["tb"].pk)}, "B0001")])
    return None


def targets(kind: str, objs: Objects) -> list[Target]:
    return collect_targets(base_targets(kind, objs), AREAS, kind, objs)


def make_objects(w: WFWorld) -> Objects:
    objs = Objects({"wfworld": w})
    for area in AREAS:
        maker = getattr(area, "make_objects", None)
        if maker is not None:
            objs.ids.update(maker(w))
    return objs


@pytest.mark.slow
def test_workforce_permission_matrix(wfworld: WFWorld) -> None:
    objs = make_objects(wfworld)
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        c = Client()
        c.force_login(wfworld.user(role))
        clients[role] = c
    probes, problems = probe_all(workforce_routes(), RULES, lambda kind: targets(kind, objs), clients, decide,
                                 [Secret(SECRET_NAME, frozenset(SEES_NAME), "t1's name")])
    assert not problems, f"{len(problems)} of {probes} probes answered wrongly:\n" + "\n".join(problems)
