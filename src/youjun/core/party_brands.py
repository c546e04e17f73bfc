"""Party-building brands (党建品牌) and brand schools (党建品牌特色学校): the pure rules.

- the application's path as data (``rules/party_brands/workflow.yaml``, a local rule): the states,
  the steps allowed from each and who may take them (``step_to``), whether a state may be edited;
- the acceptance of a brand school (``rules/party_brands/acceptance.yaml``, a local rule): the
  criteria with their weights and the pass mark; ``total`` is the weighted score, ``passed``
  compares it with the pass mark;
- the file limits of an emblem and of evidence (``rules/party_brands/files.yaml``).

No framework, database or file format is imported here (an import-linter contract).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

BRANDS_DIR = "party_brands"
ROLES = ("school", "bureau")


def _in_force(path: Path, as_of: dt.date) -> Any:
    raw = read_yaml(path)
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:  # before the first date: the earliest values (a local default, not a law)
        found = raw["values"][min(raw["values"], key=str)]["value"]
    return found


@lru_cache(maxsize=16)
def _rules(name: str, as_of: dt.date, rules_dir: str | None) -> Any:
    return _in_force(rules_root(rules_dir) / BRANDS_DIR / f"{name}.yaml", as_of)


def rules(name: str, as_of: dt.date, rules_dir: Path | str | None = None) -> Any:
    """``rules/party_brands/<name>.yaml`` in force on ``as_of`` (workflow, acceptance, files)."""
    return _rules(name, as_of, str(rules_dir) if rules_dir else None)


# --- the workflow -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    action: str
    source: str
    target: str
    by: tuple[str, ...]
    reason: bool
    zh: str
    en: str


def steps(as_of: dt.date, rules_dir: Path | str | None = None) -> list[Step]:
    wf = rules("workflow", as_of, rules_dir)
    return [Step(t["action"], t["from"], t["to"], tuple(t["by"]), bool(t.get("reason")), t["zh"], t["en"])
            for t in wf["transitions"]]


def states(as_of: dt.date, rules_dir: Path | str | None = None) -> dict[str, dict[str, Any]]:
    return dict(rules("workflow", as_of, rules_dir)["states"])


def initial_state(as_of: dt.date, rules_dir: Path | str | None = None) -> str:
    return str(rules("workflow", as_of, rules_dir)["initial"])


def state_words(state: str, as_of: dt.date, rules_dir: Path | str | None = None) -> tuple[str, str]:
    s = states(as_of, rules_dir).get(state)
    return (s["zh"], s["en"]) if s else (state, state)


def editable(state: str, as_of: dt.date, rules_dir: Path | str | None = None) -> bool:
    return bool(states(as_of, rules_dir).get(state, {}).get("editable"))


def recognised_states(as_of: dt.date, rules_dir: Path | str | None = None) -> frozenset[str]:
    return frozenset(k for k, v in states(as_of, rules_dir).items() if v.get("recognised"))


def step_from(state: str, action: str, as_of: dt.date, rules_dir: Path | str | None = None) -> Step | None:
    """The step ``action`` from ``state``, or None when the workflow has no such step."""
    return next((s for s in steps(as_of, rules_dir) if s.source == state and s.action == action), None)


def allowed_steps(state: str, roles: frozenset[str] | set[str], as_of: dt.date,
                  rules_dir: Path | str | None = None) -> list[Step]:
    """The steps from ``state`` that someone holding ``roles`` may take, in the file's order."""
    return [s for s in steps(as_of, rules_dir) if s.source == state and set(s.by) & set(roles)]


# --- the acceptance of a brand school ----------------------------------------------------------

@dataclass(frozen=True)
class Criterion:
    key: str
    zh: str
    en: str
    weight: Decimal
    description_zh: str = ""
    description_en: str = ""


def criteria(as_of: dt.date, rules_dir: Path | str | None = None) -> list[Criterion]:
    raw = rules("acceptance", as_of, rules_dir)
    return [Criterion(c["key"], c["zh"], c["en"], Decimal(str(c["weight"])), c.get("description_zh", ""),
                      c.get("description_en", "")) for c in raw["criteria"]]


def pass_mark(as_of: dt.date, rules_dir: Path | str | None = None) -> Decimal:
    return Decimal(str(rules("acceptance", as_of, rules_dir)["pass_mark"]))


def max_score(as_of: dt.date, rules_dir: Path | str | None = None) -> Decimal:
    return Decimal(str(rules("acceptance", as_of, rules_dir)["max_score"]))


TENTH = Decimal("0.1")


def total(scores: Mapping[str, Decimal | int | float | str], crits: list[Criterion]) -> Decimal:
    """The weighted score out of the criteria's scale: Σ score × weight / Σ weight, to one decimal
    (half up). Every criterion must be scored (``KeyError`` names the first one missing)."""
    weights = sum((c.weight for c in crits), Decimal(0))
    if weights <= 0:
        raise ValueError("the criteria have no weight")
    acc = Decimal(0)
    for c in crits:
        if c.key not in scores:
            raise KeyError(c.key)
        acc += Decimal(str(scores[c.key])) * c.weight
    return (acc / weights).quantize(TENTH, rounding=ROUND_HALF_UP)


def passed(score: Decimal, mark: Decimal) -> bool:
    """At or above the pass mark passes."""
    return score >= mark


def file_limits(as_of: dt.date, rules_dir: Path | str | None = None) -> dict[str, Any]:
    return dict(rules("files", as_of, rules_dir))
