"""The handling fixes found by committee staff, a department clerk and a member in Chromium,
through the real pages: the merge preview and its safeguards, who may add milestones and
reopen, an empty answer's own message, audit rows kept off the education district's history."""

from __future__ import annotations

import re

from django.test import Client

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Attendee, Concern, Meeting, Milestone, Supporter
from youjun.web.apps.platform.models import AuditEvent


def _client(cw: CWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(cw.users[name] if name in cw.users else cw.base.users[name])
    if lang == "en":
        c.cookies["youjun_language"] = "en"
    return c


def _text(r: object) -> str:
    return re.sub(r"\s+", " ", r.content.decode())  # type: ignore[attr-defined]


# --- 2: a meeting attendee is removed through the page (ids never number-formatted) ----------

def test_an_attendee_with_a_four_digit_id_is_removed_through_the_page(cworld: CWorld) -> None:
    m = Meeting.objects.create(body=cworld.rc, venue="courtyard", title="院坝会",
                               held_on=cworld.concern().created_at.date(), place="昌元街道")
    Attendee.objects.create(pk=1971, meeting=m, kind="official", name="李科长", organisation="昌元街道办事处")
    staff = _client(cworld, "c_staff")
    url = f"/consult/meetings/{m.pk}/"
    page = staff.get(url).content.decode()
    found = re.search(r'name="attendee" value="([^"]+)"', page)
    assert found is not None and found.group(1) == "1971", found and found.group(1)
    r = staff.post(url, {"action": "remove", "attendee": found.group(1)})
    assert r.status_code == 302, _text(r)[:3000]
    assert not Attendee.objects.filter(pk=1971).exists()


# --- 3: merge shows its target first and refuses what cannot take a merge --------------------

def _merge(c: Client, concern: Concern, into: str, **extra: str) -> object:
    return c.post(f"/consult/work/{concern.pk}/", {"action": "merge", "into": into, "note": "重复", **extra})


def test_merge_previews_the_target_then_merges_on_confirm(cworld: CWorld) -> None:
    keep = cworld.concern(title="学校门口没有路灯", user="res_b")
    dup = cworld.concern(title="校门口路灯坏了")
    staff = _client(cworld, "c_staff")
    r = _merge(staff, dup, keep.number.lower())
    text = _text(r)
    assert r.status_code == 200, text[:3000]
    preview = text[text.index('data-testid="merge-preview"'):]
    assert keep.number in preview and "学校门口没有路灯" in preview and "已提出" in preview and "昌元街道" in preview
    dup.refresh_from_db()
    assert dup.state == "raised" and dup.merged_into is None  # nothing written by the preview
    r = _merge(staff, dup, keep.number, confirm="1")
    assert r.status_code == 302, _text(r)[:3000]
    dup.refresh_from_db()
    assert dup.state == "merged" and dup.merged_into == keep
    assert Supporter.objects.filter(concern=keep, from_concern=dup).count() == 1
    page = _text(staff.get(f"/consult/work/{dup.pk}/"))
    assert f"已合并到 {keep.number}" in page and f'href="/consult/work/{keep.pk}/"' in page
    target = _text(staff.get(f"/consult/work/{keep.pk}/"))
    assert f"合并了重复议题 {dup.number}（提出人转为附议人）" in target


def test_merge_refuses_closed_declined_merged_and_answered_targets(cworld: CWorld) -> None:
    u = cworld.users
    staff = _client(cworld, "c_staff")
    dup = cworld.concern(title="重复的路灯")
    declined = cworld.concern(title="已不予选题的")
    services.decline(u["c_staff"], declined, "不属于协商范围")
    answered = cworld.concern(title="已答复的")
    services.assign(u["c_staff"], answered, cworld.town)
    services.answer(u["c_town"], answered, "已修复")
    closed = cworld.concern(title="已办结的")
    services.assign(u["c_staff"], closed, cworld.town)
    services.answer(u["c_town"], closed, "已修复")
    services.close(u["c_staff"], closed)
    for target, words in ((declined, "不予选题"), (answered, "已答复"), (closed, "已办结")):
        for extra in ({}, {"confirm": "1"}):
            r = _merge(staff, dup, target.number, **extra)
            text = _text(r)
            assert r.status_code == 400 and "E893" in text and words in text, (target.title, text[:3000])
    dup.refresh_from_db()
    assert dup.state == "raised" and not Supporter.objects.exists()


def test_merge_into_another_category_or_town_needs_the_warning_confirmed(cworld: CWorld) -> None:
    keep = cworld.concern(title="荣昌河边路灯", category="roads", town="广顺街道")
    dup = cworld.concern(title="学校门口没有路灯")
    staff = _client(cworld, "c_staff")
    text = _text(_merge(staff, dup, keep.number))
    assert 'data-testid="merge-warning"' in text and "类别不同" in text and "街道/镇不同" in text
    r = _merge(staff, dup, keep.number, confirm="1")  # the warning not acknowledged
    assert r.status_code == 400 and 'data-testid="merge-warning"' in _text(r)
    dup.refresh_from_db()
    assert dup.state == "raised"
    r = _merge(staff, dup, keep.number, confirm="1", differs_ok="1")
    assert r.status_code == 302, _text(r)[:3000]
    dup.refresh_from_db()
    assert dup.merged_into == keep


# --- 4: milestones by staff and the department; reopen by staff and the raiser --------------

def test_a_member_adds_no_milestone_and_is_not_offered_a_reopen(cworld: CWorld) -> None:
    u = cworld.users
    c = cworld.concern()
    services.assign(u["c_staff"], c, cworld.town)
    member = _client(cworld, "c_member")
    page = _text(member.get(f"/consult/work/{c.pk}/"))
    assert 'name="op" value="add"' not in page
    r = member.post(f"/consult/work/{c.pk}/milestones/", {"op": "add", "title": "采购灯具", "due_on": ""})
    assert r.status_code in (403, 404) and not Milestone.objects.exists()
    town = _client(cworld, "c_town")
    assert town.post(f"/consult/work/{c.pk}/milestones/", {"op": "add", "title": "采购灯具"}).status_code == 302
    assert _client(cworld, "c_staff").post(f"/consult/work/{c.pk}/milestones/",
                                           {"op": "add", "title": "安装"}).status_code == 302
    assert Milestone.objects.count() == 2
    services.answer(u["c_town"], c, "已修复")
    page = _text(member.get(f"/consult/work/{c.pk}/"))
    assert 'value="reopen"' not in page and "退回承办部门重办" not in page
    r = member.post(f"/consult/work/{c.pk}/", {"action": "reopen", "reason": "没修好"})
    assert r.status_code == 403
    c.refresh_from_db()
    assert c.state == "answered"
    assert 'value="reopen"' in _text(_client(cworld, "c_staff").get(f"/consult/work/{c.pk}/"))
    services.reopen(u["res_a"], c, "路灯还是不亮")
    c.refresh_from_db()
    assert c.state == "in_progress"


# --- 6: an empty answer says so, with its own code ----------------------------------------------

def test_an_empty_answer_says_the_answer_is_empty(cworld: CWorld) -> None:
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    r = _client(cworld, "c_town").post(f"/consult/work/{c.pk}/", {"action": "answer", "text": "  "})
    text = _text(r)
    assert r.status_code == 400 and "答复内容不能为空" in text and "E899" in text and "须写明理由" not in text
    en = _text(_client(cworld, "c_town", "en").post(f"/consult/work/{c.pk}/", {"action": "answer", "text": ""}))
    assert f"The answer to item &#x27;{c.number}&#x27; is empty" in en


# --- 17: consultation audit rows are not the education district's ----------------------------

def test_the_bureau_of_the_bodys_district_sees_no_consultation_rows_in_its_history(cworld: CWorld) -> None:
    u = cworld.users
    c = cworld.concern()
    services.select(u["c_staff"], c)
    services.assign(u["c_staff"], c, cworld.edu)
    services.add_milestone(u["c_edu"], c, title="采购")
    services.update_progress(u["c_edu"], c, 50, "已采购")
    services.answer(u["c_edu"], c, "已修复")
    services.rate(u["res_a"], c, satisfaction="satisfied", fixed="fixed")
    services.close(u["c_staff"], c)
    staff = _client(cworld, "c_staff")
    m = Meeting.objects.create(body=cworld.rc, venue="courtyard", title="院坝会", held_on=c.created_at.date(),
                               place="昌元街道")
    assert staff.post(f"/consult/meetings/{m.pk}/", {"action": "minutes", "minutes": "议定"}).status_code == 302
    rows = AuditEvent.objects.filter(action__startswith="consultation_").exclude(action__contains="survey")
    assert rows.count() >= 8
    assert list(rows.filter(district__isnull=False).values_list("action", flat=True)) == []
    assert list(rows.filter(school__isnull=False).values_list("action", flat=True)) == []
    assert rows.filter(object_type="consultation.Concern", object_id=str(c.pk)).count() >= 6
    page = _text(_client(cworld, "bureau").get("/history/"))
    assert "consultation_" not in page and "res_a" not in page and c.number not in page


# --- 5: every problem's detail in the page's language --------------------------------------------

def _latin_words(text: str) -> list[str]:
    """English words left in a Chinese message (item numbers like RC-2026-0001 aside)."""
    return [w for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"[A-Z]{2}-\d{4}-\d{4}", "", text))]


