"""The evaluation apps' permission matrix: every route of pupils, fitness, quality and habits ×
every role × objects in and out of reach × GET and POST. Out of reach answers 404 (never 403);
seen but not allowed answers 403; a pupil's name only to those who may see the pupil and the
full 学籍号 only to those who manage the school."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from types import ModuleType

import pytest
from django.test import Client

from tests.web.evaluation import matrix_rules_pupils
from tests.web.evaluation.eworld import SECRET_ID, SECRET_NAME, EWorld
from tests.web.evaluation.matrix import (
    ROLES,
    Objects,
    Rule,
    Target,
    class_target,
    decide,
    district_target,
    pupil_target,
    school_target,
)
from tests.web.matrix_probe import Secret, collect_targets, probe_all
from tests.web.test_permission_matrix import page_routes

NAMESPACES = ("pupils", "fitness", "quality", "habits")


def _areas() -> list[ModuleType]:
    import importlib

    out = [matrix_rules_pupils]
    for ns in NAMESPACES[1:]:
        with contextlib.suppress(ModuleNotFoundError):
            out.append(importlib.import_module(f"tests.web.evaluation.matrix_rules_{ns}"))
    return out


AREAS = _areas()
RULES: dict[str, Rule] = {}
for _area in AREAS:
    RULES.update(_area.RULES)
SEES_NAME = {"officer", "bureau", "analyst", "inspector", "admin", "teacher", "parent", "pupil"}
SEES_ID = {"officer", "bureau", "admin"}


def evaluation_routes() -> dict[str, str]:
    return {n: r for n, r in page_routes().items() if n.split(":")[0] in NAMESPACES}


def test_every_evaluation_route_has_a_rule() -> None:
    routes = set(evaluation_routes())
    assert routes - set(RULES) == set(), "evaluation pages without a permission rule"
    assert set(RULES) - routes == set(), "rules of evaluation pages that no longer exist"


def base_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    ew: EWorld = objs.ids["eworld"]
    c, p = ew.classes, ew.pupils
    if kind == "none":
        return iter([Target({})])
    if kind == "school":
        return iter([school_target({"code": ew.a1.code}, "A0001"), school_target({"code": ew.a2.code}, "A0002"),
                     school_target({"code": ew.b1.code}, "B0001")])
    if kind == "school_year":
        return iter([school_target({"code": ew.a1.code, "year": "2025-2026"}, "A0001"),
                     school_target({"code": ew.b1.code, "year": "2025-2026"}, "B0001")])
    if kind == "district":
        return iter([district_target({"code": ew.base.a.code}, "A"), district_target({"code": ew.base.b.code}, "B")])
    if kind == "class":
        return iter([class_target({"pk": str(c["c1"].pk)}, "A0001", {"teacher"}),
                     class_target({"pk": str(c["c2"].pk)}, "A0001", {"teacher2"}),
                     class_target({"pk": str(c["cb"].pk)}, "B0001", set())])
    if kind == "pupil":
        return iter([pupil_target({"pk": str(p["p1"].pk)}, "A0001", {"teacher"}, {"parent", "pupil"}),
                     pupil_target({"pk": str(p["p3"].pk)}, "A0001", {"teacher2"}, set()),
                     pupil_target({"pk": str(p["pb"].pk)}, "B0001", set(), set())])
    return None


def targets(kind: str, objs: Objects) -> list[Target]:
    return collect_targets(base_targets(kind, objs), AREAS, kind, objs)




def make_objects(ew: EWorld) -> Objects:
    objs = Objects({"eworld": ew})
    for area in AREAS:
        maker = getattr(area, "make_objects", None)
        if maker is not None:
            objs.ids.update(maker(ew))
    return objs


@pytest.mark.slow
def test_evaluation_permission_matrix(eworld: EWorld) -> None:
    objs = make_objects(eworld)
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        c = Client()
        c.force_login(eworld.user(role))
        clients[role] = c
    secrets = (Secret(SECRET_NAME, frozenset(SEES_NAME), "p1's name"),
               Secret(SECRET_ID, frozenset(SEES_ID), "p1's full 学籍号"))
    probes, problems = probe_all(evaluation_routes(), RULES, lambda kind: targets(kind, objs), clients, decide,
                                 secrets)
    assert not problems, f"{len(problems)} of {probes} probes answered wrongly:\n" + "\n".join(problems)
