"""Every broken fixture fails with its code, at its place, in words a person understands,
and importing it writes nothing. A fixture marked ``severity: warning`` is a file that is
imported, but never without a word about what is odd in it; ``absent`` lists the cascade a
cause must not set off, ``then`` the consequence listed right under it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from youjun.cli.main import main
from youjun.core.schema import TABLES_BY_KEY
from youjun.ingest.places import where
from youjun.ingest.validate import validate_path
from youjun.ingest.writers import write_tables

from .tiny_district import tiny_district

BROKEN = Path(__file__).parent.parent / "fixtures" / "broken"
ACCEPTED = Path(__file__).parent.parent / "fixtures" / "accepted"
EXPECTED: dict[str, dict] = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))
ERRORS = sorted(n for n, e in EXPECTED.items() if e.get("severity", "error") == "error")
WARNINGS = sorted(n for n, e in EXPECTED.items() if e.get("severity") == "warning")


def test_there_are_at_least_twenty_kinds_of_mistake() -> None:
    assert len({e["code"] for e in EXPECTED.values()}) >= 20
    assert len(EXPECTED) >= 100


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_fails_with_its_error(name: str) -> None:
    expect = EXPECTED[name]
    result = validate_path(BROKEN / name)
    if expect.get("severity", "error") == "error":
        assert not result.ok
    else:
        assert result.ok, f"{name}: {[p.message() for p in result.errors]}"
    matching = [p for p in result.problems if p.code == expect["code"]]
    assert matching, f"{name}: expected {expect['code']}, got {[p.code for p in result.problems]}"
    p = matching[0]
    # the words a person reads on the line: where (sheet or file, cell, row, column), what, what to do
    text = where(p.location, p.rule, "zh") + p.message("zh") + p.hint("zh") + p.value
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
    codes = [q.code for q in result.problems]
    for absent in expect.get("absent", []):
        assert absent not in codes, f"{name}: {absent} follows from {expect['code']} and is not listed: {codes}"
    if "then" in expect:
        at = result.problems.index(p)
        assert codes[at + 1:at + 2] == [expect["then"]], f"{name}: {expect['then']} right under its cause: {codes}"


@pytest.mark.parametrize("name", ERRORS)
def test_import_of_broken_fixture_writes_nothing(name: str, tmp_path: Path) -> None:
    db = tmp_path / "youjun.duckdb"
    assert main(["import", str(BROKEN / name), "--db", str(db)]) == 1
    assert not db.exists()


@pytest.mark.parametrize("name", WARNINGS)
def test_import_of_odd_fixture_says_what_is_odd(name: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "youjun.duckdb"
    assert main(["import", str(BROKEN / name), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert EXPECTED[name]["code"] in out and EXPECTED[name]["words"][0] in out


def _rows(path: Path) -> dict[str, int]:
    result = validate_path(path)
    assert result.ok, [p.message() for p in result.errors]
    return {k: len(v) for k, v in result.tables.items()}


@pytest.mark.parametrize("name", sorted(p.name for p in ACCEPTED.iterdir() if p.suffix != ".md"))
def test_files_as_people_save_them_are_read_whole(name: str, tmp_path: Path) -> None:
    """; and tab CSVs, Excel's UTF-16 "Unicode 文本", LibreOffice's 区县数据-学校.csv names, and files
    LibreOffice itself saved (xlsx, ods, xls, every sheet as CSV, GBK CSV, UTF-16 text: README.md)."""
    # The files were saved before the sixth veto case (违规择校, 2026-12-04): they attest the
    # five old ones, some under veto_safety's old label, and must still be read whole.
    # Lacking that case's row, each says so in exactly one warning (W507, naming 违规择校 and
    # nothing else) and no other: the files are not regenerated (LibreOffice saved most of them).
    tables = tiny_district()
    tables["evidence"] = tables["evidence"][tables["evidence"]["item_key"] != "veto_school_choice"]
    write_tables(tables, tmp_path / "good", "csv")
    result = validate_path(ACCEPTED / name)
    assert result.ok, [p.message() for p in result.problems]
    assert [(p.code, p.value) for p in result.warnings] == [("W507", "500118")], \
        [p.message() for p in result.problems]
    assert "缺少 1 项认定：一票否决事项“无违规择校”。" in result.warnings[0].message("zh")
    assert _rows(ACCEPTED / name) == _rows(tmp_path / "good")


def test_percent_cell_is_imported_as_the_percentage_shown() -> None:
    result = validate_path(BROKEN / "rate_in_percent_cell.xlsx")
    rates = result.tables["district_rates"].set_index("rate_key")["value"]
    assert rates["q1_junior_retention"] == pytest.approx(96.2)


def test_class_name_excel_made_a_date_is_kept_as_typed() -> None:
    for name in ("class_name_became_date.xlsx", "class_name_became_date_text", "class_name_became_date_serial"):
        names = set(validate_path(BROKEN / name).tables["classes"]["class_name"])
        assert "1-2" in names, (name, names)


def test_one_mistyped_school_code_is_one_error() -> None:
    result = validate_path(BROKEN / "mistyped_school_code")
    assert [p.code for p in result.errors] == ["E122"], [p.message() for p in result.errors]
    p = result.errors[0]
    assert "另有" in p.message("zh") and "已省略" in p.message("zh")


def test_personal_id_is_never_echoed() -> None:
    result = validate_path(BROKEN / "teacher_id_is_id_number")
    dumped = str([p.to_dict() for p in result.problems])
    assert "500118198001011234" not in dumped


def test_gbk_export_is_read() -> None:
    result = validate_path(BROKEN.parent / "good_gbk")
    assert result.ok, [p.message() for p in result.errors]


def test_cli_lists_a_consequence_under_its_cause(capsys: pytest.CaptureFixture[str]) -> None:
    """The order the CLI prints and the JSON (and so the web's stored list) keeps: cause first."""
    import json

    assert main(["validate", str(BROKEN / "class_size_typo_then_sum"), "--format", "json"]) == 1
    codes = [p["code"] for p in json.loads(capsys.readouterr().out)["problems"]]
    assert codes.index("E401") == codes.index("E202") + 1, codes
    assert main(["validate", str(BROKEN / "mistyped_school_code")]) == 1
    out = capsys.readouterr().out
    assert "另有 17 处引用该校，已省略" in out and "E302" not in out


def test_rate_typed_as_text_with_percent_sign_is_the_percentage() -> None:
    """96% typed as text is 96 where the rate is in percent, 12％ is 0.12 where it is a fraction."""
    result = validate_path(ACCEPTED / "typed_as_people_type")
    rates = result.tables["district_rates"].set_index("rate_key")["value"]
    assert rates["q1_junior_retention"] == pytest.approx(96.0)
    assert rates["q9_monitoring_diff_rate"] == pytest.approx(0.12)
    assert not [p for p in result.problems if p.code in ("E202", "E412")]


def test_empty_csv_file_is_one_problem() -> None:
    result = validate_path(BROKEN / "empty_csv_file")
    assert [p.code for p in result.errors] == ["E106"], [p.message() for p in result.errors]


def test_a_sum_that_leaves_out_unreadable_classes_says_so() -> None:
    """After a class size that could not be read, the grade's sum says it leaves that class out
    (it read "各班人数合计 0" as if the school had typed no pupils)."""
    from youjun.ingest.validate import validate_path

    result = validate_path(BROKEN / "class_size_typo_then_sum")
    e401 = [p for p in result.problems if p.code == "E401"]
    assert e401 and "不含人数无法读取的班级" in e401[0].message("zh")
    assert "leaving out classes" in e401[0].message("en")
