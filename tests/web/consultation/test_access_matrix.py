"""The consultation permission matrix: every /consult/ route × every role × objects in and out
of reach × GET and POST. Out of reach answers 404 (never 403: no probing); seen but not
allowed answers 403; a raiser's name and phone appear only to those who may see them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from tests.web.consultation import (
    matrix_rules_bodies,
    matrix_rules_handling,
    matrix_rules_meetings,
    matrix_rules_publishing,
    matrix_rules_resident,
    matrix_rules_survey,
)
from tests.web.consultation.cworld import CWorld
from tests.web.consultation.matrix import ROLES, Objects, Rule, Target, decide
from tests.web.matrix_probe import collect_targets, fill, judge
from tests.web.test_permission_matrix import page_routes
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Meeting

AREAS = (matrix_rules_resident, matrix_rules_handling, matrix_rules_meetings, matrix_rules_publishing,
         matrix_rules_survey, matrix_rules_bodies)
RULES: dict[str, Rule] = {}
for _area in AREAS:
    RULES.update(_area.RULES)
SECRET_NAME, SECRET_PHONE = "张秘密", "13800009999"
SEES_SECRET = {"res_a", "c_staff", "admin"}


def consultation_routes() -> dict[str, str]:
    return {n: r for n, r in page_routes().items() if n.startswith("consultation:")}


def test_every_consultation_route_has_a_rule() -> None:
    routes = set(consultation_routes())
    assert routes - set(RULES) == set(), "consultation pages without a permission rule"
    assert set(RULES) - routes == set(), "rules of consultation pages that no longer exist"


def make_objects(cw: CWorld) -> Objects:
    u = cw.users
    rc_item = cw.concern(raiser_name=SECRET_NAME, raiser_phone=SECRET_PHONE)
    services.assign(u["c_staff"], rc_item, cw.town)
    joint = cw.concern("res_b", title="跨界灌溉渠", category="water")
    joint.joint_bodies.add(cw.nj)
    nj_item = services.raise_concern(u["c_member_nj"], cw.nj, title="内江的路", text="路面破损", category="roads",
                                     on_behalf=True, consent_noted=True, raiser_name="李四", channel="visit")
    day = rc_item.created_at.date()
    rc_meeting = Meeting.objects.create(body=cw.rc, venue="courtyard", title="路灯协商", held_on=day,
                                        place="昌元街道某小区")
    nj_meeting = Meeting.objects.create(body=cw.nj, venue="cross_border", title="灌溉协商",
                                        held_on=rc_item.created_at.date(), place="内江")
    return Objects({"rc_item": rc_item, "joint": joint, "nj_item": nj_item, "rc_meeting": rc_meeting,
                    "nj_meeting": nj_meeting, "cworld": cw})


def base_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    o = objs.ids
    if kind == "none":
        return iter([Target({})])
    if kind in ("item", "public_item"):
        def item(c, seen: set[str], staff: set[str], workers: set[str]) -> Target:  # type: ignore[no-untyped-def]
            return Target({"pk": str(c.pk), "number": c.number}, c.body.code, frozenset(seen | {"admin"}),
                          frozenset(staff | {"admin"}), frozenset(workers | {"admin"}))
        return iter([
            item(o["rc_item"], {"res_a", "c_staff", "c_member", "c_town"}, {"c_staff"},
                 {"c_staff", "c_member", "c_town"}),
            item(o["joint"], {"res_b", "c_staff", "c_member", "c_staff_nj", "c_member_nj"}, {"c_staff", "c_staff_nj"},
                 {"c_staff", "c_member", "c_staff_nj", "c_member_nj"}),
            item(o["nj_item"], {"c_staff_nj", "c_member_nj"}, {"c_staff_nj"}, {"c_staff_nj", "c_member_nj"}),
        ])
    if kind == "body":
        return iter([Target({"code": "rongchang"}, "rongchang"), Target({"code": "neijiang"}, "neijiang")])
    if kind == "meeting":
        return iter([Target({"pk": str(o["rc_meeting"].pk)}, "rongchang",
                            frozenset({"c_staff", "c_member", "admin"}), frozenset({"c_staff", "admin"}),
                            frozenset({"c_staff", "c_member", "admin"})),
                     Target({"pk": str(o["nj_meeting"].pk)}, "neijiang",
                            frozenset({"c_staff_nj", "c_member_nj", "admin"}), frozenset({"c_staff_nj", "admin"}),
                            frozenset({"c_staff_nj", "c_member_nj", "admin"}))])
    return None


def targets(kind: str, objs: Objects) -> list[Target]:
    return collect_targets(base_targets(kind, objs), AREAS, kind, objs)




@pytest.mark.slow
def test_consultation_permission_matrix(cworld: CWorld) -> None:
    objs = make_objects(cworld)
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        c = Client()
        c.force_login(cworld.users[role] if role in cworld.users else cworld.base.users[role])
        clients[role] = c
    problems: list[str] = []
    probes = 0
    for method in ("get", "post"):
        for name, route in sorted(consultation_routes().items()):
            rule = RULES[name]
            for t in targets(rule.targets, objs):
                url = fill(route, t.args)
                for role in ROLES:
                    c = clients[role]
                    response = c.get(url) if method == "get" else c.post(url, {})
                    probes += 1
                    wrong = judge(decide, role, method, getattr(rule, method), rule.get, t, response)
                    if wrong:
                        problems.append(f"{role:11} {method.upper():4} {url}: {wrong}")
                    body = getattr(response, "content", b"") or b""
                    if role not in SEES_SECRET and (SECRET_NAME.encode() in body or SECRET_PHONE.encode() in body):
                        problems.append(f"{role:11} {method.upper():4} {url}: shows the raiser's name or phone")
    assert not problems, f"{len(problems)} of {probes} probes answered wrongly:\n" + "\n".join(problems)
