"""What a provincial statistician and a bureau officer found walking the web app (walk 23):
an empty teacher register computed vacancies from 0 teachers and named r1/r2 in lower case; a
groups page without groups gave a 0.0% coverage; the district page's training, studio and growth
panels printed 0 for empty registers; the province page showed codes without names, could round
a partial share to 100.0%, explained its order nowhere above the table, tiled Chongqing under
"地市 500100" and said 达标学段; the fitness, quality and school-evaluation panels showed the
current school year beside the assessment's without saying so; the CV chart's axis title sat in
the legend's band at phone width. Each checked through the real views and templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone

from tests.web import hygiene
from tests.web.pages import client, get
from tests.web.sample_runs import make_run, s_result
from tests.web.workforce.wfworld import WFWorld
from tests.web.world import A, C, World
from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS
from youjun.core.school_year import school_year_of
from youjun.web.apps.groups import services as group_services
from youjun.web.apps.platform.models import School
from youjun.web.apps.platform.templatetags.youjun import pct, pct_measured, share_of

pytestmark = pytest.mark.django_db

R1 = INDICATOR_LABELS["r1_qualified_teachers_per100"][0]
R2 = INDICATOR_LABELS["r2_key_teachers_per100"][0]
LOWER_CODE = re.compile(r"(?<![A-Za-z0-9_])r[1-7](?![0-9A-Za-z_])")


# -- 1. the workforce dashboard with an empty register ---------------------------------------------

def test_an_empty_register_says_so_and_computes_no_vacancy(world: World) -> None:
    html = get(client(world.users["bureau"]), f"/workforce/d/{A}/dashboard/")
    text = hygiene.shown_text(html)
    assert 'data-testid="wf-register-empty"' in html and "暂无教师名册记录" in text
    assert not re.search(r"空编 [\d,]+ 个", text) and "在编教师 0 人" not in text  # never 0 teachers vs posts
    assert 'data-testid="quota-gap"' not in html and 'data-testid="value-teachers"' not in html
    uploaded = int(world.snapshots[A].rows["teachers"])
    assert f"上传数据中有专任教师 {uploaded:,} 人" in text
    assert f'href="/workforce/d/{A}/import/"' in html  # where the register is filled
    assert not LOWER_CODE.search(text)
    # a reader who does not keep the register is told who fills it, without the bureau's link
    html = get(client(world.users["inspector"]), f"/workforce/d/{A}/dashboard/")
    assert "暂无教师名册记录" in html and "区县教育局" in hygiene.shown_text(html)
    assert f'href="/workforce/d/{A}/import/"' not in html


def test_the_dashboard_names_r1_and_r2_in_upper_case(wfworld: WFWorld) -> None:
    html = get(client(wfworld.user("bureau")), f"/workforce/d/{A}/dashboard/")
    text = hygiene.shown_text(html)
    assert 'data-testid="wf-register-empty"' not in html and 'data-testid="quota-gap"' in html
    assert f"R1“{R1}”" in text and f"R2“{R2}”" in text
    assert not LOWER_CODE.search(text), LOWER_CODE.findall(text)
    records = hygiene.shown_text(get(client(wfworld.user("bureau")), f"/workforce/d/{A}/dashboard/key/"))
    assert f"R2“{R2}”" in records and not LOWER_CODE.search(records)


# -- 2. the groups page without groups --------------------------------------------------------------

def test_groups_page_without_members_says_no_group_records(world: World) -> None:
    c = client(world.users["bureau"])
    html = get(c, f"/groups/district/{A}/")
    coverage = html.split('data-testid="coverage"', 1)[1].split("</section>", 1)[0]
    assert "暂无集团记录" in coverage and 'data-testid="coverage-percent"' not in coverage
    assert "0.0%" not in coverage
    school = School.objects.get(code=A + "0001")
    group = group_services.create_group(world.users["bureau"], world.a, name="测试教育集团")
    group_services.move_school(world.users["bureau"], school, group, role="lead", start=timezone.localdate())
    coverage = get(c, f"/groups/district/{A}/").split('data-testid="coverage"', 1)[1].split("</section>", 1)[0]
    assert "暂无集团记录" not in coverage and 'data-testid="coverage-percent"' in coverage


# -- 3. the district page's empty workforce panels -------------------------------------------------

def test_empty_training_studio_and_growth_panels_say_no_records(world: World) -> None:
    html = get(client(world.users["bureau"]), f"/d/{A}/")
    for key in ("training-panel", "studios-district-panel", "growth-panel"):
        panel = hygiene.shown_text(html.split(f'data-testid="{key}"', 1)[1].split("</section>", 1)[0])
        assert "暂无记录" in panel, (key, panel)
        assert not re.search(r"(?<![\d,.])0 ?(人次|个|人)", panel), (key, panel)


# -- 4. the province page ----------------------------------------------------------------------------

def test_province_rows_name_their_codes_and_say_their_order(world: World) -> None:
    run = make_run(world, s_result())
    html = get(client(world.users["inspector"]), "/p/500000/")
    row = hygiene.shown_text(html.split(f'<tr data-code="{A}"', 1)[1].split("</tr>", 1)[0])
    failing = [k for k, v in run.result["items"].items() if (v or {}).get("status") in ("fail", "evidence_missing")]
    assert failing
    for key in failing:
        title = (run.result["items"][key].get("title") or {}).get("zh") or ITEM_LABELS[key][0]
        assert f"{key.upper()} {title}" in row, (key, row)
    worst = re.findall(r"\b([RB]\d) (\S+) \d\.\d{3} / \d\.\d{2}", row)
    assert worst and all(name for _, name in worst), row
    # the order is said in one line above the table, not only below it
    order = html.index('data-testid="province-order"')
    assert order < html.index('data-testid="province-table"')
    assert "按区县行政区划代码" in hygiene.shown_text(html[order:].split("</p>", 1)[0])
    # 达标学校学段, with the tooltip saying how a nine-year school counts
    head = html.split('data-testid="province-table"', 1)[1].split("</thead>", 1)[0]
    assert "达标学校学段" in head and "九年一贯制学校在小学学段、初中学段各计一次" in head
    assert "达标学段" not in hygiene.shown_text(html)


def test_municipal_tiles_are_named_and_an_unknown_prefecture_by_its_code(world: World) -> None:
    html = get(client(world.users["inspector"]), "/p/500000/")
    tiles = hygiene.shown_text(html.split('data-testid="prefecture-5001"', 1)[1].split("</h3>", 1)[0])
    assert "重庆市市辖区" in tiles and "地市" not in tiles
    html = get(client(world.users["admin"]), f"/p/{C[:2]}0000/")
    tiles = hygiene.shown_text(html.split(f'data-testid="prefecture-{C[:4]}"', 1)[1].split("</h3>", 1)[0])
    assert f"代码 {C[:4]}00 的区县" in tiles and "地市" not in tiles


def test_a_partial_share_never_reads_all_or_none() -> None:
    assert share_of(2842, 2843) == "99.96%" and share_of(1, 2843) == "0.04%"
    assert share_of(2843, 2843) == "100.0%" and share_of(0, 2843) == "0.0%" and share_of(1, 0) == "—"
    assert pct(2842 / 2843) == "99.96%" and pct_measured(99.96) == "99.96%" and pct_measured(0.02) == "0.02%"
    assert pct_measured(84.96, 85) == "84.9%" and pct_measured(87.34) == "87.3%"  # as before otherwise


def test_province_counts_give_the_passing_share(world: World) -> None:
    make_run(world, s_result())
    html = get(client(world.users["inspector"]), "/p/500000/")
    share = hygiene.shown_text(html.split('data-testid="passing-share"', 1)[1].split("</span>", 1)[0])
    assert "占已评估区县的" in share and "%" in share


# -- 5. the panels' school year beside the assessment's --------------------------------------------

def test_panels_say_when_their_year_is_not_the_assessments(world: World) -> None:
    current = school_year_of(timezone.localdate())
    make_run(world, s_result(), year="2019-2020")
    html = get(client(world.users["bureau"]), f"/d/{A}/")
    for key in ("fitness-district-panel", "schooleval-district-panel", "quality-district-panel"):
        panel = html.split(f'data-testid="{key}"', 1)[1].split("</section>", 1)[0]
        text = hygiene.shown_text(panel)
        assert f"{current} 学年" in text or f"当前学年 {current}" in text, (key, text)
        assert 'data-testid="panel-year-note"' in panel and "2019-2020" in text and "学年不同" in text, (key, text)
    make_run(world, s_result(), year=current)  # the assessment of the panels' year: nothing to say
    html = get(client(world.users["bureau"]), f"/d/{A}/")
    assert 'data-testid="panel-year-note"' not in html


# -- 6. the CV chart at phone width -----------------------------------------------------------------

def test_the_cv_charts_axis_title_runs_along_the_axis_not_in_the_legends_band() -> None:
    js = (Path(__file__).resolve().parents[2] / "src/youjun/web/static/youjun/charts.js").read_text()
    body = js.split("function cvOption(", 1)[1].split("\n  }\n", 1)[0]
    y_axis = re.search(r"yAxis: \{(.*?)\},\n", body, re.S)
    assert y_axis and 'nameLocation: "middle"' in y_axis.group(1)  # beside the axis, not above the plot
    assert re.search(r"legend: \{[^}]*top: 0", body)
    top = re.search(r"grid: \{[^}]*top: ([^,}]+)", body)
    assert top and all(int(n) >= 32 for n in re.findall(r"\d+", top.group(1)))  # the legend keeps its band
