"""The handling pages in real headless Chromium at 390 px: the work list (cards), an item with
its step forms, and the assisted-entry form do not scroll sideways; choosing an answer template
fills the answer box (static JS under the CSP, no script errors)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.web.browser_page import (  # noqa: F401
    OUTSIDE,
    PHONE,
    browser_page_fixture,
    log_in,
    skip_without_browser,
)
from tests.web.browser_page import open_on_phone as _open
from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_handling_pages_fit_a_phone_and_the_template_fills_the_answer(cworld: CWorld, browser_page: Any) -> None:
    u = cworld.users
    c = cworld.concern(title="学校门口没有路灯，晚自习放学时路口太黑，孩子过马路很不安全", town="昌元街道")
    services.assign(u["c_staff"], c, cworld.town)
    Concern.objects.filter(pk=c.pk).update(due_on=timezone.localdate() - dt.timedelta(days=4))
    services.save_answer_template(u["c_staff"], cworld.rc, title="路灯已修复", text="您反映的路灯问题已修复。")
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "c_staff")
    _open(page, "/consult/work/", "phone-work-list-zh")
    assert page.evaluate(OUTSIDE, "[data-testid=work-row] td") == []
    _open(page, "/consult/work/overdue/", "phone-overdue-zh")
    _open(page, "/consult/work/record/rongchang/", "phone-record-zh")
    page.context.clear_cookies()
    log_in(page, "c_town")
    _open(page, f"/consult/work/{c.pk}/", "phone-item-town-zh")
    page.select_option("select[data-answer-template]", label="路灯已修复")
    assert page.input_value("textarea[data-answer-box]") == "您反映的路灯问题已修复。"
    assert page.troubles == []