def test_problem_details_are_in_the_page_language(cworld: CWorld) -> None:
    import pytest

    u = cworld.users
    c = cworld.concern()
    services.assign(u["c_staff"], c, cworld.town)
    with pytest.raises(services.StepRefused) as refused:
        services.close(u["c_staff"], c)
    msg = refused.value.problem["message"]
    assert _latin_words(msg["zh"]) == [] and "已交办" in msg["zh"] and "办结" in msg["zh"], msg
    assert "Assigned" in msg["en"] and "close" in msg["en"].lower(), msg
    with pytest.raises(services.StepRefused) as refused:
        services.assign(u["c_edu"], cworld.concern(), cworld.edu)
    msg = refused.value.problem["message"]
    assert refused.value.problem["code"] == "E875" and _latin_words(msg["zh"]) == [], msg
    town = _client(cworld, "c_town")
    r = town.post(f"/consult/work/{c.pk}/", {"action": "progress", "percent": "150", "note": ""})
    text = _text(r)
    found = re.search(r'data-testid="step-problem">(.*?)</p>', text)
    assert r.status_code == 400 and found and "E876" in found.group(1), text[:2000]
    assert _latin_words(re.sub(r"<[^>]+>", "", found.group(1))) == [], found.group(1)
    en = _text(_client(cworld, "c_town", "en").post(f"/consult/work/{c.pk}/",
                                                     {"action": "progress", "percent": "150"}))
    assert "whole percentage" in en
    r = _client(cworld, "c_member").post("/consult/work/record/rongchang/", {
        "title": "路灯", "text": "路口太黑", "category": "lighting", "raiser_name": "王大爷",
        "raiser_phone": "1234", "consent": "1"})
    found = re.search(r'data-testid="step-problem">(.*?)</p>', _text(r))
    assert r.status_code == 400 and found and "E897" in found.group(1)
    assert "不是电话号码" in found.group(1) and _latin_words(re.sub(r"<[^>]+>", "", found.group(1))) == []


