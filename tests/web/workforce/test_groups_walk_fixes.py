"""The bureau's walk of the group pages (findings 12, 15, 19), rendered through the real views."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.groups import selectors, services
from youjun.web.apps.platform.models import EducationGroup, School
from youjun.web.apps.workforce.services import rotate

pytestmark = pytest.mark.django_db


def _client(w: WFWorld) -> Client:
    c = Client()
    c.force_login(w.user("bureau"))
    return c


def test_group_page_total_row_and_whole_hours(wfworld: WFWorld) -> None:
    """#12: the shared-teacher total is 合计; #19: whole hours without “.0”."""
    a = wfworld.base.a
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    group = EducationGroup.objects.get(district=a, name="红旗教育集团")
    lead, member = (School.objects.get(code=c) for c in ("5001180001", "5001180003"))
    services.add_course(None, group, title="书法", offering=lead, receiving=[member], school_year="2025-2026",
                        term=1, hours=12)
    teacher = wfworld.teachers["t2"]
    rotate(None, teacher, member, start=dt.date(2025, 3, 1))
    html = _client(wfworld).get(f"/groups/group/{group.pk}/").content.decode()
    assert 'data-testid="shared-table"' in html
    assert "<th>合计</th>" in html and "总分" not in html
    assert ">12&nbsp;学时" in html and "12.0" not in html


def test_comparison_explains_its_columns_and_scrolls_visibly(wfworld: WFWorld) -> None:
    """#15: the engine's column explained, a visible scroll hint, Theil values with enough decimals
    that the share between groups can be read from them."""
    a = wfworld.base.a
    run = assessment_services.start_run(None, a, "2025-2026")
    run.refresh_from_db()
    assert run.status == "done"
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    html = _client(wfworld).get(f"/groups/district/{a.code}/compare/").content.decode()
    assert 'data-testid="compare-engine-note"' in html
    assert 'data-testid="scroll-hint"' in html
    assert 'data-testid="theil-scale"' in html
    found = selectors.comparison(a)
    first = found["levels"][0]["indicators"][0]
    row = re.findall(r'<tr data-testid="theil-row"><th>[^<]*</th><td class="num">([^<]*)</td>'
                     r'<td class="num">([^<]*)</td>', html)
    assert row
    total, between = (float(x.replace(",", "")) for x in row[0])
    # per mille with one decimal: the shown values are the engine's × 1,000, never cut to 0.001
    assert total == pytest.approx(round(first["total"] * 1000, 1))
    assert between == pytest.approx(round(first["between"] * 1000, 1))


def test_coverage_and_dashboard_say_which_pupils_they_count(wfworld: WFWorld) -> None:
    """#14: the two pupil figures (coverage vs the dashboard) each say which table and sections."""
    a = wfworld.base.a
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    groups_page = _client(wfworld).get(f"/groups/district/{a.code}/").content.decode()
    dash = _client(wfworld).get(f"/workforce/d/{a.code}/dashboard/").content.decode()
    assert 'data-testid="coverage-pupils-base"' in groups_page and "义务教育学段" in groups_page
    assert 'data-testid="pupils-base"' in dash and "班级表中所有学段" in dash


def test_the_move_form_has_no_default_group_and_leaving_is_a_choice(wfworld: WFWorld) -> None:
    """The walk's finding: the move form defaulted to “leave its group”, so sending it without a
    choice took the school out of its group. Now the group has no default: a form sent without one
    is refused and changes nothing; leaving is chosen by name."""
    a = wfworld.base.a
    services.adopt_register(None, a, dt.date(2024, 9, 1))
    school = School.objects.get(code="5001180001")
    before = school.group_id
    assert before is not None
    c = _client(wfworld)
    page = c.get(f"/groups/district/{a.code}/").content.decode()
    select = page.split('name="group"')[1].split("</select>")[0]
    options = select.split("<option")[1:]
    assert options[0].startswith(' value=""') and 'value="leave"' in options[-1]  # first: choose; last: leave
    r = c.post(f"/groups/district/{a.code}/move/", {"school": school.pk, "role": "member", "start": "2025-03-01"})
    assert r.status_code == 400
    school.refresh_from_db()
    assert school.group_id == before
    r = c.post(f"/groups/district/{a.code}/move/", {"school": school.pk, "group": "leave", "role": "member",
                                                     "start": "2025-03-01"})
    assert r.status_code == 302
    school.refresh_from_db()
    assert school.group_id is None
