"""The career record's foundation: teachers from the district workbook, scoped by content,
rotations as assignments, and who sees which teacher (names masked outside the managers)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.workforce.wfworld import SECRET_NAME, WFWorld
from tests.web.world import A, B
from youjun.web.apps.platform.models import AuditEvent, School
from youjun.web.apps.workforce import access, services
from youjun.web.apps.workforce.models import Assignment, Teacher
from youjun.web.errors import Refused


def test_the_workbook_makes_one_teacher_per_staff_id_with_an_open_assignment(wfworld: WFWorld) -> None:
    teachers = Teacher.objects.filter(district=wfworld.base.a)
    assert teachers.count() == 17
    t1 = wfworld.teachers["t1"]
    current = t1.assignments.get(end__isnull=True)
    assert current.school == wfworld.a1 and current.start == dt.date(2025 - 7, 9, 1)  # 7 years at school
    assert t1.key_awards.get().tier == "key" and t1.titles.get().title == "first"


def test_a_second_import_updates_and_moves_without_duplicates(wfworld: WFWorld) -> None:
    row = services.TeacherRow(staff_id="T50011800001", school_code=wfworld.a2.code, rotated_from=wfworld.a1.code)
    result = services.upsert_teachers(None, wfworld.base.a, [row], as_of=dt.date(2026, 9, 1))
    assert (result.created, result.updated, result.moved) == (0, 1, 1)
    t1 = Teacher.objects.get(pk=wfworld.teachers["t1"].pk)
    assert t1.school == wfworld.a2
    history = list(t1.assignments.order_by("start"))
    assert [a.end for a in history] == [dt.date(2026, 8, 31), None]
    assert history[1].kind == Assignment.Kind.ROTATION and history[1].from_school == wfworld.a1


def test_a_school_of_another_district_is_refused_by_content_and_nothing_is_written(wfworld: WFWorld) -> None:
    other = School.objects.get(code=B + "0001")
    rows = [services.TeacherRow(staff_id="NEW1", school_code=wfworld.a1.code),
            services.TeacherRow(staff_id="T50011800001", school_code=other.code),
            services.TeacherRow(staff_id="NEW1", school_code=wfworld.a1.code, subject="astrology")]
    before = (Teacher.objects.count(), Assignment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(Refused) as caught:
        services.upsert_teachers(None, wfworld.base.a, rows, as_of=dt.date(2026, 9, 1))
    codes = [p["code"] for p in caught.value.problems]
    assert codes == ["E1150", "E1151", "E1152"]
    assert "涪陵" not in caught.value.problems[0]["message"]["zh"]  # the other district is not named
    assert (Teacher.objects.count(), Assignment.objects.count(), AuditEvent.objects.count()) == before
    assert Teacher.objects.get(pk=wfworld.teachers["t1"].pk).school == wfworld.a1


def test_rotation_closes_the_current_post_and_is_audited(wfworld: WFWorld) -> None:
    t2 = wfworld.teachers["t2"]
    services.rotate(wfworld.user("bureau"), t2, wfworld.a2, start=dt.date(2026, 9, 1))
    assert Teacher.objects.get(pk=t2.pk).school == wfworld.a2
    assert AuditEvent.objects.filter(action="workforce_rotation", object_id=str(t2.pk)).count() == 1
    with pytest.raises(Refused) as same:
        services.rotate(None, t2, wfworld.a2, start=dt.date(2027, 9, 1))
    assert same.value.problem["code"] == "E1153"
    with pytest.raises(Refused) as early:
        services.rotate(None, t2, wfworld.a1, start=dt.date(2026, 3, 1))
    assert early.value.problem["code"] == "E1154"
    with pytest.raises(Refused):
        services.rotate(None, t2, School.objects.get(code=B + "0001"), start=dt.date(2027, 9, 1))


def test_who_sees_a_teacher_and_their_name(wfworld: WFWorld) -> None:
    t1, ta2, tb = wfworld.teachers["t1"], wfworld.teachers["ta2"], wfworld.teachers["tb"]
    u = wfworld.user
    assert access.teacher_reach(u("officer"), t1).names and not access.teacher_reach(u("officer"), ta2).sees
    assert access.teacher_reach(u("analyst"), t1).sees and not access.teacher_reach(u("analyst"), t1).names
    assert access.name_for(u("analyst"), t1) == "周**" and access.name_for(u("teacher"), t1) == SECRET_NAME
    assert not access.teacher_reach(u("teacher"), wfworld.teachers["t2"]).sees
    assert not access.teacher_reach(u("bureau"), tb).sees and access.teacher_reach(u("bureau_b"), tb).bureau
    assert set(access.visible_teachers(u("officer2"), wfworld.base.a)) == set(Teacher.objects.filter(school=wfworld.a2))
    assert list(access.visible_teachers(u("teacher"), wfworld.base.a)) == [t1]
    assert not access.visible_teachers(u("nobody"), wfworld.base.a).exists()
    assert wfworld.base.a.code == A
