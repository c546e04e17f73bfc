"""`youjun plan …` end to end on files, and a saved bundle rerun to the same plan."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.plan.handmade import School, code, district, standard_staff
from youjun.cli import plan_cmd
from youjun.ingest.writers import write_tables

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken" / "school_without_pupils"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="youjun")
    plan_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["plan", *argv])
    return int(args.func(args))


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "district"
    tables = district([School(code(1), standard_staff(key=2), teaching_m2=360.0),
                       School(code(2), standard_staff(key=0), lon=105.91),
                       School(code(3), standard_staff(), lon=105.92, art_rooms=())])
    write_tables(tables, path, "csv")
    return path


@pytest.mark.parametrize("kind", ["rotation", "investment", "seats"])
def test_each_plan_writes_its_files_and_reruns(data, tmp_path, kind, capsys):
    out = tmp_path / kind
    assert run(kind, str(data), "--out", str(out), "--lang", "en") == 0
    assert {p.name for p in out.iterdir()} == {"bundle.json", "plan.json", "plan.html", "plan.xlsx"}
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    bundle = json.loads((out / "bundle.json").read_text(encoding="utf-8"))
    assert plan["kind"] == bundle["kind"] == kind
    assert bundle["rules"]["name"] == "cn-2017" and len(bundle["data_hash"]) == 64
    assert "<html" in (out / "plan.html").read_text(encoding="utf-8")
    assert run("rerun", str(out), str(data)) == 0
    assert "方案相同: 是" in capsys.readouterr().out


def test_options_reach_the_plan(data, tmp_path):
    out = tmp_path / "inv"
    assert run("investment", str(data), "--out", str(out), "--set", "building_yuan_per_m2=1000",
               "--budget", "100000") == 0
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["options"]["building_yuan_per_m2"] == 1000
    assert plan["headline"]["budget"] == 100000
    assert "本地规划测算假设" in (out / "plan.html").read_text(encoding="utf-8")


def test_whatif_from_a_scenario_file(data, tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f'name: 试\nchanges:\n  - build: {{school: "{code(3)}", art_rooms: 1}}\n', encoding="utf-8")
    out = tmp_path / "wi"
    assert run("whatif", str(data), str(scenario), "--out", str(out)) == 0
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert {"key": "g3", "before": "fail", "after": "pass"} in plan["diff"]["items"]
    html = (out / "plan.html").read_text(encoding="utf-8")
    for reason in plan["diff"]["reasons_resolved"]:  # the G3 reason, named, in the HTML
        assert reason["zh"] in html
    assert plan["diff"]["reasons_resolved"] and "消除的未达标原因" in html


def test_data_with_errors_is_refused(tmp_path, capsys):
    assert run("rotation", str(BROKEN), "--out", str(tmp_path / "x")) == 1
    said = capsys.readouterr().out
    assert "E411" in said or "错误" in said
    assert not (tmp_path / "x").exists()


def test_unknown_option_is_refused(data, tmp_path, capsys):
    assert run("rotation", str(data), "--out", str(tmp_path / "y"), "--set", "max_moves=3") == 2
    assert "max_moves" in capsys.readouterr().err
