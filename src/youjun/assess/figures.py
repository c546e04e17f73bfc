"""The figures of the G/Q items and social recognition, computed from a district's tables.

The judges in ``youjun.core.items`` compare figures with the rule set; this module only
counts and sums what the data says, per district, in the shapes ``core.items.FIGURES`` names.
Items are computed for the schools in assessment scope (the same units the indicators use).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from youjun.core.evidence import item_param
from youjun.core.params import AssessmentParams
from youjun.core.schema import AWARD_LEVEL_RANK, JUNIOR_GRADES, PRIMARY_GRADES, grade_column

RATE_FIGURES = {
    "g13": {"nearest_zone_primary": "g13_nearest_zone_primary", "nearest_zone_junior": "g13_nearest_zone_junior"},
    "g14": {"quota_allocation": "g14_quota_allocation"},
    "g15": {"migrant_public": "g15_migrant_public"},
    "q1": {"junior_retention": "q1_junior_retention"},
    "q2": {"disabled_enrolment": "q2_disabled_enrolment"},
    "q9": {"level": "q9_monitoring_level", "diff_rate": "q9_monitoring_diff_rate"},
    "social_recognition": {"rate": "social_recognition"},
}
COMPULSORY_GRADES = PRIMARY_GRADES + JUNIOR_GRADES
_LEVEL_OF_GRADE = {g: "primary" if g in PRIMARY_GRADES else "junior" for g in COMPULSORY_GRADES}


def _num(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``frame.to_dict("records")`` with the same values, built column by column.

    Each column is converted once (``tolist``) instead of boxing every cell; a masked
    column's missing value becomes None, as ``to_dict`` gives it.
    """
    columns = [_column(frame[name]) for name in frame.columns]
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _column(column: pd.Series) -> list[Any]:
    """The column's values as Python objects, pd.NA as None (only object and NA-masked
    columns can hold pd.NA; a NaN-backed text column keeps its NaN, as ``to_dict`` does)."""
    values = column.tolist()
    maybe_na = column.dtype == object or getattr(column.dtype, "na_value", None) is pd.NA
    if maybe_na and any(v is pd.NA for v in values):
        return [None if v is pd.NA else v for v in values]
    return values


def _numbers(column: pd.Series) -> list[float | None]:
    """``[_num(v) for v in column]``, without a call per cell for a float column."""
    if column.dtype == "float64":
        return [None if v != v else v for v in column.tolist()]  # v != v: NaN
    return [_num(v) for v in column.tolist()]


def _rate_value(row: pd.Series) -> float | None:
    value = _num(row.get("value"))
    if value is not None:
        return value
    num, den = _num(row.get("numerator")), _num(row.get("denominator"))
    if num is None or not den:
        return None
    return 100 * num / den


def item_figures(tables: dict[str, pd.DataFrame], district: str, in_scope: list[str],
                 params: AssessmentParams) -> dict[str, dict[str, Any]]:
    """Figures per item key for one district; ``in_scope`` are the assessed school codes."""
    return item_figures_by_district(tables, {district: in_scope}, params)[district]


def item_figures_by_district(tables: dict[str, pd.DataFrame], scope: dict[str, list[str]],
                             params: AssessmentParams) -> dict[str, dict[str, dict[str, Any]]]:
    """``item_figures`` of every district of ``scope`` (district code -> its assessed school
    codes) from the tables of a whole batch: each table is cut, converted and counted once
    for the batch and its rows dealt out by district, in the order ``item_figures`` gives them
    (for a nation's small districts the per-district cuts were most of the time)."""
    figures = district_figures(tables, scope, params)
    return {code: figures(code) for code in scope}


