"""One upload path with one set of limits for page and API (issue 9, findings 4, 7, 11).

A file's name and size are checked before it is read; the report stored and shown is bounded
(exact counts per code, the first N problems of each, the full list as a download); a refused
file keeps no copy of its cells and its report shows personal numbers masked.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.web.sample_runs import login
from tests.web.test_upload import workbook
from tests.web.world import A, World, district_tables
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.schools import diff
from youjun.web.apps.schools.models import Upload

ID_NUMBER = "11010119900307123X"  # an 18-digit resident ID (check digit X)


@pytest.fixture
def bureau(world: World) -> Client:
    return login(world)


@pytest.fixture
def api(world: World) -> Client:
    _token, key = platform_services.create_token(world.users["bureau"], "t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _file(name: str, size: int) -> io.BytesIO:
    f = io.BytesIO(b"PK" + b"\0" * (size - 2))
    f.name = name
    return f


def _problem(r, status: int, code: str) -> dict:
    assert r.status_code == status, (r.status_code, r.content[:300])
    body = r.json()
    assert body["ok"] is False and body["problems"][0]["code"] == code
    return body["problems"][0]  # type: ignore[no-any-return]


def test_api_refuses_an_oversized_file_before_reading_it(api: Client, settings) -> None:
    settings.YOUJUN_MAX_UPLOAD_MB = 1
    p = _problem(api.post(f"/api/districts/{A}/uploads", {"file": _file("big.xlsx", 1024 * 1024 + 10)}), 413, "E813")
    assert "1 MB" in p["message"]["zh"] and p["hint"]["zh"]
    assert not Upload.objects.exists()


def test_page_refuses_an_oversized_file_with_the_same_problem(bureau: Client, settings) -> None:
    settings.YOUJUN_MAX_UPLOAD_MB = 1
    r = bureau.post(f"/d/{A}/upload/", {"file": _file("big.xlsx", 1024 * 1024 + 10)})
    assert r.status_code == 413 and "E813" in r.content.decode()
    assert not Upload.objects.exists()
    assert "不超过 1 MB" in bureau.get(f"/d/{A}/upload/").content.decode()  # said before choosing a file


@pytest.mark.parametrize("name", ["district.xls", "district.csv", "district.xlsm", "district.xlsx.exe", "noext"])
def test_api_refuses_anything_but_xlsx_and_says_what_to_do(api: Client, bureau: Client, name: str) -> None:
    p = _problem(api.post(f"/api/districts/{A}/uploads", {"file": _file(name, 100)}), 422, "E812")
    assert ".xlsx" in p["hint"]["zh"] and "另存为" in p["hint"]["zh"]
    page = bureau.post(f"/d/{A}/upload/", {"file": _file(name, 100)})
    assert page.status_code == 422 and "E812" in page.content.decode()
    assert not Upload.objects.exists()


def _many_errors(n: int):
    """A's file whose classes sheet has ``n`` rows with a bad number, and one ID number."""
    import pandas as pd

    t = district_tables(A)
    row = t["classes"].iloc[[0]]
    bad = pd.concat([row] * n, ignore_index=True)
    bad["students"] = -1  # E204: out of range
    bad["class_name"] = [f"{ID_NUMBER}-{i}" if i == 0 else f"c{i}" for i in range(n)]
    t["classes"] = pd.concat([t["classes"], bad], ignore_index=True)
    t["schools"].loc[0, "school_code"] = ID_NUMBER  # E206 echoes the value
    return t


