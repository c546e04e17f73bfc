"""Uploaded text never becomes a formula in an export (issue 9, finding 6).

A district whose school names, towns, class names and teacher IDs are formulas goes through
the real plans (seats, rotation, what-if), the real assessment report workbook and the CSV
and xlsx writers; every cell read back is text or a number, never a formula, and the text
survives behind the leading ``'`` that marks it as text.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.plan.handmade import School, code, district, standard_staff
from youjun.assess import assess_tables
from youjun.core.cells import looks_like_formula, restore_cell_text, safe_cell_text
from youjun.core.rules import load_ruleset
from youjun.ingest.writers import write_tables
from youjun.plan.render import write_plan
from youjun.plan.run import make_plan
from youjun.report.workbook import render_xlsx

PAYLOADS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-1+1",
            "＝1+1", "\t=1+1"]
A, B, C = code(1), code(2), code(3)


@pytest.fixture(scope="module")
def params() -> Any:
    return load_ruleset("cn-2017", as_of="2025-09-01")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """The rotation case of test_rotation_known (one swap A <-> B) with hostile text in every
    free-text column the plans and reports show."""
    t = district([School(A, standard_staff(key=2), lon=105.90, town=PAYLOADS[0]),
                  School(B, standard_staff(key=0), lon=105.91, town=PAYLOADS[1]),
                  School(C, standard_staff(key=1, years=2), lon=106.00, town=PAYLOADS[2])])
    names = {A: PAYLOADS[0], B: PAYLOADS[1], C: PAYLOADS[3]}
    t["schools"]["school_name"] = t["schools"]["school_code"].map(names)
    t["classes"]["class_name"] = [PAYLOADS[i % len(PAYLOADS)] for i in range(len(t["classes"]))]
    # the contract allows no spaces in a teacher ID: the payloads without one
    ids = [p for p in PAYLOADS if " " not in p.strip()]
    t["teachers"]["teacher_id"] = [f"{ids[i % len(ids)]}#{i}" for i in range(len(t["teachers"]))]
    return t


def cells_of_xlsx(path: Path) -> list[Any]:
    """Every non-empty cell; asserts none is a formula."""
    book = load_workbook(path)  # formulas are kept as formulas (data_only=False)
    seen = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                assert cell.data_type != "f", f"{path.name}!{ws.title}!{cell.coordinate} = {cell.value!r}"
                seen.append(cell.value)
    return seen


def assert_text_survives(values: list[Any], expected: list[str]) -> None:
    texts = [v for v in values if isinstance(v, str)]
    for text in texts:
        assert not looks_like_formula(text), f"unescaped formula-like text {text!r}"
    for payload in expected:
        assert any(safe_cell_text(payload) in t for t in texts), f"{payload!r} lost"


def test_plan_workbooks_hold_no_formula(tables: dict[str, pd.DataFrame], params: Any, tmp_path: Path) -> None:
    rotation, _ = make_plan("rotation", tables, params, district=None, options={"time_limit_s": 20})
    assert rotation["moves"], "the case must move teachers, or the IDs are not exported"
    seats, _ = make_plan("seats", tables, params, district=None, options={"years": 1})
    whatif, _ = make_plan("whatif", tables, params, district=None, options={"scenario": {
        "name": "t", "changes": [{"build": {"school": A, "art_rooms": 1}}]}})
    for plan in (rotation, seats, whatif):
        out = tmp_path / str(plan["kind"])
        values = cells_of_xlsx(write_plan(plan, out, formats=("xlsx",))["xlsx"])
        assert any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values), "numbers stay numbers"
        if plan["kind"] == "rotation":
            moved = [str(m["teacher_id"]) for m in plan["moves"]]
            assert_text_survives(values, moved)
        elif plan["kind"] == "seats":
            assert_text_survives(values, [PAYLOADS[0], PAYLOADS[1], PAYLOADS[2]])
        else:
            assert_text_survives(values, [])


def test_report_workbook_holds_no_formula(tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    (result,) = assess_tables(tables, "cn-2017")
    values = cells_of_xlsx(render_xlsx(result, tmp_path / "report.xlsx"))
    assert_text_survives(values, [PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]])


def test_data_workbook_and_csv_hold_no_formula(tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    write_tables(tables, tmp_path / "data.xlsx")
    values = cells_of_xlsx(tmp_path / "data.xlsx")
    assert_text_survives(values, PAYLOADS)
    write_tables(tables, tmp_path / "csv", "csv")
    texts: list[Any] = []
    for path in (tmp_path / "csv").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            texts += [cell for row in csv.reader(fh) for cell in row if cell]
    assert_text_survives(texts, PAYLOADS)


@pytest.mark.parametrize("value", [-1, -1.5, 0, 3.25, None])
def test_real_numbers_are_not_escaped(value: Any) -> None:
    assert safe_cell_text(value) == value


@pytest.mark.parametrize("text", [*PAYLOADS, "－5", "@x", "\r=1"])
def test_formula_like_text_round_trips(text: str) -> None:
    escaped = safe_cell_text(text)
    assert escaped.startswith("'") and restore_cell_text(escaped) == text


@pytest.mark.parametrize("text", ["学校一", "T0001", "1班", "2025-2026", "'quoted", "a=b", ""])
def test_plain_text_is_left_alone(text: str) -> None:
    assert safe_cell_text(text) == text and restore_cell_text(text) == text


def test_escaped_text_reads_back_as_written(tmp_path: Path) -> None:
    """A CSV or workbook the platform wrote, uploaded again, gives back the original text."""
    from tests.ingest.tiny_district import tiny_district
    from youjun.ingest.validate import validate_path

    t = tiny_district()
    t["schools"].loc[0, "school_name"] = PAYLOADS[0]
    t["classes"].loc[0, "class_name"] = "-1+1"
    for target in (tmp_path / "csv", tmp_path / "data.xlsx"):
        write_tables(t, target, "csv" if target.suffix == "" else "xlsx")
        result = validate_path(target)
        assert result.ok, [p.message("en") for p in result.errors][:3]
        assert result.tables["schools"]["school_name"].iloc[0] == PAYLOADS[0]
        assert result.tables["classes"]["class_name"].iloc[0] == "-1+1"
