"""What the dashboard says, read as a bureau director reads it: the real engine result of
sample S through the real templates. Vetoes in grammatical sentences that cannot be read as
"0 of 5 passed", every count with its noun, sections counted as 学段, the rule set and the data
fingerprint in words, chart axes in words with units."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from django.test import Client

from tests.web.sample_runs import make_run, s_result, visible_text
from tests.web.world import World
from youjun.web.apps.assessment import dashboard
from youjun.web.apps.assessment.models import AssessmentRun


@pytest.fixture
def run(world: World) -> AssessmentRun:
    return make_run(world, s_result())


def get(world: World, run: AssessmentRun, lang: str = "zh") -> str:
    c = Client()
    c.force_login(world.users["bureau"])
    if lang == "en":
        c.cookies["youjun_language"] = "en"
    response = c.get(f"/runs/{run.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def json_block(html: str, element_id: str) -> Any:
    m = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert m is not None, element_id
    return json.loads(m.group(1))


def test_vetoes_are_sentences_not_a_score(world: World, run: AssessmentRun) -> None:
    text = visible_text(get(world, run))
    assert all(v["applies"] is False for v in s_result()["vetoes"])
    assert len(s_result()["vetoes"]) == 6  # 教督〔2017〕6号's six cases
    assert "一票否决项 6 项均未发生" in text  # the summary's heading cell, then its figure
    assert "0/6" not in text and "适用的一票否决项" not in text
    assert "不存在以考试方式招生的情况" in text and "不存在违规择校的情况" in text
    assert "不存在 无" not in text and "不存在无" not in text
    english = visible_text(get(world, run, "en"))
    assert "Veto cases none of the 6 veto cases occurred" in english
    assert "Admission by examination: does not occur" in english


def test_a_veto_that_occurs_is_named(world: World) -> None:
    result = copy.deepcopy(s_result())
    result["vetoes"][0]["applies"] = True
    result["vetoes"][1]["applies"] = None
    text = visible_text(get(world, make_run(world, result)))
    assert "一票否决项 发生 1 项：以考试方式招生" in text
    assert "存在以考试方式招生的情况（一票否决）" in text
    assert "违规择校：缺少佐证材料" in text


def test_every_count_has_its_noun(world: World, run: AssessmentRun) -> None:
    html = get(world, run)
    badges = re.findall(r'data-testid="count-[A-Z0-9]+">([^<]*)<', html)
    assert badges
    for b in badges:
        assert re.search(r"\d+ (所学校|个学段|个班|名教师|间功能教室|项问题)|标准.*差 ", b), b
        assert not re.search(r"\d+ 项$", b.strip()), b
    # sample S's district-level items (G7, G8, G13, G14) pass, and its G12 now names its uncertified
    # teachers beside the rate: the rate alone stands for an item judged on the district only
    result = s_result()
    result["verdict"]["findings"] = [f for f in result["verdict"]["findings"]
                                     if f.get("key") != "g12.teacher_uncertified"]
    view = dashboard.build_dashboard(result, "zh")
    district_only = [g for g in view["verdict"]["groups"] if not g["schools"]]
    assert district_only, "a district-level G/Q finding"
    # one district finding says its figure (test_walk_run_pages), more are counted
    assert all(g["count"].endswith("项问题") or "标准" in g["count"] for g in district_only)


def test_sections_are_counted_as_sections(world: World, run: AssessmentRun) -> None:
    counts = s_result()["verdict"]["counts"]
    text = visible_text(get(world, run))
    # 达标学校学段 (walk 23): school sections, never bare 达标学校 nor 达标学段
    assert f"达标学校学段 {counts['schools_compliant']}/{counts['schools']}" in text
    assert not re.search("达标学校(?!学段)", text) and "达标学段" not in text
    english = visible_text(get(world, run, "en"))
    assert f"School sections meeting the standard {counts['schools_compliant']}/{counts['schools']}" in english


def test_rule_set_and_data_fingerprint_in_words(world: World, run: AssessmentRun) -> None:
    html = get(world, run)
    text = visible_text(re.sub(r'<details class="[^"]*" data-testid="tech-info">.*?</details>', " ", html, flags=re.S))
    assert "国家2017年优质均衡标准（规则版本 2026年12月1日）" in text
    assert "cn-2017" not in text and "2026-12-01" not in text
    tech = html.split('data-testid="tech-info"', 1)[1].split("</details>", 1)[0]
    assert "技术信息" in tech and "数据指纹" in tech
    head = html.split('data-testid="tech-info"', 1)[0].rsplit("<h1>", 1)[1]
    assert s_result()["run"]["data_hash"][:12] not in head  # the hash only inside the details
    english = visible_text(get(world, run, "en"))
    assert "National 2017 quality-balance standard (rules of 1 December 2026)" in english


def test_chart_axes_are_words_with_units(world: World, run: AssessmentRun) -> None:
    earlier = make_run(world, copy.deepcopy(s_result()), "2024-2025")
    assert earlier.pk
    html = get(world, run)
    cv = json_block(html, "cv-primary")
    assert cv["labels"]["axis"] == "差异系数" and "CV" not in json.dumps(cv["labels"], ensure_ascii=False)
    labels = json_block(html, "trend-labels")
    assert labels["axis"] == "差异系数" and labels["years"] == "学年"
    assert labels["limit"] == "限值"
    trend = json_block(html, "trend-primary")
    assert trend["series"] and all(s["name"] for s in trend["series"])
    text = visible_text(html)
    assert "差异系数" in text and ">CV<" not in html

