"""The training cycle's arithmetic: 360 hours on both sides, the caps (LOCAL), the cycle
boundaries and the days left, the rolling five years G9 reads, the distribution's bands."""

from __future__ import annotations

import datetime as dt

import pytest

from youjun.core.workforce_training import (
    Cycle,
    band_of,
    counted_hours,
    load_rules,
    per_teacher,
    rolling_window,
    standing,
)

RULES = load_rules(dt.date(2026, 12, 1))


def test_the_rules_say_360_hours_in_5_years_with_the_cycles_as_data() -> None:
    assert RULES.required_hours == 360
    assert RULES.cycle_years == 5
    assert Cycle(2021, 2025) in RULES.cycles and Cycle(2026, 2030) in RULES.cycles
    assert RULES.cycles_local and RULES.caps_local
    assert [t.code for t in RULES.hour_types] == ["onsite", "online", "school_based"]


@pytest.mark.parametrize(("hours", "short", "done"), [(359.5, 0.5, False), (360, 0, True), (360.5, 0, True),
                                                      (0, 360, False)])
def test_both_sides_of_360(hours: float, short: float, done: bool) -> None:
    s = standing({"onsite": hours}, RULES, Cycle(2026, 2030), dt.date(2026, 12, 1))
    assert s.short == short
    assert s.done is done


def test_online_hours_count_up_to_their_local_cap() -> None:
    by_type = {"online": 300.0, "onsite": 100.0}
    assert counted_hours(by_type, RULES.caps) == 280  # 180 online + 100 on-site
    s = standing(by_type, RULES, Cycle(2026, 2030), dt.date(2026, 12, 1))
    assert (s.recorded, s.counted, s.short, s.capped) == (400, 280, 80, 120)
    assert counted_hours(by_type, {}) == 400


@pytest.mark.parametrize(("day", "cycle"), [
    (dt.date(2025, 12, 31), Cycle(2021, 2025)), (dt.date(2026, 1, 1), Cycle(2026, 2030)),
    (dt.date(2021, 1, 1), Cycle(2021, 2025)), (dt.date(2030, 12, 31), Cycle(2026, 2030)),
    (dt.date(2031, 1, 1), Cycle(2031, 2035)), (dt.date(2041, 6, 1), Cycle(2041, 2045)),
    (dt.date(2010, 12, 31), Cycle(2006, 2010)), (dt.date(2006, 1, 1), Cycle(2006, 2010)),
])
def test_the_cycle_of_a_day_at_the_boundaries(day: dt.date, cycle: Cycle) -> None:
    assert RULES.cycle_of(day) == cycle


def test_days_left_to_the_end_of_the_cycle() -> None:
    c = Cycle(2026, 2030)
    assert c.days_left(dt.date(2030, 12, 30)) == 1
    assert c.days_left(dt.date(2030, 12, 31)) == 0
    assert c.days_left(dt.date(2031, 1, 5)) == 0
    assert c.days_left(dt.date(2026, 1, 1)) == 1825


def test_the_rolling_five_years_of_a_school_year() -> None:
    assert rolling_window("2025-2026") == (dt.date(2021, 9, 1), dt.date(2026, 8, 31))


def test_bands_and_per_teacher() -> None:
    bands = RULES.bands
    assert [band_of(h, bands) for h in (0, 89.9, 90, 359.9, 360, 900)] == [0, 0, 1, 3, 4, 4]
    assert per_teacher(10_000, 3) == 3333
    assert per_teacher(10_000, 0) is None
