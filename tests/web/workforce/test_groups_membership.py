"""Education groups: dated membership through the one service, history and the register's group
in step, refusals, and the pages that show them (rendered through the real templates)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.groups import selectors, services
from youjun.web.apps.groups.models import GroupMembership
from youjun.web.apps.platform.models import AuditEvent, EducationGroup, School
from youjun.web.errors import Refused

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 9, 1)


def _client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def test_adopt_register_opens_memberships_of_the_workbook_groups(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    assert services.adopt_register(None, a, DAY) == 2  # 红旗小学 and 石笋山教学点 of 红旗教育集团
    assert selectors.unadopted(a) == 0
    assert services.adopt_register(None, a, DAY) == 0  # the second time: nothing left to adopt


def test_move_closes_the_old_membership_keeps_history_and_the_register_group(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    services.adopt_register(None, a, DAY)
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    new = services.create_group(wfworld.user("bureau"), a, name="凤凰湖教育集团")
    school = School.objects.get(code="5001180003")
    services.move_school(wfworld.user("bureau"), school, new, role="member", start=dt.date(2025, 3, 1))
    rows = list(GroupMembership.objects.filter(school=school).order_by("start"))
    assert [(m.group_id, m.start, m.end) for m in rows] == [
        (hongqi.pk, DAY, dt.date(2025, 2, 28)), (new.pk, dt.date(2025, 3, 1), None)]
    school.refresh_from_db()
    assert school.group_id == new.pk
    assert AuditEvent.objects.filter(action="groups_move", object_id=str(school.pk)).count() == 1
    # out of every group: closed, the register's group cleared
    services.move_school(None, school, None, start=dt.date(2025, 9, 1))
    school.refresh_from_db()
    assert school.group_id is None
    assert not GroupMembership.objects.filter(school=school, end__isnull=True).exists()


def test_two_groups_at_once_refused(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    services.adopt_register(None, a, DAY)
    new = services.create_group(None, a, name="新集团")
    school = School.objects.get(code="5001180001")
    with pytest.raises(Refused) as exc:  # not after the open membership's start
        services.move_school(None, school, new, start=DAY)
    assert exc.value.problem["code"] == "E1231"
    services.move_school(None, school, new, start=dt.date(2025, 3, 1))
    services.move_school(None, school, None, start=dt.date(2025, 5, 1))
    with pytest.raises(Refused) as exc:  # back into a stretch the history already holds
        services.move_school(None, school, new, start=dt.date(2025, 4, 1))
    assert exc.value.problem["code"] == "E1233"
    assert GroupMembership.objects.filter(school=school).count() == 2


def test_a_school_or_group_of_another_district_refused(wfworld: WFWorld) -> None:
    services.adopt_register(None, wfworld.base.b, DAY)
    group_b = EducationGroup.objects.get(district=wfworld.base.b, name="红旗教育集团")
    with pytest.raises(Refused) as exc:
        services.move_school(None, wfworld.a1, group_b, start=DAY)
    assert exc.value.problem["code"] == "E1230"
    assert not GroupMembership.objects.filter(school=wfworld.a1).exists()


def test_second_lead_refused(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    services.adopt_register(None, a, DAY)
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    services.move_school(None, wfworld.a1, hongqi, role="lead", start=dt.date(2025, 1, 1))
    with pytest.raises(Refused) as exc:
        services.move_school(None, School.objects.get(code="5001180003"), hongqi, role="lead",
                             start=dt.date(2025, 1, 1))
    assert exc.value.problem["code"] == "E1234"


def test_coverage_computed_from_the_lead_mark_and_the_snapshot_pupils(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    services.adopt_register(None, a, DAY)
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    cov = selectors.coverage(a)["coverage"]
    assert (cov.covered_pupils, cov.total_pupils) == (0, 855)  # no quality lead yet
    services.move_school(None, wfworld.a1, hongqi, role="lead", start=dt.date(2025, 1, 1))
    services.mark_quality(None, wfworld.a1, basis="区教委认定文件", marked_on=dt.date(2025, 1, 10))
    cov = selectors.coverage(a)["coverage"]
    assert (cov.covered_pupils, cov.total_pupils, cov.covered_schools) == (270, 855, 2)  # 240 + 30
    assert not cov.complete
    # every school in the group: 100 % computed so
    for code in ("5001180002", "5001180004"):
        services.move_school(None, School.objects.get(code=code), hongqi, start=dt.date(2025, 2, 1))
    cov = selectors.coverage(a)["coverage"]
    assert cov.complete and cov.percent == 100.0
    # an expired mark (local rule: 3 years) covers nothing
    later = timezone.localdate().replace(year=timezone.localdate().year + 4)
    assert selectors.coverage(a, later)["coverage"].covered_pupils == 0


def test_mark_without_basis_refused(wfworld: WFWorld) -> None:
    with pytest.raises(Refused) as exc:
        services.mark_quality(None, wfworld.a1, basis="  ", marked_on=DAY)
    assert exc.value.problem["code"] == "E1240"


def test_bureau_moves_a_school_and_sees_history_and_coverage_on_the_pages(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    c = _client(wfworld, "bureau")
    r = c.post(f"/groups/district/{a.code}/adopt/", {"start": "2024-09-01"})
    assert r.status_code == 302
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    r = c.post(f"/groups/district/{a.code}/move/", {"school": wfworld.a1.pk, "group": hongqi.pk, "role": "lead",
                                                   "start": "2025-01-01", "note": ""})
    assert r.status_code == 302
    c.post(f"/groups/district/{a.code}/quality/", {"school": wfworld.a1.pk, "basis": "区教委文件",
                                                  "marked_on": "2025-01-10"})
    page = c.get(f"/groups/district/{a.code}/").content.decode()
    assert "31.6%" in page  # 270 of 855 pupils
    r = c.post(f"/groups/district/{a.code}/move/", {"school": wfworld.a2.pk, "group": hongqi.pk, "role": "member",
                                                   "start": "2025-03-01", "note": "就近加入"})
    assert r.status_code == 302
    page = c.get(f"/groups/district/{a.code}/").content.decode()
    assert "68.4%" in page  # 585 of 855
    group_page = c.get(f"/groups/group/{hongqi.pk}/").content.decode()
    assert "就近加入" in group_page and "凤凰湖学校" in group_page
    # a refusal is shown in the page's language, nothing written
    r = c.post(f"/groups/district/{a.code}/move/", {"school": wfworld.a2.pk, "group": hongqi.pk, "role": "member",
                                                   "start": "2025-03-01", "note": ""})
    assert r.status_code == 400 and "E1232" in r.content.decode()


def test_a_workbook_that_changes_a_schools_group_is_recorded_as_a_move(wfworld: WFWorld) -> None:
    """A later year's workbook that puts a school in another group: once the district keeps
    dated memberships the move is in the history (from 1 September of that year), not only in
    ``School.group``; an earlier year's workbook stored afterwards turns nothing back."""
    from tests.web.world import A, district_tables
    from youjun.web.apps.schools import services as school_services

    a = wfworld.base.a
    services.adopt_register(None, a, DAY)
    school = School.objects.get(code="5001180003")
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    assert school.group_id == hongqi.pk
    tables = district_tables(A, "2026-2027")
    s = tables["schools"]
    s.loc[s["school_code"] == "5001180003", "education_group"] = "凤凰湖教育集团"
    school_services.store_snapshot(None, a, tables, source="2026.xlsx")
    school.refresh_from_db()
    fenghuang = EducationGroup.objects.get(district=a, name="凤凰湖教育集团")
    assert school.group_id == fenghuang.pk
    rows = list(GroupMembership.objects.filter(school=school).order_by("start"))
    assert [(m.group_id, m.start, m.end) for m in rows] == [
        (hongqi.pk, DAY, dt.date(2026, 8, 31)), (fenghuang.pk, dt.date(2026, 9, 1), None)]
    assert rows[1].from_register
    # the 2025-2026 workbook again (a correction of the earlier year): the register stays 2026-2027's
    school_services.store_snapshot(None, a, district_tables(A, "2025-2026"), source="2025-fix.xlsx")
    school.refresh_from_db()
    assert school.group_id == fenghuang.pk
    assert GroupMembership.objects.filter(school=school).count() == 2
