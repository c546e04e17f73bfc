"""The school evaluation through its pages: the bureau edits the district's tree (audited, a
version per year, fixed once a school submits), the school officer self-evaluates with evidence
and submits, the bureau reviews, returns and finalises; who may do what; the panel on the school
page shows the real result; the overview and its XLSX export."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.test import Client

from tests.web.world import A, B, World
from youjun.core import schooleval as se
from youjun.web.apps.platform.models import AuditEvent, School
from youjun.web.apps.schooleval import services
from youjun.web.apps.schooleval.models import Evaluation, TreeVersion

YEAR = services.current_year()  # a past year's tree no longer changes
SCHOOL = A + "0001"


def client(world: World, role: str) -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def _all_levels(level: str, prefix: str = "level") -> dict[str, str]:
    return {f"{prefix}_{c['code']}": level for c in se.considerations(se.seed_tree())}


def test_the_tree_page_shows_the_guide_and_the_bureau_edits_it_with_history(world: World) -> None:
    bureau = client(world, "bureau")
    page = bureau.get(f"/school-eval/d/{A}/tree/?year={YEAR}").content.decode()
    assert "办学方向" in page and "学生发展" in page and "不给学校下达升学指标" in page
    assert "本地规则" in page or "local rule" in page
    assert not TreeVersion.objects.exists()  # reading does not store a copy
    r = bureau.post(f"/school-eval/d/{A}/tree/", {"year": YEAR, "op": "add", "indicator": "B3",
                                                 "zh": "课后服务覆盖情况", "evaluators": ["self", "parent_survey"],
                                                 "methods": ["survey"], "evidence": "课后服务安排表"})
    assert r.status_code == 302
    version = TreeVersion.objects.get(district=world.a, school_year=YEAR)
    added = [c for c in se.considerations(version.tree) if c["zh"] == "课后服务覆盖情况"]
    assert added and added[0]["code"] == "B3.3" and added[0]["source"] == "local"
    assert AuditEvent.objects.filter(action="schooleval_tree_edit", district=world.a).count() == 1
    page = bureau.get(f"/school-eval/d/{A}/tree/?year={YEAR}").content.decode()
    assert "课后服务覆盖情况" in page
    # weights that do not add up: refused with the catalogued words, nothing stored
    weights = {f"w_{a['code']}": "25" for a in version.tree["areas"]}
    r = bureau.post(f"/school-eval/d/{A}/tree/", {"year": YEAR, "op": "weights", **weights}, follow=True)
    assert "E1132" in r.content.decode() and "125" in r.content.decode()
    assert not se.uses_weights(TreeVersion.objects.get(pk=version.pk).tree)


def test_read_only_roles_and_other_districts_cannot_edit_the_tree(world: World) -> None:
    data = {"year": YEAR, "op": "retire", "code": "B1.1"}
    assert client(world, "analyst").post(f"/school-eval/d/{A}/tree/", data).status_code == 403
    assert client(world, "bureau_b").post(f"/school-eval/d/{A}/tree/", data).status_code == 404
    assert client(world, "officer").get(f"/school-eval/d/{A}/tree/").status_code == 404
    assert not TreeVersion.objects.exists()


def _pdf() -> io.BytesIO:
    f = io.BytesIO(b"%PDF-1.4\n% evidence\n")
    f.name = "党组织会议记录.pdf"
    return f


def test_self_evaluation_review_and_finalise(world: World) -> None:
    officer, bureau = client(world, "officer"), client(world, "bureau")
    url = f"/school-eval/s/{SCHOOL}/{YEAR}/"
    assert officer.get(url).status_code == 200
    # evidence: a file whose content is not its extension is refused; a real PDF is kept
    fake = io.BytesIO(b"MZ not a pdf")
    fake.name = "x.pdf"
    r = officer.post(url, {"op": "upload", "code": "B1.1", "file": fake}, follow=True)
    assert "E1142" in r.content.decode()
    officer.post(url, {"op": "upload", "code": "B1.1", "file": _pdf()})
    ev = Evaluation.objects.get(school__code=SCHOOL, school_year=YEAR)
    assert ev.evidence.count() == 1
    # submitting with considerations unjudged is refused
    r = officer.post(url, {"op": "submit", "confirmed": "1", "level_B1.1": "good"}, follow=True)
    assert "E1140" in r.content.decode()
    ev.refresh_from_db()
    assert ev.state == "draft"
    # the officer cannot review
    assert officer.post(f"{url}review/", {"op": "finalise"}).status_code == 403
    officer.post(url, {"op": "submit", "confirmed": "1", **_all_levels("good"), "note_B1.1": "每月召开党组织会议"})
    ev.refresh_from_db()
    assert ev.state == "submitted" and ev.submitted_at is not None
    # submitted: the school can no longer change it, and the year's tree is fixed
    r = officer.post(url, {"op": "save", "level_B1.1": "excellent"}, follow=True)
    assert "E1137" in r.content.decode()
    r = bureau.post(f"/school-eval/d/{A}/tree/", {"year": YEAR, "op": "retire", "code": "B1.2"}, follow=True)
    assert "E1136" in r.content.decode()
    # the bureau returns it only with a reason
    r = bureau.post(f"{url}review/", {"op": "return"}, follow=True)
    assert "E1141" in r.content.decode()
    bureau.post(f"{url}review/", {"op": "return", "comment": "请补充B4.2的作业管理制度"})
    ev.refresh_from_db()
    assert ev.state == "returned"
    officer.post(url, {"op": "submit", "confirmed": "1", **_all_levels("good")})
    ev.refresh_from_db()
    assert ev.state == "submitted"
    # the bureau judges every consideration and finalises
    review = {**_all_levels("excellent", "rlevel"), "rlevel_B2.1": "pass", "rlevel_B2.2": "pass"}
    bureau.post(f"{url}review/", {"op": "finalise", "confirmed": "1", **review})
    ev.refresh_from_db()
    assert ev.state == "final" and ev.finalised_at is not None
    # finalised is locked for everyone
    r = bureau.post(f"{url}review/", {"op": "save", "rlevel_B1.1": "pass"}, follow=True)
    assert "E1137" in r.content.decode()
    assert ev.judgements.get(code="B1.1").review_level == "excellent"
    r = officer.post(url, {"op": "upload", "code": "B1.1", "file": _pdf()}, follow=True)
    assert "E1137" in r.content.decode()
    actions = set(AuditEvent.objects.filter(school__code=SCHOOL).values_list("action", flat=True))
    assert {"schooleval_start", "schooleval_self_save", "schooleval_submit", "schooleval_return",
            "schooleval_review_save", "schooleval_finalise", "schooleval_evidence_add"} <= actions
    # the panel on the school page: the bureau's judgement per area, as rolled up by the rules
    page = officer.get(_school_page(SCHOOL)).content.decode()
    assert 'data-testid="schooleval-school-panel"' in page
    rolled = se.roll_up(ev.tree.tree, {j.code: j.review_level for j in ev.judgements.all()})
    assert rolled["A1"].level == "good" and rolled["A2"].level == "excellent"
    panel = page.split('data-testid="schooleval-school-panel"')[1].split("</section>")[0]
    assert "已确定结果" in panel and YEAR in panel
    levels = dict(re.findall(r'<tr data-code="(A\d)">.*?data-testid="se-panel-level">([^<]*)</td>', panel))
    assert levels == {"A1": "良好", "A2": "优秀", "A3": "优秀", "A4": "优秀", "A5": "优秀"}
    # the evidence file downloads for the school and the district, not for another district
    f = ev.evidence.first()
    assert f is not None
    assert officer.get(f"{url}evidence/{f.pk}/").content.startswith(b"%PDF")
    assert client(world, "bureau_b").get(f"{url}evidence/{f.pk}/").status_code == 404


def _school_page(code: str) -> str:
    from django.urls import reverse

    return reverse("schools:school", args=[code])


def test_the_bureau_of_another_district_cannot_self_evaluate_or_review(world: World) -> None:
    other = client(world, "bureau_b")
    url = f"/school-eval/s/{SCHOOL}/{YEAR}/"
    assert other.get(url).status_code == 404
    assert other.post(url, {"op": "save", **_all_levels("good")}).status_code == 404
    assert other.post(f"{url}review/", {"op": "finalise"}).status_code == 404
    assert client(world, "analyst").post(url, {"op": "save"}).status_code == 403
    assert not Evaluation.objects.exists()
    # and the service refuses it even when called directly
    with pytest.raises(services.StepRefused) as e:
        services.start(world.users["bureau_b"], School.objects.get(code=SCHOOL), YEAR)
    assert e.value.problem["code"] == "E1138"


def test_overview_and_xlsx(world: World) -> None:
    officer = world.users["officer"]
    school = School.objects.get(code=SCHOOL)
    ev = services.start(officer, school, YEAR)
    services.save_self(officer, ev, {c["code"]: ("good", "") for c in se.considerations(ev.tree.tree)})
    services.submit(officer, ev)
    analyst = client(world, "analyst")
    page = analyst.get(f"/school-eval/d/{A}/{YEAR}/?sort=state").content.decode()
    assert "已提交待复核" in page and school.name in page
    r = analyst.get(f"/school-eval/d/{A}/{YEAR}/xlsx/")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    row = next(x for x in rows if x[0] == SCHOOL)
    assert row[2] == "已提交待复核" and row[3] == "良好"
    assert ws.cell(row=2, column=1).data_type == "s"  # the school code stays text
    assert client(world, "bureau_b").get(f"/school-eval/d/{A}/{YEAR}/").status_code == 404
    assert client(world, "bureau_b").get(f"/school-eval/d/{B}/{YEAR}/").status_code == 200


def test_the_demo_seeds_evaluations_in_different_states(world: World) -> None:
    from youjun.web.apps.schooleval import demo

    out = demo.seed(world.a, YEAR)
    states = sorted(e.state for e in out["evaluations"])
    assert len(states) >= 2 and len(set(states)) == len(states)
    assert demo.seed(world.a, YEAR)["evaluations"][0].pk == out["evaluations"][0].pk  # idempotent
