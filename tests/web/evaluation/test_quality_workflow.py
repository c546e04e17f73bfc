"""Comprehensive quality evaluation: the workflow through the real pages (record → selection →
publication → objection → answer → confirmation → signature → locked), each step by the wrong
role refused; who may write what; quotas on both sides of the limit; the reuse and bulk flags;
what the publication page shows; evidence without EXIF; the export's text cells."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook
from PIL import Image

from tests.web.evaluation.eworld import SECRET_ID, SECRET_NAME, YEAR, EWorld
from youjun.core import quality as rules
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.quality import selectors, services
from youjun.web.apps.quality.models import Grade, Objection, Publication, Record, TermRecord


def client(ew: EWorld, role: str) -> Client:
    c = Client()
    c.force_login(ew.user(role))
    return c


def add(ew: EWorld, role: str, pupil: str = "p1", **kw: object) -> object:
    data = {"year": YEAR, "term": "1", "dimension": "practice", "kind": "volunteer", "title": "敬老院志愿服务",
            "day": "2025-10-08", "description": "打扫卫生", "hours": "2.5"}
    data.update({k: str(v) for k, v in kw.items()})
    return client(ew, role).post(f"/quality/p/{ew.pupils[pupil].pk}/records/", data)


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (29.0, 21.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_whole_workflow_with_wrong_roles_refused(eworld: EWorld) -> None:
    ew, p1, c1 = eworld, eworld.pupils["p1"], eworld.classes["c1"]
    # the pupil records; a teacher may not write the pupil's own kind of record for them
    assert add(ew, "pupil").status_code == 302
    r = add(ew, "teacher", title="代写")
    assert r.status_code == 400 and b'data-code="E1080"' in r.content
    assert add(ew, "teacher", kind="teacher_comment", dimension="moral", title="乐于助人", hours="").status_code == 302
    r = add(ew, "parent", kind="course_result", dimension="academic", title="数学")
    assert r.status_code == 400 and b'data-code="E1081"' in r.content
    assert add(ew, "officer", title="学校代填").status_code == 400
    rec = Record.objects.get(pupil=p1, kind="volunteer")
    assert (rec.entered_by, rec.entered_role, str(rec.hours)) == (ew.user("pupil"), "pupil", "2.5")
    assert Record.objects.get(pupil=p1, kind="teacher_comment").entered_role == "teacher"
    # selection: the pupil's or guardian's, a teacher is refused
    assert client(ew, "teacher").post(f"/quality/p/{p1.pk}/select/", {"year": YEAR, "term": "1",
                                                                      "record": [rec.pk]}).status_code == 403
    comment = Record.objects.get(pupil=p1, kind="teacher_comment")  # kept after the objection below
    assert client(ew, "parent").post(f"/quality/p/{p1.pk}/select/", {"year": YEAR, "term": "1",
                                                                     "record": [rec.pk, comment.pk]}).status_code == 302
    rec.refresh_from_db()
    assert rec.selected and rec.selected_by == ew.user("parent")
    # publication: the head teacher's, not the subject teacher's nor the office's
    assert client(ew, "officer").post(f"/quality/c/{c1.pk}/publish/", {"term": "1"}).status_code == 403
    assert client(ew, "teacher2").post(f"/quality/c/{c1.pk}/publish/", {"term": "1"}).status_code == 404
    pub = services.open_publication(ew.user("teacher"), c1, 1, start=dt.date(2025, 12, 5))  # a Friday
    assert (pub.closes_on, pub.school_days) == (dt.date(2025, 12, 11), 5)
    r = client(ew, "teacher").post(f"/quality/c/{c1.pk}/publish/", {"term": "1"})
    assert r.status_code == 400 and b'data-code="E1087"' in r.content
    # objection: during the window only, by the class's family, with a reason
    with pytest.raises(services.Refused) as e:
        services.raise_objection(ew.user("parent"), pub, p1, rec, "时长不对", now=dt.date(2025, 12, 12))
    assert e.value.problem["code"] == "E1088"
    with pytest.raises(services.Refused) as e:
        services.raise_objection(ew.user("parent"), pub, p1, rec, " ", now=dt.date(2025, 12, 8))
    assert e.value.problem["code"] == "E1089"
    assert client(ew, "teacher").post(f"/quality/pub/{pub.pk}/object/", {"item": f"r{rec.pk}",
                                                                          "reason": "x"}).status_code == 403
    objection = services.raise_objection(ew.user("parent"), pub, p1, rec, "实际服务1小时", now=dt.date(2025, 12, 8))
    # confirmation: not before the window closes, not with an objection open
    with pytest.raises(services.Refused) as e:
        services.confirm(ew.user("teacher"), c1, p1, 1, now=dt.date(2025, 12, 11))
    assert e.value.problem["code"] == "E1091"
    with pytest.raises(services.Refused) as e:
        services.confirm(ew.user("teacher"), c1, p1, 1, now=dt.date(2025, 12, 12))
    assert e.value.problem["code"] == "E1092"
    # the answer: the head teacher's; upheld withdraws the record
    assert client(ew, "parent").post(f"/quality/objection/{objection.pk}/answer/",
                                     {"decision": "upheld", "answer": "x"}).status_code == 403
    r = client(ew, "teacher").post(f"/quality/objection/{objection.pk}/answer/", {"decision": "upheld", "answer": ""})
    assert r.status_code == 400 and b'data-code="E1089"' in r.content
    assert client(ew, "teacher").post(f"/quality/objection/{objection.pk}/answer/",
                                      {"decision": "upheld", "answer": "核实为1小时，撤回重填"}).status_code == 302
    objection.refresh_from_db()
    rec.refresh_from_db()
    assert objection.state == "upheld" and objection.answered_by == ew.user("teacher") and rec.withdrawn
    with pytest.raises(services.Refused) as e:
        services.answer_objection(ew.user("teacher"), objection, upheld=False, answer="改")
    assert e.value.problem["code"] == "E1090"
    # signing before confirmation is refused; the teacher never signs
    with pytest.raises(services.Refused) as e:
        services.sign(ew.user("pupil"), p1, YEAR, 1)
    assert e.value.problem["code"] == "E1093"
    tr = services.confirm(ew.user("teacher"), c1, p1, 1, now=dt.date(2025, 12, 12))
    assert tr.state == "confirmed" and tr.confirmed_by == ew.user("teacher")
    assert client(ew, "teacher").post(f"/quality/p/{p1.pk}/sign/", {"year": YEAR, "term": "1"}).status_code == 403
    assert client(ew, "pupil").post(f"/quality/p/{p1.pk}/sign/", {"year": YEAR, "term": "1"}).status_code == 302
    tr.refresh_from_db()
    assert (tr.state, tr.signed_by, tr.signed_role) == ("locked", ew.user("pupil"), "pupil")
    # locked: no new record, no selection; only the bureau's addendum
    r = add(ew, "pupil", title="补录")
    assert r.status_code == 400 and b'data-code="E1082"' in r.content
    assert client(ew, "officer").post(f"/quality/p/{p1.pk}/addendum/", {"year": YEAR, "term": "1",
                                                                        "text": "更正"}).status_code == 403
    assert client(ew, "bureau").post(f"/quality/p/{p1.pk}/addendum/", {"year": YEAR, "term": "1",
                                                                       "text": "更正：时长为1小时"}).status_code == 302
    assert tr.addenda.count() == 1
    actions = set(AuditEvent.objects.filter(action__startswith="quality_").values_list("action", flat=True))
    assert {"quality_record_add", "quality_select", "quality_publish", "quality_objection",
            "quality_objection_answer", "quality_confirm", "quality_sign", "quality_addendum"} <= actions
    assert all(len(a) <= 32 for a in actions)
    page = client(ew, "parent").get(f"/quality/p/{p1.pk}/?year={YEAR}&term=1").content.decode()
    assert "已签字归档" in page and "更正：时长为1小时" in page
    archive = client(ew, "parent").get(f"/quality/p/{p1.pk}/archive/").content.decode()
    assert "综合素质档案" in archive and SECRET_ID not in archive


def test_publication_page_shows_titles_and_grades_only(eworld: EWorld, settings) -> None:  # type: ignore[no-untyped-def]
    ew, p1, p2, c1 = eworld, eworld.pupils["p1"], eworld.pupils["p2"], eworld.classes["c1"]
    services.save_district_settings(ew.user("bureau"), ew.a1.district, {"grades_per": "term", "quota_pct": {"A": 50}})
    rec = services.add_record(ew.user("pupil"), p1, school_year=YEAR, term=1, dimension="arts", kind="arts",
                              title="合唱比赛一等奖", day=dt.date(2025, 11, 3), description="家住某某小区",
                              files=[(jpeg_with_gps(), "合唱.jpg")])
    services.add_record(ew.user("pupil"), p1, school_year=YEAR, term=1, dimension="arts", kind="arts",
                        title="未选的记录", day=dt.date(2025, 11, 4))
    services.select_records(ew.user("pupil"), p1, YEAR, 1, [rec.pk])
    services.propose_grades(ew.user("teacher"), c1, p1, 1, dict.fromkeys(("moral", "academic", "health", "arts",
                                                                         "practice"), "B"), "积极向上")
    pub = services.open_publication(ew.user("teacher"), c1, 1, start=dt.date(2025, 12, 1))
    for role in ("parent", "teacher", "officer"):
        body = client(ew, role).get(f"/quality/pub/{pub.pk}/").content.decode()
        assert "合唱比赛一等奖" in body and "未选的记录" not in body
        for secret in (SECRET_NAME, p2.name, SECRET_ID, p2.student_id, SECRET_ID[-3:] + "<", "家住某某小区",
                       "/quality/e/", "<img"):
            assert secret not in body, (role, secret)
        number = selectors.public_numbers(pub)[p1.pk]  # pupils without records or grades are not listed
        assert f"第 {number} 号" in body and body.count('data-testid="pub-row"') == 1 and "艺术素养 B" in body
    assert "您的" in client(ew, "parent").get(f"/quality/pub/{pub.pk}/").content.decode()
    # pupils of another class, a teacher of another class: not found
    assert client(ew, "teacher2").get(f"/quality/pub/{pub.pk}/").status_code == 404
    # the evidence photo was re-encoded: no EXIF, no GPS; the uploaded file's hash kept
    ev = rec.evidence.get()
    stored = Image.open(io.BytesIO(bytes(ev.content)))
    assert stored.format == "JPEG" and not stored.getexif() and b"PhoneMaker" not in bytes(ev.content)
    assert len(ev.sha256) == 64 and ev.sha256 != ev.stored_sha256


def test_grade_quota_both_sides_of_the_limit(eworld: EWorld) -> None:
    ew, c1, c2 = eworld, eworld.classes["c1"], eworld.classes["c2"]
    grades = dict.fromkeys(("moral", "academic", "health", "arts", "practice"), "B")
    # grade 3 is not a graduating grade: refused while the district grades at graduation
    with pytest.raises(services.Refused) as e:
        services.propose_grades(ew.user("teacher"), c1, ew.pupils["p1"], 1, grades, "好")
    assert e.value.problem["code"] == "E1095"
    services.save_district_settings(ew.user("bureau"), ew.a1.district, {"grades_per": "term", "quota_pct": {"A": 50}})
    with pytest.raises(services.Refused) as e:
        services.propose_grades(ew.user("teacher"), c1, ew.pupils["p1"], 1, {**grades, "arts": ""}, "")
    assert e.value.problem["code"] == "E1096" and "艺术素养" in e.value.problem["message"]["zh"]
    # 3 pupils in grade 3 of A0001: 50% allows 1 A per dimension (1/3 ≤ 50%), not 2 (2/3 > 50%)
    services.propose_grades(ew.user("teacher"), c1, ew.pupils["p1"], 1, {**grades, "moral": "A"}, "好")
    services.propose_grades(ew.user("teacher"), c1, ew.pupils["p1"], 1, {**grades, "moral": "A"}, "再评")  # same pupil
    with pytest.raises(services.Refused) as e:
        services.propose_grades(ew.user("teacher"), c1, ew.pupils["p2"], 1, {**grades, "moral": "A"}, "好")
    p = e.value.problem
    assert p["code"] == "E1094" and "将有 2 人" in p["message"]["zh"] and "上限 1 人" in p["message"]["zh"]
    assert "3 人的 50%" in p["message"]["zh"] and "local rule" in p["message"]["en"]
    services.propose_grades(ew.user("teacher"), c1, ew.pupils["p2"], 1, {**grades, "arts": "A"}, "好")
    assert Grade.objects.filter(grade="A").count() == 2
    # the class page answers the refusal in words, status 400
    r = client(ew, "teacher").post(f"/quality/c/{c1.pk}/grades/", {"term": "1", "pupil": ew.pupils["p2"].pk,
                                                                   **grades, "moral": "A", "comment": "好"})
    assert r.status_code == 400 and b'data-code="E1094"' in r.content
    assert client(ew, "teacher2").post(f"/quality/c/{c2.pk}/grades/", {"term": "1"}).status_code == 403
    assert rules.check_quota("A", 3, 10, {"A": 30}) is None and rules.check_quota("A", 4, 10, {"A": 30}) is not None


def test_reused_evidence_and_bulk_entry_are_flagged_not_blocked(eworld: EWorld) -> None:
    ew = eworld
    photo = jpeg_with_gps()
    services.add_record(ew.user("pupil"), ew.pupils["p1"], school_year=YEAR, term=1, dimension="practice",
                        kind="practice", title="植树", day=dt.date(2025, 10, 1), files=[(photo, "a.jpg")])
    from youjun.web.apps.pupils import services as pupil_services

    pupil_services.add_guardian(ew.pupils["p2"], ew.user("parent"), None)
    services.add_record(ew.user("parent"), ew.pupils["p2"], school_year=YEAR, term=1, dimension="practice",
                        kind="practice", title="植树活动", day=dt.date(2025, 10, 1), files=[(photo, "b.jpg")])
    body = client(ew, "teacher").get(f"/quality/c/{ew.classes['c1'].pk}/?term=1").content.decode()
    assert 'data-testid="reuse-flags"' in body and "植树活动" in body
    school = client(ew, "officer").get(f"/quality/s/{ew.a1.code}/?year={YEAR}").content.decode()
    assert 'data-testid="reuse-list"' in school
    assert [f.pupils for f in selectors.reuse_flags(ew.a1, YEAR)] == [2]
    t0 = dt.datetime(2025, 10, 1, 9, 0)
    rows = [(7, pupil, pupil, t0 + dt.timedelta(seconds=30 * pupil)) for pupil in range(10)]
    assert [r.pupils for r in rules.bulk_entries(rows, 10, 10)] == [10]
    assert rules.bulk_entries(rows[:9], 10, 10) == []


def test_export_cells_are_text(eworld: EWorld) -> None:
    ew = eworld
    services.save_district_settings(ew.user("bureau"), ew.a1.district, {"grades_per": "term"})
    from youjun.web.apps.pupils.services import RosterRow, upsert_roster

    upsert_roster(ew.a1, YEAR, [RosterRow("0012345678", "=SUM(1)", "male", 6, 1)], None)
    r = client(ew, "officer").get(f"/quality/s/{ew.a1.code}/export/?year={YEAR}&format=csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["学籍号", "姓名", "班级"] and rows[1][:2] == ["0012345678", "'=SUM(1)"]
    wb = load_workbook(io.BytesIO(client(ew, "officer").get(f"/quality/s/{ew.a1.code}/export/?year={YEAR}").content))
    cell = wb.active["A2"]
    assert cell.value == "0012345678" and cell.data_type == "s" and cell.number_format == "@"
    assert client(ew, "analyst").get(f"/quality/s/{ew.a1.code}/export/?year={YEAR}").status_code == 403


def test_window_in_school_days_and_settings_refused() -> None:
    assert rules.publication_end(dt.date(2025, 12, 1), 5) == dt.date(2025, 12, 5)  # Monday → Friday
    assert rules.publication_end(dt.date(2025, 12, 6), 1) == dt.date(2025, 12, 8)  # Saturday → Monday
    with pytest.raises(rules.QualityRulesError):
        rules.check_district_values({"quota_pct": {"A": 0}})
    r = rules.load_rules(dt.date(2026, 1, 1))
    assert [d.zh for d in r.dimensions] == ["思想品德", "学业水平", "身心健康", "艺术素养", "劳动与社会实践"]
    assert r.settings["local"] is True and r.settings["quota_pct"] == {"A": 30}


def test_objection_states_and_publication_dates(eworld: EWorld) -> None:
    pub = services.open_publication(eworld.user("teacher"), eworld.classes["c1"], 2, start=dt.date(2026, 3, 2))
    assert Publication.objects.get(pk=pub.pk).closes_on == dt.date(2026, 3, 6)
    assert not Objection.objects.exists() and not TermRecord.objects.filter(state="locked").exists()
