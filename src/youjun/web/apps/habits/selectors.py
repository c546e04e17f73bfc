"""Reads of habits (scope is checked by the caller through ``habits.access``).

Every rate here is the one definition of ``youjun.core.habits``: counted check-ins / due, over
pupils × due days up to yesterday (a questioned check-in is not counted). Today is still going
on (the evening habits are not due yet), so it is counted apart (``Tally.today``), never in a rate.
``term_summary`` is the reading other apps use (the comprehensive-quality record): see docs/habits.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from youjun.core import habits as rules
from youjun.web.apps.habits import clock
from youjun.web.apps.habits.models import CheckIn, Habit, Praise, TermComment
from youjun.web.apps.platform.models import School
from youjun.web.apps.pupils import selectors as pupil_selectors
from youjun.web.apps.pupils.access import school_year_of
from youjun.web.apps.pupils.models import ClassGroup, Enrolment, Pupil


def school_habits(school: School, *, active_only: bool = False) -> list[Habit]:
    rows = Habit.objects.filter(school=school)
    if active_only:
        rows = rows.filter(active=True)
    order = {s.code: s.order for s in rules.slots()}
    return sorted(rows, key=lambda h: (order.get(h.slot, 99), h.name))


def class_of(pupil: Pupil, day: dt.date) -> ClassGroup | None:
    """The pupil's class in the school year of ``day`` (None when not enrolled that year)."""
    row = (Enrolment.objects.filter(pupil=pupil, school_year=school_year_of(day))
           .select_related("class_group__school").first())
    return row.class_group if row else None


def habits_for_grade(school: School, grade: int) -> list[Habit]:
    return [h for h in school_habits(school, active_only=True) if grade in {int(g) for g in h.grades}]


# --- a pupil's day ----------------------------------------------------------------------------

@dataclass
class DueRow:
    habit: Habit
    checkin: CheckIn | None
    may_tick: bool
    may_withdraw: bool = False  # set by the page: the family may take its tick back


@dataclass
class SlotGroup:
    slot: rules.Slot
    rows: list[DueRow]


def pupil_day(pupil: Pupil, day: dt.date, role: str | None) -> tuple[ClassGroup | None, list[SlotGroup]]:
    """The habits due for ``pupil`` on ``day`` by slot, each with its check-in (if any) and
    whether a checker of kind ``role`` may tick it."""
    class_group = class_of(pupil, day)
    if class_group is None:
        return None, []
    weekdays = rules.checkin_rules(day).school_weekdays
    due = [h for h in habits_for_grade(pupil.school, class_group.grade) if h.is_due(day, class_group.grade, weekdays)]
    done = {c.habit_id: c for c in CheckIn.objects.filter(pupil=pupil, day=day, habit__in=due).select_related("by")}
    groups: list[SlotGroup] = []
    for slot in rules.slots(day):
        rows = [DueRow(h, done.get(h.pk), role in h.checkers) for h in due if h.slot == slot.code]
        if rows:
            groups.append(SlotGroup(slot, rows))
    return class_group, groups


# --- a class's grid ---------------------------------------------------------------------------

def grid_habits(class_group: ClassGroup, day: dt.date) -> list[Habit]:
    """Habits of the school-time slots due for the class on ``day`` that a teacher may tick."""
    school_slots = {s.code for s in rules.slots(day) if s.school_time}
    weekdays = rules.checkin_rules(day).school_weekdays
    return [h for h in habits_for_grade(class_group.school, class_group.grade)
            if h.slot in school_slots and "teacher" in h.checkers and h.is_due(day, class_group.grade, weekdays)]


def checkins_of(pupils: Iterable[Pupil], habits: Iterable[Habit], start: dt.date,
                end: dt.date) -> dict[tuple[int, int, dt.date], CheckIn]:
    rows = CheckIn.objects.filter(pupil__in=list(pupils), habit__in=list(habits), day__gte=start, day__lte=end)
    return {(c.habit_id, c.pupil_id, c.day): c for c in rows.select_related("by", "reviewed_by")}


# --- tallies: due, done, rates ----------------------------------------------------------------

@dataclass
class Count:
    due: int = 0
    done: int = 0

    @property
    def rate(self) -> float | None:
        return rules.rate(self.done, self.due)

    def add(self, due: int, done: int) -> None:
        self.due += due
        self.done += done


@dataclass
class PupilTally:
    pupil: Pupil
    count: Count = field(default_factory=Count)
    best_current: int = 0  # the longest current streak over the habits
    best_current_habit: str = ""
    longest: int = 0


