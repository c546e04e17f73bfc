"""The district overview's year range, free of any framework: the default (the last five full
calendar years) and the range a person asked for, checked (2000 to this year, first ≤ last)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

EARLIEST_YEAR = 2000
DEFAULT_YEARS = 5  # the last five full calendar years (2021–2025 in 2026)


@dataclass(frozen=True)
class YearRange:
    first: int
    last: int

    @property
    def years(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class RangeProblem:
    value: str
    zh: str
    en: str


def default_range(today: dt.date) -> YearRange:
    last = today.year - 1
    return YearRange(last - DEFAULT_YEARS + 1, last)


def parse_range(first: str | None, last: str | None, today: dt.date) -> YearRange | RangeProblem:
    """The range asked (blank parts take the default's), or the problem with it in words."""
    default = default_range(today)
    raw_first, raw_last = (first or "").strip(), (last or "").strip()
    value = f"{raw_first or default.first}–{raw_last or default.last}"
    try:
        a = int(raw_first) if raw_first else default.first
        b = int(raw_last) if raw_last else default.last
    except ValueError:
        return RangeProblem(value, "年份要写四位数字", "years are written as four digits")
    if not (EARLIEST_YEAR <= a <= today.year and EARLIEST_YEAR <= b <= today.year):
        return RangeProblem(value, f"年份须在 {EARLIEST_YEAR} 年至 {today.year} 年之间",
                            f"years must lie between {EARLIEST_YEAR} and {today.year}")
    if a > b:
        return RangeProblem(value, "起始年份晚于截止年份", "the first year is after the last")
    return YearRange(a, b)


def stock_day(last_year: int, today: dt.date) -> dt.date:
    """The day a stock is counted on: the end of the last year asked, or today if that is sooner."""
    return min(dt.date(last_year, 12, 31), today)
