"""The national student physical-fitness standard (国家学生体质健康标准（2014年修订）), pure.

Rules as data in ``rules/fitness-2014/`` (docs/fitness.md); this package reads them and scores
a pupil exactly as the standard's text says. Public API::

    tables = load_tables(rules_dir=None, overlay=None, as_of=None)   # FitnessTables
    scored = score_pupil(PupilResult(grade=3, sex="female", height_cm="130", weight_kg="27",
                                     items={"run_50m": "10.1", ...}), tables)   # Scored
    year   = year_result(first, retest, tables)                       # the retest rule
    grad   = graduation_score(graduation_year, other_years, tables)   # GraduationScore

Errors are catalogued problems (E1020–E1039) carried by ``FitnessError``.
"""

from youjun.core.fitness.errors import FitnessError
from youjun.core.fitness.model import (
    FEMALE,
    MALE,
    SEXES,
    GraduationScore,
    ItemScore,
    PupilResult,
    Scored,
    Status,
)
from youjun.core.fitness.scoring import (
    bmi_category,
    bmi_of,
    bonus_for,
    graduation_score,
    item_score,
    level_of,
    parse_measure,
    round_total,
    score_pupil,
    year_result,
)
from youjun.core.fitness.tables import FitnessTables, ItemInfo, apply_overlay, load_tables, validate_tables
from youjun.core.fitness.times import parse_number, parse_time
from youjun.core.fitness.vision import vision_category, worse_eye

__all__ = [
    "FEMALE",
    "MALE",
    "SEXES",
    "FitnessError",
    "FitnessTables",
    "GraduationScore",
    "ItemInfo",
    "ItemScore",
    "PupilResult",
    "Scored",
    "Status",
    "apply_overlay",
    "bmi_category",
    "bmi_of",
    "bonus_for",
    "graduation_score",
    "item_score",
    "level_of",
    "load_tables",
    "parse_measure",
    "parse_number",
    "parse_time",
    "round_total",
    "score_pupil",
    "validate_tables",
    "vision_category",
    "worse_eye",
    "year_result",
]
