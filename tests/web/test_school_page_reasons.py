"""The school page (/s/<code>/) says at the top, without a click, the verdict of each section and
every reason it fails (indicator, value with unit, standard, gap in real units) and each G/Q
finding concerning the school; and where its data came from — a school whose figures came with
the bureau's district-wide import is not "未填报". Real engine result, real templates."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web.world import A, World
from youjun.web.apps.assessment import selectors as assessment_selectors
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform.models import School

YEAR = "2025-2026"


def _page(world: World, role: str, code: str, lang: str = "zh") -> str:
    c = Client()
    c.force_login(world.users[role])
    c.cookies["youjun_language"] = lang
    r = c.get(f"/s/{code}/")
    assert r.status_code == 200
    return r.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("role", ["bureau", "officer"])
def test_school_page_shows_each_reason_without_a_click(world: World, role: str) -> None:
    run = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    run.refresh_from_db()
    assert run.status == AssessmentRun.Status.DONE
    code = A + "0001"
    result = assessment_selectors.result_of(run)
    section = next(s for s in result["schools"] if s["code"] == code)
    assert section["compliant"] is False and section["findings"]
    html = _page(world, role, code)
    top = html.split('data-testid="standing"', 1)[1].split("</section>", 1)[0]
    text = _text(top)
    assert "不达标" in text or "未达标" in text
    for f in section["findings"]:  # each failing indicator: value with unit, standard, gap
        assert f["requirement"] in text
        assert f["measured"]["zh"] in text, f["measured"]["zh"]
        assert f["standard"]["zh"] in text
        if f["gap"]["zh"] != "—":
            assert f["gap"]["zh"] in text
    # the G/Q findings of this school are there too (Q3, Q6 attested as not met)
    gq = {f["requirement"] for f in result["findings"] if f["school_code"] == code
          and not f["requirement"].startswith("R")}
    assert gq and all(f'data-requirement="{r}"' in top for r in gq)
    assert "None" not in text and "{'" not in text
    # each G/Q count says what it counts ("1 项", "2 名教师", "缺 1 间功能教室"), never a bare number
    counts = re.findall(r'data-testid="standing-count">([^<]*)<', top)
    assert counts and all(not c.strip().isdigit() for c in counts), counts


def test_english_page_says_it_in_english(world: World) -> None:
    assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    text = _text(_page(world, "bureau", A + "0001", "en").split('data-testid="standing"', 1)[1]
                 .split("</section>", 1)[0])
    assert "does not comply" in text and "of 7 indicators meet their standard" in text
    assert "达标" not in text and "标准" not in text and "缺" not in text


def test_data_source_instead_of_not_submitted(world: World) -> None:
    html = _page(world, "officer", A + "0001")
    cell = html.split(f'data-testid="source-{YEAR}"', 1)[1].split("</td>", 1)[0]
    assert "区县整体导入" in cell and "未填报" not in cell
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", cell), cell
    # a registered school with no row in the year's data: that one is 未填报
    School.objects.create(code=A + "0099", name="新建小学", district=world.a, school_type="primary")
    html = _page(world, "bureau", A + "0099")
    cell = html.split(f'data-testid="source-{YEAR}"', 1)[1].split("</td>", 1)[0]
    assert "未填报" in cell and "导入" not in cell
