"""The work list on a desktop screen (1366 px) in real headless Chromium, zh and en: every data
cell lines up under its header (the list's table is a table there, cards only on a phone) and
no header is cut off."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()

CELLS = """() => {
  const heads = [...document.querySelectorAll('[data-testid=work-table] thead th')];
  const rows = [...document.querySelectorAll('[data-testid=work-table] tbody tr')];
  return {heads: heads.map(h => { const r = h.getBoundingClientRect();
            return [Math.round(r.left), Math.round(r.width), h.scrollWidth > h.clientWidth + 1]; }),
          rows: rows.map(tr => [...tr.children].map(td => { const r = td.getBoundingClientRect();
                                  return [Math.round(r.left), Math.round(r.height)]; }))};
}"""


def test_work_list_rows_line_up_under_their_headers_on_a_desktop(cworld: CWorld, browser_page: Any) -> None:
    u = cworld.users
    long_title = "学校门口没有路灯，晚自习放学时路口太黑，孩子过马路很不安全"
    services.assign(u["c_staff"], cworld.concern(title=long_title), cworld.town)
    cworld.concern(title="操场积水")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "c_staff")
    for lang in ("zh", "en"):
        if lang == "en":
            page.context.add_cookies([{"name": "youjun_language", "value": "en", "url": page.base}])
        page.goto(page.base + "/consult/work/")
        page.wait_for_load_state("networkidle")
        cells = page.evaluate(CELLS)
        heads, rows = cells["heads"], cells["rows"]
        # 9 columns: a user of one committee sees no 政协 column (10 when they work for several)
        assert len(heads) == 9 and len(rows) >= 2, (lang, cells)
        for row in rows:
            assert [c[0] for c in row] == [h[0] for h in heads], (lang, "cells not under headers", cells)
            # a title or a department name never wraps a character per line (a cell is at most 4 lines)
            assert max(c[1] for c in row) < 110, (lang, "a cell is too tall", row)
        assert [h for h in heads if h[2]] == [], (lang, "a header is cut off", heads)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.troubles == []
