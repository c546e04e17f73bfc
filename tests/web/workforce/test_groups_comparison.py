"""The group comparison: the engine's per-school values of the latest run grouped by the dated
memberships, with the engine's own Theil decomposition; equal to the engine's between-groups
figure when the memberships equal the workbook's groups; the district panel and page render it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.groups import selectors, services
from youjun.web.apps.platform.models import EducationGroup, School

pytestmark = pytest.mark.django_db
YEAR = "2025-2026"


@pytest.fixture
def assessed(wfworld: WFWorld) -> WFWorld:
    run = assessment_services.start_run(None, wfworld.base.a, YEAR)
    run.refresh_from_db()
    assert run.status == "done", run.error if hasattr(run, "error") else run.status
    return wfworld


def test_no_run_says_so(wfworld: WFWorld) -> None:
    assert selectors.comparison(wfworld.base.a)["status"] == "no_run"


def test_between_groups_matches_the_engine_when_memberships_are_the_workbook_groups(assessed: WFWorld) -> None:
    a = assessed.base.a
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    found = selectors.comparison(a, today=dt.date(2026, 12, 1))
    assert found["status"] == "ok"
    checked = 0
    for lv in found["levels"]:
        for ind in lv["indicators"]:
            assert ind["engine_between"] is not None
            assert ind["between"] == pytest.approx(ind["engine_between"], abs=1e-12)
            assert ind["total"] == pytest.approx(ind["engine_total"], abs=1e-12)
            checked += 1
    assert checked >= 7


def test_moving_a_school_changes_the_split_not_the_total(assessed: WFWorld) -> None:
    a = assessed.base.a
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    services.move_school(None, School.objects.get(code="5001180002"), hongqi, start=dt.date(2025, 10, 1))
    found = selectors.comparison(a, today=dt.date(2026, 12, 1))
    moved = [ind for lv in found["levels"] for ind in lv["indicators"]
             if ind["between"] != pytest.approx(ind["engine_between"], abs=1e-12)]
    assert moved, "a school in another group changes the between-groups part"
    for ind in moved:
        assert ind["total"] == pytest.approx(ind["engine_total"], abs=1e-12)
        assert ind["between"] + ind["within"] == pytest.approx(ind["total"], abs=1e-12)
    # the memberships before the move (comparison date before its start) give the engine's figure again
    before = selectors.comparison(a, today=dt.date(2025, 9, 15))
    for lv in before["levels"]:
        for ind in lv["indicators"]:
            assert ind["between"] == pytest.approx(ind["engine_between"], abs=1e-12)


def test_compare_page_and_district_panel_render(assessed: WFWorld) -> None:
    a = assessed.base.a
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    c = Client()
    c.force_login(assessed.user("analyst"))
    page = c.get(f"/groups/district/{a.code}/compare/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "红旗教育集团" in body and 'data-testid="theil-row"' in body
    district = c.get(f"/d/{a.code}/")
    assert district.status_code == 200
    assert 'data-testid="groups-district-panel"' in district.content.decode()
