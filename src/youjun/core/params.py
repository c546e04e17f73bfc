"""The parameters of one assessment method, as the rules loader hands them to the engine.

This is the contract between ``rules/`` (law as data, loaded by ``youjun.core.rules``) and
the code that computes (``youjun.analytics``, ``youjun.core.verdict``). No official number
is written here: every value arrives from a dated YAML file with its legal reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LEVELS = ("primary", "junior")


@dataclass(frozen=True)
class Reference:
    """Where a value comes from: document, number, article, effective date, confidence."""

    document: str
    number: str
    article: str
    effective: str  # ISO date the value took effect
    confidence: str = "C"  # C confirmed, M commonly quoted, U uncertain (an option)
    source_file: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "document": self.document, "number": self.number, "article": self.article,
            "effective": self.effective, "confidence": self.confidence,
            "source_file": self.source_file,
        }


@dataclass(frozen=True)
class AssessmentParams:
    """Everything the engine needs to judge one county by one method at one date.

    Keys used throughout:
    - ``indicators``: the per-school indicator keys of the method, in order (R_KEYS for
      2017, B_KEYS for 2012, see ``youjun.core.schema``).
    - ``thresholds[indicator][level]``: the per-school minimum (2017); empty for 2012,
      whose per-school standards were provincial (an overlay may add them).
    - ``cv_limits[level]``: the CV limit; ``cv_mode`` says whether it applies to each
      indicator's CV ("each", 2017) or to the plain mean of the CVs ("composite", 2012).
    - ``split_weights[school_type][section]``: enrolment weights for sharing a combined
      school's physical resources between its sections (nine_year, twelve_year,
      complete_middle; sections primary/junior/senior).
    - ``items[item_key][param]``: the figures of each G/Q item and of social recognition
      (e.g. ``items["g5"]["max_class_primary"]``).
    - ``options``: the [U] options in force, by name, with their values (for the report).
    """

    method: str  # "cn-2017" | "cn-2012"
    version: str  # the rule set's version (date of its latest change)
    as_of: str  # ISO date at which values were taken
    indicators: tuple[str, ...]
    thresholds: dict[str, dict[str, float]]
    cv_limits: dict[str, float]
    cv_mode: str  # "each" | "composite"
    school_min_met: int | None  # 6 of 7 in 2017; None when the method has no per-school rule
    school_floor_ratio: float | None  # the last indicator's floor (0.85)
    split_weights: dict[str, dict[str, float]]
    include_private: bool
    include_non_county_run: bool
    include_teaching_points: bool
    teaching_point_min_students: int | None
    teaching_area_includes_gym: bool
    qualification_min: dict[str, str]  # level -> lowest qualification code counted as "above"
    key_teacher_min_level: str  # award level code, e.g. "county"
    mid_title_min: str  # title code counted as intermediate or higher, e.g. "first"
    equipment_unit_yuan: float  # multiplier from the statistics report unit to yuan (10,000)
    cv_decimals: int  # published CVs are rounded to this many decimals
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    overlays: tuple[str, ...] = ()
    # How a CV meets its limit: "rounded" (to cv_decimals first, as published) or "unrounded"
    # (the documents only say "≤ 0.50"; an option [U], measurement.cv_decimals.compare).
    cv_compare: str = "rounded"