@dataclass
class Tally:
    start: dt.date
    end: dt.date  # the last day counted (never after yesterday: today is counted apart)
    pupils: int
    habits: list[Habit]
    total: Count
    by_habit: dict[int, Count]
    by_day: dict[dt.date, Count]
    by_week: dict[dt.date, Count]  # Monday -> count
    by_dimension: dict[str, Count]
    by_pupil: dict[int, PupilTally]
    today: Count | None = None  # today so far, when today is in the window (not in any rate above)


def tally(pupils: Sequence[Pupil], habits: Sequence[Habit], grade: int, start: dt.date, end: dt.date,
          today: dt.date | None = None) -> Tally:
    """Due and counted check-ins of ``pupils`` (all of ``grade``) for ``habits`` from ``start``
    to ``end`` (clipped to yesterday), by habit, day, week, dimension and pupil, with streaks
    (which count today's ticks: today not yet ticked does not break one); today so far apart."""
    today = today or clock.today()
    last = min(end, today)
    counted_last = min(end, today - dt.timedelta(days=1))
    weekdays = rules.checkin_rules(start).school_weekdays
    found = {k for k, c in checkins_of(pupils, habits, start, last).items() if c.counted}
    total, by_habit = Count(), {h.pk: Count() for h in habits}
    today_count = Count() if start <= today <= end else None
    by_day: dict[dt.date, Count] = {d: Count() for d in rules.days(start, counted_last)}
    by_week: dict[dt.date, Count] = defaultdict(Count)
    by_dim: dict[str, Count] = defaultdict(Count)
    by_pupil = {p.pk: PupilTally(p) for p in pupils}
    for h in habits:
        if not h.active:
            continue
        due_days = h.schedule().due_days(grade, start, last, weekdays)
        for p in pupils:
            done_days = [d for d in due_days if (h.pk, p.pk, d) in found]
            t = by_pupil[p.pk]
            current, longest = rules.streaks(due_days, done_days, today)
            if current > t.best_current:
                t.best_current, t.best_current_habit = current, h.name
            t.longest = max(t.longest, longest)
            done_set = set(done_days)
            if today_count is not None and today in due_days:
                today_count.add(1, 1 if today in done_set else 0)
            due_n = sum(1 for d in due_days if d <= counted_last)
            done_n = sum(1 for d in done_days if d <= counted_last)
            t.count.add(due_n, done_n)
            by_habit[h.pk].add(due_n, done_n)
            by_dim[h.dimension].add(due_n, done_n)
            total.add(due_n, done_n)
            for d in due_days:
                if d > counted_last:
                    continue
                hit = 1 if d in done_set else 0
                by_day[d].add(1, hit)
                by_week[rules.week_start(d)].add(1, hit)
    return Tally(start, counted_last, len(pupils), list(habits), total, by_habit, by_day,
                 dict(sorted(by_week.items())), dict(by_dim), by_pupil, today_count)


def class_tally(class_group: ClassGroup, start: dt.date, end: dt.date, today: dt.date | None = None) -> Tally:
    pupils = pupil_selectors.pupils_of_class(class_group)
    return tally(pupils, habits_for_grade(class_group.school, class_group.grade), class_group.grade, start, end,
                 today)


@dataclass
class ClassRate:
    class_group: ClassGroup
    pupils: int
    count: Count
    struggles: list[str]


def school_tally(school: School, school_year: str, start: dt.date, end: dt.date,
                 today: dt.date | None = None) -> tuple[list[ClassRate], dict[str, Count], Count]:
    """Each class's rate over the window, the school's rate per dimension and in all."""
    threshold = rules.checkin_rules(start).struggle_rate
    out: list[ClassRate] = []
    dims: dict[str, Count] = defaultdict(Count)
    total = Count()
    for c in ClassGroup.objects.filter(school=school, school_year=school_year).order_by("grade", "number"):
        t = class_tally(c, start, end, today)
        names = {h.pk: h.name for h in t.habits}
        struggles = [names[k] for k in rules.struggling({k: v.rate for k, v in t.by_habit.items()}, threshold)]
        out.append(ClassRate(c, t.pupils, t.total, struggles))
        for k, v in t.by_dimension.items():
            dims[k].add(v.due, v.done)
        total.add(t.total.due, t.total.done)
    return out, dict(dims), total


# --- a class's review -------------------------------------------------------------------------

@dataclass
class Missing:
    pupil: Pupil
    habits: list[Habit]
    due: int


