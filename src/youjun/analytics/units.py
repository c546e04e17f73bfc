"""Assessed units as Ibis expressions: which schools count, and combined schools split in two.

A unit is (school_code, level) with level in {primary, junior}: a primary school or teaching
point gives one primary unit, a junior school one junior unit, a nine-year or twelve-year
school a primary and a junior unit, a complete middle school a junior unit (its senior
section is out of scope but still takes its share of the physical resources).
Only portable Ibis operations are used (filter, cases, union, joins), so the same expression
runs on DuckDB and Spark.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from youjun.analytics.definitions import section_weights
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.schema import COMBINED_TYPES, SECTION_GRADES, TYPE_SECTIONS, grade_column


def _int_or_zero(t: ir.Table, column: str) -> ir.IntegerValue:
    if column not in t.columns:  # grade columns are optional: blank means 0
        return ibis.literal(0, type="int64")
    return t[column].cast("int64").fill_null(0)


def section_pupils(schools: ir.Table, section: str) -> ir.IntegerValue:
    """Registered pupils of a section: the sum of its grade columns."""
    total: ir.IntegerValue = ibis.literal(0, type="int64")
    for grade in SECTION_GRADES[section]:
        total = total + _int_or_zero(schools, grade_column(grade))
    return total


def _text_or_null(t: ir.Table, column: str) -> ir.StringValue:
    if column not in t.columns:  # optional columns may be absent from a district's file
        return ibis.null().cast("string")
    return t[column].cast("string")


def schools_in_scope(schools: ir.Table, params: AssessmentParams) -> ir.Table:
    """The schools whose units enter the indicators (domain note §1).

    Out: special-education schools; private schools unless ``include_private``; schools not
    run by the county unless ``include_non_county_run``; teaching points unless
    ``include_teaching_points``, and then those under ``teaching_point_min_students`` pupils.
    A blank ``county_run`` counts as county-run and a blank ownership as public (both fields
    are required at import; the rule only keeps the two implementations in step).
    """
    t = schools
    keep = t.school_type.isin([k for k in TYPE_SECTIONS if k != "special"])
    if not params.include_private:
        keep = keep & (t.ownership.cast("string").fill_null("public") != "private")
    if not params.include_non_county_run:
        keep = keep & t.county_run.fill_null(True)
    is_point = t.school_type == "teaching_point"
    if not params.include_teaching_points:
        keep = keep & ~is_point
    elif params.teaching_point_min_students is not None:
        big_enough = section_pupils(t, "primary") >= params.teaching_point_min_students
        keep = keep & (~is_point | big_enough)
    return t.filter(keep)


def _weight(t: ir.Table, section: str, weights: dict[str, dict[str, float]]) -> ir.FloatingValue:
    branches = [(t.school_type == st, ibis.literal(w[section], type="float64"))
                for st, w in weights.items() if section in w]
    return ibis.cases(*branches, else_=ibis.literal(0.0, type="float64"))


def assessed_units(schools: ir.Table, params: AssessmentParams) -> ir.Table:
    """One row per unit: school attributes, level, pupils and its share of physical resources.

    share = w_level·n_level / Σ_sections w·n for combined schools (``params.split_weights``),
    1 for single-section schools. A unit with 0 pupils is kept (with a null share) so that
    the caller can report it as the data error it is.
    """
    t = schools_in_scope(schools, params)
    weights = section_weights(params)
    pupils = {s: section_pupils(t, s) for s in ("primary", "junior", "senior")}
    weighted_total = sum(
        (_weight(t, s, weights) * pupils[s] for s in ("primary", "junior", "senior")),
        start=ibis.literal(0.0, type="float64"),
    )
    combined = t.school_type.isin(COMBINED_TYPES)
    base = {
        "district_code": t.district_code.cast("string"),
        "school_code": t.school_code.cast("string"),
        "school_name": t.school_name.cast("string"),
        "town": _text_or_null(t, "town"),
        "location": _text_or_null(t, "location"),
        "education_group": _text_or_null(t, "education_group"),
        "school_type": t.school_type.cast("string"),
        "ownership": t.ownership.cast("string"),
    }
    parts = []
    for level in LEVELS:
        types = [k for k, sections in TYPE_SECTIONS.items() if level in sections]
        weighted = _weight(t, level, weights) * pupils[level]
        share = ibis.cases(
            (~combined, ibis.literal(1.0, type="float64")),
            (weighted_total > 0, weighted / weighted_total),
            else_=ibis.null().cast("float64"),
        )
        part = t.filter(t.school_type.isin(types)).select(
            **base, level=ibis.literal(level, type="string"), pupils=pupils[level], share=share,
        )
        parts.append(part)
    return ibis.union(*parts, distinct=False)
