from __future__ import annotations

import datetime as dt

from youjun.core.overview import RangeProblem, YearRange, default_range, parse_range, stock_day

TODAY = dt.date(2026, 12, 2)


def test_the_default_is_the_last_five_full_calendar_years() -> None:
    assert default_range(TODAY) == YearRange(2021, 2025)
    assert parse_range("", None, TODAY) == YearRange(2021, 2025)


def test_a_range_asked_is_kept() -> None:
    assert parse_range("2019", "2023", TODAY) == YearRange(2019, 2023)
    assert parse_range("2026", "2026", TODAY) == YearRange(2026, 2026)


def test_bad_ranges_are_refused_in_words() -> None:
    reversed_ = parse_range("2024", "2020", TODAY)
    assert isinstance(reversed_, RangeProblem) and "晚于" in reversed_.zh and reversed_.value == "2024–2020"
    early = parse_range("1999", "2020", TODAY)
    assert isinstance(early, RangeProblem) and "2000" in early.zh
    future = parse_range("2021", "2027", TODAY)
    assert isinstance(future, RangeProblem) and "2026" in future.zh
    assert isinstance(parse_range("二〇二一", "2022", TODAY), RangeProblem)


def test_a_stock_is_counted_at_the_end_of_the_last_year_or_today() -> None:
    assert stock_day(2023, TODAY) == dt.date(2023, 12, 31)
    assert stock_day(2026, TODAY) == TODAY
