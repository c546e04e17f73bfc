"""Browser tests in real headless Chromium (Playwright driving Debian's /usr/bin/chromium).

Every role logs in and walks the flows of issue 4: a broken workbook and its errors; a clean
one previewed, confirmed and assessed; the dashboard; a failing school; the PDF; and a school
officer who can reach neither another school's pages nor its API objects. Runs against
gunicorn on SQLite, or on PostgreSQL when DATABASE_URL says so.

Screenshots go to $YOUJUN_SCREENSHOT_DIR (docs/images to refresh the committed ones).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import CHROMIUM, FLAGS, skip_without_browser
from tests.web.live import Live, seeded_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))
A, B = "500118", "500102"

playwright_sync = skip_without_browser()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with seeded_server(tmp_path_factory.mktemp("live"), "youjun_browser") as server:
        yield server


@pytest.fixture(scope="module")
def pw() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as p:
        yield p


class Session:
    """One person in one fresh browser profile."""

    def __init__(self, pw: Any, live: Live, tmp: Path):
        self.live = live
        self.context = pw.chromium.launch_persistent_context(
            str(tmp), executable_path=CHROMIUM, headless=True, args=FLAGS, accept_downloads=True,
            viewport={"width": 1360, "height": 900}, locale="zh-CN")
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.outside: list[str] = []
        self.context.on("request", self._watch)

    def _watch(self, request: Any) -> None:
        if not request.url.startswith((self.live.url, "data:", "blob:", "about:")):
            self.outside.append(request.url)

    def login(self, username: str) -> Session:
        p = self.page
        p.goto(self.live.url + "/login/")
        p.fill("input[name=username]", username)
        p.fill("input[name=password]", self.live.info["password"])
        p.click("[data-testid=login-submit]")
        p.wait_for_load_state()
        assert "/login/" not in p.url, p.content()[:2000]
        return self

    def go(self, path: str) -> Any:
        return self.page.goto(self.live.url + path)

    def english(self) -> None:
        self.page.click("[data-testid=lang-en]")
        self.page.wait_for_load_state()

    def chinese(self) -> None:
        self.page.click("[data-testid=lang-zh]")
        self.page.wait_for_load_state()

    def shot(self, name: str) -> None:
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(SHOTS / f"web-{name}.png"), full_page=False)

    def close(self) -> None:
        assert not self.outside, f"requests left the machine: {self.outside[:5]}"
        self.context.close()


@pytest.fixture
def session(pw: Any, live: Live, tmp_path: Path) -> Iterator[Any]:
    made: list[Session] = []

    def make(username: str) -> Session:
        s = Session(pw, live, tmp_path / f"profile-{username}-{len(made)}").login(username)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def wait_for_charts(page: Any) -> None:
    page.wait_for_selector("[data-chart][data-ready='1']", timeout=15000)


def test_bureau_walks_upload_confirm_run_dashboard_school_pdf(session: Any, live: Live) -> None:
    s = session("bureau")
    p = s.page
    assert p.url.endswith(f"/d/{A}/")
    # 1. a broken workbook: every error with its location, in Chinese; nothing stored
    p.click("[data-testid=upload-link]")
    p.set_input_files("[data-testid=upload-file]", live.info["broken"])
    p.click("[data-testid=upload-submit]")
    p.wait_for_selector("[data-testid=problems]")
    text = p.inner_text("[data-testid=problems]")
    assert "E206" in text and "500118001" in text and "10位数字的学校标识码" in text
    assert "E204" in text and "校舍设施" in text
    assert "E205" in text and "大专以上" in text
    assert p.inner_text("[data-testid=upload-status]") == "未通过校验"
    assert p.locator("[data-testid=confirm]").count() == 0
    s.shot("upload-errors-zh")
    s.english()
    assert "Wrong code format" in p.inner_text("[data-testid=problems]") or \
        "has the wrong format" in p.inner_text("[data-testid=problems]")
    s.shot("upload-errors-en")
    s.chinese()
    # 2. a clean workbook: preview against the stored year, then confirm
    s.go(f"/d/{A}/upload/")
    p.set_input_files("[data-testid=upload-file]", live.info["clean"])
    p.click("[data-testid=upload-submit]")
    p.wait_for_selector("[data-testid=preview]", timeout=60000)
    assert "该学年尚无已保存的数据" in p.inner_text("[data-testid=preview]")
    p.click("[data-testid=confirm]")
    p.wait_for_url(re.compile(rf".*/d/{A}/$"), timeout=60000)
    assert "已保存为 2025-2026 学年的数据" in p.content()
    # 3. run the assessment: a background task with its progress shown
    p.click("[data-testid='run-2025-2026']")
    p.wait_for_selector("[data-testid=verdict]", timeout=180000)
    verdict = p.inner_text("[data-testid=verdict]")
    assert verdict.startswith(("未通过：", "通过：")) and "达标学校学段" in verdict
    wait_for_charts(p)
    p.hover("[data-chart=cv] svg >> nth=0")
    p.evaluate("window.scrollTo(0, 0)")  # the top: the verdict and the summary of requirements
    s.shot("dashboard-zh")
    # 4. drill into a school that does not comply
    grid = p.locator("[data-testid=grid-primary] tr.failing [data-testid=school-link]")
    assert grid.count() > 0
    name = grid.first.inner_text()
    grid.first.click()
    p.wait_for_selector("[data-testid=section-primary]")
    assert name in p.inner_text("h1")
    assert p.inner_text("[data-testid=compliant-primary]") == "未达标"
    assert p.locator("[data-testid=gaps-primary] tbody tr").count() > 0
    wait_for_charts(p)
    s.shot("school-zh")
    school_url = p.url
    s.english()
    p.wait_for_selector("[data-testid=section-primary]")
    assert p.inner_text("[data-testid=compliant-primary]") == "does not comply"
    wait_for_charts(p)
    s.shot("school-en")
    p.goto(school_url.split("/s/")[0] + "/")
    wait_for_charts(p)
    p.evaluate("window.scrollTo(0, 0)")
    s.shot("dashboard-en")
    s.chinese()
    # 5. downloads: the PDF (and the others answer)
    with p.expect_download(timeout=120000) as dl:
        p.click("[data-testid=download-pdf]")
    path = dl.value.path()
    assert path is not None and Path(path).read_bytes()[:5] == b"%PDF-"
    for fmt in ("json", "xlsx", "html"):
        r = p.request.get(live.url + (p.locator(f"[data-testid=download-{fmt}]").get_attribute("href") or ""))
        assert r.status == 200 and len(r.body()) > 1000, fmt


def test_bureau_makes_a_rotation_and_an_investment_plan(session: Any, live: Live) -> None:
    s = session("bureau")
    p = s.page
    p.click("[data-testid=planning-link]")
    p.wait_for_selector("[data-testid=form-rotation]")
    form = p.locator("[data-testid=form-rotation]")
    form.locator("select[name=year]").select_option("2023-2024")
    form.locator("[data-testid=start-rotation]").click()
    # a background task: the progress page follows it to the plan (the MILP on S takes ~30 s)
    p.wait_for_selector("[data-testid=plan-headline]", timeout=240000)
    assert "教师交流轮岗方案" in p.inner_text("[data-testid=plan-headline]") or "交流" in p.inner_text("h1")
    assert p.locator("[data-testid=no-violations]").count() == 1
    assert p.locator("[data-testid=moves] tbody tr").count() > 10
    assert "已求得最优解" in p.inner_text("[data-testid=stages]")  # the solver state in words
    wait_for_charts(p)
    s.shot("plan-rotation-zh")
    p.hover("[data-chart=compare] svg >> nth=0")  # interactive: hover values
    with p.expect_download(timeout=60000) as dl:
        p.click("[data-testid=download-xlsx]")
    path = dl.value.path()
    assert path is not None and Path(path).read_bytes()[:2] == b"PK"
    s.english()
    p.wait_for_selector("[data-testid=plan-headline]")
    assert "Rotation rule (G11)" in p.inner_text("[data-testid=rotation-rule]")
    wait_for_charts(p)
    s.shot("plan-rotation-en")
    s.chinese()
    # investment: no budget given, so the minimum budget for full compliance
    p.click("text=所有方案")
    form = p.locator("[data-testid=form-investment]")
    form.locator("select[name=year]").select_option("2023-2024")
    form.locator("[data-testid=start-investment]").click()
    p.wait_for_selector("[data-testid=plan-headline]", timeout=240000)
    assert "全部达标最低投入" in p.inner_text("[data-testid=plan-headline]")
    assert p.locator("[data-testid=projects] tbody tr").count() > 0
    wait_for_charts(p)
    s.shot("plan-investment-zh")
    # seats ahead, then a what-if that applies the rotation plan made above
    p.click("text=所有方案")
    form = p.locator("[data-testid=form-seats]")
    form.locator("select[name=year]").select_option("2023-2024")
    form.locator("[data-testid=start-seats]").click()
    p.wait_for_selector("[data-testid=seats-by-year]", timeout=120000)
    wait_for_charts(p)
    s.shot("plan-seats-zh")
    p.click("text=所有方案")
    form = p.locator("[data-testid=form-whatif]")
    form.locator("select[name=year]").select_option("2023-2024")
    form.locator("input[name=title]").fill("交流方案的效果")
    form.locator("select[name=rotation_plan]").select_option(index=1)
    form.locator("[data-testid=start-whatif]").click()
    p.wait_for_selector("[data-testid=applied]", timeout=120000)
    assert "交流轮岗方案" in p.inner_text("[data-testid=applied]")
    assert p.locator("[data-testid=schools-changed] tbody tr").count() > 0


def test_read_only_roles_and_the_province(session: Any, live: Live) -> None:
    analyst = session("analyst")
    p = analyst.page
    assert p.url.endswith(f"/d/{A}/")
    assert p.locator("[data-testid=upload-link]").count() == 0
    r = p.request.get(live.url + f"/d/{A}/upload/")
    assert r.status == 403
    inspector = session("inspector")
    q = inspector.page
    assert q.url.endswith("/p/500000/")
    table = q.inner_text("[data-testid=province-table]")
    assert "永川区" in table and "涪陵区" in table


def test_school_officer_reaches_only_their_own_school(session: Any, live: Live) -> None:
    info = live.info
    s = session("officer")
    p = s.page
    assert p.url.endswith(f"/s/{info['own_school']}/")
    # another school of the district, a school of another district, the district pages
    for path in (f"/s/{info['neighbour_school']}/", f"/s/{info['far_school']}/", f"/d/{A}/", f"/d/{B}/",
                 f"/s/{info['neighbour_school']}/form/2023-2024/", "/p/500000/", "/history/?district=500102",
                 f"/d/{A}/plans/", "/plans/1/", "/plans/1/download/json/"):
        response = s.go(path)
        if path.startswith("/history/"):
            assert "涪陵区" not in p.content()
            continue
        assert response.status == 404, path
        assert info["neighbour_school"] not in p.inner_text("main") or path.startswith("/s/")
    # the API, with a token made on the account page
    s.go("/account/")
    p.fill("input[name=name]", "浏览器测试")
    p.click("text=创建令牌")
    key = p.inner_text("[data-testid=new-token]")
    headers = {"Authorization": f"Bearer {key}"}
    api = p.request
    own = api.get(live.url + f"/api/schools/{info['own_school']}", headers=headers)
    assert own.status == 200 and own.json()["code"] == info["own_school"]
    for path in (f"/api/schools/{info['neighbour_school']}", f"/api/schools/{info['far_school']}",
                 f"/api/districts/{A}", f"/api/districts/{A}/schools", f"/api/districts/{B}/snapshots",
                 "/api/runs/1/result"):
        r = api.get(live.url + path, headers=headers)
        assert r.status in (403, 404), path
        body = r.json()
        assert body["ok"] is False and body["problems"][0]["code"] in ("E802", "E803")
        assert "name" not in body
    assert api.get(live.url + "/api/districts", headers=headers).json() == []
    # their own figures: a form checked by the validator
    s.go(f"/s/{info['own_school']}/")
    p.click("[data-testid='form-2023-2024']")
    p.fill("[data-testid='facilities.books']", "很多")
    p.click("[data-testid=submit-figures]")
    p.wait_for_selector("[data-testid=form-problems]")
    assert "图书册数" in p.inner_text("[data-testid=form-problems]")


def test_other_district_admin_sees_nothing_of_yongchuan(session: Any, live: Live) -> None:
    s = session("bureau2")
    assert s.page.url.endswith(f"/d/{B}/")
    for path in (f"/d/{A}/", f"/d/{A}/upload/", f"/s/{live.info['own_school']}/"):
        assert s.go(path).status == 404, path
    admin = session("admin")
    html = admin.page.content()
    assert "永川区" in html and "涪陵区" in html


def teardown_module() -> None:
    if os.environ.get("YOUJUN_SCREENSHOT_DIR"):
        return
    shutil.rmtree(SHOTS, ignore_errors=True)
