"""Differentiated teacher evaluation (区分性教师评价), pure: tracks as data, their validation, and
a teacher's weighted result from several kinds of raters. Nothing here knows about Django.

The default tracks are a local rule (``rules/workforce/appraisal-tracks.yaml``); a school may
change its own. Definitions (口径, all local):

- a rater of kind self, peer or leader scores every criterion of the teacher's track from 0 to
  100; a kind's score on a criterion is the mean of its raters' scores; a kind's score is the
  criteria-weighted mean of those;
- the pupils' and the parents' surveys are aggregate scores (0–100) entered with the number of
  respondents;
- the weighted total is sum(kind weight × kind score) over the kinds that answered, divided by
  the sum of those kinds' weights: a kind that did not answer (a *missing rater*) is left out
  and its weight shared in proportion among the others; the result says so;
- *the min-raters rule*: nobody (the teacher, the school, the bureau, a mentor) sees a kind's
  scores apart unless at least ``min_raters`` raters (survey respondents) of that kind answered,
  else "不足3人，不单列"; self is the teacher's own assessment, shown to her and shared with the
  school. When the hidden kinds together have fewer than ``min_raters`` raters, the total and the
  per-criterion overall scores would give away their scores, so they are shown as levels only;
- a total while a kind with weight has not answered is *provisional* until the round is closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

RULES_FILE = Path("workforce") / "appraisal-tracks.yaml"
RATER_KINDS: dict[str, tuple[str, str]] = {
    "self": ("自评", "Self"),
    "peer": ("同伴", "Peers"),
    "leader": ("学校领导", "School leaders"),
    "pupils": ("学生问卷", "Pupils' survey"),
    "parents": ("家长问卷", "Parents' survey"),
}
FORM_KINDS = ("self", "peer", "leader")
SURVEY_KINDS = ("pupils", "parents")
MAX_SCORE = 100.0


class AppraisalRuleError(ValueError):
    """A check that failed: ``code`` is a catalogue code (E1215–E1229)."""

    def __init__(self, code: str, value: Any = "", **context: Any) -> None:
        super().__init__(f"{code}: {value}")
        self.code = code
        self.value = value
        self.context = context


@dataclass(frozen=True)
class Criterion:
    code: str
    zh: str
    en: str
    weight: float  # percent of the track's criteria

    def label(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else (self.zh or self.en)


@dataclass(frozen=True)
class Track:
    code: str
    zh: str
    en: str
    criteria: tuple[Criterion, ...]
    raters: Mapping[str, float]  # kind -> percent
    who_zh: str = ""
    who_en: str = ""
    aim_zh: str = ""
    aim_en: str = ""
    methods_zh: tuple[str, ...] = ()
    methods_en: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else (self.zh or self.en)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "zh": self.zh, "en": self.en, "who_zh": self.who_zh, "who_en": self.who_en,
                "aim_zh": self.aim_zh, "aim_en": self.aim_en, "methods_zh": list(self.methods_zh),
                "methods_en": list(self.methods_en),
                "criteria": [{"code": c.code, "zh": c.zh, "en": c.en, "weight": c.weight} for c in self.criteria],
                "raters": {k: float(self.raters.get(k, 0)) for k in RATER_KINDS}}


def track_from_dict(raw: Mapping[str, Any]) -> Track:
    return Track(str(raw["code"]), str(raw.get("zh", "")), str(raw.get("en", "")),
                 tuple(Criterion(str(c["code"]), str(c.get("zh", "")), str(c.get("en", "")), float(c["weight"]))
                       for c in raw["criteria"]),
                 {k: float(raw.get("raters", {}).get(k, 0)) for k in RATER_KINDS},
                 str(raw.get("who_zh", "")), str(raw.get("who_en", "")), str(raw.get("aim_zh", "")),
                 str(raw.get("aim_en", "")), tuple(raw.get("methods_zh", ())), tuple(raw.get("methods_en", ())))


@dataclass(frozen=True)
class Level:
    min: float
    zh: str
    en: str


@dataclass(frozen=True)
class AppraisalRules:
    min_raters: int
    levels: tuple[Level, ...]
    decisions: Mapping[str, tuple[str, str]]
    tracks: tuple[Track, ...]


@lru_cache(maxsize=8)
def _rules(as_of: dt.date, rules_dir: str | None) -> AppraisalRules:
    path = rules_root(rules_dir) / RULES_FILE
    raw = read_yaml(path)
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"{path.name} has no value in force on {as_of.isoformat()}")
    return AppraisalRules(int(found["min_raters"]),
                          tuple(sorted((Level(float(x["min"]), x["zh"], x["en"]) for x in found["levels"]),
                                       key=lambda lv: -lv.min)),
                          {d["code"]: (d["zh"], d["en"]) for d in found["decisions"]},
                          tuple(track_from_dict(t) for t in found["tracks"]))


def rules(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> AppraisalRules:
    """The local rules of ``rules/workforce/appraisal-tracks.yaml`` in force on ``as_of``."""
    return _rules(as_of or dt.date.today(), str(rules_dir) if rules_dir else None)


def level_of(score: float | None, levels: Sequence[Level]) -> Level | None:
    if score is None:
        return None
    for level in levels:
        if score >= level.min:
            return level
    return levels[-1] if levels else None


def round1(x: float | None) -> float | None:
    """One decimal, halves away from zero (as the national documents round)."""
    if x is None:
        return None
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# --- a school's own tracks: checked before they are kept ----------------------------------------

def parse_weight(text: Any) -> float | None:
    """A weight as typed ("35", "12.5", "35%"), or None when it is not a number."""
    s = str(text).strip().rstrip("%％").strip()
    if not s:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return float(d) if d.is_finite() else None


def _sums_to_100(weights: Sequence[float]) -> bool:
    return abs(sum(weights) - 100.0) < 1e-6


def check_track(raw: Mapping[str, Any]) -> list[AppraisalRuleError]:
    """Every problem of a track as typed: ``raw`` has ``zh`` (its name), ``criteria`` (rows of
    ``zh``, ``en``, ``weight`` as typed; a row with neither name nor weight is ignored) and
    ``raters`` (kind -> weight as typed). Weights of each level (criteria; raters) sum to 100%."""
    problems: list[AppraisalRuleError] = []
    if not str(raw.get("zh", "")).strip():
        problems.append(AppraisalRuleError("E1218", "", detail=("轨道名称", "the track's name")))
    rows = [r for r in raw.get("criteria", ()) if str(r.get("zh", "")).strip() or str(r.get("weight", "")).strip()]
    if not rows:
        problems.append(AppraisalRuleError("E1219", ""))
    names: set[str] = set()
    weights: list[float] = []
    for row in rows:
        name = str(row.get("zh", "")).strip()
        if not name:
            problems.append(AppraisalRuleError("E1218", "", detail=("评价指标名称", "a criterion's name")))
        elif name in names:
            problems.append(AppraisalRuleError("E1220", name))
        names.add(name)
        w = parse_weight(row.get("weight", ""))
        if w is None or w < 0 or w > 100:
            problems.append(AppraisalRuleError("E1217", row.get("weight", ""), detail=(name or "—", name or "—")))
        else:
            weights.append(w)
    if rows and len(weights) == len(rows) and not _sums_to_100(weights):
        problems.append(AppraisalRuleError("E1215", _num(sum(weights))))
    rater_weights: list[float] = []
    raters = raw.get("raters", {})
    for kind in RATER_KINDS:
        typed = raters.get(kind, "")
        w = parse_weight(typed) if str(typed).strip() else 0.0
        if w is None or w < 0 or w > 100:
            problems.append(AppraisalRuleError("E1217", typed, detail=RATER_KINDS[kind]))
        else:
            rater_weights.append(w)
    if len(rater_weights) == len(RATER_KINDS) and not _sums_to_100(rater_weights):
        problems.append(AppraisalRuleError("E1216", _num(sum(rater_weights))))
    return problems


def _num(x: float) -> str:
    return f"{x:g}"


# --- a teacher's result --------------------------------------------------------------------------

@dataclass(frozen=True)
class Form:
    """One rater's answered form: criterion code -> score (0–100)."""

    kind: str
    scores: Mapping[str, float]


