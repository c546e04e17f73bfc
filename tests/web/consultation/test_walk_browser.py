"""The consultation path walked by every role in real headless Chromium, against gunicorn on a
database seeded with 荣昌区政协's demo year (``tests.web.consultation.seed_walk``).

A resident registers on a phone and raises a concern with a GPS-tagged photo; committee staff
select it for 委员进小院; a member records the visit on a phone; staff assign it with the default
deadline; the department reports 60% and answers; the resident says it is not solved, which
sends it back; the department answers again, the resident is satisfied and staff close it.
Another resident reads the public timeline (roles in words, no name or phone) and cannot open
the raiser's own page; a member of 内江 cannot open it; the department sees nothing of another
department's; a joint item of 荣昌 and 内江 is seen by both bodies' staff.

Screenshots (zh and en) go to $YOUJUN_SCREENSHOT_DIR (docs/images to refresh the committed
ones; a temporary folder, removed afterwards, otherwise).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import CHROMIUM, FLAGS, PHONE, skip_without_browser
from tests.web.consultation.photo_bytes import jpeg_bytes
from tests.web.live import ROOT, Live, fresh_database, gunicorn

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright_sync = skip_without_browser()

SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))
DESKTOP = {"width": 1280, "height": 900}
RAISER, RAISER_PHONE = "吴秀兰", "13990001234"
ROLE_WORDS = ("群众", "提出人", "政协工作人员", "委员", "承办部门", "平台")
WALK: dict[str, Any] = {}  # what the walk made, for the screenshots


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    data_dir = tmp_path_factory.mktemp("cwalk")
    database_url = fresh_database(os.environ.get("DATABASE_URL", ""), "youjun_cwalk", data_dir)
    env = os.environ.copy()
    env.update({"YOUJUN_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, "YOUJUN_SECRET_KEY": "w" * 50,
                "DJANGO_SETTINGS_MODULE": "youjun.web.config.settings", "PYTHONPATH": str(ROOT)})
    out = subprocess.run([sys.executable, "-m", "tests.web.consultation.seed_walk"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, f"seeding failed:\n{out.stdout}\n{out.stderr}"
    info = json.loads(out.stdout.strip().splitlines()[-1])
    env["YOUJUN_TASKS"] = "thread"
    with gunicorn(env, log=data_dir / "gunicorn.log") as url:
        yield Live(url, env, info, data_dir, database_url)


@pytest.fixture(scope="module")
def pw() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as p:
        yield p


class Person:
    """One person in one fresh browser profile, on a phone or at a desk."""

    def __init__(self, pw: Any, live: Live, tmp: Path, *, phone: bool):
        self.live = live
        screen = {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2} if phone \
            else {"viewport": DESKTOP}
        self.context = pw.chromium.launch_persistent_context(str(tmp), executable_path=CHROMIUM, headless=True,
                                                             args=FLAGS, locale="zh-CN", **screen)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.phone = phone
        self.troubles: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda e: self.troubles.append(f"script error: {e}"))
        self.page.on("console", lambda m: self.troubles.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.context.on("request", self._watch)

    def _dialog(self, dialog: Any) -> None:
        self.troubles.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _watch(self, request: Any) -> None:
        if not request.url.startswith((self.live.url, "data:", "blob:", "about:")):
            self.outside.append(request.url)

    def login(self, username: str) -> Person:
        p = self.page
        p.goto(self.live.url + "/login/")
        p.fill("input[name=username]", username)
        p.fill("input[name=password]", self.live.info["password"])
        p.click("[data-testid=login-submit]")
        p.wait_for_load_state()
        assert "/login/" not in p.url, p.content()[:2000]
        return self

    def go(self, path: str) -> int:
        response = self.page.goto(self.live.url + path)
        assert response is not None
        if self.phone and response.status == 200:
            scroll = self.page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll <= PHONE["width"], f"{path}: the page scrolls sideways on a phone ({scroll} px)"
        return int(response.status)

    def submit(self, button: str) -> None:
        """Click a form's button and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.click(button)
        self.page.wait_for_load_state()

    def step(self, action: str, **fields: str) -> None:
        """Fill and send the form of one step on the work item page."""
        form = f"[data-testid=step-{action}]"
        for name, value in fields.items():
            target = f"{form} [name={name}]"
            if self.page.eval_on_selector(target, "e => e.tagName") == "SELECT":
                self.page.select_option(target, value)
            else:
                self.page.fill(target, value)
        self.submit(f"{form} button[name=action][value={action}]")
        assert self.page.locator(".alert.bad, [data-testid=step-problem]").count() == 0, self.text("main")

    def text(self, selector: str) -> str:
        return str(self.page.inner_text(selector))

    def language(self, lang: str) -> None:
        button = self.page.locator(f"[data-testid=lang-{lang}]")
        if button.count():
            self.submit(f"[data-testid=lang-{lang}]")

    def shot(self, name: str, *, full_page: bool = True) -> None:
        self.page.wait_for_load_state("networkidle")
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)

    def close(self) -> None:
        assert not self.outside, f"requests left the machine: {self.outside[:5]}"
        # the only 404s are the ones the walk asks for on purpose
        assert [t for t in self.troubles if "status of 404" not in t] == [], self.troubles
        self.context.close()


