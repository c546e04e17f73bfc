"""Browser tests in real headless Chromium: the rectification list (整改清单) and the year
comparison, on the sample district S with two assessed years (``seed_browser --assess-earlier``:
2023-2024 with some schools worse and some better than 2025-2026).

Screenshots go to $YOUJUN_SCREENSHOT_DIR (docs/images to refresh the committed ones).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.web.browser_page import CHROMIUM, skip_without_browser
from tests.web.browser_page import FLAGS as BROWSER_FLAGS
from tests.web.live import Live, seeded_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# --lang: the date inputs follow the browser's language (yyyy/mm/dd, as a Chinese office has it)
FLAGS = [*BROWSER_FLAGS, "--lang=zh-CN"]
SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))
A = "500118"
CJK = re.compile(r"[\u4e00-\u9fff]")

playwright_sync = skip_without_browser()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with seeded_server(tmp_path_factory.mktemp("live-rect"), "youjun_browser_rect",
                       "--assess-year", "2025-2026", "--assess-earlier") as server:
        yield server


@pytest.fixture(scope="module")
def pw() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as p:
        yield p


@pytest.fixture
def browse(pw: Any, live: Live, tmp_path: Path) -> Iterator[Any]:
    contexts: list[Any] = []

    def login(username: str) -> Any:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path / f"profile-{username}"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            accept_downloads=True, viewport={"width": 1360, "height": 900}, locale="zh-CN")
        contexts.append(ctx)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        page.troubles = []
        page.on("pageerror", lambda e: page.troubles.append(f"script error: {e}"))
        page.goto(live.url + "/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", live.info["password"])
        page.click("[data-testid=login-submit]")
        page.wait_for_load_state()
        assert "/login/" not in page.url
        return page

    yield login
    for ctx in contexts:
        ctx.close()


def shot(page: Any, name: str) -> None:
    page.wait_for_timeout(200)
    page.screenshot(path=str(SHOTS / f"web-{name}.png"), full_page=False)


def switch(page: Any, lang: str) -> None:
    page.click(f"[data-testid=lang-{lang}]")
    page.wait_for_load_state()


def test_bureau_sets_office_and_deadline_filters_exports_and_prints(browse: Any, live: Live) -> None:
    p = browse("bureau")
    p.goto(f"{live.url}/runs/{live.info['run']}/")
    p.click("[data-testid=rectification-link]")
    p.wait_for_selector("[data-testid=rect-table]")
    assert "整改清单" in p.inner_text("h1")
    rows = p.locator("[data-testid=finding]")
    assert rows.count() > 100
    summary = p.inner_text("[data-testid=rect-summary]")
    assert re.search(r"\d+ 所学校，\d+ 项问题", summary), summary
    table = p.inner_text("[data-testid=rect-table]")
    assert "缺美术教室" in table or "缺音乐教室" in table
    assert not re.search(r"\br\d\b", table), "indicator keys shown instead of their names"
    # one finding, one line: office, deadline and save side by side (not stacked 3 high)
    first = p.locator("[data-testid=finding]").nth(2)
    office, save = (first.locator(f"[data-testid={t}]").bounding_box() for t in ("office", "save"))
    assert abs(office["y"] - save["y"]) < 10 and first.bounding_box()["height"] < 100, (office, save)
    # set an office and a deadline on a school's R6 finding
    r6 = p.locator("[data-testid=finding][data-requirement=R6]").first
    key = r6.get_attribute("data-key")
    r6.locator("[data-testid=office]").fill("装备科")
    r6.locator("[data-testid=deadline]").fill("2026-06-30")
    r6.locator("[data-testid=save]").click()
    p.wait_for_load_state()
    assert "已保存" in p.inner_text(".messages")
    row = p.locator(f"[data-testid=finding][data-key='{key}']")
    assert row.locator("[data-testid=office]").input_value() == "装备科"
    assert row.locator("[data-testid=deadline]").input_value() == "2026-06-30"
    p.evaluate("window.scrollTo(0, 0)")
    shot(p, "rectification-zh")
    # filter by requirement: only R6 findings stay, and the export follows the filter
    p.select_option("[data-testid=filter-requirement]", "R6")
    p.wait_for_url(re.compile(r".*requirement=R6.*"))
    p.wait_for_load_state()
    labels = p.locator("[data-testid=finding]").evaluate_all("rs => rs.map(r => r.dataset.requirement)")
    assert labels and set(labels) == {"R6"}
    town = p.locator("td.school-cell .muted").first.inner_text().split(" · ")[-1]
    p.select_option("[data-testid=filter-town]", town)
    p.wait_for_url(lambda u: "town=" in u and "town=&" not in u)
    p.wait_for_load_state()
    schools = p.locator("td.school-cell .muted").all_inner_texts()
    assert schools and all(t.endswith(town) for t in schools), (town, schools)
    p.select_option("[data-testid=filter-town]", "")
    p.wait_for_url(re.compile(r".*town=&.*"))
    p.wait_for_load_state()
    with p.expect_download(timeout=60000) as dl:
        p.click("[data-testid=rect-xlsx]")
    path = dl.value.path()
    ws = openpyxl.load_workbook(io.BytesIO(Path(path).read_bytes())).active
    header = [c.value for c in ws[3]]
    body = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    req = header.index("要件")
    assert body and {r[req] for r in body} == {"R6"}
    mine = next(r for r in body if r[header.index("责任科室")] == "装备科")
    assert mine[header.index("整改期限")] == "2026-06-30"
    assert all(isinstance(r[7], (int, float)) for r in body)  # the gap in yuan is a number
    # the print view: no filters or inputs, the office and deadline as text, rows kept whole
    p.emulate_media(media="print")
    assert not p.locator("[data-testid=rect-filters]").is_visible()
    assert not row.locator("[data-testid=office]").is_visible()
    printed = row.inner_text()
    assert "装备科" in printed and "2026年6月30日" in printed  # printed as a Chinese date
    p.emulate_media(media="screen")
    # English: the same list, no Chinese in the labels the page writes itself
    p.goto(f"{live.url}/runs/{live.info['run']}/rectification/")
    switch(p, "en")
    p.wait_for_selector("[data-testid=rect-table]")
    assert "Rectification list" in p.inner_text("h1")
    head = p.inner_text("[data-testid=rect-table] thead") + p.inner_text("[data-testid=rect-summary]")
    assert not CJK.search(head), head
    assert p.locator("[data-testid=office]").first.get_attribute("placeholder") == "e.g. Equipment"
    shot(p, "rectification-en")
    switch(p, "zh")
    assert p.troubles == []


def test_readers_and_the_officer_see_the_list_without_editing(browse: Any, live: Live) -> None:
    p = browse("officer")
    own = live.info["own_school"]
    p.goto(f"{live.url}/runs/{live.info['run']}/s/{own}/")
    p.click("[data-testid=school-rectification-link]")
    p.wait_for_selector("[data-testid=rect-table]")
    keys = p.locator("[data-testid=finding]").evaluate_all("rs => rs.map(r => r.dataset.key)")
    assert all(k.startswith(own) for k in keys)
    assert p.locator("[data-testid=office]").count() == 0
    assert p.goto(f"{live.url}/runs/{live.info['run']}/rectification/").status == 404


def test_year_comparison_names_newly_failing_and_passing_schools(browse: Any, live: Live) -> None:
    p = browse("analyst")
    p.goto(f"{live.url}/d/{A}/")
    p.click("[data-testid=compare-link]")
    p.wait_for_selector("[data-testid=compare-summary]")
    assert p.locator("[data-testid=compare-year]").input_value() == "2025-2026"
    assert p.locator("[data-testid=compare-base]").input_value() == "2023-2024"
    flips = p.locator("[data-testid=flip]")
    failing = p.locator("[data-testid=flip][data-status=newly_failing]")
    passing = p.locator("[data-testid=flip][data-status=newly_passing]")
    assert failing.count() > 0 and passing.count() > 0
    assert flips.count() == failing.count() + passing.count()
    badge = p.inner_text("[data-testid=compare-flips] h2")
    assert f"新增未达标学段 {failing.count()}" in badge.replace("\n", " ")
    what = failing.first.inner_text()
    assert "→" in what and re.search(r"(元|平方米|间|人)", what), what
    summary = p.inner_text("[data-testid=compare-summary]")
    assert "达标学校" in summary and "+" in summary
    cvs = p.inner_text("[data-testid=compare-cvs]")
    assert re.search(r"0\.\d{3}", cvs) and not re.search(r"\d\.\d{4,}", cvs)
    shot(p, "compare-zh")
    # the flipped school's own table, reached from the list, with the changed indicator marked
    code = failing.first.get_attribute("data-code")
    failing.first.locator("a").click()
    section = p.locator(f"[data-testid=compare-school][data-code='{code}']").first
    assert section.locator("tr.flipped").count() >= 1
    assert "✓ → ✗" in section.locator("tr.flipped").first.inner_text()
    # the empty state: the earliest year has nothing before it
    p.select_option("[data-testid=compare-year]", "2023-2024")
    p.wait_for_selector("[data-testid=compare-none]")
    assert "需要两个已完成评估的学年" in p.inner_text("[data-testid=compare-none]")
    # a school's own comparison page, from its school page
    p.goto(f"{live.url}/d/{A}/compare/")
    switch(p, "en")
    p.wait_for_selector("[data-testid=compare-summary]")
    text = p.inner_text("main")
    assert "School sections newly failing" in text and "newly passing" in text
    assert not CJK.search(p.inner_text("[data-testid=compare-flip-list] thead"))
    shot(p, "compare-en")
    switch(p, "zh")
    p.goto(f"{live.url}/runs/{live.info['run']}/s/{code}/")
    p.click("[data-testid=school-compare-link]")
    p.wait_for_selector("[data-testid=compare-school]")
    assert p.locator("[data-testid=compare-school]").first.get_attribute("data-status") == "newly_failing"
    assert p.troubles == []


def teardown_module() -> None:
    if os.environ.get("YOUJUN_SCREENSHOT_DIR"):
        return
    shutil.rmtree(SHOTS, ignore_errors=True)