def district_figures(tables: dict[str, pd.DataFrame], scope: dict[str, list[str]],
                     params: AssessmentParams) -> Callable[[str], dict[str, dict[str, Any]]]:
    """``item_figures_by_district``, each district's figures built when asked for: the batch's
    work is done here, but a nation batch's class and teacher rows (~1,000,000 dicts) are built
    a district at a time, so that they are never all alive at once (the garbage collector walks
    every live container at each full collection: built all at once, they made those a sixth
    of a nation run's time)."""
    schools = tables["schools"]
    district_of = _first_of(schools["school_code"].tolist(), schools["district_code"].tolist())
    assessed = {(d, c) for d, codes in scope.items() for c in codes}
    keep = [(d, c) in assessed for d, c in zip(schools["district_code"].tolist(), schools["school_code"].tolist(),
                                                strict=True)]
    schools = schools[keep]
    scoped_district = _first_of(schools["school_code"].tolist(), schools["district_code"].tolist())
    compulsory = schools[[grade_column(g) for g in COMPULSORY_GRADES]].fillna(0).sum(axis=1).astype(int)
    rooms = tables.get("rooms", pd.DataFrame(columns=["school_code", "room_type", "area_m2"]))

    # Classes and teachers (~265,000 and ~700,000 rows in a nation batch) are not cut: each
    # row's district is looked up once per school (``_codes``; a row of no district is not
    # counted), the rows dealt out by district (``_deal``) and each district's rows built by
    # one comprehension, when the district is asked for.
    classes = tables["classes"]
    class_school = classes["school_code"].tolist()
    class_district, districts = _codes(classes["school_code"], scoped_district)
    class_district[~classes["grade"].isin(COMPULSORY_GRADES).to_numpy(dtype=bool)] = -1
    class_rows = _deal(class_district, districts, class_school,
                       *(classes[c].tolist() for c in ("grade", "class_name", "students")))
    counts: Counter[str] = Counter()  # each school's counted classes
    for school_codes, *_ in class_rows.values():
        counts.update(school_codes)

    areas: dict[tuple[str, str], list[float]] = {}
    for code, kind, area in zip(rooms["school_code"].tolist(), rooms["room_type"].tolist(),
                                rooms["area_m2"].tolist(), strict=True):
        areas.setdefault((code, kind), []).append(float(area))
    per_school: dict[str, list[dict[str, Any]]] = {code: [] for code in scope}
    for district, code, name, kind, location, pupils in zip(
            *(_column(schools[c]) for c in ("district_code", "school_code", "school_name", "school_type", "location")),
            compulsory.tolist(), strict=True):
        per_school[district].append({
            "school": code, "name": name, "type": kind,
            "location": location, "classes": int(counts.get(code, 0)),
            "students": int(pupils), "compulsory_students": int(pupils),
            "music_rooms": areas.get((code, "music"), []), "art_rooms": areas.get((code, "art"), []),
        })

    finance = tables.get("school_finance", pd.DataFrame(columns=["school_code"]))
    finance = {r["school_code"]: r for r in records(finance.drop_duplicates("school_code"))}
    dfin = tables.get("district_finance", pd.DataFrame(columns=["district_code"]))
    first_finance = {r["district_code"]: r for r in reversed(records(dfin))}  # each district's first row
    teachers = tables["teachers"]
    teacher_school = teachers["school_code"].tolist()
    flags = _rotation_flags(teachers, params) if "g11" in params.items else {}
    teacher_rows = _deal(*_codes(teachers["school_code"], district_of), teachers["teacher_id"].tolist(),
                         _numbers(teachers["training_hours_5y"]), teacher_school,
                         # a teacher with no certificate recorded counts as without one, in the
                         # rate and by name
                         teachers["has_certificate"].fillna(False).astype(bool).tolist(),
                         *(f.tolist() for f in flags.values()))
    rates = tables.get("district_rates", pd.DataFrame(columns=["district_code", "rate_key"]))
    rate_rows = {(r["district_code"], r["rate_key"]): r
                 for r in reversed(records(rates.drop_duplicates(["district_code", "rate_key"])))}

    def figures_of(district: str) -> dict[str, dict[str, Any]]:
        figures: dict[str, dict[str, Any]] = {}
        drow = first_finance.get(district, {})
        base = {"primary": _num(drow.get("funding_base_primary_yuan")),
                "junior": _num(drow.get("funding_base_junior_yuan"))}
        mine = per_school[district]
        figures["g3"] = {"schools": mine}
        figures["g4"] = {"schools": mine}
        schools_of, grades, class_names, sizes, *_ = class_rows.get(district, _NO_ROWS)
        figures["g5"] = {"classes": [
            {"school": school, "class": f"{grade}年级{class_name}", "grade": grade, "level": _LEVEL_OF_GRADE[grade],
             "students": int(students), "class_name": class_name}
            for school, grade, class_name, students in zip(schools_of, map(int, grades), class_names, sizes,
                                                            strict=True)]}
        g6_rows, q4_rows = [], []
        for row in mine:
            fin = finance.get(row["school"], {})
            level = "junior" if row["type"] == "junior" else "primary"
            g6_rows.append(row | {"allocated_yuan": _num(fin.get("public_funds_allocated_yuan")),
                                  "base_per_pupil_yuan": base[level]})
            q4_rows.append({"school": row["school"], "name": row["name"],
                            "budget_yuan": _num(fin.get("public_funds_budget_yuan")),
                            "training_spend_yuan": _num(fin.get("teacher_training_spend_yuan"))})
        figures["g6"] = {"schools": g6_rows}
        figures["q4"] = {"schools": q4_rows}
        figures["g7"] = {"special_ed_funds_yuan": _num(drow.get("special_ed_public_funds_yuan")),
                         "special_ed_students": _num(drow.get("special_ed_students"))}
        figures["g8"] = {"avg_teacher_pay_yuan": _num(drow.get("avg_teacher_pay_yuan")),
                         "civil_servant_avg_pay_yuan": _num(drow.get("civil_servant_avg_pay_yuan"))}
        ids, hours, codes, has, *rotation = teacher_rows.get(district, _NO_ROWS)
        figures["g9"] = {"teachers": [{"teacher": t, "hours_5y": h, "school": s}
                                      for t, h, s in zip(ids, hours, codes, strict=True)]}
        if "g11" in params.items:
            figures["g11"] = {name: sum(column) for name, column in zip(flags, rotation, strict=True)}
        figures["g12"] = {"teachers": len(has), "certified": sum(has),
                          "uncertified": [{"teacher": t, "school": s}
                                          for t, s, h in zip(ids, codes, has, strict=True) if not h]}
        for item, names in RATE_FIGURES.items():
            figures[item] = {name: (_rate_value(rate_rows[district, key]) if (district, key) in rate_rows else None)
                             for name, key in names.items()}
        return figures

    return figures_of


