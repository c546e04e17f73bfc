"""Teacher growth stages as a configurable ladder (成长阶梯), pure: which stage a teacher's facts
meet, what is missing for the next one (in words), a ladder's validation and a panel's result.
Nothing here knows about Django.

The default ladder is Xuanhua Middle School's 入格 → 合格 → 升格 → 风格 in
``rules/workforce/growth-ladder.yaml`` (a LOCAL rule: one school's practice; the numbers of each
stage are the platform's example). Definitions (口径):

- a criterion is met when the teacher's count of its kind is at least ``min``: ``years`` = years
  of teaching (教龄, the year ``as_of`` minus the year they started); ``lessons`` / ``research`` /
  ``mentoring`` = the accepted items of that kind; ``contest`` = contest results at or above the
  criterion's awarding ``level`` with a prize at or above its ``prize``;
- a teacher meets a stage when they meet its criteria and those of every stage below it; the
  stage they meet is the highest such stage (the first stage, with no criteria, always);
- a panel approves when more than half of its members agree (``majority``); it refuses as soon
  as a majority can no longer be reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

LADDER_FILE = ("workforce", "growth-ladder.yaml")
KINDS: dict[str, tuple[str, str]] = {
    "years": ("教龄", "Years of teaching"),
    "lessons": ("公开课", "Open lessons"),
    "contest": ("赛课获奖", "Contest prizes"),
    "research": ("课题研究或论文", "Research projects or papers"),
    "mentoring": ("带教青年教师", "Young teachers mentored"),
}
UNITS: dict[str, tuple[str, str]] = {
    "years": ("年", "years"), "lessons": ("次", "times"), "contest": ("项", "items"),
    "research": ("项", "items"), "mentoring": ("人", "teachers"),
}
# the kinds a teacher records as items with evidence (years come from the career record,
# contests from its honours and from accepted contest items)
ITEM_KINDS = ("lessons", "contest", "research", "mentoring")
LEVELS: dict[str, tuple[str, str]] = {  # schema AWARD_LEVELS, lowest first
    "school": ("校级", "school"), "county": ("区县级", "county"), "city": ("市级", "city"),
    "province": ("省级", "province"), "national": ("国家级", "national"),
}
PRIZES: dict[str, tuple[str, str]] = {  # lowest first
    "merit": ("优秀奖", "merit award"), "third": ("三等奖", "third prize"), "second": ("二等奖", "second prize"),
    "first": ("一等奖", "first prize"), "special": ("特等奖", "special prize"),
}
LEVEL_RANK = {code: i for i, code in enumerate(LEVELS)}
PRIZE_RANK = {code: i for i, code in enumerate(PRIZES)}
RULES = ("majority",)
APPROVED, REFUSED, PENDING = "approved", "refused", "pending"


class LadderError(ValueError):
    """A ladder that does not validate: ``code`` is a catalogue code (E1200–E1214)."""

    def __init__(self, code: str, value: Any = "", **context: Any) -> None:
        super().__init__(f"{code}: {value}")
        self.code = code
        self.value = value
        self.context = context


@dataclass(frozen=True)
class Criterion:
    kind: str
    min: int
    level: str = ""  # contest only
    prize: str = ""  # contest only
    evidence: str = ""  # what shows it (in words)

    def label(self, lang: str = "zh") -> str:
        """The criterion's words without the number: “市级以上赛课一等奖”, “课题研究或论文”."""
        zh, en = KINDS[self.kind]
        if self.kind != "contest":
            return en if lang == "en" else zh
        lz, le = LEVELS[self.level]
        pz, pe = PRIZES[self.prize]
        if lang == "en":
            return f"contest {pe} or better at {le} level or above"
        return f"{lz}以上赛课{pz}"

    def words(self, count: int, lang: str = "zh") -> str:
        """“市级以上赛课一等奖 1 项”, “教龄 3 年”."""
        unit = UNITS[self.kind][1 if lang == "en" else 0]
        return f"{self.label(lang)} {count:,} {unit}"


@dataclass(frozen=True)
class Stage:
    code: str
    zh: str
    en: str
    criteria: tuple[Criterion, ...] = ()

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Review:
    rule: str = "majority"
    min_panel: int = 3


@dataclass(frozen=True)
class Ladder:
    stages: tuple[Stage, ...]
    review: Review = field(default_factory=Review)
    local: bool = True

    def stage(self, code: str) -> Stage | None:
        return next((s for s in self.stages if s.code == code), None)

    def index(self, code: str) -> int:
        return next((i for i, s in enumerate(self.stages) if s.code == code), -1)

    def next_after(self, code: str | None) -> Stage | None:
        i = self.index(code) if code else -1
        return self.stages[i + 1] if i + 1 < len(self.stages) else None


