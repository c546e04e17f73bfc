"""The rectification list and the year comparison pages, on the real engine's results of the
tiny district (4 schools) through the real templates."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

from tests.web.world import A, World, district_tables
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.rectification.models import Assignment
from youjun.web.apps.schools import services as school_services

OWN = A + "0001"


@pytest.fixture
def run(world: World) -> AssessmentRun:
    r = assessment_services.start_run(world.users["bureau"], world.a, "2025-2026")
    r.refresh_from_db()
    assert r.status == AssessmentRun.Status.DONE
    return r


def client(world: World, role: str) -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def test_list_shows_every_school_with_gaps_in_units(world: World, run: AssessmentRun) -> None:
    page = client(world, "analyst").get(f"/runs/{run.pk}/rectification/").content.decode()
    for suffix in ("0001", "0002", "0004"):
        assert A + suffix in page
    assert "名高于规定学历" in page or "缺" in page
    assert "None" not in page and "{&#x27;" not in page
    assert 'name="office"' not in page  # readers see, they do not edit


def test_bureau_sets_office_and_deadline_audited_and_exported(world: World, run: AssessmentRun) -> None:
    c = client(world, "bureau")
    page = c.get(f"/runs/{run.pk}/rectification/").content.decode()
    key = next(k.split('"')[0] for k in page.split('data-key="')[1:] if k.startswith(A))
    r = c.post(f"/runs/{run.pk}/rectification/assign/",
               {"key": key, "office": "<b>人事科</b>", "deadline": "2026-06-30"})
    assert r.status_code == 302
    anchor = r["Location"].split("#", 1)[1]  # back to the row just saved: the anchor is the row's id
    assert f'id="{anchor}"' in page
    a = Assignment.objects.get(district=world.a, school_year="2025-2026", finding_key=key)
    assert (a.office, str(a.deadline)) == ("<b>人事科</b>", "2026-06-30")
    event = AuditEvent.objects.get(action="set_rectification")
    assert event.after["office"] == "<b>人事科</b>" and event.school is not None
    page = c.get(f"/runs/{run.pk}/rectification/").content.decode()
    assert "&lt;b&gt;人事科&lt;/b&gt;" in page and "<b>人事科" not in page
    # a bad date is refused, nothing changes
    c.post(f"/runs/{run.pk}/rectification/assign/", {"key": key, "office": "x", "deadline": "明年"})
    a.refresh_from_db()
    assert a.office == "<b>人事科</b>"
    # read-only roles cannot write
    assert client(world, "analyst").post(f"/runs/{run.pk}/rectification/assign/",
                                         {"key": key, "office": "x"}).status_code == 403
    x = c.get(f"/runs/{run.pk}/rectification.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(x.content)).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert any(r[9] == "<b>人事科</b>" and r[10] == "2026-06-30" for r in rows)
    assert any(isinstance(r[7], (int, float)) for r in rows)  # gap amounts are numbers


def test_filter_by_requirement(world: World, run: AssessmentRun) -> None:
    page = client(world, "analyst").get(f"/runs/{run.pk}/rectification/?requirement=R3").content.decode()
    reqs = {p.split('"')[0] for p in page.split('data-requirement="')[1:]}
    assert reqs == {"R3"}


def test_officer_sees_only_their_school(world: World, run: AssessmentRun) -> None:
    c = client(world, "officer")
    assert c.get(f"/runs/{run.pk}/rectification/").status_code == 404
    page = c.get(f"/runs/{run.pk}/s/{OWN}/rectification/").content.decode()
    assert OWN in page and A + "0002" not in page and A + "0004" not in page
    assert c.get(f"/runs/{run.pk}/s/{A}0002/rectification/").status_code == 404


def test_compare_two_years(world: World, run: AssessmentRun) -> None:
    earlier = district_tables(A, "2024-2025")
    earlier["facilities"]["equipment_value_10k_yuan"] *= 2
    school_services.store_snapshot(None, world.a, earlier, source="2024.xlsx")
    assessment_services.start_run(world.users["bureau"], world.a, "2024-2025")
    c = client(world, "analyst")
    page = c.get(f"/d/{A}/compare/?year=2025-2026&base=2024-2025").content.decode()
    assert "2024-2025" in page and 'data-testid="compare-summary"' in page
    assert "生均教学仪器设备值" in page or "compare-cvs" in page
    school = c.get(f"/s/{OWN}/compare/").content.decode()
    assert 'data-testid="compare-school"' in school and " 元" in school
    assert "−" in school  # the equipment value fell


def test_compare_lists_the_flipped_schools_with_what_flipped_first() -> None:
    """The page names each newly failing / passing school at the top with the indicators that
    changed verdict (then → now, with units), before the long per-school tables."""
    from tests.report.test_rectification_compare import FAILING_ON_EQUIPMENT, earlier_s, result_s
    from youjun.report.compare import compare_results
    from youjun.web.apps.rectification import display

    c = compare_results(earlier_s(), result_s())
    shown = display.page(c, c["schools"], "zh", None, whole_school=False)
    flips = shown["flips"]
    assert [f["code"] for f in flips] == [s["code"] for s in c["newly_failing"] + c["newly_passing"]]
    mine = flips[0]
    assert mine["code"] == FAILING_ON_EQUIPMENT and mine["status_name"] == "新增未达标"
    assert "生均教学仪器设备值" in mine["what"] and " → " in mine["what"] and "元" in mine["what"]
    assert mine["anchor"] == f"c-{FAILING_ON_EQUIPMENT}-primary"
    en = display.page(c, c["schools"], "en", None, whole_school=False)["flips"][0]
    assert "equipment" in en["what"].lower() and "yuan" in en["what"] and "生均" not in en["what"]
