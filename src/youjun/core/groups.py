"""Education groups (教育集团) and area-based joint research (片区教研): the pure arithmetic.

- dated memberships: which group a school was in on a day (``group_on``), whether a new
  stretch would put a school in two groups at once (``overlapping``);
- the coverage of quality resources: which schools are covered (their group's lead school holds
  a quality mark in force, ``mark_in_force``) and the share of pupils in them (``coverage``);
- pupil-weighted means by group (``weighted_means``) for the group comparison (the Theil
  decomposition itself is the assessment engine's ``analytics.inequality.theil_decomposition``);
- the rules as data: ``rules/groups/*.yaml`` (local rules, labelled so).

No framework, database or file format is imported here (an import-linter contract).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

GROUPS_DIR = "groups"
ROLES: dict[str, tuple[str, str]] = {"lead": ("龙头校", "lead school"), "member": ("成员校", "member school")}


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


@lru_cache(maxsize=16)
def _rules(name: str, as_of: dt.date, rules_dir: str | None) -> Any:
    return _in_force(rules_root(rules_dir) / GROUPS_DIR / f"{name}.yaml", as_of)


def rules(name: str, as_of: dt.date, rules_dir: Path | str | None = None) -> Any:
    """``rules/groups/<name>.yaml`` in force on ``as_of`` (quality_lead, comparison)."""
    return _rules(name, as_of, str(rules_dir) if rules_dir else None)


# --- dated memberships ------------------------------------------------------------------------

@dataclass(frozen=True)
class Stretch:
    """One membership: ``school`` in ``group`` from ``start`` to ``end`` (inclusive; None: open)."""

    school: Any
    group: Any
    role: str
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def group_on(stretches: Iterable[Stretch], day: dt.date) -> dict[Any, Any]:
    """school -> its group on ``day`` (schools in no group on that day are absent)."""
    return {s.school: s.group for s in stretches if s.covers(day)}


def overlapping(stretches: Iterable[Stretch], start: dt.date, end: dt.date | None) -> list[Stretch]:
    """Those of a school's ``stretches`` that share a day with [start, end]."""
    out = []
    for s in stretches:
        s_end = s.end or dt.date.max
        n_end = end or dt.date.max
        if s.start <= n_end and start <= s_end:
            out.append(s)
    return out


def comparison_date(school_year: str, today: dt.date, month_day: str = "06-30") -> dt.date:
    """The day whose memberships a comparison of ``school_year`` ("2025-2026") uses: the rule's
    month-day in the year's second calendar year, or ``today`` if that is later than today."""
    month, day = int(month_day[:2]), int(month_day[3:])
    second = int(school_year[:4]) + (1 if month < 9 else 0)
    return min(dt.date(second, month, day), today)


# --- quality resources -----------------------------------------------------------------------

def mark_in_force(marked_on: dt.date, withdrawn_on: dt.date | None, day: dt.date, valid_years: int) -> bool:
    """Whether a quality mark of ``marked_on`` counts on ``day`` (0 valid years: until withdrawn)."""
    if marked_on > day or (withdrawn_on is not None and withdrawn_on <= day):
        return False
    if valid_years <= 0:
        return True
    try:
        expires = marked_on.replace(year=marked_on.year + valid_years)
    except ValueError:  # 29 February
        expires = marked_on.replace(year=marked_on.year + valid_years, day=28)
    return day < expires


@dataclass(frozen=True)
class Coverage:
    covered_pupils: int
    total_pupils: int
    covered_schools: int
    total_schools: int

    @property
    def percent(self) -> float | None:
        """Covered pupils as a percent of all pupils (None when there are no pupils)."""
        return 100.0 * self.covered_pupils / self.total_pupils if self.total_pupils else None

    @property
    def complete(self) -> bool:
        """Every pupil covered: the only case in which '100%' may be said."""
        return self.total_pupils > 0 and self.covered_pupils == self.total_pupils


def coverage(pupils: Mapping[Any, int], covered: Iterable[Any]) -> Coverage:
    """Coverage of the schools of ``pupils`` (school -> pupils) by the ``covered`` schools."""
    chosen = set(covered) & set(pupils)
    return Coverage(sum(int(pupils[s]) for s in chosen), sum(int(v) for v in pupils.values()),
                    len(chosen), len(pupils))


def weighted_means(values: Sequence[float], weights: Sequence[float], labels: Sequence[Any]) -> dict[Any, float]:
    """label -> the weighted mean of its values (pupil-weighted: Σ wᵢxᵢ / Σ wᵢ)."""
    if not (len(values) == len(weights) == len(labels)):
        raise ValueError("values, weights and labels must have one entry per school")
    num: dict[Any, float] = {}
    den: dict[Any, float] = {}
    for x, w, g in zip(values, weights, labels, strict=True):
        num[g] = num.get(g, 0.0) + float(x) * float(w)
        den[g] = den.get(g, 0.0) + float(w)
    return {g: num[g] / den[g] for g in num if den[g] > 0}
