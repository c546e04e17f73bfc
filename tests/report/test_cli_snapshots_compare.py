"""`youjun snapshots DB`, `youjun assess DB --snapshot YEAR --compare YEAR` and the
rectification list among the assess outputs, on two stored years of the tiny district."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.ingest.tiny_district import tiny_district
from youjun.cli.main import main
from youjun.ingest.store import import_result
from youjun.ingest.validate import validate_tables


def store(db: Path, year: str, equipment_factor: float) -> None:
    t = tiny_district()
    t["districts"]["school_year"] = year
    t["facilities"]["equipment_value_10k_yuan"] *= equipment_factor
    result = validate_tables(t, file=f"{year}.xlsx")
    assert result.ok
    import_result(result, db, source=f"{year}.xlsx")


def test_snapshots_by_year_compare_and_rectification(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "y.duckdb"
    store(db, "2024-2025", 2.0)
    store(db, "2025-2026", 1.0)
    assert main(["snapshots", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "2024-2025" in listed and "2025-2026" in listed and "共 2 个快照" in listed
    out = tmp_path / "out"
    # the earlier year asked for by year, compared with nothing: assessed as 2024-2025
    assert main(["assess", str(db), "--snapshot", "2024-2025", "--out", str(out / "a"), "--formats", "json"]) == 0
    assert json.loads((out / "a" / "report.json").read_text())["district"]["school_year"] == "2024-2025"
    capsys.readouterr()
    assert main(["assess", str(db), "--snapshot", "2025-2026", "--compare", "2024-2025", "--out", str(out / "b"),
                 "--formats", "xlsx,json,html"]) == 0
    text = capsys.readouterr().out
    assert "2025-2026 对比 2024-2025" in text
    c = json.loads((out / "b" / "compare.json").read_text())
    eq = [i for s in c["schools"] for i in s["indicators"] if i["key"] == "r6_equipment_value_per_student"]
    assert eq and all(i["change"] < 0 for i in eq)  # the equipment halved
    ws = openpyxl.load_workbook(out / "b" / "rectification.xlsx").active
    assert ws.cell(3, 1).value == "学校标识码/区县代码" and ws.max_row > 4
    assert "整改清单" in (out / "b" / "rectification.html").read_text()
    # an unknown year names the stored ones
    assert main(["assess", str(db), "--snapshot", "2019-2020", "--out", str(out / "c")]) == 2
    assert "2024-2025, 2025-2026" in capsys.readouterr().err
