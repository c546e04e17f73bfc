"""Which schools enter the per-school indicators and the CVs (the rule set's ``scope``).

The analytics layer applies the same filter in bulk (``youjun.analytics.units``); this is
the one-school form that the golden tests and forms use. Special-education schools never
enter the 7 (or 8) indicators; they are judged in items G7 and Q2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from youjun.core.judging import below


class ScopeValues(Protocol):
    """The rule values the scope reads (``AssessmentParams`` has them)."""

    @property
    def include_private(self) -> bool: ...
    @property
    def include_non_county_run(self) -> bool: ...
    @property
    def include_teaching_points(self) -> bool: ...
    @property
    def teaching_point_min_students(self) -> int | None: ...


@dataclass(frozen=True)
class RecordedScope:
    """The scope values as a run recorded them (``provenance.rules``: "scope.include_private"…),
    for judging a school against a stored run without loading its rule set again."""

    include_private: bool
    include_non_county_run: bool
    include_teaching_points: bool
    teaching_point_min_students: int | None

    @classmethod
    def from_rules(cls, rules: Mapping[str, Any]) -> RecordedScope:
        minimum = rules.get("scope.teaching_point_min_students")
        return cls(include_private=bool(rules.get("scope.include_private", True)),
                   include_non_county_run=bool(rules.get("scope.include_non_county_run", True)),
                   include_teaching_points=bool(rules.get("scope.include_teaching_points", True)),
                   teaching_point_min_students=None if minimum is None else int(minimum))


@dataclass(frozen=True)
class ScopeDecision:
    in_scope: bool
    reason: str  # stable key: "in_scope", "special_school", "private", ...
    zh: str
    en: str


def school_in_scope(school_type: str, ownership: str, county_run: bool,
                    primary_students: int | None, params: ScopeValues) -> ScopeDecision:
    """Whether a school counts, and why not when it does not.

    ``primary_students`` matters only for teaching points (their roll against
    ``teaching_point_min_students``); a teaching point whose roll is unknown is left out.
    """
    if school_type == "special":
        return ScopeDecision(False, "special_school", "特殊教育学校不参加资源配置指标评估",
                             "Special-education schools are outside the resource indicators")
    if ownership == "private" and not params.include_private:
        return ScopeDecision(False, "private", "民办学校不在评估范围内",
                             "Private schools are outside this method's scope")
    if not county_run and not params.include_non_county_run:
        return ScopeDecision(False, "non_county_run", "非县属学校不在评估范围内",
                             "Schools not run by the county are outside this method's scope")
    if school_type == "teaching_point":
        if not params.include_teaching_points:
            return ScopeDecision(False, "teaching_point", "教学点不在评估范围内",
                                 "Teaching points are outside this method's scope")
        minimum = params.teaching_point_min_students
        if minimum is not None and (primary_students is None
                                    or below(primary_students, minimum)):
            return ScopeDecision(False, "small_teaching_point",
                                 f"学生不足 {minimum} 人的教学点不参加评估",
                                 f"Teaching points under {minimum} pupils are left out")
    return ScopeDecision(True, "in_scope", "参加评估", "Counted")
