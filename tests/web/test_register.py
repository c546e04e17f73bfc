"""The district page's school register: search by name or code, filters (学段, 城乡, 镇街,
公办/民办, 达标/未达标, education group), sortable columns and paging — over the real tiny
world and the real sample district S, rendered through the real template."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web.world import A, World
from youjun.web.apps.platform.models import District, Province, User
from youjun.web.apps.schools import register
from youjun.web.apps.schools import services as school_services


def bureau(world: World) -> Client:
    c = Client()
    c.force_login(world.users["bureau"])
    return c


def listed(html: str) -> list[str]:
    """The school codes of the register's rows, in page order."""
    table = html.split('data-testid="register-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr data-code="(\d{10})"', table)


def count_line(html: str) -> str:
    m = re.search(r'data-testid="register-count">(.*?)</p>', html, re.S)
    assert m is not None
    return re.sub(r"<[^>]+>", "", m.group(1))


def test_the_district_page_lists_every_school_of_the_year(world: World) -> None:
    html = bureau(world).get(f"/d/{A}/").content.decode()
    assert listed(html) == [A + "0001", A + "0002", A + "0003", A + "0004"]
    assert "红旗小学" in html and "九年一贯制学校" in html and "乡村" in html and "公办" in html
    assert "4 所学校中的 4 所" in count_line(html) or "4 of 4" in count_line(html)


def test_search_by_name_and_by_code(world: World) -> None:
    c = bureau(world)
    assert listed(c.get(f"/d/{A}/", {"q": "凤凰"}).content.decode()) == [A + "0002"]
    assert listed(c.get(f"/d/{A}/", {"q": A + "0004"}).content.decode()) == [A + "0004"]
    assert listed(c.get(f"/d/{A}/", {"q": "不存在的学校"}).content.decode()) == []


def test_filters_by_type_location_and_group(world: World) -> None:
    c = bureau(world)
    assert listed(c.get(f"/d/{A}/", {"type": "junior"}).content.decode()) == [A + "0004"]
    assert listed(c.get(f"/d/{A}/", {"location": "urban"}).content.decode()) == [A + "0001", A + "0004"]
    assert listed(c.get(f"/d/{A}/", {"group": "红旗教育集团"}).content.decode()) == [A + "0001", A + "0003"]
    both = c.get(f"/d/{A}/", {"group": "红旗教育集团", "location": "rural"}).content.decode()
    assert listed(both) == [A + "0003"]
    assert listed(c.get(f"/d/{A}/", {"ownership": "private"}).content.decode()) == []


def test_sorting_by_pupils_both_ways(world: World) -> None:
    c = bureau(world)
    # pupils: 0003 30, 0001 240, 0004 270, 0002 315
    assert listed(c.get(f"/d/{A}/", {"sort": "pupils"}).content.decode()) == [
        A + "0003", A + "0001", A + "0004", A + "0002"]
    assert listed(c.get(f"/d/{A}/", {"sort": "-pupils"}).content.decode()) == [
        A + "0002", A + "0004", A + "0001", A + "0003"]
    html = c.get(f"/d/{A}/", {"sort": "pupils"}).content.decode()
    assert 'href="?sort=-pupils#register"' in html  # a second click reverses the order


def test_standing_comes_from_the_latest_assessment_of_the_data(world: World) -> None:
    from youjun.web.apps.assessment import selectors as assessment_selectors
    from youjun.web.apps.assessment import services as assessment_services

    c = bureau(world)
    assert "尚未评估" in count_line(c.get(f"/d/{A}/").content.decode())
    run = assessment_services.start_run(world.users["admin"], world.a, "2025-2026")
    run.refresh_from_db()
    sections = assessment_selectors.result_of(run)["schools"]  # the engine's own verdict per school section
    verdict: dict[str, bool] = {}
    for s in sections:
        verdict[str(s["code"])] = verdict.get(str(s["code"]), True) and s["compliant"] is True
    assert len(verdict) >= 3
    met = sorted(k for k, v in verdict.items() if v)
    below = sorted(k for k, v in verdict.items() if not v)
    assert listed(c.get(f"/d/{A}/", {"status": "met"}).content.decode()) == met
    assert listed(c.get(f"/d/{A}/", {"status": "not_met"}).content.decode()) == below
    html = c.get(f"/d/{A}/", {"sort": "status"}).content.decode()
    assert listed(html)[: len(below)] == below  # failing schools first


def test_unknown_filter_values_and_bad_pages_are_no_error(world: World) -> None:
    c = bureau(world)
    r = c.get(f"/d/{A}/", {"sort": "__class__", "page": "x9", "type": "<script>"})
    assert r.status_code == 200
    assert "<script>" not in r.content.decode().split('data-testid="register"', 1)[1]


@pytest.mark.slow
def test_the_sample_district_s_pages_sorts_and_filters(db: None) -> None:
    from youjun.sample import generate

    tables = generate("S", 2023)
    cq = Province.objects.create(code="500000", name="重庆市")
    d = District.objects.create(code=str(tables["districts"]["district_code"].iloc[0]), name="永川区", province=cq)
    school_services.store_snapshot(None, d, tables, source="s.xlsx")
    user = User.objects.create_superuser("root", password="x")
    c = Client()
    c.force_login(user)
    schools = tables["schools"]
    n = len(schools)
    html = c.get(f"/d/{d.code}/").content.decode()
    assert len(listed(html)) == register.PER_PAGE and f"{n} 所学校中的 {n} 所" in count_line(html)
    last = (n - 1) // register.PER_PAGE + 1
    tail = c.get(f"/d/{d.code}/", {"page": last}).content.decode()
    assert len(listed(tail)) == n - (last - 1) * register.PER_PAGE
    private = sorted(schools.loc[schools["ownership"] == "private", "school_code"])
    assert private, "the sample district has private schools"
    got = listed(c.get(f"/d/{d.code}/", {"ownership": "private"}).content.decode())
    assert got == private[: register.PER_PAGE]
    town = str(schools["town"].iloc[0])
    in_town = schools[schools["town"] == town]
    rural = sorted(in_town.loc[in_town["location"] == "rural", "school_code"])
    assert listed(c.get(f"/d/{d.code}/", {"town": town, "location": "rural"}).content.decode()) == rural[:25]
    names = c.get(f"/d/{d.code}/", {"sort": "-name"}).content.decode()
    by_name = sorted(schools.itertuples(), key=lambda r: (r.school_name.casefold(), r.school_code), reverse=True)
    assert listed(names) == [r.school_code for r in by_name][: register.PER_PAGE]
