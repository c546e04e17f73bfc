"""The data officer on a phone (real headless Chromium, 390 px): the roster upload, its preview
and confirmation, then a class's parents' slips printed once. No page scrolls sideways, no
script error, nothing blocked by the CSP. Screenshots pupils-roster-preview.png and
pupils-slips.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.test_pupils_roster import NEW, ROW_P1, filled_template
from youjun.web.apps.platform.models import User
from youjun.web.apps.pupils.models import Pupil

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def _fits(page: Any, where: str) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"{where}: the page scrolls sideways ({scroll} px)"


def test_roster_preview_confirm_and_slips_on_a_phone(eworld: EWorld, browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "officer")
    page.goto(page.base + f"/pupils/s/{eworld.a1.code}/")
    bullets = page.evaluate("() => [...document.querySelectorAll('[data-testid=app-links] li')]"
                            ".map(li => getComputedStyle(li).listStyleType)")
    assert bullets and set(bullets) == {"none"}, bullets  # link buttons, not a bulleted list
    page.click("text=导入学生名册")
    page.wait_for_load_state()
    _fits(page, "the roster page")
    workbook = tmp_path / "名册.xlsx"
    workbook.write_bytes(filled_template([ROW_P1, NEW]))
    page.set_input_files("input[name=file]", str(workbook))
    page.click("[data-testid=roster-check]")
    page.wait_for_load_state()
    assert "新增学生: 1" in page.locator("[data-testid=preview-new]").inner_text().replace("：", ": ")
    _fits(page, "the preview")
    page.screenshot(path=str(SHOTS / "pupils-roster-preview.png"), full_page=True)
    assert not Pupil.objects.filter(student_id=NEW[3]).exists()  # nothing written before confirming
    page.click("[data-testid=roster-confirm]")
    page.wait_for_load_state()
    assert Pupil.objects.filter(student_id=NEW[3], school=eworld.a1).exists()
    # the new class's accounts: parents' slips, shown once
    new = Pupil.objects.get(student_id=NEW[3])
    class_pk = new.enrolments.get().class_group_id
    page.goto(page.base + f"/pupils/c/{class_pk}/accounts/")
    _fits(page, "the accounts page")
    page.click("[data-testid=make-guardians]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=slip]").count() == 1
    username = page.locator("[data-testid=slip-username]").inner_text().strip()
    password = page.locator("[data-testid=slip-password]").inner_text().strip()
    assert User.objects.get(username=username).check_password(password)
    _fits(page, "the slips")
    page.screenshot(path=str(SHOTS / "pupils-slips.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator("[data-testid=slips-once]").is_hidden()  # the instructions are not printed
    assert page.troubles == []
