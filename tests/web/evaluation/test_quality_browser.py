"""One comprehensive-quality record through publication, an objection and locking, in headless
Chromium: the parent enters and selects it on a phone (390 px), the head teacher publishes, the
parent objects on the publication page (screenshot ``quality-publication.png`` in
$YOUJUN_SCREENSHOT_DIR), the head teacher answers; after the window the head teacher confirms
and the parent signs: the term is archived."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.browser_page import OUTSIDE, PHONE, SHOTS, browser_page_fixture, log_in, skip_without_browser  # noqa: F401
from tests.web.evaluation.eworld import YEAR, EWorld
from youjun.web.apps.quality.models import Objection, Publication, Record, TermRecord

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def switch(page: Any, user: str, phone: bool) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(PHONE if phone else {"width": 1360, "height": 900})
    log_in(page, user)


def test_record_through_publication_objection_and_locking(eworld: EWorld, browser_page: Any) -> None:
    ew, page = eworld, browser_page
    p1, c1 = ew.pupils["p1"], ew.classes["c1"]
    # the parent, on a phone: a record with its date, hours; then selected as representative
    switch(page, "parent", phone=True)
    page.goto(page.base + f"/quality/p/{p1.pk}/?year={YEAR}&term=1")
    form = page.locator("[data-testid=record-form]")
    form.locator("select[name=dimension]").select_option("practice")
    form.locator("select[name=kind]").select_option("volunteer")
    form.locator("input[name=title]").fill("敬老院志愿服务")
    form.locator("input[name=day]").fill("2025-10-08")
    form.locator("input[name=hours]").fill("3")
    page.click("[data-testid=record-save]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=record]").count() == 1
    assert page.evaluate(OUTSIDE, "[data-testid=record], [data-testid=record-form] *") == []
    page.check("input[name=record]")
    page.click("[data-testid=select]")
    page.wait_for_load_state()
    assert Record.objects.get(pupil=p1).selected
    # the head teacher opens the publication
    switch(page, "teacher", phone=False)
    page.goto(page.base + f"/quality/c/{c1.pk}/?term=1")
    page.click("[data-testid=publish]")
    page.wait_for_url("**/quality/pub/**")
    pub = Publication.objects.get(class_group=c1)
    # the parent objects on the publication page (no names: pupils by number)
    switch(page, "parent", phone=True)
    page.goto(page.base + f"/quality/pub/{pub.pk}/")
    assert "敬老院志愿服务" in page.inner_text("main") and p1.name not in page.inner_text("main")
    page.fill("#id_reason", "实际服务 2 小时，请更正")
    page.click("[data-testid=object]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=objection]").count() == 1
    assert page.evaluate(OUTSIDE, "[data-testid=pub-row] *, [data-testid=objections] *") == []
    page.screenshot(path=str(SHOTS / "quality-publication.png"), full_page=True)
    # the head teacher answers: rejected, with the reason
    switch(page, "teacher", phone=False)
    page.goto(page.base + f"/quality/pub/{pub.pk}/")
    page.fill("textarea[name=answer]", "核对签到表为 3 小时，记录无误")
    page.click("[data-testid=answer]")
    page.wait_for_load_state()
    assert Objection.objects.get().state == "rejected"
    # the window's school days pass
    Publication.objects.filter(pk=pub.pk).update(opens_on=dt.date(2025, 12, 1), closes_on=dt.date(2025, 12, 5))
    page.goto(page.base + f"/quality/c/{c1.pk}/?term=1")
    page.click(f"[data-testid=confirm-{p1.pk}]")
    page.wait_for_load_state()
    assert TermRecord.objects.get(pupil=p1, term=1).state == "confirmed"
    # the parent signs with their own account: archived
    switch(page, "parent", phone=True)
    page.goto(page.base + f"/quality/p/{p1.pk}/?year={YEAR}&term=1")
    page.click("[data-testid=sign]")
    page.wait_for_load_state()
    assert "已签字归档" in page.inner_text("[data-testid=term-state]")
    assert page.locator("[data-testid=record-form]").count() == 0
    assert TermRecord.objects.get(pupil=p1, term=1).signed_by == ew.user("parent")
    assert not page.troubles, page.troubles