_NO_ROWS: tuple[tuple[Any, ...], ...] = ((),) * 7


def _codes(column: pd.Series, key_of: dict[Any, Any]) -> tuple[np.ndarray, list[Any]]:
    """Each row's key (``key_of`` its value) as a code into the keys returned, -1 for none:
    looked up once per distinct value, not per row."""
    codes, values = pd.factorize(column)
    key_codes, keys = pd.factorize(np.asarray([key_of.get(v) for v in values.tolist()], dtype=object))
    return np.append(key_codes, -1)[codes], keys.tolist()  # a missing value (code -1): no key


def _deal(codes: np.ndarray, keys: list[Any], *columns: list[Any]) -> dict[Any, tuple[tuple[Any, ...], ...]]:
    """Each key's values of ``columns`` (lists aligned with ``codes``, each row's index in
    ``keys``, -1: none), in row order: one stable sort and a slice per key instead of an append
    per row. The rows of no key are left out.

    The slices are tuples: a tuple of plain values (str, float, None) is soon left alone by
    the garbage collector, a list is walked at every full collection (a nation batch's
    ~7,000,000 values: ~100 ms each time)."""
    if len(codes) and not (codes[1:] >= codes[:-1]).all():  # a key's rows not together: sort them
        order = np.argsort(codes, kind="stable")
        codes = codes[order]
        rows = tuple(tuple(np.asarray(c, dtype=object)[order].tolist()) for c in columns)
    else:
        rows = tuple(tuple(c) for c in columns)
    sizes = np.bincount(codes + 1, minlength=len(keys) + 1)
    ends = sizes.cumsum().tolist()[1:]
    return {key: tuple(c[end - n:end] for c in rows)
            for key, end, n in zip(keys, ends, sizes.tolist()[1:], strict=True)}


def _first_of(keys: list[Any], values: list[Any]) -> dict[Any, Any]:
    """Each key's value at its first row (a school's district as ``school_districts`` takes it)."""
    out: dict[Any, Any] = {}
    for k, v in zip(keys, values, strict=True):
        out.setdefault(k, v)
    return out


def rotation_figures(teachers: pd.DataFrame, params: AssessmentParams) -> dict[str, int]:
    """Eligible teachers (N+ years at their school, or rotated this year), rotated, rotated key.

    A teacher rotated this year was eligible at the school they left; their years at the new
    school restart, so the rotated are counted in the pool whatever ``years_at_school`` says.
    Key teachers are those of county level or above, as for r2.
    """
    return {name: int(flags.sum()) for name, flags in _rotation_flags(teachers, params).items()}


def _rotation_flags(teachers: pd.DataFrame, params: AssessmentParams) -> dict[str, Any]:
    """Per teacher: eligible, rotated and eligible, rotated key teacher (``rotation_figures``)."""
    min_years = item_param(params, "g11", "eligible_min_years")
    rotated = teachers["rotated_this_year"].fillna(False).astype(bool)
    eligible = (teachers["years_at_school"].fillna(0) >= min_years) | rotated
    # A method without a key-teacher level (2012) counts every key teacher.
    min_rank = AWARD_LEVEL_RANK.get(params.key_teacher_min_level, 0)
    high = [level for level, rank in AWARD_LEVEL_RANK.items() if rank >= min_rank]
    key = (teachers["key_teacher_tier"].fillna("none") != "none") & teachers["key_teacher_level"].isin(high)
    return {"eligible": eligible.to_numpy(dtype=bool), "rotated_eligible": (rotated & eligible).to_numpy(dtype=bool),
            "rotated_key": (rotated & key.fillna(False)).to_numpy(dtype=bool)}


def evidence_records(tables: dict[str, pd.DataFrame], district: str) -> list[dict[str, Any]]:
    evidence = evidence_frame(tables)
    return clean_evidence_records(evidence[evidence["district_code"] == district])


def clean_evidence_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``[clean_evidence(r) for r in records(frame)]``, cleaned a column at a time (a nation
    batch has ~30,000 evidence rows)."""
    columns = []
    for name in frame.columns:
        values = [None if (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v
                  for v in _column(frame[name])]
        if name == "attested_on":
            values = [None if v is None else str(v)[:10] for v in values]
        columns.append(values)
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def evidence_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return tables.get("evidence", pd.DataFrame(columns=["district_code"]))


def clean_evidence(record: dict[str, Any]) -> dict[str, Any]:
    """An evidence row as the judges read it: missing values None, the date as YYYY-MM-DD."""
    clean = {k: (None if (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v)
             for k, v in record.items()}
    if clean.get("attested_on") is not None:
        clean["attested_on"] = str(clean["attested_on"])[:10]
    return clean
