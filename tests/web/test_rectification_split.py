"""The rectification list page on the real engine's result of the sample district S: what must
be rectified (the failing sections — as many as the dashboard's 未达标学段 — and the G/Q
objects) apart from the advice (a passing section's shortfall within the 85% tolerance); every
requirement with a finding is a filter choice (G12, a district-wide one, too); the deadline is
typed as a Chinese date and shown as one."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.test import Client

from tests.web.world import World
from youjun.web.apps.assessment import selectors as assessment_selectors
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.rectification.models import Assignment
from youjun.web.apps.schools import services as school_services

YEAR = "2025-2026"


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    from youjun.sample import generate

    return generate("S", 2023, school_year=YEAR)


def _run(world: World) -> AssessmentRun:
    school_services.store_snapshot(None, world.a, _tables(), source="S.xlsx")
    run = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    run.refresh_from_db()
    assert run.status == AssessmentRun.Status.DONE
    return run


def test_list_counts_what_must_be_rectified_and_shows_the_advice_apart(world: World) -> None:
    run = _run(world)
    result = assessment_selectors.result_of(run)
    failing = [s for s in result["schools"] if not s["compliant"]]
    passing_short = [(s["code"], f["requirement"], s["level"]) for s in result["schools"] if s["compliant"]
                     for f in s["findings"]]
    assert failing and passing_short
    c = Client()
    c.force_login(world.users["bureau"])
    html = c.get(f"/runs/{run.pk}/rectification/").content.decode()
    head = html.split('data-testid="rect-headline"', 1)[1].split("</p>", 1)[0]
    assert f"未达标学段 {len(failing)} 个" in head
    main = html.split('data-testid="rect-table"', 1)[1].split("</table>", 1)[0]
    advice = html.split('data-testid="advice-table"', 1)[1].split("</table>", 1)[0]
    advice_keys = set(re.findall(r'data-key="([^"]+)"', advice))
    main_keys = set(re.findall(r'data-key="([^"]+)"', main))
    assert advice_keys and not advice_keys & main_keys
    assert {tuple(k.split(":")) for k in advice_keys} == {(c, r.lower(), lv) for c, r, lv in passing_short}
    for code, req, level in passing_short:  # a passing section's shortfall is not on the list to rectify
        assert f'data-key="{code}:{req.lower()}:{level}"' not in main
    assert "不计入整改" in html and "达到标准的" in advice
    # the requirement filter offers R1–R7 and every G/Q item with a finding, the district's G12 too
    select = html.split('data-testid="filter-requirement"', 1)[1].split("</select>", 1)[0]
    offered = set(re.findall(r'<option value="([A-Z]+\d*)"', select))
    gq = {f["requirement"] for f in result["findings"] if f["requirement"][0] in "GQ"}
    assert {f"R{i}" for i in range(1, 8)} | gq <= offered and "G12" in offered
    g12 = c.get(f"/runs/{run.pk}/rectification/?requirement=G12").content.decode()
    assert set(re.findall(r'data-requirement="([^"]+)"', g12)) == {"G12"}
    assert "持证" in g12


def test_deadline_is_a_chinese_date(world: World) -> None:
    run = _run(world)
    c = Client()
    c.force_login(world.users["bureau"])
    html = c.get(f"/runs/{run.pk}/rectification/").content.decode()
    assert 'type="date"' not in html and 'placeholder="例：2027-06-30"' in html  # a hint, not a set date
    key = re.findall(r'data-testid="finding" data-key="([^"]+)"', html)[1]
    r = c.post(f"/runs/{run.pk}/rectification/assign/", {"key": key, "office": "装备科", "deadline": "2027年6月30日"})
    assert r.status_code == 302
    assert str(Assignment.objects.get(finding_key=key).deadline) == "2027-06-30"
    page = c.get(f"/runs/{run.pk}/rectification/").content.decode()
    assert "2027年6月30日" in page
    r = c.post(f"/runs/{run.pk}/rectification/assign/", {"key": key, "office": "装备科", "deadline": "06/30/2027"},
               follow=True)
    assert "请按日期填写整改期限" in r.content.decode() and "2027-06-30" in r.content.decode()
    assert str(Assignment.objects.get(finding_key=key).deadline) == "2027-06-30"
