"""What an upload may change: only its own district's data (issue 9, findings 2, 3, 11, 15b).

The content of a workbook must not do what a URL cannot: take over another district's school,
rename its district or move it to another province. Each probe is refused with a catalogued
problem naming both values, nothing is written, and the refusal is in the audit log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.test import Client

from tests.web.test_upload import workbook
from tests.web.world import A, B, World, district_tables
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import AuditEvent, District, School
from youjun.web.apps.schools import services as school_services
from youjun.web.apps.schools.models import Snapshot, Upload


def _recode(tables: dict[str, pd.DataFrame], old: str, new: str) -> dict[str, pd.DataFrame]:
    for frame in tables.values():
        for col in ("school_code", "central_school_code", "rotated_from_school_code"):
            if col in frame.columns:
                frame[col] = frame[col].replace(old, new)
    return tables


def foreign_school() -> dict[str, pd.DataFrame]:
    """A's file, with its first school carrying the code of a school registered in B."""
    return _recode(district_tables(A), A + "0001", B + "0001")


def other_province() -> dict[str, pd.DataFrame]:
    t = district_tables(A)
    t["districts"]["province_code"], t["districts"]["province_name"] = "510000", "四川省"
    return t


def renamed() -> dict[str, pd.DataFrame]:
    t = district_tables(A)
    t["districts"]["district_name"] = "大足区"
    return t


def state() -> dict[str, Any]:
    """Everything an upload could change in the register."""
    return {
        "schools": sorted(School.objects.values_list("code", "district__code", "name")),
        "districts": sorted(District.objects.values_list("code", "name", "province__code", "kind")),
        "snapshots": Snapshot.objects.count(),
    }


@pytest.fixture
def bureau(world: World) -> Client:
    c = Client()
    c.force_login(world.users["bureau"])
    return c


PROBES = {
    # probe -> (tables, code, words the message must contain)
    "school of another district": (foreign_school, "E815", (B + "0001", "涪陵区", B, "学校 第 3 行")),
    "another province": (other_province, "E817", ("510000", "四川省", "500000", "重庆市")),
    "renamed district": (renamed, "E816", ("大足区", "永川区")),
}


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_content_probe_is_refused_and_nothing_is_written(probe: str, bureau: Client, tmp_path: Path,
                                                         world: World) -> None:
    make, code, words = PROBES[probe]
    before = state()
    r = bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, make())})
    assert r.status_code == 302
    up = Upload.objects.get()
    assert up.status == "invalid", up.report["summary"]
    errors = [p for p in up.report["problems"] if p["severity"] == "error"]
    hit = [p for p in errors if p["code"] == code]
    assert hit, [p["code"] for p in errors]
    text = hit[0]["message"]["zh"] + hit[0]["hint"]["zh"]
    for w in words:
        assert w in text, (w, text)
    assert hit[0]["message"]["en"] and hit[0]["hint"]["en"]
    page = bureau.get(r["Location"]).content.decode()
    assert code in page and words[0] in page
    # confirming it anyway changes nothing
    bureau.post(f"/d/{A}/uploads/{up.pk}/confirm/")
    assert state() == before
    ev = AuditEvent.objects.get(action="upload", object_id=str(up.pk))
    assert ev.after["status"] == "invalid" and ev.after["errors"] >= 1
    assert bytes(Upload.objects.get().content) == b""  # a refused file keeps no copy of its cells


