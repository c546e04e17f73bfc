"""Growth stages through the real pages: a teacher applies with evidence, the panel decides by
majority and the stage changes; what is missing is said in words from the real records; the
bureau's own ladder is validated; the refusals carry their codes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.platform import audit  # noqa: F401  (the writes below are audited)
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.workforce.growth import selectors, services
from youjun.web.apps.workforce.growth.models import Application, TeacherStage
from youjun.web.apps.workforce.models import Honour, Teacher

PANEL = ("officer2", "analyst", "inspector")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def _pdf(name: str = "a.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def gw(wfworld: WFWorld) -> WFWorld:
    services.set_panel(wfworld.user("bureau"), wfworld.base.a, PANEL)
    # t1 has taught 4 years and won a school second prize: 合格 lacks only open lessons
    Teacher.objects.filter(pk=wfworld.teachers["t1"].pk).update(started_teaching=timezone.localdate().year - 4)
    Honour.objects.create(teacher=wfworld.teachers["t1"], kind=Honour.Kind.CONTEST, name="校赛课", level="school",
                          prize="二等奖", awarded_on=dt.date(2024, 5, 1))
    wfworld.teachers["t1"].refresh_from_db()
    return wfworld


def test_a_teacher_applies_with_evidence_and_two_of_three_approve(gw: WFWorld) -> None:
    t1 = gw.teachers["t1"]
    me = _client(gw, "teacher")
    page = me.get(reverse("workforce_growth:teacher", args=[t1.pk])).content.decode()
    assert "距合格还差：公开课 2 次" in page and 'data-testid="current-stage">入格<' in page
    r = me.post(reverse("workforce_growth:apply", args=[t1.pk]), {
        "statement": "申请合格", "kind_0": "lessons", "title_0": "校级公开课《分数》", "day_0": "2025-10-09",
        "file_0": _pdf("one.pdf"), "kind_1": "lessons", "title_1": "区级公开课《小数》", "day_1": "2025-11-12",
        "file_1": _pdf("two.pdf")})
    assert r.status_code == 302, r.content.decode()[:2000]
    app = Application.objects.get(teacher=t1)
    assert sorted(app.panel.values_list("username", flat=True)) == sorted(PANEL)
    # the panel sees the items with the claimed items counted: nothing missing any more
    page = _client(gw, "analyst").get(reverse("workforce_growth:application", args=[app.pk])).content.decode()
    assert "已达到合格的条件" in page and "one.pdf" in page and "周秘密" not in page
    ev = app.items.first()
    assert _client(gw, "officer2").get(reverse("workforce_growth:evidence", args=[app.pk, ev.pk])).content == PDF
    # the items are not counted before the review
    assert selectors.facts(t1).lessons == 0
    for n, role in enumerate(("analyst", "officer2")):
        r = _client(gw, role).post(reverse("workforce_growth:application", args=[app.pk]), {"agree": "yes"})
        assert r.status_code == 302
        app.refresh_from_db()
        assert app.state == ("pending" if n == 0 else "approved")
    stage = TeacherStage.objects.get(teacher=t1)
    assert (stage.stage, stage.application_id, stage.since) == ("qualified", app.pk, timezone.localdate())
    assert selectors.facts(t1).lessons == 2
    page = me.get(reverse("workforce_growth:teacher", args=[t1.pk])).content.decode()
    assert 'data-testid="current-stage">合格<' in page and "距升格还差：" in page
    # the third member comes too late
    r = _client(gw, "inspector").post(reverse("workforce_growth:application", args=[app.pk]), {"agree": "yes"})
    assert r.status_code == 400 and 'data-code="E1211"' in r.content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"workforce_growth_apply", "workforce_growth_decide", "workforce_growth_promote",
            "workforce_evidence_add"} <= actions


def test_two_disagreeing_refuse_and_a_refusal_needs_a_reason(gw: WFWorld) -> None:
    t1 = gw.teachers["t1"]
    app = services.apply(gw.user("teacher"), t1, "qualified", [])
    r = _client(gw, "analyst").post(reverse("workforce_growth:application", args=[app.pk]), {"agree": "no"})
    assert r.status_code == 400 and 'data-code="E1212"' in r.content.decode()
    for role in ("analyst", "inspector"):
        services.decide(gw.user(role), app, agree=False, reason="缺少公开课证明")
    app.refresh_from_db()
    assert app.state == "refused" and not TeacherStage.objects.filter(teacher=t1).exists()


def test_applications_are_refused_with_their_codes(gw: WFWorld) -> None:
    t1, ta2 = gw.teachers["t1"], gw.teachers["ta2"]
    with pytest.raises(services.Refused) as exc:
        services.apply(gw.user("teacher"), t1, "advancing", [])
    assert exc.value.problem["code"] == "E1206"
    with pytest.raises(services.Refused) as exc:
        services.apply(gw.user("teacher"), t1, "qualified", [services.ItemClaim("lessons", "课", dt.date(2025, 9, 1),
                                                                               None)])
    assert exc.value.problem["code"] == "E1208"
    app = services.apply(gw.user("teacher"), t1, "qualified", [])
    with pytest.raises(services.Refused) as exc:
        services.apply(gw.user("officer"), t1, "qualified", [])
    assert exc.value.problem["code"] == "E1207"
    # a panel member applying leaves the others: a panel of 2, below the 3 the ladder asks
    with pytest.raises(services.Refused) as exc:
        services.apply(gw.user("officer2"), ta2, "qualified", [])
    assert exc.value.problem["code"] == "E1209"
    # the applicant cannot review their own application
    services.set_panel(gw.user("bureau"), gw.base.a, [*PANEL, "officer"])
    app2 = services.apply(gw.user("officer"), gw.teachers["t2"], "qualified", [])
    assert "officer" not in app2.panel.values_list("username", flat=True)
    with pytest.raises(services.Refused) as exc:
        services.decide(gw.user("teacher"), app, agree=True)
    assert exc.value.problem["code"] == "E1210"
    r = _client(gw, "bureau").post(reverse("workforce_growth:panel", args=[gw.base.a.code]),
                                   {"usernames": ["analyst", "ghost"]})
    assert r.status_code == 400 and "ghost" in r.content.decode()  # not one of the choices: nothing saved
    with pytest.raises(services.Refused) as exc:
        services.set_panel(gw.user("bureau"), gw.base.a, ["analyst", "ghost"])
    assert exc.value.problem["code"] == "E1213"


def test_the_panel_is_chosen_and_shown_by_name(gw: WFWorld) -> None:
    """The bureau picks the panel from a list of names (staff, data officers, teachers with an
    account), never by typing login names, and every page names the reviewers."""
    url = reverse("workforce_growth:panel", args=[gw.base.a.code])
    bureau = _client(gw, "bureau")
    page = bureau.get(url).content.decode()
    assert "周秘密（" in page and 'value="teacher"' in page  # a teacher with an account, by name and school
    assert 'value="officer2"' in page
    assert 'value="bureau_b"' not in page  # another district's staff is not offered
    r = bureau.post(url, {"usernames": ["teacher", "officer2", "analyst"]})
    assert r.status_code == 302
    page = bureau.get(url).content.decode()
    listed = page.split('data-testid="panel-members"')[1].split("</ul>")[0]
    assert "周秘密（" in listed and "<li>teacher</li>" not in listed


def test_the_bureau_sets_its_own_ladder_validated(gw: WFWorld) -> None:
    url = reverse("workforce_growth:ladder", args=[gw.base.a.code])
    bureau = _client(gw, "bureau")
    form = bureau.get(url).context["form"]
    text = form.initial["data"]
    bad = text.replace("min: 8", "min: 2", 1)  # 升格's years below 合格's 3
    r = bureau.post(url, {"data": bad})
    assert r.status_code == 400 and 'data-code="E1204"' in r.content.decode()
    r = bureau.post(url, {"data": "stages: [oops"})
    assert r.status_code == 400 and 'data-code="E1200"' in r.content.decode()
    assert _client(gw, "analyst").post(url, {"data": text}).status_code == 403
    easier = text.replace("min: 3\n", "min: 1\n", 1)  # 合格 after 1 year
    assert bureau.post(url, {"data": easier}).status_code == 302
    ladder = selectors.ladder_for(gw.base.a)
    assert ladder.stages[1].criteria[0].min == 1
    assert selectors.ladder_for(gw.base.b).stages[1].criteria[0].min == 3  # B keeps the default
    assert bureau.post(url, {"default": "1"}).status_code == 302
    assert selectors.ladder_for(gw.base.a).stages[1].criteria[0].min == 3


def test_stage_counts_and_the_district_page(gw: WFWorld) -> None:
    a = gw.base.a
    t1, t2 = gw.teachers["t1"], gw.teachers["t2"]
    services.record_stage(gw.user("bureau"), t1, "advancing", since=dt.date(2024, 9, 1))
    services.record_stage(gw.user("bureau"), t2, "style", since=dt.date(2020, 9, 1))
    total = Teacher.objects.filter(district=a, active=True).count()
    counts = selectors.stage_counts(a)
    assert [c["label"] for c in counts] == ["入格", "合格", "升格", "风格"]
    assert [c["teachers"] for c in counts] == [total - 2, 0, 1, 1]
    assert [c["teachers"] for c in selectors.stage_counts(a, gw.a2)] == [
        Teacher.objects.filter(school=gw.a2, active=True).count(), 0, 0, 0]
    page = _client(gw, "analyst").get(reverse("workforce_growth:district", args=[a.code]) + "?stage=advancing")
    body = page.content.decode()
    assert page.status_code == 200 and "本地规则" in body and t1.staff_id in body and t2.staff_id not in body
    assert "周秘密" not in body and "周*" in body


def test_facts_come_from_the_career_record(gw: WFWorld) -> None:
    t1 = gw.teachers["t1"]
    Honour.objects.create(teacher=t1, kind=Honour.Kind.CONTEST, name="市赛课", level="city", prize="一等奖",
                          awarded_on=dt.date(2025, 5, 1))
    Honour.objects.create(teacher=t1, kind=Honour.Kind.HONOUR, name="优秀教师", level="national",
                          awarded_on=dt.date(2025, 5, 1))
    f = selectors.facts(t1)
    assert f.years == 4 and sorted(f.contests) == [("city", "first"), ("school", "second")]


def test_the_district_page_and_the_teacher_record_link_here(gw: WFWorld) -> None:
    a = gw.base.a
    body = _client(gw, "analyst").get(reverse("schools:district", args=[a.code])).content.decode()
    assert 'data-testid="growth-panel"' in body and reverse("workforce_growth:district", args=[a.code]) in body
    from youjun.web.apps.workforce import links

    class Req:
        user = gw.user("teacher")

    found = [x for x in links.teacher_links(Req(), gw.teachers["t1"]) if "growth" in x.url]
    assert [x.note for x in found] == ["入格 · 距合格还差：公开课 2 次"]
    Req.user = gw.user("teacher2")
    assert not [x for x in links.teacher_links(Req(), gw.teachers["t1"]) if "growth" in x.url]
