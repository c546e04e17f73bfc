"""The public statistics page: every figure computed from the records, by venue, town,
department and body, with its definition beside it; department response times only from the
minimum sample; charts drawn on the server with their values in a table; no personal data."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web import hygiene
from tests.web.consultation.cworld import CWorld
from tests.web.consultation.test_publishing_world import (
    SECRET_NAME,
    SECRET_PHONE,
    SECRET_RESIDENT,
    build_year,
)
from youjun.web.apps.consultation import statistics
from youjun.web.apps.consultation.models import Body, Department


def _page(lang: str = "zh", query: str = "") -> tuple[int, str]:
    c = Client()
    c.cookies["youjun_language"] = lang
    r = c.get(f"/consult/stats/{query}")
    return r.status_code, r.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", hygiene.shown_text(html))


def _table(html: str, key: str) -> dict[str, list[str]]:
    """The rows of one breakdown table: label -> its cells, as shown."""
    table = re.search(rf'data-testid="table-{key}".*?</table>', html, re.S)
    assert table, key
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table.group(0), re.S):
        rows[row[0]] = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]
    return rows


def test_the_year_in_figures_is_computed_from_the_records(cworld: CWorld) -> None:
    year = build_year(cworld)
    s = statistics.compute(year.today.year, today=year.today)
    t = s.total.values
    assert (t["activities"], t["participants"]) == (4, 12)
    assert (t["raised"], t["solved"], t["open"], t["overdue"]) == (10, 6, 4, 1)
    assert t["median_days"] == year.shift
    assert s.total.rated == 7 and t["satisfaction"] == pytest.approx(6 / 7 * 100)
    assert (t["members"], t["studios"], t["joint"]) == (2, 1, 1)
    rc = statistics.compute(year.today.year, Body.objects.get(code="rongchang"), year.today).total.values
    # Rongchang: the joint item and the joint meeting count for it too; Neijiang's member does not
    assert (rc["raised"], rc["activities"], rc["participants"], rc["members"]) == (10, 4, 12, 1)
    nj = statistics.compute(year.today.year, Body.objects.get(code="neijiang"), year.today).total.values
    assert (nj["raised"], nj["activities"], nj["joint"], nj["solved"]) == (1, 1, 1, 0)


def test_the_page_shows_the_figures_with_their_definitions(cworld: CWorld) -> None:
    year = build_year(cworld)
    status, html = _page("zh")
    assert status == 200
    cards = {k: re.search(rf'data-testid="stat-{k}".*?kpi-value">(.*?)</div>', html, re.S).group(1)  # type: ignore[union-attr]
             for k in ("activities", "participants", "raised", "solved", "overdue", "satisfaction", "median_days")}
    assert cards == {"activities": "4 次", "participants": "12 人次", "raised": "10 件", "solved": "6 件",
                     "overdue": "1 件", "satisfaction": "85.7%（7 件）", "median_days": f"{year.shift} 天"}
    text = _text(html)
    assert "已解决议题从提出到办结的自然日数的中位数" in text  # the definition beside the figure
    assert f"{year.today.year}年{year.today.month}月{year.today.day}日" in text
    venue = _table(html, "venue")
    assert venue["委员进小院"][:3] == ["2", "6", "6"]  # activities, participants, items raised there
    assert venue["委员沙龙"][:2] == ["1", "2"]
    town = _table(html, "town")
    assert town["昌元街道"][:4] == ["2", "6", "8", "6"]
    assert town["未填写镇街"][:2] == ["1", "2"]  # the salon has no town
    body = _table(html, "body")
    assert body["荣昌区政协"][2] == "10" and body["内江市政协"][2] == "1"


def test_department_response_times_only_from_the_minimum_sample(cworld: CWorld) -> None:
    build_year(cworld)
    _, html = _page("zh")
    dep = _table(html, "department")
    town = dep[cworld.town.name]
    # assigned, solved, open, overdue, median days, satisfaction, response days, on time
    assert town[:2] == ["6", "6"]
    assert town[6:] == ["3", "83.3%"]  # assigned 3 days ago, answered today; one after its deadline
    edu = dep[cworld.edu.name]
    assert edu[0] == "2" and edu[3] == "1"
    # satisfaction, response days and on time withheld: said once, in one merged cell (final re-walk)
    assert edu[5:] == ["样本不足（少于5件）不公布"]
    _, en = _page("en")
    assert _table(en, "department")[cworld.edu.name][5:] == ["Too few items (under 5): not published"]


def test_the_minimum_sample_is_the_body_setting(cworld: CWorld) -> None:
    build_year(cworld)
    cworld.rc.settings = {"publication": {"min_items_for_department_times": 7}}
    cworld.rc.save()
    _, html = _page("zh")
    assert _table(html, "department")[cworld.town.name][5:] == ["样本不足（少于7件）不公布"]


def test_charts_are_svg_with_axis_words_and_a_table_below(cworld: CWorld) -> None:
    build_year(cworld)
    _, html = _page("zh")
    section = re.search(r'data-testid="stats-venue".*?</section>', html, re.S).group(0)  # type: ignore[union-attr]
    svg = re.search(r"<svg.*?</svg>", section, re.S).group(0)  # type: ignore[union-attr]
    assert "协商活动（次）" in svg and "<rect" in svg and "style=" not in svg
    assert ">0.5<" not in svg and ">1<" in svg  # counts: whole-number ticks
    assert section.index("</svg>") < section.index('data-testid="table-venue"')
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # drawn on the server: no chart script


def test_no_personal_data_and_both_languages_read_clean(cworld: CWorld) -> None:
    build_year(cworld)
    names = {"渝事好商量", "荣昌区政协", "内江市政协", "昌元街道", "河包镇", "清江镇",
             *Department.objects.values_list("name", flat=True)}
    for lang in ("zh", "en"):
        status, html = _page(lang)
        assert status == 200
        for secret in (SECRET_NAME, SECRET_PHONE, SECRET_RESIDENT, "委员甲"):
            assert secret not in html
        assert hygiene.problems(hygiene.shown_text(html), lang, names) == []


def test_other_years_and_bodies_and_wrong_choices(cworld: CWorld) -> None:
    year = build_year(cworld)
    status, html = _page("zh", "?body=neijiang")
    assert status == 200 and "内江市政协" in _text(html)
    assert re.search(r'data-testid="stat-raised".*?kpi-value">1 件<', html, re.S)
    _, en = _page("en", "?body=neijiang")
    assert re.search(r'data-testid="stat-raised".*?kpi-value">1 item<', en, re.S)
    assert re.search(r'data-testid="stat-participants".*?kpi-value">4 attendances<', en, re.S)
    status, html = _page("zh", f"?year={year.today.year - 5}")
    assert status == 400 and "E922" in html
    status, html = _page("en", "?body=nowhere")
    assert status == 400 and "E923" in html and "There is no CPPCC body" in html