def test_the_api_gives_the_same_problem_as_the_page(bureau: Client, tmp_path: Path, world: World) -> None:
    _token, key = platform_services.create_token(world.users["bureau"], "t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, foreign_school())})
    page = Upload.objects.get()
    r = api.post(f"/api/districts/{A}/uploads", {"file": workbook(tmp_path, foreign_school())})
    assert r.status_code == 201
    body = r.json()
    assert body["status"] == "invalid"

    def e815(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [p for p in problems if p["code"] == "E815"]

    assert e815(body["report"]["problems"]) == e815(page.report["problems"])


def test_store_refuses_a_school_of_another_district(world: World) -> None:
    """Defence in depth: the store itself refuses, after upload-time checks were passed."""
    before = state()
    with pytest.raises(school_services.UploadContentError) as exc:
        school_services.store_snapshot(world.users["bureau"], world.a, foreign_school(), source="x.xlsx")
    assert exc.value.problems[0]["code"] == "E815"
    assert state() == before


def test_confirm_refuses_when_the_school_was_registered_elsewhere_meanwhile(bureau: Client, tmp_path: Path,
                                                                          world: World) -> None:
    t = district_tables(A, "2026-2027")
    t = _recode(t, A + "0004", A + "0099")
    bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, t)})
    up = Upload.objects.get()
    assert up.status == "valid"
    School.objects.create(code=A + "0099", district=world.b, name="后来登记的学校")  # meanwhile, elsewhere
    before = state()
    r = bureau.post(f"/d/{A}/uploads/{up.pk}/confirm/")
    assert r.status_code == 302
    assert state() == before
    up.refresh_from_db()
    assert up.status == "valid"


def test_district_identity_is_not_taken_from_the_store(world: World) -> None:
    """A store (CLI, submissions) no longer renames or re-provinces the district."""
    t = district_tables(A)
    t["districts"]["district_name"] = "大足区"
    school_services.store_snapshot(None, world.a, t, source="x")
    world.a.refresh_from_db()
    assert (world.a.name, world.a.province.code) == ("永川区", "500000")


def test_platform_admin_moves_a_school_with_its_own_audit(world: World) -> None:
    school = world.school(world.b)
    platform_services.move_school(world.users["admin"], school, world.a, reason="区划调整")
    school.refresh_from_db()
    assert school.district == world.a
    ev = AuditEvent.objects.get(action="move_school")
    assert ev.before["district"] == B and ev.after["district"] == A and ev.after["reason"] == "区划调整"
    with pytest.raises(PermissionError):
        platform_services.move_school(world.users["bureau"], school, world.b, reason="想要")
    school.refresh_from_db()
    assert school.district == world.a


def test_school_form_for_a_school_absent_from_the_year(world: World) -> None:
    """Finding 15b: the form of a school not in that year's data is a clear answer, not a 500."""
    t = district_tables(A, "2026-2027")
    keep = A + "0004"
    school_services.store_snapshot(None, world.a, t, source="x")
    # the officer's school (0001) is dropped from a later store of the year
    t2 = district_tables(A, "2026-2027")
    for key, frame in t2.items():
        if "school_code" in frame.columns and key != "teachers":
            t2[key] = frame[frame["school_code"] != A + "0001"].reset_index(drop=True)
    t2["schools"].loc[t2["schools"]["school_code"] == A + "0003", "central_school_code"] = keep
    t2["teachers"] = t2["teachers"][t2["teachers"]["school_code"] != A + "0001"].reset_index(drop=True)
    if "rotated_from_school_code" in t2["teachers"].columns:
        t2["teachers"]["rotated_from_school_code"] = None
    school_services.store_snapshot(None, world.a, t2, source="y")
    c = Client()
    c.force_login(world.users["officer"])
    url = f"/s/{A}0001/form/2026-2027/"
    for r in (c.get(url), c.post(url, {"facilities.books": "1"})):
        assert r.status_code == 404, r.status_code
        assert "E818" in r.content.decode()


def test_web_move_school_command(world: World) -> None:
    from youjun.cli.main import build_parser

    def run(*argv: str) -> int:
        args = build_parser().parse_args(["web-move-school", *argv])
        return int(args.func(args))

    code = B + "0002"
    assert run(code, "--to", A, "--reason", "区划调整", "--by", "bureau") == 3  # not a platform admin
    assert School.objects.get(code=code).district == world.b
    assert run(code, "--to", A, "--reason", "渝府〔2025〕1号 区划调整", "--by", "admin") == 0
    assert School.objects.get(code=code).district == world.a
    ev = AuditEvent.objects.get(action="move_school", object_repr__contains=code)
    assert ev.actor == world.users["admin"] and "渝府" in ev.after["reason"]
    assert AuditEvent.objects.filter(action="move_school_out", district=world.b).exists()
