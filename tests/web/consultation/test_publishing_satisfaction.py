"""Satisfaction is defined once — the raiser's latest rating of each item raised in the year —
and every satisfaction figure on the statistics page can be recomputed from the year's open
data (``latest_raiser_satisfaction``); a department's satisfaction needs the minimum sample;
the per-body rows say that joint items count under each owning body."""

from __future__ import annotations

import csv
import io
import re

from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.consultation.test_publishing_stats import _page, _table, _text
from tests.web.consultation.test_publishing_world import build_year
from youjun.core.consultation import VENUES
from youjun.web.apps.consultation import services, statistics


def _csv(query: str) -> list[dict[str, str]]:
    r = Client().get(f"/consult/open-data/?{query}")
    assert r.status_code == 200
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def _expected(rows: list[dict[str, str]]) -> str:
    rated = [r["latest_raiser_satisfaction"] for r in rows if r["latest_raiser_satisfaction"]]
    if not rated:
        return "—"
    good = sum(1 for s in rated if s in ("satisfied", "partly"))
    return f"{good / len(rated) * 100:,.1f}%（{len(rated):,} 件）"


def test_every_satisfaction_figure_on_the_page_is_recomputed_from_the_csv(cworld: CWorld) -> None:
    year = build_year(cworld)
    # a member's 'not' on a satisfied item does not count: only the raiser's latest rating does
    services.rate(cworld.users["c_member"], year.town_items[0], satisfaction="not", fixed="not_fixed")
    y = year.today.year
    rows = _csv(f"dataset=items&format=csv&year={y}")
    assert {"latest_raiser_satisfaction", "latest_raiser_fixed"} <= set(rows[0])
    status, html = _page("zh", f"?year={y}")
    assert status == 200
    sat = re.search(r'data-testid="stat-satisfaction".*?kpi-value">(.*?)</div>', html, re.S)
    assert sat and sat.group(1) == _expected(rows)  # 6 of 7: 85.7%（7 件）

    def column(key: str) -> int:
        return statistics.COLUMNS[key].index("satisfaction")

    venue = _table(html, "venue")
    for code, (zh, _en) in VENUES.items():
        assert venue[zh][column("venue")] == _expected([r for r in rows if r["venue"] == code]), zh
    if statistics.NO_VENUE[0] in venue:
        assert venue[statistics.NO_VENUE[0]][column("venue")] == _expected([r for r in rows if not r["venue"]])
    town = _table(html, "town")
    for label, cells in town.items():
        want = "" if label == statistics.NO_TOWN[0] else label
        assert cells[column("town")] == _expected([r for r in rows if r["town"] == want]), label
    minimum = 5
    department = _table(html, "department")
    assert department
    for label, cells in department.items():
        mine = [r for r in rows if r["department"] == label]
        n = sum(1 for r in mine if r["latest_raiser_satisfaction"])
        want = _expected(mine) if n >= minimum else f"样本不足（少于{minimum}件）不公布"
        assert cells[column("department")] == want, label
    body = _table(html, "body")
    for b in (cworld.rc, cworld.nj):
        mine = [r for r in rows if r["body"] == b.code or b.code in r["joint_bodies"].split(";")]
        assert body[b.name][column("body")] == _expected(mine), b.name


def test_a_department_below_the_minimum_shows_too_few_for_satisfaction(cworld: CWorld) -> None:
    build_year(cworld)
    _, html = _page("zh")
    dep = _table(html, "department")
    sat = statistics.COLUMNS["department"].index("satisfaction")
    assert dep[cworld.edu.name][sat] == "样本不足（少于5件）不公布"  # one rated item
    assert dep[cworld.town.name][sat] == "100.0%（6 件）"


def test_per_body_rows_say_joint_items_count_under_each_body(cworld: CWorld) -> None:
    build_year(cworld)
    _, html = _page("zh")
    body = _table(html, "body")
    raised = statistics.COLUMNS["body"].index("raised")
    assert body[cworld.rc.name][raised] == "10" and body[cworld.nj.name][raised] == "1"
    total = [label for label in body if label.startswith("全部政协")]
    assert total, body.keys()
    assert body[total[0]][raised] == "10"  # the joint item once, not 11
    assert "联合议题同时计入每个共同办理的政协" in _text(html)
    _, en = _page("en")
    assert "A joint item counts under each body that owns it" in _text(en)
