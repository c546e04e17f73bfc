"""What walk 35 found (a provincial statistician and a district's data officer reading a real run):
the veto row of the verdict's conditions said 达标, as if a veto were a standard to meet."""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from youjun.report.htmlpage import render_html
from youjun.report.workbook import render_xlsx


def _veto_row_of_page(page: str) -> str:
    row = re.search(r"<tr[^>]*><th>一票否决事项</th>(.*?)</tr>", page, re.S)
    assert row, "no veto row in 评估要件"
    return html.unescape(re.sub(r"<[^>]+>", " ", row.group(1))).split()[-1]


def _veto_row_of_workbook(path: Path) -> str:
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
    return next(str(r[5]) for r in rows if r[0] == "一票否决事项")


# walk 38: a veto not attested bars recognition as surely as one that applies (was a neutral "—")
@pytest.mark.parametrize(("applies", "word"),
                         [(False, "无否决情形"), (True, "存在否决情形"), (None, "缺少认定，不予认定")])
def test_the_veto_row_says_whether_a_veto_applies_not_that_it_is_met(
        s_result: dict[str, Any], tmp_path: Path, applies: bool | None, word: str) -> None:
    result = copy.deepcopy(s_result)
    assert result["vetoes"], "the sample has vetoes"
    for v in result["vetoes"]:
        v["applies"] = False
    result["vetoes"][0]["applies"] = applies
    page = render_html(result, "zh")
    render_xlsx(result, tmp_path / "report.xlsx", "zh")
    assert _veto_row_of_page(page) == word
    assert _veto_row_of_workbook(tmp_path / "report.xlsx") == word
    assert "达标" not in (_veto_row_of_page(page), _veto_row_of_workbook(tmp_path / "report.xlsx"))


def test_the_other_conditions_keep_met_and_not_met(s_result: dict[str, Any]) -> None:
    page = render_html(s_result, "zh")
    marks = re.findall(r'<td class="mark (\w+)">([^<]*)</td>', page)
    assert marks and {w for css, w in marks if css == "ok"} <= {"达标", "无否决情形"}
    assert {w for css, w in marks if css == "bad"} <= {"未达标", "存在否决情形"}


@pytest.mark.parametrize(("applies", "word"), [(False, "无否决情形"), (True, "存在否决情形")])
def test_the_district_summary_says_the_same_of_the_vetoes(s_result: dict[str, Any], applies: bool, word: str) -> None:
    """summary.html (made from the roll-up's summary of the real result) words the veto row as
    the report does: the walk found "达标" beside 一票否决事项 there too."""
    from youjun.assess.rollup import district_summary
    from youjun.report.district_card import render_district_card

    result = copy.deepcopy(s_result)
    for v in result["vetoes"]:
        v["applies"] = False
    result["vetoes"][0]["applies"] = applies
    page = render_district_card(district_summary(result), "zh", "S.xlsx")
    row = re.search(r"<tr><td>一票否决事项</td>(.*?)</tr>", page, re.S)
    assert row, "no veto row in the summary"
    status = html.unescape(re.sub(r"<[^>]+>", " ", row.group(1))).split()[-1]
    assert status == word
