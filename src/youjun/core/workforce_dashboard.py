"""The workforce dashboard's arithmetic, free of any framework: which qualification is a teacher's
highest, shares and rates per 100 pupils as the assessment computes them, and the dashboard's
local rules (``rules/workforce/dashboard.yaml``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from youjun.core.rules import read_yaml, rules_root
from youjun.core.schema import QUALIFICATION_RANK, SECTION_GRADES

WORKFORCE_DIR = "workforce"


@dataclass(frozen=True)
class DashboardRules:
    new_posts_years: int  # "new posts": on-establishment teachers who started in the last N years
    training_year_back: int  # the headline's training year: today's year minus this
    local: bool = True

    def new_posts_since(self, today: dt.date) -> int:
        """The first calendar year counted as "new" on ``today``."""
        return today.year - self.new_posts_years + 1

    def training_year(self, today: dt.date) -> int:
        return today.year - self.training_year_back


@lru_cache(maxsize=8)
def _in_force(as_of: dt.date, rules_dir: str | None) -> dict[str, Any]:
    raw = read_yaml(rules_root(rules_dir) / WORKFORCE_DIR / "dashboard.yaml")
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"dashboard.yaml has no value in force on {as_of.isoformat()}")
    return dict(found)


def dashboard_rules(as_of: dt.date, rules_dir: str | None = None) -> DashboardRules:
    value = _in_force(as_of, rules_dir)
    return DashboardRules(int(value["new_posts_years"]), int(value["training_year_back"]), bool(value.get("local")))


def highest_qualification(levels: Iterable[str]) -> str:
    """The highest of a teacher's recorded qualification codes ("" when none is known)."""
    known = [lv for lv in levels if lv in QUALIFICATION_RANK]
    return max(known, key=QUALIFICATION_RANK.__getitem__) if known else ""


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent (None for an empty whole: never a made-up 0%)."""
    return part * 100.0 / whole if whole else None


def per100(count: int, pupils: int) -> float | None:
    """Teachers per 100 pupils, as the assessment's r1–r3 (None for a school without pupils)."""
    return count * 100.0 / pupils if pupils else None


def pupils_of(row: Mapping[str, Any], sections: Iterable[str]) -> int:
    """A school's registered pupils of ``sections`` (the sum of its grade columns ``students_gN``)."""
    total = 0
    for section in sections:
        for grade in SECTION_GRADES.get(section, ()):
            try:
                total += int(row.get(f"students_g{grade}"))  # type: ignore[arg-type]
            except (TypeError, ValueError):  # blank, NaN or NA: no pupils recorded
                continue
    return total


def fill_years(counts: Mapping[int, int]) -> list[tuple[int, int]]:
    """(year, count) ascending, every year from the first to the last (0 for a year without any)."""
    if not counts:
        return []
    return [(y, int(counts.get(y, 0))) for y in range(min(counts), max(counts) + 1)]
