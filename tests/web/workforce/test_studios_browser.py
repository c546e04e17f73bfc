"""A studio in a real browser (headless Chromium): the host, on a phone (390 px), records an
output with an evidence photo from the studio's page; then the bureau reviews the year against
the plan and the review shows in the studio's history. No sideways scrolling on the phone, no
script error, nothing blocked by the CSP. Screenshot workforce-studio.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.web.browser_page import PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.workforce.matrix_rules_studios import make_objects, png
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.studios import services
from youjun.web.apps.workforce.studios.models import Output, Review, Studio

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _fits(page: Any, where: str) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"{where}: the page scrolls sideways ({scroll} px)"


def test_the_host_records_an_output_and_the_bureau_reviews_the_year(wfworld: WFWorld, browser_page: Any,
                                                                   tmp_path: Path) -> None:
    page = browser_page
    ids = make_objects(wfworld)
    s1 = Studio.objects.get(pk=ids["studio_s1"])
    today = timezone.localdate()
    services.save_plan(wfworld.user("bureau"), s1, year=today.year, goals="打造区级语文示范课",
                       activities="每月一次送教", targets={"open_class": 2, "paper": 1})
    photo = tmp_path / "示范课.png"
    photo.write_bytes(png())

    page.set_viewport_size(PHONE)
    log_in(page, "teacher")
    page.goto(page.base + "/workforce/studios/mine/")
    page.click(f"text={s1.name}")
    page.wait_for_load_state()
    _fits(page, "the studio page")
    page.click("[data-testid=studio-output-add]")
    page.wait_for_load_state()
    _fits(page, "the output form")
    page.select_option("select[name=kind]", "open_class")
    page.fill("input[name=title]", "示范课《秋天的雨》")
    page.fill("input[name=day]", today.isoformat())
    page.check(f"input[name=people][value={wfworld.teachers['t1'].staff_id}]")
    page.check(f"input[name=people][value={wfworld.teachers['ta2'].staff_id}]")
    page.set_input_files("input[name=evidence]", str(photo))
    page.click("[data-testid=output-save]")
    page.wait_for_load_state()
    out = Output.objects.get(title="示范课《秋天的雨》")
    assert out.evidence is not None and out.people.count() == 2
    assert "示范课《秋天的雨》" in page.locator("[data-testid=studio-outputs]").inner_text()
    progress = page.locator("[data-testid=studio-progress]").inner_text()
    assert "公开课/示范课" in progress
    _fits(page, "the studio page with the output")
    r = page.request.get(page.base + f"/workforce/studios/output/{out.pk}/evidence/")
    assert r.status == 200 and r.headers["content-type"] == "image/jpeg"
    assert page.troubles == []

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1360, "height": 900})
    log_in(page, "bureau")
    page.goto(page.base + f"/workforce/studios/d/{wfworld.base.a.code}/")
    page.click(f"[data-testid=studio-list] >> text={s1.name}")
    page.wait_for_load_state()
    page.click("[data-testid=studio-review]")
    page.wait_for_load_state()
    table = page.locator("[data-testid=review-progress]").inner_text()
    done = 1 + (1 if today.year == 2025 else 0)  # the matrix objects' output is dated 2025-10-09
    assert f"{done} 个" in table
    page.check("input[name=rating][value=excellent]")
    page.fill("textarea[name=comment]", "示范引领作用明显")
    page.click("[data-testid=review-save]")
    page.wait_for_load_state()
    review = Review.objects.get(studio=s1)
    assert review.year == today.year and review.rating == "excellent"
    assert review.counts["open_class"]["done"] == done
    history = page.locator("[data-testid=studio-reviews]").inner_text()
    assert "优秀" in history and "示范引领作用明显" in history
    page.screenshot(path=str(SHOTS / "workforce-studio.png"), full_page=True)
    assert page.troubles == []
