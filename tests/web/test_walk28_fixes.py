"""What a provincial statistician found walking the web app and the roll-up (walk 28): 待定 shown
with no word of what it means; the province table's G/Q lists making rows tall; the district page's
bare "—" for who stored a school year and its summary leaving out the schools not assessed; the
group comparison page saying 暂无集团记录 while the register's groups count. Each checked through
the real views and templates."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.web import hygiene
from tests.web.pages import client, get
from tests.web.sample_runs import make_run, s_result
from tests.web.world import A, World, district_tables

pytestmark = pytest.mark.django_db

UNDECIDED = "待定：该次评估结果中没有通过或未通过的结论（未能判定），请核对数据后重新运行评估。"


def _undecided_run(world: World) -> int:
    result = s_result()
    result["verdict"]["passes"] = None  # a result holding no pass or fail verdict
    return int(make_run(world, result).pk)


# -- 1. 待定 says what it means --------------------------------------------------------------------

def test_province_page_says_what_undecided_means(world: World) -> None:
    _undecided_run(world)
    html = get(client(world.users["inspector"]), "/p/500000/")
    badge = html.split('data-testid="undecided-badge"', 1)
    assert len(badge) == 2 and f'title="{UNDECIDED}"' in html.split(f'data-code="{A}"', 2)[2].split("</tr>", 1)[0]
    note = html.split('data-testid="undecided-note"', 1)[1].split("</p>", 1)[0]
    assert UNDECIDED in hygiene.shown_text(note)
    # the verdict words are the same as the roll-up's and the district reports': 通过 / 未通过
    assert "达到标准" not in hygiene.shown_text(html.split('data-testid="province-table"', 1)[1])


def test_run_page_and_district_page_say_what_undecided_means(world: World) -> None:
    pk = _undecided_run(world)
    html = get(client(world.users["bureau"]), f"/runs/{pk}/")
    assert "结论待定" in html and UNDECIDED in hygiene.shown_text(html.split('data-testid="undecided-note"', 1)[1])
    district = get(client(world.users["bureau"]), f"/d/{A}/")
    assert f'title="{UNDECIDED}" data-testid="undecided-badge"' in district


def test_province_export_notes_what_undecided_means(world: World) -> None:
    _undecided_run(world)
    resp = client(world.users["inspector"]).get("/p/500000/districts.xlsx")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    assert ws.cell(row=1, column=4).value == "结论" and ws.cell(row=1, column=4).comment is not None
    assert ws.cell(row=1, column=4).comment.text == UNDECIDED
    assert any(c.value == "待定" for c in ws["D"][1:])


# -- 2. a share with two decimals says why ---------------------------------------------------------

def test_province_share_with_two_decimals_says_why(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from youjun.web.apps.assessment import province

    make_run(world, s_result())
    note = "不足 100% 而一位小数会显示为 100.0%（或大于 0 而会显示为 0.0%）时，比例保留两位小数。"
    html = get(client(world.users["inspector"]), "/p/500000/")
    assert 'data-testid="share-note"' not in html  # 0 of 1 assessed: one decimal, nothing to say
    assert province._more_decimals(2842, 2843) and province._more_decimals(1, 2843)
    assert not province._more_decimals(1, 3) and not province._more_decimals(0, 3)
    monkeypatch.setattr(province, "partial_decimals", lambda x, d=1: 2)  # as 2,842 of 2,843 would
    html = get(client(world.users["inspector"]), "/p/500000/")
    assert note in hygiene.shown_text(html.split('data-testid="share-note"', 1)[1].split("</p>", 1)[0])


# -- 4. the province table: compact rows ------------------------------------------------------------

def test_province_items_are_codes_with_their_names_folded(world: World) -> None:
    result = s_result()
    make_run(world, result)
    html = get(client(world.users["inspector"]), "/p/500000/")
    row = html.split(f'<tr data-code="{A}"', 1)[1].split("</tr>", 1)[0]
    cell = row.split('class="pv-items"', 1)[1].split("</td>", 1)[0]
    box = cell.split(f'data-testid="province-items-{A}"', 1)[1]
    summary = box.split("<summary", 1)[1].split("</summary>", 1)[0]
    codes = re.findall(r'<abbr title="([^"]+)">([GQ]\d+)</abbr>', summary)
    assert codes, summary
    assert re.search(rf"{len(codes)} 项：", hygiene.shown_text(summary))
    listed = re.findall(r"<li>([GQ]\d+) ([^<]+)</li>", box.split("</summary>", 1)[1])
    assert [(c, n) for n, c in codes] == listed  # the names are there, folded under the codes
    assert "<details" in cell and " open" not in cell.split(">", 1)[0]


# -- 5. the district page ---------------------------------------------------------------------------

def test_district_page_says_no_bare_dash_and_names_the_schools_not_assessed(world: World) -> None:
    schools = district_tables()["schools"]
    left_out = str(schools.iloc[-1]["school_name"])
    result = s_result()
    # a run of the stored data that assessed every school but the last (as a teaching point is left out)
    result["schools"] = [{"code": str(r["school_code"]), "name": str(r["school_name"]), "level": "primary",
                          "compliant": True} for r in schools.iloc[:-1].to_dict("records")]
    make_run(world, result)
    html = get(client(world.users["bureau"]), f"/d/{A}/")
    stored = html.split('data-testid="stored-2025-2026">', 1)[1].split("</td>", 1)[0]
    assert "—" not in stored and stored.strip()  # stored by the command line: no user, no bare dash
    # the school-years table reads as cards on a phone, the run button in its own cell
    assert 'class="data stack"' in html.split('data-testid="school-years"', 1)[0][-40:]
    assert 'data-testid="run-2025-2026"' in html.split('data-testid="school-years"', 1)[1].split("</table>", 1)[0]
    count = html.split('data-testid="register-count">', 1)[1].split("</p>", 1)[0]
    text = hygiene.shown_text(count)
    assert f"{len(schools) - 1} 所达标，0 所未达标" in text, text
    assert f"另有 1 所未评估：{left_out}" in text and 'href="#register-not-assessed"' in count, text
    assert 'id="register-not-assessed"' in html


# -- 6. groups: the comparison page says the register's groups exist --------------------------------

def test_group_comparison_says_the_registers_groups_have_no_members_yet(world: World) -> None:
    make_run(world, s_result())
    from youjun.web.apps.platform.models import EducationGroup, School

    names = ["甲教育集团", "乙教育集团", "丙教育集团"]
    for i, sc in enumerate(School.objects.filter(district=world.a).order_by("code")[:6]):
        g, _ = EducationGroup.objects.get_or_create(district=world.a, name=names[i % 3])
        sc.group = g
        sc.save(update_fields=["group"])
    html = get(client(world.users["bureau"]), f"/groups/district/{A}/compare/")
    assert 'data-testid="compare-no-groups"' not in html and "暂无集团记录" not in html
    note = hygiene.shown_text(html.split('data-testid="compare-register-only"', 1)[1].split("</p>", 1)[0])
    assert "学校名册" in note and "3 个教育集团" in note and "尚未登记其成员学校" in note
    groups = get(client(world.users["bureau"]), f"/groups/district/{A}/")
    assert "3 个集团来自上传的学校名册" in hygiene.shown_text(groups)
