"""What the testers found on the quality pages (head teacher and parent on a phone; the bureau):
the publication reachable from "mine", the pupil's and the class's pages; terms, dates and states
that fit (no record added once the window opened, a record's date inside its term, a term not
begun not offered, no pupil confirmed without representative records, a demo that tells one
story at its date); a compact publication page with stable random numbers and a receipt; the
"corrected" answer; the history in words; flags by term; the bureau's settings and panel; the
graduates' export by school level."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.web.evaluation.eworld import YEAR, EWorld
from youjun.core import quality as rules
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.pupils.models import ClassGroup
from youjun.web.apps.pupils.services import RosterRow, upsert_roster
from youjun.web.apps.quality import demo, selectors, services
from youjun.web.apps.quality.models import Publication, Record, TermRecord

DAY = dt.date(2025, 12, 3)  # a Wednesday of term 1 of YEAR


def client(ew: EWorld, role: str) -> Client:
    c = Client()
    c.force_login(ew.user(role))
    return c


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The quality app's today, set by the test."""
    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(services, "today", lambda: day)
    set_day(DAY)
    return set_day


def record(ew: EWorld, title: str = "敬老院志愿服务", pupil: str = "p1", who: str = "pupil", term: int = 1,
           day: dt.date = dt.date(2025, 10, 8), select: bool = True) -> Record:
    rec = services.add_record(ew.user(who), ew.pupils[pupil], school_year=YEAR, term=term, dimension="practice",
                              kind="volunteer", title=title, day=day)
    if select:
        services.select_records(ew.user(who), ew.pupils[pupil], YEAR, term, [rec.pk])
    return rec


def refused(code: str, fn: Any, *args: Any, **kw: Any) -> None:
    with pytest.raises(services.Refused) as e:
        fn(*args, **kw)
    assert e.value.problem["code"] == code, e.value.problem


# --- 1. the publication can be found -----------------------------------------------------------

def test_publication_linked_from_mine_pupil_and_class_pages(eworld: EWorld, on_day: Any) -> None:
    ew, p1, c1 = eworld, eworld.pupils["p1"], eworld.classes["c1"]
    record(ew)
    pub = services.open_publication(ew.user("teacher"), c1, 1, start=DAY)
    url = f"/quality/pub/{pub.pk}/"
    for role, page in (("parent", "/pupils/me/"), ("pupil", "/pupils/me/"),
                       ("parent", f"/quality/p/{p1.pk}/?year={YEAR}&term=1"),
                       ("teacher", "/pupils/me/"), ("teacher", f"/pupils/c/{c1.pk}/"),
                       ("officer", f"/pupils/c/{c1.pk}/")):
        body = client(ew, role).get(page).content.decode()
        assert url in body, (role, page)
    assert "公示中" in client(ew, "parent").get("/pupils/me/").content.decode()
    # another class's family sees no link to it
    assert url not in client(ew, "teacher2").get("/pupils/me/").content.decode()


# --- 2. terms, dates and states fit --------------------------------------------------------------

def test_term_bounds_and_days() -> None:
    assert rules.term_bounds("2026-2027", 1) == (dt.date(2026, 9, 1), dt.date(2027, 1, 31))
    assert rules.term_bounds("2026-2027", 2) == (dt.date(2027, 2, 1), dt.date(2027, 8, 31))
    assert rules.terms_begun("2026-2027", dt.date(2026, 12, 2)) == (1,)
    assert rules.terms_begun("2026-2027", dt.date(2027, 2, 1)) == (1, 2)
    assert rules.terms_begun("2025-2026", dt.date(2026, 12, 2)) == (1, 2)


def test_no_record_added_or_selected_once_the_window_opened(eworld: EWorld, on_day: Any) -> None:
    ew, p1, c1 = eworld, eworld.pupils["p1"], eworld.classes["c1"]
    rec = record(ew)
    services.open_publication(ew.user("teacher"), c1, 1, start=DAY)
    refused("E1106", record, ew, "公示中补录")
    refused("E1106", services.select_records, ew.user("pupil"), p1, YEAR, 1, [])
    on_day(dt.date(2025, 12, 20))  # after the window, too
    refused("E1106", record, ew, "公示后补录")
    r = client(ew, "parent").post(f"/quality/p/{p1.pk}/records/", {
        "year": YEAR, "term": "1", "dimension": "practice", "kind": "volunteer", "title": "补录", "day": "2025-10-08"})
    assert r.status_code == 400 and b'data-code="E1106"' in r.content
    assert 'data-testid="record-form"' not in client(ew, "parent").get(
        f"/quality/p/{p1.pk}/?year={YEAR}&term=1").content.decode()
    assert list(Record.objects.values_list("pk", flat=True)) == [rec.pk]
    # term 2 of the class is not published: open for entries once it began
    on_day(dt.date(2026, 3, 10))
    assert record(ew, "下学期", term=2, day=dt.date(2026, 3, 2), select=False).pk


