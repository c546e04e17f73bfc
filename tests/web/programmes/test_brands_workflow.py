"""Party-building brands through the real views: a school's data officer applies with an emblem
(re-encoded, metadata gone, served only to those who see the school), the bureau reviews it by
the workflow in rules/party_brands/workflow.yaml (steps not allowed are catalogued refusals,
never a 500), the history is on the brand's page; then the acceptance as a brand school is scored
against rules/party_brands/acceptance.yaml, and the district overview's figures count it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.web.programmes.brands_util import gps_exif, image_bytes, upload
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.brands import figures, services
from youjun.web.apps.party.brands.models import Acceptance, Brand, BrandStep
from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.errors import Refused


def _client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def _codes(response: object) -> list[str]:
    page = response.content.decode()  # type: ignore[attr-defined]
    import re

    return re.findall(r"<code>(E\d{4})</code>", page)


def _apply(w: PWorld, *, emblem: bytes | None = None, name: str = "红烛先锋") -> Brand:
    c = _client(w, "officer")
    data = {"name": name, "meaning": "以红烛精神引领教师，点亮学生成长之路。"}
    if emblem is not None:
        data["emblem"] = upload(emblem, "emblem.jpg", "image/jpeg")
    r = c.post(reverse("party_brands:school", args=[w.wf.a1.code]), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    return Brand.objects.get(name=name)


def test_an_officer_applies_with_an_emblem_that_loses_its_metadata(pworld: PWorld) -> None:
    b = _apply(pworld, emblem=image_bytes("JPEG", (800, 400), exif=gps_exif()))
    assert b.state == "draft" and b.school == pworld.wf.a1
    r = _client(pworld, "officer").get(reverse("party_brands:emblem", args=[b.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    img = Image.open(io.BytesIO(r.content))
    assert max(img.size) == 600  # the local rule's longest side
    assert not img.getexif() and "exif" not in img.info
    # served through the scoped view only: another school's officer and another district's bureau see nothing
    assert _client(pworld, "officer2").get(reverse("party_brands:emblem", args=[b.pk])).status_code == 404
    assert _client(pworld, "bureau_b").get(reverse("party_brands:brand", args=[b.pk])).status_code == 404
    assert _client(pworld, "analyst").get(reverse("party_brands:emblem", args=[b.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="party_brands_create", object_id=str(b.pk)).exists()


@pytest.mark.parametrize(("data", "code"), [
    (image_bytes("GIF"), "E1274"),  # not PNG or JPEG
    (b"\x89PNG\r\n\x1a\n" + b"not really a png" * 10, "E1276"),  # a PNG header on something else
    (image_bytes("PNG", (5000, 5000)), "E1275"),  # over the pixel limit, refused before decoding
    (b"\xff\xd8\xff" + b"0" * 2_100_000, "E1275"),  # over the byte limit, refused before reading
])
def test_a_hostile_emblem_is_refused_and_nothing_is_written(pworld: PWorld, data: bytes, code: str) -> None:
    c = _client(pworld, "officer")
    r = c.post(reverse("party_brands:school", args=[pworld.wf.a1.code]),
               {"name": "向阳花开", "meaning": "释义", "emblem": upload(data, "x.png")})
    assert r.status_code == 400 and _codes(r) == [code]
    assert not Brand.objects.exists()


def test_the_bureau_returns_the_school_resubmits_and_the_bureau_approves(pworld: PWorld) -> None:
    officer, bureau, analyst = (_client(pworld, n) for n in ("officer", "bureau", "analyst"))
    b = _apply(pworld)
    submit = reverse("party_brands:submit", args=[b.pk])
    review = reverse("party_brands:review", args=[b.pk])
    r = officer.post(submit)
    assert r.status_code == 400 and _codes(r) == ["E1281"]  # no emblem yet
    r = officer.post(reverse("party_brands:edit", args=[b.pk]),
                     {"name": b.name, "meaning": b.meaning, "emblem": upload(image_bytes("PNG"), "e.png")})
    assert r.status_code == 302
    assert officer.post(submit).status_code == 302
    assert officer.post(review, {"action": "approve"}).status_code == 403  # only the bureau reviews
    assert analyst.post(review, {"action": "approve"}).status_code == 403
    r = bureau.post(review, {"action": "approve"})  # not from "submitted": first the review starts
    assert r.status_code == 400 and _codes(r) == ["E1271"]
    assert bureau.post(review, {"action": "review"}).status_code == 302
    r = bureau.post(review, {"action": "return"})
    assert r.status_code == 400 and _codes(r) == ["E1273"]  # a return needs its reasons
    assert bureau.post(review, {"action": "return", "comment": "释义请结合学校办学理念"}).status_code == 302
    b.refresh_from_db()
    assert b.state == "returned"
    assert officer.post(reverse("party_brands:edit", args=[b.pk]),
                        {"name": b.name, "meaning": "红烛精神：燃烧自己，照亮他人；与“立德树人”办学理念相融合。"}
                        ).status_code == 302
    assert officer.post(submit).status_code == 302
    assert bureau.post(review, {"action": "review"}).status_code == 302
    assert bureau.post(review, {"action": "approve", "comment": "同意命名"}).status_code == 302
    b.refresh_from_db()
    today = timezone.localdate()
    assert b.state == "approved" and b.approved_on == today and b.submitted_on == today
    steps = list(BrandStep.objects.filter(brand=b).values_list("from_state", "to_state", "by_bureau"))
    assert steps == [("draft", "submitted", False), ("submitted", "under_review", True),
                     ("under_review", "returned", True), ("returned", "submitted", False),
                     ("submitted", "under_review", True), ("under_review", "approved", True)]
    page = analyst.get(reverse("party_brands:brand", args=[b.pk])).content.decode()
    assert "释义请结合学校办学理念" in page and "同意命名" in page and "已命名" in page
    assert 'data-testid="pb-step-' not in page  # an analyst reads, takes no step
    # approved: no more edits, no more steps
    r = officer.post(reverse("party_brands:edit", args=[b.pk]), {"name": "新名", "meaning": "x"})
    assert r.status_code == 400 and _codes(r) == ["E1272"]
    r = bureau.post(review, {"action": "reject", "comment": "x"})
    assert r.status_code == 400 and _codes(r) == ["E1271"]
    assert AuditEvent.objects.filter(action="party_brands_approve", object_id=str(b.pk)).count() == 1


def _approved(w: PWorld, name: str = "红烛先锋") -> Brand:
    b = _apply(w, emblem=image_bytes("PNG"), name=name)
    bureau = w.user("bureau")
    services.step(w.user("officer"), b, "submit", as_bureau=False)
    for action in ("review", "approve"):
        services.step(bureau, b, action, as_bureau=True)
    b.refresh_from_db()
    return b


SCORES_LOW = {"score_organisation": "80", "score_connotation": "70", "score_carriers": "75",
              "score_outcomes": "80", "score_demonstration": "60"}
SCORES_HIGH = {"score_organisation": "95", "score_connotation": "90", "score_carriers": "88",
               "score_outcomes": "92", "score_demonstration": "85", "note_outcomes": "学生志愿服务成效明显"}


def test_acceptance_is_scored_against_the_criteria_and_makes_a_brand_school(pworld: PWorld) -> None:
    officer, bureau = _client(pworld, "officer"), _client(pworld, "bureau")
    draft = _apply(pworld, name="草稿品牌")
    r = officer.post(reverse("party_brands:accept_apply", args=[draft.pk]))
    assert r.status_code == 400 and _codes(r) == ["E1277"]  # not approved
    b = _approved(pworld)
    apply_url = reverse("party_brands:accept_apply", args=[b.pk])
    score_url = reverse("party_brands:accept_score", args=[b.pk])
    today = timezone.localdate().isoformat()
    assert officer.post(apply_url).status_code == 302
    r = officer.post(apply_url)
    assert r.status_code == 400 and _codes(r) == ["E1278"]  # one open acceptance at a time
    assert officer.post(score_url, {**SCORES_HIGH, "decided_on": today}).status_code == 403
    r = bureau.post(score_url, {**SCORES_HIGH, "score_outcomes": "101", "decided_on": today})
    assert r.status_code == 400 and _codes(r) == ["E1279"]
    assert bureau.post(score_url, {**SCORES_LOW, "decided_on": today}).status_code == 302
    first = Acceptance.objects.get(brand=b)
    # (80×20 + 70×20 + 75×20 + 80×25 + 60×15) / 100 = 74.0, under the pass mark of 80
    assert first.state == "failed" and str(first.total) == "74.0" and str(first.pass_mark) == "80.0"
    assert officer.post(apply_url).status_code == 302  # after a failed acceptance the school applies again
    assert bureau.post(score_url, {**SCORES_HIGH, "decided_on": today}).status_code == 302
    second = Acceptance.objects.filter(brand=b).latest("pk")
    # (95×20 + 90×20 + 88×20 + 92×25 + 85×15) / 100 = 90.35 → 90.4
    assert second.state == "accepted" and str(second.total) == "90.4"
    page = _client(pworld, "analyst").get(reverse("party_brands:brand", args=[b.pk])).content.decode()
    assert "90.4" in page and "育人成效" in page and "学生志愿服务成效明显" in page and "74.0" in page
    schools = bureau.get(reverse("party_brands:schools", args=[pworld.base.a.code])).content.decode()
    assert pworld.wf.a1.name in schools
    # withdrawn with a reason: no longer a brand school
    r = bureau.post(reverse("party_brands:accept_withdraw", args=[b.pk]), {"reason": "", "withdrawn_on": today})
    assert r.status_code == 400
    assert bureau.post(reverse("party_brands:accept_withdraw", args=[b.pk]),
                       {"reason": "年度复核不合格", "withdrawn_on": today}).status_code == 302
    second.refresh_from_db()
    assert second.state == "withdrawn" and second.withdraw_reason == "年度复核不合格"


def test_the_overview_figures_count_brands_and_brand_schools(pworld: PWorld) -> None:
    b = _approved(pworld)
    _approved(pworld, name="向阳花开")
    acc = services.apply_acceptance(pworld.user("officer"), b)
    services.score_acceptance(pworld.user("bureau"), acc, scores={
        "organisation": 90, "connotation": 90, "carriers": 90, "outcomes": 90, "demonstration": 90})
    assert figures.district_figures in extensions._district_figures
    rf = RequestFactory()
    year = timezone.localdate().year
    req = rf.get("/")
    req.user = pworld.user("analyst")
    got = {f.key: f for f in figures.district_figures(req, pworld.base.a, year, year)}
    assert (got["party_brands"].value, got["party_brand_schools"].value,
            got["party_brands_approved_in_period"].value) == (2, 1, 2)
    assert got["party_brands"].kind == "stock" and got["party_brands_approved_in_period"].kind == "flow"
    # the figure's list shows the records behind it
    listed = _client(pworld, "analyst").get(got["party_brands_approved_in_period"].url).content.decode()
    assert "红烛先锋" in listed and "向阳花开" in listed
    # earlier years: none yet
    before = {f.key: f.value for f in figures.district_figures(req, pworld.base.a, year - 3, year - 1)}
    assert before == {"party_brands": 0, "party_brand_schools": 0, "party_brands_approved_in_period": 0}
    req.user = pworld.user("officer")  # a school's officer does not see the district's figures
    assert figures.district_figures(req, pworld.base.a, year, year) == []
    req.user = pworld.user("bureau_b")
    assert figures.district_figures(req, pworld.base.a, year, year) == []


def test_a_step_the_workflow_does_not_have_is_refused_by_the_service(pworld: PWorld) -> None:
    b = _apply(pworld, emblem=image_bytes("PNG"))
    with pytest.raises(Refused) as exc:
        services.step(pworld.user("officer"), b, "review", as_bureau=False)
    assert exc.value.problem["code"] == "E1271"
    with pytest.raises(Refused) as exc:
        services.step(pworld.user("bureau"), b, "submit", as_bureau=True, on=dt.date(1999, 1, 1))
    assert exc.value.problem["code"] == "E1282"
    b.refresh_from_db()
    assert b.state == "draft" and not BrandStep.objects.filter(brand=b).exists()
