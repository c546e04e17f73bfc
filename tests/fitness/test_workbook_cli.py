"""The national upload workbook and `youjun fitness score`, on real .xlsx files written here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from youjun.cli.main import main
from youjun.ingest.fitness_workbook import IDENTITY, read_workbook, write_workbook

HEADER = [
    *IDENTITY,
    "身高",
    "体重",
    "肺活量",
    "50米跑",
    "坐位体前屈",
    "一分钟跳绳",
    "一分钟仰卧起坐",
    "50米×8往返跑",
    "左眼裸眼视力",
    "右眼裸眼视力",
    "免测",
    "补测",
]


def _row(
    sid: str,
    grade_code: str,
    sex: str,
    items: list[str],
    vision: tuple[str, str] = ("5.0", "4.7"),
    exempt: str = "",
    retest: str = "",
) -> list[str]:
    return [
        grade_code,
        f"{grade_code}01",
        "一班",
        sid,
        "01",
        "学生",
        sex,
        "20150101",
        "永川",
        *items,
        *vision,
        exempt,
        retest,
    ]


# pupil C of test_hand_scored (82.9), B (83.2), I failing (58.0) then retested (60.0), an exempt pupil
C = ["150", "40", "2200", "9.3", "16.0", "130", "40", "1.55"]
B = ["150", "55", "2300", "8.8", "0.0", "160", "38", "1'50\""]
I1 = ["150", "55", "1300", "11.0", "-2.6", "56", "18", "2'18"]
I2 = [*I1[:3], "10.8", *I1[4:]]


def _xlsx(tmp_path: Path, rows: list[list[str]], name: str = "r.xlsx") -> Path:
    path = tmp_path / name
    write_workbook(path, HEADER, rows)
    return path


def test_score_command_writes_every_output(tmp_path: Path, capsys) -> None:
    path = _xlsx(
        tmp_path,
        [
            _row("G500118201501010001", "16", "2", C),
            _row("G002", "15", "1", B),
            _row("G003", "15", "1", I1),
            _row("=HYPERLINK(1)", "14", "1", [""] * 8, exempt="是：骨折"),
            _row("G003", "15", "1", I2, retest="是"),
        ],
    )
    assert main(["fitness", "score", str(path), "--out", str(tmp_path / "out")]) == 0
    with (tmp_path / "out" / "scores.csv").open(encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    assert lines[0][:3] == ["行号", "学籍号", "姓名"] and lines[1][:3] == ["row", "student_number", "name"]
    by_key = [dict(zip(lines[1], line, strict=True)) for line in lines[2:]]
    # a Chinese table says its codes in words, never male/scored/normal/pass/False
    assert {r["sex"] for r in by_key} == {"男", "女"}
    assert {r["status"] for r in by_key} == {"已评分", "免测"}
    assert {r["level"] for r in by_key} <= {"优秀", "良好", "及格", "不及格", ""}
    assert {r["retest"] for r in by_key} == {"是", "否"} and "正常" in {r["bmi_category"] for r in by_key}
    data = json.loads((tmp_path / "out" / "scores.json").read_text(encoding="utf-8"))
    pupils = {p["student_number"]: p for p in data["pupils"]}
    assert pupils["G500118201501010001"]["total"] == "82.9"
    assert (pupils["G002"]["total"], pupils["G002"]["bonus"]) == ("83.2", {"rope_skip_1min": 6})
    assert (pupils["G003"]["total"], pupils["G003"]["retest"], pupils["G003"]["row"]) == ("60.0", True, 6)
    assert pupils["'=HYPERLINK(1)"]["status"] == "exempt"  # the test file was written neutralised too
    stats = json.loads((tmp_path / "out" / "statistics.json").read_text(encoding="utf-8"))
    everyone = next(r for r in stats["rows"] if r["scope"] == "district" and r["grade"] == "all" and r["sex"] == "all")
    assert (everyone["pupils"], everyone["exempt"], everyone["scored"], everyone["pass_rate"]) == (4, 1, 3, 100.0)
    assert (everyone["vision_pupil_moderate"], everyone["vision_left_normal"]) == (
        4,
        4,
    )  # vision counts exempt pupils too
    back = read_workbook(tmp_path / "out" / "scores.xlsx", _tables())
    assert back.ok and back.rows[0].values["学籍号"] == "G500118201501010001"
    assert any(r.values["学籍号"] == "'=HYPERLINK(1)" for r in back.rows)  # neutralised, never a formula


def _tables():
    from youjun.core.fitness import load_tables

    return load_tables()


def test_refused_file_lists_every_problem_with_its_cell(tmp_path: Path, capsys) -> None:
    path = _xlsx(
        tmp_path,
        [
            _row("G1", "17", "1", C),
            _row("G2", "16", "3", C),
            _row("G3", "16", "2", [*C[:7], "1.5"]),
            _row("G4", "16", "2", C, vision=("6.1", "5.0")),
            _row("G4", "16", "2", C),
            _row("G5", "16", "2", C, exempt="也许"),
        ],
    )
    code = main(["fitness", "score", str(path), "--out", str(tmp_path / "out"), "--format", "json"])
    assert code == 1 and not (tmp_path / "out").exists()
    report = json.loads(capsys.readouterr().out)
    found = [(p["code"], p["location"]["cell"]) for p in report["problems"]]
    assert found == [
        ("E1045", "A2"),
        ("E1022", "G3"),
        ("E1024", "Q4"),
        ("E1047", "R5"),
        ("E1046", "D6"),
        ("E1048", "T7"),
    ]


def test_retest_of_a_passing_pupil_is_refused(tmp_path: Path, capsys) -> None:
    path = _xlsx(tmp_path, [_row("G1", "16", "2", C), _row("G1", "16", "2", C, retest="是")])
    assert main(["fitness", "score", str(path), "--out", str(tmp_path / "o"), "--format", "json"]) == 1
    assert [p["code"] for p in json.loads(capsys.readouterr().out)["problems"]] == ["E1027"]


def test_missing_columns_and_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_workbook(path, ["学籍号", "性别"], [["G1", "1"]])
    read = read_workbook(path, _tables())
    assert [p.code for p in read.problems] == ["E1040"] and not read.rows
    big = _xlsx(tmp_path, [_row(f"G{i}", "16", "2", C) for i in range(30)], "big.xlsx")
    assert [p.code for p in read_workbook(big, _tables(), max_rows=10).problems] == ["E1043"]


def test_junior_rows_are_refused_unless_tables_loaded(tmp_path: Path, overlay_file: Path, capsys) -> None:
    header = [*IDENTITY, "身高", "体重", "肺活量", "50米跑", "坐位体前屈", "立定跳远", "引体向上", "1000米跑"]
    path = tmp_path / "j.xlsx"
    write_workbook(
        path,
        header,
        [
            [
                "21",
                "2101",
                "初一1班",
                "J1",
                "01",
                "学生",
                "1",
                "20130101",
                "永川",
                "160",
                "50",
                "3640",
                "7.8",
                "17.6",
                "225",
                "15",
                "3.55",
            ]
        ],
    )
    assert main(["fitness", "score", str(path), "--out", str(tmp_path / "a")]) == 0
    first = json.loads((tmp_path / "a" / "scores.json").read_text(encoding="utf-8"))["pupils"][0]
    assert (first["status"], first["problems"][0]["code"]) == ("refused", "E1020")
    assert main(["fitness", "score", str(path), "--out", str(tmp_path / "b"), "--tables", str(overlay_file)]) == 0
    loaded = json.loads((tmp_path / "b" / "scores.json").read_text(encoding="utf-8"))
    assert loaded["rules"]["overlay_synthetic"] is True and loaded["pupils"][0]["total"] == "102.0"


@pytest.mark.parametrize("junior", [False, True])
def test_sample_workbook_scores(tmp_path: Path, junior: bool) -> None:
    out = tmp_path / "s.xlsx"
    assert (
        main(
            ["fitness", "sample", "--pupils", "90", "--out", str(out), "--seed", "3", *(["--junior"] if junior else [])]
        )
        == 0
    )
    read = read_workbook(out, _tables())
    assert read.ok and len(read.rows) == 90
