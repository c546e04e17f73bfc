"""The JSON API: token authentication, the same scoping, the one error shape, Chinese kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from tests.web.world import A, B, C, World, district_tables
from youjun.web.apps.platform import services as platform_services


def api(world: World, name: str) -> Client:
    _token, key = platform_services.create_token(world.users[name], "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def assert_problem(response, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()
    assert body["ok"] is False
    p = body["problems"][0]
    assert p["code"] == code
    assert set(p) == {"code", "severity", "location", "value", "rule", "message", "hint"}
    assert set(p["message"]) == {"zh", "en"} and set(p["hint"]) == {"zh", "en"}


def test_no_token_no_data(world: World) -> None:
    assert_problem(Client().get("/api/districts"), 401, "E801")
    assert_problem(Client(HTTP_AUTHORIZATION="Bearer yj_wrong").get("/api/districts"), 401, "E801")


def test_revoked_token_stops_working(world: World) -> None:
    token, key = platform_services.create_token(world.users["bureau"], "t")
    c = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert c.get("/api/districts").status_code == 200
    platform_services.revoke_token(world.users["bureau"], token)
    assert_problem(c.get("/api/districts"), 401, "E801")


def test_districts_are_scoped_and_chinese_is_kept(world: World) -> None:
    r = api(world, "bureau").get("/api/districts")
    assert r.status_code == 200
    assert "永川区".encode() in r.content  # ensure_ascii=False: no \\u escapes
    assert [d["code"] for d in r.json()] == [A]
    assert [d["code"] for d in api(world, "inspector").get("/api/districts").json()] == [B, A] or \
        sorted(d["code"] for d in api(world, "inspector").get("/api/districts").json()) == [B, A]
    assert sorted(d["code"] for d in api(world, "admin").get("/api/districts").json()) == sorted([A, B, C])
    assert api(world, "officer").get("/api/districts").json() == []


def test_out_of_scope_is_404_in_the_one_shape(world: World) -> None:
    c = api(world, "bureau")
    assert_problem(c.get(f"/api/districts/{B}"), 404, "E803")
    assert_problem(c.get(f"/api/districts/{B}/schools"), 404, "E803")
    assert_problem(c.get(f"/api/schools/{B}0001"), 404, "E803")
    assert_problem(c.get(f"/api/snapshots/{world.snapshots[B].pk}"), 404, "E803")
    assert_problem(c.get("/api/districts/999999"), 404, "E803")  # same answer as for B


def test_school_officer_api(world: World) -> None:
    c = api(world, "officer")
    assert c.get(f"/api/schools/{A}0001").json()["name"] == "红旗小学"
    assert_problem(c.get(f"/api/schools/{A}0002"), 404, "E803")
    assert_problem(c.get(f"/api/districts/{A}/schools"), 404, "E803")
    assert_problem(c.get(f"/api/snapshots/{world.snapshots[A].pk}"), 404, "E803")


def test_snapshots_and_schools(world: World) -> None:
    c = api(world, "analyst")
    snaps = c.get(f"/api/districts/{A}/snapshots").json()
    assert snaps[0]["school_year"] == "2025-2026" and snaps[0]["rows"]["schools"] == 4 and snaps[0]["current"]
    assert c.get(f"/api/snapshots/{snaps[0]['id']}").json()["data_hash"] == world.snapshots[A].data_hash
    schools = c.get(f"/api/districts/{A}/schools").json()
    assert {s["code"] for s in schools} == {A + "0001", A + "0002", A + "0003", A + "0004"}


def test_runs_and_results(world: World) -> None:
    c = api(world, "bureau")
    r = c.post(f"/api/districts/{A}/runs", data={"school_year": "2025-2026"}, content_type="application/json")
    assert r.status_code == 202, r.content
    run = r.json()
    assert run["status"] == "done"  # eager in tests; a real server answers "queued"
    assert c.get(f"/api/runs/{run['id']}").json()["passes"] in (True, False, None)
    result = c.get(f"/api/runs/{run['id']}/result").json()
    assert result["district"]["code"] == A and "verdict" in result
    school = c.get(f"/api/runs/{run['id']}/schools/{A}0001").json()
    assert school["sections"][0]["code"] == A + "0001"
    assert [x["id"] for x in c.get(f"/api/runs?district={A}").json()] == [run["id"]]
    # others
    assert_problem(api(world, "bureau_b").get(f"/api/runs/{run['id']}"), 404, "E803")
    assert_problem(api(world, "bureau_b").get(f"/api/runs/{run['id']}/result"), 404, "E803")
    off = api(world, "officer")
    assert off.get(f"/api/runs/{run['id']}/schools/{A}0001").status_code == 200
    assert_problem(off.get(f"/api/runs/{run['id']}/schools/{A}0002"), 404, "E803")
    assert_problem(off.get(f"/api/runs/{run['id']}/result"), 404, "E803")
    assert_problem(api(world, "analyst").post(f"/api/districts/{A}/runs", data={"school_year": "2025-2026"},
                                              content_type="application/json"), 403, "E802")
    assert_problem(c.post(f"/api/districts/{A}/runs", data={"school_year": "1999-2000"},
                          content_type="application/json"), 409, "E807")
    assert_problem(c.post(f"/api/districts/{A}/runs", data={"year": 1}, content_type="application/json"),
                   422, "E804")


def test_upload_and_confirm_through_the_api(world: World, tmp_path: Path) -> None:
    from youjun.ingest.writers import write_tables

    t = district_tables(A, "2026-2027")
    write_tables(t, tmp_path / "d.xlsx", "xlsx")
    c = api(world, "bureau")
    with open(tmp_path / "d.xlsx", "rb") as f:
        r = c.post(f"/api/districts/{A}/uploads", {"file": f})
    assert r.status_code == 201, r.content
    up = r.json()
    assert up["status"] == "valid" and up["report"]["ok"] and up["preview"]["first"]
    r = c.post(f"/api/uploads/{up['id']}/confirm")
    assert r.status_code == 201 and r.json()["school_year"] == "2026-2027"
    assert_problem(c.post(f"/api/uploads/{up['id']}/confirm"), 409, "E804")


def test_session_writes_need_csrf(world: World) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.users["bureau"])
    assert c.get("/api/districts").status_code == 200
    r = c.post(f"/api/districts/{A}/runs", data={"school_year": "2025-2026"}, content_type="application/json")
    assert r.status_code in (401, 403)


def test_openapi_description(world: World) -> None:
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200
    spec = json.loads(r.content)
    paths = set(spec["paths"])
    for p in ("/api/districts", "/api/districts/{code}/schools", "/api/districts/{code}/snapshots",
              "/api/runs", "/api/runs/{run_id}/result"):
        assert p in paths
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    import re

    assert not re.search(r'(src|href)="(https?:)?//', docs.content.decode())  # Swagger UI from local files


@pytest.mark.parametrize("path", ["/api/districts", f"/api/districts/{A}"])
def test_inspector_reads(world: World, path: str) -> None:
    assert api(world, "inspector").get(path).status_code == 200
