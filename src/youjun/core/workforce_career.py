"""Pure rules of the teachers' career records: years at a school and rotation eligibility in
words, ID-card numbers recognised in an upload (refused, never stored), and the evidence-file
limits in force (``rules/workforce/evidence.yaml``, a local rule). No framework here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

WORKFORCE_DIR = "workforce"
# a resident identity card number (GB 11643): 6-digit area, 8-digit birth date, 3-digit order,
# a check character; refused whether or not the check character is right (a typo is still personal)
ID_CARD = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])"
                     r"(?![0-9A-Za-z])")
ID_CARD_HEADERS = ("身份证号", "身份证号码", "身份证", "公民身份号码", "证件号码", "id card", "id card number",
                   "id number")


def find_id_card(text: str) -> str | None:
    """The first ID-card-shaped number in ``text`` (18 characters, a plausible birth date), or None."""
    m = ID_CARD.search(text or "")
    return m.group(1) if m else None


def mask_id(number: str) -> str:
    """An ID-card number as a refusal may quote it: the first 3 and the last character only."""
    return number[:3] + "*" * (len(number) - 4) + number[-1:] if len(number) > 4 else "*" * len(number)


def is_id_card_header(header: str) -> bool:
    h = " ".join((header or "").split()).casefold()
    return h in ID_CARD_HEADERS or "身份证" in h


def full_years(start: dt.date, today: dt.date) -> int:
    """Whole years from ``start`` to ``today`` (0 before the first anniversary)."""
    if today < start:
        return 0
    years = today.year - start.year
    if (today.month, today.day) < (start.month, start.day):
        years -= 1
    return years


@dataclass(frozen=True)
class Eligibility:
    """Rotation eligibility (交流轮岗条件): years taught at the current school without a break
    against the minimum the assessment's rule G11 uses."""

    years: int
    min_years: int
    since: dt.date | None

    @property
    def eligible(self) -> bool:
        return self.since is not None and self.years >= self.min_years

    @property
    def words_zh(self) -> str:
        if self.since is None:
            return "没有在本区县学校的任职记录，无法判断交流轮岗条件"
        if self.eligible:
            return f"在本校连续任教 {self.years} 年，已满 {self.min_years} 年，符合交流轮岗条件"
        return (f"在本校连续任教 {self.years} 年，未满 {self.min_years} 年，"
                f"还差 {self.min_years - self.years} 年符合交流轮岗条件")

    @property
    def words_en(self) -> str:
        if self.since is None:
            return "No post at a school of the district on record: rotation eligibility cannot be told"
        if self.eligible:
            return (f"{self.years} years at this school without a break, at least {self.min_years}: "
                    "eligible for rotation")
        return (f"{self.years} years at this school without a break, fewer than {self.min_years}: eligible for "
                f"rotation in {self.min_years - self.years} more years")


def continuous_start(stretches: list[tuple[Any, dt.date, dt.date | None]]) -> dt.date | None:
    """The start of the unbroken stay at the current school: ``stretches`` are (school, start,
    end) in order of time; the last open one is the current; earlier stretches at the same school
    that join it without a gap (≤ 1 day) extend it back."""
    if not stretches or stretches[-1][2] is not None:
        return None
    school, start, _ = stretches[-1]
    for other, s, e in reversed(stretches[:-1]):
        if other != school or e is None or (start - e).days > 1:
            break
        start = s
    return start


def eligibility(stretches: list[tuple[Any, dt.date, dt.date | None]], today: dt.date, min_years: int) -> Eligibility:
    since = continuous_start(stretches)
    return Eligibility(full_years(since, today) if since else 0, min_years, since)


def evidence_limits(as_of: dt.date, rules_dir: Path | str | None = None) -> dict[str, Any]:
    """The evidence-file limits in force on ``as_of``."""
    raw = read_yaml(rules_root(rules_dir) / WORKFORCE_DIR / "evidence.yaml")
    found: dict[str, Any] | None = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = dict(entry["value"])
    if found is None:  # before the first date: the earliest values (a local default, not a law)
        found = dict(raw["values"][min(raw["values"], key=str)]["value"])
    return found
