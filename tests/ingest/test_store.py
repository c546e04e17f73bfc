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


def test_import_round_trips_and_reimport_replaces(tmp_path: Path) -> None:
    db = tmp_path / "y.duckdb"
    first = import_result(validate_tables(tiny_district()), db)
    snap, tables = load_snapshot(db)
    assert snap.snapshot_id == first.snapshot_id
    assert len(tables["teachers"]) == 17 and len(tables["schools"]) == 4
    changed = tiny_district()
    changed["schools"].loc[0, "school_name"] = "红旗小学（新校区）"
    second = import_result(validate_tables(changed), db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM snapshots").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM schools").fetchone() == (4,)
    assert load_snapshot(db)[0].snapshot_id == second.snapshot_id


def test_failed_import_leaves_an_existing_database_untouched(tmp_path: Path) -> None:
    db = tmp_path / "y.duckdb"
    import_result(validate_tables(tiny_district()), db)
    before = db.read_bytes()
    assert main(["import", str(BROKEN / "classes_do_not_add_up"), "--db", str(db)]) == 1
    assert db.read_bytes() == before
    with pytest.raises(YoujunError):
        import_result(validate_path(BROKEN / "duplicate_school_row"), db)
    assert db.read_bytes() == before
