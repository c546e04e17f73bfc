"""The vocational centre's figures, pure: the double-qualified (双师型) definition read from
``rules/vocational/double_qualified.yaml`` (教师厅〔2022〕2号; the denominator a local rule), the
share of double-qualified teachers on a day, new recognitions over calendar years, a 1+X
certificate's pass rate and the graduates' destination rates. Nothing here knows Django.

Definitions (口径):

- a teacher is *in post* on a day when joined ≤ day (or no date) and not left before it;
- a teacher is *recognised* on a day when one of their recognitions is dated on or before it
  and has not expired (an empty expiry runs on; the rule's ``expiry_years`` when set ends a
  recognition that many years after its date);
- the *share* = full-time teachers in post and recognised ÷ full-time teachers in post, on the
  day; none when there is no full-time teacher;
- *new* double-qualified teachers over years = teachers whose first recognition is dated within
  the calendar years (a renewal is not new);
- a certificate's *pass rate* = passes ÷ candidates of the year;
- destinations: graduates = further study + employed + other; 升学率 = further ÷ graduates,
  就业率 = employed ÷ graduates, 对口就业率 = employed in their field ÷ employed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

RULES_FILE = ("vocational", "double_qualified.yaml")


@dataclass(frozen=True)
class Word:
    code: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class DoubleQualifiedRule:
    levels: tuple[Word, ...]
    bases: tuple[Word, ...]
    denominator: str
    expiry_years: int | None
    local: bool
    reference: dict[str, str]
    description: dict[str, str]

    def word(self, kind: str, code: str, lang: str) -> str:
        for w in getattr(self, kind):
            if w.code == code:
                return w.label(lang)
        return code

    def codes(self, kind: str) -> tuple[str, ...]:
        return tuple(w.code for w in getattr(self, kind))


def _in_force(values: Mapping[Any, Any], as_of: dt.date) -> Mapping[str, Any]:
    dated = sorted((dt.date.fromisoformat(str(k)), v) for k, v in values.items())
    found = dated[0][1]  # before the first date: the earliest values
    for effective, entry in dated:
        if effective <= as_of:
            found = entry
    return found["value"]


def double_qualified_rule(as_of: dt.date, rules_dir: Path | str | None = None) -> DoubleQualifiedRule:
    raw = read_yaml(rules_root(rules_dir).joinpath(*RULES_FILE))
    value = _in_force(raw["values"], as_of)
    years = value.get("expiry_years")
    ref = raw.get("reference") or {}
    return DoubleQualifiedRule(
        levels=tuple(Word(str(w["code"]), str(w["zh"]), str(w["en"])) for w in value["levels"]),
        bases=tuple(Word(str(w["code"]), str(w["zh"]), str(w["en"])) for w in value["bases"]),
        denominator=str(value.get("denominator") or "full_time"),
        expiry_years=int(years) if years not in (None, "") else None,
        local=bool(value.get("local")),
        reference={k: str(ref.get(k) or "") for k in ("document", "number", "article", "confidence")},
        description={k: str(v) for k, v in (raw.get("description") or {}).items()},
    )


def expiry_of(recognised: dt.date, expiry_years: int | None) -> dt.date | None:
    """The last day a recognition is in force under the rule (None: no term)."""
    if expiry_years is None:
        return None
    try:
        end = recognised.replace(year=recognised.year + expiry_years)
    except ValueError:  # 29 February
        end = recognised.replace(year=recognised.year + expiry_years, day=28)
    return end - dt.timedelta(days=1)


@dataclass(frozen=True)
class TeacherSpan:
    """One teacher of the centre as the share reads them."""

    full_time: bool
    joined: dt.date | None
    left: dt.date | None
    recognitions: tuple[tuple[dt.date, dt.date | None], ...] = ()  # (recognised, expires)


def in_post(t: TeacherSpan, day: dt.date) -> bool:
    return (t.joined is None or t.joined <= day) and (t.left is None or t.left >= day)


def recognised_on(t: TeacherSpan, day: dt.date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in t.recognitions)


@dataclass(frozen=True)
class Share:
    numerator: int
    denominator: int
    day: dt.date

    @property
    def percent(self) -> float | None:
        return 100.0 * self.numerator / self.denominator if self.denominator else None


def double_qualified_share(teachers: Iterable[TeacherSpan], day: dt.date) -> Share:
    staff = [t for t in teachers if t.full_time and in_post(t, day)]
    return Share(sum(1 for t in staff if recognised_on(t, day)), len(staff), day)


def new_recognitions(teachers: Iterable[TeacherSpan], first_year: int, last_year: int) -> int:
    """Teachers whose first recognition is dated within the calendar years (both included)."""
    n = 0
    for t in teachers:
        if t.recognitions and first_year <= min(start for start, _ in t.recognitions).year <= last_year:
            n += 1
    return n


def rate(part: int | None, whole: int | None) -> float | None:
    """``part`` ÷ ``whole`` in per cent; None when the whole is 0 or unknown."""
    if part is None or not whole:
        return None
    return 100.0 * part / whole


def pass_rate(candidates: int, passes: int) -> float | None:
    return rate(passes, candidates)


@dataclass(frozen=True)
class Destinations:
    further: int
    employed: int
    matched: int  # employed in the field they studied (a part of ``employed``)
    other: int

    @property
    def graduates(self) -> int:
        return self.further + self.employed + self.other

    @property
    def further_rate(self) -> float | None:
        return rate(self.further, self.graduates)

    @property
    def employed_rate(self) -> float | None:
        return rate(self.employed, self.graduates)

    @property
    def matched_rate(self) -> float | None:
        return rate(self.matched, self.employed)
