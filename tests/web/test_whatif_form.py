"""The what-if scenario and the births per town as forms, not YAML: rows build the same
scenario the YAML gives, bad rows are all refused at once in Chinese, and the plan runs."""

from __future__ import annotations

import pytest
import yaml
from django.test import Client

from tests.web.world import A, World
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.planning.options import OptionsError, parse

YEAR = "2025-2026"
S1, S2 = A + "0001", A + "0002"


def rows(*specs: dict[str, str]) -> dict[str, str]:
    return {f"wi-{n}-{k}": v for n, spec in enumerate(specs, 1) for k, v in spec.items()}


FORM = rows(
    {"kind": "build", "school": S1, "item": "teaching_area_m2", "amount": "1200"},
    {"kind": "build", "school": S1, "item": "art_rooms", "amount": "1"},
    {"kind": "enrolment", "school": S1, "grade": "1", "amount": "120"},
    {"kind": "enrolment_factor", "school": S2, "grade": "", "amount": "1.1"},
    {"kind": "close", "school": S2, "into": S1},
    {"kind": "move_teachers", "school": S2, "teachers": "T001, T002\nT003"},
    {"kind": "", "school": "", "amount": ""},  # a blank row is skipped
)
YAML = f"""
- build: {{school: "{S1}", teaching_area_m2: 1200.0}}
- build: {{school: "{S1}", art_rooms: 1}}
- enrolment: {{school: "{S1}", grade: 1, students: 120}}
- enrolment: {{school: "{S2}", factor: 1.1}}
- close: {{school: "{S2}", merge_into: "{S1}"}}
- move_teachers: {{teachers: [T001, T002, T003], to: "{S2}"}}
"""


def test_form_rows_give_the_scenario_the_yaml_gives() -> None:
    from_form = parse("whatif", {**FORM, "title": "方案A"})
    from_yaml = parse("whatif", {"scenario": YAML, "title": "方案A"})
    assert from_form == from_yaml
    assert from_form["scenario"]["changes"] == yaml.safe_load(YAML)


def test_bad_rows_are_refused_all_at_once_in_chinese() -> None:
    bad = rows(
        {"kind": "build", "school": "", "item": "", "amount": "abc"},
        {"kind": "build", "school": S1, "item": "art_rooms", "amount": "1.5"},
        {"kind": "enrolment", "school": S1, "grade": "12", "amount": "-3"},
        {"kind": "close", "school": S1, "into": S1},
        {"kind": "move_teachers", "school": S1, "teachers": ""},
        {"kind": "demolish", "school": S1},
    )
    with pytest.raises(OptionsError) as err:
        parse("whatif", bad)
    fields = [p["location"]["column"] for p in err.value.problems]
    assert fields == ["wi-1-school", "wi-1-amount", "wi-1-item", "wi-2-amount", "wi-3-grade", "wi-3-amount",
                      "wi-4-into", "wi-5-teachers", "wi-6-kind"]
    zh = [p["message"]["zh"] for p in err.value.problems]
    assert all(p["code"] == "E810" for p in err.value.problems)
    assert "第 1 行：请选择学校" in zh[0] and "第 2 行：间数、台数、册数须为整数" in zh[3]
    assert "第 4 行：不能并入本校" in zh[6] and "第 6 行：请选择改动类型" in zh[8]
    assert all("row" not in m for m in zh)


def test_births_table_gives_the_births_mapping() -> None:
    data = {"years": "5", "births-town-1": "中山路街道", "births-1-2019": "1200", "births-1-2020": "1,150",
            "births-town-2": "", "births-2-2019": "5200", "births-2-2020": ""}
    assert parse("seats", data)["births"] == {"中山路街道": {2019: 1200.0, 2020: 1150.0}, "*": {2019: 5200.0}}
    with pytest.raises(OptionsError) as err:
        parse("seats", {**data, "births-1-2021": "many", "births-2-2021": "-5"})
    assert [p["location"]["column"] for p in err.value.problems] == ["births-1-2021", "births-2-2021"]
    assert "出生人口须为非负整数" in err.value.problems[0]["message"]["zh"]


def test_the_form_is_shown_and_its_plan_runs(world: World) -> None:
    c = Client()
    c.force_login(world.users["bureau"])
    html = c.get(f"/d/{A}/plans/").content.decode()
    assert 'data-testid="whatif-rows"' in html and 'name="wi-1-kind"' in html
    assert f'<option value="{S1}"' in html and "红旗小学" in html  # schools chosen by name
    assert 'name="wi-1-amount" inputmode="decimal"' in html
    assert 'name="births-1-2019" inputmode="numeric"' in html  # births per town as a table
    form = {"kind": "whatif", "year": YEAR, "title": "新建美术教室",
            **rows({"kind": "build", "school": S1, "item": "teaching_area_m2", "amount": "3000"},
                   {"kind": "build", "school": S1, "item": "art_rooms", "amount": "1"})}
    r = c.post(f"/d/{A}/plans/", form)
    assert r.status_code == 302, r.content.decode()[:3000]
    plan = PlanRun.objects.get(kind="whatif")
    assert plan.status == "done", plan.error
    assert plan.options["scenario"]["changes"] == [{"build": {"school": S1, "teaching_area_m2": 3000.0}},
                                                    {"build": {"school": S1, "art_rooms": 1}}]
    changed = plan.result["diff"]["schools"]
    assert any(s["code"] == S1 and "r4_teaching_area_per_student" in s["values"] for s in changed)
    # a bad row comes back with the rows kept and the problem beside its field
    r = c.post(f"/d/{A}/plans/", {"kind": "whatif", "year": YEAR,
                                  **rows({"kind": "build", "school": S1, "item": "art_rooms", "amount": "x"})})
    html = r.content.decode()
    assert r.status_code == 400 and "第 1 行：数量须为数字" in html
    assert 'name="wi-1-amount" inputmode="decimal" value="x"' in html
