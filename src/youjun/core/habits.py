"""Good-habit formation (习惯培养), pure: schedules, due check-ins, the check-in window, streaks,
completion rates and terms. Nothing here knows about Django.

The numbers are local rules in ``rules/habits/*.yaml`` (slots, dimensions, the check-in window,
school days, terms, the kept and struggle rates, the example catalogue), each dated and labelled
local. Definitions (口径):

- a habit is *due* for a pupil on a day when the day is within the habit's active dates, the
  pupil's grade is one of the habit's grades and the day matches its frequency (every day;
  school days = the local ``school_weekdays``; weekly on the habit's weekdays);
- *completion rate* = counted check-ins / due, over pupils × due days (a check-in a teacher
  questioned is not counted);
- a *streak* is the run of consecutive due days with a counted check-in; today, not yet
  ticked, does not break it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root
from youjun.core.school_year import school_year_of

HABITS_DIR = "habits"
FREQUENCIES: dict[str, tuple[str, str]] = {
    "daily": ("每天", "Every day"),
    "school_days": ("在校日", "School days"),
    "weekly": ("每周指定日", "Weekly on given days"),
}
CHECKERS: dict[str, tuple[str, str]] = {
    "pupil": ("学生", "Pupil"),
    "parent": ("家长", "Parent"),
    "teacher": ("老师", "Teacher"),
}
WEEKDAYS: tuple[tuple[str, str], ...] = (("周一", "Mon"), ("周二", "Tue"), ("周三", "Wed"), ("周四", "Thu"),
                                         ("周五", "Fri"), ("周六", "Sat"), ("周日", "Sun"))
GRADES = tuple(range(1, 10))


class HabitRuleError(ValueError):
    """A check that failed: ``code`` is a catalogue code (E1110–E1129), ``value`` the offending value."""

    def __init__(self, code: str, value: Any = "", **context: Any) -> None:
        super().__init__(f"{code}: {value}")
        self.code = code
        self.value = value
        self.context = context


# --- the rules as data ------------------------------------------------------------------------

def _in_force(path: Path, as_of: dt.date) -> Any:
    raw = read_yaml(path)
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"{path.name} has no value in force on {as_of.isoformat()}")
    return found


@lru_cache(maxsize=32)
def _rules(name: str, as_of: dt.date, rules_dir: str | None) -> Any:
    return _in_force(rules_root(rules_dir) / HABITS_DIR / f"{name}.yaml", as_of)


def rules(name: str, as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> Any:
    """``rules/habits/<name>.yaml`` in force on ``as_of`` (slots, checkin, catalogue)."""
    return _rules(name, as_of or dt.date.today(), str(rules_dir) if rules_dir else None)


@dataclass(frozen=True)
class Slot:
    code: str
    zh: str
    en: str
    school_time: bool
    order: int

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def slots(as_of: dt.date | None = None) -> list[Slot]:
    raw = rules("slots", as_of)["slots"]
    return [Slot(s["code"], s["zh"], s["en"], bool(s["school_time"]), i) for i, s in enumerate(raw)]


def dimensions(as_of: dt.date | None = None) -> dict[str, tuple[str, str]]:
    return {d["code"]: (d["zh"], d["en"]) for d in rules("slots", as_of)["dimensions"]}


@dataclass(frozen=True)
class CheckinRules:
    max_days_back: int
    school_weekdays: frozenset[int]
    terms: Mapping[int, tuple[str, str]]  # term -> ("MM-DD" start, "MM-DD" end)
    kept_rate: float
    struggle_rate: float
    max_note: int
    max_comment: int


def checkin_rules(as_of: dt.date | None = None) -> CheckinRules:
    raw = rules("checkin", as_of)
    return CheckinRules(int(raw["max_days_back"]), frozenset(int(d) for d in raw["school_weekdays"]),
                        {int(k): (str(v["start"]), str(v["end"])) for k, v in raw["terms"].items()},
                        float(raw["kept_rate"]), float(raw["struggle_rate"]), int(raw["max_note"]),
                        int(raw["max_comment"]))


def example_catalogue(as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """The example habits of ``rules/habits/catalogue.yaml`` (a local example, not an official list)."""
    return [dict(h) for h in rules("catalogue", as_of)["habits"]]


# --- schedules --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Schedule:
    """When a habit is due: its grades, frequency (and weekdays when weekly), active dates."""

    grades: frozenset[int]
    frequency: str
    starts_on: dt.date
    ends_on: dt.date
    weekdays: frozenset[int] = field(default_factory=frozenset)  # 0 = Monday

    def applies_to(self, grade: int) -> bool:
        return grade in self.grades

    def is_due(self, day: dt.date, grade: int, school_weekdays: Iterable[int]) -> bool:
        """Due on ``day`` for a pupil of ``grade``."""
        if not (self.starts_on <= day <= self.ends_on) or grade not in self.grades:
            return False
        if self.frequency == "daily":
            return True
        if self.frequency == "school_days":
            return day.weekday() in set(school_weekdays)
        if self.frequency == "weekly":
            return day.weekday() in self.weekdays
        raise HabitRuleError("E1115", self.frequency, detail=("频次不可识别", "unknown frequency"))

    def due_days(self, grade: int, start: dt.date, end: dt.date, school_weekdays: Iterable[int]) -> list[dt.date]:
        """The days from ``start`` to ``end`` (inclusive) the habit is due for ``grade``."""
        weekdays = frozenset(school_weekdays)
        lo, hi = max(start, self.starts_on), min(end, self.ends_on)
        return [d for d in days(lo, hi) if self.is_due(d, grade, weekdays)]


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(max((end - start).days + 1, 0))]


def check_schedule(name: str, grades: Sequence[int], frequency: str, weekdays: Sequence[int],
                   checkers: Sequence[str], starts_on: dt.date | None, ends_on: dt.date | None,
                   slot: str, dimension: str, as_of: dt.date | None = None) -> list[HabitRuleError]:
    """Every problem of a habit's definition (E1115), each saying which part is wrong."""
    out: list[HabitRuleError] = []

    def bad(value: Any, zh: str, en: str) -> None:
        out.append(HabitRuleError("E1115", value, detail=(zh, en)))

    if not name.strip():
        bad(name, "没有填写习惯名称", "the habit has no name")
    if not grades or any(g not in GRADES for g in grades):
        bad(",".join(str(g) for g in grades), "至少选择一个年级（一至九年级）", "choose at least one grade (1 to 9)")
    if frequency not in FREQUENCIES:
        bad(frequency, "频次不可识别", "unknown frequency")
    elif frequency == "weekly" and (not weekdays or any(d not in range(7) for d in weekdays)):
        bad(",".join(str(d) for d in weekdays), "每周打卡的习惯至少选择一天", "a weekly habit needs at least one day")
    if not checkers or any(c not in CHECKERS for c in checkers):
        bad(",".join(checkers), "至少选择一种打卡人（学生、家长、老师）",
            "choose who ticks it (pupil, parent, teacher)")
    if starts_on is None or ends_on is None or ends_on < starts_on:
        bad(f"{starts_on}–{ends_on}", "启用日期须早于停用日期", "the start date must come before the end date")
    if slot not in {s.code for s in slots(as_of)}:
        bad(slot, "时段不可识别", "unknown time of day")
    if dimension not in dimensions(as_of):
        bad(dimension, "维度不可识别", "unknown dimension")
    return out


