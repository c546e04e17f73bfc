"""Handling fixes, round 2, through the real pages: the work list's "需要您处理" block for each
role, the residents' rating notices kept from staff, the assisted-entry form's words, one name
for the deadline (答复期限), "我代为登记的" on a member's list, consultation photos' audit rows,
evidence links for staff and the department, the milestone date hint."""

from __future__ import annotations

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from tests.web.consultation.photo_bytes import jpeg_bytes
from youjun.web.apps.consultation import photos, services, services_resident
from youjun.web.apps.consultation import services_meetings as sm
from youjun.web.apps.consultation.models import Concern, Evidence, Meeting, Notification
from youjun.web.apps.platform.models import AuditEvent

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _client(cw: CWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(cw.users[name])
    c.cookies["youjun_language"] = lang
    return c


def _text(r: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode()))  # type: ignore[attr-defined]


def _block(page: str) -> str:
    """The "需要您处理" block of the work list (its HTML)."""
    found = re.search(r'<section[^>]*data-testid="needs-you".*?</section>', page, re.S)
    assert found is not None, page[:3000]
    return found.group(0)


# --- 1: the work list's "需要您处理" block ----------------------------------------------------

def _path_items(cw: CWorld) -> dict[str, Concern]:
    u = cw.users
    raised = cw.concern(title="刚提出的议题")
    selected = cw.concern(title="已选题待调研的议题")
    services.select(u["c_staff"], selected)
    elsewhere = cw.concern(title="别的镇的待调研议题", town="峰高街道")
    services.select(u["c_staff"], elsewhere)
    late = cw.concern(title="已逾期的议题")
    services.assign(u["c_staff"], late, cw.town)
    Concern.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=5))
    fresh = cw.concern(title="刚交办的议题")
    services.assign(u["c_staff"], fresh, cw.town)
    answered = cw.concern(title="已答复待办结的议题")
    services.assign(u["c_staff"], answered, cw.town)
    services.answer(u["c_town"], answered, "已安装路灯")
    reopened = cw.concern(title="被退回重办的议题")
    services.assign(u["c_staff"], reopened, cw.town)
    services.answer(u["c_town"], reopened, "已安装")
    services.reopen(u["c_staff"], reopened, "灯还是不亮")
    closed = cw.concern(title="已办结的议题")
    services.assign(u["c_staff"], closed, cw.edu)
    services.answer(u["c_edu"], closed, "已办")
    services.close(u["c_staff"], closed)
    return {"raised": raised, "selected": selected, "elsewhere": elsewhere, "late": late, "fresh": fresh,
            "answered": answered, "reopened": reopened, "closed": closed}


def test_staff_see_what_waits_for_them_with_why(cworld: CWorld) -> None:
    items = _path_items(cworld)
    page = _client(cworld, "c_staff").get("/consult/work/").content.decode()
    block = _block(page)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))
    assert "需要您处理" in text
    for key in ("raised", "answered", "reopened", "late"):  # overdue items too (the final re-walk)
        assert items[key].title in text and f'href="/consult/work/{items[key].pk}/"' in block, key
    for key in ("selected", "fresh", "closed"):
        assert items[key].title not in text, key
    assert "待选题" in text and "待办结" in text and "退回重办" in text
    assert "今天提出" in text and "已 0 天" not in text
    # the overdue view and the bulk update are reached from the work list
    assert 'href="/consult/work/overdue/"' in page and 'href="/consult/bulk/"' in page


def test_the_department_sees_its_items_overdue_first(cworld: CWorld) -> None:
    items = _path_items(cworld)
    block = _block(_client(cworld, "c_town").get("/consult/work/").content.decode())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))
    assert items["late"].title in text and items["fresh"].title in text and items["reopened"].title in text
    assert text.index(items["late"].title) < text.index(items["fresh"].title)
    assert "逾期 5 天" in text and "答复期限" in text
    assert items["answered"].title not in text and items["raised"].title not in text


