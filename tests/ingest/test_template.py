"""The data template (`youjun template FILE.xlsx`): what a data officer sees when opening it,
and `--from DB`, which pre-fills the district, the next school year and last year's schools."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from youjun.cli.main import main
from youjun.core.schema import TABLES
from youjun.ingest.validate import validate_path
from youjun.ingest.writers import GUIDE_SHEET, TEMPLATE_ROWS, write_tables, write_template

from .tiny_district import D, tiny_district

CODE_COLUMNS = {("schools", "school_code"), ("schools", "district_code"), ("teachers", "teacher_id"),
                ("districts", "district_code"), ("classes", "school_code"), ("facilities", "school_code")}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "填报模板.xlsx"
    write_template(path, "xlsx")
    return path


def test_it_opens_on_the_district_sheet_with_the_lists_hidden(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == [GUIDE_SHEET, *[t.zh for t in TABLES]]
    assert book.active.title == "区县"
    assert book["_lists"].sheet_state == "hidden" and book["_youjun"].sheet_state == "hidden"
    selected = [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected]
    assert selected == ["区县"], "one sheet selected (several would group them in Excel)"


def test_header_notes_are_chinese_first_then_english(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for table in TABLES:
        ws = book[table.zh]
        for c, f in enumerate(table.fields, start=1):
            text = ws.cell(1, c).comment.text
            assert text.startswith(f.zh), (table.key, f.key, text)
            assert f.en in text and f.key in text
            assert text.index(f.en) > text.index(f.zh)
            if f.unit_zh:
                assert f.unit_zh in text.split("\n")[0]
            required = f.required and not f.blank_means_zero
            assert text.split("：", 1)[1].startswith("必填" if required else "选填"), text


def test_drop_downs_reach_twenty_thousand_rows(template: Path) -> None:
    assert TEMPLATE_ROWS >= 20_000
    book = openpyxl.load_workbook(template)
    for table in TABLES:
        ws = book[table.zh]
        ranges = {str(r) for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
        for c, f in enumerate(table.fields, start=1):
            if not f.choices:
                continue
            letter = openpyxl.utils.get_column_letter(c)
            hits = [r for r in ranges if r.startswith(f"{letter}3:")]
            assert hits, (table.key, f.key, ranges)
            last = int(hits[0].split(":")[1].removeprefix(letter))
            assert last - 3 + 1 >= 20_000, (table.key, f.key, hits)


def test_code_columns_are_text(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    by_key = {t.key: t for t in TABLES}
    for key, field in CODE_COLUMNS:
        table = by_key[key]
        c = [f.key for f in table.fields].index(field) + 1
        letter = openpyxl.utils.get_column_letter(c)
        ws = book[table.zh]
        dims = [d for d in ws.column_dimensions.values() if d.min <= c <= d.max]
        assert dims and dims[0].number_format == "@", (key, field, letter)


def test_the_guide_sheet_says_how_to_fill_every_sheet(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    ws = book[GUIDE_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    for table in TABLES:
        assert table.zh in text and (table.note_zh in text), table.key
    for words in ("必填", "单位", "下拉", "文本", "第2行", "youjun validate"):
        assert words in text, words
    rows = [r for r in ws.iter_rows(values_only=True) if r[0] in {t.zh for t in TABLES}]
    assert len(rows) == len(TABLES), "one line per sheet"


def test_the_empty_template_validates_as_before(template: Path) -> None:
    """Six empty required tables and nothing else: the guide sheet is not data."""
    result = validate_path(template)
    assert [p.code for p in result.problems] == ["E106"] * 6
    assert not result.warnings


def test_a_filled_workbook_from_the_writer_is_still_clean(tmp_path: Path) -> None:
    path = tmp_path / "district.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    result = validate_path(path)
    assert result.ok and not result.problems, [p.message() for p in result.problems]


def _database(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write_tables(tiny_district(), data, "csv")
    db = tmp_path / "youjun.duckdb"
    assert main(["import", str(data), "--db", str(db)]) == 0
    return db


def test_from_db_prefills_district_next_year_and_last_years_schools(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = _database(tmp_path)
    out = tmp_path / "模板.xlsx"
    assert main(["template", str(out), "--from", str(db)]) == 0
    said = capsys.readouterr().out
    assert "2026-2027" in said and "4" in said
    book = openpyxl.load_workbook(out)
    district = book["区县"]
    header = [c.value for c in district[1]]
    row = dict(zip(header, [c.value for c in district[3]], strict=False))
    assert row["区县代码"] == D and row["区县名称"] and row["学年"] == "2026-2027"
    assert row["统计时点"] is None and row["常住人口"] is None  # this year's figures: to be filled
    schools = book["学校"]
    header = [c.value for c in schools[1]]
    rows = [dict(zip(header, [c.value for c in r], strict=False)) for r in schools.iter_rows(min_row=3)]
    rows = [r for r in rows if r["学校标识码"]]
    expected = tiny_district()["schools"]
    assert sorted(r["学校标识码"] for r in rows) == sorted(expected["school_code"])
    assert all(isinstance(r["学校标识码"], str) and r["学校名称"] for r in rows)
    assert {r["学校类型"] for r in rows} <= {c.zh for f in TABLES[1].fields if f.key == "school_type"
                                            for c in f.choices}
    assert all(r["一年级学生数"] is None for r in rows), "pupils are this year's figures: left empty"
    # the other sheets are empty, the template's form (lists, notes, guide) is all there
    assert book["班级"].max_row <= 2
    assert book.active.title == "区县" and GUIDE_SHEET in book.sheetnames
    # and it reads back: the district and the schools are what was stored, no cell is refused
    result = validate_path(out)
    assert len(result.tables["schools"]) == len(expected)
    assert set(result.tables["districts"]["school_year"]) == {"2026-2027"}
    assert not [p for p in result.problems if p.location.sheet in ("区县", "学校") and p.code.startswith("E2")]


def test_from_db_takes_the_latest_school_year(tmp_path: Path) -> None:
    db = _database(tmp_path)
    earlier = tiny_district()
    earlier["districts"]["school_year"] = "2024-2025"
    earlier["schools"] = earlier["schools"].iloc[:2]
    data = tmp_path / "earlier"
    write_tables(earlier, data, "csv")
    main(["import", str(data), "--db", str(db)])  # imported after, but an earlier year
    out = tmp_path / "t.xlsx"
    assert main(["template", str(out), "--from", str(db)]) == 0
    book = openpyxl.load_workbook(out)
    assert book["区县"]["F3"].value == "2026-2027"
    assert sum(1 for r in book["学校"].iter_rows(min_row=3) if r[0].value) == 4


def test_from_a_database_without_data_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", str(tmp_path / "t.xlsx"), "--from", str(tmp_path / "none.duckdb")]) == 2
    err = capsys.readouterr()
    assert "none.duckdb" in err.out + err.err and "Traceback" not in err.out + err.err
    assert not (tmp_path / "t.xlsx").exists()


def test_from_db_prefills_csv_too(tmp_path: Path) -> None:
    db = _database(tmp_path)
    assert main(["template", str(tmp_path / "csvdir"), "--format", "csv", "--from", str(db)]) == 0
    assert (tmp_path / "csvdir" / "schools.csv").read_text(encoding="utf-8-sig").count("\n") == 2 + 4
