"""The isolated reader: whatever the reader does to its process, the caller gets a catalogued
result (E118 naming memory and time) and goes on."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from tests.ingest import crafted
from tests.ingest.tiny_district import tiny_district
from youjun.ingest.isolated import needs_isolation, validate_guarded, validate_isolated
from youjun.ingest.limits import ReadLimits, env_name
from youjun.ingest.validate import validate_path
from youjun.ingest.writers import write_tables

# Limits that let the dimension bomb through the inspection, as the old reader did.
NO_INSPECTION = ReadLimits(max_columns=1 << 20, max_rows=1 << 24, max_cells=1 << 62, max_memory_mb=1024)


def test_isolated_result_equals_in_process(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    here, there = validate_path(path), validate_isolated(path)
    assert there.ok and here.ok
    assert there.summary() == here.summary()
    assert all(there.tables[k].equals(here.tables[k]) for k in here.tables)


def test_reader_abort_becomes_e118_and_the_caller_survives(tmp_path: Path) -> None:
    bomb = crafted.dimension_bomb(tmp_path / "bomb.xlsx")
    result = validate_isolated(bomb, NO_INSPECTION)
    assert [p.code for p in result.problems] == ["E118"]
    p = result.problems[0]
    assert "无法安全读取" in p.message("zh") and "MB" in p.value and " s" in p.value
    assert "1024 MB" in p.message("zh") or "内存不足" in p.message("zh"), p.message("zh")
    assert os.getpid()  # still here: the abort cost only the child


def test_timeout_becomes_e118(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    result = validate_isolated(path, replace(ReadLimits(), timeout_s=0.05))
    assert [p.code for p in result.problems] == ["E118"]
    assert "时间上限" in result.problems[0].message("zh")
    assert "time limit" in result.problems[0].message("en")


def test_guarded_isolates_workbooks_only(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    write_tables(tiny_district(), folder, "csv")
    assert not needs_isolation(folder)
    assert needs_isolation(tmp_path / "x.xlsx")
    assert validate_guarded(folder).ok


def test_limits_from_env() -> None:
    env = {env_name("max_rows"): "10", "YOUJUN_TIMEOUT_S": "2.5", env_name("max_cells"): "nonsense",
           env_name("max_columns"): "-3"}
    limits = ReadLimits.from_env(env)
    assert limits.max_rows == 10 and limits.timeout_s == 2.5
    assert limits.max_cells == ReadLimits().max_cells  # not a number: ignored
    assert limits.max_columns == ReadLimits().max_columns  # not positive: ignored
    assert env_name("max_file_bytes") == "YOUJUN_MAX_FILE_BYTES"


def test_env_limit_reaches_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tiny.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    monkeypatch.setenv("YOUJUN_MAX_ROWS", "5")
    codes = [p.code for p in validate_path(path).problems]
    assert "E114" in codes


@pytest.mark.slow
def test_memory_limit_stops_a_reader_let_through(tmp_path: Path) -> None:
    """With the size checks switched off, a 300 MB zip bomb reaches the reader (the old reader
    peaked at 406 MB on it); the address-space limit stops it and the caller gets E118."""
    bomb = crafted.zip_bomb(tmp_path / "zip.xlsx", megabytes=300)
    lax = ReadLimits(max_compression_ratio=1e9, max_uncompressed_bytes=1 << 40, max_memory_mb=600)
    result = validate_isolated(bomb, lax)
    assert [p.code for p in result.problems] == ["E118"]
    assert "600 MB" in result.problems[0].message("en")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_callers_work_runs_once_while_the_file_is_read(tmp_path: Path, suffix: str) -> None:
    """``meanwhile`` (the CLI's own imports) runs once: for a workbook while its child reads it
    (the child is alive then), for other files before reading; the result is the same."""
    path = tmp_path / f"d{suffix}"
    write_tables(tiny_district(), path)
    seen: list[bool] = []

    def meanwhile() -> None:
        seen.append(any(_is_reader_child(stat) for stat in Path("/proc").glob("[0-9]*/stat")))

    result = validate_guarded(path, meanwhile=meanwhile)
    assert result.ok and result.tables.keys() == validate_path(path).tables.keys()
    assert seen == [suffix == ".xlsx"]  # once; the workbook's reader running beside it


def _is_reader_child(stat: Path) -> bool:
    """A process of ours whose command line is the isolated reader (read from /proc)."""
    try:
        parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        command = (stat.parent / "cmdline").read_bytes()
    except (OSError, ValueError, IndexError):
        return False
    return parent == os.getpid() and b"youjun.ingest.isolated" in command


FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize("name", ["accepted/libreoffice_xlsx", "accepted/libreoffice_xls", "accepted/libreoffice_ods",
                                  "broken/password_protected.xlsx", "broken/formula_without_result.xlsx",
                                  "broken/rows_hidden_by_filter.xlsx", "broken/damaged_spreadsheet.ods"])
def test_the_cli_reads_a_workbook_in_the_child_and_validates_it_here_to_the_same_result(name: str) -> None:
    """The CLI's path (the child only reads the cells; they are validated in the caller) gives
    what validating in the child gives, problems and tables; a workbook the reader cannot open
    is validated in a child as a whole, so its error is the one the child gives."""
    found = FIXTURES / name
    books = sorted(p for p in found.rglob("*") if p.suffix in (".xlsx", ".xls", ".ods")) if found.is_dir() else [found]
    path = books[0]
    here, there = validate_guarded(path), validate_isolated(path)
    assert [(p.code, p.location, p.message("zh")) for p in here.problems] == \
        [(p.code, p.location, p.message("zh")) for p in there.problems]
    assert sorted(here.tables) == sorted(there.tables)
    assert all(here.tables[k].equals(there.tables[k]) for k in there.tables)


def test_a_reader_abort_while_the_cli_reads_becomes_e118(tmp_path: Path) -> None:
    bomb = crafted.dimension_bomb(tmp_path / "bomb.xlsx")
    result = validate_guarded(bomb, NO_INSPECTION)
    assert [p.code for p in result.problems] == ["E118"]
    assert "1024 MB" in result.problems[0].message("zh") or "内存不足" in result.problems[0].message("zh")
