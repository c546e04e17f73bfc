"""Messages a person can act on (issue 11 §2): every problem of every broken fixture is said
without Python internals, in the reader's language, at a place the person finds in the file
(sheet or file, cell, row, column)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.web.hygiene import TEMPLATE_WORDS
from youjun.cli.main import main
from youjun.core.errors import Problem
from youjun.ingest.places import where
from youjun.ingest.validate import validate_path

FIXTURES = Path(__file__).parent.parent / "fixtures"
BROKEN = FIXTURES / "broken"
EXPECTED: dict[str, dict] = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))
ALL = sorted(EXPECTED) + [f"../accepted/{p.name}" for p in sorted((FIXTURES / "accepted").iterdir())]

REPR = re.compile(r"np\.|\['|\['|\{'|\bNone\b|\bnan\b|\bNaN\b|\binf\b")
EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception)\b|Error:|EOCD|Traceback")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
QUOTED_ZH = re.compile(r"“[^”]*”")
# The template's tabs and headers are Chinese in either language: an English message names them
# as the workbook shows them ('佐证材料' (Evidence)), which is not the other language leaking in.
TEMPLATE_NAMES = {zh for zh, _en in TEMPLATE_WORDS}  # its tabs, headers and drop-down lists


def _texts(p: Problem, lang: str) -> str:
    return " ".join((where(p.location, p.rule, lang), p.message(lang), p.hint(lang)))


def _typed(p: Problem) -> set[str]:
    """Values the person typed (a cell, a sheet or header name, a school's name, a title)."""
    loc = p.location
    ctx = dict(p.context)
    found = {p.value, loc.sheet, loc.column, Path(loc.file).name, *(str(ctx.get(k, "")) for k in (
        "school", "district", "recovered", "title", "first", "ident_en"))}
    return {t for t in found if t}


def _faults(p: Problem) -> list[str]:
    faults = []
    zh, en = _texts(p, "zh"), _texts(p, "en")
    for lang, text in (("zh", zh), ("en", en)):
        if REPR.search(text):
            faults.append(f"{lang}: Python repr {REPR.search(text).group()!r}")  # type: ignore[union-attr]
    if EXCEPTION.search(zh):
        faults.append(f"zh: English exception text {EXCEPTION.search(zh).group()!r}")  # type: ignore[union-attr]
    if SNAKE.search(QUOTED_ZH.sub("", zh)):
        faults.append(f"zh: snake_case key {SNAKE.search(QUOTED_ZH.sub('', zh)).group()!r}")  # type: ignore[union-attr]
    if "无单位" in zh or " / " in zh:
        faults.append("zh: '无单位' or an English half after ' / '")
    plain_en = en
    for typed in sorted(_typed(p) | TEMPLATE_NAMES, key=len, reverse=True):  # the person's words, the tabs
        plain_en = plain_en.replace(f"'{typed}'", "''")
    plain_en = plain_en.replace(f" {p.value}", " ") if p.value else plain_en
    if CJK.search(plain_en):
        faults.append(f"en: Chinese outside a quoted value: {CJK.search(plain_en).group()!r}")  # type: ignore[union-attr]
    return faults


@pytest.mark.parametrize("name", ALL)
def test_no_message_of_a_fixture_shows_python_or_the_other_language(name: str) -> None:
    result = validate_path(BROKEN / name)
    bad = {f"{p.code}: {p.message('zh')} | {p.message('en')}": _faults(p) for p in result.problems}
    assert not {k: v for k, v in bad.items() if v}


def test_workbook_cell_is_named_with_the_sheet_the_person_sees(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BROKEN / "formula_error.xlsx")]) == 1
    out = capsys.readouterr().out
    assert "工作表“校舍设施”单元格 C3（第3行，“教学及辅助用房面积”列）" in out, out
    assert main(["validate", str(BROKEN / "formula_error.xlsx"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert ("sheet '校舍设施' (Facilities), cell C3 (row 3, column '教学及辅助用房面积' "
            "(Teaching and auxiliary room area))") in out, out


def test_csv_cell_is_named_with_its_file_not_the_table_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BROKEN / "header_typo")]) == 1
    out = capsys.readouterr().out
    assert "文件“schools.csv”单元格 B1（第1行，“学校名字”列）" in out, out
    assert "「schools」" not in out and "规则：" not in out


