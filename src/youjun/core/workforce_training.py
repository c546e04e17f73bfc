"""The training ledger's arithmetic: each teacher's 5-year training cycle (at least 360 hours),
the hours that count by type (LOCAL caps), the shortfall and the days left, the rolling five
years the assessment's G9 reads, and the bands of the hours distribution.

The numbers are data (``rules/workforce/training-cycle.yaml``): the 360 hours and the 5-year
cycle are national (教师〔2011〕1号); the cycles' years and the caps are LOCAL. No framework here:
the web app passes hours it summed from its records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

RULES_FILE = Path("workforce") / "training-cycle.yaml"
HOUR_TYPES = ("onsite", "online", "school_based")
LEVELS = ("national", "municipal", "district", "area", "school")


@dataclass(frozen=True)
class Cycle:
    """A training cycle of whole calendar years: 1 January of ``start_year`` to 31 December of
    ``end_year``."""

    start_year: int
    end_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.end_year, 12, 31)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` to the cycle's last day (0 on it and after)."""
        return max((self.end - today).days, 0)

    @property
    def label(self) -> str:
        return f"{self.start_year}–{self.end_year}"


@dataclass(frozen=True)
class Named:
    code: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class CycleRules:
    required_hours: float
    cycle_years: int
    cycles: tuple[Cycle, ...]
    caps: Mapping[str, float | None]
    hour_types: tuple[Named, ...]
    levels: tuple[Named, ...]
    bands: tuple[int, ...]
    cycles_local: bool = True
    caps_local: bool = True

    def cycle_of(self, day: dt.date) -> Cycle:
        """The configured cycle holding ``day``; outside the list, cycles go on in steps of
        ``cycle_years`` from the first or the last one."""
        for cycle in self.cycles:
            if cycle.contains(day):
                return cycle
        first, last = self.cycles[0], self.cycles[-1]
        n = self.cycle_years
        if day > last.end:
            steps = (day.year - last.end_year - 1) // n + 1
            start = last.start_year + steps * n
        else:
            steps = (first.start_year - day.year - 1) // n + 1
            start = first.start_year - steps * n
        return Cycle(start, start + n - 1)

    def cycle_starting(self, start_year: int) -> Cycle:
        return self.cycle_of(dt.date(start_year, 1, 1))

    def hour_type(self, code: str) -> Named:
        return next((t for t in self.hour_types if t.code == code), Named(code, code, code))

    def level(self, code: str) -> Named:
        return next((t for t in self.levels if t.code == code), Named(code, code, code))


def load_rules(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> CycleRules:
    """The cycle rules in force on ``as_of``."""
    raw = read_yaml(rules_root(rules_dir) / RULES_FILE)
    day = as_of or dt.date.today()
    value: Any = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= day:
            value = entry["value"]
    if value is None:
        raise ValueError(f"{RULES_FILE} has no value in force on {day.isoformat()}")
    return CycleRules(
        required_hours=float(value["required_hours"]), cycle_years=int(value["cycle_years"]),
        cycles=tuple(Cycle(int(c["start"]), int(c["end"])) for c in value["cycles"]),
        caps={k: (None if v is None else float(v)) for k, v in (value.get("caps") or {}).items()},
        hour_types=tuple(Named(t["code"], t["zh"], t["en"]) for t in value["hour_types"]),
        levels=tuple(Named(t["code"], t["zh"], t["en"]) for t in value["levels"]),
        bands=tuple(int(b) for b in value["bands"]),
        cycles_local=bool(value.get("cycles_local", True)), caps_local=bool(value.get("caps_local", True)))


def counted_hours(by_type: Mapping[str, float], caps: Mapping[str, float | None]) -> float:
    """The hours that count towards the cycle: each type's hours up to its cap (if any)."""
    total = 0.0
    for code, hours in by_type.items():
        cap = caps.get(code)
        total += min(float(hours), cap) if cap is not None else float(hours)
    return round(total, 1)


@dataclass(frozen=True)
class Standing:
    """A teacher's place in a cycle."""

    by_type: Mapping[str, float]  # hours recorded, by hour type
    recorded: float  # all hours recorded
    counted: float  # the hours that count (caps applied)
    required: float
    short: float  # hours still missing (0 when done)
    days_left: int
    cycle: Cycle

    @property
    def done(self) -> bool:
        return self.short <= 0

    @property
    def capped(self) -> float:
        """Hours recorded that do not count because of a cap."""
        return round(self.recorded - self.counted, 1)


def standing(by_type: Mapping[str, float], rules: CycleRules, cycle: Cycle, today: dt.date) -> Standing:
    counted = counted_hours(by_type, rules.caps)
    recorded = round(sum(float(h) for h in by_type.values()), 1)
    short = round(max(rules.required_hours - counted, 0.0), 1)
    return Standing(dict(by_type), recorded, counted, rules.required_hours, short, cycle.days_left(today), cycle)


def rolling_window(school_year: str, years: int = 5) -> tuple[dt.date, dt.date]:
    """The ``years`` years up to the end of ``school_year`` ("2025-2026": 1 Sept 2021 to 31
    Aug 2026): the workbook's 近五年 (training_hours_5y) read from the ledger."""
    end_year = int(school_year[5:9])
    return dt.date(end_year - years, 9, 1), dt.date(end_year, 8, 31)


def band_of(hours: float, bands: tuple[int, ...]) -> int:
    """The index of the band holding ``hours`` (bands are ascending lower bounds, the first 0)."""
    index = 0
    for i, low in enumerate(bands):
        if hours >= low:
            index = i
    return index


def band_labels(bands: tuple[int, ...]) -> list[tuple[str, str]]:
    """(zh, en) words of each band: "0–89 学时" … "360 学时及以上"."""
    out = []
    for i, low in enumerate(bands):
        if i + 1 < len(bands):
            high = bands[i + 1]
            out.append((f"{low}–{high} 学时（不含 {high}）", f"{low} to under {high} hours"))
        else:
            out.append((f"{low} 学时及以上", f"{low} hours or more"))
    return out


def per_teacher(spend: float, teachers: int) -> float | None:
    """Spend per teacher trained, to the yuan (None when nobody was trained)."""
    return round(spend / teachers, 0) if teachers else None
