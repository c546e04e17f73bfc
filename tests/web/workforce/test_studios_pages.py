"""Famous-teacher studios through their pages: the bureau sets a studio up, the host manages its
members, plan and outputs (with evidence), the bureau reviews the year; the refusals by content
(a teacher of another district, a non-member, a date outside the term); the officer's and the
analyst's view (names masked); the dashboard's figures."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.workforce.matrix_rules_studios import START, Upload, make_objects, png
from tests.web.workforce.wfworld import SECRET_NAME, WFWorld
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.workforce.models import Evidence
from youjun.web.apps.workforce.studios import selectors, services
from youjun.web.apps.workforce.studios.models import Member, Output, Plan, Review, Studio


def client(w: WFWorld, role: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = lang
    return c


def text(r) -> str:  # type: ignore[no-untyped-def]
    return r.content.decode()


def test_the_bureau_sets_up_a_studio_and_a_teacher_of_another_district_is_refused(wfworld: WFWorld) -> None:
    w, c = wfworld, client(wfworld, "bureau")
    url = reverse("workforce_studios:studio_new", args=[w.base.a.code])
    data = {"name": "永川区语文名师工作室", "host": w.teachers["tb"].staff_id, "subject": "chinese", "level": "county",
            "start": "2025-09-01", "end": "2028-08-31", "base_school": w.a1.code}
    r = c.post(url, data)  # B's teacher as the host: refused by content, nothing written
    assert r.status_code == 400 and "E1190" in text(r) and "不是永川区在职的教师" in text(r)
    assert not Studio.objects.exists()
    r = c.post(url, {**data, "base_school": w.b1.code, "host": w.teachers["t1"].staff_id})
    assert r.status_code == 400 and not Studio.objects.exists()  # not one of the district's schools
    try:  # the same by content, whatever form sends it
        services.create_studio(w.user("bureau"), w.base.a, name="x", host=w.teachers["t1"], level="county",
                               start=START, base_school=w.b1.code)
        raise AssertionError("a school of another district was accepted")
    except services.Refused as exc:
        assert exc.problem["code"] == "E1191"
    r = c.post(url, {**data, "host": w.teachers["t1"].staff_id, "end": "2024-01-01"})
    assert r.status_code == 400 and "E1192" in text(r)
    r = c.post(url, {**data, "host": w.teachers["t1"].staff_id})
    studio = Studio.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("workforce_studios:studio", args=[studio.pk])
    assert studio.host == w.teachers["t1"] and studio.base_school == w.a1
    assert AuditEvent.objects.filter(action="workforce_studios_create", district=w.base.a).count() == 1
    page = text(c.get(r["Location"]))
    assert "永川区语文名师工作室" in page and SECRET_NAME in page and "区级" in page and "2025年9月1日" in page


def test_the_host_adds_members_across_schools_but_not_from_another_district(wfworld: WFWorld) -> None:
    w = wfworld
    ids = make_objects(w)
    s1 = Studio.objects.get(pk=ids["studio_s1"])
    host = client(w, "teacher")
    url = reverse("workforce_studios:members", args=[s1.pk])
    r = host.post(url, {"staff_id": w.teachers["tb"].staff_id, "role": "member", "joined": "2025-10-01"})
    assert r.status_code == 400 and "E1190" in text(r)
    assert not s1.members.filter(teacher=w.teachers["tb"]).exists()
    r = host.post(url, {"staff_id": w.teachers["ta2"].staff_id, "role": "member", "joined": "2025-10-01"})
    assert r.status_code == 400 and "E1193" in text(r)  # already a current member
    r = host.post(url, {"staff_id": w.teachers["t2"].staff_id, "role": "trainee", "joined": "2025-10-01"})
    assert r.status_code == 302
    m = s1.members.get(teacher=w.teachers["t2"])
    assert m.role == "trainee" and m.left is None
    r = host.post(url, {"op": "leave", "member": m.pk, "left": "2025-09-30"})
    assert r.status_code == 400 and "E1192" in text(r)
    r = host.post(url, {"op": "leave", "member": m.pk, "left": "2025-12-31"})
    assert r.status_code == 302 and Member.objects.get(pk=m.pk).left == dt.date(2025, 12, 31)
    page = text(host.get(reverse("workforce_studios:studio", args=[s1.pk])))
    assert "学员" in page and "2025年12月31日" in page
    # the member may read the studio but not manage it
    member = client(w, "teacher2")
    assert member.get(reverse("workforce_studios:studio", args=[s1.pk])).status_code == 200
    assert member.post(url, {"staff_id": w.teachers["t2"].staff_id, "role": "member",
                             "joined": "2026-01-05"}).status_code == 403


def test_an_output_is_recorded_with_evidence_for_members_of_the_day_only(wfworld: WFWorld) -> None:
    w = wfworld
    ids = make_objects(w)
    s1 = Studio.objects.get(pk=ids["studio_s1"])
    host = client(w, "teacher")
    url = reverse("workforce_studios:output_add", args=[s1.pk])
    base = {"kind": "paper", "title": "群文阅读教学研究", "day": "2025-11-20"}
    before = Output.objects.count()
    r = host.post(url, {**base, "people": [w.teachers["t1"].staff_id], "day": "2025-08-01"})
    assert r.status_code == 400 and "E1196" in text(r)  # before the term
    services.add_member(w.user("bureau"), s1, w.teachers["t2"], role="member", joined=dt.date(2025, 12, 1))
    r = host.post(url, {**base, "people": [w.teachers["t2"].staff_id]})  # t2 joined after that day
    assert r.status_code == 400 and "E1195" in text(r)
    assert Output.objects.count() == before
    r = host.post(url, {**base, "people": [w.teachers["t1"].staff_id, w.teachers["ta2"].staff_id],
                        "evidence": Upload(png(), "论文.png")})
    assert r.status_code == 302, text(r)
    out = Output.objects.get(title="群文阅读教学研究")
    assert {t.pk for t in out.people.all()} == {w.teachers["t1"].pk, w.teachers["ta2"].pk}
    assert out.evidence is not None and out.evidence.teacher == w.teachers["t1"]
    assert out.evidence.content_type == "image/jpeg"  # re-encoded by the evidence store
    ev = reverse("workforce_studios:evidence", args=[out.pk])
    assert client(w, "teacher2").get(ev).status_code == 200
    assert client(w, "officer2").get(ev).status_code == 200  # ta2 of A0002 is a current member
    assert client(w, "bureau_b").get(ev).status_code == 404
    assert Evidence.objects.filter(pk=out.evidence_id).exists()
    page = text(host.get(reverse("workforce_studios:studio", args=[s1.pk]) + "?year=2025"))
    assert "群文阅读教学研究" in page and "论文/著作" in page


def test_the_bureau_reviews_a_year_against_the_plan_and_keeps_the_history(wfworld: WFWorld) -> None:
    w = wfworld
    ids = make_objects(w)
    s1 = Studio.objects.get(pk=ids["studio_s1"])
    host, bureau = client(w, "teacher"), client(w, "bureau")
    r = host.post(reverse("workforce_studios:plan", args=[s1.pk]),
                  {"year": "2025", "goals": "打造区级语文示范课", "activities": "每月一次送教",
                   "target_open_class": "2", "target_paper": "1"})
    assert r.status_code == 302
    assert Plan.objects.get(studio=s1, year=2025).targets["open_class"] == 2
    r = host.post(reverse("workforce_studios:review", args=[s1.pk]), {"year": "2025", "rating": "excellent"})
    assert r.status_code == 403  # the host does not review their own studio
    url = reverse("workforce_studios:review", args=[s1.pk]) + "?year=2025"
    page = text(bureau.get(url))
    assert "公开课/示范课" in page and "还差 1 个" in page  # 1 done of 2 planned
    r = bureau.post(url, {"year": "2025", "rating": "great", "comment": ""})
    assert r.status_code == 400 and not Review.objects.exists()
    r = bureau.post(url, {"year": str(timezone.localdate().year + 1), "rating": "pass"})
    assert r.status_code == 400 and "E1198" in text(r)
    assert bureau.post(url, {"year": "2025", "rating": "pass", "comment": "成果偏少"}).status_code == 302
    assert bureau.post(url, {"year": "2025", "rating": "excellent", "comment": "补交论文后复核"}).status_code == 302
    reviews = list(Review.objects.filter(studio=s1).order_by("id"))
    assert [r.rating for r in reviews] == ["pass", "excellent"]
    assert reviews[0].counts["open_class"] == {"planned": 2, "done": 1}
    page = text(host.get(reverse("workforce_studios:studio", args=[s1.pk]) + "?year=2025"))
    assert page.count('data-testid="review-row"') == 2 and "优秀" in page and "合格" in page
    assert "公开课/示范课 1/2" in page
    en = text(client(w, "bureau", "en").get(reverse("workforce_studios:studio", args=[s1.pk]) + "?year=2025"))
    assert "Excellent" in en and "Open or model lesson 1/2" in en


def test_who_sees_which_studio_and_whose_name(wfworld: WFWorld) -> None:
    w = wfworld
    ids = make_objects(w)
    district = reverse("workforce_studios:district", args=[w.base.a.code])
    bureau = text(client(w, "bureau").get(district))
    assert "2 个工作室" in bureau.replace("\xa0", " ") and SECRET_NAME in bureau
    analyst = text(client(w, "analyst").get(district))
    assert "语文名师工作室" in analyst and SECRET_NAME not in analyst and "周**" in analyst
    filtered = text(client(w, "bureau").get(district + "?level=city"))
    assert "数学名师工作室" in filtered and "语文名师工作室" not in filtered
    ended = text(client(w, "bureau").get(district + "?active=no"))
    assert 'data-testid="studio-row"' not in ended
    # the officer of A0002 sees S1 (a member of theirs) through their school's list, not S2
    officer2 = client(w, "officer2")
    school = text(officer2.get(reverse("workforce_studios:school", args=[w.a2.code])))
    assert "语文名师工作室" in school and "数学名师工作室" not in school and SECRET_NAME not in school
    assert officer2.get(reverse("workforce_studios:studio", args=[ids["studio_s2"]])).status_code == 404
    # a teacher's own studios
    mine = client(w, "teacher2").get(reverse("workforce_studios:mine"))
    assert mine.status_code == 302
    page = text(client(w, "teacher2").get(mine["Location"]))
    assert "语文名师工作室" in page and "成员" in page


def test_studio_counts_for_the_dashboard(wfworld: WFWorld) -> None:
    w = wfworld
    make_objects(w)
    day = timezone.localdate()
    s2 = Studio.objects.get(name="数学名师工作室")
    services.add_member(w.user("bureau"), s2, w.teachers["ta2"], role="trainee", joined=START)
    services.record_output(w.user("bureau"), s2, kind="lecture", title="送教下乡", day=day, people=[w.teachers["t2"]])
    counts = selectors.studio_counts(w.base.a, day)
    assert counts["active"] == 2
    assert counts["members"] == 1  # ta2 in two studios is one teacher
    assert counts["outputs"]["lecture"] == 1 and counts["outputs_total"] == (2 if day.year == 2025 else 1)
    assert set(counts["outputs"]) == {"open_class", "research", "paper", "mentoring", "lecture"}
    assert selectors.studio_counts(w.base.b, day)["outputs_total"] == 0


def test_the_teacher_record_and_the_district_page_link_to_the_studios(wfworld: WFWorld) -> None:
    w = wfworld
    ids = make_objects(w)
    year = timezone.localdate().year
    district = text(client(w, "bureau").get(reverse("workforce_studios:district", args=[w.base.a.code])))
    assert f"{year}年成果" in district and f"{year:,}" not in district  # a year, not a number
    record = text(client(w, "officer2").get(reverse("workforce:teacher", args=[w.teachers["ta2"].pk])))
    assert reverse("workforce_studios:teacher", args=[w.teachers["ta2"].pk]) in record
    assert "语文名师工作室（成员）" in record
    page = text(client(w, "analyst").get(reverse("schools:district", args=[w.base.a.code])))
    assert 'data-testid="studios-district-panel"' in page and "在任期内的工作室 2 个" in page
    assert 'data-testid="studios-district-panel"' not in text(
        client(w, "officer").get(reverse("schools:district", args=[w.base.a.code])))
    assert ids["studio_s1"]


def test_a_school_list_counts_every_member_not_only_the_school_own(wfworld: WFWorld) -> None:
    w = wfworld
    ids = make_objects(w)
    s1 = Studio.objects.get(pk=ids["studio_s1"])
    services.add_member(w.user("bureau"), s1, w.teachers["t2"], role="member", joined=START)  # t2 of A0001
    page = text(client(w, "officer2").get(reverse("workforce_studios:school", args=[w.a2.code])))
    row = page.split('data-testid="studio-row"')[1]
    assert "2&nbsp;人" in row, row


def test_date_boxes_hold_iso_dates_in_chinese_too(wfworld: WFWorld) -> None:
    """A date box (type=date) takes only 2025-09-01; the Chinese input format 2025/09/01 left the
    edit form's term empty, so saving it again was refused."""
    w = wfworld
    ids = make_objects(w)
    page = text(client(w, "bureau", "zh").get(reverse("workforce_studios:studio_edit", args=[ids["studio_s1"]])))
    assert 'name="start" value="2025-09-01"' in page and 'name="end" value="2028-08-31"' in page
    today = timezone.localdate().isoformat()
    page = text(client(w, "teacher", "zh").get(reverse("workforce_studios:output_add", args=[ids["studio_s1"]])))
    assert f'name="day" value="{today}"' in page


