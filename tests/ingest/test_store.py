"""The snapshot store: all-or-nothing, replace on re-import, format-independent hash."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.ingest.tiny_district import tiny_district
from youjun.cli.main import main
from youjun.core.errors import YoujunError
from youjun.ingest.store import data_hash, import_result, load_snapshot
from youjun.ingest.validate import validate_path, validate_tables
from youjun.ingest.writers import write_tables

BROKEN = Path(__file__).parent.parent / "fixtures" / "broken"


def test_hash_is_the_same_from_every_format_and_changes_with_a_value(tmp_path: Path) -> None:
    tables = tiny_district()
    hashes = set()
    for fmt in ("xlsx", "csv", "parquet"):
        write_tables(tables, tmp_path / f"d.{fmt}", fmt)
        hashes.add(data_hash(validate_path(tmp_path / f"d.{fmt}").tables))
    assert len(hashes) == 1
    changed = tiny_district()
    changed["facilities"].loc[0, "books"] += 1
    assert data_hash(validate_tables(changed).tables) not in hashes


def test_import_round_trips_and_a_stored_year_is_kept(tmp_path: Path) -> None:
    """A stored school year is never overwritten: the same data again writes nothing, different
    data is refused (E868) until --replace, which stores it beside the earlier snapshot."""
    db = tmp_path / "y.duckdb"
    first = import_result(validate_tables(tiny_district()), db)
    snap, tables = load_snapshot(db)
    assert snap.snapshot_id == first.snapshot_id
    assert len(tables["teachers"]) == 17 and len(tables["schools"]) == 4
    before = db.read_bytes()
    assert import_result(validate_tables(tiny_district()), db).unchanged
    changed = tiny_district()
    changed["schools"].loc[0, "school_name"] = "红旗小学（新校区）"
    with pytest.raises(YoujunError) as refused:
        import_result(validate_tables(changed), db)
    assert refused.value.problems[0].code == "E868" and "--replace" in refused.value.problems[0].hint("zh")
    assert db.read_bytes() == before
    second = import_result(validate_tables(changed), db, replace=True)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM snapshots").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM schools").fetchone() == (8,)
    assert load_snapshot(db)[0].snapshot_id == second.snapshot_id  # the latest is the default
    assert load_snapshot(db, first.snapshot_id)[1]["schools"]["school_name"].iloc[0] != "红旗小学（新校区）"


def test_the_cli_import_prints_totals_and_asks_for_replace(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    from youjun.ingest.writers import write_tables

    db, first, second = tmp_path / "y.duckdb", tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_tables(tiny_district(), first)
    changed = tiny_district()
    changed["facilities"].loc[0, "books"] += 1
    write_tables(changed, second)
    assert main(["import", str(first), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "核对总数" in out and "学校 4 所" in out and "专任教师 17 人" in out and "已导入" in out
    assert "teachers" not in out  # table names in Chinese
    assert main(["import", str(second), "--db", str(db)]) == 2
    assert "E868" in capsys.readouterr().err
    assert main(["import", str(second), "--db", str(db), "--replace"]) == 0
    assert main(["snapshots", str(db)]) == 0
    assert "共 2 个快照" in capsys.readouterr().out


def test_failed_import_leaves_an_existing_database_untouched(tmp_path: Path) -> None:
    db = tmp_path / "y.duckdb"
    import_result(validate_tables(tiny_district()), db)
    before = db.read_bytes()
    assert main(["import", str(BROKEN / "classes_do_not_add_up"), "--db", str(db)]) == 1
    assert db.read_bytes() == before
    with pytest.raises(YoujunError):
        import_result(validate_path(BROKEN / "duplicate_school_row"), db)
    assert db.read_bytes() == before