def review_data(class_group: ClassGroup, start: dt.date, end: dt.date) -> dict[str, object]:
    """Who has not checked in (per pupil: the due habits without a check-in), the family
    check-ins to confirm or question, and the praise notes, from ``start`` to ``end``."""
    pupils = pupil_selectors.pupils_of_class(class_group)
    habits = habits_for_grade(class_group.school, class_group.grade)
    weekdays = rules.checkin_rules(start).school_weekdays
    found = checkins_of(pupils, habits, start, end)
    missing: list[Missing] = []
    for p in pupils:
        absent: list[Habit] = []
        due = 0
        for h in habits:
            for d in h.schedule().due_days(class_group.grade, start, end, weekdays):
                due += 1
                if (h.pk, p.pk, d) not in found and h not in absent:
                    absent.append(h)
        if absent:
            missing.append(Missing(p, absent, due))
    order = {p.pk: i for i, p in enumerate(pupils)}  # by pupil (the class list's order), unreviewed first
    family = sorted((c for c in found.values() if c.by_role != CheckIn.By.TEACHER),
                    key=lambda c: (order.get(c.pupil_id, len(order)), c.review != "", c.day, c.habit.name))
    praises = (Praise.objects.filter(class_group=class_group, day__gte=start, day__lte=end)
               .select_related("pupil", "by", "habit"))
    return {"pupils": pupils, "habits": habits, "missing": missing, "family": family, "praises": list(praises)}


# --- the term summary (read by the comprehensive-quality app) ----------------------------------

@dataclass(frozen=True)
class HabitRate:
    name: str
    dimension: str  # code of rules/habits/slots.yaml dimensions
    due: int
    done: int
    rate: float | None
    kept: bool


@dataclass(frozen=True)
class DimensionRate:
    code: str
    label_zh: str
    label_en: str
    due: int
    done: int
    rate: float | None


@dataclass(frozen=True)
class TermSummary:
    """A pupil's habits over a term, as of ``as_of``: what the comprehensive-quality record
    reads. Rates are counted check-ins / due (0–1, None when nothing was due)."""

    pupil_id: int
    school_year: str
    term: int
    start: dt.date
    end: dt.date  # the last day counted (the term's end, or yesterday within the term)
    as_of: dt.date
    class_name: str
    due: int
    done: int
    rate: float | None
    kept_rate: float  # the local rule: a habit is kept at or above this rate
    habits: tuple[HabitRate, ...]
    habits_kept: tuple[str, ...]
    dimensions: tuple[DimensionRate, ...]
    praises: int
    comment: str  # the teacher's comment ("" when none yet)
    comment_by: str
    comment_at: dt.datetime | None
    counted_from: dt.date | None = None  # the first day a habit was due in the term (None: nothing due)


def term_summary(pupil: Pupil, school_year: str, term: int, today: dt.date | None = None) -> TermSummary:
    """``pupil``'s habits over ``term`` (1 or 2) of ``school_year`` ("2025-2026")."""
    today = today or clock.today()
    start, end = rules.term_dates(school_year, term)
    settings = rules.checkin_rules(start)
    row = (Enrolment.objects.filter(pupil=pupil, school_year=school_year).select_related("class_group__school")
           .first())
    habits: list[HabitRate] = []
    dims: list[DimensionRate] = []
    due = done = 0
    class_name = ""
    counted_from: dt.date | None = None
    last = min(end, today - dt.timedelta(days=1))
    if row is not None:
        c = row.class_group
        class_name = str(c)
        t = tally([pupil], habits_for_grade(c.school, c.grade), c.grade, start, end, today)
        last = t.end
        weekdays = settings.school_weekdays
        firsts = [days[0] for h in t.habits if h.active
                  for days in [h.schedule().due_days(c.grade, start, last, weekdays)] if days]
        counted_from = min(firsts) if firsts else None
        for h in t.habits:
            n = t.by_habit[h.pk]
            if n.due:
                r = n.rate
                habits.append(HabitRate(h.name, h.dimension, n.due, n.done, r,
                                        r is not None and r >= settings.kept_rate))
        labels = rules.dimensions(start)
        for code, (zh, en) in labels.items():
            n = t.by_dimension.get(code, Count())
            if n.due:
                dims.append(DimensionRate(code, zh, en, n.due, n.done, n.rate))
        due, done = t.total.due, t.total.done
    comment = (TermComment.objects.filter(pupil=pupil, school_year=school_year, term=term).select_related("by")
               .first())
    praises = Praise.objects.filter(pupil=pupil, day__gte=start, day__lte=end).count()
    return TermSummary(pupil.pk, school_year, term, start, last, today, class_name, due, done,
                       rules.rate(done, due), settings.kept_rate, tuple(habits),
                       tuple(h.name for h in habits if h.kept), tuple(dims), praises,
                       comment.text if comment else "", str(comment.by) if comment and comment.by else "",
                       comment.at if comment else None, counted_from)
