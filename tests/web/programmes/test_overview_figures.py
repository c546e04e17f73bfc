"""The district overview reproduces the seeded building works exactly through the real page
(rendered, numbers parsed back), says 暂无记录 for a figure nobody supplies (never 0), refuses a
bad year range in words, is seen by district readers only, and its exports carry every figure."""

from __future__ import annotations

import datetime as dt
import io
import random
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.overview import demo

pytestmark = pytest.mark.django_db

SEEDED = {"schools_built_or_enlarged": "128", "seats_added": "38,000", "land_added_m2": "900,000",
          "floor_area_added_m2": "600,000", "teacher_flats": "1,150", "construction_investment": "319,600"}


def _client(w: PWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(w.user(name))
    c.cookies["youjun_language"] = lang
    return c


def _figures(page: str) -> dict[str, str]:
    """figure key -> the number shown on its card ("暂无记录" when the card says no records)."""
    out = {}
    for m in re.finditer(r'data-testid="figure-([a-z0-9_]+)"(.*?)</div>', page, re.S):
        card = m.group(2)
        value = re.search(r'data-testid="figure-value">([^<]*)<', card)
        out[m.group(1)] = value.group(1) if value else ("暂无记录" if "暂无记录" in card else "?")
    return out


def _seed(w: PWorld) -> None:
    demo.seed(w.base.a, today=dt.date(2026, 12, 1), rng=random.Random(7))


def test_the_overview_reproduces_the_seeded_works_through_the_page(pworld: PWorld) -> None:
    _seed(pworld)
    a = pworld.base.a
    page = _client(pworld, "bureau").get(reverse("overview:district", args=[a.code]) + "?from=2019&to=2023")
    assert page.status_code == 200
    figures = _figures(page.content.decode())
    for key, shown in SEEDED.items():
        assert figures[key] == shown, key
    html = page.content.decode()
    assert "所" in html and "万元" in html and "平方米" in html
    assert "2019–2023" in html and "2019—2023" not in html  # one dash on the overview's own words
    assert "2,019" not in html  # years are never grouped like amounts
    assert "% %" not in html
    # the link behind the schools figure opens the works completed in those years
    assert f'href="/overview/district/{a.code}/works/?from=2019&amp;to=2023"' in html
    works = _client(pworld, "bureau").get(f"/overview/district/{a.code}/works/?from=2019&to=2023")
    assert "130 个项目" not in works.content.decode() and "128" in works.content.decode()


def test_a_range_reads_only_the_works_completed_in_it(pworld: PWorld) -> None:
    _seed(pworld)
    url = reverse("overview:district", args=[pworld.base.a.code])
    page = _client(pworld, "analyst").get(url + "?from=2019&to=2019")
    figures = _figures(page.content.decode())
    assert figures["schools_built_or_enlarged"] not in ("128", "暂无记录", "0")
    assert int(figures["schools_built_or_enlarged"]) < 128


def test_a_figure_no_provider_supplies_says_no_records_never_zero(pworld: PWorld) -> None:
    page = _client(pworld, "bureau").get(reverse("overview:district", args=[pworld.base.a.code]))
    figures = _figures(page.content.decode())
    assert figures["schools_built_or_enlarged"] == "暂无记录"
    assert figures["seats_added"] == "暂无记录"
    card = page.content.decode().split('data-testid="figure-seats_added"')[1].split("</div>")[0]
    assert "href" not in card and ">0<" not in card


def test_a_bad_year_range_is_refused_in_words(pworld: PWorld) -> None:
    c = _client(pworld, "bureau")
    url = reverse("overview:district", args=[pworld.base.a.code])
    r = c.get(url + "?from=2024&to=2020")
    assert r.status_code == 400
    assert "E1335" in r.content.decode() and "起始年份晚于截止年份" in r.content.decode()
    r = c.get(url + "?from=1990&to=2020")
    assert r.status_code == 400 and "2000" in r.content.decode()


def test_district_readers_see_it_school_officers_do_not(pworld: PWorld) -> None:
    url = reverse("overview:district", args=[pworld.base.a.code])
    for name in ("bureau", "analyst", "inspector", "admin"):
        assert _client(pworld, name).get(url).status_code == 200, name
    for name in ("officer", "bureau_b", "nobody", "teacher"):
        assert _client(pworld, name).get(url).status_code == 404, name


def test_the_xlsx_export_has_every_figure_with_its_basis_and_full_link(pworld: PWorld) -> None:
    from openpyxl import load_workbook

    _seed(pworld)
    a = pworld.base.a
    r = _client(pworld, "bureau").get(reverse("overview:district_xlsx", args=[a.code]) + "?from=2019&to=2023")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = {row[1]: row for row in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["新建改扩建学校"][2] == 128 and rows["新建改扩建学校"][3] == "所"
    assert rows["新增学位"][2] == 38000
    assert rows["新增学位"][5].startswith("http://testserver/overview/district/")
    assert "2019–2023" in rows["新增学位"][4]
    # the rows of the sections this area supplies (the other areas' words are theirs to check)
    ours = {i for i, row in enumerate(ws.iter_rows(values_only=True), start=1)
            if i <= 2 or row[0] in ("建设与学位", "教师队伍", "集团化办学")}
    found = [f"{where}: {p}" for where, text in hygiene.xlsx_cells(r.content)
             if where.startswith("sheet") or int(re.sub(r"\D", "", where.split("!")[1])) in ours
             for p in hygiene.problems(text, "zh", {a.name})]
    assert not found, found


@pytest.mark.slow
def test_the_pdf_export_is_a_real_pdf_with_every_figure(pworld: PWorld) -> None:
    _seed(pworld)
    a = pworld.base.a
    r = _client(pworld, "bureau").get(reverse("overview:district_pdf", args=[a.code]) + "?from=2019&to=2023")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    text = hygiene.pdf_text(r.content)
    for shown in ("128 所", "38,000", "1,150", "319,600", a.name, "2019–2023", "暂无记录"):
        assert shown in text, shown
    # the section column is wide enough that no section's name breaks mid-word
    for section in ("建设与学位", "教师队伍", "集团化办学", "职业教育"):
        assert section in text, section
    assert "2019—2023" not in text
