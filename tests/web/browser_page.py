"""A headless Chromium on pytest-django's live server: for browser checks that need only a
few pages of the small test world (the full seeded server of test_browser.py is heavier)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, FLAGS, skip_without_browser
from tests.web.world import PASSWORD


@pytest.fixture(name="browser_page")
def browser_page_fixture(live_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A page on the live server; records script errors, CSP reports and dialogs (alert)."""
    sync_api = skip_without_browser()
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM,
                                                        headless=True, args=FLAGS, locale="zh-CN",
                                                        viewport={"width": 1360, "height": 900})
        page = context.pages[0] if context.pages else context.new_page()
        page.base = live_server.url
        page.troubles = []
        page.on("pageerror", lambda e: page.troubles.append(f"script error: {e}"))
        page.on("console", lambda m: page.troubles.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("dialog", lambda d: (page.troubles.append(f"dialog: {d.message}"), d.dismiss()))
        try:
            yield page
        finally:
            context.close()


def log_in(page: Any, username: str) -> None:
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_load_state()
    assert "/login/" not in page.url, page.content()[:1000]


# -- a phone's screen (390 px) -----------------------------------------------------------------

SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))
PHONE = {"width": 390, "height": 844}
# The elements of a selector that stick out of the screen on either side.
OUTSIDE = """sel => [...document.querySelectorAll(sel)].filter(e => { const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > document.documentElement.clientWidth + 1 || r.left < -1); })
    .map(e => e.tagName + ':' + e.textContent.trim().slice(0, 20))"""


def assessed_run(world: Any, year: str) -> Any:
    """The bureau runs the assessment of district A's ``year`` (the test world's data)."""
    from django.test import Client

    from tests.web.world import A
    from youjun.web.apps.assessment.models import AssessmentRun

    c = Client()
    c.force_login(world.users["bureau"])
    assert c.post(f"/d/{A}/runs/", {"year": year}).status_code == 302
    run = AssessmentRun.objects.get(school_year=year)
    assert run.status == "done", run.error
    return run


def shoot(page: Any, path: str, shot: str) -> None:
    """Open ``path``, wait for it to settle and keep a full-page screenshot in ``SHOTS``."""
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)


def open_on_phone(page: Any, path: str, shot: str) -> None:
    """``shoot``, and the page does not scroll sideways on the phone's screen."""
    shoot(page, path, shot)
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= PHONE["width"], f"{path}: the page scrolls sideways ({scroll} px)"
