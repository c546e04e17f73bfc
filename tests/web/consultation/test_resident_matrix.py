"""The permission matrix of the resident side's routes alone (the whole matrix is
test_access_matrix.py): every role × target × GET/POST, and the secret raiser's name and phone
shown to nobody who may not see them."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.consultation import matrix_rules_resident
from tests.web.consultation.cworld import CWorld
from tests.web.consultation.matrix import ROLES, decide
from tests.web.consultation.test_access_matrix import (
    SECRET_NAME,
    SECRET_PHONE,
    SEES_SECRET,
    consultation_routes,
    fill,
    judge,
    make_objects,
    targets,
)


@pytest.mark.slow
def test_resident_routes_answer_each_role_as_their_rules_say(cworld: CWorld) -> None:
    objs = make_objects(cworld)
    routes = consultation_routes()
    assert set(matrix_rules_resident.RULES) <= set(routes)
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        c = Client()
        c.force_login(cworld.users[role] if role in cworld.users else cworld.base.users[role])
        clients[role] = c
    problems: list[str] = []
    for method in ("get", "post"):
        for name, rule in sorted(matrix_rules_resident.RULES.items()):
            for t in targets(rule.targets, objs):
                url = fill(routes[name], t.args)
                for role in ROLES:
                    c = clients[role]
                    response = c.get(url) if method == "get" else c.post(url, {})
                    wrong = judge(decide, role, method, getattr(rule, method), rule.get, t, response)
                    if wrong:
                        problems.append(f"{role:11} {method.upper():4} {url}: {wrong}")
                    body = getattr(response, "content", b"") or b""
                    if role not in SEES_SECRET and (SECRET_NAME.encode() in body or SECRET_PHONE.encode() in body):
                        problems.append(f"{role:11} {method.upper():4} {url}: shows the raiser's name or phone")
    assert not problems, "\n".join(problems)
