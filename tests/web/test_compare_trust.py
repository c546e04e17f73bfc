"""The year comparison pages a statistician can trust: a code naming another school is flagged,
years with different school lists are warned about, sections are called sections, G and Q are
counted as the dashboard counts them, and every change is the difference of the values shown.
The real engine's results of the tiny district through the real templates."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from django.test import Client

from tests.web.world import A, World, district_tables
from youjun.core.labels import INDICATOR_LABELS
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.schools import services as school_services

OWN = A + "0001"
BASE, YEAR = "2024-2025", "2025-2026"


def recode(tables: dict[str, pd.DataFrame], mapping: dict[str, str]) -> dict[str, pd.DataFrame]:
    out = {k: v.copy() for k, v in tables.items()}
    for frame in out.values():
        for col in ("school_code", "central_school_code", "rotated_from_school_code"):
            if col in frame.columns:
                frame[col] = frame[col].map(lambda v: mapping.get(v, v) if isinstance(v, str) else v)
    return out


def two_years(world: World, earlier: dict[str, pd.DataFrame]) -> tuple[AssessmentRun, Client]:
    now = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    school_services.store_snapshot(None, world.a, earlier, source="earlier.xlsx")
    assessment_services.start_run(world.users["bureau"], world.a, BASE)
    now.refresh_from_db()
    assert now.status == AssessmentRun.Status.DONE
    c = Client()
    c.force_login(world.users["analyst"])
    return now, c


def text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def by_testid(page: str, name: str) -> str:
    m = re.search(rf'data-testid="{name}"[^>]*>(.*?)</(section|div|td|p)>', page, re.S)
    assert m, name
    return re.sub(r"\s+", " ", text(m.group(1))).strip()


def test_a_code_naming_another_school_is_flagged_on_both_pages(world: World) -> None:
    earlier = district_tables(A, BASE)
    s = earlier["schools"]
    s.loc[s["school_code"] == OWN, "school_name"] = "旧名小学"
    _, c = two_years(world, earlier)
    page = c.get(f"/d/{A}/compare/?year={YEAR}&base={BASE}").content.decode()
    warn = by_testid(page, "compare-warnings")
    assert "1 所学校代码相同但校名不同，请核对" in warn and "旧名小学" in warn and OWN in warn
    assert "名单大多不同" not in warn
    school = c.get(f"/s/{OWN}/compare/?year={YEAR}&base={BASE}").content.decode()
    assert "1 所学校代码相同但校名不同，请核对" in by_testid(school, "compare-warnings")
    assert 'data-identity-changed="1"' in school and "旧名小学" in text(school)
    other = c.get(f"/s/{A}0004/compare/?year={YEAR}&base={BASE}").content.decode()
    assert 'data-testid="compare-warnings"' not in other  # another school's page: nothing to check
    en = Client()
    en.force_login(world.users["analyst"])
    en.cookies["youjun_language"] = "en"
    page_en = en.get(f"/d/{A}/compare/?year={YEAR}&base={BASE}").content.decode()
    assert "names a different school" in page_en


def test_years_with_different_school_lists_get_a_prominent_warning(world: World) -> None:
    earlier = recode(district_tables(A, BASE), {OWN: A + "0011", A + "0004": A + "0014"})
    _, c = two_years(world, earlier)
    page = c.get(f"/d/{A}/compare/?year={YEAR}&base={BASE}").content.decode()
    warn = by_testid(page, "compare-warnings")
    assert "两个学年的学校名单大多不同" in warn
    assert page.index('data-testid="compare-warnings"') < page.index('data-testid="compare-summary"')
    school = c.get(f"/s/{A}0002/compare/?year={YEAR}&base={BASE}").content.decode()
    assert "两个学年的学校名单大多不同" in by_testid(school, "compare-warnings")


def test_summary_counts_sections_and_the_dashboards_g_and_q(world: World) -> None:
    earlier = district_tables(A, BASE)
    earlier["facilities"]["equipment_value_10k_yuan"] *= 2
    run, c = two_years(world, earlier)
    page = c.get(f"/d/{A}/compare/?year={YEAR}&base={BASE}").content.decode()
    dashboard = c.get(f"/runs/{run.pk}/").content.decode()
    rows = {m.group(1): re.sub(r"\s+", " ", text(m.group(2))).strip()
            for m in re.finditer(r'<tr data-testid="count-(\w+)">(.*?)</tr>', page, re.S)}
    assert list(rows) == ["sections", "schools", "cv", "g", "q"]
    assert rows["sections"].startswith("达标学段（学校按学段计）")
    assert "达标学校（各学段均达标）" in rows["schools"]
    for key, summary in (("g", "summary-g"), ("q", "summary-q"), ("cv", "summary-cv"),
                         ("sections", "summary-schools")):
        assert by_testid(dashboard, summary) in rows[key].split(), (key, rows[key])
    assert re.search(r"\b\d+/15\b", rows["g"]) and re.search(r"\b\d+/9\b", rows["q"])
    flips = by_testid(page, "compare-flips")
    assert "学段" in flips and "新增未达标学校" not in flips


def _number(s: str) -> float:
    return float(s.split()[0].replace(",", "").replace("−", "-").replace("+", ""))


def test_every_change_is_the_difference_of_the_values_shown(world: World) -> None:
    earlier = district_tables(A, BASE)
    earlier["facilities"]["equipment_value_10k_yuan"] *= 1.1371
    earlier["facilities"]["teaching_aux_area_m2"] *= 0.9137
    _, c = two_years(world, earlier)
    page = c.get(f"/s/{OWN}/compare/?year={YEAR}&base={BASE}").content.decode()
    rows = re.findall(r'<tr class="[^"]*" data-key="(\w+)">(.*?)</tr>', page, re.S)
    assert len(rows) == 7
    checked = 0
    for key, row in rows:
        cells = [re.sub(r"\s+", " ", text(td)).strip() for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        _name, then, now, change = cells[:4]
        unit = INDICATOR_LABELS[key][2]
        assert then.endswith(unit) and now.endswith(unit), (then, unit)
        if change in ("—", "0"):
            continue
        decimals = max(len(x.split()[0].split(".")[1]) if "." in x.split()[0] else 0 for x in (then, now))
        assert round(_number(then) + _number(change), decimals) == round(_number(now), decimals), cells
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_units_on_the_school_compare_page_are_rates_from_the_labels(world: World, lang: str) -> None:
    earlier = district_tables(A, BASE)
    _, c = two_years(world, earlier)
    c.cookies["youjun_language"] = lang
    page = c.get(f"/s/{OWN}/compare/?year={YEAR}&base={BASE}").content.decode()
    body = text(page)
    for key, (_zh, _en, unit_zh, unit_en) in INDICATOR_LABELS.items():
        if key.startswith("r"):
            assert (unit_zh if lang == "zh" else unit_en) in body, key


def test_the_comparison_of_two_sample_years_reads_clean(world: World) -> None:
    """S 2023-2024 against 2025-2026 (the same district a year apart): a handful of sections
    changed, no warning, and the pages (district and a flipped school, both languages) pass the
    page-hygiene checks."""
    from tests.web import hygiene
    from youjun.sample import generate

    names: set[str] = {"永川区", "涪陵区", "锦江区", "重庆市", "四川省", "analyst"}  # the user name
    for year in ("2023-2024", YEAR):
        tables = generate("S", 2023, school_year=year)
        for col in ("school_name", "town", "education_group"):
            names.update(str(v) for v in tables["schools"][col].dropna())
        school_services.store_snapshot(None, world.a, tables, source=f"S-{year}.xlsx")
        assert assessment_services.start_run(world.users["bureau"], world.a, year).status == "done"
    c = Client()
    c.force_login(world.users["analyst"])
    for lang in ("zh", "en"):
        c.cookies["youjun_language"] = lang
        page = c.get(f"/d/{A}/compare/?year={YEAR}&base=2023-2024").content.decode()
        assert 'data-testid="compare-warnings"' not in page
        flips = re.findall(r'data-testid="flip" data-status="\w+" data-code="(\d+)"', page)
        assert 1 <= len(flips) <= 30, len(flips)
        assert hygiene.problems(hygiene.shown_text(page), lang, names) == []
        school = c.get(f"/s/{flips[0]}/compare/?year={YEAR}&base=2023-2024").content.decode()
        assert 'data-testid="compare-school"' in school
        assert hygiene.problems(hygiene.shown_text(school), lang, names) == []