@dataclass(frozen=True)
class Survey:
    kind: str  # pupils / parents
    score: float
    respondents: int


@dataclass(frozen=True)
class Cell:
    score: float | None
    n: int


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    by_kind: Mapping[str, Cell]  # form kinds only
    overall: float | None  # rater-weighted over the form kinds that answered


@dataclass(frozen=True)
class KindResult:
    kind: str
    weight: float  # the track's local weight (percent)
    weight_used: float  # after a missing kind's weight is shared (percent)
    score: float | None
    n: int  # raters who answered, or survey respondents
    shown: bool  # the teacher may see it apart (min-raters rule)

    @property
    def missing(self) -> bool:
        return self.weight > 0 and self.score is None


@dataclass(frozen=True)
class Result:
    criteria: tuple[CriterionResult, ...]
    kinds: tuple[KindResult, ...]
    total: float | None
    missing: tuple[str, ...]  # kinds with a weight and no answer
    min_raters: int
    total_shown: bool  # the teacher may see the total and per-criterion overall as numbers
    hidden: tuple[str, ...] = field(default=())  # kinds answered but not shown apart to the teacher

    def provisional(self, closed: bool) -> bool:
        """The total is provisional: a kind with weight has not answered and the round is open."""
        return bool(self.missing) and self.total is not None and not closed

    @property
    def shared(self) -> bool:
        """Some weight was shared among the others because a kind did not answer."""
        return bool(self.missing) and self.total is not None


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def result(track: Track, forms: Sequence[Form], surveys: Sequence[Survey], *, min_raters: int) -> Result:
    """The weighted result of one teacher on ``track`` (see the module's definitions)."""
    codes = [c.code for c in track.criteria]
    cweights = {c.code: c.weight for c in track.criteria}
    cells: dict[str, dict[str, Cell]] = {c: {} for c in codes}
    kind_score: dict[str, float | None] = {}
    kind_n: dict[str, int] = {}
    for kind in FORM_KINDS:
        mine = [f for f in forms if f.kind == kind]
        kind_n[kind] = len(mine)
        for code in codes:
            xs = [float(f.scores[code]) for f in mine if f.scores.get(code) is not None]
            cells[code][kind] = Cell(_mean(xs), len(xs))
        scored = [(cweights[c], cells[c][kind].score) for c in codes if cells[c][kind].score is not None]
        wsum = sum(w for w, _ in scored)
        kind_score[kind] = (sum(w * float(s) for w, s in scored if s is not None) / wsum) if scored and wsum else None
    for kind in SURVEY_KINDS:
        mine_s = [s for s in surveys if s.kind == kind and s.respondents > 0]
        n = sum(s.respondents for s in mine_s)
        kind_n[kind] = n
        kind_score[kind] = (sum(s.score * s.respondents for s in mine_s) / n) if n else None
    weights = {k: float(track.raters.get(k, 0)) for k in RATER_KINDS}
    present = [k for k in RATER_KINDS if weights[k] > 0 and kind_score[k] is not None]
    used_sum = sum(weights[k] for k in present)
    total = (sum(weights[k] * float(kind_score[k] or 0) for k in present) / used_sum) if used_sum else None
    kinds = tuple(KindResult(k, weights[k], (weights[k] * 100 / used_sum) if k in present and used_sum else 0.0,
                             kind_score[k], kind_n[k], k == "self" or kind_n[k] >= min_raters)
                  for k in RATER_KINDS)
    per_criterion = []
    for c in track.criteria:
        ks = [k for k in FORM_KINDS if weights[k] > 0 and cells[c.code][k].score is not None]
        ws = sum(weights[k] for k in ks)
        overall = (sum(weights[k] * float(cells[c.code][k].score or 0) for k in ks) / ws) if ws else None
        per_criterion.append(CriterionResult(c, cells[c.code], overall))
    hidden = tuple(k.kind for k in kinds if k.weight > 0 and k.score is not None and not k.shown)
    hidden_n = sum(kind_n[k] for k in hidden)
    return Result(tuple(per_criterion), kinds, total,
                  tuple(k for k in RATER_KINDS if weights[k] > 0 and kind_score[k] is None), min_raters,
                  hidden_n == 0 or hidden_n >= min_raters, hidden)


def check_scores(track: Track, scores: Mapping[str, Any]) -> tuple[dict[str, float], list[AppraisalRuleError]]:
    """A rater's scores as typed, checked: every criterion scored, each a number 0–100."""
    out: dict[str, float] = {}
    problems: list[AppraisalRuleError] = []
    for c in track.criteria:
        typed = scores.get(c.code, "")
        value = parse_weight(typed)
        if value is None or value < 0 or value > MAX_SCORE:
            problems.append(AppraisalRuleError("E1225", typed, detail=(c.zh or c.en, c.en or c.zh)))
        else:
            out[c.code] = value
    return out, problems
