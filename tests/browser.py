"""The project's headless Chromium for browser tests that need no web server (rendered files,
reports): where it is, its flags, and a module-level skip where it or Playwright is missing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("YOUJUN_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def skip_without_browser() -> Any:
    """Playwright's sync API; the calling module skipped when Chromium or Playwright is missing."""
    if not Path(CHROMIUM).exists():  # pragma: no cover - the project's setup installs it
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")
