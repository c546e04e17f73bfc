"""Resource numerators of each unit as Ibis expressions.

Teachers are counted for the section they teach (schema field ``section``), never split.
Physical resources of a combined school are multiplied by the unit's share (``units.py``).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from youjun.analytics.definitions import (
    TEACHER_NUMERATORS,
    key_level_codes,
    mid_title_codes,
    qualified_codes,
)
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.schema import PE_ART_SUBJECTS


def _flag(condition: ir.BooleanValue) -> ir.IntegerValue:
    # Count with SUM over 0/1: summing booleans is not portable across backends.
    return ibis.cases((condition, ibis.literal(1, type="int64")),
                      else_=ibis.literal(0, type="int64"))


def _text(t: ir.Table, column: str) -> ir.StringValue:
    if column not in t.columns:
        return ibis.null().cast("string")
    return t[column].cast("string")


def teacher_counts(teachers: ir.Table, params: AssessmentParams) -> ir.Table:
    """Per (school_code, level): teachers, qualified, key, PE/music/art, intermediate title.

    - qualified: highest qualification at or above ``qualification_min[level]``;
    - key: a tier other than none at an awarding level ≥ ``key_teacher_min_level``;
    - PE/art: flagged full-time specialist *and* teaching PE, music or fine art;
    - mid title: title rank ≥ ``mid_title_min``.
    """
    t = teachers
    level = t.section.cast("string")
    qualified = ibis.cases(
        *((level == lv, t.qualification.isin(qualified_codes(params, lv))) for lv in LEVELS),
        else_=ibis.literal(False),
    )
    tier = _text(t, "key_teacher_tier")
    award = _text(t, "key_teacher_level")
    key = tier.notnull() & (tier != "none") & award.isin(key_level_codes(params)).fill_null(False)
    pe_art = t.pe_art_specialist.fill_null(False) & t.subject.isin(PE_ART_SUBJECTS)
    mid_title = t.title.isin(mid_title_codes(params))
    flags = {
        "teachers": ibis.literal(1, type="int64"),
        "qualified_teachers": _flag(qualified.fill_null(False)),
        "key_teachers": _flag(key.fill_null(False)),
        "pe_art_teachers": _flag(pe_art.fill_null(False)),
        "mid_title_teachers": _flag(mid_title.fill_null(False)),
    }
    rows = t.filter(level.isin(LEVELS)).select(
        school_code=t.school_code.cast("string"), level=level, **flags
    )
    return rows.group_by(["school_code", "level"]).aggregate(
        **{name: rows[name].sum() for name in TEACHER_NUMERATORS}
    )


def _area(t: ir.Table, column: str) -> ir.FloatingValue:
    return t[column].cast("float64").fill_null(0.0)


def physical_totals(facilities: ir.Table, params: AssessmentParams) -> ir.Table:
    """Whole-school physical resources in indicator units (m², yuan, rooms, computers, books).

    Teaching area adds the indoor gym only when ``teaching_area_includes_gym``; sports area is
    gym + outdoor grounds; equipment is converted to yuan by ``equipment_unit_yuan``.
    A blank figure counts as 0 (import rejects a school without its facilities row, E305).
    """
    f = facilities
    teaching = _area(f, "teaching_aux_area_m2")
    if params.teaching_area_includes_gym:
        teaching = teaching + _area(f, "gym_area_m2")
    return f.select(
        school_code=f.school_code.cast("string"),
        teaching_area_m2=teaching,
        sports_area_m2=_area(f, "gym_area_m2") + _area(f, "outdoor_sports_area_m2"),
        equipment_yuan=_area(f, "equipment_value_10k_yuan") * params.equipment_unit_yuan,
        multimedia_rooms=_area(f, "multimedia_classrooms"),
        computers=_area(f, "computers"),
        books=_area(f, "books"),
    )


def unit_resources(units: ir.Table, tables: dict[str, ir.Table],
                   params: AssessmentParams) -> ir.Table:
    """Units with every numerator attached (0 where a unit has no teachers of a kind)."""
    counts = teacher_counts(tables["teachers"], params)
    physical = physical_totals(tables["facilities"], params)
    joined = units.left_join(counts, ["school_code", "level"]).left_join(physical, "school_code")
    teacher_cols = {n: joined[n].fill_null(0) for n in TEACHER_NUMERATORS}
    physical_cols = {n: (joined[n].fill_null(0.0) * joined.share)
                     for n in physical.columns if n != "school_code"}
    return joined.select(*units.columns, **teacher_cols, **physical_cols)