def test_stored_report_is_capped_and_the_full_list_is_a_download(bureau: Client, tmp_path: Path,
                                                                 settings) -> None:
    settings.YOUJUN_REPORT_PROBLEMS_PER_CODE = 20
    r = bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, _many_errors(300))})
    assert r.status_code == 302
    up = Upload.objects.get()
    report = up.report
    assert up.status == "invalid"
    total = report["summary"]["errors"] + report["summary"]["warnings"]
    assert report["summary"]["by_code"]["E204"] >= 300  # counts stay exact
    per_code: dict[str, int] = {}
    for p in report["problems"]:
        per_code[p["code"]] = per_code.get(p["code"], 0) + 1
    assert max(per_code.values()) <= 20 and report["truncated"] is True
    assert len(report["problems"]) < total
    page = bureau.get(r["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="bad-row"') <= len(report["problems"])
    assert "problems.csv" in html and "下载全部问题清单" in html and "本页只列出每种问题代码的前 20 条" in html
    full = bureau.get(f"/d/{A}/uploads/{up.pk}/problems.csv")
    assert full.status_code == 200 and full["Content-Type"].startswith("text/csv")
    body = b"".join(full.streaming_content) if full.streaming else full.content
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) - 1 == total  # every problem, one a row
    assert ID_NUMBER not in text  # masked in the download too
    # readers of another district do not get it
    assert Client().get(f"/d/{A}/uploads/{up.pk}/problems.csv").status_code in (302, 404)


def test_refused_upload_keeps_no_cells_and_no_raw_personal_numbers(bureau: Client, tmp_path: Path) -> None:
    bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, _many_errors(3))})
    up = Upload.objects.get()
    assert up.status == "invalid"
    assert bytes(up.content) == b""
    stored = json.dumps(up.report, ensure_ascii=False) + json.dumps(up.preview, ensure_ascii=False)
    assert ID_NUMBER not in stored and ID_NUMBER[:6] not in stored.replace(A, "")
    files = [p for p in Path(__import__("django.conf").conf.settings.DATA_DIR).rglob("*") if p.is_file()]
    for f in files:
        data = f.read_bytes()
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        assert ID_NUMBER.encode() not in data, f


def test_district_page_does_not_load_upload_reports(bureau: Client, tmp_path: Path) -> None:
    bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, _many_errors(3))})
    with CaptureQueriesContext(connection) as ctx:
        assert bureau.get(f"/d/{A}/").status_code == 200
    upload_sql = [q["sql"] for q in ctx.captured_queries if "schools_upload" in q["sql"]]
    assert upload_sql
    for sql in upload_sql:
        assert '"report"' not in sql and '"preview"' not in sql and '"content"' not in sql, sql


def test_preview_lists_are_capped_with_exact_counts(monkeypatch) -> None:
    monkeypatch.setattr(diff, "MAX_LISTED", 2)
    out = diff.compare(None, district_tables(A))
    assert out["n_added"] == 4 and len(out["added"]) == 2


@pytest.mark.slow
def test_twenty_thousand_errors_give_a_bounded_report_and_page(bureau: Client, tmp_path: Path) -> None:
    """Measured: 20,000 errors were 10.6 MB of report JSON before the cap, 26 KB after."""
    r = bureau.post(f"/d/{A}/upload/", {"file": workbook(tmp_path, _many_errors(20_000))})
    up = Upload.objects.get()
    size = len(json.dumps(up.report, ensure_ascii=False).encode())
    assert up.report["summary"]["by_code"]["E204"] == 20_000
    assert size < 100_000, size
    page = bureau.get(r["Location"])
    assert len(page.content) < 300_000, len(page.content)
    print(f"report JSON {size} bytes, page {len(page.content)} bytes")


def test_a_file_past_the_limit_is_not_kept_on_disk(settings) -> None:  # type: ignore[no-untyped-def]
    """Django's handlers write a large part to a temporary file whatever its size; the bounded
    handler runs first and passes nothing past the limit on, so at most the limit reaches disk."""
    from django.test import RequestFactory

    from youjun.web.apps.schools.upload_handler import BoundedUploadHandler, OversizedUpload

    settings.YOUJUN_MAX_UPLOAD_MB = 1
    handler = BoundedUploadHandler(RequestFactory().post("/"))
    handler.new_file("file", "big.xlsx", "application/octet-stream", None)
    chunk = b"x" * 65536
    passed = [handler.receive_data_chunk(chunk, i * len(chunk)) for i in range(40)]  # 2.5 MB
    kept = sum(len(c) for c in passed if c is not None)
    assert kept <= 1024 * 1024
    done = handler.file_complete(kept)
    assert isinstance(done, OversizedUpload) and done.size == 40 * len(chunk) and done.read() == b""