# --- the check-in window ----------------------------------------------------------------------

def check_day(day: dt.date, today: dt.date, max_days_back: int) -> None:
    """A check-in may be recorded for today or up to ``max_days_back`` days before it (E1110 for a
    future day, E1111 for an older one)."""
    if day > today:
        raise HabitRuleError("E1110", day.isoformat())
    if (today - day).days > max_days_back:
        raise HabitRuleError("E1111", day.isoformat(), days=max_days_back)


def open_days(today: dt.date, max_days_back: int) -> list[dt.date]:
    """The days a check-in may be recorded for, newest first."""
    return [today - dt.timedelta(days=i) for i in range(max_days_back + 1)]


# --- rates and streaks ------------------------------------------------------------------------

def rate(done: int, due: int) -> float | None:
    """Completion rate = counted check-ins / due; None when nothing was due."""
    return None if due <= 0 else done / due


def streaks(due: Sequence[dt.date], done: Iterable[dt.date], today: dt.date) -> tuple[int, int]:
    """(current, longest) runs of consecutive due days with a check-in, over the due days up to
    ``today``; today, when due and not yet ticked, does not break the current run."""
    ticked = set(done)
    current = longest = run = 0
    past = [d for d in sorted(due) if d <= today]
    for d in past:
        if d in ticked:
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    for d in reversed(past):
        if d in ticked:
            current += 1
        elif d == today:
            continue
        else:
            break
    return current, longest


def struggling(rates: Mapping[Any, float | None], threshold: float) -> list[Any]:
    """The keys whose rate is below ``threshold``, lowest first (no rate: not listed)."""
    found = [(r, k) for k, r in rates.items() if r is not None and r < threshold]
    return [k for _, k in sorted(found)]


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --- terms ------------------------------------------------------------------------------------

def term_dates(school_year: str, term: int, as_of: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of ``term`` (1 or 2) of ``school_year`` ("2025-2026")."""
    terms = checkin_rules(as_of).terms
    if term not in terms:
        raise HabitRuleError("E1119", term)
    first = int(school_year[:4])
    start, end = terms[term]

    def on(mmdd: str) -> dt.date:
        month, day_ = int(mmdd[:2]), int(mmdd[3:])
        return dt.date(first if month >= 9 else first + 1, month, day_)

    return on(start), on(end)


def term_of(day: dt.date, as_of: dt.date | None = None) -> tuple[str, int]:
    """(school year, term) of ``day``; a day between terms belongs to the term before it."""
    year = school_year_of(day)
    for term in sorted(checkin_rules(as_of).terms):
        lo, hi = term_dates(year, term, as_of)
        if lo <= day <= hi:
            return year, term
    return year, 1 if day.month >= 9 else 2
