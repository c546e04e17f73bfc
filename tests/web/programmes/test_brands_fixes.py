"""What users found walking the brands pages (issue 15, the users' walk), through the real views:
the pass mark shows before scoring, the reason is 必填, the bureau's own actions are apart from
the school's (代学校操作), acceptances waiting for scores are in the bureau's queue, evidence
comes before the submit button, the first form states the emblem's limits and takes evidence,
writes are confirmed, people are shown by their full names, the brand schools are sorted."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.programmes.brands_util import image_bytes, upload
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.brands import services
from youjun.web.apps.party.brands.models import Acceptance, Brand, BrandEvidence

HIGH = {"organisation": 90, "connotation": 90, "carriers": 90, "outcomes": 90, "demonstration": 90}


def _zh(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = "zh"
    return c


def _brand(w: PWorld, *, name: str = "红烛先锋", school: str = "a1", officer: str = "officer") -> Brand:
    return services.create_brand(w.user(officer), getattr(w.wf, school), name=name, meaning="释义",
                                 emblem=upload(image_bytes("PNG"), "e.png"))


def _to(w: PWorld, b: Brand, *actions: str) -> Brand:
    for a in actions:
        services.step(w.user("officer" if a == "submit" else "bureau"), b, a, as_bureau=a != "submit",
                      comment="请补充" if a in ("return", "reject") else "")
    b.refresh_from_db()
    return b


def _section(page: str, testid: str) -> str:
    start = page.index(f'data-testid="{testid}"')
    return page[start:page.index("</section>", start)]


def test_the_pass_mark_shows_before_scoring(pworld: PWorld) -> None:
    b = _to(pworld, _brand(pworld), "submit", "review", "approve")
    services.apply_acceptance(pworld.user("officer"), b)
    bureau = _zh(pworld, "bureau")
    page = bureau.get(reverse("party_brands:brand", args=[b.pk])).content.decode()
    assert "达到 80.0 分为合格" in page
    schools = bureau.get(reverse("party_brands:schools", args=[pworld.base.a.code])).content.decode()
    assert "合格分数线：80.0&nbsp;分" in schools
    for p in (page, schools):
        assert not re.search(r"—(&nbsp;|\s)*分", p)


def test_the_reason_box_says_required_not_elective(pworld: PWorld) -> None:
    b = _to(pworld, _brand(pworld), "submit", "review")
    page = _zh(pworld, "bureau").get(reverse("party_brands:brand", args=[b.pk])).content.decode()
    assert "意见（必填）" in page and "必修" not in page


def test_the_bureau_sees_the_school_s_actions_only_as_acting_for_the_school(pworld: PWorld) -> None:
    returned = _to(pworld, _brand(pworld), "submit", "review", "return")
    bureau, officer = _zh(pworld, "bureau"), _zh(pworld, "officer")
    page = bureau.get(reverse("party_brands:brand", args=[returned.pk])).content.decode()
    acting = _section(page, "pb-for-school")
    assert "代学校操作" in acting
    for words in ("修改后重新提交", "修改申报", "上传佐证材料"):
        assert words in acting and page.count(words) == acting.count(words), words
    mine = officer.get(reverse("party_brands:brand", args=[returned.pk])).content.decode()
    assert "代学校操作" not in mine and "修改后重新提交" in mine and "上传佐证材料" in mine
    approved = _to(pworld, _brand(pworld, name="向阳花开"), "submit", "review", "approve")
    page = bureau.get(reverse("party_brands:brand", args=[approved.pk])).content.decode()
    assert "申请党建品牌特色学校验收" in _section(page, "pb-for-school")
    assert page.count('data-testid="pb-apply"') == _section(page, "pb-for-school").count('data-testid="pb-apply"') == 1
    assert "代学校操作" not in officer.get(reverse("party_brands:brand", args=[approved.pk])).content.decode()


def test_acceptances_waiting_for_scores_are_in_the_review_queue(pworld: PWorld) -> None:
    b = _to(pworld, _brand(pworld), "submit", "review", "approve")
    other = _brand(pworld, name="向阳花开", school="a2", officer="officer2")
    scored = _to(pworld, other, "submit", "review", "approve")
    services.apply_acceptance(pworld.user("officer"), b)
    acc = services.apply_acceptance(pworld.user("officer2"), scored)
    services.score_acceptance(pworld.user("bureau"), acc, scores=HIGH)
    page = _zh(pworld, "bureau").get(reverse("party_brands:queue", args=[pworld.base.a.code])).content.decode()
    waiting = _section(page, "pb-acc-queue")
    assert "申请验收待评分" in waiting
    assert reverse("party_brands:brand", args=[b.pk]) in waiting and "红烛先锋" in waiting
    assert "向阳花开" not in waiting  # scored already
    district = _zh(pworld, "bureau").get(reverse("party_brands:district", args=[pworld.base.a.code])).content.decode()
    assert "<strong>1</strong>&nbsp;份验收申请待评分" in district


def test_the_school_uploads_evidence_before_the_submit_button(pworld: PWorld) -> None:
    b = _brand(pworld)
    page = _zh(pworld, "officer").get(reverse("party_brands:brand", args=[b.pk])).content.decode()
    assert page.index('data-testid="pb-evidence-form"') < page.index('data-testid="pb-step-submit"')
    assert page.index('data-testid="pb-edit-form"') < page.index('data-testid="pb-step-submit"')


def test_the_first_form_states_the_limits_and_takes_evidence(pworld: PWorld) -> None:
    officer = _zh(pworld, "officer")
    url = reverse("party_brands:school", args=[pworld.wf.a1.code])
    page = officer.get(url).content.decode()
    form = page[page.index('data-testid="pb-new-form"'):]
    assert "<kbd>PNG</kbd>" in form and "<kbd>JPEG</kbd>" in form and "2 MB" in form
    assert 'name="evidence"' in form and "8 MB" in form and "5 MB" in form
    r = officer.post(url, {"name": "红烛先锋", "meaning": "释义", "emblem": upload(image_bytes("PNG"), "e.png"),
                           "evidence": upload(image_bytes("JPEG"), "活动照片.jpg", "image/jpeg")}, follow=True)
    assert r.status_code == 200
    b = Brand.objects.get(name="红烛先锋")
    assert list(BrandEvidence.objects.filter(brand=b).values_list("name", flat=True)) == ["活动照片.jpg"]
    # a bad evidence file refuses the whole application: nothing is written
    r = officer.post(url, {"name": "向阳花开", "meaning": "释义", "emblem": upload(image_bytes("PNG"), "e.png"),
                           "evidence": upload(image_bytes("GIF"), "x.gif", "image/gif")})
    assert r.status_code == 400 and "E1274" in r.content.decode()
    assert not Brand.objects.filter(name="向阳花开").exists()


def test_uploads_and_submissions_are_confirmed(pworld: PWorld) -> None:
    b = _brand(pworld)
    officer = _zh(pworld, "officer")
    r = officer.post(reverse("party_brands:evidence_add", args=[b.pk]),
                     {"file": upload(image_bytes("PNG"), "照片.png")}, follow=True)
    assert "佐证材料“照片.jpg”已上传" in _messages(r)  # stored re-encoded as JPEG
    r = officer.post(reverse("party_brands:submit", args=[b.pk]), {}, follow=True)
    assert "已提交教育局审核" in _messages(r)


def _messages(response: object) -> str:
    page = response.content.decode()  # type: ignore[attr-defined]
    return page[page.index('<ul class="messages">'):] if '<ul class="messages">' in page else ""


def test_people_are_shown_by_their_full_names_with_their_role(pworld: PWorld) -> None:
    officer, bureau = pworld.user("officer"), pworld.user("bureau")
    officer.full_name, bureau.full_name = "王晓红", "永川区教委"
    officer.save(update_fields=["full_name"])
    bureau.save(update_fields=["full_name"])
    b = _to(pworld, _brand(pworld), "submit", "review", "approve")
    acc = services.apply_acceptance(officer, b)
    services.score_acceptance(bureau, acc, scores=HIGH)
    page = _zh(pworld, "analyst").get(reverse("party_brands:brand", args=[b.pk])).content.decode()
    history = _section(page, "pb-history-card")
    assert "王晓红（学校）" in history and "永川区教委（教育局）" in history
    assert "officer（" not in page and "bureau（" not in page
    assert "永川区教委（教育局）" in _section(page, "pb-acceptance")


def test_the_brand_schools_are_sorted_by_acceptance_date_then_school(pworld: PWorld) -> None:
    made = []
    for key, officer, name in (("a2", "officer2", "向阳花开"), ("a1", "officer", "红烛先锋")):
        b = _to(pworld, _brand(pworld, name=name, school=key, officer=officer), "submit", "review", "approve")
        made.append(services.apply_acceptance(pworld.user(officer), b))
    today = timezone.localdate()
    # a2 (the later code) was accepted first: it is listed first; same day: by the school's code
    services.score_acceptance(pworld.user("bureau"), made[0], scores=HIGH, on=made[0].applied_on)
    services.score_acceptance(pworld.user("bureau"), made[1], scores=HIGH, on=made[1].applied_on)
    Acceptance.objects.filter(pk=made[0].pk).update(decided_on=today - dt.timedelta(days=3))
    page = _zh(pworld, "bureau").get(reverse("party_brands:schools", args=[pworld.base.a.code])).content.decode()
    assert page.index("向阳花开") < page.index("红烛先锋")
    Acceptance.objects.filter(pk=made[0].pk).update(decided_on=today)
    page = _zh(pworld, "bureau").get(reverse("party_brands:schools", args=[pworld.base.a.code])).content.decode()
    assert page.index("红烛先锋") < page.index("向阳花开")
