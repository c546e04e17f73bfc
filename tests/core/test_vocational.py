"""The vocational centre's pure figures: the double-qualified rule as read, the share on a day,
new recognitions over years, pass and destination rates."""

from __future__ import annotations

import datetime as dt

from youjun.core import vocational as v

D = dt.date


def test_the_rule_reads_the_national_reference_and_local_denominator() -> None:
    rule = v.double_qualified_rule(D(2025, 12, 31))
    assert rule.reference["number"] == "教师厅〔2022〕2号"
    assert rule.reference["confidence"] == "M"
    assert rule.codes("levels") == ("junior", "middle", "senior")
    assert "practice" in rule.codes("bases") and "qualification" in rule.codes("bases")
    assert rule.expiry_years is None and rule.local and rule.denominator == "full_time"
    assert rule.word("levels", "middle", "zh") == "中级"


def test_share_counts_full_time_teachers_in_post_with_a_recognition_in_force() -> None:
    day = D(2025, 12, 31)
    teachers = [
        v.TeacherSpan(True, D(2020, 1, 1), None, ((D(2021, 5, 1), None),)),
        v.TeacherSpan(True, None, None, ((D(2026, 1, 5), None),)),  # recognised after the day
        v.TeacherSpan(True, None, None, ((D(2020, 1, 1), D(2024, 12, 31)),)),  # expired
        v.TeacherSpan(True, None, D(2025, 6, 30), ((D(2020, 1, 1), None),)),  # left
        v.TeacherSpan(False, None, None, ((D(2020, 1, 1), None),)),  # part-time: not counted
    ]
    share = v.double_qualified_share(teachers, day)
    assert (share.numerator, share.denominator) == (1, 3)
    assert round(share.percent or 0, 1) == 33.3
    assert v.double_qualified_share([], day).percent is None


def test_new_recognitions_count_first_recognitions_within_the_years() -> None:
    teachers = [
        v.TeacherSpan(True, None, None, ((D(2025, 3, 1), None),)),
        v.TeacherSpan(True, None, None, ((D(2019, 3, 1), D(2024, 2, 28)), (D(2025, 3, 1), None))),  # renewal
        v.TeacherSpan(True, None, None, ()),
    ]
    assert v.new_recognitions(teachers, 2025, 2025) == 1
    assert v.new_recognitions(teachers, 2019, 2025) == 2


def test_expiry_from_a_term_and_rates() -> None:
    assert v.expiry_of(D(2024, 2, 29), 3) == D(2027, 2, 27)
    assert v.expiry_of(D(2024, 9, 1), None) is None
    assert v.pass_rate(40, 34) == 85.0
    assert v.pass_rate(0, 0) is None
    d = v.Destinations(further=60, employed=120, matched=96, other=20)
    assert d.graduates == 200 and d.further_rate == 30.0 and d.employed_rate == 60.0 and d.matched_rate == 80.0
