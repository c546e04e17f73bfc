"""The dashboard's school × indicator grid searched, filtered, sorted and paged like the school
register — GET parameters only (works without JavaScript, the URL keeps the state), over the
real engine result of sample S rendered through the real template."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.web.sample_runs import login, make_run, s_result
from tests.web.world import World
from youjun.web.apps.assessment import grid
from youjun.web.apps.assessment.models import AssessmentRun


@pytest.fixture
def run(world: World) -> AssessmentRun:
    return make_run(world, s_result())


@pytest.fixture
def client(world: World) -> Client:
    return login(world)


def page(client: Client, run: AssessmentRun, **params: str) -> str:
    response = client.get(f"/runs/{run.pk}/", params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str, level: str) -> list[str]:
    """The school codes of one level's grid, in page order ([] when the grid is not shown)."""
    if f'data-testid="grid-{level}"' not in html:
        return []
    table = html.split(f'data-testid="grid-{level}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr data-code="(\d+)"', table)


def sections(level: str) -> list[dict[str, Any]]:
    return [s for s in s_result()["schools"] if s["level"] == level]


def test_the_grid_has_a_get_form_with_every_filter(client: Client, run: AssessmentRun) -> None:
    html = page(client, run)
    form = html.split('data-testid="grid-filters"', 1)[1].split("</form>", 1)[0]
    for name in ("q", "level", "location", "town", "status", "fails", "sort"):
        assert f'name="{name}"' in form, name
    assert 'method="get"' in html.split('data-testid="grid-filters"', 1)[0].rsplit("<form", 1)[1]
    # first page of each level, failing sections first (the default order)
    first = rows(html, "primary")
    assert len(first) == grid.PER_PAGE
    failing = {s["code"] for s in sections("primary") if s["compliant"] is False}
    assert set(first[:len(failing)]) == failing


def test_search_by_name_and_by_code(client: Client, run: AssessmentRun) -> None:
    nine = next(s for s in sections("junior") if s["type"] == "nine_year")
    by_name = page(client, run, q=nine["name"])
    assert rows(by_name, "primary") == [nine["code"]] and rows(by_name, "junior") == [nine["code"]]
    by_code = page(client, run, q=nine["code"])
    assert rows(by_code, "junior") == [nine["code"]]


def test_filters_level_location_town_status_and_failing_indicator(client: Client, run: AssessmentRun) -> None:
    junior = page(client, run, level="junior")
    assert rows(junior, "primary") == [] and 'data-testid="grid-primary"' not in junior
    assert len(rows(junior, "junior")) == min(grid.PER_PAGE, len(sections("junior")))

    rural = {s["code"] for s in sections("primary") if s["location"] == "rural"}
    shown = rows(page(client, run, location="rural", page_primary="all"), "primary")
    assert set(shown) == rural and len(shown) == len(rural)

    town = sections("primary")[0]["town"]
    in_town = {s["code"] for s in sections("primary") if s["town"] == town}
    assert set(rows(page(client, run, town=town, page_primary="all"), "primary")) == in_town

    not_met = [s["code"] for s in sections("primary") if s["compliant"] is False]
    html = page(client, run, status="not_met")
    assert sorted(rows(html, "primary")) == sorted(not_met)
    assert 'data-testid="grid-count-primary"' in html

    r3 = {s["code"] for s in sections("primary") if s["meets"]["r3_pe_art_teachers_per100"] is False}
    assert r3  # sample S has sections short of PE and art teachers
    assert set(rows(page(client, run, fails="R3", page_primary="all"), "primary")) == r3


def test_sort_by_an_indicator_both_ways_and_by_met_count(client: Client, run: AssessmentRun) -> None:
    key = "r1_qualified_teachers_per100"
    by_value = sorted(sections("primary"), key=lambda s: (s["values"][key], s["code"]))
    up = rows(page(client, run, sort="r1", page_primary="all"), "primary")
    assert up == [s["code"] for s in by_value]
    down = rows(page(client, run, sort="-r1", page_primary="all"), "primary")
    assert down == [s["code"] for s in reversed(by_value)]
    met = rows(page(client, run, sort="met", page_primary="all"), "primary")
    counts = {s["code"]: s["met_count"] for s in sections("primary")}
    assert [counts[c] for c in met] == sorted(counts[c] for c in met)
    html = page(client, run, sort="r1")
    header = html.split('data-testid="grid-primary"', 1)[1].split("</thead>", 1)[0]
    assert 'aria-sort="ascending"' in header and "sort=-r1" in header  # a second click reverses


def test_paging_keeps_the_filters_in_its_links(client: Client, run: AssessmentRun) -> None:
    html = page(client, run, status="met")
    met = [s for s in sections("primary") if s["compliant"] is True]
    assert len(met) > grid.PER_PAGE
    pager = html.split('data-testid="grid-pager-primary"', 1)[1].split("</p>", 1)[0]
    assert "status=met" in pager and "page_primary=2" in pager
    second = rows(page(client, run, status="met", page_primary="2"), "primary")
    first = rows(html, "primary")
    assert second and not set(first) & set(second)


def test_an_empty_result_says_so(client: Client, run: AssessmentRun) -> None:
    html = page(client, run, q="没有这所学校")
    assert rows(html, "primary") == [] and rows(html, "junior") == []
    assert html.count('data-testid="grid-empty"') == 2
    assert "没有符合条件的学段" in html


def test_the_grid_counts_sections_not_schools(client: Client, run: AssessmentRun) -> None:
    counts = s_result()["verdict"]["counts"]
    html = page(client, run)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    # 达标学校学段 (walk 23): school sections, never bare 达标学校 nor 达标学段
    assert f"达标学校学段 {counts['schools_compliant']}/{counts['schools']}" in text
    assert not re.search("达标学校(?!学段)", text) and "达标学段" not in text


def test_a_value_short_of_its_standard_is_never_shown_as_the_standard(world: World, client: Client) -> None:
    """0.899 against 0.9 is 0.899 in the grid's red cell and on the school's page, not 0.90
    (the report's and the findings' rule: a school would dispute "0.90 below 0.9")."""
    from django.urls import reverse

    result = s_result()
    s = next(s for s in result["schools"] if any(m is False for m in s["meets"].values()))
    key = next(k for k, m in s["meets"].items() if m is False)
    short = s["thresholds"][key] - 0.000999  # two decimals would round it up to the standard
    s["values"][key] = short
    for g in s.get("gaps") or []:
        if g.get("key") == key:
            g["value"] = short
    run = make_run(world, result)
    html = page(client, run, q=s["code"], level=s["level"])
    row = html.split(f'<tr data-code="{s["code"]}"', 1)[1].split("</tr>", 1)[0]
    below = f"{short:.3f}"
    assert float(below) < s["thresholds"][key] <= float(f"{short:.2f}")
    assert f">{below}</td>" in row
    school = client.get(reverse("assessment:school", args=[run.pk, s["code"]])).content.decode()
    assert below in school