def test_a_records_date_falls_in_its_term_and_a_term_not_begun_is_refused(eworld: EWorld, on_day: Any) -> None:
    ew = eworld
    refused("E1103", record, ew, "下学期的日期", term=1, day=dt.date(2026, 3, 2))
    refused("E1108", record, ew, "未开始的学期", term=2, day=dt.date(2025, 11, 28))  # today is in term 1
    on_day(dt.date(2026, 3, 10))
    refused("E1103", record, ew, "上学期的日期", term=2, day=dt.date(2025, 11, 28))
    assert record(ew, "下学期", term=2, day=dt.date(2026, 3, 2), select=False).pk


def test_term_not_begun_not_offered_and_saving_confirms(eworld: EWorld, on_day: Any) -> None:
    ew, p1 = eworld, eworld.pupils["p1"]
    page = client(ew, "parent").get(f"/quality/p/{p1.pk}/?year={YEAR}&term=1").content.decode()
    assert "term=2" not in page
    r = client(ew, "parent").post(f"/quality/p/{p1.pk}/records/", {
        "year": YEAR, "term": "1", "dimension": "practice", "kind": "volunteer", "title": "植树", "day": "2025-10-08"},
        follow=True)
    assert "已保存记录" in r.content.decode() and "植树" in r.content.decode()
    r = client(ew, "parent").post(f"/quality/p/{p1.pk}/records/", {
        "year": YEAR, "term": "2", "dimension": "practice", "kind": "volunteer", "title": "x", "day": "2025-11-28"})
    assert r.status_code == 400 and b'data-code="E1108"' in r.content


def test_no_pupil_confirmed_without_representative_records(eworld: EWorld, on_day: Any) -> None:
    ew, c1, p1, p2 = eworld, eworld.classes["c1"], eworld.pupils["p1"], eworld.pupils["p2"]
    record(ew)
    services.open_publication(ew.user("teacher"), c1, 1, start=DAY)
    on_day(dt.date(2025, 12, 20))
    refused("E1107", services.confirm, ew.user("teacher"), c1, p2, 1)
    assert services.confirm(ew.user("teacher"), c1, p1, 1).state == "confirmed"
    body = client(ew, "teacher").get(f"/quality/c/{c1.pk}/?term=1").content.decode()
    row = body.split(f'data-pupil="{p2.pk}"')[1].split("</tr>")[0]
    assert "教师已确认" not in row and f"confirm-{p2.pk}" not in row and "没有代表性记录" in row


def test_pupil_page_says_why_and_when_confirmation_comes(eworld: EWorld, on_day: Any) -> None:
    ew, c1, p1 = eworld, eworld.classes["c1"], eworld.pupils["p1"]
    record(ew)
    url = f"/quality/p/{p1.pk}/?year={YEAR}&term=1"
    assert "公示后" in client(ew, "teacher").get(url).content.decode()  # not published yet
    services.open_publication(ew.user("teacher"), c1, 1, start=DAY)  # closes on 9 December
    assert "公示结束（2025年12月9日）后可确认" in client(ew, "teacher").get(url).content.decode()
    on_day(dt.date(2025, 12, 20))
    assert "公示已结束，待班主任确认" in client(ew, "parent").get(url).content.decode()


def test_demo_is_one_story_at_its_date(eworld: EWorld) -> None:
    ew = eworld
    upsert_roster(ew.a1, YEAR, [RosterRow("G500118201609090099", "周小雨", "female", 3, 2)], None)
    result = demo.seed(ew.a1, YEAR, today=DAY)
    assert result.locked >= 1 and result.objections == 1
    first, second = (Publication.objects.get(class_group=c) for c in result.classes)
    assert rules.window_state(first.opens_on, first.closes_on, DAY) == "closed"
    assert rules.window_state(second.opens_on, second.closes_on, DAY) == "open"
    for rec in Record.objects.select_related("pupil"):
        pub = first if rec.pupil.enrolments.filter(class_group=first.class_group).exists() else second
        entered = rec.entered_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
        assert rec.day <= entered < pub.opens_on and rules.term_bounds(YEAR, 1)[0] <= rec.day, rec
    for tr in TermRecord.objects.exclude(state="open"):
        assert Record.objects.filter(pupil=tr.pupil, term=1, selected=True).exists()


