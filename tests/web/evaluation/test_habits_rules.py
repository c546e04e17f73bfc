"""The pure rules of good habits (youjun.core.habits): which days a habit is due for which grade,
the check-in window on both sides, streaks, rates, terms, and the local rules read from
rules/habits/*.yaml (labelled local, the catalogue an example)."""

from __future__ import annotations

import datetime as dt

import pytest

from youjun.core import habits as rules
from youjun.core.rules import read_yaml, rules_root

D = dt.date
TERM = (D(2025, 9, 1), D(2026, 1, 31))
SCHOOL = frozenset({0, 1, 2, 3, 4})


def schedule(frequency: str, grades: tuple[int, ...] = (3, 4), weekdays: tuple[int, ...] = (),
             start: dt.date = TERM[0], end: dt.date = TERM[1]) -> rules.Schedule:
    return rules.Schedule(frozenset(grades), frequency, start, end, frozenset(weekdays))


def test_daily_habit_is_due_every_day_of_its_active_dates_for_its_grades_only() -> None:
    s = schedule("daily")
    assert s.is_due(D(2025, 11, 15), 3, SCHOOL)  # a Saturday
    assert not s.is_due(D(2025, 11, 15), 5, SCHOOL)  # grade 5 is not one of its grades
    assert not s.is_due(D(2025, 8, 31), 3, SCHOOL)  # the day before it starts
    assert s.is_due(D(2025, 9, 1), 3, SCHOOL) and s.is_due(D(2026, 1, 31), 3, SCHOOL)  # both ends count
    assert not s.is_due(D(2026, 2, 1), 3, SCHOOL)
    assert len(s.due_days(3, D(2025, 11, 10), D(2025, 11, 16), SCHOOL)) == 7


def test_school_days_are_the_local_weekdays() -> None:
    s = schedule("school_days")
    week = s.due_days(4, D(2025, 11, 10), D(2025, 11, 16), SCHOOL)
    assert week == [D(2025, 11, 10), D(2025, 11, 11), D(2025, 11, 12), D(2025, 11, 13), D(2025, 11, 14)]
    assert rules.checkin_rules(D(2025, 11, 1)).school_weekdays == SCHOOL  # from rules/habits/checkin.yaml


def test_weekly_habit_is_due_on_its_days_only() -> None:
    s = schedule("weekly", weekdays=(4,))  # Fridays
    assert s.due_days(3, D(2025, 11, 1), D(2025, 11, 30), SCHOOL) == [D(2025, 11, 7), D(2025, 11, 14),
                                                                      D(2025, 11, 21), D(2025, 11, 28)]


def test_due_days_are_clipped_to_the_active_dates() -> None:
    s = schedule("daily", start=D(2025, 11, 12), end=D(2025, 11, 13))
    assert s.due_days(3, D(2025, 11, 1), D(2025, 11, 30), SCHOOL) == [D(2025, 11, 12), D(2025, 11, 13)]


@pytest.mark.parametrize(("day", "code"), [
    (D(2025, 11, 13), "E1110"),  # tomorrow
    (D(2025, 11, 12), None),  # today
    (D(2025, 11, 9), None),  # 3 days back: the last allowed
    (D(2025, 11, 8), "E1111"),  # 4 days back
])
def test_the_check_in_window_on_both_sides(day: dt.date, code: str | None) -> None:
    today = D(2025, 11, 12)
    if code is None:
        rules.check_day(day, today, 3)
    else:
        with pytest.raises(rules.HabitRuleError) as err:
            rules.check_day(day, today, 3)
        assert err.value.code == code
    assert rules.open_days(today, 3) == [D(2025, 11, 12), D(2025, 11, 11), D(2025, 11, 10), D(2025, 11, 9)]


def test_streaks_count_consecutive_due_days_and_today_does_not_break_them() -> None:
    due = [D(2025, 11, d) for d in (3, 4, 5, 6, 7, 10, 11, 12)]  # school days
    done = [D(2025, 11, d) for d in (3, 4, 6, 7, 10, 11)]  # missed the 5th; today (12th) not yet
    assert rules.streaks(due, done, D(2025, 11, 12)) == (4, 4)  # 6, 7, 10, 11 (the weekend is not due)
    assert rules.streaks(due, [*done, D(2025, 11, 12)], D(2025, 11, 12)) == (5, 5)
    assert rules.streaks(due, [D(2025, 11, 3), D(2025, 11, 4)], D(2025, 11, 12)) == (0, 2)
    assert rules.streaks([], [], D(2025, 11, 12)) == (0, 0)


def test_rate_and_struggling() -> None:
    assert rules.rate(3, 4) == 0.75 and rules.rate(0, 0) is None
    assert rules.struggling({"a": 0.5, "b": 0.9, "c": 0.2, "d": None}, 0.6) == ["c", "a"]


def test_terms_of_a_school_year() -> None:
    assert rules.term_dates("2025-2026", 1) == (D(2025, 9, 1), D(2026, 1, 31))
    assert rules.term_dates("2025-2026", 2) == (D(2026, 2, 1), D(2026, 7, 31))
    assert rules.term_of(D(2025, 12, 24)) == ("2025-2026", 1)
    assert rules.term_of(D(2026, 3, 2)) == ("2025-2026", 2)
    assert rules.term_of(D(2026, 8, 15)) == ("2025-2026", 2)  # the summer belongs to the term before it
    with pytest.raises(rules.HabitRuleError):
        rules.term_dates("2025-2026", 3)


def test_a_definition_is_checked_part_by_part() -> None:
    ok = rules.check_schedule("按时起床", [1, 2], "weekly", [0], ["pupil"], TERM[0], TERM[1], "rise", "life")
    assert ok == []
    bad = rules.check_schedule(" ", [], "weekly", [], ["cat"], TERM[1], TERM[0], "noon", "art")
    assert [p.code for p in bad] == ["E1115"] * 7
    assert {p.context["detail"][1] for p in bad} >= {"the habit has no name", "a weekly habit needs at least one day",
                                                     "the start date must come before the end date"}


def test_the_local_rules_are_labelled_local_and_the_catalogue_an_example() -> None:
    folder = rules_root() / "habits"
    for name in ("slots", "checkin", "catalogue"):
        raw = read_yaml(folder / f"{name}.yaml")
        assert raw["reference"]["local"] is True, name
        assert "本地规则" in raw["reference"]["note"] or "示例" in raw["reference"]["note"], name
    catalogue = rules.example_catalogue(D(2025, 11, 1))
    assert len(catalogue) >= 20
    assert "不是红旗小学" in read_yaml(folder / "catalogue.yaml")["description"]["zh"]
    slots = {s.code for s in rules.slots()}
    for h in catalogue:  # every example habit is a valid definition
        assert h["slot"] in slots
        assert rules.check_schedule(h["zh"], h["grades"], h["frequency"], h.get("weekdays") or [], h["checkers"],
                                    TERM[0], TERM[1], h["slot"], h["dimension"]) == [], h["code"]
    assert [s.zh for s in rules.slots()] == ["晨起", "到校", "课间", "午餐", "放学", "晚间", "睡前"]
