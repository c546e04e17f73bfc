"""The career record's pages: lists scoped and masked per role, a teacher's record with its
timeline and rotation eligibility, the bureau's forms (audited), the teacher's own page, the
school panel, evidence files."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from tests.web.workforce.wfworld import SECRET_NAME, WFWorld
from youjun.core.workforce_career import full_years
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.workforce import services
from youjun.web.apps.workforce.models import Assignment, Evidence, Honour, KeyTeacherAward, Teacher
from youjun.web.errors import Refused


def client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def test_a_school_officer_sees_only_their_schools_teachers_with_names(wfworld: WFWorld) -> None:
    c = client(wfworld, "officer")
    page = c.get(reverse("workforce:school", args=[wfworld.a1.code]))
    assert page.status_code == 200
    body = page.content.decode()
    mine = Teacher.objects.filter(school=wfworld.a1)
    assert body.count('data-testid="wf-teacher-row"') == mine.count()
    assert SECRET_NAME in body and wfworld.teachers["ta2"].staff_id not in body
    assert c.get(reverse("workforce:school", args=[wfworld.a2.code])).status_code == 404
    assert c.get(reverse("workforce:district", args=[wfworld.base.a.code])).status_code == 404
    assert c.get(reverse("workforce:teacher", args=[wfworld.teachers["ta2"].pk])).status_code == 404


def test_an_analyst_sees_the_district_list_with_names_masked_and_filters(wfworld: WFWorld) -> None:
    c = client(wfworld, "analyst")
    url = reverse("workforce:district", args=[wfworld.base.a.code])
    body = c.get(url).content.decode()
    assert SECRET_NAME not in body and "周**" in body
    assert "17" in body and "人" in body  # the count with its unit
    # the name is not searchable for a reader who may not see it
    assert 'data-testid="wf-teacher-row"' not in c.get(url, {"q": "周秘"}).content.decode()
    one = c.get(url, {"q": "T50011800001"}).content.decode()
    assert one.count('data-testid="wf-teacher-row"') == 1
    by_school = c.get(url, {"school": wfworld.a2.code}).content.decode()
    assert by_school.count('data-testid="wf-teacher-row"') == Teacher.objects.filter(school=wfworld.a2).count()
    key = c.get(url, {"key_tier": "any"}).content.decode()
    assert "T50011800001" in key  # t1 is a key teacher
    assert key.count('data-testid="wf-teacher-row"') == KeyTeacherAward.objects.filter(
        teacher__district=wfworld.base.a, end__isnull=True).exclude(tier="none").values("teacher").distinct().count()


def test_the_export_follows_the_filters_and_masks_names(wfworld: WFWorld) -> None:
    url = reverse("workforce:district_export", args=[wfworld.base.a.code])
    rows = list(load_workbook(io.BytesIO(client(wfworld, "analyst").get(url, {"school": wfworld.a1.code}).content))
                .active.values)
    assert "姓名" not in rows[0] and len(rows) - 1 == Teacher.objects.filter(school=wfworld.a1).count()
    assert SECRET_NAME not in str(rows)
    rows = list(load_workbook(io.BytesIO(client(wfworld, "bureau").get(url).content)).active.values)
    assert "姓名" in rows[0] and SECRET_NAME in str(rows) and len(rows) - 1 == 17


def test_the_record_says_rotation_eligibility_in_words(wfworld: WFWorld) -> None:
    t1 = wfworld.teachers["t1"]
    since = t1.assignments.get(end__isnull=True).start
    years = full_years(since, timezone.localdate())
    body = client(wfworld, "analyst").get(reverse("workforce:teacher", args=[t1.pk])).content.decode()
    assert f"在本校连续任教 {years} 年，已满 6 年，符合交流轮岗条件" in body
    assert SECRET_NAME not in body and "周**" in body
    assert "区级骨干教师" in body or "县级骨干教师" in body
    assert "wf-edit" not in body  # a reader has no forms


def test_the_bureau_records_a_rotation_and_the_timeline_shows_it(wfworld: WFWorld) -> None:
    t2 = wfworld.teachers["t2"]
    c = client(wfworld, "bureau")
    url = reverse("workforce:rotate", args=[t2.pk])
    assert client(wfworld, "officer").post(url, {"to_school": wfworld.a2.pk, "start": "2026-09-01"}).status_code == 403
    form = c.get(url).content.decode().split('name="to_school"')[1].split("</select>")[0]
    assert f'value="{wfworld.a2.pk}"' in form and f'value="{wfworld.a1.pk}"' not in form  # not its own school
    refused = c.post(url, {"to_school": wfworld.a1.pk, "start": "2026-09-01"})
    assert refused.status_code == 400 and Teacher.objects.get(pk=t2.pk).school == wfworld.a1
    with pytest.raises(Refused) as exc:  # the service refuses it too, whoever calls it
        services.rotate(None, t2, wfworld.a1, start=dt.date(2026, 9, 1))
    assert exc.value.problem["code"] == "E1153"
    done = c.post(url, {"to_school": wfworld.a2.pk, "start": "2026-09-01", "note": "城乡交流"}, follow=True)
    body = done.content.decode()
    assert 'data-testid="wf-rotation-badge"' in body and f"{wfworld.a1.name} → {wfworld.a2.name}" in body
    assert Teacher.objects.get(pk=t2.pk).school == wfworld.a2
    assert AuditEvent.objects.filter(action="workforce_rotation", object_id=str(t2.pk)).exists()


def test_the_bureau_adds_and_ends_career_facts_audited(wfworld: WFWorld) -> None:
    t2 = wfworld.teachers["t2"]
    c = client(wfworld, "bureau")
    assert c.post(reverse("workforce:title_add", args=[t2.pk]), {"title": "senior", "awarded_on": "2024-09-01"}
                  ).status_code == 302
    assert c.post(reverse("workforce:qualification_add", args=[t2.pk]), {"level": "master", "major": "数学"}
                  ).status_code == 302
    bad = c.post(reverse("workforce:key_add", args=[t2.pk]), {"tier": "key", "level": "county", "start": "2024-09-01",
                                                              "end": "2023-09-01"})
    assert bad.status_code == 400 and "E1162" in bad.content.decode()
    assert c.post(reverse("workforce:key_add", args=[t2.pk]), {"tier": "key", "level": "county",
                                                               "start": "2020-09-01"}).status_code == 302
    award = KeyTeacherAward.objects.get(teacher=t2, start=dt.date(2020, 9, 1))
    assert c.post(reverse("workforce:key_end", args=[t2.pk]), {"award": award.pk, "end": "2023-08-31"}
                  ).status_code == 302
    body = c.get(reverse("workforce:teacher", args=[t2.pk])).content.decode()
    assert "高级教师" in body and "term ended" not in body and "任期已结束" in body
    actions = set(AuditEvent.objects.filter(object_repr__contains=t2.staff_id).values_list("action", flat=True))
    assert {"workforce_title_add", "workforce_qualification_add", "workforce_key_award_add",
            "workforce_key_award_end"} <= actions


def _png(colour: str = "red") -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    out.seek(0)
    out.name = "证书.png"
    return out


def test_an_honour_with_its_evidence_file_and_the_reuse_flag(wfworld: WFWorld) -> None:
    c = client(wfworld, "bureau")
    t1, t2 = wfworld.teachers["t1"], wfworld.teachers["t2"]
    data = {"kind": "contest", "name": "优质课大赛", "level": "city", "prize": "一等奖", "awarded_on": "2025-11-20"}
    assert c.post(reverse("workforce:honour_add", args=[t1.pk]), {**data, "evidence": _png()}).status_code == 302
    honour = Honour.objects.get(teacher=t1)
    assert honour.evidence is not None and honour.evidence.content_type == "image/jpeg"
    file = client(wfworld, "teacher").get(reverse("workforce:evidence", args=[honour.evidence.pk]))
    assert file.status_code == 200 and file["Content-Type"] == "image/jpeg"
    assert client(wfworld, "teacher2").get(reverse("workforce:evidence", args=[honour.evidence.pk])).status_code == 404
    again = c.post(reverse("workforce:honour_add", args=[t2.pk]), {**data, "evidence": _png()}, follow=True)
    assert "同一文件已登记在其他教师名下" in again.content.decode()
    text = io.BytesIO(b"not an image")
    text.name = "x.docx"
    refused = c.post(reverse("workforce:honour_add", args=[t2.pk]), {**data, "evidence": text})
    assert refused.status_code == 400 and "E1156" in refused.content.decode()
    assert Evidence.objects.count() == 2 and Honour.objects.filter(teacher=t2).count() == 1


def test_the_teacher_sees_their_own_record_and_the_home_page_sends_them_there(wfworld: WFWorld) -> None:
    c = client(wfworld, "teacher")
    assert c.get("/").headers["Location"] == reverse("workforce:me")
    body = c.get(reverse("workforce:me")).content.decode()
    assert SECRET_NAME in body and "wf-edit" not in body
    assert c.get(reverse("workforce:teacher", args=[wfworld.teachers["t2"].pk])).status_code == 404
    nobody = client(wfworld, "nobody").get(reverse("workforce:me"))
    assert nobody.status_code == 302


def test_the_school_page_has_the_teachers_panel(wfworld: WFWorld) -> None:
    body = client(wfworld, "officer").get(reverse("schools:school", args=[wfworld.a1.code])).content.decode()
    assert 'data-testid="workforce-panel"' in body
    n = Teacher.objects.filter(school=wfworld.a1).count()
    assert f"{n} 人" in body or f"{n} teachers" in body


def test_the_bureau_adds_a_teacher_and_an_id_card_number_is_refused(wfworld: WFWorld) -> None:
    c = client(wfworld, "bureau")
    url = reverse("workforce:teacher_add", args=[wfworld.base.a.code])
    before = Teacher.objects.count()
    refused = c.post(url, {"staff_id": "50011819850101123X", "school": wfworld.a1.pk, "start": "2020-09-01"})
    assert refused.status_code == 400 and "E1155" in refused.content.decode()
    assert "50011819850101123X" not in refused.content.decode().split("wf-problems")[1]
    dup = c.post(url, {"staff_id": "T50011800001", "school": wfworld.a1.pk, "start": "2020-09-01"})
    assert dup.status_code == 400 and "E1163" in dup.content.decode()
    assert Teacher.objects.count() == before
    ok = c.post(url, {"staff_id": "T500118NEW01", "school": wfworld.a1.pk, "start": "2020-09-01", "name": "新老师",
                      "subject": "math", "on_establishment": "on"})
    assert ok.status_code == 302
    t = Teacher.objects.get(staff_id="T500118NEW01")
    assert t.subject == "math" and t.assignments.get().kind == Assignment.Kind.APPOINTED
    assert AuditEvent.objects.filter(action="workforce_teacher_add", object_id=str(t.pk)).exists()


def test_the_demo_adds_honours_and_contest_results_to_the_teachers(wfworld: WFWorld) -> None:
    import random

    from youjun.web.apps.workforce import demo

    out = demo.seed(wfworld.base.a, today=dt.date(2026, 1, 1), rng=random.Random(7))
    stored = Honour.objects.filter(teacher__district=wfworld.base.a)
    assert stored.count() == out["honours"] + out["contest_results"] > 0
    assert not stored.filter(teacher__district=wfworld.base.b).exists()
    again = demo.seed(wfworld.base.a, today=dt.date(2026, 1, 1), rng=random.Random(7))
    assert Honour.objects.filter(teacher__district=wfworld.base.a).count() == sum(again.values())  # replaced


def test_a_class_teacher_with_a_record_still_lands_on_the_pupils_mine_page(wfworld: WFWorld) -> None:
    """Specific home redirects are asked in the order the apps register them: pupils' "mine"
    (her classes' tasks) before the workforce's own record, which the nav links to instead."""
    from youjun.web.apps.pupils import services as pupil_services
    from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher

    group = ClassGroup.objects.create(school=wfworld.a1, school_year="2025-2026", grade=3, number=1)
    pupil_services.assign_teacher(group, wfworld.user("teacher"), None, kind=ClassTeacher.Kind.HEAD)
    assert client(wfworld, "teacher").get("/").headers["Location"] == reverse("pupils:mine")


def test_a_reader_without_names_sees_an_age_band_not_the_year_of_birth(wfworld: WFWorld) -> None:
    """School, subject, sex and a year of birth together can name a teacher: a reader who may
    not see the name (the analyst) sees a ten-year age band; those who see names see the year."""
    t1 = wfworld.teachers["t1"]
    Teacher.objects.filter(pk=t1.pk).update(birth_year=1985, started_teaching=2008)
    age = timezone.localdate().year - 1985
    band = f"{age // 10 * 10}–{age // 10 * 10 + 9} 岁"
    url = reverse("workforce:teacher", args=[t1.pk])
    masked = client(wfworld, "analyst").get(url).content.decode()
    assert band in masked and "1985" not in masked and "2008" not in masked
    named = client(wfworld, "officer").get(url).content.decode()
    assert "1985" in named and "2008" in named and 'data-testid="wf-age-band"' not in named
