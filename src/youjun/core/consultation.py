"""The consultation platform's rules, pure: the path of a concern (states as data), the
handling clock, progress rolled up from child items, and the statistics' small arithmetic.

A body's settings are the defaults in ``rules/consultation/*.yaml`` with the body's own
values laid over them (``settings_for``); nothing here knows about Django.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

CONSULTATION_DIR = "consultation"
ROLES = ("staff", "member", "department", "raiser")
VENUES: dict[str, tuple[str, str]] = {  # the four venues of the source page
    "courtyard": ("委员进小院", "Members in the courtyard"),
    "cross_border": ("川渝毗邻地区协商议事室", "Sichuan–Chongqing border consultation room"),
    "studio": ("委员工作室", "Member studio"),
    "salon": ("委员沙龙", "Member salon"),
}
SATISFACTION: dict[str, tuple[str, str]] = {
    "satisfied": ("满意", "Satisfied"),
    "partly": ("基本满意", "Partly satisfied"),
    "not": ("不满意", "Not satisfied"),
}
FIXED: dict[str, tuple[str, str]] = {
    "fixed": ("已解决", "Fixed"),
    "not_fixed": ("未解决", "Not fixed"),
    "dont_know": ("不清楚", "Don't know"),
}


class WorkflowError(ValueError):
    """A workflow that cannot work (a state nobody reaches, a step to nowhere), or a step
    that is not allowed. ``code`` is a catalogue code (E87x)."""

    def __init__(self, code: str, detail: str, detail_zh: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.detail_en = detail  # the detail in each language, for the page's language
        self.detail_zh = detail_zh or detail


# the words of the steps and roles, for refusals in the page's language (states have their own labels)
ACTION_WORDS = {"select": ("选题", "select"), "merge": ("合并", "merge"), "decline": ("不予选题", "decline"),
                "investigate": ("调研", "investigate"), "consult": ("协商", "consult"),
                "assign": ("交办", "assign"), "progress": ("更新进度", "update progress"),
                "answer": ("答复", "answer"), "close": ("办结", "close"), "reopen": ("退回重办", "reopen"),
                "rate": ("评价", "rate")}
ROLE_WORDS = {"staff": ("政协工作人员", "committee staff"), "member": ("委员", "members"),
              "department": ("承办部门", "the department"), "raiser": ("提出人", "the raiser")}


def _word(table: dict[str, tuple[str, str]], key: str, i: int) -> str:
    return table[key][i] if key in table else key


# --- settings ------------------------------------------------------------------------------

def _in_force(path: Path, as_of: dt.date) -> Any:
    raw = read_yaml(path)
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise WorkflowError("E870", f"{path.name} has no value in force on {as_of.isoformat()}")
    return found


def default_settings(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> dict[str, Any]:
    """The platform defaults in force on ``as_of``: {"workflow", "sla", "publication"}."""
    folder = rules_root(rules_dir) / CONSULTATION_DIR
    day = as_of or dt.date.today()
    return {name: _in_force(folder / f"{name}.yaml", day) for name in ("workflow", "sla", "publication")}


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, Mapping) and isinstance(over, Mapping):
        out = dict(base)
        for key, value in over.items():
            out[key] = _merge(base.get(key), value) if key in base else value
        return out
    return over if over is not None else base


def settings_for(body_settings: Mapping[str, Any] | None, as_of: dt.date | None = None,
                 rules_dir: Path | str | None = None) -> dict[str, Any]:
    """A body's settings: the defaults with its own values laid over them (validated)."""
    merged = _merge(default_settings(as_of, rules_dir), dict(body_settings or {}))
    Workflow.from_settings(merged["workflow"])  # refuses a broken workflow here, not mid-path
    return merged


# --- the workflow --------------------------------------------------------------------------

@dataclass(frozen=True)
class State:
    code: str
    zh: str
    en: str
    stage: str = ""
    public: bool = True
    terminal: bool = False
    solved: bool = False
    clock: bool = False  # the handling clock runs in this state

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str
    by: tuple[str, ...]
    reason: bool = False  # a reason must be given (decline, reopen)