def test_a_member_sees_their_neighbourhoods_items_awaiting_investigation(cworld: CWorld) -> None:
    items = _path_items(cworld)
    block = _block(_client(cworld, "c_member").get("/consult/work/").content.decode())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))
    assert items["selected"].title in text and "待调研" in text and "昌元街道" in text
    assert items["elsewhere"].title not in text and items["raised"].title not in text


def test_english_work_list_block(cworld: CWorld) -> None:
    _path_items(cworld)
    block = _block(_client(cworld, "c_staff", "en").get("/consult/work/").content.decode())
    assert "Needs you" in block and "需要" not in block


# --- 1: the rating notice goes to residents only ---------------------------------------------

def test_staff_who_recorded_an_opinion_get_no_rating_notice(cworld: CWorld) -> None:
    u = cworld.users
    parent = cworld.concern()
    services.select(u["c_staff"], parent)
    m = Meeting.objects.create(body=cworld.rc, venue="courtyard", title="院坝会", held_on=timezone.localdate(),
                               place="昌元街道")
    sm.consult_concern(u["c_staff"], m, parent.number, "")
    opinion = sm.agree_opinion(u["c_staff"], m, parent, title="增设路灯", text="", department=cworld.town)
    services.answer(u["c_town"], opinion, "已增设")
    assert not Notification.objects.filter(user=u["c_staff"], kind="answered").exists()
    visit = services.raise_concern(u["c_member"], cworld.rc, title="代登记", text="路灯", category="lighting",
                                   channel="visit", on_behalf=True, raiser_name="王大妈", consent_noted=True)
    services.assign(u["c_staff"], visit, cworld.town)
    services.answer(u["c_town"], visit, "已修好")
    assert not Notification.objects.filter(user=u["c_member"], kind="answered").exists()
    own = cworld.concern()
    services.assign(u["c_staff"], own, cworld.town)
    services.answer(u["c_town"], own, "已修好")
    assert Notification.objects.filter(user=u["res_a"], kind="answered", concern=own).count() == 1


# --- 3: the assisted-entry form ----------------------------------------------------------------

def test_the_record_form_says_name_marks_required_and_warns_it_is_public(cworld: CWorld) -> None:
    page = _client(cworld, "c_member").get("/consult/work/record/rongchang/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "姓名：" in text and "名称" not in text
    assert re.search(r"姓名：\s*\*", text) and "标题：" in text and "带 * 的为必填项" in text
    assert "反映内容将公开显示，请勿写入姓名、电话等个人信息" in text
    consent = re.search(r'<label[^>]*>\s*<input[^>]*name="consent"[^>]*>\s*([^<]*)</label>', page)
    assert consent is not None and consent.group(1).strip() == "本人已同意"
    form = page[page.index('data-testid="record-form"'):]
    form = form[:form.index("</form>")]
    labels = [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<label[^>]*>(.*?)<(?:input|select|textarea)",
                                                                      form, re.S)]
    assert labels and all(":" not in t for t in labels), labels


def test_a_missing_consent_is_named_as_the_label_says(cworld: CWorld) -> None:
    r = _client(cworld, "c_member").post("/consult/work/record/rongchang/", {
        "raiser_name": "王大妈", "title": "路灯", "text": "路口太黑", "category": "lighting"})
    text = _text(r)
    assert r.status_code == 400 and "本人已同意" in text


# --- 4: one name for the deadline -------------------------------------------------------------

def test_the_deadline_is_called_answer_by_on_the_handling_pages(cworld: CWorld) -> None:
    items = _path_items(cworld)
    staff = _client(cworld, "c_staff")
    for url in ("/consult/work/", f"/consult/work/{items['fresh'].pk}/", f"/consult/work/{items['raised'].pk}/",
                "/consult/work/overdue/", "/consult/bulk/"):
        text = _text(staff.get(url))
        for word in ("截止日期", "整改期限", "办理期限"):
            assert word not in text, (url, word)
    assert "答复期限" in _text(staff.get(f"/consult/work/{items['fresh'].pk}/"))
    assert "答复期限" in _text(staff.get("/consult/work/"))
    r = staff.post(f"/consult/work/{items['raised'].pk}/", {"action": "assign", "department": cworld.town.pk,
                                                            "due_on": "2001-01-01"})
    assert r.status_code == 400 and "答复期限" in _text(r) and "办理期限" not in _text(r)
    en = _text(_client(cworld, "c_staff", "en").get(f"/consult/work/{items['fresh'].pk}/"))
    assert "Answer due by" in en  # the public pages' words for it


