from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from markupsafe import escape

from tests.report.example_result import GENERATED_AT
from tests.report.golden import check_golden, normalise
from youjun.report import render_html
from youjun.report.messages import MESSAGES, SHORT_NAMES


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_matches_golden(result: dict[str, Any], lang: str) -> None:
    check_golden(f"report.{lang}.html", normalise(render_html(result, lang), GENERATED_AT))


def test_verdict_comes_first_then_levels_items_and_provenance(result: dict[str, Any]) -> None:
    html = render_html(result)
    order = [html.index(f'id="{part}"') for part in (
        "verdict", "level-primary", "grid-primary", "level-junior", "grid-junior", "items",
        "annex")]
    assert order == sorted(order)
    assert "未达标" in html[html.index('id="verdict"'):html.index('id="level-primary"')]


def test_every_verdict_reason_is_listed_with_figure_limit_and_gap(
        result: dict[str, Any]) -> None:
    html = render_html(result)
    verdict = html[html.index('id="verdict"'):html.index('id="level-primary"')]
    for reason in result["verdict"]["reasons"]:
        assert str(escape(reason["zh"])) in verdict
    assert verdict.count('<td class="n">') == len(result["verdict"]["reasons"])
    assert "0.536" in verdict and "0.45" in verdict and "0.086" in verdict


def test_self_contained_and_printable(result: dict[str, Any]) -> None:
    html = render_html(result)
    # the only script opens a folded group a link points to; nothing loaded from elsewhere
    assert html.count("<script") == 1 and "<script src" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@page" in html and "size: A4" in html and "break-before: page" in html
    # one CV chart per level, drawn twice: the page's width and a phone's (shown at its own size)
    assert html.count('<figure class="chart chart-wide"><svg') == 2
    assert html.count('<figure class="chart chart-narrow"><svg') == 2
    assert '"WenQuanYi Zen Hei"' in html  # the font is named, not left to "sans-serif"


def test_grid_colours_cells_and_shows_values(result: dict[str, Any]) -> None:
    html = render_html(result)
    grid = html[html.index('id="grid-primary"'):html.index('id="level-junior"')]
    # 永川区双石镇中心小学: r2 0.25 below 1.0; 永川区吉安镇中心小学: r6 missing.
    assert re.search(r'<td class="cell bad" title="永川区双石镇中心小学[^"]*">0.25</td>', grid)
    assert re.search(r'<td class="cell na" title="永川区吉安镇中心小学[^"]*">—</td>', grid)
    assert '<td class="cell ok"' in grid
    assert "待定（缺数据）" in grid


def test_gaps_are_in_real_units(result: dict[str, Any]) -> None:
    html = render_html(result)
    # areas to one decimal, money to the whole yuan, people whole: as the findings round them
    assert re.search(r"<b>差 860.0 平方米</b><div class=\"sub\">教学及辅助用房</div>", html)
    assert re.search(r"<b>差 6 人</b><div class=\"sub\">县级以上骨干教师</div>", html)
    assert "差 418,000 元" in html


def test_items_show_evidence_or_its_absence(result: dict[str, Any]) -> None:
    html = render_html(result)
    items = html[html.index('id="items"'):html.index('id="annex"')]
    assert "永川区教育委员会，2025-09-12认定" in re.sub(r"</?span[^>]*>", "", items)
    assert items.count("缺少佐证材料") >= 4  # G10 and Q8: status and evidence cells
    assert "由数据计算" in items


def test_provenance_lists_hash_rules_and_documents(result: dict[str, Any]) -> None:
    html = render_html(result)
    annex = html[html.index('id="annex"'):]
    assert result["provenance"]["data"]["data_hash"] in annex
    # the rule set in words, never its key; confidence in words, never its letter
    assert "国家2017年优质均衡标准（规则版本 2017年5月23日）" in annex and "cn-2017" not in annex
    assert "chongqing-2019" in annex
    assert "教督〔2017〕6号" in annex and "第八条" in annex and ">出处不确定，为可选口径<" in annex
    assert "（U）" not in annex and "(U)" not in annex and ">U " not in annex
    assert "教学点计入的最低学生数" in annex and "teaching_point_min_students" not in annex


def test_english_uses_english_labels(result: dict[str, Any]) -> None:
    html = render_html(result, "en")
    assert "DOES NOT PASS" in html and "Verdict" in html and "Provenance" in html
    assert "评估结论" not in html and "缺少佐证材料" not in html
    assert "<b>860.0 m² short</b>" in html and "teaching and auxiliary rooms" in html


def test_rendering_does_not_change_the_result(result: dict[str, Any]) -> None:
    before = copy.deepcopy(result)
    render_html(result)
    render_html(result, "en")
    assert result == before


def test_tolerates_missing_keys_and_null_figures(result: dict[str, Any]) -> None:
    assert "<html" in render_html({})
    sparse = copy.deepcopy(result)
    for level in sparse["levels"].values():
        level["composite"] = {"cv": None, "limit": 0.65, "passes": None}
        for ind in level["indicators"].values():
            ind.update(mean=None, cv=None, cv_rounded=None, limit=None, passes=None,
                       cv_if_failing_met=None, inequality=None, drivers=None)
            ind["extra_from_a_newer_engine"] = {"anything": 1}
    for school in sparse["schools"]:
        school["values"] = {k: None for k in school["values"]}
        school["meets"] = {k: None for k in school["meets"]}
        school["compliant"] = None
    sparse["items"]["g5"]["figures"] = {"x": None, "y": [1, 2], "z": {"value": 3, "zh": "班"}}
    sparse["items"]["g5"]["evidence"] = {"status": "met", "attested_by": None}
    sparse["recognition"] = {"status": "evidence_missing", "rate": None, "limit": 85.0}
    sparse["verdict"] = {"passes": False, "reasons": [{"key": "x", "figure": None}]}
    html = render_html(sparse)
    assert html.count("chart-wide\"><svg") == 2 and "综合差异系数" in html


def test_unknown_language_is_refused(result: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="lang"):
        render_html(result, "fr")


def test_message_table_is_complete() -> None:
    for key, (zh, en) in {**MESSAGES, **SHORT_NAMES}.items():
        assert zh and en, key
    for key in ("sheet_verdict", "sheet_schools", "sheet_gaps", "sheet_g", "sheet_q"):
        assert all(len(text) <= 31 for text in MESSAGES[key]), key
