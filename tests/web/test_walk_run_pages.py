"""What two testers found walking a district's run pages (dashboard, grid, trend, print,
province table, home), checked on the real engine result of sample S through the real
templates: every count says what it counts and is right, G3 counts rooms, a district-level
item shows its figure, the trend has one line per indicator across a year without a run, the
whole grid prints, the province table says why, one verdict wording, a clear way to the result."""

from __future__ import annotations

import copy
import re

import pytest
from django.test import Client

from tests.web.sample_runs import make_run, s_result, visible_text
from tests.web.world import A, World
from youjun.report.view import build_view
from youjun.web.apps.assessment.models import AssessmentRun


@pytest.fixture
def run(world: World) -> AssessmentRun:
    return make_run(world, s_result())


def client(world: World, user: str = "bureau", lang: str = "zh") -> Client:
    c = Client()
    c.force_login(world.users[user])
    if lang == "en":
        c.cookies["youjun_language"] = "en"
    return c


def page(world: World, path: str, user: str = "bureau", lang: str = "zh") -> str:
    response = client(world, user, lang).get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def badge(html: str, requirement: str) -> str:
    m = re.search(rf'data-testid="count-{requirement}">([^<]*)<', html)
    assert m is not None, requirement
    return m.group(1).strip()


# 1. every count says what it counts -------------------------------------------------------------

def test_cv_chart_heading_counts_sections_like_the_grid(world: World, run: AssessmentRun) -> None:
    levels = s_result()["levels"]
    text = visible_text(page(world, f"/runs/{run.pk}/"))
    n = levels["primary"]["n_schools"]
    assert f"小学 {n} 个学段" in text
    assert f"小学 {n} 所学校" not in text
    assert f"共 {n} 个学段" in text or f"{n} 个学段中的 {n} 个" in text  # the grid's own count


def test_r_reasons_count_sections_and_name_schools_when_they_differ(world: World) -> None:
    result = s_result()
    # a nine-year school failing R6 in both of its sections: 2 sections, 1 school
    r6 = next(f for f in result["verdict"]["findings"] if f["requirement"] == "R6")
    twin = {**copy.deepcopy(r6), "level": "junior" if r6["level"] == "primary" else "primary"}
    findings = result["verdict"]["findings"]
    findings.insert(findings.index(r6) + 1, twin)
    n_r6 = sum(1 for f in findings if f["requirement"] == "R6")
    schools = len({f["school_code"] for f in findings if f["requirement"] == "R6"})
    html = page(world, f"/runs/{make_run(world, result).pk}/")
    assert badge(html, "R6") == f"{n_r6} 个学段，涉及 {schools} 所学校"
    plain = page(world, f"/runs/{make_run(world, s_result(), '2024-2025').pk}/")
    n_r2 = sum(1 for f in s_result()["verdict"]["findings"] if f["requirement"] == "R2")
    assert badge(plain, "R2") == f"{n_r2} 个学段"


def test_pdf_scorecard_counts_sections(world: World) -> None:
    view = build_view(s_result(), "zh")
    names = [c["name"] for c in view["scorecard"]]
    assert "小学 · 学段达标" in names and not any("学校达标" in n for n in names)


def test_province_table_counts_sections(world: World, run: AssessmentRun) -> None:
    html = page(world, "/p/500000/", "inspector")
    head = html.split('data-testid="province-table"', 1)[1].split("</thead>", 1)[0]
    assert "达标学校学段" in head and not re.search("达标学校(?!学段)", head)  # walk 23


# 2. G3 counts rooms ----------------------------------------------------------------------------

def test_g3_counts_rooms_not_findings(world: World, run: AssessmentRun) -> None:
    g3 = [f for f in s_result()["verdict"]["findings"] if f["requirement"] == "G3"]
    rooms = sum(int(f["gap"]["value"]) for f in g3)
    schools = len({f["school_code"] for f in g3})
    assert rooms > len(g3)  # 文昌小学 lacks 2 art rooms in one finding
    html = page(world, f"/runs/{run.pk}/")
    assert badge(html, "G3") == f"缺 {rooms} 间功能教室，涉及 {schools} 所学校"
    assert "处功能教室缺口" not in visible_text(html)
    wenchang = html.split("永川区文昌小学</a>", 1)[1].split("</li>", 1)[0]
    assert "缺 2 间功能教室" in wenchang
    english = page(world, f"/runs/{run.pk}/", lang="en")
    assert badge(english, "G3") == f"{rooms} rooms short in {schools} schools"


# 3. a district-level item shows its figure --------------------------------------------------------

def test_district_item_shows_its_figure_in_the_summary(world: World, run: AssessmentRun) -> None:
    html = page(world, f"/runs/{run.pk}/")
    # the district's rate (the item's judged figure) first, then who is short: the uncertified teachers
    assert badge(html, "G12") == "99.50%，标准不低于 100%，差 0.50 个百分点；46 名教师，涉及 38 所学校"
    items = html.split('data-testid="items-G"', 1)[1].split("</table>", 1)[0]
    g12 = items.split("<code>G12</code>", 1)[1].split("</tr>", 1)[0]
    assert "99.50%" in visible_text(g12) and "差 0.50 个百分点" in visible_text(g12)
    english = page(world, f"/runs/{run.pk}/", lang="en")
    assert badge(english, "G12").startswith("99.50%, standard at least 100%, 0.50 percentage points short; 46 teachers")


# 4. trend: lines across a year without a run, a table of values ----------------------------------

