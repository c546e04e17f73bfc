"""Every page is scoped: out of scope is 404 (never 403, never data); read-only is 403."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.world import A, B, C, World


def client_for(world: World, name: str) -> Client:
    c = Client()
    c.force_login(world.users[name])
    return c


NAMES = {A: "永川区", B: "涪陵区", C: "锦江区"}
PAGES = ["/d/{d}/", "/d/{d}/submissions/", "/s/{d}0001/", "/s/{d}0004/"]


@pytest.mark.parametrize(("user", "visible", "hidden"), [
    ("admin", [A, B, C], []),
    ("bureau", [A], [B, C]),
    ("analyst", [A], [B, C]),
    ("inspector", [A, B], [C]),
])
def test_district_pages_are_scoped(world: World, user: str, visible: list[str], hidden: list[str]) -> None:
    c = client_for(world, user)
    for code in visible:
        for page in PAGES:
            assert c.get(page.format(d=code)).status_code == 200, (user, page, code)
    for code in hidden:
        for page in PAGES:
            r = c.get(page.format(d=code))
            assert r.status_code == 404, (user, page, code)
            assert NAMES[code].encode() not in r.content  # no data of the hidden district


def test_school_officer_sees_only_their_school(world: World) -> None:
    c = client_for(world, "officer")
    assert c.get(f"/s/{A}0001/").status_code == 200
    for page in (f"/s/{A}0002/", f"/s/{B}0001/", f"/d/{A}/", f"/d/{A}/submissions/", f"/d/{B}/", "/p/500000/"):
        assert c.get(page).status_code == 404, page
    assert c.get(f"/s/{A}0001/form/2025-2026/").status_code == 200
    assert c.get(f"/s/{A}0002/form/2025-2026/").status_code == 404
    assert c.post(f"/s/{A}0002/form/2025-2026/", {}).status_code == 404


def test_home_sends_each_role_to_its_place(world: World) -> None:
    assert client_for(world, "bureau").get("/")["Location"] == f"/d/{A}/"
    assert client_for(world, "inspector").get("/")["Location"] == "/p/500000/"
    assert client_for(world, "officer").get("/")["Location"] == f"/s/{A}0001/"
    r = client_for(world, "admin").get("/")
    assert r.status_code == 200 and "永川区".encode() in r.content and "锦江区".encode() in r.content


def test_read_only_roles_cannot_write(world: World) -> None:
    for user in ("analyst", "inspector"):
        c = client_for(world, user)
        assert c.get(f"/d/{A}/upload/").status_code == 403
        assert c.post(f"/d/{A}/runs/", {"year": "2025-2026"}).status_code == 403
        assert c.post(f"/d/{A}/submissions/", {"year": "2025-2026"}).status_code == 403
    # a bureau admin of district B may not write in A either: A is out of its scope -> 404
    c = client_for(world, "bureau_b")
    assert c.get(f"/d/{A}/upload/").status_code == 404
    assert c.post(f"/d/{A}/runs/", {"year": "2025-2026"}).status_code == 404


def test_anonymous_is_sent_to_log_in(world: World) -> None:
    r = Client().get(f"/d/{A}/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_user_without_role_sees_nothing(world: World) -> None:
    c = client_for(world, "nobody")
    assert c.get(f"/d/{A}/").status_code == 404
    assert "永川区".encode() not in c.get("/").content


def test_education_groups_are_listed_on_the_district_page(world: World) -> None:
    html = client_for(world, "analyst").get(f"/d/{A}/").content.decode()
    assert "教育集团" in html and "红旗教育集团" in html and "石笋山教学点" in html
