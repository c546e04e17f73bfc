"""What each per-school indicator divides by what, and which teachers count — shared definitions.

Both implementations (Ibis in ``indicators.py``, pandas in ``baseline_pandas.py``) and the
diagnosis read the indicator catalogue from here, so an indicator is defined once. The
figures (thresholds, qualification floors, split ratios) come from ``AssessmentParams``;
only the *shape* of each indicator (numerator, per pupil or per 100 pupils) lives in code,
as its key already states it (``*_per100``, ``*_per_student``).
"""

from __future__ import annotations

from dataclasses import dataclass

from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.schema import (
    ALL_STUDENT_INDICATORS,
    AWARD_LEVEL_RANK,
    COMBINED_TYPES,
    QUALIFICATION_RANK,
    TITLE_RANK,
    TYPE_SECTIONS,
)

# Numerators of a unit (a school, or one section of a combined school).
# Teacher counts belong to the section taught; physical resources are split by enrolment.
TEACHER_NUMERATORS = (
    "teachers", "qualified_teachers", "key_teachers", "pe_art_teachers", "mid_title_teachers",
)
PHYSICAL_NUMERATORS = (
    "teaching_area_m2", "sports_area_m2", "equipment_yuan", "multimedia_rooms", "computers",
    "books",
)
NUMERATORS = TEACHER_NUMERATORS + PHYSICAL_NUMERATORS

# School attributes carried into the per-unit table, for grouping and reports.
UNIT_ATTRIBUTES = (
    "district_code", "school_code", "school_name", "town", "location", "education_group",
    "school_type", "ownership",
)
UNIT_COLUMNS = (*UNIT_ATTRIBUTES, "level", "pupils", "share", *NUMERATORS)
DISPERSION_COLUMNS = (
    "district_code", "level", "indicator", "n_schools", "pupils", "resource", "mean", "sd", "cv",
    "cv_published",
)
COMPOSITE_COLUMNS = ("district_code", "level", "n_indicators", "composite_cv",
                     "composite_cv_published")


@dataclass(frozen=True)
class Indicator:
    key: str
    numerator: str  # a column of NUMERATORS
    per: float  # 1 = per pupil, 100 = per 100 pupils
    unit_en: str  # unit of the numerator, for gaps ("teachers", "m²", "yuan", "rooms", ...)
    unit_zh: str
    discrete: bool  # numerator counts whole things: a gap is rounded up


def _ind(key: str, numerator: str, per: float, unit_en: str, unit_zh: str,
         discrete: bool) -> Indicator:
    return Indicator(key, numerator, per, unit_en, unit_zh, discrete)


INDICATORS: dict[str, Indicator] = {i.key: i for i in (
    _ind("r1_qualified_teachers_per100", "qualified_teachers", 100, "teachers", "人", True),
    _ind("r2_key_teachers_per100", "key_teachers", 100, "teachers", "人", True),
    _ind("r3_pe_art_teachers_per100", "pe_art_teachers", 100, "teachers", "人", True),
    _ind("r4_teaching_area_per_student", "teaching_area_m2", 1, "m²", "平方米", False),
    _ind("r5_sports_area_per_student", "sports_area_m2", 1, "m²", "平方米", False),
    _ind("r6_equipment_value_per_student", "equipment_yuan", 1, "yuan", "元", False),
    _ind("r7_multimedia_rooms_per100", "multimedia_rooms", 100, "rooms", "间", True),
    _ind("b1_teaching_area_per_student", "teaching_area_m2", 1, "m²", "平方米", False),
    _ind("b2_sports_area_per_student", "sports_area_m2", 1, "m²", "平方米", False),
    _ind("b3_equipment_value_per_student", "equipment_yuan", 1, "yuan", "元", False),
    _ind("b4_computers_per100", "computers", 100, "computers", "台", True),
    _ind("b5_books_per_student", "books", 1, "volumes", "册", True),
    _ind("b6_teacher_student_ratio", "teachers", 1, "teachers", "人", True),
    _ind("b7_qualified_teachers_per_student", "qualified_teachers", 1, "teachers", "人", True),
    _ind("b8_mid_title_teachers_per_student", "mid_title_teachers", 1, "teachers", "人", True),
)}
assert set(INDICATORS) == set(ALL_STUDENT_INDICATORS)


def _at_or_above(rank: dict[str, int], floor: str, what: str) -> tuple[str, ...]:
    if not floor:
        return ()  # the method has no such indicator (e.g. titles are a 2012-only measure)
    if floor not in rank:
        raise ValueError(f"unknown {what} code {floor!r}; expected one of {sorted(rank)}")
    return tuple(code for code, r in rank.items() if r >= rank[floor])


def qualified_codes(params: AssessmentParams, level: str) -> tuple[str, ...]:
    """Qualifications counted as "above the required qualification" for a section's teachers."""
    return _at_or_above(QUALIFICATION_RANK, params.qualification_min[level], "qualification")


def key_level_codes(params: AssessmentParams) -> tuple[str, ...]:
    """Awarding levels at which a key teacher counts (county level or higher by default)."""
    return _at_or_above(AWARD_LEVEL_RANK, params.key_teacher_min_level, "award level")


def mid_title_codes(params: AssessmentParams) -> tuple[str, ...]:
    """Titles counted as intermediate or higher (一级教师 and above by default)."""
    return _at_or_above(TITLE_RANK, params.mid_title_min, "title")


def section_weights(params: AssessmentParams) -> dict[str, dict[str, float]]:
    """Per school type, the enrolment weight of each section it has (1 for single-section)."""
    out: dict[str, dict[str, float]] = {}
    for school_type, sections in TYPE_SECTIONS.items():
        if school_type in COMBINED_TYPES:
            out[school_type] = {s: float(params.split_weights[school_type][s]) for s in sections}
        else:
            out[school_type] = {s: 1.0 for s in sections}
    return out


def check_params(params: AssessmentParams) -> None:
    """Fail early, with the reason, on parameters the indicator engine cannot use."""
    unknown = [k for k in params.indicators if k not in INDICATORS]
    if unknown:
        raise ValueError(f"unknown indicator key(s) {unknown}")
    for level in LEVELS:
        if level not in params.qualification_min:
            raise ValueError(f"qualification_min has no entry for level {level!r}")
        qualified_codes(params, level)
    key_level_codes(params)
    mid_title_codes(params)
    for school_type in COMBINED_TYPES:
        weights = params.split_weights.get(school_type)
        if weights is None:
            raise ValueError(f"split_weights has no entry for {school_type!r}")
        for section in TYPE_SECTIONS[school_type]:
            if not weights.get(section, 0) > 0:
                raise ValueError(f"split_weights[{school_type!r}] needs a positive {section!r}")
    if params.cv_mode not in ("each", "composite"):
        raise ValueError(f"cv_mode must be 'each' or 'composite', not {params.cv_mode!r}")
    if not params.equipment_unit_yuan > 0:
        raise ValueError("equipment_unit_yuan must be positive")
