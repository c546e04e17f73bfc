"""What a provincial statistician found walking the web app (walk 29): the province page said
"点击列标题按该列排序" on a phone, where the headers are hidden; its 未达到的指标或要求 filter held only
G/Q items although the 未满足要求 count holds R1–R7 and the CVs; the export's items were bare codes;
"小学最大差异系数/限值" meant a value and its limit on the page and a ratio in the roll-up; the district
page's school register needed a sideways scroll at 390 px and its count line broke before "；".
Each checked through the real views and templates."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.web import hygiene
from tests.web.pages import client, get
from tests.web.sample_runs import make_run, s_result
from tests.web.world import A, B, World
from youjun.assess.rollup import NOT_MET, district_summary
from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "src" / "youjun" / "web" / "static" / "youjun"


def _province(world: World, query: str = "", lang: str = "zh") -> str:
    c = client(world.users["inspector"])
    c.cookies["youjun_language"] = lang
    return get(c, f"/p/500000/{query}")


def _codes(html: str) -> list[str]:
    body = html.split('data-testid="province-table"', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    return re.findall(r'<tr data-code="(\d{6})"', body)


def _two_runs(world: World) -> dict[str, Any]:
    """A fails R2–R7 (sample S as assessed); B is the same result with its R2 findings taken out."""
    a = s_result()
    make_run(world, a)
    b = s_result()
    b["verdict"]["findings"] = [f for f in b["verdict"]["findings"] if f.get("requirement") != "R2"]
    make_run(world, b, district=world.b)
    return a


# -- 1. a phone can sort ----------------------------------------------------------------------------

def test_the_filter_form_sorts_with_the_headers_values_and_says_so(world: World) -> None:
    _two_runs(world)
    html = _province(world)
    form = html.split('data-testid="province-filters"', 1)[1].split("</form>", 1)[0]
    select = form.split('data-testid="province-sort"', 1)[1].split("</select>", 1)[0]
    assert '<select name="sort" data-autosubmit' in form and "排序方式" in hygiene.shown_text(form)
    values = re.findall(r'<option value="(-?\w+)"', select)
    # every sort a header offers (its link's value) is an option, both directions
    head = html.split('data-testid="province-table"', 1)[1].split("</thead>", 1)[0]
    for link in re.findall(r'href="\?sort=(-?\w+)#districts"', head):
        assert link in values and link.lstrip("-") in {v.lstrip("-") for v in values}
    keys = re.findall(r'data-sort="(\w+)"', head)
    assert {v.lstrip("-") for v in values} == set(keys)
    assert all(f"-{k}" in values and k in values for k in keys)
    assert '<option value="code" selected>' in select  # the current order
    html = _province(world, "?sort=-findings")
    select = html.split('data-testid="province-sort"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="(-?\w+)" selected>', select) == ["-findings"]
    assert _codes(html) == _codes(_province(world, "?sort=-findings"))
    # the order line is true on a phone too: it points at 排序方式, the headers only on a wide screen
    for query in ("", "?sort=-findings"):
        order = hygiene.shown_text(_province(world, query).split('data-testid="province-order"', 1)[1]
                                   .split("</p>", 1)[0])
        assert "“排序方式”" in order and "宽屏上" in order, order
    # the select is not hidden on a phone (the headers are)
    css = (STATIC / "province.css").read_text() + (STATIC / "app.css").read_text()
    assert not re.search(r"pv-sort[^{]*\{[^}]*display:\s*none", css)


# -- 2. the filter holds every requirement the count holds -------------------------------------------

def test_the_failing_filter_holds_r1_to_r7_and_filters_by_them(world: World) -> None:
    a = _two_runs(world)
    html = _province(world)
    select = html.split('data-testid="province-fails"', 1)[1].split("</select>", 1)[0]
    values = re.findall(r'<option value="([^"]+)"', select)
    required = district_summary(a)["requirements"]
    assert any(r.startswith("R") for r in required)
    for r in required:  # each requirement 未满足要求 counts can be chosen
        assert (r.lower() if r[:1] in "GQ" else r) in values, r
    r2 = next(k for k in INDICATOR_LABELS if k.startswith("r2_"))
    assert f'<option value="R2" >R2 {INDICATOR_LABELS[r2][0]}</option>' in select
    assert '<optgroup label="学校达标（资源配置）">' in select and '<optgroup label="政府保障程度">' in select
    assert select.index('value="R2"') < select.index('value="g3"')  # R first, as the roll-up orders them
    assert _codes(_province(world, "?fails=R2")) == [A]
    assert _codes(_province(world, "?fails=R3")) == sorted([A, B])
    assert '<option value="R2" selected>' in _province(world, "?fails=R2")
    assert _codes(_province(world, "?fails=g3")) == sorted([A, B])  # the items as before
    en = _province(world, lang="en").split('data-testid="province-fails"', 1)[1].split("</select>", 1)[0]
    assert f">R2 {INDICATOR_LABELS[r2][1]}</option>" in en and "School compliance" in en
    assert not hygiene.problems(hygiene.shown_text(en), "en")


# -- 3. the export names its items, and says what 学校学段 are -------------------------------------

def test_the_export_names_each_item_and_explains_sections(world: World) -> None:
    a = _two_runs(world)
    resp = client(world.users["inspector"]).get("/p/500000/districts.xlsx")
    wb = load_workbook(io.BytesIO(resp.content))
    ws = wb.active
    head = [c.value for c in ws[1]]
    col = head.index("未达到的政府保障与教育质量指标")
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == A)
    failing = sorted((k for k, v in a["items"].items() if v["status"] in NOT_MET), key=lambda k: (k[0], int(k[1:])))
    named = [f"{k.upper()} {(a['items'][k].get('title') or {}).get('zh') or ITEM_LABELS[k][0]}" for k in failing]
    assert row[col] == "；".join(named), row[col]
    assert not re.fullmatch(r"[GQ]\d+(、[GQ]\d+)*", row[col])
    notes = wb["说明"]
    text = "\n".join(str(c.value) for c in notes["A"])
    assert "学校学段" in text and "九年一贯制学校" in text and "不是比值" in text
    assert ws.cell(row=1, column=5).comment is not None  # the header comments stay


# -- 4. the largest CV's column says what it shows ---------------------------------------------------

def test_the_largest_cv_column_says_it_shows_an_indicator_its_cv_and_limit(world: World) -> None:
    _two_runs(world)
    html = _province(world)
    head = hygiene.shown_text(html.split('data-testid="province-table"', 1)[1].split("</thead>", 1)[0])
    assert "小学差异系数最大的指标（差异系数 / 限值）" in head and "初中差异系数最大的指标（差异系数 / 限值）" in head
    assert "最大差异系数/限值" not in hygiene.shown_text(html)
    row = html.split(f'<tr data-code="{A}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-label="小学差异系数最大的指标（差异系数 / 限值）"' in row
    css = (STATIC / "province.css").read_text()
    assert re.search(r"td\.pv-cv\[data-label\]::before \{ display: block;", css)  # the phone label on its own line
    ws = load_workbook(io.BytesIO(client(world.users["inspector"]).get("/p/500000/districts.xlsx").content)).active
    xhead = [c.value for c in ws[1]]
    assert "小学最大差异系数" not in xhead and "初中最大差异系数" not in xhead
    i = xhead.index("小学差异系数最大的指标")
    assert xhead[i + 1:i + 3] == ["小学该指标差异系数", "小学该指标差异系数限值"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == A)
    assert re.match(r"R\d \S+", row[i].value) and row[i + 1].number_format == "0.000"
    assert row[i + 2].number_format == "0.00"
    en = hygiene.shown_text(_province(world, lang="en").split('data-testid="province-table"', 1)[1]
                            .split("</thead>", 1)[0])
    assert "Primary: indicator with the largest CV (CV / limit)" in en


# -- 5. the district page's register on a phone -------------------------------------------------------

def test_the_register_reads_as_cards_and_its_count_is_one_sentence(world: World) -> None:
    make_run(world, s_result())
    html = get(client(world.users["bureau"]), f"/d/{A}/")
    table = html.split('data-testid="register-table"', 1)[0].rsplit("<table", 1)[1]
    assert re.search(r'class="data reg-table stack"', table)
    body = html.split('data-testid="register-table"', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    rows = re.findall(r'<tr[^>]*data-code="[^"]+">(.*?)</tr>', body, re.S)
    assert rows
    for r in rows:
        cells = re.findall(r"<td([^>]*)>", r)
        assert len(cells) == 10
        labelled = [c for c in cells if re.search(r'data-label="[^"]+"', c)]
        assert len(labelled) == 9 and 'class="reg-name"' in cells[1]  # the name heads the card
    assert re.search(r'<td data-label="达标情况">', body)
    # the count line: one flex item holding every word, so "；另有…" never starts a line of its own
    p = html.split('data-testid="register-count">', 1)[1].split("</p>", 1)[0]
    assert p.startswith('<span class="summary-line">') and p.endswith("</span>")
    inner = p[len('<span class="summary-line">'):-len("</span>")]
    depth = 0
    for tag in re.findall(r"<(/?)span\b", inner):
        depth += -1 if tag else 1
        assert depth >= 0
    assert depth == 0
    # the headers are hidden on a phone: the form sorts by the same columns, both ways
    form = html.split('data-testid="register-filters"', 1)[1].split("</form>", 1)[0]
    values = re.findall(r'<option value="(-?\w+)"', form.split('data-testid="register-sort"', 1)[1]
                        .split("</select>", 1)[0])
    keys = re.findall(r'data-sort="(\w+)"', html.split('data-testid="register-table"', 1)[1].split("</thead>", 1)[0])
    assert values == [v for k in keys for v in (k, f"-{k}")] and "排序方式" in hygiene.shown_text(form)
    assert '<option value="-pupils" selected>' in get(client(world.users["bureau"]), f"/d/{A}/?sort=-pupils")
    css = (STATIC / "app.css").read_text()
    assert re.search(r"table\.stack thead \{ display: none; \}", css)
    assert re.search(r"table\.data\.reg-table\.stack td\.reg-name \{ order: -1;", css)
