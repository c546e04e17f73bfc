"""Comprehensive quality evaluation (综合素质评价), pure: the dimensions and record kinds as data,
the local settings (``rules/quality/*.yaml`` with a district's own values laid over them), the
workflow states as data, the publication window in school days, the grade quotas and the
safeguards' detection (the same evidence file across pupils, entries in bulk by one account).

Nothing here knows about Django; ``youjun.web.apps.quality`` stores and enforces.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root
from youjun.core.school_year import school_year_of

QUALITY_DIR = "quality"
GRADES = ("A", "B", "C", "D")
TERMS = (1, 2)
FAMILY, TEACHER, SYSTEM = "family", "teacher", "system"
# the district settings a bureau may change (the rest are the platform's)
DISTRICT_KEYS = ("selection_cap_per_dimension", "publication_days", "grades_per", "quota_pct")


class QualityRulesError(ValueError):
    """A rules file or a district setting that cannot be used (catalogue E1105)."""

    def __init__(self, detail: str, detail_zh: str = "") -> None:
        super().__init__(detail)
        self.detail = detail
        self.detail_zh = detail_zh or detail


@dataclass(frozen=True)
class Named:
    code: str
    zh: str
    en: str
    by: str = ""

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


# --- the workflow, as data ------------------------------------------------------------------
# A pupil's term record: open (records are entered and selected) -> confirmed (by the head
# teacher, after the class's publication window closed with every objection answered) -> locked
# (signed by the pupil or a guardian with their own account; nothing changes after, the bureau
# only adds an addendum).
TERM_STATES: dict[str, tuple[str, str]] = {
    "open": ("填写中", "open"),
    "confirmed": ("教师已确认，待学生签字", "confirmed, awaiting the pupil's signature"),
    "locked": ("已签字归档", "signed and archived"),
}
TERM_STEPS: dict[str, tuple[str, str, str]] = {  # step -> (from, to, who)
    "confirm": ("open", "confirmed", "head_teacher"),
    "sign": ("confirmed", "locked", "family"),
}
OBJECTION_STATES: dict[str, tuple[str, str]] = {
    "open": ("待答复", "awaiting an answer"),
    "upheld": ("异议成立，记录已撤回", "upheld: the record is withdrawn"),
    "rejected": ("异议不成立", "rejected"),
    "corrected": ("异议成立，记录已更正", "upheld: the record is corrected"),
}


def step(state: str, action: str) -> str:
    """The state after ``action`` from ``state``; ValueError when the step does not start there."""
    source, target, _ = TERM_STEPS[action]
    if state != source:
        raise ValueError(f"{action} needs state {source}, not {state}")
    return target


# --- rules and settings ---------------------------------------------------------------------

def _in_force(path: Path, as_of: dt.date) -> Any:
    raw = read_yaml(path)
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise QualityRulesError(f"{path.name} has no value in force on {as_of.isoformat()}")
    return found


@dataclass(frozen=True)
class QualityRules:
    dimensions: tuple[Named, ...]
    kinds: tuple[Named, ...]
    settings: dict[str, Any]

    def dimension(self, code: str) -> Named:
        return next(d for d in self.dimensions if d.code == code)

    def kind(self, code: str) -> Named:
        return next(k for k in self.kinds if k.code == code)

    def kinds_by(self, by: str) -> tuple[Named, ...]:
        return tuple(k for k in self.kinds if k.by == by)


def load_rules(as_of: dt.date | None = None, rules_dir: Path | str | None = None,
               district_values: Mapping[str, Any] | None = None) -> QualityRules:
    """The dimensions, kinds and settings in force on ``as_of``, with a district's values over them."""
    folder = rules_root(rules_dir) / QUALITY_DIR
    day = as_of or dt.date.today()
    dims = _in_force(folder / "dimensions.yaml", day)
    settings = dict(_in_force(folder / "settings.yaml", day))
    settings.update(check_district_values(district_values or {}))
    return QualityRules(tuple(Named(d["code"], d["zh"], d["en"]) for d in dims["dimensions"]),
                        tuple(Named(k["code"], k["zh"], k["en"], k["by"]) for k in dims["kinds"]), settings)


def check_district_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A district's own settings, checked (QualityRulesError names the first wrong one)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in DISTRICT_KEYS:
            raise QualityRulesError(f"unknown setting {key}", f"没有设置项 {key}")
        if key in ("selection_cap_per_dimension", "publication_days"):
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 30:
                raise QualityRulesError(f"{key} must be a whole number from 1 to 30",
                                        "代表性记录数和公示天数须为 1–30 的整数")
        elif key == "grades_per":
            if value not in ("graduation", "term"):
                raise QualityRulesError("grades are given at graduation or per term", "等级评定须为“毕业时”或“每学期”")
        elif key == "quota_pct":
            if not isinstance(value, Mapping) or any(g not in GRADES for g in value):
                raise QualityRulesError("quotas are given for the grades A–D", "比例上限只能设在 A、B、C、D 等级上")
            for pct in value.values():
                if not isinstance(pct, int | float) or isinstance(pct, bool) or not 0 < pct <= 100:
                    raise QualityRulesError("a quota is a percentage above 0 and at most 100",
                                            "比例上限须大于 0 且不超过 100%")
        out[key] = value
    return out


