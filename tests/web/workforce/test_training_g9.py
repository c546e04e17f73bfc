"""G9 from the training ledger: when the bureau switches the ledger on, a web assessment run reads
each teacher's five-year hours from the ledger instead of the workbook, and the G9 result says so;
with the ledger off the same run reads the workbook, attendance or not."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.assessment import dashboard, engine
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.training import services

YEAR = "2025-2026"


def g9(run: object) -> dict:
    return run.result["items"]["g9"]  # type: ignore[attr-defined]


def test_the_ledger_switched_on_changes_g9_and_off_does_not(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    course = services.create_course(None, a, name="区级全员培训", level="district", hour_type="onsite", year=2025)
    session = services.add_session(None, course, start=dt.date(2025, 10, 1), end=dt.date(2025, 10, 20), hours="360")
    services.record_attendance(None, session, wfworld.teachers["t1"])
    services.record_attendance(None, session, wfworld.teachers["t2"], hours="359.5")

    off = assessment_services.start_run(None, a, YEAR)
    assert off.status == "done"
    workbook = g9(off)["figures"]
    assert "source_zh" not in g9(off)
    assert workbook["completed"] > 1  # the workbook's hours: most of A's teachers have 360

    bureau = Client()
    bureau.force_login(wfworld.user("bureau"))
    r = bureau.post(reverse("workforce_training:settings", args=[a.code]), {"use_for_g9": "on"})
    assert r.status_code == 302
    assert AuditEvent.objects.filter(action="workforce_training_settings").exists()

    Teacher.objects.filter(pk=wfworld.teachers["ta2"].pk).update(staff_id="T-NOT-IN-WORKBOOK")  # a record only
    on = assessment_services.start_run(None, a, YEAR, overlays=[])
    if on.pk == off.pk:  # same snapshot and rules: a finished run is not reused, but be sure
        raise AssertionError("the run was not started again")
    item = g9(on)
    # only t1's 360 passed hours count; t2 is 0.5 short; the others have nothing in the ledger, except
    # the workbook teacher the ledger has no record of, who keeps the workbook's hours
    assert item["figures"]["completed"] == 1 + 1 != workbook["completed"]
    assert item["figures"]["teachers"] == workbook["teachers"]
    assert item["status"] == "fail"
    assert item["source_zh"] == "学时取自培训台账"
    # the run page's items table (assessment/_items.html) with the run's own item rows says so
    page = render_to_string("assessment/_items.html", {"rows": dashboard.item_rows(on.result["items"], "g", "zh"),
                                                       "heading": "G", "run": on})
    assert '<div class="muted small" data-testid="item-source-g9">学时取自培训台账</div>' in page
    assert 'data-testid="item-source-g8"' not in page
    run_page = bureau.get(reverse("assessment:run", args=[on.pk])).content.decode()
    assert 'data-testid="item-source-g9">学时取自培训台账<' in run_page
    # and the report downloaded from the run (HTML; the PDF is printed from the same page)
    html = engine.render_reports(on.result, "zh", ("html",))["html"].decode()
    g9_row = html.split('<td class="code">G9</td>')[1].split("</tr>")[0]
    assert '<div class="sub item-source">学时取自培训台账</div>' in g9_row
    assert html.count("学时取自培训台账") == 1
    finish = AuditEvent.objects.filter(action="finish_run").order_by("-id").first()
    assert finish is not None and finish.after["supplied_figures"] == {"training_hours_5y": "学时取自培训台账"}

    bureau.post(reverse("workforce_training:settings", args=[a.code]), {})
    again = assessment_services.start_run(None, a, YEAR)
    assert g9(again)["figures"] == workbook and "source_zh" not in g9(again)
