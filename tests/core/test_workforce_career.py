"""The pure rules of the teachers' career records."""

from __future__ import annotations

import datetime as dt

import pytest

from youjun.core.workforce_career import (
    continuous_start,
    eligibility,
    evidence_limits,
    find_id_card,
    full_years,
    is_id_card_header,
    mask_id,
)

D = dt.date


@pytest.mark.parametrize(("text", "found"), [
    ("50011819850101123X", "50011819850101123X"),
    ("身份证 500118198501011234 附", "500118198501011234"),
    ("50011819850101123x", "50011819850101123x"),
    ("T50011800001", None),  # a staff number
    ("5001180001", None),  # a school code
    ("500118198513011234", None),  # month 13: not a birth date
    ("1500118198501011234", None),  # 19 digits: part of a longer number
    ("", None),
])
def test_id_card_numbers_are_recognised_by_shape(text: str, found: str | None) -> None:
    assert find_id_card(text) == found


def test_an_id_number_is_quoted_masked_and_id_headers_are_known() -> None:
    assert mask_id("50011819850101123X") == "500**************X"
    assert is_id_card_header("身份证号") and is_id_card_header("公民身份号码") and is_id_card_header(" ID  card ")
    assert not is_id_card_header("教师编号")


def test_full_years_count_anniversaries() -> None:
    assert full_years(D(2018, 9, 1), D(2025, 8, 31)) == 6
    assert full_years(D(2018, 9, 1), D(2025, 9, 1)) == 7
    assert full_years(D(2026, 9, 1), D(2025, 9, 1)) == 0


def test_the_stay_at_the_current_school_joins_adjoining_stretches_only() -> None:
    a, b = "A", "B"
    assert continuous_start([(a, D(2010, 9, 1), D(2015, 8, 31)), (b, D(2015, 9, 1), None)]) == D(2015, 9, 1)
    assert continuous_start([(b, D(2012, 9, 1), D(2015, 8, 31)), (b, D(2015, 9, 1), None)]) == D(2012, 9, 1)
    assert continuous_start([(b, D(2012, 9, 1), D(2014, 8, 31)), (b, D(2015, 9, 1), None)]) == D(2015, 9, 1)
    assert continuous_start([(a, D(2010, 9, 1), D(2015, 8, 31))]) is None  # no open post
    assert continuous_start([]) is None


def test_eligibility_in_words() -> None:
    yes = eligibility([("A", D(2018, 9, 1), None)], D(2025, 12, 1), 6)
    assert yes.eligible and yes.words_zh == "在本校连续任教 7 年，已满 6 年，符合交流轮岗条件"
    no = eligibility([("A", D(2022, 9, 1), None)], D(2025, 12, 1), 6)
    assert not no.eligible and "还差 3 年" in no.words_zh and "3 more years" in no.words_en
    none = eligibility([], D(2025, 12, 1), 6)
    assert not none.eligible and "无法判断" in none.words_zh


def test_the_evidence_limits_are_a_dated_local_rule() -> None:
    limits = evidence_limits(D(2026, 1, 1))
    assert limits["local"] is True
    assert limits["pdf_max_bytes"] > 0 and limits["image_longest_side"] > 0
    assert evidence_limits(D(2000, 1, 1)) == limits  # before the first date: the earliest values
