from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import CHROMIUM, skip_without_browser
from tests.report.example_result import example_result
from youjun.assess.engine import assess_tables
from youjun.report.htmlpage import render_html
from youjun.sample import generate


@pytest.fixture
def result() -> dict[str, Any]:
    return example_result()


@pytest.fixture(scope="module")
def s_result() -> dict[str, Any]:
    """The real engine's result for sample S (2023): what the report tests render, never a fixture
    of what it is thought to hold (one per test module: a module's tests may share it, not change it)."""
    return assess_tables(generate("S", 2023))[0]


@pytest.fixture(scope="module")
def s_html(s_result: dict[str, Any]) -> str:
    return render_html(s_result, "zh")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (a test asking for it is skipped where Chromium or
    Playwright is missing)."""
    sync_api = skip_without_browser()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        try:
            yield b
        finally:
            b.close()
