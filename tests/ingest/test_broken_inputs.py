"""Every broken fixture fails with its code, at its place, in words a person understands,
and importing it writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from youjun.cli.main import main
from youjun.core.schema import TABLES_BY_KEY
from youjun.ingest.validate import validate_path

BROKEN = Path(__file__).parent.parent / "fixtures" / "broken"
EXPECTED: dict[str, dict] = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


def test_there_are_at_least_twenty_kinds_of_mistake() -> None:
    assert len({e["code"] for e in EXPECTED.values()}) >= 20
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_fails_with_its_error(name: str) -> None:
    expect = EXPECTED[name]
    result = validate_path(BROKEN / name)
    assert not result.ok
    matching = [p for p in result.errors if p.code == expect["code"]]
    assert matching, f"{name}: expected {expect['code']}, got {[p.code for p in result.errors]}"
    p = matching[0]
    text = p.message("zh") + p.hint("zh") + p.value
    for word in expect["words"]:
        assert word in text, f"{name}: {word!r} not in {text!r}"
    assert p.message("en") and p.hint("en"), "every problem has English text too"
    if expect.get("table"):
        assert p.location.sheet in (expect["table"], TABLES_BY_KEY[expect["table"]].zh)
    if expect.get("field"):
        f = TABLES_BY_KEY[expect["table"]].field(expect["field"])
        assert p.location.column in (f.zh, f.key)
    if "row" in expect:
        assert p.location.row == expect["row"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_import_of_broken_fixture_writes_nothing(name: str, tmp_path: Path) -> None:
    db = tmp_path / "youjun.duckdb"
    assert main(["import", str(BROKEN / name), "--db", str(db)]) == 1
    assert not db.exists()


def test_personal_id_is_never_echoed() -> None:
    result = validate_path(BROKEN / "teacher_id_is_id_number")
    dumped = str([p.to_dict() for p in result.problems])
    assert "500118198001011234" not in dumped


def test_gbk_export_is_read() -> None:
    result = validate_path(BROKEN.parent / "good_gbk")
    assert result.ok, [p.message() for p in result.errors]