@dataclass(frozen=True)
class Facts:
    """What a teacher has done, as of a date: years of teaching and counts of accepted items;
    ``contests`` are (level, prize) codes of each contest result."""

    years: int = 0
    lessons: int = 0
    research: int = 0
    mentoring: int = 0
    contests: tuple[tuple[str, str], ...] = ()

    def count(self, c: Criterion) -> int:
        if c.kind == "contest":
            return sum(1 for level, prize in self.contests
                       if LEVEL_RANK.get(level, -1) >= LEVEL_RANK[c.level]
                       and PRIZE_RANK.get(prize, -1) >= PRIZE_RANK[c.prize])
        return int(getattr(self, c.kind))


@dataclass(frozen=True)
class Gap:
    criterion: Criterion
    have: int
    missing: int

    def words(self, lang: str = "zh") -> str:
        return self.criterion.words(self.missing, lang)


# --- facts from records -----------------------------------------------------------------------

def years_of_teaching(started: int | None, as_of: dt.date) -> int:
    """教龄 in whole years: the year of ``as_of`` minus the year teaching began (0 if unknown)."""
    return max(as_of.year - started, 0) if started else 0


def prize_code(text: str) -> str:
    """The prize code of a written prize (“一等奖” → first); "" when none is recognised."""
    text = (text or "").strip()
    for code, (zh, en) in PRIZES.items():
        if text in (code, zh) or text.lower() == en:
            return code
    for code, (zh, _en) in reversed(list(PRIZES.items())):
        if zh[:2] in text:
            return code
    return ""


# --- the ladder as data -----------------------------------------------------------------------

def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise LadderError("E1202", value, where=where)
    try:
        number = float(value)
    except ValueError as exc:
        raise LadderError("E1202", value, where=where) from exc
    if number < 0 or number != int(number):
        raise LadderError("E1202", value, where=where)
    return int(number)


def _height(c: Criterion) -> tuple[int, int]:
    return (LEVEL_RANK.get(c.level, -1), PRIZE_RANK.get(c.prize, -1))


