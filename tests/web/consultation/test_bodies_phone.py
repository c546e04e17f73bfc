"""Running a body in real headless Chromium on a 390 px phone: staff add a member with a new
account and a department with forms only; every page of the area fits the screen (no sideways
scroll, no script error, no CSP report)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import OUTSIDE, PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation.models import Department, Participant

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _fits(page: Any, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"consult-body-{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page scrolls sideways ({width} px)"
    assert page.evaluate(OUTSIDE, "main *:not(.scroll *)") == [], name
    assert page.troubles == [], page.troubles


def test_running_a_body_on_a_phone(cworld: CWorld, browser_page: Any) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "c_staff")
    base = page.base + "/consult/b/rongchang/"
    page.goto(base + "people/")
    _fits(page, "people")
    page.select_option("[data-testid=person-form] select[name=kind]", "member")
    page.fill("[data-testid=person-form] input[name=new_username]", "rc-wangjh")
    page.fill("[data-testid=person-form] input[name=full_name]", "王建华")
    page.fill("[data-testid=person-form] input[name=sector]", "教育界")
    page.fill("[data-testid=person-form] input[name=phone]", "13812345678")
    page.click("[data-testid=person-save]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=initial-password]").count() == 1
    assert Participant.objects.filter(user__username="rc-wangjh", kind="member").exists()
    _fits(page, "people-created")
    page.goto(base + "departments/")
    page.fill("[data-testid=department-form] input[name=name]", "荣昌区水利局")
    page.select_option("[data-testid=department-form] select[name=kind]", "water")
    page.click("[data-testid=department-save]")
    page.wait_for_load_state()
    assert Department.objects.filter(name="荣昌区水利局").exists()
    _fits(page, "departments")
    for name in ("", "roster/", "studios/", "settings/", f"departments/{cworld.edu.pk}/",
                 f"studios/{cworld.studio.pk}/", f"people/{Participant.objects.get(user__username='rc-wangjh').pk}/"):
        page.goto(base + name)
        _fits(page, name.strip("/").replace("/", "-") or "overview")
