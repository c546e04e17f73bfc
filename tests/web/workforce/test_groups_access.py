"""The permission matrix of the groups routes alone (the whole workforce matrix runs them too):
every groups route × role × target × GET/POST, out of reach 404, seen but not allowed 403."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.matrix_probe import fill, judge
from tests.web.workforce import test_access_matrix as m
from tests.web.workforce.matrix import ROLES, decide
from tests.web.workforce.wfworld import WFWorld

pytestmark = pytest.mark.django_db


def test_groups_permission_matrix(wfworld: WFWorld) -> None:
    objs = m.make_objects(wfworld)
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        c = Client()
        c.force_login(wfworld.user(role))
        clients[role] = c
    routes = {n: r for n, r in m.workforce_routes().items() if n.startswith("groups:")}
    assert set(routes) == {n for n in m.RULES if n.startswith("groups:")}
    problems = []
    for method in ("get", "post"):
        for name, route in sorted(routes.items()):
            rule = m.RULES[name]
            for t in m.targets(rule.targets, objs):
                url = fill(route, t.args)
                for role in ROLES:
                    r = clients[role].get(url) if method == "get" else clients[role].post(url, {})
                    wrong = judge(decide, role, method, getattr(rule, method), rule.get, t, r)
                    if wrong:
                        problems.append(f"{role:9} {method.upper():4} {url}: {wrong}")
    assert not problems, "\n".join(problems)