# --- terms and the publication window -------------------------------------------------------

def school_year_and_term(day: dt.date) -> tuple[str, int]:
    """The school year ("2025-2026") and term (1: September–January, 2: February–August) of a day."""
    term = 1 if day.month >= 9 or day.month == 1 else 2
    return school_year_of(day), term


def term_bounds(school_year: str, term: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a term: term 1 September–January, term 2 February–August."""
    start = int(school_year[:4])
    if term == 1:
        return dt.date(start, 9, 1), dt.date(start + 1, 1, 31)
    return dt.date(start + 1, 2, 1), dt.date(start + 1, 8, 31)


def terms_begun(school_year: str, today: dt.date) -> tuple[int, ...]:
    """The terms of ``school_year`` that have begun by ``today`` (a term not begun is not offered)."""
    return tuple(t for t in TERMS if term_bounds(school_year, t)[0] <= today)


def publication_end(start: dt.date, school_days: int) -> dt.date:
    """The last day of a window of ``school_days`` school days (Monday–Friday) from ``start``
    (``start`` counts when it is a school day)."""
    if school_days < 1:
        raise ValueError("a window lasts at least one school day")
    day, counted = start, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == school_days:
                return day
        day += dt.timedelta(days=1)


def window_state(opens: dt.date, closes: dt.date, today: dt.date) -> str:
    """"before", "open" or "closed" (the closing day is still open)."""
    if today < opens:
        return "before"
    return "open" if today <= closes else "closed"


# --- grades and quotas ----------------------------------------------------------------------

@dataclass(frozen=True)
class QuotaBreach:
    grade: str
    pct: float
    count: int  # pupils with the grade if the proposal were accepted
    limit: int  # the most allowed
    cohort: int  # the graduates it is a share of


def quota_limit(pct: float, cohort: int) -> int:
    """The most pupils of ``cohort`` allowed a grade capped at ``pct``% (never more than the share)."""
    return math.floor(cohort * pct / 100 + 1e-9)


def check_quota(grade: str, count_after: int, cohort: int, quota_pct: Mapping[str, float]) -> QuotaBreach | None:
    """A breach when ``count_after`` pupils of ``cohort`` with ``grade`` exceed its quota."""
    if grade not in quota_pct:
        return None
    pct = float(quota_pct[grade])
    limit = quota_limit(pct, cohort)
    return QuotaBreach(grade, pct, count_after, limit, cohort) if count_after > limit else None


# --- safeguards -----------------------------------------------------------------------------

def reused_evidence(rows: Iterable[tuple[str, int, int]]) -> dict[str, dict[str, Any]]:
    """The file hashes attached to records of more than one pupil: rows are (sha256, pupil, record);
    returns sha256 -> {"pupils": sorted pupil ids, "records": sorted record ids}."""
    pupils: dict[str, set[int]] = defaultdict(set)
    records: dict[str, set[int]] = defaultdict(set)
    for sha, pupil, record in rows:
        pupils[sha].add(pupil)
        records[sha].add(record)
    return {sha: {"pupils": sorted(p), "records": sorted(records[sha])}
            for sha, p in sorted(pupils.items()) if len(p) > 1}


@dataclass(frozen=True)
class BulkRun:
    entered_by: int
    pupils: int
    records: tuple[int, ...]
    first: dt.datetime
    last: dt.datetime


def bulk_entries(rows: Iterable[tuple[int, int, int, dt.datetime]], min_pupils: int, minutes: int) -> list[BulkRun]:
    """Runs of records entered by one account for at least ``min_pupils`` different pupils within
    ``minutes``: rows are (entered_by, pupil, record, entered_at). Each account's densest run is
    reported once (a flag asks for a look; it never blocks)."""
    by_user: dict[int, list[tuple[dt.datetime, int, int]]] = defaultdict(list)
    for user, pupil, record, at in rows:
        by_user[user].append((at, pupil, record))
    span = dt.timedelta(minutes=minutes)
    out = []
    for user, items in sorted(by_user.items()):
        items.sort()
        best: tuple[int, int, int] | None = None  # (pupils, start, end)
        start = 0
        for end in range(len(items)):
            while items[end][0] - items[start][0] > span:
                start += 1
            n = len({p for _, p, _ in items[start:end + 1]})
            if n >= min_pupils and (best is None or n > best[0]):
                best = (n, start, end)
        if best is not None:
            n, s, e = best
            out.append(BulkRun(user, n, tuple(r for _, _, r in items[s:e + 1]), items[s][0], items[e][0]))
    return out