def test_trend_marks_a_year_without_a_run_and_lists_values(world: World, run: AssessmentRun) -> None:
    earlier = s_result()
    make_run(world, earlier, "2023-2024")
    html = page(world, f"/runs/{run.pk}/")
    from tests.web.test_dashboard_words import json_block

    years = json_block(html, "trend-years")
    assert years == ["2023-2024", "2024-2025", "2025-2026"]
    trend = json_block(html, "trend-primary")
    assert trend["assessed"] == [True, False, True]
    labels = json_block(html, "trend-labels")
    assert labels["missing"] == "未评估"
    table = html.split('data-testid="trend-table-primary"', 1)[1].split("</table>", 1)[0]
    text = visible_text(table)
    assert "2024-2025" in text and "未评估" in text
    r1 = earlier["levels"]["primary"]["indicators"]
    key = sorted(r1)[0]
    assert f"{r1[key]['cv_rounded']:.3f}" in text
    assert "显示为空缺" not in visible_text(html)  # the old caption promised a gap


# 5. print: the whole grid, no pager or filters ----------------------------------------------------

def test_every_grid_row_is_in_the_page_for_printing(world: World, run: AssessmentRun) -> None:
    html = page(world, f"/runs/{run.pk}/")
    table = html.split('data-testid="grid-primary"', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<tr data-code="(\d+)"', table)
    print_only = re.findall(r'<tr class="print-only[^"]*" data-code="(\d+)"', table)
    n = s_result()["levels"]["primary"]["n_schools"]
    assert len(shown) == 50 and len(shown) + len(print_only) == n
    assert not set(shown) & set(print_only)
    narrowed = page(world, f"/runs/{run.pk}/?status=not_met")
    table = narrowed.split('data-testid="grid-primary"', 1)[1].split("</table>", 1)[0]
    failing = sum(1 for s in s_result()["schools"] if s["level"] == "primary" and s["compliant"] is False)
    assert len(re.findall(r"<tr [^>]*data-code=", table)) == failing  # only what the filters match


def test_print_css_hides_pager_and_filters_and_screen_hides_print_rows() -> None:
    from pathlib import Path

    css = Path("src/youjun/web/static/youjun/app.css").read_text(encoding="utf-8")
    assert re.search(r"@media screen\s*{[^}]*\.print-only[^}]*display:\s*none", css)
    prints = " ".join(re.findall(r"@media print\s*{(.*?)\n}", css, re.S))
    assert ".pager" in prints and ".filters" in prints


def test_register_prints_every_school(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from youjun.web.apps.schools import register

    monkeypatch.setattr(register, "PER_PAGE", 2)  # the tiny district has 4 schools: 2 pages
    html = page(world, f"/d/{A}/")
    assert 'data-testid="register-pager"' in html
    table = html.split('data-testid="register-table"', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<tr data-code="(\d+)"', table)
    print_only = re.findall(r'<tr class="print-only[^"]*" data-code="(\d+)"', table)
    assert len(shown) == 2 and len(shown) + len(print_only) == 4


# 6. province table: why a district does not pass ---------------------------------------------------

def test_province_table_gives_the_main_reasons(world: World, run: AssessmentRun) -> None:
    unrecognised = s_result()
    unrecognised["recognition"]["status"] = "fail"
    other = make_run(world, unrecognised, district=world.b)
    html = page(world, "/p/500000/", "inspector")
    table = html.split('data-testid="province-table"', 1)[1].split("</table>", 1)[0]
    row = table.split(f'data-testid="province-why-{A}">', 1)[1].split("</td>", 1)[0]
    counts = s_result()["verdict"]["counts"]
    failing = counts["schools"] - counts["schools_compliant"]
    items = sum(1 for k, i in s_result()["items"].items() if i["status"] != "pass")
    text = visible_text(row)
    assert f"{failing} 个学校学段未达标" in text  # a school section, as the column 达标学校学段 says
    assert f"{items} 项政府保障与教育质量指标未达标" in text
    assert "社会认可度" not in text  # it is met: not a reason
    assert f'href="/runs/{run.pk}/"' in row and "查看评估结果" in text
    fuling = table.split(f'data-testid="province-why-{world.b.code}">', 1)[1].split("</td>", 1)[0]
    assert "社会认可度未达标" in visible_text(fuling) and f'href="/runs/{other.pk}/"' in fuling


# 7. one verdict wording ----------------------------------------------------------------------------

def test_one_verdict_wording_everywhere(world: World, run: AssessmentRun) -> None:
    text = visible_text(page(world, f"/runs/{run.pk}/"))
    assert "未通过" in text and "尚未通过" not in text
    assert "前提条件 1/1" in text  # as the PDF's scorecard shows it
    view = build_view(s_result(), "zh")
    assert view["verdict"]["word"] == "未通过"
    pre = next(c for c in view["scorecard"] if c["name"] == "前提条件")
    assert pre["figure"] == "1/1"


# 8. the way to the result from the home page --------------------------------------------------------

def test_home_has_a_clear_way_to_the_result(world: World, run: AssessmentRun) -> None:
    c = client(world)
    html = c.get("/", follow=True).content.decode()
    m = re.search(r'<a class="button[^"]*" href="/runs/(\d+)/"[^>]*data-testid="view-result[^"]*">([^<]*)</a>', html)
    assert m is not None and m.group(2).strip() == "查看评估结果" and int(m.group(1)) == run.pk


# 9. English uses ASCII brackets -------------------------------------------------------------------

def test_english_dashboard_uses_ascii_brackets(world: World, run: AssessmentRun) -> None:
    html = page(world, f"/runs/{run.pk}/", lang="en")
    ruleset = visible_text(html.split('data-testid="ruleset"', 1)[1].split("</p>", 1)[0])
    assert "（" not in ruleset and "）" not in ruleset and "(教督〔2017〕6号)" in ruleset
