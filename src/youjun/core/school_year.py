"""The school year a day belongs to: it starts on 1 September ("2025-2026")."""

from __future__ import annotations

import datetime as dt


def start_year(day: dt.date) -> int:
    """The calendar year the school year of ``day`` started in."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_of(day: dt.date) -> str:
    start = start_year(day)
    return f"{start}-{start + 1}"
