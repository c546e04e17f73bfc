"""Every row of the rectification list names its school: a school that is not an assessed section
(a teaching point, a special school) but that a G/Q item names (G9 training hours, Q3) is shown
by its name, never as ``None``; on the real engine's result of the sample district S."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pytest
from django.test import Client

from tests.web.world import World
from youjun.assess import assess_tables
from youjun.report.rectification import build_rectification
from youjun.web.apps.assessment import selectors as assessment_selectors
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.schools import services as school_services

YEAR = "2025-2026"


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    from youjun.sample import generate

    return generate("S", 2023, school_year=YEAR)


def _unassessed(result: dict[str, Any]) -> dict[str, str]:
    """Schools the findings name that have no assessed section: code -> name in the data."""
    sections = {str(s["code"]) for s in result["schools"]}
    return {str(f["school_code"]): str(f["school_name"]) for f in result["findings"]
            if f.get("school_code") and str(f["school_code"]) not in sections}


def test_a_school_named_only_by_an_item_keeps_its_name() -> None:
    result = assess_tables(_tables())[0]
    outside = _unassessed(result)
    assert outside, "S 2023 has teaching points that G9 names"
    rows = {r["code"]: r for r in build_rectification(result)["rows"]}
    for code, name in outside.items():
        assert rows[code]["name"] == name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_row_of_the_page_shows_none(world: World, lang: str) -> None:
    school_services.store_snapshot(None, world.a, _tables(), source="S.xlsx")
    run = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    run.refresh_from_db()
    assert run.status == AssessmentRun.Status.DONE
    c = Client()
    c.force_login(world.users["bureau"])
    c.cookies["youjun_language"] = lang
    html = c.get(f"/runs/{run.pk}/rectification/").content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\bNone\b", text)
    for code, name in _unassessed(assessment_selectors.result_of(run)).items():
        assert name in html and code in html
    for link in set(re.findall(rf'href="(/runs/{run.pk}/[^"?#]*)"', html)):  # no row links to a 404
        assert c.get(link).status_code == 200, link
