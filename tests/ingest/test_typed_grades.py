"""A grade is typed as people say it (issue 11 §4.5): 七年级, 初一, 高一, 一年级 are grades 7, 7, 10, 1."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from youjun.core.schema import TABLES_BY_KEY
from youjun.ingest.coerce import coerce
from youjun.ingest.validate import validate_path

from .tiny_district import tiny_district

GRADE = TABLES_BY_KEY["classes"].field("grade")
ACCEPTED = Path(__file__).parent.parent / "fixtures" / "accepted"


@pytest.mark.parametrize(("typed", "grade"), [
    ("一年级", 1), ("六年级", 6), ("七年级", 7), ("九年级", 9), ("初一", 7), ("初三", 9),
    ("高一", 10), ("高三", 12), ("7年级", 7), ("７年级", 7), ("十年级", 10), ("十二年级", 12),
    ("初中一年级", 7), ("高中二年级", 11), ("小学三年级", 3), ("7", 7),
])
def test_grade_in_words_is_read_as_its_number(typed: str, grade: int) -> None:
    values, issues = coerce(pd.Series([typed], dtype=object), GRADE)
    assert not issues, issues
    assert values.iloc[0] == grade


@pytest.mark.parametrize("typed", ["初四", "高四", "十三年级", "七年", "年级", "学前班"])
def test_a_grade_that_is_not_one_is_still_an_error(typed: str) -> None:
    _, issues = coerce(pd.Series([typed], dtype=object), GRADE)
    assert [i.code for i in issues] in (["E202"], ["E204"]), (typed, issues)


def test_classes_sheet_with_grades_in_words_imports_as_the_numbers() -> None:
    result = validate_path(ACCEPTED / "grades_in_words")
    assert result.ok, [p.message() for p in result.problems]
    got = result.tables["classes"][["school_code", "grade", "class_name"]].astype(str)
    want = tiny_district()["classes"][["school_code", "grade", "class_name"]].astype(str)
    assert sorted(map(tuple, got.values)) == sorted(map(tuple, want.values))


SCHOOL_CODE = TABLES_BY_KEY["schools"].field("school_code")
SCHOOL_YEAR = TABLES_BY_KEY["districts"].field("school_year")


@pytest.mark.parametrize("typed", ["'5001180001", "’5001180001", "5001180001 "])
def test_code_typed_with_excels_text_apostrophe_is_the_code(typed: str) -> None:
    """Excel's ' before a number (to keep it text) survives into a CSV; it is not part of the code."""
    values, issues = coerce(pd.Series([typed], dtype=object), SCHOOL_CODE)
    assert not issues, issues
    assert values.iloc[0] == "5001180001"


@pytest.mark.parametrize("typed", ["2025—2026", "2025–2026", "2025－2026", "2025~2026", "2025至2026", "2025/2026",
                                   "2025 - 2026", "2025-2026学年"])
def test_school_year_with_another_dash_is_the_school_year(typed: str) -> None:
    values, issues = coerce(pd.Series([typed], dtype=object), SCHOOL_YEAR)
    assert not issues, issues
    assert values.iloc[0] == "2025-2026"


def test_values_typed_as_people_type_are_stored_as_meant() -> None:
    result = validate_path(ACCEPTED / "typed_as_people_type")
    # saved before the sixth veto case (违规择校): the one warning is that its row is missing
    assert result.ok and [p.code for p in result.warnings] == ["W507"], [p.message() for p in result.problems]
    good = tiny_district()
    assert sorted(result.tables["schools"]["school_code"]) == sorted(good["schools"]["school_code"])
    assert list(result.tables["districts"]["school_year"]) == ["2025-2026"]
    assert sorted(result.tables["classes"]["students"]) == sorted(good["classes"]["students"])
    assert sorted(result.tables["facilities"]["building_area_m2"]) == sorted(good["facilities"]["building_area_m2"])