@dataclass(frozen=True)
class Workflow:
    initial: str
    states: dict[str, State]
    transitions: tuple[Transition, ...] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any]) -> Workflow:
        states = {code: State(code=code, zh=str(s.get("zh", code)), en=str(s.get("en", code)),
                              stage=str(s.get("stage", "")), public=bool(s.get("public", True)),
                              terminal=bool(s.get("terminal", False)), solved=bool(s.get("solved", False)),
                              clock=bool(s.get("clock", False)))
                  for code, s in (raw.get("states") or {}).items()}
        transitions = tuple(Transition(source=str(t["from"]), target=str(t["to"]), action=str(t["action"]),
                                       by=tuple(str(r) for r in t.get("by", ())), reason=bool(t.get("reason", False)))
                            for t in raw.get("transitions") or ())
        flow = cls(initial=str(raw.get("initial", "")), states=states, transitions=transitions)
        flow.check()
        return flow

    def check(self) -> None:
        """Refuse a workflow with an unknown state, an unknown role, an unreachable state or a
        non-terminal state with no way out."""
        if self.initial not in self.states:
            raise WorkflowError("E871", f"the initial state {self.initial!r} is not a state")
        for t in self.transitions:
            for code in (t.source, t.target):
                if code not in self.states:
                    raise WorkflowError("E871", f"step {t.action} names the unknown state {code!r}")
            unknown = set(t.by) - set(ROLES)
            if unknown or not t.by:
                raise WorkflowError("E872", f"step {t.action} names roles {sorted(unknown) or '(none)'}; "
                                            f"roles are {', '.join(ROLES)}")
        reached = {self.initial}
        frontier = [self.initial]
        while frontier:
            here = frontier.pop()
            for t in self.transitions:
                if t.source == here and t.target not in reached:
                    reached.add(t.target)
                    frontier.append(t.target)
        unreached = sorted(set(self.states) - reached)
        if unreached:
            raise WorkflowError("E873", f"no step reaches {', '.join(unreached)}")
        stuck = sorted(c for c, s in self.states.items()
                       if not s.terminal and not any(t.source == c for t in self.transitions))
        if stuck:
            raise WorkflowError("E873", f"{', '.join(stuck)} has no step out and is not final")
        if not any(s.solved for s in self.states.values()):
            raise WorkflowError("E873", "no state counts as solved")

    def state(self, code: str) -> State:
        try:
            return self.states[code]
        except KeyError:
            raise WorkflowError("E871", f"unknown state {code!r}") from None

    def steps_from(self, state: str, roles: Iterable[str]) -> list[Transition]:
        """The steps open to someone holding ``roles`` from ``state``, in the workflow's order."""
        held = set(roles)
        return [t for t in self.transitions if t.source == state and held & set(t.by)]

    def step(self, state: str, action: str, roles: Iterable[str]) -> Transition:
        """The step ``action`` from ``state`` for ``roles``, or E874 saying why not."""
        held = set(roles)
        candidates = [t for t in self.transitions if t.source == state and t.action == action]
        if not candidates:
            opens = sorted({t.action for t in self.transitions if t.source == state})
            zh_state, en_state = self._labels(state)
            raise WorkflowError(
                "E874", f"'{_word(ACTION_WORDS, action, 1)}' is not a step from '{en_state}' (steps from it: "
                        f"{', '.join(_word(ACTION_WORDS, a, 1) for a in opens) or 'none'})",
                f"“{zh_state}”状态下不能“{_word(ACTION_WORDS, action, 0)}”（可执行："
                f"{'、'.join(_word(ACTION_WORDS, a, 0) for a in opens) or '无'}）")
        allowed = [t for t in candidates if held & set(t.by)]
        if not allowed:
            zh_state, en_state = self._labels(state)
            by = candidates[0].by
            raise WorkflowError(
                "E875", f"'{_word(ACTION_WORDS, action, 1)}' from '{en_state}' is for "
                        f"{', '.join(_word(ROLE_WORDS, r, 1) for r in by)}",
                f"“{zh_state}”状态下的“{_word(ACTION_WORDS, action, 0)}”由"
                f"{'、'.join(_word(ROLE_WORDS, r, 0) for r in by)}执行")
        return allowed[0]

    def _labels(self, code: str) -> tuple[str, str]:
        found = self.states.get(code)
        return (found.zh, found.en) if found else (code, code)

    def solved_states(self) -> frozenset[str]:
        return frozenset(c for c, s in self.states.items() if s.solved)

    def clock_states(self) -> frozenset[str]:
        return frozenset(c for c, s in self.states.items() if s.clock)


# --- the handling clock --------------------------------------------------------------------

def sla_days(sla: Mapping[str, Any], category: str) -> int:
    entry = (sla.get("categories") or {}).get(category) or {}
    return int(entry.get("days") or sla.get("default_days") or 30)


def deadline(assigned_on: dt.date, days: int) -> dt.date:
    """The last day to answer: ``days`` calendar days after the day of assignment."""
    return assigned_on + dt.timedelta(days=days)


def clock_status(due: dt.date | None, today: dt.date, *, open_item: bool, due_soon_days: int) -> str:
    """"none" (no deadline or finished), "overdue", "due_soon" or "on_time"."""
    if due is None or not open_item:
        return "none"
    if today > due:
        return "overdue"
    if (due - today).days <= due_soon_days:
        return "due_soon"
    return "on_time"


def days_overdue(due: dt.date, today: dt.date) -> int:
    return max(0, (today - due).days)


# --- progress ------------------------------------------------------------------------------

def rolled_up_progress(own: int, children: Sequence[int]) -> int:
    """An item's progress: its own, or the mean of its children's (as Decidim rolls results
    up), rounded down so a parent never reads 100% before every child does."""
    if not children:
        return max(0, min(100, own))
    total = sum(max(0, min(100, c)) for c in children)
    return total // len(children)


def check_percent(value: Any) -> int:
    try:
        number = float(str(value).strip().rstrip("%％"))
    except ValueError:
        raise WorkflowError("E876", f"'{value}' is not a percentage", f"“{value}”不是百分数") from None
    if not 0 <= number <= 100 or number != int(number):
        raise WorkflowError("E876", f"'{value}' is not a whole percentage from 0 to 100",
                            f"“{value}”不是0到100之间的整数百分比")
    return int(number)


# --- statistics ----------------------------------------------------------------------------

def median_days(durations: Sequence[float]) -> float | None:
    return float(statistics.median(durations)) if durations else None


def published_median(durations: Sequence[float], minimum: int) -> float | None:
    """A department's median days, only when it handled at least ``minimum`` items; fewer would
    single out one case and mislead."""
    return median_days(durations) if len(durations) >= max(1, minimum) else None


def share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None
