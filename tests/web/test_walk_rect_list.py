"""The rectification list of the sample district (186 schools, real engine, real templates) as
the testers used it (F3 findings 4, 5, 6, 8): the active filters said on screen and in print
with the filtered counts, the advice headline following the filter, placeholders that do not
look like set dates, English text without Chinese punctuation."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pytest
from django.test import Client

from tests.web import hygiene
from tests.web.world import World
from youjun.report.rectification import filter_rows
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.rectification import selectors
from youjun.web.apps.schools import services as school_services

YEAR = "2025-2026"
FULL_WIDTH = re.compile(r"[（），；：。、【】「」]")


@lru_cache(maxsize=1)
def _sample() -> dict[str, Any]:
    from youjun.sample import generate

    return generate("S", 2023)  # 永川区 (500118) 2025-2026, the demo's district


@pytest.fixture
def run(world: World) -> AssessmentRun:
    school_services.store_snapshot(None, world.a, {k: v.copy() for k, v in _sample().items()}, source="s.xlsx")
    r = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    r.refresh_from_db()
    assert r.status == AssessmentRun.Status.DONE
    return r


def _get(world: World, url: str, lang: str = "zh", role: str = "bureau") -> str:
    c = Client()
    c.force_login(world.users[role])
    c.cookies["youjun_language"] = lang
    r = c.get(url)
    assert r.status_code == 200
    return r.content.decode()


def _advice_town(rect: dict[str, Any]) -> tuple[str, str]:
    """A town with findings to rectify and none of the advice, and one with advice."""
    advice_towns = {r["town"] for r in rect["advice_rows"]}
    bare = next(r["town"] for r in rect["rows"] if r["town"] and r["town"] not in advice_towns)
    return bare, sorted(advice_towns)[0]


def test_filters_are_said_on_screen_and_in_print_and_the_advice_follows(world: World, run: AssessmentRun) -> None:
    rect = selectors.rectification(run)
    bare, with_advice = _advice_town(rect)
    whole = hygiene.shown_text(_get(world, f"/runs/{run.pk}/rectification/"))
    n_all = rect["counts"]["advice_sections"]
    assert f"{n_all} 个达标学段" in whole and "筛选：" not in whole

    page = _get(world, f"/runs/{run.pk}/rectification/?town={bare}&requirement=G9")
    line = page.split('data-testid="rect-active-filters"', 1)[1].split("</p>", 1)[0]
    assert "no-print" not in page.split('data-testid="rect-active-filters"', 1)[0].rsplit("<", 1)[1]
    assert f"筛选：镇街 {bare}；要件 G9" in hygiene.shown_text(line)
    rows = filter_rows(rect, town=bare, requirement="G9")
    n_findings = sum(len(r["entries"]) for r in rows)
    text = hygiene.shown_text(page)
    assert f"筛选后：{len(rows)} 所学校、{n_findings} 项" in text, text[:3000]
    # no advice in this town: the advice says so, not the district's count
    advice = text.split("不计入整改）", 1)[1]
    assert f"{n_all} 个达标学段" not in advice and "没有符合条件的" in advice

    page = hygiene.shown_text(_get(world, f"/runs/{run.pk}/rectification/?town={with_advice}"))
    tips = filter_rows(rect, town=with_advice, which="advice_rows")
    n_sections = len({(r["code"], e["level"]) for r in tips for e in r["entries"]})
    assert f"{n_sections} 个达标学段有指标低于标准" in page and f"{n_all} 个达标学段" not in page
    assert "筛选：镇街 " + with_advice in page


def test_placeholders_hint_and_english_reads_as_english(world: World, run: AssessmentRun) -> None:
    page = _get(world, f"/runs/{run.pk}/rectification/")
    deadline = re.search(r'<input[^>]*name="deadline"[^>]*>', page).group(0)
    assert 'placeholder="例：2027-06-30"' in deadline
    en = _get(world, f"/runs/{run.pk}/rectification/", lang="en")
    office = re.search(r'<input[^>]*name="office"[^>]*>', en).group(0)
    hint = re.search(r'placeholder="([^"]*)"', office).group(1)
    assert 0 < len(hint) <= 14, hint  # the box shows 14 characters: no "e.g. Equipment O"
    text = hygiene.shown_text(en.split("<main", 1)[-1])
    chinese = re.compile(r"[\u4e00-\u9fff]")
    bad = [ln for ln in text.splitlines() if FULL_WIDTH.search(ln)
           and len(chinese.findall(ln)) < len(ln.replace(" ", "")) / 3]  # English text, not a Chinese name
    assert bad == [], bad[:5]


def test_the_year_comparison_reconciles_and_reads_in_each_language(world: World) -> None:
    from tests.report.test_rectification_compare import FAILING_ON_EQUIPMENT
    from tests.report.test_walk_rect_compare import _without, years

    gone = years()[2]
    earlier = {k: v.copy() for k, v in _sample().items()}
    earlier["districts"]["school_year"] = "2024-2025"
    f = earlier["facilities"]
    f.loc[f["school_code"] == FAILING_ON_EQUIPMENT, "equipment_value_10k_yuan"] *= 1.2
    for year, tables in (("2024-2025", earlier), (YEAR, _without(_sample(), gone))):
        school_services.store_snapshot(None, world.a, tables, source=f"{year}.xlsx")
        assert assessment_services.start_run(world.users["bureau"], world.a, year).status == AssessmentRun.Status.DONE
    url = f"/d/{world.a.code}/compare/?year={YEAR}&base=2024-2025"
    page = _get(world, url, role="analyst")
    head = hygiene.shown_text(page.split('data-testid="compare-flips"', 1)[1].split("</h2>", 1)[0])
    assert "本年不再参评 1" in head and "本年新增参评 0" in head, head
    line = hygiene.shown_text(page.split('data-testid="compare-reconcile"', 1)[1].split("</p>", 1)[0])
    assert re.search(r"未达标学段 \d+ → \d+（2024-2025 → 2025-2026）："
                     r"新增未达标 \+\d+，新达标 −\d+，本年不再参评 −1", line), line
    flip = page.split(f'data-code="{FAILING_ON_EQUIPMENT}"', 1)[1].split("</tr>", 1)[0]
    assert "没有指标在达标与未达标之间变化" in flip and "生均教学仪器设备值" in flip
    en = _get(world, url, lang="en", role="analyst")
    text = hygiene.shown_text(en.split("<main", 1)[-1])
    assert "no longer assessed −1" in text
    chinese = re.compile(r"[\u4e00-\u9fff]")
    bad = [ln for ln in text.splitlines() if FULL_WIDTH.search(chinese.sub("", ln))]
    assert bad == [], bad[:5]


def test_the_filtered_workbook_says_its_filter(world: World, run: AssessmentRun) -> None:
    import io

    import openpyxl

    c = Client()
    c.force_login(world.users["analyst"])
    book = openpyxl.load_workbook(io.BytesIO(c.get(f"/runs/{run.pk}/rectification.xlsx?requirement=G9").content))
    assert "筛选：要件 G9" in book.worksheets[0].cell(2, 1).value
    whole = openpyxl.load_workbook(io.BytesIO(c.get(f"/runs/{run.pk}/rectification.xlsx").content))
    assert "筛选" not in whole.worksheets[0].cell(2, 1).value
