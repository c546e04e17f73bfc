"""Phone and print in real headless Chromium: at 390 px the officer form, the school page,
the dashboard and the planning forms fit the screen (no sideways scrolling) and numbers get
a numeric keyboard; printed, the dashboard shows every grid row and every folded reason; the
what-if form is filled row by row and runs.

Screenshots go to $YOUJUN_SCREENSHOT_DIR (default: a temporary folder).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser_page import (  # noqa: F401
    PHONE,
    SHOTS,
    assessed_run,
    browser_page_fixture,
    log_in,
    shoot,
    skip_without_browser,
)
from tests.web.world import A, World
from youjun.web.apps.planning.models import PlanRun

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
YEAR = "2025-2026"
WIDTH = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
NO_INPUTMODE = """() => [...document.querySelectorAll('input')].filter(i =>
    !['hidden', 'checkbox', 'radio', 'file', 'password', 'search', 'date', 'submit'].includes(i.type)
    && !i.inputMode && !['title', 'username', 'name', 'q', 'office', 'full_name'].includes(i.name)
    && !i.name.startsWith('births-town')).map(i => i.name)"""


def _run(world: World) -> Any:
    return assessed_run(world, YEAR)


def _fits(page: Any, path: str, shot: str) -> None:
    shoot(page, path, shot)
    scroll, client = page.evaluate(WIDTH)
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect(); return r.width > 0 && r.right > document.documentElement.clientWidth + 1
            && !e.closest('table.data, .scroll, pre');}).slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert scroll <= PHONE["width"], f"{path}: {scroll} px wide on a {client} px screen; too wide: {wide}"
    assert page.evaluate(NO_INPUTMODE) == [], path


def test_phone_pages_fit_390px_and_numbers_get_a_number_keyboard(world: World, browser_page: Any) -> None:
    run = _run(world)
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "officer")
    _fits(page, f"/s/{A}0001/form/{YEAR}/", "phone-officer-form-zh")
    modes = page.evaluate("() => Object.fromEntries([...document.querySelectorAll("
                          "'form.figures input[name]:not([type=hidden])')].map(i => [i.name, i.inputMode]))")
    assert modes and all(m in ("numeric", "decimal") for k, m in modes.items() if not k.startswith("classes.")), modes
    assert modes["schools.students_g1"] == "numeric" and modes["facilities.gym_area_m2"] == "decimal"
    page.context.clear_cookies()
    log_in(page, "bureau")
    _fits(page, f"/runs/{run.pk}/s/{A}0001/", "phone-school-zh")
    _fits(page, f"/runs/{run.pk}/", "phone-dashboard-zh")
    _fits(page, f"/d/{A}/plans/", "phone-planning-zh")
    assert not page.troubles, page.troubles


def test_printed_dashboard_expands_grids_and_reasons(world: World, browser_page: Any) -> None:
    run = _run(world)
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/runs/{run.pk}/")
    page.wait_for_load_state("networkidle")
    for box in page.query_selector_all("input.only-failing"):  # the screen shows failing schools only
        box.check()
    page.emulate_media(media="print")
    page.screenshot(path=str(SHOTS / "print-dashboard-zh.png"), full_page=True)
    hidden_rows = page.evaluate("""() => [...document.querySelectorAll('table.grid tbody tr')]
        .filter(tr => tr.getBoundingClientRect().height === 0).length""")
    assert page.evaluate("() => document.querySelectorAll('table.grid tbody tr').length") > 0
    assert hidden_rows == 0
    # no scroll box cuts the grid off on paper, whatever its length
    boxes = page.evaluate("""() => [...document.querySelectorAll('.scroll')].map(e => {
        const s = getComputedStyle(e); return [s.maxHeight, s.overflowY]; })""")
    assert boxes and all(b == ["none", "visible"] for b in boxes), boxes
    closed = page.evaluate("() => document.querySelectorAll('details:not([open])').length")
    folded = page.evaluate("""() => [...document.querySelectorAll('details')].flatMap(d =>
        [...d.children].filter(c => c.tagName !== 'SUMMARY')).filter(c => !c.checkVisibility()).length""")
    assert closed > 0 and folded == 0  # folded reasons are printed open
    assert page.evaluate("() => [...document.querySelectorAll('button, .button')]"
                         ".filter(b => b.getBoundingClientRect().height > 0).length") == 0


def test_whatif_form_rows_in_the_browser(world: World, browser_page: Any) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, "bureau")
    page.goto(page.base + f"/d/{A}/plans/")
    form = page.locator("[data-testid=form-whatif]")
    form.locator("input[name=title]").fill("新建教学楼")
    form.locator("select[name=wi-1-school]").select_option(f"{A}0001")
    form.locator("select[name=wi-1-item]").select_option("teaching_area_m2")
    form.locator("input[name=wi-1-amount]").fill("3000")
    assert form.locator("select[name=wi-1-grade]").is_hidden()  # build: no grade asked
    form.locator("select[name=wi-2-kind]").select_option("enrolment")
    assert form.locator("select[name=wi-2-grade]").is_visible() and form.locator("select[name=wi-2-item]").is_hidden()
    form.locator("select[name=wi-2-school]").select_option(f"{A}0001")
    form.locator("select[name=wi-2-grade]").select_option("1")
    form.locator("input[name=wi-2-amount]").fill("150")
    form.locator("[data-testid=whatif-add]").click()
    form.locator("[data-testid=whatif-add]").click()
    assert form.locator("[data-testid=whatif-row]").count() == 5
    form.locator("select[name=wi-5-kind]").select_option("close")
    assert form.locator("select[name=wi-5-into]").is_visible() and form.locator("input[name=wi-5-amount]").is_hidden()
    page.screenshot(path=str(SHOTS / "phone-whatif-form-zh.png"), full_page=True)
    assert page.evaluate(WIDTH)[0] <= PHONE["width"]
    with page.expect_navigation():
        form.locator("[data-testid=start-whatif]").click()
    assert "/plans/" in page.url and "/d/" not in page.url, page.locator("main").inner_text()[:1500]
    plan = PlanRun.objects.get(kind="whatif")
    assert plan.status == "done", plan.error
    assert plan.options["scenario"]["changes"] == [
        {"build": {"school": f"{A}0001", "teaching_area_m2": 3000.0}},
        {"enrolment": {"school": f"{A}0001", "grade": 1, "students": 150}}]
    assert not page.troubles, page.troubles
