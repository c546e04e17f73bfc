"""Planning in the browser: forms checked before a plan is queued, plans made by the same
entry point as ``youjun plan`` and judged by the engine, their files and bundles, scoping."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client

from tests.web.world import A, B, World
from youjun.core.rules import load_ruleset
from youjun.plan.run import rerun_bundle
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.schools import selectors as school_selectors

YEAR = "2025-2026"


def login(world: World, name: str) -> Client:
    c = Client()
    c.force_login(world.users[name])
    return c


def start(world: World, kind: str, user: str = "bureau", code: str = A, **fields: str):  # type: ignore[no-untyped-def]
    return login(world, user).post(f"/d/{code}/plans/", {"kind": kind, "year": YEAR, **fields})


@pytest.fixture
def rotation(world: World) -> PlanRun:
    r = start(world, "rotation")
    assert r.status_code == 302, r.content.decode()[:2000]
    plan = PlanRun.objects.get()
    assert r["Location"] == f"/plans/{plan.pk}/"
    return plan


def test_rotation_plan_is_made_judged_and_shown(world: World, rotation: PlanRun) -> None:
    assert rotation.status == "done", rotation.error
    assert rotation.result["kind"] == "rotation" and rotation.result["violations"] == []
    assert rotation.bundle["data_hash"] == world.snapshots[A].data_hash
    html = login(world, "analyst").get(f"/plans/{rotation.pk}/").content.decode()
    for testid in ("plan-headline", "rotation-rule", "stages", "no-violations", "unfixable", "plan-downloads"):
        assert f'data-testid="{testid}"' in html, testid
    assert "交流轮岗比例（G11）" in html and "求解情况（HiGHS）" in html
    assert 'data-chart="compare"' in html and "vendor/echarts/echarts.min.js" in html
    # the proof of what rotation cannot fix names the school and the reason
    assert "凤凰湖学校" in html and "求解器下界证明无法补足" in html
    status = login(world, "analyst").get(f"/plans/{rotation.pk}/status.json").json()
    assert status["status"] == "done" and status["url"] == f"/plans/{rotation.pk}/"


def test_downloads_and_the_bundle_reproduces_the_plan(world: World, rotation: PlanRun) -> None:
    c = login(world, "bureau")
    r = c.get(f"/plans/{rotation.pk}/download/json/")
    assert r.status_code == 200 and json.loads(r.content)["kind"] == "rotation"
    assert c.get(f"/plans/{rotation.pk}/download/xlsx/").content[:2] == b"PK"
    assert "教师交流轮岗方案".encode() in c.get(f"/plans/{rotation.pk}/download/html/").content
    assert b"Teacher rotation plan" in c.get(f"/plans/{rotation.pk}/download/html/?lang=en").content
    assert c.get(f"/plans/{rotation.pk}/download/exe/").status_code == 404
    z = zipfile.ZipFile(io.BytesIO(c.get(f"/plans/{rotation.pk}/download/zip/").content))
    assert set(z.namelist()) == {"bundle.json", "plan.json", "plan.html", "plan.xlsx"}
    bundle, saved = json.loads(z.read("bundle.json")), json.loads(z.read("plan.json"))
    again = rerun_bundle(bundle, school_selectors.snapshot_tables(world.snapshots[A]), saved)
    assert again["same_data"] and again["same_rules"] and again["same_plan"], again["differences"]


def test_scoping_of_plans(world: World, rotation: PlanRun) -> None:
    pk = rotation.pk
    for user in ("analyst", "inspector", "admin"):
        assert login(world, user).get(f"/plans/{pk}/").status_code == 200, user
        assert login(world, user).get(f"/d/{A}/plans/").status_code == 200, user
    for user in ("bureau_b", "officer", "nobody"):  # out of scope: not found, never data
        c = login(world, user)
        for url in (f"/plans/{pk}/", f"/plans/{pk}/status.json", f"/plans/{pk}/download/json/", f"/d/{A}/plans/"):
            r = c.get(url)
            assert r.status_code == 404, (user, url)
            assert b"rotation" not in r.content or user == "nobody"
    assert Client().get(f"/plans/{pk}/").status_code == 302  # to the log-in page
    # readers may not make plans; the form is not even shown to them
    assert start(world, "rotation", user="analyst").status_code == 403
    assert start(world, "rotation", user="inspector").status_code == 403
    assert start(world, "rotation", user="officer").status_code == 404
    assert 'data-testid="plan-forms"' not in login(world, "analyst").get(f"/d/{A}/plans/").content.decode()
    assert PlanRun.objects.count() == 1


def test_bad_options_are_refused_with_every_problem_and_nothing_is_queued(world: World) -> None:
    r = start(world, "rotation", max_distance_km="-3", time_limit_s="9999", advanced="max_in_sharee: 0.1")
    assert r.status_code == 400
    html = r.content.decode()
    assert html.count("E810") == 3
    for field in ("最远交流距离", "求解时限", "其他假设"):  # each named as the form names it
        assert f"<strong>{field}</strong>" in html, field
    assert "max_in_sharee" in html and "规划选项有误" in html
    r = start(world, "investment", budget="一百万")
    assert r.status_code == 400 and "budget" in r.content.decode()
    r = start(world, "whatif", scenario="- rotation_plan: /etc/passwd")
    assert r.status_code == 400 and "rotation_plan" in r.content.decode()
    r = start(world, "whatif", scenario="")
    assert r.status_code == 400
    r = login(world, "bureau").post(f"/d/{A}/plans/", {"kind": "rotation", "year": "2030-2031"})
    assert r.status_code == 400 and "E807" in r.content.decode()
    assert PlanRun.objects.count() == 0
    assert not AuditEvent.objects.filter(action="start_plan").exists()


def test_investment_seats_and_whatif(world: World) -> None:
    assert start(world, "investment", budget="2000000").status_code == 302
    inv = PlanRun.objects.get(kind="investment")
    assert inv.status == "done", inv.error
    assert inv.options["budget"] == 2_000_000 and inv.result["headline"]["budget"] == 2_000_000
    html = login(world, "bureau").get(f"/plans/{inv.pk}/").content.decode()
    assert 'data-testid="judged"' in html and "投入" in html

    assert start(world, "seats", years="5", migration="1.02").status_code == 302
    seats = PlanRun.objects.get(kind="seats")
    assert seats.status == "done", seats.error
    assert seats.result["headline"]["years"] == 5 and seats.options == {"years": 5, "migration": 1.02}
    html = login(world, "bureau").get(f"/plans/{seats.pk}/").content.decode()
    assert 'data-source="seats-chart"' in html and 'data-testid="seats-by-year"' in html
    assert "2,026" not in html and "2,025" not in html  # years are not amounts
    assert "<th class=\"num\">2026</th>" in html
    assert seats.result["classes_over_limit"]
    for row in seats.result["classes_over_limit"][:5]:  # classes over the limit name their school
        assert row["school_name"] and row["school_name"] in html

    scenario = f'- build: {{school: "{A}0001", teaching_area_m2: 3000, sports_area_m2: 5000, ' \
               f'equipment_yuan: 2000000, multimedia_classrooms: 10}}'
    assert start(world, "whatif", title="新建教学楼", scenario=scenario).status_code == 302
    wi = PlanRun.objects.get(kind="whatif")
    assert wi.status == "done", wi.error
    assert wi.title == "新建教学楼"
    html = login(world, "bureau").get(f"/plans/{wi.pk}/").content.decode()
    assert 'data-testid="applied"' in html and 'data-testid="schools-changed"' in html
    changed = wi.result["diff"]["schools"]
    assert any(s["code"] == A + "0001" and "r4_teaching_area_per_student" in s["values"] for s in changed)
    # a new failing reason is named with what it is about, not only its kind
    for reason in wi.result["diff"]["reasons_new"]:
        assert reason["subject"] and reason["zh"] in html


def test_whatif_applies_a_saved_rotation_plan_of_the_same_district_only(world: World, rotation: PlanRun) -> None:
    assert start(world, "whatif", rotation_plan=str(rotation.pk)).status_code == 302
    wi = PlanRun.objects.get(kind="whatif")
    assert wi.status == "done", wi.error
    assert wi.options["scenario"]["changes"][0]["rotation_plan"]["name"] == f"#{rotation.pk}"
    # a plan made on one school year's roster is not applied to another year's
    from tests.web.world import district_tables
    from youjun.web.apps.schools import services as school_services

    school_services.store_snapshot(None, world.a, district_tables(A, "2024-2025"), source="older.xlsx")
    r = login(world, "bureau").post(f"/d/{A}/plans/", {"kind": "whatif", "year": "2024-2025",
                                                         "rotation_plan": str(rotation.pk)})
    assert r.status_code == 400 and f"#{rotation.pk}" in r.content.decode() and "2025-2026" in r.content.decode()
    # another district's bureau cannot apply it, nor learn that it exists
    r = start(world, "whatif", user="bureau_b", code=B, rotation_plan=str(rotation.pk))
    assert r.status_code == 404


def test_a_scenario_that_cannot_be_applied_fails_with_its_reason(world: World) -> None:
    assert start(world, "whatif", scenario='- build: {school: "5001189999", teaching_area_m2: 100}').status_code == 302
    wi = PlanRun.objects.get(kind="whatif")
    assert wi.status == "failed" and wi.error["code"] == "E811"
    assert "5001189999" in wi.error["message"]["zh"]
    html = login(world, "bureau").get(f"/plans/{wi.pk}/").content.decode()
    assert 'data-testid="plan-failed"' in html and "5001189999" in html


def test_every_plan_is_audited(world: World, rotation: PlanRun) -> None:
    events = list(AuditEvent.objects.filter(object_id=str(rotation.pk), action__in=("start_plan", "finish_plan"))
                  .order_by("id"))
    assert [e.action for e in events] == ["start_plan", "finish_plan"]
    assert events[0].actor == world.users["bureau"] and events[0].district == world.a
    assert events[0].after["data_hash"] == world.snapshots[A].data_hash
    assert events[1].after["status"] == "done" and events[1].after["violations"] == 0


def test_rules_in_force_at_the_census_date(world: World, rotation: PlanRun) -> None:
    params = load_ruleset("cn-2017", as_of=rotation.bundle["rules"]["as_of"])
    assert rotation.bundle["rules"]["version"] == params.version
    assert rotation.bundle["rules"]["as_of"].startswith("2025")


def test_headline_cards_pair_now_and_after_in_reading_order() -> None:
    from youjun.web.apps.planning.selectors import headline_cards

    cards = headline_cards("rotation", {"moves": 3, "shortfall_before": 9, "shortfall_after": 4, "gap": 0.0046,
                                        "units_short_before": 2, "units_short_after": 3, "zzz": 1}, "zh")
    assert [c["key"] for c in cards] == ["shortfall", "units_short", "moves", "gap", "zzz"]
    assert cards[0]["pair"] and cards[0]["before"] == "9" and cards[0]["after"] == "4" and cards[0]["better"] is True
    assert cards[1]["better"] is False  # more sections short is worse
    assert cards[3]["value"] == "0.46%"


def test_options_parse_collects_every_problem() -> None:
    from youjun.web.apps.planning.options import OptionsError, parse

    assert parse("rotation", {"max_distance_km": "15", "same_town": "on", "frozen_teachers": "T1\nT2, T3"}) == {
        "existing_rotations": "reset", "same_town": True, "include_private": False, "max_distance_km": 15.0,
        "frozen_teachers": ["T1", "T2", "T3"]}
    assert parse("investment", {"budget": "1,000,000", "building_yuan_per_m2": "4000"})["budget"] == 1_000_000
    assert parse("seats", {"years": "3", "migration": "1.01"}) == {"years": 3, "migration": 1.01}
    with pytest.raises(OptionsError) as err:
        parse("seats", {"years": "2.5", "entry_trend": "x", "migration": "9"})
    assert [p["location"]["column"] for p in err.value.problems] == ["years", "entry_trend", "migration"]
    assert all(p["code"] == "E810" and p["message"]["zh"] and p["message"]["en"] for p in err.value.problems)
    # each language says it in its own words (no "English / 中文" in one message)
    years = err.value.problems[0]["message"]
    assert "整数" in years["zh"] and "whole number" in years["en"] and "整数" not in years["en"]
    with pytest.raises(OptionsError) as err:
        parse("whatif", {"scenario": "- build: 3\n- demolish: {school: X}\n- close: {school: A, merge_into: B}"})
    assert len(err.value.problems) == 2
    ok = parse("whatif", {"scenario": "name: A\nchanges:\n  - enrolment: {school: S1, grade: 1, factor: 1.1}"})
    assert ok["scenario"]["name"] == "A" and len(ok["scenario"]["changes"]) == 1
    with pytest.raises(OptionsError):
        parse("nonsense", {})


def test_the_api_makes_and_reads_plans_in_scope(world: World) -> None:
    c = login(world, "bureau")
    r = c.post(f"/api/districts/{A}/plans", {"school_year": YEAR, "kind": "seats", "fields": {"years": "2"}},
               content_type="application/json")
    assert r.status_code == 202, r.content
    pk = r.json()["id"]
    assert c.get(f"/api/plans/{pk}").json()["status"] == "done"
    body = c.get(f"/api/plans/{pk}/result").json()
    assert body["plan"]["kind"] == "seats" and body["bundle"]["data_hash"] == world.snapshots[A].data_hash
    assert [p["id"] for p in c.get(f"/api/plans?district={A}").json()] == [pk]
    bad = c.post(f"/api/districts/{A}/plans", {"school_year": YEAR, "kind": "rotation",
                                                "fields": {"max_distance_km": "-1", "time_limit_s": "x"}},
                 content_type="application/json")
    assert bad.status_code == 422 and [p["code"] for p in bad.json()["problems"]] == ["E810", "E810"]
    for user in ("bureau_b", "officer"):
        other = login(world, user)
        assert other.get(f"/api/plans/{pk}").status_code == 404
        assert other.get(f"/api/plans/{pk}/result").json()["problems"][0]["code"] == "E803"
        assert other.get("/api/plans").json() == []
    ro = login(world, "analyst").post(f"/api/districts/{A}/plans", {"school_year": YEAR, "kind": "seats"},
                                      content_type="application/json")
    assert ro.status_code == 403 and ro.json()["problems"][0]["code"] == "E802"
    assert PlanRun.objects.count() == 1


def test_the_planning_page_in_english_is_english(world: World) -> None:
    """Issue 10 (1.6): no Chinese glosses beside the English names of the plans."""
    c = login(world, "bureau")
    c.post("/i18n/setlang/", {"language": "en", "next": f"/d/{A}/plans/"})
    html = c.get(f"/d/{A}/plans/").content.decode()
    assert "Make the rotation plan" in html and "Teacher rotation" in html
    assert "（交流轮岗）" not in html and "（办学条件投入）" not in html and "（学位与班额）" not in html
    assert "Yearly migration factor (1.02 = 2% net inflow; empty = none)" in html
    zh = login(world, "bureau").get(f"/d/{A}/plans/").content.decode()
    assert "生成交流轮岗方案" in zh and "（交流轮岗）" not in zh and "年迁移系数（1.02 = 净流入 2%；" in zh


def test_every_project_indicator_has_a_label() -> None:
    from youjun.plan.investment_projects import G3, PHYSICAL
    from youjun.plan.render import label

    for key in (*PHYSICAL, G3):
        assert label(key, "zh") != key and label(key, "en") != key, key
