"""The training ledger through its pages: a course and a session recorded by the bureau, a
teacher's attendance changing their cycle, the attendance sheet import (refusals by row and
column, duplicates, re-imports replacing without double counting), school-based training by the
school, the lists sorted by shortfall with names masked, the spend per year, the export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from tests.web.workforce.wfworld import SECRET_NAME, WFWorld
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.training import selectors, services
from youjun.web.apps.workforce.training.models import Attendance, Course, TrainingSession


def client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def course_and_session(w: WFWorld, hours: str = "360", *, funded: bool = True, cost: str = "12000",
                       day: dt.date | None = None) -> TrainingSession:
    day = day or timezone.localdate()
    course = services.create_course(None, w.base.a, name="区级骨干教师研修", level="district", hour_type="onsite",
                                    funded=funded, cost_yuan=cost, year=day.year)
    return services.add_session(None, course, start=day, end=day, hours=hours, place="永川区教师进修学校")


def sheet(rows: list[tuple[object, ...]], header: tuple[str, ...] = ("教师编号", "姓名", "学时", "是否合格")) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "培训签到"
    ws.append(header)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(c: Client, session: TrainingSession, content: bytes, name: str = "签到.xlsx") -> object:
    f = io.BytesIO(content)
    f.name = name
    return c.post(reverse("workforce_training:session", args=[session.pk]), {"file": f})


def test_the_bureau_records_a_course_and_a_session_through_the_pages(wfworld: WFWorld) -> None:
    c = client(wfworld, "bureau")
    year = timezone.localdate().year
    r = c.post(reverse("workforce_training:courses", args=[wfworld.base.a.code]), {
        "name": "国培计划网络研修", "level": "national", "organiser": "教育部", "hour_type": "online",
        "funded": "on", "cost_yuan": "50000", "year": str(year)})
    course = Course.objects.get(name="国培计划网络研修")
    assert r.status_code == 302 and r["Location"] == reverse("workforce_training:course", args=[course.pk])
    r = c.post(reverse("workforce_training:course", args=[course.pk]), {
        "start": f"{year}-03-01", "end": f"{year}-03-10", "hours": "40", "place": "线上", "host_school": ""})
    assert r.status_code == 302
    session = course.sessions.get()
    assert session.hours == Decimal("40.0")
    assert AuditEvent.objects.filter(action="workforce_training_session").count() == 1
    # the level of a school's own course is not the bureau's: a school course cannot be made on this page
    r = c.post(reverse("workforce_training:courses", args=[wfworld.base.a.code]), {
        "name": "x", "level": "school", "hour_type": "onsite", "year": str(year)})
    assert r.status_code == 400 and Course.objects.count() == 1


def test_attendance_changes_the_teachers_cycle(wfworld: WFWorld) -> None:
    t1 = wfworld.teachers["t1"]
    session = course_and_session(wfworld, hours="100")
    c = client(wfworld, "teacher")
    page = c.get(reverse("workforce_training:teacher", args=[t1.pk])).content.decode()
    assert "尚缺 360 学时" in page
    r = client(wfworld, "bureau").post(reverse("workforce_training:session_attend", args=[session.pk]),
                                       {"staff_id": t1.staff_id, "hours": "", "passed": "on"})
    assert r.status_code == 302
    page = c.get(reverse("workforce_training:teacher", args=[t1.pk])).content.decode()
    days = selectors.current_cycle(timezone.localdate()).days_left(timezone.localdate())
    assert f"距周期结束还有 {days:,} 天，尚缺 260 学时" in page
    assert '<span data-testid="cycle-counted">100</span>' in page


def test_a_failed_attendance_and_online_hours_above_the_cap_do_not_count(wfworld: WFWorld) -> None:
    t1 = wfworld.teachers["t1"]
    today = timezone.localdate()
    online = services.create_course(None, wfworld.base.a, name="网络研修", level="municipal", hour_type="online",
                                    year=today.year)
    s = services.add_session(None, online, start=today, end=today, hours="200")
    services.record_attendance(None, s, t1)
    failed = course_and_session(wfworld, hours="150")
    services.record_attendance(None, failed, t1, passed=False)
    standing = selectors.teacher_standing(t1, selectors.current_cycle(today), today)
    assert (standing.recorded, standing.counted, standing.short) == (200, 180, 180)


def test_the_sheet_import_refuses_by_row_and_column_and_writes_nothing(wfworld: WFWorld) -> None:
    session = course_and_session(wfworld, hours="8")
    t1, t2, tb = wfworld.teachers["t1"], wfworld.teachers["t2"], wfworld.teachers["tb"]
    content = sheet([(t1.staff_id, SECRET_NAME, 8, "是"), (tb.staff_id, "", 8, "是"), ("T99999999999", "", 8, "是"),
                     (t2.staff_id, "错名字", 8, "是"), (t1.staff_id, "", 4, "是"),
                     (wfworld.teachers["ta2"].staff_id, "", 9, "好")])
    r = upload(client(wfworld, "bureau"), session, content)
    assert r.status_code == 400
    page = r.content.decode()
    for expected in ("E1172", "第3行 教师编号列", "E1171", "第4行", "E1173", "第5行 姓名列", "E1176", "第6行",
                     "E1174", "第7行 学时列", "E1175", "第7行 是否合格列"):
        assert expected in page, expected
    assert Attendance.objects.count() == 0


def test_a_reimport_replaces_the_sessions_attendance_without_double_counting(wfworld: WFWorld) -> None:
    session = course_and_session(wfworld, hours="8")
    t1, t2, ta2 = wfworld.teachers["t1"], wfworld.teachers["t2"], wfworld.teachers["ta2"]
    c = client(wfworld, "bureau")
    r = upload(c, session, sheet([(t1.staff_id, SECRET_NAME, 8, "是"), (t2.staff_id, "", "", "否")]))
    assert r.status_code == 200 and 'data-testid="import-preview"' in r.content.decode()
    assert Attendance.objects.count() == 0  # nothing before the confirmation
    assert c.post(reverse("workforce_training:session_confirm", args=[session.pk])).status_code == 302
    assert Attendance.objects.filter(session=session).count() == 2
    # the same session again: t1 with other hours, t2 gone, ta2 new — the preview says it replaces
    r = upload(c, session, sheet([(t1.staff_id, "", 6, "是"), (ta2.staff_id, "", 8, "是")]))
    page = r.content.decode()
    assert 'data-testid="preview-replace"' in page
    assert "本场次现有 2 条签到记录" in page
    c.post(reverse("workforce_training:session_confirm", args=[session.pk]))
    rows = dict(Attendance.objects.filter(session=session).values_list("teacher_id", "hours"))
    assert rows == {t1.pk: Decimal("6.0"), ta2.pk: Decimal("8.0")}
    # confirming twice does not import twice
    r = c.post(reverse("workforce_training:session_confirm", args=[session.pk]))
    assert r.status_code == 400 and "E1179" in r.content.decode()
    assert Attendance.objects.filter(session=session).count() == 2


def test_the_school_records_its_own_training_for_its_own_teachers_only(wfworld: WFWorld) -> None:
    c = client(wfworld, "officer")
    year = timezone.localdate().year
    r = c.post(reverse("workforce_training:school", args=[wfworld.a1.code]), {
        "name": "校本教研：大单元设计", "level": "school", "organiser": "", "hour_type": "school_based",
        "year": str(year)})
    assert r.status_code == 302
    course = Course.objects.get(school=wfworld.a1)
    c.post(reverse("workforce_training:course", args=[course.pk]),
           {"start": f"{year}-01-10", "end": f"{year}-01-10", "hours": "4", "place": "会议室"})
    session = course.sessions.get()
    assert session.host_school == wfworld.a1
    r = upload(c, session, sheet([(wfworld.teachers["t1"].staff_id, "", 4, "是"),
                                  (wfworld.teachers["ta2"].staff_id, "", 4, "是")]))
    assert r.status_code == 400 and "E1177" in r.content.decode()
    # the school cannot touch the bureau's courses (seen neither)
    bureau_session = course_and_session(wfworld)
    assert c.get(reverse("workforce_training:session", args=[bureau_session.pk])).status_code == 404


def test_the_district_list_is_sorted_by_shortfall_masks_names_and_exports(wfworld: WFWorld) -> None:
    session = course_and_session(wfworld, hours="360")
    t1, t2 = wfworld.teachers["t1"], wfworld.teachers["t2"]
    services.record_attendance(None, session, t1)
    services.record_attendance(None, session, t2, hours="300")
    url = reverse("workforce_training:district", args=[wfworld.base.a.code])
    page = client(wfworld, "bureau").get(url).content.decode()
    assert f"training-row-{t1.staff_id}" not in page  # done: not among the short by default
    assert page.index(f"training-row-{t2.staff_id}") > page.index("training-row-T50011800003")  # 60 short comes last
    everyone = client(wfworld, "analyst").get(url + "?status=").content.decode()
    assert f"training-row-{t1.staff_id}" in everyone and SECRET_NAME not in everyone
    r = client(wfworld, "bureau").get(reverse("workforce_training:district_export", args=[wfworld.base.a.code])
                                      + "?status=")
    ws = load_workbook(io.BytesIO(r.content)).active
    staff = [row[0].value for row in ws.iter_rows(min_row=3)]
    assert len(staff) == Teacher.objects.filter(district=wfworld.base.a, active=True).count()
    assert staff[-1] == t1.staff_id and staff[-2] == t2.staff_id


def test_spend_per_year_and_the_dashboard_selectors(wfworld: WFWorld) -> None:
    today = timezone.localdate()
    session = course_and_session(wfworld, hours="360", cost="12000")
    course_and_session(wfworld, hours="8", funded=False, cost="999")
    for key in ("t1", "t2", "ta2"):
        services.record_attendance(None, session, wfworld.teachers[key])
    spend = selectors.spend_by_year(wfworld.base.a)
    assert spend == [{"year": today.year, "spend": 12000.0, "courses": 1, "teachers": 3, "person_times": 3,
                      "per_teacher": 4000.0}]
    page = client(wfworld, "bureau").get(reverse("workforce_training:district", args=[wfworld.base.a.code]))
    assert "12,000&nbsp;元" in page.content.decode() and "4,000&nbsp;元" in page.content.decode()
    assert selectors.person_times(wfworld.base.a, today.year) == 3
    assert selectors.person_times(wfworld.base.b, today.year) == 0
    bands = selectors.hours_distribution(wfworld.base.a, selectors.current_cycle(today).start_year)
    assert [b["teachers"] for b in bands] == [14, 0, 0, 0, 3]


def test_the_demo_seeds_every_level_and_leaves_some_teachers_short(wfworld: WFWorld) -> None:
    import random

    from youjun.web.apps.workforce.training import demo

    today = dt.date(2026, 11, 30)
    made = demo.seed(wfworld.base.a, today=today, rng=random.Random(7))
    assert made["attendance"] == Attendance.objects.count() > 0
    assert set(Course.objects.values_list("level", flat=True)) == {"national", "municipal", "district", "area",
                                                                  "school"}
    rows = selectors.cycle_rows(selectors.district_teachers(wfworld.base.a), selectors.rules(today).cycle_of(
        dt.date(2025, 6, 1)), today)
    short = [r for r in rows if not r.standing.done]
    assert 0 < len(short) < len(rows)
