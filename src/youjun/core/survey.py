"""The county's social-recognition survey (社会认可度调查), as pure rules.

The 2017 method (教督〔2017〕6号) counts social recognition as met at 85% or more; the county's
own rehearsal samples as the 2012 method did (教督〔2012〕3号 附件2): the sample is the number
of people surveyed (questionnaires issued, web codes and paper sheets alike) = 1.5‰ of the
resident population, at least 600 for a county under 400,000 residents; parents at least 50%
of the questionnaires issued; valid returns at least 70% of the questionnaires issued. Every number comes from
``rules/cn-2017/social_recognition.yaml`` (through ``youjun.core.rules``); this module only
computes with them.

How a response counts (shown on the result page in the same words):

- each question is answered 满意 / 比较满意 / 一般 / 不满意 (satisfied / fairly satisfied /
  neutral / dissatisfied), or left blank;
- a response is *valid* when it answers at least ``min_answered_percent`` of the questions put
  to its group (``rules/consultation/survey_questions.yaml``) and was not set aside as spoilt;
- an answer *recognises* when it is 满意 or 比较满意;
- a group's recognition rate = recognising answers / answered questions, over the group's valid
  responses; the overall rate pools the answers of every group the same way;
- the valid return rate = valid responses / invitations issued.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from youjun.core.rules import load_ruleset, read_yaml, rules_root

# The groups the 2017 method names, parents first (their share is ruled).
GROUPS = ("parents", "pupils", "teachers", "principals", "deputies", "cppcc", "residents")
GROUP_LABELS: dict[str, tuple[str, str]] = {
    "parents": ("家长", "Parents"),
    "pupils": ("学生", "Pupils"),
    "teachers": ("教师", "Teachers"),
    "principals": ("校长", "Principals"),
    "deputies": ("人大代表", "NPC deputies"),
    "cppcc": ("政协委员", "CPPCC members"),
    "residents": ("社会人士", "Residents"),
}
PARENTS = "parents"
QUESTIONS_FILE = "survey_questions.yaml"
# How a final survey of this platform names itself as the source of a district's recognition
# rate (the assessment shows the words and, to those who may open surveys, a link).
PLATFORM_SOURCE_ZH = "本平台社会认可度调查"


@dataclass(frozen=True)
class SamplingRule:
    """The numbers of the rule in force (from the rule set, never typed here)."""

    min_percent: float  # recognition needed
    residents_per_mille: float
    min_sample: int
    min_sample_below_population: int
    parents_min_percent: float
    valid_return_min_percent: float

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> SamplingRule:
        s = item["sampling"]
        return cls(float(item["min_percent"]), float(s["residents_per_mille"]), int(s["min_sample"]),
                   int(s["min_sample_below_population"]), float(s["parents_min_percent"]),
                   float(s["valid_return_min_percent"]))


def sampling_rule(ruleset: str = "cn-2017", as_of: dt.date | str | None = None,
                  rules_dir: Path | str | None = None) -> SamplingRule:
    """The social-recognition rule of ``ruleset`` in force on ``as_of``."""
    params = load_ruleset(ruleset, as_of=as_of, rules_dir=rules_dir)
    return SamplingRule.from_item(params.items["social_recognition"])


def _frac(x: float) -> Fraction:
    return Fraction(str(x))  # 1.5 stays exactly 3/2: no float error at a limit


def sample_size(population: int, rule: SamplingRule) -> int:
    """Questionnaires to issue: 1.5‰ of the residents, rounded up (a sample never falls
    short of the share), and at least ``min_sample`` in a county under the population limit."""
    if population < 0:
        raise ValueError("population must not be negative")
    share = math.ceil(population * _frac(rule.residents_per_mille) / 1000)
    if population < rule.min_sample_below_population:
        return max(share, rule.min_sample)
    return share


def split(total: int, groups: Sequence[str], parents_percent: float) -> dict[str, int]:
    """``total`` shared over ``groups``: parents get ``parents_percent`` rounded up (never under
    the share), the rest is shared evenly by largest remainder, so the parts add up to ``total``."""
    groups = [g for g in GROUPS if g in groups]
    if PARENTS not in groups:
        raise ValueError("the parents group is required")
    parents = math.ceil(total * _frac(parents_percent) / 100)
    others = [g for g in groups if g != PARENTS]
    if not others:
        return {PARENTS: total}
    parents = min(parents, total)
    rest = total - parents
    base, extra = divmod(rest, len(others))
    out = {PARENTS: parents}
    for i, g in enumerate(others):
        out[g] = base + (1 if i < extra else 0)
    return out


@dataclass(frozen=True)
class Plan:
    population: int
    sample: int
    by_group: dict[str, int]
    parents_min: int  # the fewest questionnaires to issue to parents
    rule: SamplingRule
    returns_min: int = 0  # the fewest valid returns on the sample (70% of it, rounded up)

    def to_dict(self) -> dict[str, Any]:
        return {"population": self.population, "sample": self.sample, "by_group": dict(self.by_group),
                "parents_min": self.parents_min, "returns_min": self.returns_min}


def plan(population: int, rule: SamplingRule, groups: Sequence[str] = GROUPS) -> Plan:
    n = sample_size(population, rule)
    return Plan(population, n, split(n, groups, rule.parents_min_percent),
                math.ceil(n * _frac(rule.parents_min_percent) / 100), rule,
                returns_min(n, rule))


def returns_min(issued: int, rule: SamplingRule) -> int:
    """The fewest valid returns on ``issued`` questionnaires: the return share, rounded up."""
    return math.ceil(issued * _frac(rule.valid_return_min_percent) / 100)


# --- answers and rates ---------------------------------------------------------------------

@dataclass(frozen=True)
class Answers:
    """The answer scale: keys in order, which recognise, labels."""

    keys: tuple[str, ...]
    recognising: frozenset[str]
    labels: dict[str, tuple[str, str]]
    min_answered_percent: float

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Answers:
        scale = settings["answers"]
        return cls(tuple(a["key"] for a in scale), frozenset(a["key"] for a in scale if a.get("recognises")),
                   {a["key"]: (a["zh"], a["en"]) for a in scale}, float(settings["min_answered_percent"]))


def questionnaire_settings(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> dict[str, Any]:
    """``rules/consultation/survey_questions.yaml`` in force on ``as_of``: the answer scale, the
    valid-response share and the default questions (zh/en, groups)."""
    raw = read_yaml(rules_root(rules_dir) / "consultation" / QUESTIONS_FILE)
    day = as_of or dt.date.today()
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= day:
            found = entry["value"]
    if found is None:
        raise ValueError(f"{QUESTIONS_FILE} has no value in force on {day.isoformat()}")
    return {**found, "reference": raw.get("reference") or {}, "description": raw.get("description") or {}}


def is_valid(answers: Mapping[str, str], asked: Iterable[str], scale: Answers) -> bool:
    """Answers at least ``min_answered_percent`` of the questions asked (at least one)."""
    asked = list(asked)
    answered = sum(1 for q in asked if answers.get(q) in scale.keys)
    return answered > 0 and answered * 100 >= _frac(scale.min_answered_percent) * len(asked)


@dataclass
class Tally:
    issued: int = 0
    responses: int = 0
    valid: int = 0
    answered: int = 0
    recognised: int = 0

    @property
    def rate(self) -> float | None:
        """Recognition, in percent (unrounded)."""
        return 100 * self.recognised / self.answered if self.answered else None

    @property
    def return_rate(self) -> float | None:
        return 100 * self.valid / self.issued if self.issued else None

    def to_dict(self) -> dict[str, Any]:
        return {"issued": self.issued, "responses": self.responses, "valid": self.valid,
                "answered": self.answered, "recognised": self.recognised, "rate": self.rate,
                "return_rate": self.return_rate}


@dataclass(frozen=True)
class Response:
    group: str
    answers: Mapping[str, str]
    valid: bool = True  # False: set aside as spoilt (a paper return)


@dataclass
class Result:
    by_group: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)

    def to_dict(self) -> dict[str, Any]:
        return {"by_group": {g: t.to_dict() for g, t in self.by_group.items()}, "overall": self.overall.to_dict()}


def tally(responses: Iterable[Response], issued: Mapping[str, int], asked: Mapping[str, Sequence[str]],
          scale: Answers) -> Result:
    """Rates by group and overall. ``asked``: group -> the question keys put to it;
    ``issued``: group -> invitations issued."""
    result = Result({g: Tally(issued=int(issued.get(g, 0))) for g in GROUPS})
    for r in responses:
        t = result.by_group.setdefault(r.group, Tally())
        t.responses += 1
        questions = list(asked.get(r.group, ()))
        if not r.valid or not is_valid(r.answers, questions, scale):
            continue
        t.valid += 1
        for q in questions:
            a = r.answers.get(q)
            if a in scale.keys:
                t.answered += 1
                t.recognised += a in scale.recognising
    o = result.overall
    for t in result.by_group.values():
        o.issued += t.issued
        o.responses += t.responses
        o.valid += t.valid
        o.answered += t.answered
        o.recognised += t.recognised
    return result


# --- is the plan met? ----------------------------------------------------------------------

@dataclass(frozen=True)
class Shortfall:
    """One way the survey falls short of the rule: ``kind`` is sample / parents / returns."""

    kind: str
    have: float  # questionnaires issued, parents' share of them (%), valid return rate (%)
    need: float

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "have": self.have, "need": self.need}


def shortfalls(result: Result, sample: int, rule: SamplingRule) -> list[Shortfall]:
    """Every way the survey misses the rule (empty: the plan is met). The sample is the
    questionnaires issued (people surveyed), not the valid returns: issued ≥ sample; parents'
    share of those issued ≥ 50%; valid returns ÷ issued ≥ 70%."""
    o = result.overall
    out: list[Shortfall] = []
    if o.issued < sample:
        out.append(Shortfall("sample", o.issued, sample))
    parents = result.by_group.get(PARENTS, Tally()).issued
    if o.issued == 0 or parents * 100 < _frac(rule.parents_min_percent) * o.issued:
        out.append(Shortfall("parents", 100 * parents / o.issued if o.issued else 0.0, rule.parents_min_percent))
    if o.issued == 0 or o.valid * 100 < _frac(rule.valid_return_min_percent) * o.issued:
        out.append(Shortfall("returns", 100 * o.valid / o.issued if o.issued else 0.0,
                             rule.valid_return_min_percent))
    return out


def recognised(rate: float | None, rule: SamplingRule) -> bool | None:
    """Whether a rate meets the recognition limit (None when nothing was answered)."""
    return None if rate is None else rate >= rule.min_percent
