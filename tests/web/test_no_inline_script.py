"""No script runs from inside a page: the Content-Security-Policy (script-src 'self') blocks
inline handlers and inline scripts, so a page that has one is broken (issue 9, finding 18:
the year selector on 学校填报情况 did nothing)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.world import A, World, district_tables
from youjun.web.apps.schools import services as school_services

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "youjun" / "web" / "templates"
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def _templates() -> list[Path]:
    found = sorted(TEMPLATES.rglob("*.html"))
    assert len(found) > 20, "the templates were not found"
    return found


def test_no_template_has_an_inline_handler_or_script() -> None:
    bad = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for m in INLINE_HANDLER.finditer(text):
            bad.append(f"{path.relative_to(TEMPLATES)}: inline handler {m.group(0)[-40:]!r}")
        if JAVASCRIPT_URL.search(text):
            bad.append(f"{path.relative_to(TEMPLATES)}: javascript: URL")
        for m in SCRIPT_TAG.finditer(text):
            attrs = m.group(1)
            # data blocks (json_script, type="application/json") are not run, and are allowed
            if "src=" not in attrs and "application/json" not in attrs:
                bad.append(f"{path.relative_to(TEMPLATES)}: inline <script{attrs}>")
    assert not bad, "\n".join(bad)


@pytest.mark.browser
@pytest.mark.slow
def test_year_selector_on_school_submissions_works(world: World, browser_page: Any) -> None:
    skip_without_browser()
    school_services.store_snapshot(None, world.a, district_tables(A, "2024-2025"), source="old.xlsx")
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/d/{A}/submissions/")
    assert page.input_value("select[name=year]") == "2025-2026"
    with page.expect_navigation(timeout=5000):
        page.select_option("select[name=year]", "2024-2025")
    assert page.url.endswith("?year=2024-2025"), page.url
    assert page.input_value("select[name=year]") == "2024-2025"
    assert not [t for t in page.troubles if "Content Security Policy" in t or "script error" in t], page.troubles