def test_a_municipality_is_not_offered_the_provincial_level(wfworld: WFWorld) -> None:
    """Chongqing is a municipality: its own 市级 is the province level, so 省级 is not offered
    and not accepted for a new studio there (an old record keeps its level on an edit)."""
    w, c = wfworld, client(wfworld, "bureau")
    page = text(c.get(reverse("workforce_studios:studio_new", args=[w.base.a.code])))
    levels = page.split('name="level"')[1].split("</select>")[0]
    assert "市级" in levels and "区级" in levels and "省级" not in levels
    try:
        services.create_studio(w.user("bureau"), w.base.a, name="省级工作室", host=w.teachers["t1"], level="province",
                               start=START)
        raise AssertionError("a 省级 studio was accepted in a municipality")
    except services.Refused as exc:
        assert exc.problem["code"] == "E1194"
    studio = services.create_studio(w.user("bureau"), w.base.a, name="市级工作室", host=w.teachers["t1"],
                                    level="city", start=START)
    Studio.objects.filter(pk=studio.pk).update(level="province")  # recorded before the rule
    studio.refresh_from_db()
    services.update_studio(w.user("bureau"), studio, name="市级工作室（更名）", host=w.teachers["t1"], level="province",
                         start=START)
    assert Studio.objects.get(pk=studio.pk).name == "市级工作室（更名）"
