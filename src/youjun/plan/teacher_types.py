"""Which indicators a teacher counts for, with the analytics' own definitions.

A teacher's *type* is the triple (qualified, key, PE/art) — the three numerators of r1, r2
and r3 — coded 0..7 as 4·q + 2·k + p. Moving within a section never changes it, so the
planner can count teachers by type instead of one by one.
"""

from __future__ import annotations

import pandas as pd

from youjun.analytics.definitions import key_level_codes, qualified_codes
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.schema import PE_ART_SUBJECTS

TEACHER_INDICATORS = ("r1_qualified_teachers_per100", "r2_key_teachers_per100", "r3_pe_art_teachers_per100")
NUMERATOR_OF = {"r1_qualified_teachers_per100": "qualified_teachers",
                "r2_key_teachers_per100": "key_teachers", "r3_pe_art_teachers_per100": "pe_art_teachers"}
N_TYPES = 8


def type_code(qualified: int, key: int, pe_art: int) -> int:
    return 4 * qualified + 2 * key + pe_art


def type_parts(code: int) -> tuple[int, int, int]:
    """(qualified, key, pe_art) of a type code."""
    return (code >> 2) & 1, (code >> 1) & 1, code & 1


def teacher_flags(teachers: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    """Per teacher: qualified, key and pe_art as 0/1 and their type code (same rules as r1–r3)."""
    section = teachers["section"].astype("string")
    qualification = teachers["qualification"].astype("string")
    qualified = pd.Series(False, index=teachers.index)
    for level in LEVELS:
        qualified |= (section == level) & qualification.isin(qualified_codes(params, level))
    tier = teachers["key_teacher_tier"].astype("string") if "key_teacher_tier" in teachers else None
    award = teachers["key_teacher_level"].astype("string") if "key_teacher_level" in teachers else None
    if tier is None or award is None:
        key = pd.Series(False, index=teachers.index)
    else:
        key = tier.notna() & (tier != "none") & award.isin(key_level_codes(params))
    specialist = teachers["pe_art_specialist"].astype("boolean").fillna(False)
    pe_art = specialist & teachers["subject"].astype("string").isin(PE_ART_SUBJECTS)
    out = pd.DataFrame({
        "qualified": qualified.fillna(False).astype(int),
        "key": key.fillna(False).astype(int),
        "pe_art": pe_art.fillna(False).astype(int),
    }, index=teachers.index)
    out["type"] = 4 * out["qualified"] + 2 * out["key"] + out["pe_art"]
    return out