@pytest.fixture
def person(pw: Any, live: Live, tmp_path: Path) -> Iterator[Any]:
    made: list[Person] = []

    def make(username: str = "", *, phone: bool = False) -> Person:
        p = Person(pw, live, tmp_path / f"profile-{len(made)}", phone=phone)
        made.append(p)
        return p.login(username) if username else p

    yield make
    for p in made:
        p.close()


def _numbers(page: Any) -> list[str]:
    return list(page.eval_on_selector_all("[data-testid=work-row] td:first-child a",
                                          "els => els.map(e => e.textContent.trim())"))


def test_a_concern_walks_from_a_phone_to_closure_and_a_reopen(person: Any, live: Live, tmp_path: Path) -> None:
    info = live.info
    # 1. a resident on a phone: registers, raises a concern with a GPS-tagged photo
    photo = tmp_path / "路灯.jpg"
    photo.write_bytes(jpeg_bytes((1200, 900)))
    res = person(phone=True)
    p = res.page
    assert res.go("/consult/register/?next=/consult/raise/%3Fbody%3Drongchang") == 200
    p.fill("input[name=username]", RAISER)
    p.fill("input[name=password1]", info["password"] + "-x")
    p.fill("input[name=password2]", info["password"] + "-x")
    p.fill("input[name=phone]", RAISER_PHONE)
    p.fill("input[name=town]", "昌元街道")
    res.submit("[data-testid=register-submit]")
    assert "/consult/raise/" in p.url, p.url
    assert res.go("/consult/raise/?body=rongchang") == 200
    p.fill("input[name=title]", "滨河路小区门口路灯坏了三个月")
    p.fill("textarea[name=text]", "晚上下晚自习的孩子从这里过，路口漆黑一片，希望尽快修好路灯。")
    p.select_option("select[name=category]", "lighting")
    p.fill("input[name=town]", "昌元街道")
    p.set_input_files("input[name=photos]", str(photo))
    res.submit("[data-testid=raise-submit]")
    number = res.text("[data-testid=raised-number]").strip()
    assert re.fullmatch(r"RC-\d{4}-\d{4}", number), number
    res.page.click("[data-testid=raised-item]")
    p.wait_for_load_state()
    pk = int(re.search(r"/consult/item/(\d+)/", p.url).group(1))  # type: ignore[union-attr]
    WALK.update(number=number, pk=pk)
    assert res.go("/consult/mine/") == 200
    assert number in res.text("[data-testid=mine-list]")
    # the photo is served without its GPS and camera data
    assert res.go(f"/consult/item/{pk}/") == 200
    photo_url = p.eval_on_selector(".c-photos img", "e => e.src")
    served = p.request.get(photo_url).body()
    assert served[:2] == b"\xff\xd8" and b"SecretCam" not in served and b"GPS" not in served

    # 2. committee staff at a desk: find it on the work list, select it for 委员进小院
    staff = person("cppcc")
    assert staff.go("/consult/work/?state=raised") == 200
    assert number in _numbers(staff.page)
    staff.page.click(f"[data-testid=work-row] a:text-is('{number}')")
    staff.page.wait_for_url(f"**/consult/work/{pk}/")
    staff.step("select", venue="courtyard", note="小切口、大民生，列入委员进小院协商。")
    assert staff.text("[data-testid=item-state]") == "已选题"

    # 3. a member on a phone records the visit; they have no assign step
    member = person("member", phone=True)
    assert member.go(f"/consult/work/{pk}/") == 200
    assert member.page.locator("[data-testid=step-assign]").count() == 0
    member.step("investigate", notes="现场查看：三盏路灯不亮，线路老化。")
    assert member.text("[data-testid=item-state]") == "调研中"

    # 2 (continued). staff assign it to 昌元街道办事处 with the category's default deadline
    assert staff.go(f"/consult/work/{pk}/") == 200
    default_due = staff.page.get_attribute("[data-testid=step-assign] input[name=due_on]", "placeholder")
    due = dt.date.fromisoformat(str(default_due))
    assert f"{due.year}年{due.month}月{due.day}日" in staff.text("[data-testid=sla-line]")
    staff.step("assign", department=str(info["town_dept"]))
    assert staff.text("[data-testid=item-state]") == "已交办"
    assert f"{due.year}年{due.month}月{due.day}日" in staff.text("[data-testid=item-facts]")

    # 3 (continued). the member sees the assigned item and still cannot assign; 内江's member gets 404
    assert member.go(f"/consult/work/{pk}/") == 200
    assert member.page.locator("[data-testid=step-assign], button[value=assign]").count() == 0
    assert RAISER_PHONE not in member.page.content()
    nj_member = person("walk-nj-member", phone=True)
    assert nj_member.go(f"/consult/work/{pk}/") == 404
    assert nj_member.go(f"/consult/item/{pk}/") == 404

    # 4. the department: only its own items; progress 60% with a note, then the answer
    town = person("town-dept")
    assert town.go(f"/consult/work/?state={info['other_state']}") == 200
    assert info["other_number"] not in _numbers(town.page)
    assert town.go(f"/consult/work/?department={info['edu_dept']}") == 200
    assert _numbers(town.page) == []
    assert town.go("/consult/work/?state=assigned") == 200
    assert number in _numbers(town.page)
    assert town.go(f"/consult/work/{info['other_pk']}/") == 404
    assert town.go(f"/consult/work/{pk}/") == 200
    assert RAISER_PHONE not in town.page.content()
    town.step("progress", percent="60", note="已联系供电公司，更换线路。")
    assert town.text("[data-testid=item-state]") == "办理中"
    assert "60%" in town.text("[data-testid=item-facts]")
    town.step("answer", text="路灯线路已更换，三盏路灯已恢复照明。")
    assert town.text("[data-testid=item-state]") == "已答复"

    # 5. the resident: not satisfied, not fixed -> back with the department; answered again; satisfied
    assert res.go(f"/consult/item/{pk}/") == 200
    assert "三盏路灯已恢复照明" in res.text("[data-testid=c-answer]")
    _rate(res, "not", "not_fixed", "还有一盏不亮。")
    assert res.text("[data-testid=c-state]") == "办理中"
    assert "昌元街道办事处" in res.text("[data-testid=c-own-item]")
    assert town.go(f"/consult/work/{pk}/") == 200
    assert "还有一盏不亮" in town.text("[data-testid=item-timeline]")
    town.step("answer", text="最后一盏路灯的灯头已更换，全部恢复照明。")
    assert res.go(f"/consult/item/{pk}/") == 200
    _rate(res, "satisfied", "fixed", "全部亮了，谢谢。")
    assert res.text("[data-testid=c-state]") == "已答复"
    assert staff.go(f"/consult/work/{pk}/") == 200
    staff.step("close", note="提出人满意，办结。")
    assert staff.text("[data-testid=item-state]") == "已办结"
    public_steps = staff.page.locator("[data-testid=item-timeline] li:not(.c-internal)").count()

    # 6. another resident: the public timeline, every public step with its role in words, no personal data
    other = person("walk-resident2", phone=True)
    assert other.go(f"/consult/c/{number}/") == 200
    events = other.page.locator("[data-testid=c-event]").all_inner_texts()
    assert len(events) == public_steps >= 10, events
    assert all(any(w in e for w in ROLE_WORDS) for e in events), events
    for step in ("提出", "选题", "交办", "答复", "评价", "退回", "办结"):
        assert any(step in e for e in events), (step, events)
    assert "委员进小院" in other.text("[data-testid=c-public-item]")
    assert "已联系供电公司" in other.text("[data-testid=c-timeline]")
    html = other.page.content()
    assert RAISER not in html and RAISER_PHONE not in html and RAISER_PHONE[-4:] not in html
    assert other.go(f"/consult/item/{pk}/") == 404


