"""The pages of running a body, and the refusals people meet on them, read clean in both
languages (tests/web/hygiene.py: no identifiers, no English on Chinese pages or Chinese on
English ones, no empty values) — including the catalogue's messages E930–E939."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from tests.web import hygiene
from tests.web.consultation.cworld import CWorld
from youjun.core.consultation import ROLES
from youjun.web.apps.consultation import roster_import, services
from youjun.web.apps.consultation.models import Body, Department, Participant, Studio
from youjun.web.apps.platform.models import District, User


def _names() -> set[str]:
    found: set[str] = {*roster_import.HEADERS, "委员名单.xlsx", "rc-x", "c_member", "nobody-here", "rc-wangjh",
                       "RC-WANGJH", "abc",
                       "王建华", "新工作室", "赵强", "钱多", "孙明",  # typed in the uploaded files: data
                       # the codes a workflow file is written in (states, roles): what the administrator
                       # typed, and what the catalogue's hint tells them to type
                       *ROLES, "raised", "mayor"}
    for model, fields in ((Body, ("name", "region")), (Department, ("name", "email")), (Studio, ("name", "theme")),
                          (User, ("username", "full_name")), (Participant, ("sector", "neighbourhood")),
                          (District, ("name",))):
        for field in fields:
            found.update(str(v) for v in model.objects.values_list(field, flat=True) if v)
    return found


def _yaml(data: object) -> SimpleUploadedFile:
    return SimpleUploadedFile("workflow.yaml", yaml.safe_dump(data, allow_unicode=True).encode())


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "委员名单"
    ws.append(list(roster_import.HEADERS))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("委员名单.xlsx", out.getvalue())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_and_refusals_read_clean(cworld: CWorld, lang: str) -> None:
    staff, admin = Client(), Client()
    staff.force_login(cworld.users["c_staff"])
    admin.force_login(cworld.base.users["admin"])
    for c in (staff, admin):
        c.cookies["youjun_language"] = lang
    cworld.concern()
    member = Participant.objects.get(user=cworld.users["c_member"])
    b = "/consult/b/rongchang/"
    flow = dict(services.body_settings(cworld.rc)["workflow"])
    shown: list[tuple[str, bytes]] = []
    for c, url in ((admin, "/consult/bodies/"), (staff, "/consult/bodies/"), (staff, b), (staff, b + "people/"),
                   (staff, f"{b}people/{member.pk}/"), (staff, b + "roster/"), (staff, b + "departments/"),
                   (staff, f"{b}departments/{cworld.edu.pk}/"), (staff, b + "studios/"),
                   (staff, f"{b}studios/{cworld.studio.pk}/"), (staff, b + "settings/"), (admin, b + "settings/")):
        r = c.get(url)
        assert r.status_code == 200, url
        shown.append((f"GET {url}", r.content))
    posts = [
        (admin, "/consult/bodies/", {"code": "X", "name": "", "number_prefix": "rc"}),
        (admin, "/consult/bodies/", {"code": "abc", "name": "某政协", "number_prefix": "RC"}),
        (staff, b + "people/", {}),
        (staff, b + "people/", {"kind": "staff", "username": "nobody-here"}),
        (staff, b + "people/", {"kind": "member", "new_username": "c_member", "full_name": "x"}),
        (staff, b + "people/", {"kind": "department", "username": "c_member"}),
        (staff, f"{b}people/{Participant.objects.get(user=cworld.users['c_staff']).pk}/", {"action": "remove"}),
        (staff, f"{b}people/{member.pk}/", {"action": "save", "phone": "abc"}),
        (staff, b + "roster/", {}),
        (staff, b + "roster/", {"file": _xlsx([["", "", "", "", "abc", "rc-wangjh"],
                                               ["赵强", "", "", "", "", "RC-WANGJH"],
                                               ["钱多", "", "", "", "", "c_member"], ["孙明", "", "", "", "", ""]])}),
        (staff, b + "roster/", {"file": _xlsx([["王建华", "", "新工作室", "", "", "rc-x"]])}),
        (staff, b + "roster/confirm/", {}),
        (staff, b + "departments/", {"name": cworld.edu.name}),
        (staff, f"{b}departments/{cworld.town.pk}/", {"action": "deactivate"}),
        (staff, b + "settings/", {"action": "save", "days__roads": "0", "due_soon_days": "abc"}),
        (staff, b + "settings/", {"action": ""}),
        (admin, b + "settings/", {"action": "workflow_check"}),
        (admin, b + "settings/", {"action": "workflow_check", "file": _yaml({"initial": "raised", "transitions": [],
                                                                             "states": {}})}),
        (admin, b + "settings/", {"action": "workflow_check", "file": _yaml({**flow, "transitions": [
            t for t in flow["transitions"] if t["to"] != "closed"]})}),
        (admin, b + "settings/", {"action": "workflow_check", "file": _yaml({**flow, "transitions": [
            *flow["transitions"], {"from": "raised", "to": "selected", "by": ["mayor"], "action": "x"}]})}),
    ]
    services.assign(cworld.users["c_staff"], cworld.concern(), cworld.town)  # an open item: no deactivating
    for c, url, data in posts:
        r = c.post(url, data, follow=True)
        assert r.status_code < 500, url
        if "html" in r.get("Content-Type", ""):
            shown.append((f"POST {url} {sorted(data)}", r.content))
    names = _names()
    found = []
    for where, content in shown:
        text = hygiene.shown_text(content.decode())
        found += [f"{where}: {p}" for p in hygiene.problems(text, lang, [n for n in names if n in text])]
    assert not found, "\n".join(found)