def test_the_bulk_sheet_header_says_answer_by(cworld: CWorld) -> None:
    import io

    from openpyxl import load_workbook
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    r = _client(cworld, "c_town").get("/consult/bulk/template.xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).active
    headers = [cell.value for row in sheet.iter_rows(min_row=1, max_row=3) for cell in row if cell.value]
    assert "答复期限" in headers and "办理期限" not in headers


# --- 5: "我代为登记的" on a member's 我的议题 -----------------------------------------------------

def test_a_member_sees_concerns_they_recorded_tagged_as_recorded(cworld: CWorld) -> None:
    u = cworld.users
    services.raise_concern(u["c_member"], cworld.rc, title="代王大妈登记", text="路灯", category="lighting",
                           channel="visit", on_behalf=True, raiser_name="王大妈", consent_noted=True)
    services_resident.support(u["c_member"], cworld.concern(title="我附议的议题", user="res_b"))
    page = _client(cworld, "c_member").get("/consult/mine/").content.decode()
    cards = {re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", li)) for li in
             re.findall(r'<li class="c-card" data-testid="mine-row">.*?</li>', page, re.S)}
    recorded = next(t for t in cards if "代王大妈登记" in t)
    supported = next(t for t in cards if "我附议的议题" in t)
    assert "我代为登记的" in recorded and "我附议的" not in recorded, recorded
    assert "我附议的" in supported and "我代为登记的" not in supported, supported


# --- 7: consultation photos carry no district --------------------------------------------------

def test_photo_audit_rows_carry_no_district(cworld: CWorld) -> None:
    c = cworld.concern()
    photos.save_photos(cworld.users["res_a"], c, [photos.clean_photo(jpeg_bytes(), "a.jpg",
                                                                       photos.limits_of(cworld.rc))])
    row = AuditEvent.objects.get(action="consultation_photos")
    assert row.district_id is None and row.school_id is None


# --- 8: evidence links on the work page for staff and the department ---------------------------

def test_evidence_links_show_for_staff_and_the_department(cworld: CWorld) -> None:
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    r = _client(cworld, "c_town").post(f"/consult/work/{c.pk}/", {
        "action": "progress", "percent": "40", "note": "已采购", "evidence": [SimpleUploadedFile("收据.png", PNG)]})
    assert r.status_code == 302
    ev = Evidence.objects.get(event__concern=c)
    Evidence.objects.filter(pk=ev.pk).update(id=1971)
    for name in ("c_staff", "c_town"):
        page = _client(cworld, name).get(f"/consult/work/{c.pk}/").content.decode()
        timeline = page[page.index('data-testid="item-timeline"'):]
        assert 'href="/consult/evidence/1971/"' in timeline and "收据.png" in timeline, name
        assert _client(cworld, name).get("/consult/evidence/1971/").status_code == 200


# --- 9: the milestone date hint is not after the item's deadline -------------------------------

def test_the_milestone_date_hint_is_not_after_the_deadline(cworld: CWorld) -> None:
    c = cworld.concern()
    due = timezone.localdate() + dt.timedelta(days=3)
    services.assign(cworld.users["c_staff"], c, cworld.town, due_on=due)
    page = _client(cworld, "c_town").get(f"/consult/work/{c.pk}/").content.decode()
    form = page[page.index('data-testid="item-milestones"'):]
    hint = re.search(r'name="due_on"[^>]*placeholder="([\d-]+)"', form)
    assert hint is not None
    assert dt.date.fromisoformat(hint.group(1)) <= due


def test_the_block_stays_off_a_filtered_list(cworld: CWorld) -> None:
    _path_items(cworld)
    page = _client(cworld, "c_staff").get("/consult/work/?state=closed").content.decode()
    assert 'data-testid="needs-you"' not in page
