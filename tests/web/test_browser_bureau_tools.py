"""The bureau's daily tools in real headless Chromium (issue 10, 2.2 / 2.4 / 2.6): the school
register's filters, search and sorting; a submission reviewed, returned, approved and merged;
users created (a weak password refused), disabled. Screenshots (zh) go to
$YOUJUN_SCREENSHOT_DIR (docs/images to refresh the committed ones)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_page import browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.world import A, World
from youjun.web.apps.platform.models import AuditEvent, User
from youjun.web.apps.schools import selectors as school_selectors
from youjun.web.apps.schools import services as school_services
from youjun.web.apps.schools.models import Snapshot, Submission

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()
SHOTS = Path(os.environ.get("YOUJUN_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="youjun-shots-"))
YEAR = "2025-2026"


def codes(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-testid=register-table] tbody tr[data-code]:not(.print-only)",
                                     "rows => rows.map(r => r.dataset.code)")


def test_register_filters_search_and_sort_in_the_browser(world: World, browser_page: Any) -> None:
    from youjun.web.apps.assessment import services as assessment_services

    assessment_services.start_run(world.users["admin"], world.a, YEAR)
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/d/{A}/")
    assert codes(page) == [A + "0001", A + "0002", A + "0003", A + "0004"]
    page.select_option("[data-testid=register-location]", "urban")  # submits by itself (autosubmit.js)
    page.wait_for_url(re.compile(r"location=urban"))
    assert codes(page) == [A + "0001", A + "0004"]
    page.select_option("[data-testid=register-location]", "")
    page.wait_for_url(re.compile(r"location=&|location=$|location=#"))
    page.fill("[data-testid=register-q]", "凤凰")
    page.click("[data-testid=register-search]")
    page.wait_for_url(re.compile(r"q=%E5%87%A4"))
    assert codes(page) == [A + "0002"]
    page.goto(page.base + f"/d/{A}/#register")
    page.click("[data-testid=register-table] a[data-sort=pupils]")
    page.wait_for_url(re.compile(r"sort=pupils"))
    assert codes(page) == [A + "0003", A + "0001", A + "0004", A + "0002"]
    page.click("[data-testid=register-table] a[data-sort=pupils]")
    page.wait_for_url(re.compile(r"sort=-pupils"))
    assert codes(page) == [A + "0002", A + "0004", A + "0001", A + "0003"]
    page.select_option("[data-testid=register-status]", "not_met")
    page.wait_for_url(re.compile(r"status=not_met"))
    shown = codes(page)
    assert shown and all(page.locator(f"tr[data-code='{c}'] .badge.bad").count() == 1 for c in shown)
    assert "未达标" in page.inner_text("[data-testid=register-count]")
    assert not page.troubles, page.troubles
    page.goto(page.base + f"/d/{A}/#register")
    page.locator("[data-testid=register]").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    page.locator("[data-testid=register]").screenshot(path=str(SHOTS / "web-register-zh.png"))


def _submit(world: World, code: str, books: str) -> Submission:
    school = world.school(world.a, code[-4:])
    snap = Snapshot.objects.get(district=world.a, school_year=YEAR, current=True)
    figures = school_services.figures_from_tables(school_selectors.snapshot_tables(snap), school.code)
    figures["facilities"]["books"] = books
    return school_services.save_submission(world.users["officer"], school, YEAR, figures)


def test_submission_review_return_approve_merge_in_the_browser(world: World, browser_page: Any) -> None:
    sub = _submit(world, A + "0001", "12000")
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + f"/d/{A}/submissions/?year={YEAR}")
    assert "1/4" in page.inner_text("[data-testid=completeness]")
    page.click(f"[data-testid=review-{A}0001]")
    page.wait_for_selector("[data-testid=field-changes]")
    row = page.inner_text("[data-testid=field-changes] tr[data-field='facilities.books']")
    assert "图书册数" in row and "9,000" in row and "12,000" in row
    page.screenshot(path=str(SHOTS / "web-submission-review-zh.png"), full_page=True)
    page.click("[data-testid=return]")  # no comment: refused, with what to do
    page.wait_for_selector("[data-testid=review-problem]")
    assert "E851" in page.inner_text("[data-testid=review-problem]")
    page.troubles.clear()  # the refusal's own 400 answer
    page.fill("[data-testid=review-comment-input]", "图书册数与台账不符，请核实")
    page.click("[data-testid=return]")
    page.wait_for_url(re.compile(r"/submissions/\?year="))
    assert "已退回" in page.inner_text(f"tr[data-code='{A}0001']")
    sub.refresh_from_db()
    assert sub.status == "returned"
    _submit(world, A + "0001", "12500")  # the school corrects and submits again
    page.goto(page.base + f"/d/{A}/submissions/{sub.pk}/")
    page.click("[data-testid=approve]")
    page.wait_for_url(re.compile(r"/submissions/\?year="))
    page.click("[data-testid=apply-submissions]")
    page.wait_for_load_state()
    sub.refresh_from_db()
    assert sub.status == "applied"
    new = Snapshot.objects.get(district=world.a, school_year=YEAR, current=True)
    books = school_selectors.snapshot_tables(new)["facilities"].set_index("school_code")["books"]
    assert int(books[A + "0001"]) == 12500
    assert AuditEvent.objects.get(action="merge_submissions").after["sources"][0]["approved_by"] == "bureau"
    assert not page.troubles, page.troubles


def test_user_admin_in_the_browser(world: World, browser_page: Any) -> None:
    page = browser_page
    log_in(page, "bureau")
    page.goto(page.base + "/users/")
    form = "[data-testid=create-user]"
    page.fill(f"{form} input[name=username]", "wang")
    page.fill(f"{form} input[name=full_name]", "王老师")
    page.fill(f"{form} input[name=password]", "12345678")
    page.select_option(f"{form} [data-testid=role]", "school_officer")
    page.fill(f"{form} [data-testid=place]", A + "0002")
    page.click("[data-testid=create-user-submit]")
    page.wait_for_selector("[data-testid=user-problem]")
    assert "E822" in page.inner_text("[data-testid=user-problem]")
    page.troubles.clear()  # the refusal's own 400 answer
    assert not User.objects.filter(username="wang").exists()
    assert page.input_value(f"{form} input[name=username]") == "wang"  # the form keeps what was typed
    page.fill(f"{form} input[name=password]", "quiet-river-lantern-42")
    page.click("[data-testid=create-user-submit]")
    page.wait_for_selector("tr[data-user=wang]")
    assert "凤凰湖学校" in page.inner_text("tr[data-user=wang]")
    page.screenshot(path=str(SHOTS / "web-users-zh.png"), full_page=True)
    page.click("tr[data-user=wang] a")
    page.click("[data-testid=disable-user]")
    page.wait_for_selector("[data-testid=enable-user]")
    assert page.inner_text("[data-testid=user-status]") == "已停用"
    assert not User.objects.get(username="wang").is_active
    assert AuditEvent.objects.filter(action="disable_user", actor=world.users["bureau"]).exists()
    assert not page.troubles, page.troubles