# --- 4. a compact publication page, random numbers, a receipt ---------------------------------------

def test_publication_lists_only_pupils_with_items_numbered_at_random(eworld: EWorld, on_day: Any) -> None:
    ew, c1, p1 = eworld, eworld.classes["c1"], eworld.pupils["p1"]
    upsert_roster(ew.a1, YEAR, [RosterRow(f"G5001182016100100{i:02d}", f"同学{i:02d}", "female", 3, 1)
                                for i in range(20)], None)
    record(ew)
    pub = services.open_publication(ew.user("teacher"), c1, 1, start=DAY)
    body = client(ew, "parent").get(f"/quality/pub/{pub.pk}/").content.decode()
    assert body.count('data-testid="pub-row"') == 1 and "<span class=\"muted\">—</span>" not in body
    numbers = selectors.public_numbers(pub)
    pupils = services.class_pupils(c1)
    assert sorted(numbers[p.pk] for p in pupils) == list(range(1, len(pupils) + 1))
    assert [numbers[p.pk] for p in pupils] != list(range(1, len(pupils) + 1))  # not the class list's order
    assert numbers == selectors.public_numbers(Publication.objects.get(pk=pub.pk))  # stable
    assert f"第 {numbers[p1.pk]} 号" in body
    r = client(ew, "parent").post(f"/quality/pub/{pub.pk}/object/", {"item": f"r{Record.objects.get().pk}",
                                                                    "reason": "时长不对"}, follow=True)
    page = r.content.decode()
    assert "异议已提交" in page and page.index("异议已提交") < page.index('data-testid="pub-row"')


# --- 5. the "corrected" answer ------------------------------------------------------------------------

def test_objection_answered_by_a_correction(eworld: EWorld, on_day: Any) -> None:
    ew, c1 = eworld, eworld.classes["c1"]
    rec = record(ew)
    pub = services.open_publication(ew.user("teacher"), c1, 1, start=DAY)
    objection = services.raise_objection(ew.user("parent"), pub, ew.pupils["p1"], rec, "日期应为10月9日")
    assert client(ew, "parent").post(f"/quality/objection/{objection.pk}/answer/", {
        "decision": "corrected", "answer": "x", "title": "y", "day": "2025-10-09"}).status_code == 403
    r = client(ew, "teacher").post(f"/quality/objection/{objection.pk}/answer/", {
        "decision": "corrected", "answer": "已核对签到表", "title": "敬老院志愿服务", "day": "2025-10-32",
        "description": ""})
    assert r.status_code == 400
    r = client(ew, "teacher").post(f"/quality/objection/{objection.pk}/answer/", {
        "decision": "corrected", "answer": "已核对签到表", "title": "敬老院志愿服务（更正）", "day": "2025-10-09",
        "description": "打扫卫生"})
    assert r.status_code == 302
    rec.refresh_from_db()
    objection.refresh_from_db()
    assert (rec.title, rec.day, rec.selected, rec.withdrawn) == ("敬老院志愿服务（更正）", dt.date(2025, 10, 9), True,
                                                                  False)
    assert objection.state == "corrected" and "敬老院志愿服务" in rec.correction and "日期应为10月9日" in rec.correction
    event = AuditEvent.objects.filter(action="quality_objection_answer").get()
    assert event.before["title"] == "敬老院志愿服务" and event.after["title"] == "敬老院志愿服务（更正）"
    for url in (f"/quality/pub/{pub.pk}/", f"/quality/p/{ew.pupils['p1'].pk}/?year={YEAR}&term=1"):
        body = client(ew, "parent").get(url).content.decode()
        assert "已更正" in body and "敬老院志愿服务（更正）" in body, url


# --- 6. history in words ------------------------------------------------------------------------------

