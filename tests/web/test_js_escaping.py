"""Text put into HTML by the page scripts is escaped (issue 9, finding 12).

A district named ``<img src=x onerror=alert(1)>`` is compared on the real province page in
headless Chromium; hovering the chart shows the name as text in the tooltip, and no ``img``
element appears there.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.browser_page import browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.world import A, B, World
from youjun.web.apps.platform.models import District

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
HOSTILE = "<img src=x onerror=alert(1)>"


def test_district_name_in_a_chart_tooltip_is_text(world: World, browser_page: Any) -> None:
    District.objects.filter(code=B).update(name=HOSTILE)
    for code in (A, B):
        c = Client()
        c.force_login(world.users["admin"])
        assert c.post(f"/d/{code}/runs/", {"year": "2025-2026"}).status_code == 302
    page = browser_page
    log_in(page, "inspector")
    page.goto(page.base + "/p/500000/")
    chart = page.wait_for_selector("[data-chart='compare'][data-ready='1']", timeout=15000)
    chart.scroll_into_view_if_needed()  # the longer province table puts the chart below the fold
    box = chart.bounding_box()
    assert box
    find = """() => { const el = [...document.querySelectorAll('div')].find(
        e => getComputedStyle(e).position === 'absolute' && e.style.display !== 'none'
             && e.textContent.includes('永川区'));
        return el ? {html: el.innerHTML, text: el.textContent, imgs: el.querySelectorAll('img').length} : null; }"""
    tooltip = None
    for step in range(1, 12):  # move across the plot until the axis tooltip shows
        page.mouse.move(box["x"] + box["width"] * step / 12, box["y"] + box["height"] * 0.6)
        page.wait_for_timeout(150)
        tooltip = page.evaluate(find)
        if tooltip:
            break
    assert tooltip, "the tooltip of the chart did not show"
    assert tooltip["imgs"] == 0, f"live markup in the tooltip: {tooltip['html']}"
    assert HOSTILE in tooltip["text"], tooltip["html"]
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert not [t for t in page.troubles if "dialog" in t], page.troubles
