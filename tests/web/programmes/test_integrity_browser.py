"""Clean schools in a real headless Chromium: the bureau records an activity against a key point
through the form and sees the campaign's progress change, grants a case handler; the handler
opens a case and the bureau is answered 404 on it; a school's officer opens the school's page on a
390 px phone. No script error, nothing blocked by the CSP. Screenshots integrity-district.png,
integrity-school-phone.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.browser_page import PHONE, SHOTS, browser_page_fixture, log_in, open_on_phone, skip_without_browser  # noqa: F401
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.integrity import services
from youjun.web.apps.party.integrity.models import Activity, KeyPoint

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_bureau_records_against_a_key_point_and_sees_progress(pworld: PWorld, browser_page: Any) -> None:
    a = pworld.base.a
    camp = services.create_campaign(pworld.user("bureau"), a, name="清风校园，廉洁入心", start=dt.date(2025, 3, 1),
                                    end=None, stages=["动员部署", "学习教育"], key_points=["签订承诺书", "观看警示片"])
    kp = KeyPoint.objects.get(campaign=camp, order=2)
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/party/integrity/district/{a.code}/")
    assert "观看警示片" in page.locator("[data-testid=kp-without]").inner_text()
    form = "[data-testid=activity-form]"
    page.fill(f"{form} input[name=title]", "观看警示教育片")
    page.select_option(f"{form} select[name=school]", str(pworld.wf.a1.pk))
    page.select_option(f"{form} select[name=kind]", "warning")
    page.select_option(f"{form} select[name=layer]", "ethics")
    page.fill(f"{form} input[name=held_on]", "2025-04-02")
    page.fill(f"{form} input[name=participants]", "86")
    page.check(f"{form} input[name=kinds][value=teachers]")
    page.select_option(f"{form} select[name=stage]", str(camp.stages.get(order=2).pk))
    page.select_option(f"{form} select[name=key_point]", str(kp.pk))
    page.click("[data-testid=activity-submit]")
    page.wait_for_load_state()
    assert "/party/integrity/activity/" in page.url, page.content()[:2000]
    assert Activity.objects.get().key_point == kp
    page.goto(page.base + f"/party/integrity/district/{a.code}/")
    assert "1" in page.locator("[data-testid=kp-2]").inner_text()
    assert "观看警示片" not in page.locator("[data-testid=kp-without]").inner_text()
    page.screenshot(path=str(SHOTS / "integrity-district.png"), full_page=True)
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, "officer")
    open_on_phone(page, f"/party/integrity/school/{pworld.wf.a1.code}/", "integrity-school-phone")
    assert page.locator("[data-testid=activity-row]").count() == 1
    assert page.troubles == []


def test_a_granted_handler_opens_a_case_the_bureau_cannot(pworld: PWorld, browser_page: Any) -> None:
    a = pworld.base.a
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/party/integrity/district/{a.code}/handlers/")
    page.fill("[data-testid=grant-form] input[name=username]", "ethics")
    page.click("[data-testid=grant-submit]")
    page.wait_for_load_state()
    assert "ethics" in page.locator("[data-testid=grants-table]").inner_text()
    case = services.open_case(pworld.user("ethics"), a, staff_id=pworld.wf.teachers["t2"].staff_id,
                              received_on=dt.date(2025, 5, 1), source="hotline", summary="浏览器测试的线索摘要")
    page.context.clear_cookies()
    log_in(page, "ethics")
    page.click(f"[data-testid=integrity-cases-{a.code}]")
    page.wait_for_load_state()
    page.click("[data-testid=case-row] a")
    page.wait_for_load_state()
    assert "浏览器测试的线索摘要" in page.locator("[data-testid=case-summary]").inner_text()
    assert "ethics" in page.locator("[data-testid=case-reads]").inner_text()
    page.context.clear_cookies()
    log_in(page, "bureau")
    response = page.goto(page.base + f"/party/integrity/case/{case.pk}/")
    assert response is not None and response.status == 404
    assert "浏览器测试的线索摘要" not in page.content()
    assert [t for t in page.troubles if "404" not in t] == []
