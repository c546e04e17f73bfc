"""The dashboard's G/Q evidence column shows the attesting office as the data holds it.

"涪陵区教育督导室" is a data name: shown whole (district and office), on the English page too.
"""

from __future__ import annotations

import re

from django.test import Client

from tests.web.world import B, World, district_tables
from youjun.web.apps.assessment.models import AssessmentRun


def test_english_dashboard_shows_the_attesting_office_whole(world: World) -> None:
    office = str(district_tables(B)["evidence"]["attested_by"].dropna().iloc[0])
    assert office == "涪陵区教育督导室"
    c = Client()
    c.force_login(world.users["bureau_b"])
    c.cookies["youjun_language"] = "en"
    assert c.post(f"/d/{B}/runs/", {"year": "2025-2026"}).status_code == 302
    run = AssessmentRun.objects.get()
    assert run.status == "done", run.error
    html = c.get(f"/runs/{run.pk}/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    shown = re.findall(r"[\u4e00-\u9fff]*教育督导室", text)
    assert shown and set(shown) == {office}, shown
