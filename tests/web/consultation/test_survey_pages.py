"""The survey's pages through the real views and templates: the bureau's plan, questionnaire,
codes, paper returns, result and finalise; the public answer page by code; who may use them."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.consultation import matrix_rules_survey
from tests.web.consultation.cworld import CWorld
from tests.web.consultation.matrix import ROLES, decide
from tests.web.consultation.test_access_matrix import consultation_routes, fill, judge, make_objects, targets
from tests.web.world import World
from youjun.web.apps.consultation import services_survey as ss
from youjun.web.apps.consultation.models import Survey, SurveyInvitation, SurveyResponse
from youjun.web.apps.platform.models import AuditEvent

YEAR = "2025-2026"


def client_of(world: World, name: str, lang: str = "zh-hans") -> Client:
    c = Client()
    c.force_login(world.users[name])
    c.cookies["youjun_language"] = lang
    return c


def text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def test_survey_routes_permission_matrix(cworld: CWorld) -> None:
    """Every survey route × every role × district A / B / code × GET and POST (the same judge
    as test_access_matrix, limited to this area's routes)."""
    objs = make_objects(cworld)
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        c = Client()
        c.force_login(cworld.users[role] if role in cworld.users else cworld.base.users[role])
        clients[role] = c
    routes = {n: r for n, r in consultation_routes().items() if n in matrix_rules_survey.RULES}
    assert set(routes) == set(matrix_rules_survey.RULES)
    problems = []
    for method in ("get", "post"):
        for name, route in sorted(routes.items()):
            rule = matrix_rules_survey.RULES[name]
            for t in targets(rule.targets, objs):
                url = fill(route, t.args)
                for role in ROLES:
                    r = clients[role].get(url) if method == "get" else clients[role].post(url, {})
                    wrong = judge(decide, role, method, getattr(rule, method), rule.get, t, r)
                    if wrong:
                        problems.append(f"{role} {method} {url}: {wrong}")
    assert not problems, "\n".join(problems)
    assert SurveyInvitation.objects.filter(used_at__isnull=False).count() == 0  # probes used no code


def same_page(a, b) -> bool:  # type: ignore[no-untyped-def]
    """The same page but for the language switch's CSRF token and its way back (the URL)."""
    def strip(r):  # type: ignore[no-untyped-def]
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", r.content.decode())
        page = re.sub(r'%2Fconsult%2Fs%2F[^"&]+', "CODE", page)  # the nav's log-in links come back to the URL
        return re.sub(r'/consult/s/[^/"]+/', "/consult/s/CODE/", page)
    return bool(strip(a) == strip(b))


def _make(world: World) -> Survey:
    c = client_of(world, "bureau")
    r = c.post(reverse("consultation:surveys"), {"district": world.a.code, "school_year": YEAR,
                                                  "title": "永川区2025学年社会认可度调查", "population": ""})
    assert r.status_code == 302
    return Survey.objects.get(title="永川区2025学年社会认可度调查")


def test_create_takes_the_population_from_the_districts_data_and_shows_the_plan(world: World) -> None:
    survey = _make(world)
    assert survey.population == 1_150_000  # the snapshot's resident_population
    assert survey.plan["sample"] == 1725 and survey.plan["by_group"]["parents"] == 863
    page = text(client_of(world, "bureau").get(reverse("consultation:survey", args=[survey.pk])))
    assert "常住人口 1,150,000 人" in page and "1,725 份" in page and "863 份" in page
    assert "1.5‰" in page and "不少于 600" in page and "40万" not in page  # numbers from the rule set, written
    assert "400,000" in page and "70%" in page and "85%" in page
    en = text(client_of(world, "bureau", "en").get(reverse("consultation:survey", args=[survey.pk])))
    assert "Sampling plan" in en and "1,725 questionnaires" in en
    assert AuditEvent.objects.filter(action="survey_create", object_id=str(survey.pk)).exists()


def test_questionnaire_builder(world: World) -> None:
    survey = _make(world)
    c = client_of(world, "bureau")
    url = reverse("consultation:survey", args=[survey.pk])
    c.post(url, {"action": "defaults"})
    n = survey.questions.count()
    assert n >= 5
    c.post(url, {"action": "add", "new-text_zh": "您对学校食堂是否满意？", "new-groups": ["parents", "pupils"]})
    added = survey.questions.get(text_zh="您对学校食堂是否满意？")
    assert added.order == n + 1 and added.groups == ["parents", "pupils"]
    c.post(url, {"action": "up", "question": added.pk})
    added.refresh_from_db()
    assert added.order == n
    c.post(url, {"action": "edit", "question": added.pk, f"q{added.pk}-text_zh": "食堂满意吗？",
                 f"q{added.pk}-text_en": "Canteen?"})
    added.refresh_from_db()
    assert (added.text_zh, added.text_en, added.groups) == ("食堂满意吗？", "Canteen?", [])
    c.post(url, {"action": "remove", "question": added.pk})
    assert list(survey.questions.values_list("order", flat=True)) == list(range(1, n + 1))
    c.post(url, {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == "open"
    r = c.post(url, {"action": "remove", "question": survey.questions.first().pk}, follow=True)  # type: ignore[union-attr]
    assert "E910" in text(r) and survey.questions.count() == n


def test_open_refused_while_a_group_has_no_question(world: World) -> None:
    survey = _make(world)
    c = client_of(world, "bureau")
    url = reverse("consultation:survey", args=[survey.pk])
    c.post(url, {"action": "add", "new-text_zh": "仅家长", "new-groups": ["parents"]})
    page = text(c.post(url, {"action": "open"}, follow=True))
    assert "E914" in page and "学生" in page
    survey.refresh_from_db()
    assert survey.status == "draft"


def _sheet_codes(response) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["调查对象", "邀请码", "答卷网址"]
    return [(r[0], r[1]) for r in rows[1:]]


def test_codes_are_shown_once_and_answer_once(world: World) -> None:
    survey = _make(world)
    c = client_of(world, "bureau")
    c.post(reverse("consultation:survey", args=[survey.pk]), {"action": "defaults"})
    c.post(reverse("consultation:survey", args=[survey.pk]), {"action": "open"})
    r = c.post(reverse("consultation:survey_invitations", args=[survey.pk]),
               {"n_parents": 2, "n_teachers": 1, "fmt": "csv"})
    assert r["Content-Disposition"].endswith('.csv"')
    codes = _sheet_codes(r)
    assert [g for g, _ in codes] == ["家长", "家长", "教师"]
    stored = set(SurveyInvitation.objects.values_list("code_hash", flat=True))
    assert all(code not in h for _, code in codes for h in stored)  # only fingerprints kept
    assert {ss.code_hash(code) for _, code in codes} == stored

    x = c.post(reverse("consultation:survey_invitations", args=[survey.pk]), {"n_residents": 1, "fmt": "xlsx"})
    ws = load_workbook(io.BytesIO(x.content)).active
    rows = [[v for v in row if v is not None] for row in ws.iter_rows(values_only=True)]
    head = rows.index(["调查对象", "邀请码", "答卷网址"])
    assert ws.title == "邀请码" and rows[0] == [survey.title] and len(rows) == head + 2

    anon = Client()
    parent_code = codes[0][1]
    url = reverse("consultation:survey_respond", args=[parent_code])
    form = anon.get(url)
    assert form.status_code == 200
    page = text(form)
    assert "孩子所在学校" in page and "您对学校的课堂教学" not in page  # parents' questions, not pupils'
    qs = ss.questions_for(survey, "parents")
    short = anon.post(url, {f"q{qs[0].pk}": "satisfied"})
    assert short.status_code == 200 and "请至少回答一半的题目" in text(short) and "E918" not in text(short)
    answers = {f"q{q.pk}": "satisfied" for q in qs}
    done = anon.post(url, answers)
    assert "已收到" in text(done)
    again = anon.get(url)
    unknown = anon.get(reverse("consultation:survey_respond", args=["ABCDE-FGHJK"]))
    assert again.status_code == unknown.status_code == 404
    assert same_page(again, unknown) and "不能使用" in text(again)
    assert anon.post(url, answers).status_code == 404
    assert SurveyResponse.objects.filter(survey=survey, channel="web").count() == 1

    # paper: the printed code, its group checked, one return per code
    paper = reverse("consultation:survey_paper", args=[survey.pk])
    teacher_code = codes[2][1]
    tq = ss.questions_for(survey, "teachers")
    wrong = c.post(paper, {"code": teacher_code, "group": "parents", **{f"q{q.pk}": "neutral" for q in tq}})
    assert "E916" in text(wrong)
    used = c.post(paper, {"code": parent_code, "group": "parents", **answers})
    assert "E915" in text(used)
    ok = c.post(paper, {"code": teacher_code.lower().replace("-", ""), "group": "teachers",
                        **{f"q{q.pk}": "neutral" for q in tq}}, follow=True)
    assert "答卷已录入" in text(ok)
    assert SurveyResponse.objects.filter(survey=survey, channel="paper", group="teachers").count() == 1


def test_result_names_every_shortfall_and_finalise_is_refused(world: World) -> None:
    survey = _make(world)
    c = client_of(world, "bureau")
    c.post(reverse("consultation:survey", args=[survey.pk]), {"action": "add", "new-text_zh": "满意吗？"})
    c.post(reverse("consultation:survey", args=[survey.pk]), {"action": "open"})
    codes = ss.issue_invitations(None, survey, {"parents": 3, "teachers": 2})
    q = survey.questions.get()
    for n, (_g, code) in enumerate(codes[:4]):
        ss.respond(ss.usable_invitation(code), {str(q.pk): "satisfied" if n < 3 else "neutral"})  # type: ignore[arg-type]
    page = text(c.get(reverse("consultation:survey_result", args=[survey.pk])))
    assert "75.0%" in page  # 3 of 4 answers recognise
    assert "80.0%" in page  # 4 valid of 5 codes
    assert "E911" in page and "E912" not in page and "E913" not in page  # 5 issued < 1,725; parents 3 of 5
    assert "满意、比较满意" in page  # how an answer counts, in words
    refused = text(c.post(reverse("consultation:survey_finalise", args=[survey.pk]), follow=True))
    assert "E911" in refused
    survey.refresh_from_db()
    assert survey.status == "open" and not survey.result
    en = text(client_of(world, "bureau", "en").get(reverse("consultation:survey_result", args=[survey.pk])))
    assert "Recognition rate" in en and "Fairly satisfied" in en


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_finalise_through_the_page(world: World, lang: str) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="小样本", population=100_000)
    q = ss.add_question(None, survey, text_zh="满意吗？")
    ss.open_survey(None, survey)
    Survey.objects.filter(pk=survey.pk).update(plan={**survey.plan, "sample": 4})  # a small plan, for speed
    codes = ss.issue_invitations(None, survey, {"parents": 2, "residents": 2})
    for _g, code in codes:
        ss.respond(ss.usable_invitation(code), {str(q.pk): "satisfied"})  # type: ignore[arg-type]
    c = client_of(world, "bureau", lang)
    r = c.post(reverse("consultation:survey_finalise", args=[survey.pk]), follow=True)
    survey.refresh_from_db()
    assert survey.status == "final" and survey.result["overall"]["rate"] == 100.0
    assert ("100.0%" in text(r)) and (("已定稿" in text(r)) if lang == "zh-hans" else ("Final" in text(r)))
    assert AuditEvent.objects.filter(action="survey_finalise", object_id=str(survey.pk)).exists()
    again = text(c.post(reverse("consultation:survey_paper", args=[survey.pk]), {"code": "X", "group": "parents"}))
    assert "E917" in again


def test_survey_pages_read_clean_in_both_languages(world: World) -> None:
    """Every survey page, with a survey in every state, shows no identifier, no None, no
    English on a Chinese page nor Chinese on an English one (but the data's own names)."""
    from tests.web import hygiene

    bureau = world.users["bureau"]
    draft = ss.create_survey(bureau, world.a, school_year=YEAR, title="草稿调查", population=100_000)
    ss.add_question(bureau, draft, text_zh="满意吗？", text_en="Satisfied?", groups=["parents"])
    live = ss.create_survey(bureau, world.a, school_year=YEAR, title="收集中调查", population=100_000)
    ss.load_default_questions(bureau, live)
    ss.open_survey(bureau, live)
    [(_g, code)] = ss.issue_invitations(bureau, live, {"parents": 1})
    small = ss.create_survey(bureau, world.a, school_year=YEAR, title="定稿调查", population=100_000)
    q = ss.add_question(bureau, small, text_zh="满意吗？", text_en="Satisfied?")
    ss.open_survey(bureau, small)
    Survey.objects.filter(pk=small.pk).update(plan={**small.plan, "sample": 2})
    for _g2, c2 in ss.issue_invitations(bureau, small, {"parents": 1, "residents": 1}):
        ss.respond(ss.usable_invitation(c2), {str(q.pk): "satisfied"})  # type: ignore[arg-type]
    ss.finalise(bureau, Survey.objects.get(pk=small.pk))
    names = {"渝事好商量", "永川区", "涪陵区", "草稿调查", "收集中调查", "定稿调查", "满意吗？", "2025-2026",
             "教督〔2017〕6号", "教督〔2012〕3号", "bureau"}
    names |= set(live.questions.values_list("text_zh", flat=True))
    pages = ["/consult/surveys/"]
    for s in (draft, live, small):
        pages += [reverse(n, args=[s.pk]) for n in ("consultation:survey", "consultation:survey_invitations",
                                                    "consultation:survey_paper", "consultation:survey_result")]
    public = [reverse("consultation:survey_enter"), reverse("consultation:survey_respond", args=[code]),
              reverse("consultation:survey_respond", args=["NOPE1-NOPE2"])]
    for lang in ("zh-hans", "en"):
        c = client_of(world, "bureau", lang)
        anon = Client()
        anon.cookies["youjun_language"] = lang
        for client, urls in ((c, pages), (anon, public)):
            for url in urls:
                r = client.get(url)
                assert r.status_code in (200, 404), (lang, url, r.status_code)
                found = hygiene.problems(hygiene.shown_text(r.content.decode()), lang[:2], names)
                assert found == [], (lang, url, found)
