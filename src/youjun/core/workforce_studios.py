"""Famous-teacher studios (名师工作室), pure: the local vocabulary (levels, member roles, kinds of
output, review words) read from ``rules/workforce/studios.yaml``, whether a studio's term is
running on a day, and a year's outputs counted against its plan. Nothing here knows Django.

Definitions (口径):

- a studio is *active* on a day when the day is within its term (start ≤ day ≤ end; an open
  end runs on);
- a year's *outputs* are the outputs dated in that calendar year (1 January – 31 December);
- *against the plan*: per kind, the number done beside the number planned; a kind is *met*
  when done ≥ planned; the share is done / planned in percent (none when nothing is planned).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

RULES_FILE = ("workforce", "studios.yaml")


@dataclass(frozen=True)
class Word:
    code: str
    zh: str
    en: str
    absent_in_municipalities: bool = False

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class StudioRules:
    levels: tuple[Word, ...]
    roles: tuple[Word, ...]
    kinds: tuple[Word, ...]
    ratings: tuple[Word, ...]
    max_comment: int
    max_plan_text: int
    local: bool
    municipalities: frozenset[str] = frozenset()

    def levels_for(self, province_code: str | None) -> tuple[Word, ...]:
        """The levels a studio of a district in ``province_code`` can be set up at (in a
        municipality 省级 is not one: its own 市级 is the province level)."""
        if province_code and province_code[:2] in self.municipalities:
            return tuple(w for w in self.levels if not w.absent_in_municipalities)
        return self.levels

    @staticmethod
    def codes(words: tuple[Word, ...]) -> frozenset[str]:
        return frozenset(w.code for w in words)

    @staticmethod
    def word(words: tuple[Word, ...], code: str, lang: str) -> str:
        for w in words:
            if w.code == code:
                return w.label(lang)
        return code


def _in_force(raw: Mapping[str, Any], as_of: dt.date) -> Any:
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"studios.yaml has no value in force on {as_of.isoformat()}")
    return found


@lru_cache(maxsize=16)
def _rules(as_of: dt.date, rules_dir: str | None) -> StudioRules:
    raw = _in_force(read_yaml(rules_root(rules_dir).joinpath(*RULES_FILE)), as_of)

    def words(key: str) -> tuple[Word, ...]:
        return tuple(Word(str(w["code"]), str(w["zh"]), str(w["en"]), bool(w.get("absent_in_municipalities")))
                     for w in raw[key])

    return StudioRules(words("levels"), words("roles"), words("kinds"), words("ratings"),
                       int(raw["max_comment"]), int(raw["max_plan_text"]), bool(raw.get("local", False)),
                       frozenset(str(c) for c in raw.get("municipalities", ())))


def studio_rules(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> StudioRules:
    """The studio rules in force on ``as_of`` (today when not given)."""
    return _rules(as_of or dt.date.today(), str(rules_dir) if rules_dir else None)


def is_active(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    """Whether a term from ``start`` to ``end`` (open when None) is running on ``day``."""
    return start <= day and (end is None or day <= end)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@dataclass(frozen=True)
class KindProgress:
    kind: str
    planned: int
    done: int

    @property
    def met(self) -> bool:
        return self.done >= self.planned

    @property
    def short(self) -> int:
        return max(self.planned - self.done, 0)

    @property
    def share(self) -> float | None:
        """Done as a percent of planned; None when nothing was planned."""
        return None if self.planned <= 0 else 100.0 * self.done / self.planned


def against_plan(kinds: tuple[Word, ...] | list[str], planned: Mapping[str, int],
                 done: Mapping[str, int]) -> list[KindProgress]:
    """Each kind's outputs done beside the number planned, in the rules' order of kinds."""
    codes = [k.code if isinstance(k, Word) else k for k in kinds]
    return [KindProgress(c, max(int(planned.get(c, 0) or 0), 0), int(done.get(c, 0) or 0)) for c in codes]


def kinds_met(progress: list[KindProgress]) -> tuple[int, int]:
    """(kinds planned and met, kinds planned): kinds with nothing planned are not counted."""
    planned = [p for p in progress if p.planned > 0]
    return sum(1 for p in planned if p.met), len(planned)