# --- 7, 8: Chinese words on the item page; staff who record are staff -------------------------

def test_the_consult_link_is_chinese_after_selection(cworld: CWorld) -> None:
    c = cworld.concern()
    services.select(cworld.users["c_staff"], c)
    text = _text(_client(cworld, "c_staff").get(f"/consult/work/{c.pk}/"))
    assert ">协商活动</a>" in text and ">Consultations</a>" not in text


def test_an_item_recorded_by_staff_says_staff_recorded_it(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff")
    r = staff.post("/consult/work/record/rongchang/", {
        "title": "路灯", "text": "路口太黑", "category": "lighting", "raiser_name": "王大爷",
        "raiser_phone": "13800001111", "consent": "1"})
    assert r.status_code == 302, _text(r)[:2000]
    c = Concern.objects.get(title="路灯")
    assert c.events.get(action="raise").actor_role == "staff"
    text = _text(staff.get(f"/consult/work/{c.pk}/"))
    assert "政协工作人员代为登记" in text and "委员走访时代为登记" not in text
    timeline = text[text.index('data-testid="item-timeline"'):]
    assert "提出</strong> · 政协工作人员" in timeline and "· 委员" not in timeline
    r = _client(cworld, "c_member").post("/consult/work/record/rongchang/", {
        "title": "积水", "text": "操场积水", "category": "lighting", "raiser_name": "李大妈", "consent": "1"})
    assert Concern.objects.get(title="积水").events.get(action="raise").actor_role == "member"


# --- 12: the overdue view says what its number is and rounds it as elsewhere ---------------------

def test_overdue_view_names_the_median_rounds_days_and_says_the_order(cworld: CWorld) -> None:
    import datetime as dt

    from django.utils import timezone

    u = cworld.users
    today = timezone.localdate()
    for late in (402, 403):
        c = cworld.concern()
        services.assign(u["c_staff"], c, cworld.town)
        Concern.objects.filter(pk=c.pk).update(due_on=today - dt.timedelta(days=late))
    text = _text(_client(cworld, "c_staff").get("/consult/work/overdue/"))
    assert "逾期天数中位数 403 天" in text and "402.5" not in text
    assert 'data-testid="overdue-order"' in text
    en = _text(_client(cworld, "c_staff", "en").get("/consult/work/overdue/"))
    assert "median days overdue 403 days" in en.lower()


# --- 14: the assign form starts with no department chosen; filters list only one's own ---------

def test_assign_form_asks_for_a_department_and_filters_list_own_bodies_only(cworld: CWorld) -> None:
    c = cworld.concern()
    text = _text(_client(cworld, "c_staff").get(f"/consult/work/{c.pk}/"))
    form = text[text.index('data-testid="step-assign"'):]
    form = form[:form.index("</select>")]
    assert re.search(r'<option value="" selected[^>]*>请选择承办部门</option>', form), form
    assert " selected" not in form.replace('<option value="" selected', "")
    r = _client(cworld, "c_staff").post(f"/consult/work/{c.pk}/", {"action": "assign", "department": ""})
    assert r.status_code == 400 and "E894" in _text(r)
    work = _text(_client(cworld, "c_staff").get("/consult/work/"))
    filt = work[work.index('name="department"'):]
    filt = filt[:filt.index("</select>")]
    assert "昌元街道办事处" in filt and "内江市水利局" not in filt
