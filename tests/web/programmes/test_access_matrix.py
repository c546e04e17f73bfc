"""The permission matrix of issue 15's apps: every route of party, party_brands,
party_integrity, vocational, courses and overview × every role × objects in and out of reach ×
GET and POST. Out of reach answers 404 (never 403); seen but not allowed answers 403."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from types import ModuleType

import pytest
from django.test import Client

from tests.web.matrix_probe import Secret, collect_targets, probe_all
from tests.web.programmes.matrix import ROLES, Objects, Rule, Target, decide, district_target, school_target
from tests.web.programmes.pworld import PWorld
from tests.web.test_permission_matrix import page_routes

AREAS_BY_NAMESPACE = {"party": "party", "party_brands": "brands", "party_integrity": "integrity",
                      "vocational": "vocational", "courses": "courses", "overview": "overview"}


def _areas() -> list[ModuleType]:
    out = []
    for area in AREAS_BY_NAMESPACE.values():
        with contextlib.suppress(ModuleNotFoundError):
            out.append(importlib.import_module(f"tests.web.programmes.matrix_rules_{area}"))
    return out


AREAS = _areas()
RULES: dict[str, Rule] = {}
for _area in AREAS:
    RULES.update(_area.RULES)


def programme_routes() -> dict[str, str]:
    return {n: r for n, r in page_routes().items() if n.split(":")[0] in AREAS_BY_NAMESPACE}


def test_every_programme_route_has_a_rule() -> None:
    routes = set(programme_routes())
    assert routes - set(RULES) == set(), "pages without a permission rule"
    assert set(RULES) - routes == set(), "rules of pages that no longer exist"


def base_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    w: PWorld = objs.ids["pworld"]
    if kind == "none":
        return iter([Target({})])
    if kind == "school":
        return iter([school_target({"code": w.wf.a1.code}, "A0001"), school_target({"code": w.wf.a2.code}, "A0002"),
                     school_target({"code": w.wf.b1.code}, "B0001")])
    if kind == "district":
        return iter([district_target({"code": w.base.a.code}, "A"), district_target({"code": w.base.b.code}, "B")])
    return None


def targets(kind: str, objs: Objects) -> list[Target]:
    return collect_targets(base_targets(kind, objs), AREAS, kind, objs)


def make_objects(w: PWorld) -> Objects:
    objs = Objects({"pworld": w})
    for area in AREAS:
        maker = getattr(area, "make_objects", None)
        if maker is not None:
            objs.ids.update(maker(w))
    return objs


def secrets(objs: Objects) -> list[Secret]:
    """Each area's ``SECRETS(objs)``: text only some roles may be shown (an ethics case's words)."""
    out: list[Secret] = []
    for area in AREAS:
        maker = getattr(area, "SECRETS", None)
        if maker is not None:
            out.extend(maker(objs))
    return out


@pytest.mark.slow
def test_programmes_permission_matrix(pworld: PWorld) -> None:
    objs = make_objects(pworld)
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        c = Client()
        c.force_login(pworld.user(role))
        clients[role] = c
    probes, problems = probe_all(programme_routes(), RULES, lambda kind: targets(kind, objs), clients, decide,
                                 secrets(objs))
    assert not problems, f"{len(problems)} of {probes} probes answered wrongly:\n" + "\n".join(problems)
