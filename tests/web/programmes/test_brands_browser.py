"""A brand's approval in a real headless Chromium: a school's data officer (on a 390 px phone)
applies with an emblem and submits, the bureau starts the review and returns it with a reason,
the officer edits and resubmits, the bureau approves; the school applies for acceptance and the
bureau scores it above the pass mark. No script error, nothing blocked by the CSP. Screenshot
party-brand-approval.png of the brand's page, in Chinese (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import OUTSIDE, PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.brands import demo
from youjun.web.apps.party.brands.models import Acceptance, Brand

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _as(page: Any, user: str) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def _step(page: Any, action: str, comment: str = "") -> None:
    form = f"[data-testid=pb-step-{action}]"
    if comment:
        page.fill(f"{form} textarea[name=comment]", comment)
    page.click(f"[data-testid=pb-do-{action}]")
    page.wait_for_load_state()


def test_a_brand_is_returned_resubmitted_approved_and_accepted(pworld: PWorld, browser_page: Any,
                                                               tmp_path: Path) -> None:
    import random

    emblem = tmp_path / "红烛先锋.png"
    emblem.write_bytes(demo.emblem_png(random.Random(3), 400))
    page = browser_page
    page.set_viewport_size(PHONE)
    _as(page, "officer")
    page.goto(page.base + f"/party/brands/school/{pworld.wf.a1.code}/")
    assert page.evaluate(OUTSIDE, "main *") == []  # the school's page fits a phone
    page.fill("[data-testid=pb-new-form] input[name=name]", "红烛先锋")
    page.fill("[data-testid=pb-new-form] textarea[name=meaning]", "以红烛精神引领教师，点亮学生成长之路。")
    page.set_input_files("[data-testid=pb-new-form] input[name=emblem]", str(emblem))
    page.click("[data-testid=pb-new-submit]")
    page.wait_for_load_state()
    brand = Brand.objects.get(name="红烛先锋")
    assert f"/party/brands/brand/{brand.pk}/" in page.url
    assert page.locator("[data-testid=pb-emblem]").evaluate("img => img.naturalWidth") == 400
    _step(page, "submit")
    assert page.locator("[data-testid=pb-state]").inner_text() == "已提交"
    assert page.evaluate(OUTSIDE, "main *") == []  # the brand's page fits a phone too

    page.set_viewport_size({"width": 1280, "height": 900})
    _as(page, "bureau")
    page.goto(page.base + f"/party/brands/district/{pworld.base.a.code}/queue/")
    page.click("text=红烛先锋")
    page.wait_for_load_state()
    _step(page, "review")
    _step(page, "return", "释义请结合学校“立德树人”的办学理念")
    assert page.locator("[data-testid=pb-state]").inner_text() == "已退回"

    _as(page, "officer")
    page.goto(page.base + f"/party/brands/brand/{brand.pk}/")
    assert "释义请结合学校“立德树人”的办学理念" in page.locator("[data-testid=pb-history]").inner_text()
    page.click("text=修改申报")
    page.fill("[data-testid=pb-edit-form] textarea[name=meaning]",
              "红烛精神：燃烧自己、照亮他人，与学校“立德树人”的办学理念相融合。")
    page.click("[data-testid=pb-edit-submit]")
    page.wait_for_load_state()
    _step(page, "submit", "已按意见修改释义")

    _as(page, "bureau")
    page.goto(page.base + f"/party/brands/brand/{brand.pk}/")
    _step(page, "review")
    _step(page, "approve", "同意命名")
    assert page.locator("[data-testid=pb-state]").inner_text() == "已命名"

    _as(page, "officer")
    page.goto(page.base + f"/party/brands/brand/{brand.pk}/")
    page.click("[data-testid=pb-apply]")
    page.wait_for_load_state()

    _as(page, "bureau")
    page.goto(page.base + f"/party/brands/brand/{brand.pk}/")
    for key, score in (("organisation", "95"), ("connotation", "92"), ("carriers", "88"), ("outcomes", "90"),
                       ("demonstration", "85")):
        page.fill(f"[data-testid=pb-score-form] input[name=score_{key}]", score)
    page.fill("[data-testid=pb-score-form] input[name=note_outcomes]", "学生志愿服务成效明显")
    page.click("[data-testid=pb-score-submit]")
    page.wait_for_load_state()
    # (95×20 + 92×20 + 88×20 + 90×25 + 85×15) / 100 = 90.3, above the pass mark of 80
    assert page.locator("[data-testid=pb-total]").inner_text().startswith("90.3")
    assert "合格" in page.locator("[data-testid=pb-acc-state]").inner_text()
    assert Acceptance.objects.get(brand=brand).state == "accepted"
    history = page.locator("[data-testid=pb-history]").inner_text()
    assert history.count("已提交") >= 2 and "已退回" in history and "同意命名" in history
    page.screenshot(path=str(SHOTS / "party-brand-approval.png"), full_page=True)
    assert page.troubles == []
