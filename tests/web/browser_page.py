"""A headless Chromium on pytest-django's live server: for browser checks that need only a
few pages of the small test world (the full seeded server of test_browser.py is heavier)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.world import PASSWORD

CHROMIUM = os.environ.get("YOUJUN_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def skip_without_browser() -> Any:
    if not Path(CHROMIUM).exists():  # pragma: no cover - the project's setup installs it
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


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
