"""Golden tests of the rule sets: YAML cases beside the rules, run against the verdict logic.

A case file (``rules/<set>/tests/*.yaml``) holds ``cases``; each case names the rule
values it tests (``rules``), the judge to run, its input and the expected output (a subset
of the judge's result). Overlays carry their own cases under ``tests: {<set>: [...]}``;
when an overlay is applied, base cases that test a value the overlay changes are skipped
(their expectation no longer holds) and the overlay's cases run instead.

Pure: reads YAML through ``youjun.core.rules`` and runs the core's judges.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from youjun.core.evidence import judge_vetoes
from youjun.core.items import judge_item
from youjun.core.judging import STATUSES, ItemResult, round_half_up
from youjun.core.measures import split_shares
from youjun.core.params import AssessmentParams
from youjun.core.rule_errors import RulesError
from youjun.core.rules import (
    MANIFEST,
    TESTS_DIR,
    find_ruleset_dir,
    load_ruleset,
    read_overlay,
    read_yaml,
    replace_value,
)
from youjun.core.scope import school_in_scope
from youjun.core.verdict import (
    cv_checks,
    indicator_check,
    overall_verdict,
    required_elements,
    school_compliance,
)

PASSED, FAILED, SKIPPED, ERROR = "passed", "failed", "skipped", "error"
_CASE_KEYS = ("name", "rules", "judge", "input", "expect", "as_of", "note", "options")


@dataclass(frozen=True)
class GoldenCase:
    file: str
    name: str
    judge: str
    input: dict[str, Any]
    expect: dict[str, Any]
    rules: tuple[str, ...]
    as_of: str | None = None
    overlay: str = ""  # the overlay that brings the case, if any
    # Option values set for this case only (value path -> value): both sides of an option.
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def id(self) -> str:
        return f"{Path(self.file).name}::{self.name}"


@dataclass(frozen=True)
class CaseResult:
    case: GoldenCase
    status: str
    problems: tuple[str, ...] = ()
    actual: Any = None


@dataclass
class GoldenReport:
    ruleset: str
    overlays: tuple[str, ...]
    results: list[CaseResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return not any(r.status in (FAILED, ERROR) for r in self.results)


# --- judges a case can call -------------------------------------------------------------------

def _cv(inp: Mapping[str, Any], params: AssessmentParams) -> dict[str, Any]:
    checks = cv_checks(inp["cvs"], params)
    return {
        "passes": all(c.passes for c in checks if c.binding),
        "failing": [f"{c.level}.{c.indicator}" for c in checks if c.binding and not c.passes],
        "checks": {f"{c.level}.{c.indicator}": c.to_dict() for c in checks},
    }


def _item(inp: Mapping[str, Any], params: AssessmentParams) -> dict[str, Any]:
    return judge_item(inp["item"], inp.get("figures") or {}, params,
                      evidence=inp.get("evidence") or (), schools=inp.get("schools")).to_dict()


def _vetoes(inp: Mapping[str, Any], params: AssessmentParams) -> dict[str, Any]:
    return {r.key: r.to_dict() for r in judge_vetoes(inp.get("evidence") or (), params)}


def _scope(inp: Mapping[str, Any], params: AssessmentParams) -> dict[str, Any]:
    d = school_in_scope(inp["type"], inp.get("ownership", "public"),
                        bool(inp.get("county_run", True)), inp.get("students"), params)
    return {"in_scope": d.in_scope, "reason": d.reason}


def _split(inp: Mapping[str, Any], params: AssessmentParams) -> dict[str, Any]:
    """Shares to 6 decimals; a resource's parts to 2 decimals, as the handbook prints them."""
    shares = split_shares(inp["type"], inp["pupils"], params.split_weights)
    out: dict[str, Any] = {"shares": {s: round_half_up(v, 6) for s, v in shares.items()}}
    if inp.get("resource") is not None:
        out["amounts"] = {s: round_half_up(v * inp["resource"], 2) for s, v in shares.items()}
    return out


def _verdict(inp: Mapping[str, Any], params: AssessmentParams) -> dict[str, Any]:
    schools = [school_compliance(s.get("values") or {}, s["level"], params,
                                 school=str(s.get("school", ""))) for s in inp.get("schools") or ()]
    statuses = dict(inp.get("items") or {})
    default = statuses.pop("*", None)
    items = []
    for key in required_elements(params):
        status = statuses.get(key, default)
        if status is not None:
            if status not in STATUSES:
                raise ValueError(f"item status {status!r} is not one of {STATUSES}")
            items.append(ItemResult(key, status))
    verdict = overall_verdict(params, schools=schools, cv=cv_checks(inp.get("cvs") or {}, params),
                              items=items)
    return {**verdict.to_dict(), "reason_keys": verdict.reason_keys}


JUDGES: dict[str, Callable[[Mapping[str, Any], AssessmentParams], Any]] = {
    "indicator": lambda i, p: indicator_check(i["indicator"], i["level"], i["value"], p).to_dict(),
    "school": lambda i, p: school_compliance(i.get("values") or {}, i["level"], p,
                                             school=str(i.get("school", ""))).to_dict(),
    "cv": _cv,
    "item": _item,
    "vetoes": _vetoes,
    "scope": _scope,
    "split": _split,
    "verdict": _verdict,
}


# --- comparing expected with actual -----------------------------------------------------------