def test_history_of_quality_steps_has_no_ids(eworld: EWorld, on_day: Any) -> None:
    ew = eworld
    for i in range(3):
        record(ew, f"记录{i}", select=False)
    services.select_records(ew.user("parent"), ew.pupils["p1"], YEAR, 1, Record.objects.values_list("pk", flat=True))
    for e in AuditEvent.objects.filter(action__startswith="quality_"):
        assert not any(k.endswith("_id") for k in (e.after or {})), (e.action, e.after)
    body = client(ew, "parent").get("/history/").content.decode()
    assert "记录0" in body and "学生编号" not in body


# --- 7. flags by term ------------------------------------------------------------------------------------

def test_reuse_flag_shows_on_its_own_term_only(eworld: EWorld, on_day: Any) -> None:
    from tests.web.evaluation.test_quality_workflow import jpeg_with_gps
    from youjun.web.apps.pupils import services as pupil_services

    ew, c1 = eworld, eworld.classes["c1"]
    photo = jpeg_with_gps()
    pupil_services.add_guardian(ew.pupils["p2"], ew.user("parent"), None)
    for p in ("p1", "p2"):
        services.add_record(ew.user("parent"), ew.pupils[p], school_year=YEAR, term=1, dimension="arts", kind="arts",
                            title="合唱", day=dt.date(2025, 10, 1), files=[(photo, "a.jpg")])
    assert 'data-testid="reuse-flags"' in client(ew, "teacher").get(f"/quality/c/{c1.pk}/?term=1").content.decode()
    assert 'data-testid="reuse-flags"' not in client(ew, "teacher").get(
        f"/quality/c/{c1.pk}/?term=2").content.decode()


# --- 8. the bureau's settings and panel ---------------------------------------------------------------

def test_settings_saved_message_back_link_units_and_district_panel(eworld: EWorld, on_day: Any) -> None:
    ew = eworld
    code = ew.a1.district.code
    r = client(ew, "bureau").post(f"/quality/d/{code}/settings/", {
        "selection_cap": "3", "publication_days": "5", "grades_per": "graduation", "quota_a": "30"}, follow=True)
    body = r.content.decode()
    assert "已保存" in body and f'href="/d/{code}/"' in body
    for unit in ("条", "个上学日", "%"):
        assert unit in body.split('data-testid="settings-form"')[1], unit
    district = client(ew, "bureau").get(f"/d/{code}/").content.decode()
    assert f"/quality/d/{code}/settings/" in district and 'data-testid="quality-district-panel"' in district
    assert f"/quality/s/{ew.a1.code}/" in district


# --- 9 and 10. graduates by school level; headings and file names ---------------------------------

def test_graduates_export_labelled_by_level_with_chinese_file_names(eworld: EWorld) -> None:
    ew = eworld
    upsert_roster(ew.a1, YEAR, [RosterRow("0012345678", "小六", "male", 6, 1)], None)
    body = client(ew, "officer").get(f"/quality/s/{ew.a1.code}/?year={YEAR}").content.decode()
    assert "小学毕业生等级" in body and "供高中招生使用" not in body and "各班情况" in body and "班级数" not in body
    assert not ClassGroup.objects.filter(school=ew.a1, grade=9).exists()
    upsert_roster(ew.a1, YEAR, [RosterRow("0012345679", "小九", "male", 9, 1)], None)
    body = client(ew, "officer").get(f"/quality/s/{ew.a1.code}/?year={YEAR}").content.decode()
    assert "初中毕业生等级（供高中招生使用）" in body
    r = client(ew, "officer").get(f"/quality/s/{ew.a1.code}/export/?year={YEAR}&grade=9&format=csv")
    assert "%E7%BB%BC%E5%90%88%E7%B4%A0%E8%B4%A8" in r["Content-Disposition"]  # 综合素质
    text = r.content.decode("utf-8-sig")
    assert "小九" in text and "小六" not in text


def test_a_closed_publication_promises_answers_only_when_someone_objected(eworld: EWorld, on_day: Any) -> None:
    # a final look found "公示已于11月24日结束，可查看异议答复" beside a publication nobody objected to
    ew, p1, c1 = eworld, eworld.pupils["p1"], eworld.classes["c1"]
    record(ew)
    pub = services.open_publication(ew.user("teacher"), c1, 1, start=DAY)
    on_day(pub.closes_on + dt.timedelta(days=1))
    for page in ("/pupils/me/", f"/quality/p/{p1.pk}/?year={YEAR}&term=1"):
        body = client(ew, "parent").get(page).content.decode()
        assert "无人提出异议" in body and "异议答复" not in body, page
