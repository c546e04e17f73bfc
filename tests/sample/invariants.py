"""The data contract's invariants, checked directly with pandas on generated tables.

Independent of the ingest validator on purpose: the generator is held to the rules here even
while the validator changes, and the two cross-check each other.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from youjun.core.schema import (
    COMBINED_TYPES,
    EVIDENCE_ITEMS,
    GRADES,
    PE_ART_SUBJECTS,
    RATE_KEYS,
    RATE_SCALES,
    SCHOOL_YEAR_PATTERN,
    SECTION_GRADES,
    TABLES,
    TYPE_GRADES,
    TYPE_SECTIONS,
    FieldType,
    grade_column,
)

GRADE_COLUMNS = [grade_column(g) for g in GRADES]
EXPECTED_DTYPES = {
    FieldType.INTEGER: "Int64", FieldType.NUMBER: "float64", FieldType.BOOLEAN: "boolean",
    FieldType.DATE: "object",
}


def pupils(schools: pd.DataFrame) -> pd.Series:
    return schools[GRADE_COLUMNS].sum(axis=1)


def check_all(t: dict[str, pd.DataFrame]) -> None:
    check_shape(t)
    check_districts(t)
    check_schools(t)
    check_classes(t)
    check_teachers(t)
    check_facilities_rooms_finance(t)
    check_rates(t)
    check_evidence(t)


def check_shape(t: dict[str, pd.DataFrame]) -> None:
    assert list(t) == [tb.key for tb in TABLES]
    for table in TABLES:
        frame = t[table.key]
        assert list(frame.columns) == [f.key for f in table.fields], table.key
        for f in table.fields:
            col = frame[f.key]
            if f.type in EXPECTED_DTYPES:
                assert str(col.dtype) == EXPECTED_DTYPES[f.type], (table.key, f.key, col.dtype)
            if f.required:
                assert col.notna().all(), (table.key, f.key)
            present = col.dropna()
            if f.type is FieldType.DATE:
                assert all(type(v) is date for v in present), (table.key, f.key)
            if f.type in (FieldType.STRING, FieldType.CODE):
                assert all(isinstance(v, str) for v in present), (table.key, f.key)
            if f.choices and f.type is FieldType.CODE:
                assert set(present) <= {c.code for c in f.choices}, (table.key, f.key)
            if f.pattern:
                assert present.astype(str).str.fullmatch(f.pattern.strip("^$")).all(), f.key
            if f.minimum is not None and len(present) and f.type in (FieldType.INTEGER,
                                                                      FieldType.NUMBER):
                assert present.min() >= f.minimum, (table.key, f.key)
                assert present.max() <= f.maximum, (table.key, f.key)
        keys = frame[list(table.primary_key)].astype(str)
        assert not keys.duplicated().any(), table.key


def check_districts(t: dict[str, pd.DataFrame]) -> None:
    d = t["districts"]
    assert d["district_code"].str.fullmatch(r"\d{6}").all()
    assert d["province_code"].str.fullmatch(r"\d{2}0000").all()
    assert (d["district_code"].str[:2] == d["province_code"].str[:2]).all()
    for year in d["school_year"]:
        m = re.match(SCHOOL_YEAR_PATTERN, year)
        assert m and int(m.group(2)) == int(m.group(1)) + 1
    codes = set(d["district_code"])
    for key in ("schools", "district_finance", "district_rates", "evidence"):
        assert set(t[key]["district_code"]) <= codes, key
    assert set(t["district_finance"]["district_code"]) == codes
    assert not t["district_finance"]["district_code"].duplicated().any()


def check_schools(t: dict[str, pd.DataFrame]) -> None:
    s = t["schools"]
    assert s["school_code"].str.fullmatch(r"\d{10}").all()
    assert not s["school_code"].duplicated().any()
    assert (s["school_code"].str[:6] == s["district_code"]).all()
    assert (pupils(s) > 0).all(), "a school without pupils"
    for school_type, grades in TYPE_GRADES.items():
        rows = s[s["school_type"] == school_type]
        outside = [grade_column(g) for g in GRADES if g not in grades]
        assert (rows[outside] == 0).all().all(), f"{school_type} has pupils outside its grades"
        if school_type in COMBINED_TYPES:
            for section in TYPE_SECTIONS[school_type]:
                cols = [grade_column(g) for g in SECTION_GRADES[section]]
                assert (rows[cols].sum(axis=1) > 0).all(), (school_type, section)
    points = s[s["school_type"] == "teaching_point"]
    assert points["central_school_code"].notna().all()
    assert s.loc[s["school_type"] != "teaching_point", "central_school_code"].isna().all()
    by_code = s.set_index("school_code")
    central = by_code.loc[points["central_school_code"]]
    assert (central["school_type"] != "teaching_point").all()
    assert central["school_type"].map(lambda x: "primary" in TYPE_SECTIONS[x]).all()
    assert (central["district_code"].to_numpy() == points["district_code"].to_numpy()).all()


def check_classes(t: dict[str, pd.DataFrame]) -> None:
    s, c = t["schools"], t["classes"]
    assert set(c["school_code"]) <= set(s["school_code"])
    assert (c["students"] >= 1).all()
    summed = c.groupby(["school_code", "grade"])["students"].sum()
    stated = (s.set_index("school_code")[GRADE_COLUMNS]
              .rename(columns={grade_column(g): g for g in GRADES})
              .stack())
    stated.index.names = ["school_code", "grade"]
    stated = stated[stated > 0]
    joined = pd.concat([stated.rename("stated"), summed.rename("summed")], axis=1).fillna(0)
    assert (joined["stated"] == joined["summed"]).all(), "class sizes do not add up"


def check_teachers(t: dict[str, pd.DataFrame]) -> None:
    s, tr = t["schools"], t["teachers"]
    assert not tr["teacher_id"].duplicated().any()
    assert tr["teacher_id"].str.fullmatch(r"T\d{13}").all()
    assert not tr["teacher_id"].str.fullmatch(r"\d{17}[\dXx]").any()  # never an ID number
    school_type = s.set_index("school_code")["school_type"]
    district = s.set_index("school_code")["district_code"]
    types = tr["school_code"].map(school_type)
    assert types.notna().all(), "teacher at an unknown school"
    allowed = [sec in TYPE_SECTIONS[ty] for sec, ty in zip(tr["section"], types, strict=True)]
    assert all(allowed), "teacher section the school type does not have"
    has_tier = tr["key_teacher_tier"] != "none"
    assert (tr["key_teacher_level"].notna() == has_tier).all()
    rotated = tr["rotated_this_year"].astype(bool)
    assert (tr["rotated_from_school_code"].notna() == rotated).all()
    moved = tr[rotated]
    assert moved["rotated_from_school_code"].isin(s["school_code"]).all()
    assert (moved["rotated_from_school_code"] != moved["school_code"]).all()
    assert (moved["rotated_from_school_code"].map(district).to_numpy()
            == moved["school_code"].map(district).to_numpy()).all()
    specialist = tr["pe_art_specialist"].astype(bool)
    assert tr.loc[specialist, "subject"].isin(PE_ART_SUBJECTS).all()


def check_facilities_rooms_finance(t: dict[str, pd.DataFrame]) -> None:
    codes = t["schools"]["school_code"]
    for key in ("facilities", "school_finance"):
        frame = t[key]
        assert sorted(frame["school_code"]) == sorted(codes), f"{key}: one row per school"
    f = t["facilities"]
    assert (f["gym_area_m2"] <= f["building_area_m2"]).all()
    assert (f["teaching_aux_area_m2"] <= f["building_area_m2"]).all()
    r = t["rooms"]
    assert r["school_code"].isin(codes).all()
    assert (r["area_m2"] > 0).all()
    fin = t["school_finance"]
    assert (fin["teacher_training_spend_yuan"] <= fin["public_funds_budget_yuan"]).all()


def check_rates(t: dict[str, pd.DataFrame]) -> None:
    rates = t["district_rates"]
    wanted = {c.code for c in RATE_KEYS}
    for _code, group in rates.groupby("district_code"):
        assert set(group["rate_key"]) == wanted
    for row in rates.itertuples():
        low, high = RATE_SCALES.get(row.rate_key, ("percent", 0, 100))[1:]
        assert low <= row.value <= high, (row.rate_key, row.value)
        if pd.notna(row.numerator) and pd.notna(row.denominator):
            assert row.denominator > 0
            assert abs(row.numerator / row.denominator * 100 - row.value) <= 0.05, row.rate_key
    assert rates["as_of"].map(lambda v: type(v) is date).all()


def check_evidence(t: dict[str, pd.DataFrame]) -> None:
    ev, s = t["evidence"], t["schools"]
    wanted = {c.code for c in EVIDENCE_ITEMS}
    for _code, group in ev.groupby("district_code"):
        assert set(group["item_key"]) == wanted
    assert ev["attested_by"].str.len().gt(0).all()
    per_school = ev[ev["item_key"].isin(["q3", "q6"])]
    for item in ("q3", "q6"):
        rows = per_school[per_school["item_key"] == item]
        assert sorted(rows["school_code"]) == sorted(s["school_code"]), item
    assert ev.loc[~ev["item_key"].isin(["q3", "q6"]), "school_code"].isna().all()
    assert ev["school_code"].dropna().isin(s["school_code"]).all()

