"""What the user testers found on the school pages (F2): schools not assessed are explained,
not 404; values carry their units; gaps are rounded as on the dashboard; the officer gets the
template and the (fictional) example; the form keeps a valid draft; readers see a read-only
form. Every page is the real engine result through the real templates."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.test import Client

from tests.web.world import A, World, district_tables
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.assessment.selectors import result_of
from youjun.web.apps.schools import downloads
from youjun.web.apps.schools import services as school_services
from youjun.web.apps.schools.models import Submission

YEAR = "2025-2026"
POINT = A + "0003"  # 石笋山教学点: 30 pupils, under the rule set's 50
JUNIOR = A + "0004"  # 萱花中学: 270 pupils, R1–R3 below the standard


def client(world: World, role: str = "bureau") -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def run(world: World) -> AssessmentRun:
    assert client(world).post(f"/d/{A}/runs/", {"year": YEAR}).status_code == 302
    r = AssessmentRun.objects.order_by("-id").first()
    assert r is not None and r.status == "done", r and r.error
    return r


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# -- 1. schools not assessed ------------------------------------------------------------------

def test_a_teaching_point_under_the_minimum_is_explained_not_404(world: World) -> None:
    r = run(world)
    assert POINT not in {s["code"] for s in result_of(r)["schools"]}  # the engine leaves it out
    page = client(world).get(f"/runs/{r.pk}/s/{POINT}/")
    assert page.status_code == 200
    body = text(page.content.decode())
    assert "本校不参与本次评估" in body and "教学点" in body and "在校生 30 人" in body
    assert "不足 50 人" in body
    # the officer of another school still gets nothing of it
    assert client(world, "officer").get(f"/runs/{r.pk}/s/{POINT}/").status_code == 404


def test_the_school_page_of_a_school_not_assessed_says_why(world: World) -> None:
    run(world)
    body = text(client(world).get(f"/s/{POINT}/").content.decode())
    assert "本校不参与本次评估" in body and "在校生 30 人" in body
    assert "不参与评估" in body  # the results table says it too, not an empty table


def test_the_g_and_q_findings_of_a_school_not_assessed_are_shown(world: World) -> None:
    tables = district_tables(A)
    teachers = tables["teachers"]
    teachers.loc[teachers["school_code"] == POINT, "training_hours_5y"] = 100.0  # G9 concerns it
    school_services.store_snapshot(None, world.a, tables, source="g9.xlsx")
    r = run(world)
    g9 = [f for f in result_of(r)["findings"] if f.get("school_code") == POINT and f["requirement"] == "G9"]
    assert g9, "the engine judges its teachers in G9"
    for path in (f"/runs/{r.pk}/s/{POINT}/", f"/s/{POINT}/"):
        page = client(world).get(path)
        assert page.status_code == 200, path
        body = text(page.content.decode())
        assert "本校不参与本次评估" in body and "G9" in body and g9[0]["gap"]["zh"] in body, path


def test_the_register_explains_not_assessed_with_the_count(world: World) -> None:
    run(world)
    body = text(client(world).get(f"/d/{A}/").content.decode())
    note = re.search(r"未评估的 (\d+) 所学校[^。]*。", body)
    assert note, body[-2000:]
    assert note.group(1) == "1" and "教学点" in note.group(0)


# -- 2. units, the 85% rule, the phone --------------------------------------------------------

def test_values_on_the_run_school_page_carry_units_and_the_rule_is_explained(world: World) -> None:
    r = run(world)
    html = client(world).get(f"/runs/{r.pk}/s/{JUNIOR}/").content.decode()
    body = text(html)
    assert "1.48 人/百名学生" in body  # value
    assert "5.3 人/百名学生" in body  # standard
    assert "2,962.96 元/生" in body  # R6 value
    section = re.search(r'data-testid="rule-junior"[^>]*>(.*?)</p>', html, re.S)
    assert section, "each section says how its verdict follows from the rule"
    said = text(section.group(1))
    assert "4 项达标" in said and "6 项" in said and "未达标" in said
    assert 'class="data compact stack"' in html and 'data-label="区县均值"' in html  # cards at 390 px


# -- 3. gaps rounded as on the dashboard ------------------------------------------------------

def test_gaps_are_rounded_like_the_dashboard(world: World) -> None:
    tables = district_tables(A)
    fac = tables["facilities"]
    fac.loc[fac["school_code"] == JUNIOR, "equipment_value_10k_yuan"] = 60.00003  # 600,000.3 元
    fac.loc[fac["school_code"] == JUNIOR, "teaching_aux_area_m2"] = 1500.25
    school_services.store_snapshot(None, world.a, tables, source="gaps.xlsx")
    r = run(world)
    findings = {f["requirement"]: f["gap"]["zh"] for f in result_of(r)["findings"]
                if f.get("school_code") == JUNIOR}
    assert "R6" in findings and "R4" in findings, findings
    body = text(client(world).get(f"/runs/{r.pk}/s/{JUNIOR}/").content.decode())
    money = re.search(r"[\d,.]+ 元", findings["R6"]).group(0)  # type: ignore[union-attr]
    area = re.search(r"[\d,.]+ 平方米", findings["R4"]).group(0)  # type: ignore[union-attr]
    assert money == "75,000 元" and area == "65.8 平方米", findings
    assert money in body and area in body
    assert "74,999.70" not in body and "65.75" not in body


# -- 4. template and example for the officer --------------------------------------------------

def test_the_officer_gets_the_template_and_the_example_of_their_school_only(world: World) -> None:
    officer = client(world, "officer")
    own = A + "0001"
    page = officer.get(f"/s/{own}/").content.decode()
    assert f'href="/s/{own}/template.xlsx"' in page and f'href="/s/{own}/example.xlsx"' in page
    form = officer.get(f"/s/{own}/form/{YEAR}/").content.decode()
    assert f'href="/s/{own}/template.xlsx"' in form
    for name in ("template", "example"):
        got = officer.get(f"/s/{own}/{name}.xlsx")
        assert got.status_code == 200 and got.content[:2] == b"PK"
        assert officer.get(f"/s/{A}0002/{name}.xlsx").status_code == 404
        assert client(world, "bureau_b").get(f"/s/{own}/{name}.xlsx").status_code == 404


def test_the_example_district_is_fictional() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(downloads.example_bytes()), read_only=True)
    cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    joined = "\n".join(cells)
    assert "永川" not in joined and "500118" not in joined and "重庆" not in joined
    assert downloads.EXAMPLE_DISTRICT[1] in joined and downloads.EXAMPLE_DISTRICT[0] in joined


# -- 5. save a valid draft; discard asks ------------------------------------------------------

def _form_post(world: World, extra: dict[str, str]) -> dict[str, str]:
    html = client(world, "officer").get(f"/s/{A}0001/form/{YEAR}/").content.decode()
    fields = dict(re.findall(r'<input name="([^"]+)" value="([^"]*)"', html))
    return {**fields, **extra}


def test_the_officer_saves_a_valid_draft_without_submitting(world: World) -> None:
    officer = client(world, "officer")
    html = officer.get(f"/s/{A}0001/form/{YEAR}/").content.decode()
    assert 'data-testid="save-draft"' in html and "保存草稿" in text(html)
    got = officer.post(f"/s/{A}0001/form/{YEAR}/", _form_post(world, {"save_draft": "1"}))
    assert got.status_code in (200, 302)
    sub = Submission.objects.get(school__code=A + "0001", school_year=YEAR)
    assert sub.status == Submission.Status.DRAFT and sub.problems == []
    again = officer.get(f"/s/{A}0001/form/{YEAR}/").content.decode()
    discard = re.search(r'<form[^>]*data-confirm="[^"]+"[^>]*>(?:(?!</form>).)*discard-draft', again, re.S)
    assert discard, "放弃草稿 asks first"
    assert "confirm.js" in again


# -- 6. readers see a read-only form ----------------------------------------------------------

@pytest.mark.parametrize("role", ["inspector", "analyst"])
def test_a_reader_sees_the_form_read_only(world: World, role: str) -> None:
    html = client(world, role).get(f"/s/{A}0001/form/{YEAR}/").content.decode()
    body = text(html)
    assert "只读：您的角色只能查看" in body
    assert "校验并提交" not in body and "保存草稿" not in body
    assert "通过校验的数据提交给教育行政部门" not in body


# -- 7. the school's year-over-year table reflows on a phone ----------------------------------

def test_the_school_compare_table_is_stacked_with_labels(world: World) -> None:
    run(world)
    old = district_tables(A, "2023-2024")
    school_services.store_snapshot(None, world.a, old, source="old.xlsx")
    assert client(world).post(f"/d/{A}/runs/", {"year": "2023-2024"}).status_code == 302
    html = client(world, "officer").get(f"/s/{A}0001/compare/").content.decode()
    assert 'data-testid="compare-school"' in html
    table = re.search(r'data-testid="compare-school".*?(<table[^>]*>)', html, re.S)
    assert table and "stack" in table.group(1)
    assert 'data-label="是否达标"' in html or 'data-label="达标"' in html
