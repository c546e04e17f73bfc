"""The fitness standard in real headless Chromium: the school's data officer imports the year's
workbook (upload → preview → confirm), the head teacher reads the class's statistics and the
parent reads the child's report card on a phone (390 px). No page scrolls sideways, no script
error, nothing blocked by the CSP. Screenshots fitness-class-stats.png and
fitness-report-card.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import (  # noqa: F401
    PHONE,
    SHOTS,
    browser_page_fixture,
    log_in,
    skip_without_browser,
)
from tests.web.evaluation.eworld import SECRET_ID, EWorld
from tests.web.evaluation.test_fitness_import import GRADE3, YEAR, a1_rows, core_of, xlsx
from youjun.web.apps.fitness.models import Result

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _fits(page: Any, where: str) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"{where}: the page scrolls sideways ({scroll} px)"


def test_import_then_class_statistics_then_the_parents_report_card(eworld: EWorld, browser_page: Any) -> None:
    page = browser_page
    p1, c1 = eworld.pupils["p1"], eworld.classes["c1"]
    log_in(page, "officer")
    page.goto(page.base + f"/fitness/s/{eworld.a1.code}/import/")
    page.select_option("select[name=school_year]", YEAR)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "体测.xlsx"
        path.write_bytes(xlsx(a1_rows(eworld)))
        page.set_input_files("input[name=file]", str(path))
        page.locator("[data-testid=fitness-check]").click()
        page.wait_for_load_state()
    assert page.locator("[data-testid=fitness-preview]").count() == 1
    page.locator("[data-testid=fitness-confirm]").click()
    page.wait_for_load_state()
    assert Result.objects.filter(school=eworld.a1, school_year=YEAR).count() == 3
    page.context.clear_cookies()
    # the head teacher, on a phone: the class's statistics and pupils
    page.set_viewport_size(PHONE)
    log_in(page, "teacher")
    page.goto(page.base + f"/fitness/c/{c1.pk}/")
    _fits(page, "class statistics")
    assert page.locator("[data-testid=pupil-row]").count() == 2
    page.screenshot(path=str(SHOTS / "fitness-class-stats.png"), full_page=True)
    page.context.clear_cookies()
    # the parent: the child's report card with the core's total
    log_in(page, "parent")
    page.goto(page.base + f"/fitness/p/{p1.pk}/")
    _fits(page, "report card")
    total = str(core_of(GRADE3, 3, "male", SECRET_ID).total)
    assert page.locator("[data-testid=card-total-value]").inner_text() == total
    assert SECRET_ID not in page.content()
    page.screenshot(path=str(SHOTS / "fitness-report-card.png"), full_page=True)
    assert page.troubles == []
