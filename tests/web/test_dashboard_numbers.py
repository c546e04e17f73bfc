"""Numbers on the dashboard written as the reports write them (issue 10 §1.3): the real engine
result of sample S through the real templates — a standard as the documents write it (≥85%),
a measured rate with one decimal, yuan grouped, one area unit."""

from __future__ import annotations

import re

from tests.web import hygiene
from tests.web.test_findings_pages import login, s_run, visible_text  # noqa: F401  (s_run: a fixture)
from tests.web.world import World
from youjun.web.apps.assessment.models import AssessmentRun


def test_dashboard_writes_the_recognition_standard_as_the_documents_do(world: World,
                                                                      s_run: AssessmentRun) -> None:  # noqa: F811
    text = visible_text(login(world, "bureau").get(f"/runs/{s_run.pk}/").content.decode())
    rate = s_run.result["recognition"]["rate"]
    assert f"{rate:.1f}%" in text  # measured: one decimal (89.1%)
    assert "85.0%" not in text and re.search(r"(?<![\d.])85%", text)
    assert hygiene.UNGROUPED_YUAN.findall(text) == [] and "㎡" not in text
    assert "人/百名学生" in text and "元/生" in text