def _rate(res: Person, satisfaction: str, fixed: str, comment: str) -> None:
    p = res.page
    p.check(f"input[name=satisfaction][value={satisfaction}]")
    p.check(f"input[name=fixed][value={fixed}]")
    p.fill("[data-testid=rate-form] [name=comment]", comment)
    res.submit("[data-testid=rate-submit]")
    assert p.locator("[data-testid=item-problem]").count() == 0, res.text("main")


def test_a_joint_item_is_seen_by_both_bodies_staff(person: Any, live: Live) -> None:
    info = live.info
    for username in ("cppcc", "walk-nj-staff"):
        s = person(username)
        assert s.go(f"/consult/work/{info['joint_pk']}/") == 200, username
        assert "荣昌区政协" in s.text("[data-testid=item-facts]") and "内江市政协" in s.text("[data-testid=item-facts]")
        assert s.go("/consult/work/?state=raised") == 200
        assert info["joint"] in _numbers(s.page), username
    assert person("walk-nj-member").go(f"/consult/work/{info['other_pk']}/") == 404  # 荣昌's own item


def test_screenshots_zh_and_en(person: Any, live: Live) -> None:
    """The README's pictures: the form on a phone, a closed item's timeline, the statistics of
    the demo year and the staff's overdue view, each in Chinese and in English."""
    closed = WALK.get("number") or "RC-2025-0001"
    res = person("resident", phone=True)
    staff = person("cppcc")
    for lang in ("zh", "en"):
        if lang == "en":
            res.language("en")
            staff.language("en")
        assert res.go("/consult/raise/?body=rongchang") == 200
        res.shot(f"consultation-form-phone-{lang}")
        assert res.go(f"/consult/c/{closed}/") == 200
        res.shot(f"consultation-timeline-{lang}")
        assert staff.go("/consult/stats/?year=2025&body=rongchang") == 200
        staff.shot(f"consultation-stats-{lang}", full_page=False)  # the year's figures and the venues
        assert staff.go("/consult/work/overdue/") == 200
        staff.shot(f"consultation-overdue-{lang}", full_page=False)
        words = "Overdue" if lang == "en" else "逾期"
        assert words in staff.text("h1")


def teardown_module() -> None:
    if os.environ.get("YOUJUN_SCREENSHOT_DIR"):
        return
    shutil.rmtree(SHOTS, ignore_errors=True)
