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
from youjun.web.apps.schooleval import services
from youjun.web.apps.schooleval.models import Evaluation

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
YEAR = services.current_year()  # a past year's tree no longer changes
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
    _radios_beside_their_words(page, "level_B1.1")
    page.click("[data-testid=se-submit]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=se-missing]").count() == 0  # all judged: only the question
    page.click("[data-testid=se-confirm-submit]")
    page.wait_for_load_state()
    assert "已提交教育局" in page.inner_text("ul.messages")
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
    _radios_beside_their_words(page, "rlevel_B1.1")
    page.click("[data-testid=se-finalise]")
    page.wait_for_load_state()
    page.click("[data-testid=se-confirm-finalise]")
    page.wait_for_load_state()
    assert "已确定结果" in page.inner_text("ul.messages")
    assert "已确定结果" in page.inner_text("[data-testid=se-state]")
    assert Evaluation.objects.get(school__code=SCHOOL).state == "final"
    levels = page.eval_on_selector_all("[data-testid=se-area-review]",
                                       "xs => xs.map(x => x.textContent.trim().split(/\\s/)[0])")
    assert levels == ["良好", "优秀", "优秀", "优秀", "优秀"]
    page.goto(page.base + _school_path())
    panel = page.inner_text("[data-testid=schooleval-school-panel]")
    assert "已确定结果" in panel and "良好" in panel
    assert page.troubles == []


def _radios_beside_their_words(page: Any, name: str) -> None:
    """Each judgement radio sits on the line of its word, just left of it (testers saw them above)."""
    boxes = page.eval_on_selector_all(
        f"input[name='{name}']",
        "xs => xs.map(x => { const r = x.getBoundingClientRect(), t = x.nextElementSibling.getBoundingClientRect();"
        " return [r.top + r.height / 2, t.top + t.height / 2, r.right, t.left]; })")
    assert len(boxes) == 4
    for radio_mid, word_mid, radio_right, word_left in boxes:
        assert abs(radio_mid - word_mid) <= 4, boxes
        assert 0 <= word_left - radio_right <= 16, boxes


def _school_path() -> str:
    from django.urls import reverse

    return reverse("schools:school", args=[SCHOOL])