def parse_ladder(raw: Any) -> Ladder:
    """A ladder from its data (the YAML value or a district's edit), validated: at least two
    stages with distinct codes and names; criteria of known kinds, levels and prizes; numbers
    whole and non-negative; each kind once per stage, its minimum (and a contest's level and
    prize) not lower than at the stage below (the stages ordered). Raises ``LadderError`` with
    the first problem's code."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("stages"), list) or len(raw["stages"]) < 2:
        raise LadderError("E1200", "stages")
    stages: list[Stage] = []
    floor: dict[str, Criterion] = {}
    seen: set[str] = set()
    for i, s in enumerate(raw["stages"]):
        if not isinstance(s, Mapping):
            raise LadderError("E1200", f"#{i + 1}")
        code, zh, en = (str(s.get(k) or "").strip() for k in ("code", "zh", "en"))
        if not code or not zh or code in seen or len(code) > 16 or len(zh) > 16:
            raise LadderError("E1201", code or zh or f"#{i + 1}")
        seen.add(code)
        criteria: list[Criterion] = []
        raw_criteria = s.get("criteria") or []
        if not isinstance(raw_criteria, list):
            raise LadderError("E1200", code)
        for c in raw_criteria:
            if not isinstance(c, Mapping) or c.get("kind") not in KINDS:
                raise LadderError("E1203", c.get("kind") if isinstance(c, Mapping) else c, stage=zh)
            kind = str(c["kind"])
            level = prize = ""
            if kind == "contest":
                level, prize = str(c.get("level") or ""), str(c.get("prize") or "")
                if level not in LEVELS:
                    raise LadderError("E1203", level, stage=zh)
                if prize not in PRIZES:
                    raise LadderError("E1203", prize, stage=zh)
            number = _int(c.get("min", 0), zh)
            criterion = Criterion(kind, number, level, prize, str(c.get("evidence") or "")[:80])
            if any(x.kind == kind for x in criteria):
                raise LadderError("E1203", criterion.label(), stage=zh)
            criteria.append(criterion)
        for kind, low in floor.items():
            mine = next((c for c in criteria if c.kind == kind), None)
            if mine is None or mine.min < low.min or _height(mine) < _height(low):
                raise LadderError("E1204", zh, kind=KINDS[kind][0], low=low.min)
        for c in criteria:
            floor[c.kind] = c
        stages.append(Stage(code, zh, en or code, tuple(criteria)))
    review_raw = raw.get("review") or {}
    if not isinstance(review_raw, Mapping) or str(review_raw.get("rule", "majority")) not in RULES:
        raise LadderError("E1205", review_raw.get("rule") if isinstance(review_raw, Mapping) else review_raw)
    min_panel = _int(review_raw.get("min_panel", 3), "review")
    if min_panel < 1:
        raise LadderError("E1205", min_panel)
    return Ladder(tuple(stages), Review(str(review_raw.get("rule", "majority")), min_panel),
                  bool(raw.get("local", True)))


def ladder_data(ladder: Ladder) -> dict[str, Any]:
    """A ladder back as data (what ``parse_ladder`` reads)."""
    def crit(c: Criterion) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": c.kind, "min": c.min}
        if c.kind == "contest":
            out.update(level=c.level, prize=c.prize)
        if c.evidence:
            out["evidence"] = c.evidence
        return out
    return {"local": ladder.local,
            "stages": [{"code": s.code, "zh": s.zh, "en": s.en, "criteria": [crit(c) for c in s.criteria]}
                       for s in ladder.stages],
            "review": {"rule": ladder.review.rule, "min_panel": ladder.review.min_panel}}


@lru_cache(maxsize=8)
def _default(as_of: dt.date, rules_dir: str | None) -> Ladder:
    raw = read_yaml(rules_root(rules_dir).joinpath(*LADDER_FILE))
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"growth-ladder.yaml has no value in force on {as_of.isoformat()}")
    return parse_ladder(found)


def default_ladder(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> Ladder:
    """The default ladder (Xuanhua's four stages) in force on ``as_of``."""
    return _default(as_of or dt.date.today(), str(rules_dir) if rules_dir else None)


def reference(rules_dir: Path | str | None = None) -> dict[str, Any]:
    """The default ladder's description and reference (to cite on the pages)."""
    raw = read_yaml(rules_root(rules_dir).joinpath(*LADDER_FILE))
    return {"description": raw["description"], "reference": raw["reference"]}


# --- a teacher on the ladder ------------------------------------------------------------------

def gaps(stage: Stage, facts: Facts) -> list[Gap]:
    """What ``facts`` lack of ``stage``'s own criteria (in the ladder's order)."""
    out = []
    for c in stage.criteria:
        have = facts.count(c)
        if have < c.min:
            out.append(Gap(c, have, c.min - have))
    return out


def stage_met(ladder: Ladder, facts: Facts) -> Stage | None:
    """The highest stage whose criteria, and those of every stage below, ``facts`` meet."""
    met = None
    for stage in ladder.stages:
        if gaps(stage, facts):
            break
        met = stage
    return met


def missing_for(ladder: Ladder, facts: Facts, target: Stage) -> list[Gap]:
    """What ``facts`` lack to meet ``target``: the gaps of every stage up to it, each kind once
    (the highest requirement)."""
    wanted: dict[str, Criterion] = {}
    for stage in ladder.stages[: ladder.index(target.code) + 1]:
        for c in stage.criteria:
            wanted[c.kind] = c
    return gaps(Stage(target.code, target.zh, target.en, tuple(wanted.values())), facts)


def missing_words(target: Stage, missing: Sequence[Gap], lang: str = "zh") -> str:
    """“距升格还差：市级以上赛课一等奖 1 项、课题研究或论文 1 项”; meeting it: “已达到升格的条件”."""
    if lang == "en":
        if not missing:
            return f"Meets the criteria of {target.en}"
        return f"Still missing for {target.en}: " + "; ".join(g.words("en") for g in missing)
    if not missing:
        return f"已达到{target.zh}的条件"
    return f"距{target.zh}还差：" + "、".join(g.words("zh") for g in missing)


# --- the panel --------------------------------------------------------------------------------

def panel_result(decisions: Iterable[bool | None], panel_size: int, rule: str = "majority") -> str:
    """``approved`` / ``refused`` / ``pending`` of a panel of ``panel_size`` members whose
    decisions so far are ``decisions`` (True agree, False disagree, None not yet)."""
    if rule not in RULES:
        raise LadderError("E1205", rule)
    votes = list(decisions)
    agree = sum(1 for d in votes if d is True)
    disagree = sum(1 for d in votes if d is False)
    need = panel_size // 2 + 1
    if agree >= need:
        return APPROVED
    if panel_size - disagree < need:
        return REFUSED
    return PENDING