def compare(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Differences between the expectation and the result; mappings are matched as subsets."""
    here = where or "result"
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            return [f"{here}: expected a mapping, got {actual!r}"]
        out: list[str] = []
        for key, exp in expected.items():
            if key not in actual:
                out.append(f"{here}.{key}: missing from the result")
            else:
                out += compare(exp, actual[key], f"{where}.{key}" if where else str(key))
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list | tuple) or len(actual) != len(expected):
            return [f"{here}: expected {expected!r}, got {actual!r}"]
        return [p for i, (e, a) in enumerate(zip(expected, actual, strict=True))
                for p in compare(e, a, f"{here}[{i}]")]
    if isinstance(expected, bool) or isinstance(actual, bool) or expected is None:
        same = expected is actual or (expected == actual and type(expected) is type(actual))
        return [] if same else [f"{here}: expected {expected!r}, got {actual!r}"]
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        ok = math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)
        return [] if ok else [f"{here}: expected {expected!r}, got {actual!r}"]
    return [] if expected == actual else [f"{here}: expected {expected!r}, got {actual!r}"]


# --- loading and running ----------------------------------------------------------------------

def _parse_case(raw: Any, file: str, default_as_of: str | None, overlay: str) -> GoldenCase:
    name = str(raw.get("name", "?")) if isinstance(raw, Mapping) else "?"

    def bad(detail: str) -> RulesError:
        return RulesError("R112", file=file, value=name, detail=detail)

    if not isinstance(raw, Mapping):
        raise bad("a case must be a mapping")
    unknown = [str(k) for k in raw if k not in _CASE_KEYS]
    if unknown:
        raise bad(f"unknown key(s) {unknown}")
    if raw.get("judge") not in JUDGES:
        raise bad(f"judge must be one of {sorted(JUDGES)}")
    rules = raw.get("rules")
    if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
        raise bad("'rules' must list the value paths the case tests")
    if not isinstance(raw.get("input"), Mapping) or not isinstance(raw.get("expect"), Mapping) \
            or not raw["expect"]:
        raise bad("'input' and a non-empty 'expect' mapping are required")
    as_of = raw.get("as_of", default_as_of)
    options = raw.get("options") or {}
    if not isinstance(options, Mapping):
        raise bad("'options' must map value paths to values")
    return GoldenCase(file, name, str(raw["judge"]), dict(raw["input"]), dict(raw["expect"]),
                      tuple(rules), None if as_of is None else str(as_of), overlay,
                      tuple((str(k), v) for k, v in options.items()))


def load_case_file(path: Path) -> list[GoldenCase]:
    raw = read_yaml(path)
    file = str(path)
    if not isinstance(raw, Mapping) or not isinstance(raw.get("cases"), list):
        raise RulesError("R112", file=file, value="-", detail="the file needs a 'cases' list")
    default_as_of = raw.get("as_of")
    cases = [_parse_case(c, file, None if default_as_of is None else str(default_as_of), "")
             for c in raw["cases"]]
    names = [c.name for c in cases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise RulesError("R112", file=file, value=duplicates[0], detail="duplicate case name")
    return cases


def case_files(name_or_path: str | Path, rules_dir: Path | str | None = None) -> list[Path]:
    return sorted((find_ruleset_dir(name_or_path, rules_dir) / TESTS_DIR).glob("*.yaml"))


def load_cases(name_or_path: str | Path, *, overlays: Sequence[str | Path] = (),
               rules_dir: Path | str | None = None) -> list[GoldenCase]:
    """The rule set's cases, then those of each overlay for this rule set."""
    ruleset_dir = find_ruleset_dir(name_or_path, rules_dir)
    name = ruleset_dir.name
    cases = [c for f in case_files(ruleset_dir) for c in load_case_file(f)]
    for ref in overlays:
        overlay = read_overlay(ref, rules_dir)
        cases += [_parse_case(c, str(overlay.path), None, overlay.name)
                  for c in overlay.tests.get(name, [])]
    return cases


def _touches(case: GoldenCase, changed: Sequence[str]) -> bool:
    return any(r == c or r.startswith(c + ".") or c.startswith(r + ".")
               for r in case.rules for c in changed)


def run_case(case: GoldenCase, params: AssessmentParams) -> CaseResult:
    try:
        for path, value in case.options:
            params = replace_value(params, path, value)
        actual = JUDGES[case.judge](case.input, params)
    except (KeyError, TypeError, ValueError, RulesError) as exc:
        return CaseResult(case, ERROR, (f"{type(exc).__name__}: {exc}",))
    problems = compare(case.expect, actual)
    return CaseResult(case, FAILED if problems else PASSED, tuple(problems), actual)


def run_golden(name_or_path: str | Path = "cn-2017", *, overlays: Sequence[str | Path] = (),
               rules_dir: Path | str | None = None) -> GoldenReport:
    """Run every golden case of a rule set (and of the overlays given) and report each."""
    ruleset_dir = find_ruleset_dir(name_or_path, rules_dir)
    if not (ruleset_dir / MANIFEST).is_file():
        raise RulesError("R102", value=name_or_path)
    changed = [p for ref in overlays for p in read_overlay(ref, rules_dir).paths_for(
        ruleset_dir.name)]
    params_at: dict[str | None, AssessmentParams] = {}
    report = GoldenReport(ruleset_dir.name, tuple(str(o) for o in overlays))
    for case in load_cases(ruleset_dir, overlays=overlays, rules_dir=rules_dir):
        if not case.overlay and _touches(case, changed):
            report.results.append(CaseResult(case, SKIPPED, ("changed by an overlay",)))
            continue
        if case.as_of not in params_at:
            as_of = dt.date.fromisoformat(case.as_of) if case.as_of else None
            params_at[case.as_of] = load_ruleset(ruleset_dir, overlays=overlays, as_of=as_of,
                                                 rules_dir=rules_dir)
        report.results.append(run_case(case, params_at[case.as_of]))
    return report
