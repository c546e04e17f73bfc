"""Clean schools and teacher ethics (清廉学校、师德师风): the rules as data and the pure arithmetic.

- the rules: ``rules/party_integrity/*.yaml`` (activity types, the 6 layers, a campaign's default
  stages and key points, the handling of an ethics case), all local rules, labelled so;
- a campaign's progress: activities per stage and per key point, and the key points with none yet
  (``progress``);
- an ethics case's handling: which step may come next after the steps done (``next_steps``) and
  the case's status (``status_after``).

No framework, database or file format is imported here (an import-linter contract).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

RULES_DIR = "party_integrity"
RULE_NAMES = ("activity-types", "layers", "campaign-defaults", "case-handling")
PARTICIPANT_KINDS: dict[str, tuple[str, str]] = {"teachers": ("教师", "teachers"), "pupils": ("学生", "pupils"),
                                                  "parents": ("家长", "parents")}


def _in_force(path: Path, as_of: dt.date) -> Any:
    raw = read_yaml(path)
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"{path.name} has no value in force on {as_of.isoformat()}")
    return found


@lru_cache(maxsize=32)
def _rules(name: str, as_of: dt.date, rules_dir: str | None) -> Any:
    return _in_force(rules_root(rules_dir) / RULES_DIR / f"{name}.yaml", as_of)


def rules(name: str, as_of: dt.date, rules_dir: Path | str | None = None) -> Any:
    """``rules/party_integrity/<name>.yaml`` in force on ``as_of``."""
    if name not in RULE_NAMES:
        raise KeyError(name)
    return _rules(name, as_of, str(rules_dir) if rules_dir else None)


def reference(name: str, rules_dir: Path | str | None = None) -> dict[str, Any]:
    """The file's description and reference (to say on a page where a list comes from)."""
    raw = read_yaml(rules_root(str(rules_dir) if rules_dir else None) / RULES_DIR / f"{name}.yaml")
    return {"description": raw["description"], "reference": raw["reference"]}


def choices(name: str, key: str, as_of: dt.date, lang: str) -> list[tuple[str, str]]:
    """(key, words in ``lang``) of one list of a rule file (types, layers, sources, sanctions …)."""
    return [(item["key"], item["zh" if lang == "zh" else "en"]) for item in rules(name, as_of)[key]]


def words(name: str, key: str, as_of: dt.date) -> dict[str, tuple[str, str]]:
    """key -> (zh, en) of one list of a rule file."""
    return {item["key"]: (item["zh"], item["en"]) for item in rules(name, as_of)[key]}


# --- a campaign's progress ---------------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    """Activities per stage and per key point (ids as given), and the key points with none."""

    per_stage: dict[Any, int]
    per_key_point: dict[Any, int]
    key_points_without: tuple[Any, ...]
    total: int  # activities of the campaign (those tied to a stage or a key point of it)

    @property
    def key_points_covered(self) -> int:
        return len(self.per_key_point) - len(self.key_points_without)


def progress(stages: Sequence[Any], key_points: Sequence[Any],
             activities: Iterable[tuple[Any, Any]]) -> Progress:
    """``activities``: (stage id or None, key point id or None) of each activity; ids not of this
    campaign are not counted. Every stage and key point appears, with 0 when it has none."""
    per_stage: Counter[Any] = Counter()
    per_kp: Counter[Any] = Counter()
    total = 0
    stage_set, kp_set = set(stages), set(key_points)
    for stage, kp in activities:
        counted = False
        if stage in stage_set:
            per_stage[stage] += 1
            counted = True
        if kp in kp_set:
            per_kp[kp] += 1
            counted = True
        total += counted
    return Progress({s: per_stage[s] for s in stages}, {k: per_kp[k] for k in key_points},
                    tuple(k for k in key_points if per_kp[k] == 0), total)


# --- an ethics case's handling -------------------------------------------------------------------

RECEIVED = "received"


def next_steps(done: Sequence[str], as_of: dt.date, rules_dir: Path | str | None = None) -> list[str]:
    """The steps that may be recorded after ``done`` (the steps recorded, in order): a step whose
    ``after`` names the last step done (or ``received`` when none); nothing after closure."""
    last = done[-1] if done else RECEIVED
    if last == "close":
        return []
    steps = rules("case-handling", as_of, rules_dir)["steps"]
    return [s["key"] for s in steps if last in s["after"]]


def status_after(done: Sequence[str]) -> str:
    """The case's status: the last step done, or ``received``."""
    return done[-1] if done else RECEIVED


def needs_decision(step: str) -> bool:
    """The decision step carries the decision and the sanction."""
    return step == "decide"
