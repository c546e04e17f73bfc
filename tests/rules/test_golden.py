"""The golden cases beside the rules, run by pytest (as `youjun rules test` runs them).

Besides running each case, a mutation test proves the cases guard every figure: nudging any
numeric rule value up or down (or flipping a yes/no rule) must make some case fail.
"""

from __future__ import annotations

from functools import cache

import pytest

from youjun.core.golden import (
    FAILED,
    PASSED,
    SKIPPED,
    case_files,
    load_case_file,
    load_cases,
    run_case,
    run_golden,
)
from youjun.core.rules import describe_ruleset, list_rulesets, load_ruleset, replace_value

RULESETS = [r.name for r in list_rulesets()]
OVERLAY = "example-province"


@cache
def _params(name: str, as_of: str | None = None, overlays: tuple[str, ...] = ()):
    return load_ruleset(name, as_of=as_of, overlays=overlays)


BASE_CASES = [(name, case) for name in RULESETS for case in load_cases(name)]
OVERLAY_CASES = [(name, case) for name in RULESETS
                 for case in load_cases(name, overlays=[OVERLAY]) if case.overlay]


def test_every_rule_set_has_case_files() -> None:
    assert set(RULESETS) >= {"cn-2017", "cn-2012"}
    for name in RULESETS:
        files = case_files(name)
        assert files, f"{name} has no golden tests"
        for file in files:
            assert load_case_file(file), f"{file} holds no case"


@pytest.mark.parametrize(("ruleset", "case"), BASE_CASES,
                         ids=[f"{n}/{c.id}" for n, c in BASE_CASES])
def test_golden_case(ruleset: str, case) -> None:
    result = run_case(case, _params(ruleset, case.as_of))
    assert result.status == PASSED, "\n".join(result.problems)


@pytest.mark.parametrize(("ruleset", "case"), OVERLAY_CASES,
                         ids=[f"{n}+{OVERLAY}/{c.name}" for n, c in OVERLAY_CASES])
def test_overlay_case(ruleset: str, case) -> None:
    result = run_case(case, _params(ruleset, case.as_of, (OVERLAY,)))
    assert result.status == PASSED, "\n".join(result.problems)


@pytest.mark.parametrize("ruleset", RULESETS)
def test_run_golden_with_overlay_skips_what_the_overlay_changes(ruleset: str) -> None:
    report = run_golden(ruleset, overlays=[OVERLAY])
    assert report.ok
    assert report.count(SKIPPED) > 0
    assert all(r.status != FAILED for r in report.results)
    skipped = [r.case for r in report.results if r.status == SKIPPED]
    changed = {"cn-2017": "scope", "cn-2012": "thresholds"}[ruleset]
    assert all(any(rule.startswith(changed) or changed.startswith(rule) for rule in c.rules)
               for c in skipped)


# --- every figure is guarded on both sides ---------------------------------------------------

# Values no golden judge reads: the unit conversion and the gym option are used by the
# indicator engine (its own tests), the survey plan by the survey module, and the
# precondition's years are judged on attested evidence.
UNJUDGED = ("measurement.equipment_unit_yuan", "options.teaching_area_includes_gym",
            "social_recognition.sampling", "items.pre_basic_balance.min_years_since")


def _nudges(value: object) -> list[object]:
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1, value - 1]
    if isinstance(value, float):
        return [value * 1.05, value * 0.95]
    return []


def _guarded_values(name: str) -> list[tuple[str, object]]:
    out = []
    for v in describe_ruleset(name).values:
        if v.path.startswith(UNJUDGED) or not _nudges(v.value):
            continue
        out.append((v.path, v.value))
    return out


MUTATIONS = [(name, path, value, nudged) for name in RULESETS
             for path, value in _guarded_values(name) for nudged in _nudges(value)]


@pytest.mark.parametrize(("ruleset", "path", "value", "nudged"), MUTATIONS,
                         ids=[f"{n}:{p}={x}->{y!r}" for n, p, x, y in MUTATIONS])
def test_golden_cases_guard_every_value(ruleset: str, path: str, value: object,
                                        nudged: object) -> None:
    params = replace_value(_params(ruleset), path, nudged)
    cases = [c for n, c in BASE_CASES if n == ruleset]
    caught = [c.name for c in cases if run_case(c, params).status != PASSED]
    assert caught, f"changing {path} from {value!r} to {nudged!r} breaks no golden case"


def test_the_mutation_test_covers_the_thresholds() -> None:
    paths = {p for n, p, _, _ in MUTATIONS if n == "cn-2017"}
    assert {f"thresholds.{k}.{lv}" for k in load_ruleset("cn-2017").thresholds
            for lv in ("primary", "junior")} <= paths
    assert {"cv_limits.primary", "cv_limits.junior", "school_compliance.min_met",
            "school_compliance.floor_ratio", "items.g5.max_class.primary",
            "items.q9.diff_rate_below", "social_recognition.min_percent",
            "scope.teaching_point_min_students"} <= paths
    assert {"cv_limits.primary", "cv_limits.junior"} <= {p for n, p, _, _ in MUTATIONS
                                                         if n == "cn-2012"}
