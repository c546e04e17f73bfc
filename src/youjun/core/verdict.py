"""The verdict: per-school compliance, the CV checks and the county's overall finding.

Pure: plain figures in, dataclasses out; every number read from ``AssessmentParams``.

Rules encoded (numbers from the rule set, wording from the documents):
- A school complies when at least ``school_min_met`` of its indicators meet their threshold
  and every one that does not is at least ``school_floor_ratio`` of its threshold (2017:
  6 of 7, the seventh ≥ 85%). Without a count in the rule set (a province's 2012
  standards), every standard must be met. A missing value never passes.
- A CV passes when, rounded to ``cv_decimals`` (half up, as published), it is ≤ the limit:
  0.5004 → 0.500 passes, 0.5005 → 0.501 fails. In ``composite`` mode (2012) only the plain
  mean of the indicators' CVs is judged, each single CV is informative.
- The county passes only if every in-scope school complies, every binding CV passes, every
  item the rule set requires passes (G, Q, recognition), no veto applies and every
  precondition holds. Missing evidence is listed and does not pass.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from youjun.core.findings import figure_text, figure_text_below
from youjun.core.judging import (
    EVIDENCE_MISSING,
    FAIL,
    PASS,
    ItemResult,
    Reason,
    at_least,
    at_most,
    gap_down,
    gap_up,
    round_half_up,
)
from youjun.core.labels import INDICATOR_LABELS
from youjun.core.params import AssessmentParams
from youjun.core.rule_errors import RulesError

COMPOSITE = "composite"
LEVEL_ZH = {"primary": "小学", "junior": "初中"}


# --- per-school compliance --------------------------------------------------------------------

@dataclass(frozen=True)
class IndicatorCheck:
    indicator: str
    threshold: float
    value: float | None
    meets: bool | None  # None: the value is missing
    ratio: float | None  # value / threshold

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "threshold": self.threshold, "value": self.value,
                "meets": self.meets, "ratio": self.ratio}


@dataclass(frozen=True)
class SchoolCompliance:
    school: str
    level: str
    checks: tuple[IndicatorCheck, ...]
    met_count: int
    required_met: int
    floor_ratio: float | None
    missing: tuple[str, ...]  # indicators without a value
    short: tuple[str, ...]  # indicators below their threshold
    compliant: bool
    reasons: tuple[Reason, ...] = ()

    @property
    def meets(self) -> dict[str, bool | None]:
        return {c.indicator: c.meets for c in self.checks}

    @property
    def short_indicator(self) -> str | None:
        """The one indicator below threshold, when there is exactly one."""
        return self.short[0] if len(self.short) == 1 else None

    @property
    def short_ratio(self) -> float | None:
        one = self.short_indicator
        return next((c.ratio for c in self.checks if c.indicator == one), None) if one else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "school": self.school, "level": self.level, "compliant": self.compliant,
            "met_count": self.met_count, "required_met": self.required_met,
            "floor_ratio": self.floor_ratio, "missing": list(self.missing),
            "short": list(self.short), "short_indicator": self.short_indicator,
            "short_ratio": self.short_ratio, "meets": self.meets,
            "checks": [c.to_dict() for c in self.checks],
            "reasons": [r.to_dict() for r in self.reasons],
        }


def school_thresholds(level: str, params: AssessmentParams) -> dict[str, float]:
    """The per-school minimum of each indicator that has one at this level, in order."""
    return {k: params.thresholds[k][level] for k in params.indicators
            if level in params.thresholds.get(k, {})}


def indicator_check(indicator: str, level: str, value: float | None,
                    params: AssessmentParams) -> IndicatorCheck:
    threshold = params.thresholds.get(indicator, {}).get(level)
    if threshold is None:
        raise RulesError("R111", file=params.method, path=f"thresholds.{indicator}.{level}")
    if value is None:
        return IndicatorCheck(indicator, threshold, None, None, None)
    return IndicatorCheck(indicator, threshold, value, at_least(value, threshold),
                          value / threshold)


def _zh(indicator: str) -> str:
    return INDICATOR_LABELS.get(indicator, (indicator,))[0]


def _en(indicator: str) -> str:
    return INDICATOR_LABELS.get(indicator, (indicator, indicator))[1]


def _below_floor(checks: Sequence[IndicatorCheck], floor: float, subject: str,
                 subject_en: str) -> list[Reason]:
    out = []
    for c in checks:
        if c.meets is not False or c.value is None or at_least(c.ratio or 0, floor):
            continue
        share, floor_pct = figure_text_below(100 * (c.ratio or 0), 100 * floor), figure_text(100 * floor)
        out.append(Reason(
            "school.below_floor", f"{subject}：{_zh(c.indicator)} 为 {figure_text(c.value)}，仅达标准 "
            f"{figure_text(c.threshold)} 的 {share}%，不足 {floor_pct}%",
            f"{subject_en}: {_en(c.indicator)} = {figure_text(c.value)} is {share}% of {figure_text(c.threshold)}, "
            f"below the {floor_pct}% floor", subject=subject, figure=c.value,
            limit=c.threshold * floor, gap=gap_up(c.value, c.threshold * floor)))
    return out


def school_compliance(values: Mapping[str, float | None], level: str, params: AssessmentParams,
                      *, school: str = "", school_en: str = "") -> SchoolCompliance:
    """Whether one school (or one section of a combined school) meets the per-school rule.

    ``school`` names the subject in the Chinese reasons, ``school_en`` in the English ones
    (a combined school's section is "初中部" in one, "junior section" in the other).

    ``values`` maps indicator keys to the school's figures; an absent or None figure is
    reported as missing and the school cannot be shown to comply.
    """
    thresholds = school_thresholds(level, params)
    checks = tuple(indicator_check(k, level, values.get(k), params) for k in thresholds)
    n = len(checks)
    required = n if params.school_min_met is None else min(params.school_min_met, n)
    floor = params.school_floor_ratio if required < n else None
    missing = tuple(c.indicator for c in checks if c.meets is None)
    short = tuple(c.indicator for c in checks if c.meets is False)
    met = sum(1 for c in checks if c.meets)
    subject = school or level
    subject_en = school_en or subject
    reasons: list[Reason] = []
    for c in checks:
        if c.meets is None:
            reasons.append(Reason("school.data_missing", f"{subject}：缺少指标 {_zh(c.indicator)} 的数据",
                                  f"{subject_en}: no value for {_en(c.indicator)}", subject=subject,
                                  limit=c.threshold))
    if not missing and met < required:
        reasons.append(Reason(
            "school.too_many_short", f"{subject}：{n} 项指标中 {met} 项达标，要求至少 {required} 项"
            f"（未达标：{'、'.join(map(_zh, short))}）", f"{subject_en}: {met} of {n} indicators meet their "
            f"threshold, {required} required (short: {'; '.join(map(_en, short))})", subject=subject,
            figure=met, limit=required, gap=float(required - met)))
    # The floor decides only once enough indicators are met; otherwise it is moot.
    below_floor = [] if floor is None or met < required else _below_floor(checks, floor, subject, subject_en)
    reasons += below_floor
    compliant = not missing and met >= required and not below_floor
    return SchoolCompliance(school, level, checks, met, required, floor, missing, short,
                            compliant, tuple(reasons))


# --- CV checks ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CvCheck:
    level: str
    indicator: str  # an indicator key, or "composite"
    cv: float | None
    rounded: float | None
    limit: float | None  # None: informative only (single CVs under a composite rule)
    passes: bool
    binding: bool = True

    @property
    def gap(self) -> float | None:
        if self.rounded is None or self.limit is None:
            return None
        return gap_down(self.rounded, self.limit)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "indicator": self.indicator, "cv": self.cv,
                "rounded": self.rounded, "limit": self.limit, "passes": self.passes,
                "binding": self.binding, "gap": self.gap}


def _limit(level: str, params: AssessmentParams) -> float:
    if level not in params.cv_limits:
        raise RulesError("R111", file=params.method, path=f"cv_limits.{level}")
    return params.cv_limits[level]


def _judge_cv(level: str, indicator: str, cv: float | None, params: AssessmentParams) -> CvCheck:
    limit = _limit(level, params)
    if cv is None or math.isnan(cv):
        return CvCheck(level, indicator, None, None, limit, False)
    rounded = round_half_up(cv, params.cv_decimals)
    # The option measurement.cv_decimals.compare: judge the published (rounded) CV or the raw one.
    judged = rounded if params.cv_compare == "rounded" else cv
    return CvCheck(level, indicator, cv, rounded, limit, at_most(judged, limit))


def cv_checks(cvs: Mapping[str, Mapping[str, float | None]],
              params: AssessmentParams) -> list[CvCheck]:
    """One check per (level, indicator) given; in composite mode also the composite per level.

    ``cvs[level][indicator]`` is the unrounded weighted CV (None when it cannot be computed).
    The composite is the plain mean of the unrounded CVs of all the method's indicators,
    then rounded; it is None (and fails) when any of them is missing.
    """
    checks: list[CvCheck] = []
    for level, by_indicator in cvs.items():
        ordered = [k for k in params.indicators if k in by_indicator]
        if params.cv_mode == COMPOSITE:
            for k in ordered:
                cv = by_indicator[k]
                rounded = None if cv is None else round_half_up(cv, params.cv_decimals)
                checks.append(CvCheck(level, k, cv, rounded, None, True, binding=False))
            parts = [by_indicator.get(k) for k in params.indicators]
            known = [v for v in parts if v is not None and not math.isnan(v)]
            mean = math.fsum(known) / len(known) if len(known) == len(parts) else None
            checks.append(_judge_cv(level, COMPOSITE, mean, params))
        else:
            checks += [_judge_cv(level, k, by_indicator[k], params) for k in ordered]
    return checks


# --- the overall verdict ---------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    method: str
    version: str
    passes: bool
    reasons: list[Reason]
    counts: dict[str, int] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)  # [U] options in force, for the report
    overlays: tuple[str, ...] = ()

    @property
    def reason_keys(self) -> list[str]:
        return sorted({r.key for r in self.reasons})

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "version": self.version, "passes": self.passes,
                "reasons": [r.to_dict() for r in self.reasons], "counts": dict(self.counts),
                "options": dict(self.options), "overlays": list(self.overlays)}


def required_elements(params: AssessmentParams) -> list[str]:
    """The item results a verdict needs: G/Q items, recognition (when it has a pass mark),
    each veto, and the preconditions — in the rule set's order."""
    out: list[str] = []
    for key, figures in params.items.items():
        if key == "vetoes":
            out += list(figures.get("evidence", ()))
        elif key == "social_recognition":
            if figures.get("min_percent") is not None:
                out.append(key)
        else:
            out.append(key)
    return out


def _school_reasons(schools: Sequence[SchoolCompliance], params: AssessmentParams) -> list[Reason]:
    if not any(params.thresholds.values()):
        return []
    if not schools:
        return [Reason("schools.none", "没有参评学校的指标数据", "No school was assessed")]
    out: list[Reason] = []
    for s in schools:
        if not s.compliant:
            out += list(s.reasons) or [Reason("school.noncompliant", f"{s.school}：未达标",
                                              f"{s.school}: does not comply", subject=s.school)]
    return out


def _cv_reasons(checks: Sequence[CvCheck], levels: Iterable[str],
                params: AssessmentParams) -> list[Reason]:
    out: list[Reason] = []
    wanted = [COMPOSITE] if params.cv_mode == COMPOSITE else list(params.indicators)
    have = {(c.level, c.indicator) for c in checks if c.binding}
    needed_levels = sorted(set(levels) | {c.level for c in checks},
                           key=lambda lv: (lv not in LEVEL_ZH, lv))
    if not needed_levels:
        return [Reason("cv.none", "没有校际差异系数", "No inter-school CV was given")]
    for level in needed_levels:
        for indicator in wanted:
            if (level, indicator) not in have:
                out.append(Reason("cv.missing", f"{LEVEL_ZH.get(level, level)}缺少 {_zh(indicator)} 的差异系数",
                                  f"No {level} CV for {_en(indicator)}", subject=f"{level}.{indicator}"))
    for c in checks:
        if not c.binding or c.passes:
            continue
        subject = f"{c.level}.{c.indicator}"
        lz = LEVEL_ZH.get(c.level, c.level)
        what_zh, what_en = ((f"{lz}综合差异系数", f"{c.level} composite CV")
                            if c.indicator == COMPOSITE
                            else (f"{lz}“{_zh(c.indicator)}”差异系数", f"{c.level} CV of {_en(c.indicator)}"))
        if c.rounded is None:
            out.append(Reason("cv.not_computable", f"{what_zh}无法计算",
                              f"The {what_en} cannot be computed", subject=subject, limit=c.limit))
        else:
            out.append(Reason("cv.over_limit", f"{what_zh} {figure_text(c.rounded, 3)}，超过 {figure_text(c.limit)}",
                              f"The {what_en} is {figure_text(c.rounded, 3)}, above {figure_text(c.limit)}",
                              subject=subject, figure=c.rounded, limit=c.limit, gap=c.gap))
    return out


def _item_reasons(items: Sequence[ItemResult], params: AssessmentParams) -> list[Reason]:
    by_key = {r.key: r for r in items}
    out: list[Reason] = []
    for key in required_elements(params):
        result = by_key.get(key)
        if result is None:
            out.append(Reason("item.not_assessed", f"{key} 未评估", f"{key} was not assessed",
                              subject=key))
        elif result.status != PASS:
            generic = Reason(f"{key}.{result.status}",
                             f"{key}：{'未达标' if result.status == FAIL else '缺少佐证材料'}",
                             f"{key}: {'fails' if result.status == FAIL else 'evidence missing'}",
                             subject=key)
            out += list(result.reasons) or [generic]
    return out


def overall_verdict(params: AssessmentParams, *, schools: Sequence[SchoolCompliance] = (),
                    cv: Sequence[CvCheck] = (), items: Sequence[ItemResult] = ()) -> Verdict:
    """The county's finding under one method, with every reason it does not pass.

    ``schools``: the compliance of every in-scope school (section); ``cv``: the output of
    ``cv_checks``; ``items``: one result per element of ``required_elements`` (G/Q items,
    social recognition, vetoes, preconditions), e.g. from ``youjun.core.items.judge_all``.
    """
    reasons = (_school_reasons(schools, params)
               + _cv_reasons(cv, {s.level for s in schools}, params)
               + _item_reasons(items, params))
    required = set(required_elements(params))
    counts = {
        "schools": len(schools), "schools_compliant": sum(1 for s in schools if s.compliant),
        "cv_checks": sum(1 for c in cv if c.binding),
        "cv_passing": sum(1 for c in cv if c.binding and c.passes),
        "items_required": len(required),
        "items_passing": sum(1 for r in items if r.key in required and r.status == PASS),
        "items_evidence_missing": sum(1 for r in items
                                      if r.key in required and r.status == EVIDENCE_MISSING),
    }
    return Verdict(params.method, params.version, not reasons, reasons, counts,
                   dict(params.options), tuple(params.overlays))
