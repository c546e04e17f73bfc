"""The centre's school officer in a real headless Chromium: on the demo's centre (linked to the
officer's school) records a double-qualified recognition with an evidence photo through the form,
and the centre page's share goes from 90.0% to 90.8%; the centre page on a 390 px phone. No
script error, nothing blocked by the CSP. Screenshot vocational-centre.png (YOUJUN_SCREENSHOT_DIR)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.web.browser_page import PHONE, SHOTS, browser_page_fixture, log_in, open_on_phone, skip_without_browser  # noqa: F401
from tests.web.programmes.pworld import PWorld
from tests.web.programmes.test_vocational_pages import jpeg_with_gps
from youjun.web.apps.vocational import demo
from youjun.web.apps.vocational.models import Centre, Recognition, VocTeacher

pytestmark = [pytest.mark.browser, pytest.mark.slow]
skip_without_browser()


def test_officer_records_a_recognition_and_the_share_changes(pworld: PWorld, browser_page: Any,
                                                              tmp_path: Path) -> None:
    a = pworld.base.a
    demo.seed(a, today=timezone.localdate(), rng=random.Random(3))
    centre = Centre.objects.get(district=a)
    Centre.objects.filter(pk=centre.pk).update(school=pworld.wf.a1)
    teacher = VocTeacher.objects.filter(centre=centre, full_time=True, recognitions__isnull=True).order_by("pk").first()
    assert teacher is not None
    photo = tmp_path / "证书.jpg"
    photo.write_bytes(jpeg_with_gps())
    page = browser_page
    log_in(page, "officer")
    page.goto(page.base + f"/vocational/centre/{centre.pk}/")
    assert page.locator("[data-testid=dq-percent]").inner_text().strip() == "90.0%"
    page.click("[data-testid=nav-teachers]")
    page.wait_for_load_state()
    page.goto(page.base + f"/vocational/teacher/{teacher.pk}/")
    page.select_option("[data-testid=recognise-form] select[name=level]", "middle")
    page.select_option("[data-testid=recognise-form] select[name=basis]", "practice")
    page.set_input_files("[data-testid=recognise-form] input[name=evidence]", str(photo))
    page.click("[data-testid=recognise-submit]")
    page.wait_for_load_state()
    assert "证书.jpg" in page.locator("[data-testid=recognitions]").inner_text()
    assert Recognition.objects.filter(teacher=teacher).count() == 1
    page.click("[data-testid=breadcrumb] a >> nth=0")
    page.wait_for_load_state()
    assert page.locator("[data-testid=dq-percent]").inner_text().strip() == "90.8%"
    assert "109 人" in page.locator("[data-testid=dq-basis]").inner_text()
    page.screenshot(path=str(SHOTS / "vocational-centre.png"), full_page=True)
    page.set_viewport_size(PHONE)
    open_on_phone(page, f"/vocational/centre/{centre.pk}/", "vocational-centre-phone")
    open_on_phone(page, f"/vocational/centre/{centre.pk}/teachers/", "vocational-teachers-phone")
    assert page.troubles == []
