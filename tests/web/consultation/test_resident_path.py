"""The resident's whole path through the Django client: register → raise with a photo → the
public page without personal data → an answer (through the services) → rate → reopen; the
raise form's errors; a resident never sees another's item."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from tests.web.consultation.cworld import CWorld
from tests.web.consultation.photo_bytes import jpeg_bytes
from tests.web.world import PASSWORD
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern, Photo, ResidentProfile
from youjun.web.apps.platform.models import AuditEvent, User

RAISE = "/consult/raise/"


def _raise_data(cw: CWorld, **over: object) -> dict[str, object]:
    data: dict[str, object] = {"body": cw.rc.code, "title": "操场没有围栏",
                               "text": "学校操场紧邻马路，没有围栏，孩子容易跑出去。",
                               "category": "education", "town": "昌元街道", "village": "宝城社区",
                               "school": cw.base.school(cw.base.a).code, "indicator": "G5"}
    data.update(over)
    return data


def test_register_raise_public_rate_and_reopen(cworld: CWorld) -> None:
    c = Client()
    r = c.post("/consult/register/", {"username": "王大妈", "password1": PASSWORD, "password2": PASSWORD,
                                      "phone": "138 1234 5678", "town": "昌元街道"})
    assert r.status_code == 302 and r["Location"] == RAISE, r.content.decode()[:2000]
    user = User.objects.get(username="王大妈")
    assert ResidentProfile.objects.get(user=user).phone == "13812345678"
    assert AuditEvent.objects.filter(action="consultation_register", actor=user).exists()
    form = c.get(RAISE)
    assert form.status_code == 200 and 'name="photos"' in form.content.decode()
    assert "G5 每个班级班额不超过规定上限" in form.content.decode()  # the platform's own indicator names
    assert "教育" in form.content.decode()  # categories in words

    photo = SimpleUploadedFile("IMG_0001.JPG", jpeg_bytes((640, 480)), content_type="image/jpeg")
    r = c.post(RAISE, {**_raise_data(cworld), "photos": [photo]})
    assert r.status_code == 302, r.content.decode()[:3000]
    concern = Concern.objects.get(raised_by=user)
    assert concern.indicator == "G5" and concern.school == cworld.base.school(cworld.base.a)
    assert concern.raiser_phone == "13812345678"
    done = c.get(r["Location"])
    text = done.content.decode()
    assert concern.number in text and "30 天" in text  # education: 30 days once assigned
    assert concern.photos.count() == 1

    anon = Client()
    page = anon.get(f"/consult/c/{concern.number}/")
    shown = page.content.decode()
    assert page.status_code == 200 and "操场没有围栏" in shown
    assert "13812345678" not in shown and "王大妈" not in shown  # no personal data
    assert "已提出" in shown and "群众提出" in shown  # the step and who raised it, in words
    listing = anon.get("/consult/").content.decode()
    assert concern.number in listing and "王大妈" not in listing
    pic = anon.get(f"/consult/photo/{concern.photos.get().pk}/")
    assert pic.status_code == 200 and pic["Content-Type"] == "image/jpeg"
    assert b"SecretCam" not in pic.content and not Image.open(io.BytesIO(pic.content)).getexif()

    u = cworld.users
    services.assign(u["c_staff"], concern, cworld.edu)
    services.update_progress(u["c_edu"], concern, 50, "已申请围栏经费")
    services.answer(u["c_edu"], concern, "围栏已安装完毕。")
    mine = c.get("/consult/mine/").content.decode()
    assert "请评价" in mine
    item = c.get(f"/consult/item/{concern.pk}/").content.decode()
    assert "选择“未解决”或“不满意”将退回承办部门重新办理" in item
    assert "13812345678" in item  # the raiser sees their own phone
    r = c.post(f"/consult/item/{concern.pk}/", {"satisfaction": "not", "fixed": "not_fixed", "comment": "只装了一半"})
    assert r.status_code == 302
    concern.refresh_from_db()
    assert concern.state == "in_progress" and concern.reopen_count == 1
    assert "请评价" not in c.get("/consult/mine/").content.decode()
    public = anon.get(f"/consult/c/{concern.number}/").content.decode()
    for words in ("已交办", "承办部门", "围栏已安装完毕。", "退回重办", "只装了一半", "不满意", "50%"):
        assert words in public, words
    assert "王大妈" not in public and "13812345678" not in public


def test_the_raise_form_keeps_what_was_typed_and_says_what_to_fix(cworld: CWorld) -> None:
    c = Client()
    c.force_login(cworld.users["res_a"])
    r = c.post(RAISE, _raise_data(cworld, title="", category="flying", town=""))
    text = r.content.decode()
    assert r.status_code == 400
    assert 'data-testid="error-title"' in text and 'data-testid="error-category"' in text
    assert 'data-testid="error-town"' in text
    assert "学校操场紧邻马路" in text and "宝城社区" in text  # kept
    assert Concern.objects.count() == 0 and Photo.objects.count() == 0
    # a bad photo refuses the whole form: nothing written
    bad = SimpleUploadedFile("photo.jpg", b"not a picture at all", content_type="image/jpeg")
    r = c.post(RAISE, {**_raise_data(cworld), "photos": [bad]})
    assert r.status_code == 400
    assert 'data-testid="error-photos"' in r.content.decode() and "不是 JPEG、PNG 或 WebP" in r.content.decode()
    assert "操场没有围栏" in r.content.decode()
    assert Concern.objects.count() == 0


def test_register_checks_the_phone_and_the_password(cworld: CWorld) -> None:
    r = Client().post("/consult/register/", {"username": "res_c", "password1": "123", "password2": "123",
                                             "phone": "12345", "town": ""})
    text = r.content.decode()
    assert r.status_code == 400
    assert "“12345”不是11位的手机号码" in text
    assert 'data-testid="error-password1"' in text
    assert not User.objects.filter(username="res_c").exists()
    r = Client().post("/consult/register/", {"username": "RES_A", "password1": PASSWORD, "password2": PASSWORD})
    assert r.status_code == 400 and 'data-testid="error-username"' in r.content.decode()


def test_anonymous_visitors_are_told_why_to_log_in(cworld: CWorld) -> None:
    r = Client().get(RAISE)
    text = r.content.decode()
    assert r.status_code == 200 and "/login/?next=/consult/raise/" in text and "/consult/register/?next=" in text
    r = Client().post(RAISE, _raise_data(cworld))
    assert r.status_code == 302 and r["Location"].startswith("/login/")
    assert Concern.objects.count() == 0


def test_a_resident_never_sees_anothers_item(cworld: CWorld) -> None:
    theirs = cworld.concern("res_a", raiser_phone="13900001111")
    b = Client()
    b.force_login(cworld.users["res_b"])
    for url in (f"/consult/item/{theirs.pk}/", f"/consult/item/{theirs.pk}/submitted/"):
        assert b.get(url).status_code == 404
        assert b.post(url, {"satisfaction": "satisfied", "fixed": "fixed"}).status_code in (404, 405)
    assert theirs.number not in b.get("/consult/mine/").content.decode()
    public = b.get(f"/consult/c/{theirs.number}/").content.decode()
    assert "13900001111" not in public and "consult/item/" not in public


def test_public_item_shows_department_deadline_overdue_opinions_and_merges(cworld: CWorld) -> None:
    u = cworld.users
    parent = cworld.concern()
    dup = cworld.concern("res_b", title="路口太黑")
    services.merge(u["c_staff"], dup, parent)
    services.select(u["c_staff"], parent, venue="courtyard")
    opinion = services.raise_concern(u["c_staff"], cworld.rc, title="增设两盏路灯", text="协商同意增设路灯",
                                     category="lighting", kind="opinion", parent=parent)
    services.assign(u["c_staff"], opinion, cworld.town)
    services.update_progress(u["c_town"], opinion, 40, "已采购")
    Concern.objects.filter(pk=opinion.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    page = Client().get(f"/consult/c/{parent.number}/").content.decode()
    assert opinion.number in page and "40%" in page and "增设两盏路灯" in page
    assert "1 人附议" in page  # the merged raiser kept as a supporter
    assert dup.number in page
    child = Client().get(f"/consult/c/{opinion.number}/").content.decode()
    assert "昌元街道办事处" in child and "已逾期 3 天" in child
    dup_page = Client().get(f"/consult/c/{dup.number}/").content.decode()
    assert f"已合并到 {parent.number}" in dup_page
    listing = Client().get("/consult/").content.decode()
    assert listing.count(f'href="/consult/c/{opinion.number}/"') == 1  # under its parent, not a row of its own
    assert listing.count('data-testid="c-row"') == 2  # the parent and the merged duplicate


def test_public_list_filters_search_and_pages(cworld: CWorld) -> None:
    for i in range(23):
        cworld.concern(title=f"路灯{i:02d}", town="昌元街道" if i % 2 else "峰高街道",
                       category="lighting" if i < 20 else "roads")
    c = Client()
    first = c.get("/consult/").content.decode()
    assert first.count('data-testid="c-row"') == 20 and "第 1 页，共 2 页" in first and "page=2" in first
    assert c.get("/consult/?page=2").content.decode().count('data-testid="c-row"') == 3
    roads = c.get("/consult/?category=roads").content.decode()
    assert roads.count('data-testid="c-row"') == 3
    town = c.get("/consult/?town=峰高街道&category=lighting").content.decode()
    assert town.count('data-testid="c-row"') == 10
    found = c.get("/consult/?q=路灯07").content.decode()
    assert found.count('data-testid="c-row"') == 1
    assert c.get("/consult/?state=closed").content.decode().count('data-testid="c-row"') == 0
    assert c.post("/consult/").status_code == 405


def test_pages_read_in_english_too(cworld: CWorld) -> None:
    concern = cworld.concern()
    c = Client()
    c.cookies["youjun_language"] = "en"
    c.force_login(cworld.users["res_a"])
    for url in ("/consult/", f"/consult/c/{concern.number}/", RAISE, "/consult/mine/", f"/consult/item/{concern.pk}/"):
        r = c.get(url)
        assert r.status_code == 200, url
        assert "Raised" in r.content.decode() or "Raise a concern" in r.content.decode(), url


def test_a_name_or_phone_typed_into_the_concern_is_masked_on_public_pages(cworld: CWorld) -> None:
    c = cworld.concern(title="张秘密反映路灯坏了", text="请打13800009999找张秘密。", raiser_name="张秘密",
                       raiser_phone="13800009999")
    anon = Client()
    for url in ("/consult/", f"/consult/c/{c.number}/"):
        page = anon.get(url).content.decode()
        assert "张秘密" not in page and "13800009999" not in page, url
        assert "张**反映路灯坏了" in page, url
    own = Client()
    own.force_login(cworld.users["res_a"])
    assert "13800009999" in own.get(f"/consult/item/{c.pk}/").content.decode()
