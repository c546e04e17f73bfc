"""What a person reads on the dashboard and school pages: the real engine result of sample S
(and the tiny district) rendered through the real templates — every finding counted in its
own unit, named by its school, the verdict's essentials on top, stale results marked and a
second run request answered with the run already under way."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web.sample_runs import login, make_run, s_result, visible_text
from tests.web.world import A, World, district_tables
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.schools import services as school_services


@pytest.fixture
def s_run(world: World) -> AssessmentRun:
    """A finished run whose result is the real engine's answer for sample S; its schools exist."""
    return make_run(world, s_result())


def test_g_lists_count_classes_in_schools_and_never_print_none(world: World, s_run: AssessmentRun) -> None:
    html = login(world, "bureau").get(f"/runs/{s_run.pk}/").content.decode()
    text = visible_text(html)
    assert "None" not in text
    g5 = [f for f in s_result()["findings"] if f["requirement"] == "G5"]
    n_schools = len({f["school_code"] for f in g5})
    assert f"{len(g5)} 个班，涉及 {n_schools} 所学校" in text
    assert f"{len(g5)} 所学校" not in text  # classes are not counted as schools
    g9 = [f for f in s_result()["findings"] if f["requirement"] == "G9" and f["subject_kind"] == "teacher"]
    assert f"{len(g9)} 名教师" in text
    big = next(f for f in g5 if f["gap"]["value"])
    assert f"{big['school_name']}" in text and big["gap"]["zh"] in text


def test_dashboard_top_shows_the_verdict_essentials_and_grouped_reasons(world: World, s_run: AssessmentRun) -> None:
    result = s_result()
    html = login(world, "bureau").get(f"/runs/{s_run.pk}/").content.decode()
    counts = result["verdict"]["counts"]
    summary = visible_text(html.split('data-testid="verdict-summary"', 1)[1].split("</table>", 1)[0])
    assert f"{counts['schools_compliant']}/{counts['schools']}" in summary
    assert f"{counts['cv_passing']}/{counts['cv_checks']}" in summary
    g_pass = sum(1 for k, v in result["items"].items() if k.startswith("g") and v["status"] == "pass")
    q_pass = sum(1 for k, v in result["items"].items() if k.startswith("q") and v["status"] == "pass")
    assert f"{g_pass}/15" in summary and f"{q_pass}/9" in summary
    assert "89.1%" in summary and "85%" in summary
    groups = html.split('data-testid="reason-groups"', 1)[1]
    order = re.findall(r'data-requirement="([A-Z0-9_]+)"', groups)
    assert order.index("G3") < order.index("G5") < order.index("Q4") and order[0].startswith("R")
    failing = next(s for s in result["schools"] if s["compliant"] is False)
    assert f'href="/runs/{s_run.pk}/s/{failing["code"]}/"' in groups


def test_school_over_the_size_limit_lists_its_findings(world: World, s_run: AssessmentRun) -> None:
    code = s_result()["items"]["g4"]["failing"][0]["school"]
    html = login(world, "bureau").get(f"/runs/{s_run.pk}/s/{code}/").content.decode()
    text = visible_text(html)
    assert "各项指标均已达到标准" not in text
    assert 'data-testid="school-findings"' in html
    g4 = next(f for f in s_result()["findings"] if f["requirement"] == "G4" and f["school_code"] == code)
    assert g4["measured"]["zh"] in text and g4["gap"]["zh"] in text and g4["standard"]["zh"] in text
    n_classes = sum(1 for f in s_result()["findings"] if f["requirement"] == "G5" and f["school_code"] == code)
    if n_classes:
        assert f"{n_classes} 个班" in text
    assert "None" not in text


def test_english_school_page_speaks_english(world: World, s_run: AssessmentRun) -> None:
    g5 = next(f for f in s_result()["findings"] if f["requirement"] == "G5")
    c = login(world, "bureau")
    c.cookies["youjun_language"] = "en"
    text = visible_text(c.get(f"/runs/{s_run.pk}/s/{g5['school_code']}/").content.decode())
    assert g5["subject"]["en"] in text and "pupils over" in text and "(standard: at most" in text


def test_tiny_district_run_renders_without_none(world: World) -> None:
    c = login(world, "bureau")
    assert c.post(f"/d/{A}/runs/", {"year": "2025-2026"}).status_code == 302
    run = AssessmentRun.objects.get()
    assert run.status == "done", run.error
    for url in (f"/runs/{run.pk}/", f"/runs/{run.pk}/s/{A}0001/"):
        assert "None" not in visible_text(c.get(url).content.decode())


# --- 1.5 stale results and a second request for the same run ------------------------------------

def test_second_request_returns_the_run_under_way(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_TASKS = "thread"  # dispatched on commit, which a test never reaches: it stays queued
    c = login(world, "bureau")
    first = c.post(f"/d/{A}/runs/", {"year": "2025-2026"})
    second = c.post(f"/d/{A}/runs/", {"year": "2025-2026"})
    assert AssessmentRun.objects.count() == 1
    assert first["Location"] == second["Location"]
    api = c.post(f"/api/districts/{A}/runs", data={"school_year": "2025-2026"}, content_type="application/json")
    assert api.status_code == 202 and api.json()["id"] == AssessmentRun.objects.get().pk
    assert AssessmentRun.objects.count() == 1


def test_stale_result_is_marked_on_dashboard_and_district_page(world: World) -> None:
    c = login(world, "bureau")
    c.post(f"/d/{A}/runs/", {"year": "2025-2026"})
    run = AssessmentRun.objects.get()
    assert 'data-testid="stale-banner"' not in c.get(f"/runs/{run.pk}/").content.decode()
    assert 'data-testid="stale-banner"' not in c.get(f"/d/{A}/").content.decode()
    tables = district_tables(A)
    tables["schools"].loc[0, "school_name"] = tables["schools"].loc[0, "school_name"] + "新"
    school_services.store_snapshot(world.users["bureau"], world.a, tables, source="new.xlsx")
    for url in (f"/runs/{run.pk}/", f"/d/{A}/"):
        html = c.get(url).content.decode()
        assert 'data-testid="stale-banner"' in html, url
        assert "数据已更新，结果基于旧数据" in html
        assert f'action="/d/{A}/runs/"' in html  # one click to run it again
    # a reader sees the banner but no button
    html = login(world, "analyst").get(f"/runs/{run.pk}/").content.decode()
    assert 'data-testid="stale-banner"' in html and f'action="/d/{A}/runs/"' not in html


def test_the_grid_states_when_a_school_complies_and_the_unit_of_each_column(world: World,
                                                                            s_run: AssessmentRun) -> None:
    """The 6-of-7 rule with its 85% floor, from the rule values, and units under the codes."""
    html = login(world, "bureau").get(f"/runs/{s_run.pk}/").content.decode()
    rule = visible_text(html.split('data-testid="school-rule"', 1)[1].split("</p>", 1)[0])
    assert "7项指标中至少6项达到标准" in rule and "85%" in rule
    head = html.split('data-testid="grid-primary"', 1)[1].split("</thead>", 1)[0]
    units = re.findall(r'<span class="unit small muted">([^<]+)</span>', head)
    assert len(units) == 7 and units[0] == "人/百名学生" and units[3] == "平方米/生" and units[5] == "元/生" \
        and units[6] == "间/百名学生", units
    english = Client()
    english.force_login(world.users["bureau"])
    english.cookies["youjun_language"] = "en"
    rule_en = english.get(f"/runs/{s_run.pk}/").content.decode().split('data-testid="school-rule"', 1)[1]
    assert "at least 6 of 7 indicators" in rule_en.split("</p>", 1)[0]
