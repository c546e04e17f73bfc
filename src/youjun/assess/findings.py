"""Findings the engine adds beside the items' own: per-school indicators (R) and the CVs.

The shape is ``youjun.core.findings.Finding``; this module only knows where the figures are
(compliance checks, the diagnosis' gaps in real units, CV checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from youjun.core.findings import (
    NO_QUANTITY,
    Finding,
    Quantity,
    Words,
    number,
    number_below,
    quantity,
    reason_finding,
)
from youjun.core.judging import PASS, ItemResult
from youjun.core.labels import INDICATOR_LABELS, count_unit, english_unit
from youjun.core.verdict import COMPOSITE, CvCheck, SchoolCompliance
from youjun.report.numbers import limit as limit_text

LEVEL_WORDS = {"primary": ("小学", "primary"), "junior": ("初中", "junior secondary")}

# What a school lacks for an indicator, in the words of a rectification list (zh, en), after
# the figure in the indicator's plain count unit (``labels.count_unit``): "缺 2 名…教师".
GAP_NOUNS: dict[str, tuple[str, str]] = {
    "r1": ("名高于规定学历教师", "teachers above the required qualification"),
    "r2": ("名县级以上骨干教师", "county-level or higher key teachers"),
    "r3": ("名体育、艺术专任教师", "PE, music and art teachers"),
    "r4": ("平方米教学及辅助用房", "m² of teaching and auxiliary rooms"),
    "r5": ("平方米体育运动场馆", "m² of sports venues"),
    "r6": ("元教学仪器设备", "yuan of teaching equipment"),
    "r7": ("间网络多媒体教室", "networked multimedia classrooms"),
}


def requirement_of_indicator(key: str) -> str:
    return key.split("_")[0].upper()


def school_findings(c: SchoolCompliance, code: str, name: str,
                    gaps: Mapping[str, Mapping[str, Any]]) -> list[Finding]:
    """A finding for each indicator of one school section below its threshold or missing.

    ``gaps``: the diagnosis' rows by indicator (``gap`` = what is missing, in real units).
    """
    lz, le = LEVEL_WORDS.get(c.level, (c.level, c.level))
    out = []
    for check in c.checks:
        if check.meets is True:
            continue
        key = check.indicator
        # measured and standard in the indicator's rate unit ("人/百名学生"), the gap in the
        # plain unit of what is missing ("名…教师", "平方米…")
        zh, en, unit_zh, unit_en = INDICATOR_LABELS.get(key, (key, key, "", ""))
        plain = count_unit(key)
        unit = plain.key
        prefix = key.split("_")[0]
        standard = Words(f"{lz}不低于 {limit_text(check.threshold)} {unit_zh}",
                         f"at least {limit_text(check.threshold)} "
                         f"{english_unit(unit_en, limit_text(check.threshold))} ({le})")
        if check.value is None:
            out.append(Finding(requirement_of_indicator(key), "school.data_missing", "school", Words(zh, en),
                               Quantity(None, "", "缺少数据", "no data"), standard, NO_QUANTITY,
                               school_code=code, school_name=name, level=c.level,
                               status="evidence_missing"))
            continue
        rate = "per100" if key.endswith("per100") else "per_pupil"
        shown = number_below(check.value, check.threshold, 2)  # 0.999 below 1, never "1.00"
        measured = Quantity(check.value, rate, f"{shown} {unit_zh}", f"{shown} {unit_en}")
        missing = (gaps.get(key) or {}).get("gap")
        noun_zh, noun_en = GAP_NOUNS.get(prefix, (plain.zh, plain.en))
        decimals = 0 if unit in ("teachers", "rooms", "yuan", "") else 1
        gap = (Quantity(float(missing), unit, f"缺 {number(missing, decimals)} {noun_zh}",
                        f"{number(missing, decimals)} {noun_en} short")
               if isinstance(missing, int | float) else NO_QUANTITY)
        ratio = check.ratio
        out.append(Finding(requirement_of_indicator(key), "school.indicator_short", "school", Words(zh, en),
                           measured, standard, gap, school_code=code, school_name=name, level=c.level,
                           extra={"ratio": ratio, "threshold": check.threshold}))
    return out


def cv_findings(checks: Iterable[CvCheck], names: Mapping[str, tuple[str, str]]) -> list[Finding]:
    """A finding for each binding CV over its limit (or not computable)."""
    out = []
    for c in checks:
        if not c.binding or c.passes:
            continue
        lz, le = LEVEL_WORDS.get(c.level, (c.level, c.level))
        zh, en = names.get(c.indicator, (c.indicator, c.indicator))
        subject = (Words(f"{lz}综合差异系数", f"{le} composite CV") if c.indicator == COMPOSITE
                   else Words(f"{lz}“{zh}”差异系数", f"{le} CV of {en}"))
        limit = "—" if c.limit is None else number(c.limit, 2)
        out.append(Finding(
            "CV", "cv.over_limit" if c.rounded is not None else "cv.not_computable", "district", subject,
            quantity(c.rounded, "cv"), Words(f"不大于 {limit}", f"at most {limit}"),
            quantity(c.gap, "cv") if c.gap is not None else NO_QUANTITY, level=c.level,
            extra={"indicator": c.indicator}))
    return out


def veto_findings(items: Sequence[ItemResult]) -> list[Finding]:
    """Vetoes and preconditions that do not pass (their judges name no finer subject)."""
    return [reason_finding(r.key, x, "", None) for r in items if r.status != PASS
            and (r.key.startswith("veto_") or r.key == "pre_basic_balance") and not r.findings
            for x in r.reasons]
