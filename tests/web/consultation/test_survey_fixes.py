"""The recognition survey as a bureau statistician walked it: the 2012 sampling rule on the
pages (issued, not valid, is the sample), one survey per district and year, the answer form,
the code sheet and the code page, the pre-filled remainder, respondents' words."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.world import World
from youjun.web.apps.consultation import services_survey as ss
from youjun.web.apps.consultation.models import Survey

YEAR = "2025-2026"
CSS = Path(__file__).resolve().parents[3] / "src/youjun/web/static/youjun/consultation.css"


def client_of(world: World, name: str = "bureau", lang: str = "zh-hans") -> Client:
    c = Client()
    c.force_login(world.users[name])
    c.cookies["youjun_language"] = lang
    return c


def text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def small(world: World, title: str, year: str = YEAR, valid: int = 7, parents: int = 5, issued: int = 10) -> Survey:
    """A collecting survey with a plan of ``issued`` questionnaires (for speed), ``parents`` of
    them to parents, and ``valid`` answered (parents first)."""
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=year, title=title, population=100_000)
    q = ss.add_question(None, survey, text_zh="满意吗？", text_en="Satisfied?")
    ss.open_survey(None, survey)
    Survey.objects.filter(pk=survey.pk).update(plan={**survey.plan, "sample": issued})
    codes = ss.issue_invitations(None, survey, {"parents": parents, "residents": issued - parents})
    for _g, code in codes[:valid]:
        ss.respond(ss.usable_invitation(code), {str(q.pk): "satisfied"})  # type: ignore[arg-type]
    return Survey.objects.get(pk=survey.pk)


# --- 1 and 8: the sample is the questionnaires issued ----------------------------------------

def test_the_plan_says_issue_the_sample_and_get_seventy_percent_back(world: World) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="计划", population=1_150_000)
    zh = text(client_of(world).get(reverse("consultation:survey", args=[survey.pk])))
    assert "发放问卷 1,725 份（其中家长不少于 863 份），有效回收不少于 1,208 份（70%）" in zh
    en = text(client_of(world, lang="en").get(reverse("consultation:survey", args=[survey.pk])))
    assert ("issue 1,725 questionnaires (at least 863 to parents); at least 1,208 valid returns (70%)" in en)
    assert "questionnaires valid questionnaires" not in en


def test_seventy_percent_back_is_enough_to_finalise(world: World) -> None:
    """10 issued (the plan), 5 to parents, 7 valid = 70%: final. Before, the valid returns had
    to reach the whole sample (E911 "有效问卷 7 份，少于 10 份")."""
    survey = small(world, "七成回收")
    page = text(client_of(world).get(reverse("consultation:survey_result", args=[survey.pk])))
    assert "E911" not in page and "E913" not in page and "已达到抽样方案的要求" in page
    r = client_of(world).post(reverse("consultation:survey_finalise", args=[survey.pk]), follow=True)
    survey.refresh_from_db()
    assert survey.status == "final", text(r)


def test_under_seventy_percent_back_is_refused_with_a_lead_in(world: World) -> None:
    survey = small(world, "六成回收", valid=6)
    r = text(client_of(world).post(reverse("consultation:survey_finalise", args=[survey.pk]), follow=True))
    assert "无法定稿：" in r and "E913" in r and "E911" not in r and "E912" not in r
    survey.refresh_from_db()
    assert survey.status == "open"


def test_too_few_issued_is_the_sample_shortfall(world: World) -> None:
    survey = small(world, "少发", valid=9, issued=10)
    Survey.objects.filter(pk=survey.pk).update(plan={**survey.plan, "sample": 11})
    page = text(client_of(world).get(reverse("consultation:survey_result", args=[survey.pk])))
    assert "E911" in page and "已发放问卷 10 份，少于抽样方案要求的 11 份" in page


def test_the_result_names_the_groups_with_no_returns(world: World) -> None:
    survey = small(world, "只有家长", valid=5)
    page = text(client_of(world).get(reverse("consultation:survey_result", args=[survey.pk])))
    m = re.search(r"尚无有效回收的调查对象：([^。]*)。", page)
    assert m is not None, page
    assert "社会人士" in m.group(1) and "家长" not in m.group(1) and "学生" in m.group(1)


# --- 3: one survey per district and year -----------------------------------------------------

def test_a_second_survey_for_the_year_needs_a_confirmation_and_names_the_first(world: World) -> None:
    c = client_of(world)
    form = {"district": world.a.code, "school_year": YEAR, "title": "第一份", "population": "100000"}
    assert c.post(reverse("consultation:surveys"), form).status_code == 302
    first = Survey.objects.get(title="第一份")
    second = c.post(reverse("consultation:surveys"), {**form, "title": "第二份"})
    assert second.status_code == 200 and not Survey.objects.filter(title="第二份").exists()
    html = second.content.decode()
    assert "第一份" in text(second) and f'href="{reverse("consultation:survey", args=[first.pk])}"' in html
    assert 'name="confirm_second"' in html
    ok = c.post(reverse("consultation:surveys"), {**form, "title": "第二份", "confirm_second": "on"})
    assert ok.status_code == 302
    other = Survey.objects.get(title="第二份")
    # another year is no second survey
    assert c.post(reverse("consultation:surveys"), {**form, "school_year": "2026-2027",
                                                    "title": "下一年"}).status_code == 302

    both = [text(c.get(reverse("consultation:survey", args=[s.pk]))) for s in (first, other)]
    assert all("只有先定稿的一份用于评估" in p for p in both)
    assert "第二份" in both[0] and "第一份" in both[1]


def test_after_one_is_final_both_say_which_feeds_the_assessment(world: World) -> None:
    final = small(world, "已定稿的")
    ss.finalise(None, final)
    later = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="后来的", population=100_000)
    c = client_of(world)
    mine = text(c.get(reverse("consultation:survey", args=[final.pk])))
    other = c.get(reverse("consultation:survey", args=[later.pk]))
    assert f"本调查用于 {YEAR} 学年的评估" in mine
    assert "评估使用“已定稿的”" in text(other)
    assert f'href="{reverse("consultation:survey", args=[final.pk])}"' in other.content.decode()


# --- 4, 5: the answer form and the confirmation ----------------------------------------------

def test_each_radio_sits_inside_its_label_on_one_line(world: World) -> None:
    survey = small(world, "单选", valid=0)
    code = ss.issue_invitations(None, survey, {"parents": 1})[0][1]
    html = Client().get(reverse("consultation:survey_respond", args=[code])).content.decode()
    assert re.search(r'<label[^>]*>\s*<input type="radio"[^>]*>\s*满意\s*</label>', html)
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r'\.c-survey-answers input\[type="radio"\][^{]*\{([^}]*)\}', css)
    assert rule is not None and "width: 1.25rem" in rule.group(1)  # not the 100% width of every input
    label = re.search(r"\.c-survey-answers fieldset label \{([^}]*)\}", css)
    assert label is not None and "display: flex" in label.group(1) and "min-height: 2.75rem" in label.group(1)


def test_start_collecting_asks_first(world: World) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="确认", population=100_000)
    html = client_of(world).get(reverse("consultation:survey", args=[survey.pk])).content.decode()
    m = re.search(r'<form[^>]*data-confirm="([^"]*)"[^>]*>\s*<input[^>]*>\s*<input type="hidden" name="action" '
                  r'value="open"', html)
    assert m is not None and "问卷不能再修改" in m.group(1)


# --- 6, 7: the code sheet, the code page, the remainder --------------------------------------

def test_the_xlsx_sheet_is_ready_to_print(world: World) -> None:
    survey = small(world, "邀请码表", valid=0)
    r = client_of(world).post(reverse("consultation:survey_invitations", args=[survey.pk]),
                              {"n_parents": 2, "fmt": "xlsx"})
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws.title == "邀请码"
    rows = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    assert rows[0] == ["邀请码表"]
    flat = " ".join(str(c) for row in rows for c in row)
    assert "http://testserver/consult/s/" in flat and "输入邀请码" in flat and "大小写" in flat
    head = rows.index(["调查对象", "邀请码", "答卷网址"])
    assert len(rows) == head + 3


def test_a_code_typed_in_any_case_with_spaces_opens_the_questionnaire(world: World) -> None:
    survey = small(world, "输入", valid=0)
    [(_g, code), (_g2, used)] = ss.issue_invitations(None, survey, {"parents": 2})
    anon = Client()
    assert anon.get("/consult/s/").status_code == 200
    typed = " " + code.lower().replace("-", " - ") + " "
    r = anon.get("/consult/s/", {"code": typed})
    assert r.status_code == 302 and r["Location"] == reverse("consultation:survey_respond",
                                                              args=[code.replace("-", "")])
    assert anon.get(r["Location"]).status_code == 200
    q = survey.questions.get()
    ss.respond(ss.usable_invitation(used), {str(q.pk): "satisfied"})  # type: ignore[arg-type]
    unknown = anon.get("/consult/s/", {"code": "ABCDE-FGHJK"})
    again = anon.get("/consult/s/", {"code": used})
    assert unknown.status_code == again.status_code == 404
    strip = lambda x: re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"|\?code=[^"]*|next=[^"]*', "",  # noqa: E731
                             x.content.decode())
    assert strip(unknown) == strip(again)


def test_after_issuing_the_form_offers_the_remainder(world: World) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="剩余", population=100_000)
    by_group = survey.plan["by_group"]
    ss.issue_invitations(None, survey, {"parents": 120, "teachers": by_group["teachers"] + 5})
    html = client_of(world).get(reverse("consultation:survey_invitations", args=[survey.pk])).content.decode()
    assert re.search(rf'name="n_parents"[^>]*value="{by_group["parents"] - 120}"', html)
    assert re.search(r'name="n_teachers"[^>]*value="0"', html)
    assert re.search(rf'name="n_pupils"[^>]*value="{by_group["pupils"]}"', html)


# --- 9, 10: respondents' words, the small ones -----------------------------------------------

def test_respondents_get_plain_words_and_the_unanswered_questions(world: World) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="作答", population=100_000)
    qs = [ss.add_question(None, survey, text_zh=f"第{n}题满意吗？") for n in range(1, 5)]
    ss.open_survey(None, survey)
    [(_g, code)] = ss.issue_invitations(None, survey, {"parents": 1})
    r = Client().post(reverse("consultation:survey_respond", args=[code]), {f"q{qs[1].pk}": "satisfied"})
    page = text(r)
    assert r.status_code == 200 and "请至少回答一半的题目" in page and "第 1、3、4 题还没有回答" in page
    assert "E918" not in page and "废卷" not in page and "spoilt" not in page
    staff = text(client_of(world).post(reverse("consultation:survey_paper", args=[survey.pk]),
                                       {"code": code, "group": "parents", f"q{qs[1].pk}": "satisfied"}))
    assert "E918" in staff and "废卷" in staff


def test_loading_the_defaults_twice_says_they_are_there(world: World) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="默认", population=100_000)
    c = client_of(world)
    url = reverse("consultation:survey", args=[survey.pk])
    c.post(url, {"action": "defaults"}, follow=True)
    again = text(c.post(url, {"action": "defaults"}, follow=True))
    assert "默认题目都已载入" in again and "已载入 0" not in again and "0 道" not in again


def test_paper_entry_of_a_code_answered_online_says_so(world: World) -> None:
    survey = small(world, "网上已答", valid=0)
    codes = ss.issue_invitations(None, survey, {"parents": 1})
    q = survey.questions.get()
    ss.respond(ss.usable_invitation(codes[0][1]), {str(q.pk): "satisfied"})  # type: ignore[arg-type]
    page = text(client_of(world).post(reverse("consultation:survey_paper", args=[survey.pk]),
                                      {"code": codes[0][1], "group": "parents", f"q{q.pk}": "satisfied"}))
    assert "E915" in page and "已在网上作答" in page


def test_a_question_without_english_is_marked_on_english_pages(world: World) -> None:
    survey = ss.create_survey(world.users["bureau"], world.a, school_year=YEAR, title="英文标记", population=100_000)
    ss.add_question(None, survey, text_zh="只有中文？")
    ss.add_question(None, survey, text_zh="有英文？", text_en="In English?")
    ss.open_survey(None, survey)
    [(_g, code)] = ss.issue_invitations(None, survey, {"parents": 1})
    en = client_of(world, lang="en")
    for page in (text(en.get(reverse("consultation:survey", args=[survey.pk]))),
                 text(en.get(reverse("consultation:survey_paper", args=[survey.pk])))):
        assert "只有中文？ (no English text)" in page and "In English? (no English text)" not in page
    anon = Client()
    anon.cookies["youjun_language"] = "en"
    assert "只有中文？ (no English text)" in text(anon.get(reverse("consultation:survey_respond", args=[code])))
    zh = text(client_of(world).get(reverse("consultation:survey", args=[survey.pk])))
    assert "只有中文？" in zh and "(未译)" not in zh and "no English" not in zh
