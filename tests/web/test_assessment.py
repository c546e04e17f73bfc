"""Assessment in the browser: a background run, the dashboard, a school page, downloads,
the trend across years and the province view."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.web.world import A, B, World, district_tables
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.schools import services as school_services


def login(world: World, name: str) -> Client:
    c = Client()
    c.force_login(world.users[name])
    return c


@pytest.fixture
def run(world: World) -> AssessmentRun:
    r = login(world, "bureau").post(f"/d/{A}/runs/", {"year": "2025-2026"})
    assert r.status_code == 302
    run = AssessmentRun.objects.get()
    assert r["Location"] == f"/runs/{run.pk}/"
    return run


def test_run_finishes_and_the_dashboard_shows_verdict_cvs_grid_items(world: World, run: AssessmentRun) -> None:
    assert run.status == "done", run.error
    assert run.progress == 100 and run.result["district"]["code"] == A
    status = login(world, "analyst").get(f"/runs/{run.pk}/status.json").json()
    assert status["status"] == "done" and status["progress"] == 100
    html = login(world, "analyst").get(f"/runs/{run.pk}/").content.decode()
    assert 'data-testid="verdict"' in html
    assert "校际差异系数与限值" in html and 'data-chart="cv"' in html
    assert 'id="cv-primary"' in html and 'id="grid-primary"' in html
    assert "红旗小学" in html and f"/runs/{run.pk}/s/{A}0001/" in html
    assert 'data-testid="items-G"' in html and 'data-testid="items-Q"' in html
    assert "vendor/echarts/echarts.min.js" in html


def test_school_page_shows_values_thresholds_gaps(world: World, run: AssessmentRun) -> None:
    school = next(s for s in run.result["schools"] if s["code"] == A + "0001")
    html = login(world, "bureau").get(f"/runs/{run.pk}/s/{A}0001/").content.decode()
    assert school["name"] in html and 'data-chart="ratio"' in html
    for key in school["values"]:
        assert key.split("_")[0].upper() in html
    if school["gaps"]:
        assert f'data-testid="gaps-{school["level"]}"' in html


def test_officer_sees_own_school_result_only(world: World, run: AssessmentRun) -> None:
    c = login(world, "officer")
    assert c.get(f"/runs/{run.pk}/s/{A}0001/").status_code == 200
    assert c.get(f"/runs/{run.pk}/s/{A}0002/").status_code == 404
    assert c.get(f"/runs/{run.pk}/").status_code == 404  # the district dashboard is not theirs
    assert c.get(f"/runs/{run.pk}/download/json/").status_code == 404
    assert login(world, "bureau_b").get(f"/runs/{run.pk}/").status_code == 404


def test_downloads(world: World, run: AssessmentRun) -> None:
    c = login(world, "bureau")
    r = c.get(f"/runs/{run.pk}/download/json/")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
    assert json.loads(r.content)["district"]["code"] == A
    assert "attachment" in r["Content-Disposition"]
    r = c.get(f"/runs/{run.pk}/download/xlsx/?lang=en")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    r = c.get(f"/runs/{run.pk}/download/html/")
    assert r.status_code == 200 and "永川区".encode() in r.content
    # the report's own script (opening a folded group a link points to) is allowed by its hash, no
    # other inline script; served alone it names no file beside it (the web serves none)
    import base64
    import hashlib
    import re

    scripts = re.findall(rb"<script>(.*?)</script>", r.content, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0]).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}';" in r["Content-Security-Policy"]
    assert b"rectification.html" not in r.content and b"report.xlsx" not in r.content
    assert c.get(f"/runs/{run.pk}/download/exe/").status_code == 404


@pytest.mark.slow
def test_pdf_download(world: World, run: AssessmentRun) -> None:
    r = login(world, "bureau").get(f"/runs/{run.pk}/download/pdf/")
    assert r.status_code == 200 and r.content[:5] == b"%PDF-"


def test_trend_has_a_gap_for_a_missing_year(world: World, run: AssessmentRun) -> None:
    school_services.store_snapshot(None, world.a, district_tables(A, "2023-2024"), source="old.xlsx")
    login(world, "bureau").post(f"/d/{A}/runs/", {"year": "2023-2024"})
    html = login(world, "bureau").get(f"/runs/{run.pk}/").content.decode()
    years = json.loads(html.split('id="trend-years" type="application/json">')[1].split("</script>")[0])
    assert years == ["2023-2024", "2024-2025", "2025-2026"]
    data = json.loads(html.split('id="trend-primary" type="application/json">')[1].split("</script>")[0])
    first = data["series"][0]["data"]
    assert first[0] is not None and first[1] is None and first[2] is not None


def test_province_view_compares_its_districts(world: World, run: AssessmentRun) -> None:
    login(world, "admin").post(f"/d/{B}/runs/", {"year": "2025-2026"})
    html = login(world, "inspector").get("/p/500000/").content.decode()
    assert "永川区" in html and "涪陵区" in html and "锦江区" not in html
    assert 'data-chart="compare"' in html
    assert login(world, "inspector").get("/p/510000/").status_code == 404


def test_run_without_data_for_the_year(world: World) -> None:
    r = login(world, "bureau").post(f"/d/{A}/runs/", {"year": "2019-2020"}, follow=True)
    assert "2019-2020 学年还没有已确认的数据" in r.content.decode()
    assert not AssessmentRun.objects.exists()


def test_failed_run_is_recorded_with_a_catalogued_problem(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from youjun.web.apps.assessment import engine

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("rule set not found")

    monkeypatch.setattr(engine, "assess", broken)
    login(world, "bureau").post(f"/d/{A}/runs/", {"year": "2025-2026"})
    run = AssessmentRun.objects.get()
    assert run.status == "failed" and run.error["code"] == "E809"
    html = login(world, "bureau").get(f"/runs/{run.pk}/").content.decode()
    assert "评估运行失败" in html and "rule set not found" in html


def test_thread_runner_reports_progress(world: World, settings, transactional_db) -> None:  # type: ignore[no-untyped-def]
    """The default runner: a background thread; the page polls until it is done."""
    import time

    settings.YOUJUN_TASKS = "thread"
    c = login(world, "bureau")
    c.post(f"/d/{A}/runs/", {"year": "2025-2026"})
    run = AssessmentRun.objects.get()
    seen = set()
    for _ in range(300):
        s = c.get(f"/runs/{run.pk}/status.json").json()
        seen.add(s["status"])
        if s["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert s["status"] == "done", s
    assert c.get(f"/runs/{run.pk}/").status_code == 200
