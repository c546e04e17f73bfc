"""Data in: upload -> validation report page -> preview -> confirm -> stored atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.world import A, World, district_tables
from youjun.ingest.writers import write_tables
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.schools.models import Snapshot, Upload


def workbook(tmp_path: Path, tables, name: str = "district.xlsx") -> SimpleUploadedFile:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    write_tables(tables, path, "xlsx")
    return SimpleUploadedFile(name, path.read_bytes(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def broken_tables():  # type: ignore[no-untyped-def]
    t = district_tables(A)
    t["schools"].loc[0, "school_code"] = "500118001"  # nine digits
    t["facilities"].loc[1, "gym_area_m2"] = -5.0
    return t


@pytest.fixture
def bureau(world: World) -> Client:
    c = Client()
    c.force_login(world.users["bureau"])
    return c


def test_broken_workbook_shows_every_problem_with_its_location(bureau: Client, tmp_path: Path) -> None:
    r = bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, broken_tables(), "坏文件.xlsx")})
    assert r.status_code == 302
    page = bureau.get(r["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "未通过校验" in html and "错误：文件未保存" in html
    assert "E206" in html and "500118001" in html and "10位数字的学校标识码" in html
    assert "E204" in html and "校舍设施" in html and "室内体育馆面积" in html
    up = Upload.objects.get()
    assert up.status == "invalid" and up.snapshot is None
    rows = {(p["code"], p["location"]["sheet"], p["location"]["row"]) for p in up.report["problems"]}
    assert ("E206", "学校", 3) in rows
    assert all(p["location"]["file"] in ("", "坏文件.xlsx") for p in up.report["problems"])
    assert Snapshot.objects.filter(district__code=A).count() == 1  # nothing stored


def test_clean_workbook_preview_then_confirm(bureau: Client, tmp_path: Path, world: World) -> None:
    t = district_tables(A)
    t["schools"].loc[0, "school_name"] = "红旗小学新校区"
    t["facilities"].loc[0, "books"] = 12345
    r = bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, t)})
    detail = bureau.get(r["Location"])
    html = detail.content.decode()
    assert "校验通过，可以保存" in html and "与已保存学年数据相比的变化" in html
    assert "红旗小学新校区" in html and "图书册数" in html
    up = Upload.objects.get()
    assert up.preview["n_changed"] == 1 and not up.preview["added"] and not up.preview["removed"]
    assert "新增学校 (0)" in html and "减少学校 (0)" in html  # a count, even when it is nought
    old = world.snapshots[A]
    r = bureau.post(f"/d/{A}/uploads/{up.pk}/confirm/")
    assert r.status_code == 302 and r["Location"] == f"/d/{A}/"
    old.refresh_from_db()
    new = Snapshot.objects.get(district__code=A, current=True)
    assert not old.current and new.pk != old.pk and new.school_year == "2025-2026"
    assert new.rows["schools"] == 4 and new.tables.count() == 10
    up.refresh_from_db()
    assert up.status == "confirmed" and up.snapshot == new
    ev = AuditEvent.objects.filter(action="store_snapshot", object_id=str(new.pk)).get()
    assert ev.actor == world.users["bureau"] and ev.before["snapshot"] == old.pk
    assert ev.after["data_hash"] == new.data_hash
    assert world.school(world.a).name == "红旗小学新校区"
    # confirming twice is refused
    assert bureau.post(f"/d/{A}/uploads/{up.pk}/confirm/").status_code == 302
    assert Snapshot.objects.filter(district__code=A).count() == 2


def test_new_school_year_preview_says_everything_is_new(bureau: Client, tmp_path: Path) -> None:
    bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, district_tables(A, "2026-2027"))})
    up = Upload.objects.get()
    assert up.status == "valid" and up.preview["first"] and len(up.preview["added"]) == 4


def test_workbook_of_another_district_is_refused(bureau: Client, tmp_path: Path) -> None:
    from tests.web.world import B

    bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, district_tables(B))})
    up = Upload.objects.get()
    assert up.status == "invalid"
    assert [p["code"] for p in up.report["problems"] if p["severity"] == "error"] == ["E806"]


def test_store_is_all_or_nothing(bureau: Client, tmp_path: Path, world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from youjun.web.apps.platform import services as platform_services

    bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, district_tables(A))})
    up = Upload.objects.get()

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(platform_services, "sync_schools", boom)
    with pytest.raises(RuntimeError):
        bureau.post(f"/d/{A}/uploads/{up.pk}/confirm/")
    current = Snapshot.objects.get(district__code=A, current=True)
    assert current == world.snapshots[A]  # the old snapshot is still the current one
    assert Snapshot.objects.filter(district__code=A).count() == 1
    up.refresh_from_db()
    assert up.status == "valid"


def test_not_a_workbook(bureau: Client) -> None:
    r = bureau.post(f"/d/{A}/upload/", {"file": SimpleUploadedFile("x.txt", b"hello")})
    assert r.status_code == 422 and "E812" in r.content.decode()  # refused before it is read
    r = bureau.post(f"/d/{A}/upload/", {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    up = Upload.objects.get()
    assert up.status == "invalid" and up.report["problems"][0]["code"] == "E101"
