"""The school evaluation in real headless Chromium: the bureau adds a consideration on the
district's tree (screenshot schooleval-tree.png), the school officer self-evaluates on a phone
and submits, the bureau reviews and finalises, and the result shows on the school page.
Screenshots go to $YOUJUN_SCREENSHOT_DIR (docs/images to refresh the committed ones)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import (  # noqa: F401
    PHONE,
    SHOTS,
    browser_page_fixture,
    log_in,
    skip_without_browser,
)
from tests.web.world import A, World
from youjun.core import schooleval as se
from youjun.web.apps.schooleval.models import Evaluation

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
YEAR = "2025-2026"
SCHOOL = A + "0001"


def _log_out(page: Any) -> None:
    page.context.clear_cookies()


def test_tree_self_evaluation_review_in_the_browser(world: World, browser_page: Any) -> None:
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/school-eval/d/{A}/tree/?year={YEAR}")
    assert "学校办学质量评价指标" in page.inner_text("h1")
    assert page.locator("[data-testid=se-area]").count() == 5
    assert page.locator("[data-testid=se-indicator]").count() == 12
    assert "不给学校下达升学指标" in page.inner_text("[data-testid=se-prohibitions]")
    # add a local consideration to B3
    page.click("[data-testid=se-indicator][data-code=B3] details.se-add summary")
    form = page.locator("[data-testid=se-add-B3]")
    form.locator("input[name=zh]").fill("课后服务覆盖情况")
    form.locator("input[name=evaluators][value=self]").check()
    form.locator("input[name=evaluators][value=parent_survey]").check()
    form.locator("input[name=evidence]").fill("课后服务安排表")
    form.locator("button[value=add]").click()
    page.wait_for_load_state()
    row = page.locator("[data-testid=se-consideration][data-code='B3.3']")
    assert "课后服务覆盖情况" in row.inner_text() and "本地规则" in row.inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "schooleval-tree.png"), full_page=False)
    _log_out(page)

    # the school officer, on a phone: every consideration judged, then submitted
    page.set_viewport_size(PHONE)
    log_in(page, "officer")
    page.goto(page.base + f"/school-eval/s/{SCHOOL}/{YEAR}/")
    items = page.locator("[data-testid=se-item]")
    assert items.count() == len(se.considerations(se.seed_tree())) + 1
    for code in page.eval_on_selector_all("[data-testid=se-item]", "xs => xs.map(x => x.dataset.code)"):
        page.check(f"input[name='level_{code}'][value=good]")
    page.fill("textarea[name='note_B1.1']", "每月召开党组织会议")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"the self-evaluation scrolls sideways ({scroll} px)"
    page.click("[data-testid=se-submit]")
    page.wait_for_load_state()
    assert "已提交待复核" in page.inner_text("[data-testid=se-state]")
    page.screenshot(path=str(SHOTS / "schooleval-self-phone.png"), full_page=False)
    _log_out(page)

    # the bureau reviews: one indicator lower, then finalises
    page.set_viewport_size({"width": 1360, "height": 900})
    log_in(page, "bureau")
    page.goto(page.base + f"/school-eval/s/{SCHOOL}/{YEAR}/")
    for code in page.eval_on_selector_all("[data-testid=se-item]", "xs => xs.map(x => x.dataset.code)"):
        page.check(f"input[name='rlevel_{code}'][value={'pass' if code.startswith('B2.') else 'excellent'}]")
    page.fill("textarea[name=comment]", "自评客观，材料齐全。")
    page.click("[data-testid=se-finalise]")
    page.wait_for_load_state()
    assert "已确定结果" in page.inner_text("[data-testid=se-state]")
    assert Evaluation.objects.get(school__code=SCHOOL).state == "final"
    levels = page.eval_on_selector_all("[data-testid=se-area-review]", "xs => xs.map(x => x.textContent.trim())")
    assert levels == ["良好", "优秀", "优秀", "优秀", "优秀"]
    page.goto(page.base + _school_path())
    panel = page.inner_text("[data-testid=schooleval-school-panel]")
    assert "已确定结果" in panel and "良好" in panel
    assert page.troubles == []


def _school_path() -> str:
    from django.urls import reverse

    return reverse("schools:school", args=[SCHOOL])
