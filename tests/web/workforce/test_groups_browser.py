"""The bureau in a real headless Chromium: moves a school into another education group through
the form, sees the group's history and the coverage of quality resources change, then the group
comparison. No script error, nothing blocked by the CSP. Screenshots groups-district.png,
groups-group.png, groups-compare.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.browser_page import SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.groups import services
from youjun.web.apps.groups.models import GroupMembership
from youjun.web.apps.platform.models import EducationGroup

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_bureau_moves_a_school_and_sees_history_and_coverage(wfworld: WFWorld, browser_page: Any) -> None:
    a = wfworld.base.a
    assessment_services.start_run(None, a, "2025-2026")
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    services.move_school(None, wfworld.a1, hongqi, role="lead", start=dt.date(2025, 1, 1))
    services.mark_quality(None, wfworld.a1, basis="区教委优质学校认定", marked_on=dt.date(2025, 1, 10))
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "bureau")
    page.goto(page.base + f"/groups/district/{a.code}/")
    assert page.locator("[data-testid=coverage-percent]").inner_text().strip() == "31.6%"
    page.select_option("[data-testid=move-form] select[name=school]", str(wfworld.a2.pk))
    page.select_option("[data-testid=move-form] select[name=group]", str(hongqi.pk))
    page.fill("[data-testid=move-form] input[name=start]", "2025-03-01")
    page.fill("[data-testid=move-form] input[name=note]", "就近加入红旗集团")
    page.click("[data-testid=move-submit]")
    page.wait_for_load_state()
    assert f"/groups/group/{hongqi.pk}/" in page.url
    history = page.locator("[data-testid=history-table]").inner_text()
    assert "凤凰湖学校" in history and "就近加入红旗集团" in history
    assert GroupMembership.objects.filter(school=wfworld.a2, group=hongqi, end__isnull=True).exists()
    page.screenshot(path=str(SHOTS / "groups-group.png"), full_page=True)
    page.goto(page.base + f"/groups/district/{a.code}/")
    assert page.locator("[data-testid=coverage-percent]").inner_text().strip() == "68.4%"
    page.screenshot(path=str(SHOTS / "groups-district.png"), full_page=True)
    page.click("[data-testid=compare-link]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=theil-row]").count() >= 7
    page.screenshot(path=str(SHOTS / "groups-compare.png"), full_page=True)
    assert page.troubles == []
