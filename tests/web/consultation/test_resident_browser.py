"""The resident's form on a phone (390 px) in real headless Chromium: register, raise a concern
with a photo, see the confirmation and the public page; no page scrolls sideways, no script
error, nothing blocked by the Content-Security-Policy."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import PHONE, browser_page_fixture, skip_without_browser  # noqa: F401
from tests.web.consultation.cworld import CWorld
from tests.web.consultation.photo_bytes import jpeg_bytes
from tests.web.world import PASSWORD
from youjun.web.apps.consultation.models import Concern

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))


def _no_sideways_scroll(page: Any, where: str) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"{where}: the page scrolls sideways ({scroll} px)"


def test_a_resident_raises_a_concern_on_a_phone(cworld: CWorld, browser_page: Any, tmp_path: Path) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    photo = tmp_path / "路灯.jpg"
    photo.write_bytes(jpeg_bytes((1200, 900)))
    page.goto(page.base + "/consult/raise/")
    _no_sideways_scroll(page, "raise (signed out)")
    page.click("[data-testid=raise-register]")
    page.wait_for_load_state()
    _no_sideways_scroll(page, "register")
    page.fill("input[name=username]", "王大爷")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=phone]", "13812345678")
    page.fill("input[name=town]", "昌元街道")
    page.click("[data-testid=register-submit]")
    page.wait_for_url("**/consult/raise/")
    _no_sideways_scroll(page, "raise")
    page.screenshot(path=str(SHOTS / "consult-raise-phone-zh.png"), full_page=True)
    # a mistake first: what was typed stays, the problem is said next to the field
    page.fill("textarea[name=text]", "路口的路灯坏了很久，晚上孩子放学很危险。")
    page.click("[data-testid=raise-submit]")
    page.wait_for_load_state()
    assert page.is_visible("[data-testid=error-title]")
    assert page.input_value("textarea[name=text]").startswith("路口的路灯坏了很久")
    _no_sideways_scroll(page, "raise with errors")
    page.fill("input[name=title]", "学校门口路灯坏了")
    page.select_option("select[name=category]", "lighting")
    page.set_input_files("input[name=photos]", str(photo))
    page.click("[data-testid=raise-submit]")
    page.wait_for_load_state()
    concern = Concern.objects.get(title="学校门口路灯坏了")
    assert page.inner_text("[data-testid=raised-number]") == concern.number
    _no_sideways_scroll(page, "submitted")
    page.goto(page.base + f"/consult/c/{concern.number}/")
    page.wait_for_load_state("networkidle")
    _no_sideways_scroll(page, "public item")
    width = page.evaluate("() => document.querySelector('.c-photos img').naturalWidth")
    assert width == 1200  # the photo is served (CSP allows it) at its stored size
    assert "13812345678" not in page.content()
    page.screenshot(path=str(SHOTS / "consult-item-phone-zh.png"), full_page=True)
    # the one 400 is the form sent with a mistake on purpose (the page says what to fix)
    assert [t for t in page.troubles if "status of 400" not in t] == []