def test_json_location_has_the_cell(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BROKEN / "area_in_words"), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    found = next(p for p in problems if p["code"] == "E202")
    assert found["location"]["cell"] == "C3" and found["location"]["row"] == 3


def test_one_error_is_not_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BROKEN / "area_in_words"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "1 error," in out and "1 errors" not in out


def test_import_summary_names_tables_not_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "y.duckdb"
    assert main(["import", str(FIXTURES / "good_gbk"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "已导入" in out and not SNAKE.search(out.split(str(db), 1)[1]), out
    db = tmp_path / "z.duckdb"
    assert main(["import", str(FIXTURES / "good_gbk"), "--db", str(db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Imported" in out and not SNAKE.search(out.split(str(db), 1)[1]), out


def _first(name: str, code: str) -> Problem:
    return next(p for p in validate_path(BROKEN / name).problems if p.code == code)


def test_out_of_range_says_the_range_with_its_unit_and_a_hint_for_the_column() -> None:
    p = _first("class_size_out_of_range", "E204")
    assert "1–150 人" in p.message("zh") and "无单位" not in p.message("zh")
    assert "万元" not in p.hint("zh") and "平方米" not in p.hint("zh") and "10,000 yuan" not in p.hint("en")
    area = _first("negative_gym_area", "E204")
    assert "0–2,000,000 平方米" in area.message("zh") and "平方米" in area.hint("zh")


def test_not_a_number_says_the_unit_once() -> None:
    hint = _first("area_in_words", "E202").hint("zh")
    assert hint.count("平方米") == 1 and "（平方米）" not in hint and "无单位" not in hint


def test_yes_no_lists_the_spellings_accepted() -> None:
    p = _first("boarding_maybe", "E208")
    assert "√/×" in p.hint("zh") and "Y/N" in p.hint("zh") and "Y/N" in p.hint("en")


def test_unknown_school_is_said_once() -> None:
    p = _first("teacher_at_unknown_school", "E302")
    assert p.message("zh") == "学校标识码“5001189999”在“学校”表中不存在"
    assert p.message("en").startswith("School code '5001189999'")


def test_per_pupil_outlier_has_its_unit_and_a_hint_for_its_column() -> None:
    p = _first("books_far_above_median", "W501")
    assert "3,750 册" in p.message("zh") and "volumes" in p.message("en")
    assert "设备" not in p.hint("zh") and "面积" not in p.hint("zh")


def test_rate_mismatch_names_the_rate() -> None:
    p = _first("rate_numerator_mismatch", "E410")
    assert "初中三年巩固率" in p.message("zh") and "retention" in p.message("en")


def test_english_messages_use_english_names() -> None:
    assert "'Social recognition'" in _first("rate_without_value", "E412").message("en")
    assert "'Key teacher'" in _first("key_teacher_without_level", "E407").message("en")
    assert "'学校名称'" not in _first("header_typo", "E121").message("en")
    assert "'学校'" not in _first("sheet_renamed", "E120").message("en")
    p = _first("rows_hidden_by_filter.xlsx", "W115")
    assert "rows 6, 7" in p.message("en")


def test_unreadable_file_is_named_and_said_in_chinese() -> None:
    p = _first("not_really_a_workbook.xlsx", "E101")
    assert "not_really_a_workbook.xlsx" in p.message("zh") and "文件已损坏或不是 Excel 工作簿" in p.message("zh")
    assert "zip" not in p.message("zh") and "zip" in p.message("en")
    e107 = _first("unknown_encoding", "E107")
    assert "schools.csv" in e107.message("zh") and "schools.csv" in e107.message("en")


def test_teacher_id_format_hint_fits_the_field() -> None:
    import pandas as pd

    from youjun.core.schema import TABLES_BY_KEY
    from youjun.ingest.coerce import coerce

    _, issues = coerce(pd.Series(["T 0001"], dtype=object), TABLES_BY_KEY["teachers"].field("teacher_id"))
    ctx = dict(issues[0].context)
    assert issues[0].code == "E206"
    assert not ctx["long_number_zh"] and not ctx["long_number_en"]
    _, issues = coerce(pd.Series(["500118001"], dtype=object), TABLES_BY_KEY["schools"].field("school_code"))
    assert "科学计数法" in dict(issues[0].context)["long_number_zh"]
