"""The bureau in a real headless Chromium: opens the compliance view of the district's party
organisations, filters to the schools with split posts, opens a school whose secretary is also
its principal, records a new principal there and comes back to the list, where the school is now
split and the count has changed. No script error, nothing blocked by the CSP. Screenshot
party-compliance.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.browser_page import SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party import services
from youjun.web.apps.party.models import PostHolding

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()

DAY = dt.date(2024, 9, 1)


def test_bureau_records_a_principal_and_the_school_turns_split(pworld: PWorld, browser_page: Any) -> None:
    a, a1, a2 = pworld.base.a, pworld.wf.a1, pworld.wf.a2
    root = services.create_organisation(None, a, name="中共永川区委教育工作委员会", kind="committee", founded=DAY)
    services.create_organisation(None, a, name=f"中共{a1.name}党委", kind="committee", founded=DAY, school=a1,
                                 parent=root, members=46)
    services.create_organisation(None, a, name=f"中共{a2.name}党支部", kind="branch", founded=DAY, school=a2,
                                 parent=root, members=18)
    services.appoint(None, post="secretary", person="孙明", start=DAY, school=a1)
    services.appoint(None, post="principal", person="钱芳", start=DAY, school=a1)
    services.appoint(None, post="full_deputy", person="周静", start=DAY, school=a1)
    services.appoint(None, post="secretary", person="郑三", start=DAY, school=a2)
    services.appoint(None, post="principal", person="郑三", start=DAY, school=a2)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "bureau")
    page.goto(page.base + f"/party/district/{a.code}/compliance/")
    assert page.locator("[data-testid=count-split] strong").inner_text().startswith("1")
    page.click("[data-testid=count-split]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=compliance-row]").count() == 1
    page.click("[data-testid=count-combined]")
    page.wait_for_load_state()
    page.click(f"[data-testid=school-link]:has-text('{a2.name}')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=party-status]").inner_text().strip() == "一肩挑"
    page.click("[data-testid=appoint-details] summary")
    page.select_option("[data-testid=appoint-form] select[name=post]", "principal")
    page.fill("[data-testid=appoint-form] input[name=person]", "王新")
    page.fill("[data-testid=appoint-form] input[name=start]", dt.date.today().isoformat())
    page.click("[data-testid=appoint-submit]")
    page.wait_for_load_state()
    assert "/compliance/" in page.url  # back to the list it came from
    page.click("[data-testid=count-split]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=count-split] strong").inner_text().startswith("2")
    assert page.locator("[data-testid=compliance-row]").count() == 2
    assert "王新" in page.locator("[data-testid=compliance-table]").inner_text()
    assert PostHolding.objects.get(school=a2, post="principal", end__isnull=False).end == \
        dt.date.today() - dt.timedelta(days=1)
    page.screenshot(path=str(SHOTS / "party-compliance.png"), full_page=True)
    # the school's own page on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + f"/party/school/{a2.code}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.troubles == []
