"""The isolated child reads a workbook's cells ahead (``read_ahead``, while pandas imports
beside it): what it then validates is what the ordinary reader gives, problem for problem and
cell for cell, for every workbook among the fixtures and for the sheets it must not read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.ingest import crafted
from tests.ingest.tiny_district import tiny_district
from youjun.ingest.limits import ReadLimits
from youjun.ingest.read_ahead import WORKBOOK_SUFFIXES, read_ahead
from youjun.ingest.readers import UNREADABLE_CODES, read_source
from youjun.ingest.validate import validate_source
from youjun.ingest.writers import write_tables

FIXTURES = Path(__file__).parent.parent / "fixtures"
WORKBOOKS = sorted(p for p in FIXTURES.rglob("*") if p.suffix.lower() in WORKBOOK_SUFFIXES)
LIMITS = ReadLimits()


def _said(path: Path, ahead: Any) -> tuple[list[Any], dict[str, Any]]:
    result = validate_source(read_source(path, LIMITS, ahead))
    problems = [(p.code, p.location, p.message("zh"), p.message("en")) for p in result.problems]
    return problems, result.tables


def _assert_same(path: Path) -> None:
    ahead = read_ahead(path, LIMITS)
    if ahead is None:  # only a file the reader cannot open either (a damaged spreadsheet)
        assert {p.code for p in read_source(path, LIMITS).problems} & UNREADABLE_CODES, path
        return
    (with_ahead, tables_ahead), (plain, tables) = _said(path, ahead), _said(path, None)
    assert with_ahead == plain
    assert sorted(tables_ahead) == sorted(tables)
    for key, frame in tables.items():
        assert tables_ahead[key].equals(frame), (path.name, key)


def test_there_are_workbooks_of_every_kind() -> None:
    assert {p.suffix.lower() for p in WORKBOOKS} >= {".xlsx", ".xls", ".ods"}, WORKBOOKS


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_workbook_gives_what_the_reader_gives(path: Path) -> None:
    _assert_same(path)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_as_the_reader_has_it_and_a_very_hidden_one_never_read(tmp_path: Path, state: str) -> None:
    path = tmp_path / "tiny.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    wb = openpyxl.load_workbook(path)
    wb["专任教师"].sheet_state = state
    wb.save(path)
    ahead = read_ahead(path, LIMITS)
    assert ahead is not None and ("专任教师" in ahead.rows) == (state == "hidden")
    _assert_same(path)


def test_a_refused_workbook_reads_no_cell_ahead(tmp_path: Path) -> None:
    bomb = crafted.dimension_bomb(tmp_path / "bomb.xlsx")
    ahead = read_ahead(bomb, LIMITS)
    assert ahead is not None and ahead.inspection is not None and not ahead.inspection.ok and not ahead.rows
    _assert_same(bomb)


def test_anything_else_is_left_to_the_reader(tmp_path: Path) -> None:
    write_tables(tiny_district(), tmp_path / "csv", "csv")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    assert read_ahead(tmp_path / "csv", LIMITS) is None
    assert read_ahead(tmp_path / "missing.xlsx", LIMITS) is None
    broken = read_ahead(tmp_path / "broken.xlsx", LIMITS)  # the inspection refuses it, or None
    assert broken is None or (broken.inspection is not None and not broken.inspection.ok)
    _assert_same(tmp_path / "broken.xlsx")
