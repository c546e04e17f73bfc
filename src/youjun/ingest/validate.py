"""Validate a district's school-year data completely before anything is written.

``validate_source`` checks structure (tables, headers, template version), every cell, keys,
references between tables and cross-field sense, and returns every problem found — never
just the first. ``validate_tables`` does the same for tables already in canonical form (the
sample generator, the web forms).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from youjun.core.errors import Location, Problem, Severity, problem
from youjun.core.schema import (
    COMBINED_TYPES,
    GRADE_ZH,
    GRADES,
    PE_ART_SUBJECTS,
    RATE_SCALES,
    SCHEMA_VERSION,
    SECTION_GRADES,
    SECTIONS,
    TABLES,
    TABLES_BY_KEY,
    TYPE_GRADES,
    TYPE_SECTIONS,
    Table,
    grade_column,
)
from youjun.ingest.coerce import coerce, display
from youjun.ingest.readers import UNREADABLE_CODES, RawSource, RawTable, read_source

OUTLIER_RATIO = 5.0  # a per-pupil value this many times the district median is flagged
RATE_TOLERANCE = 0.05  # percentage points between a stated rate and numerator/denominator


@dataclass
class ValidationResult:
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    rows: dict[str, list[int]] = field(default_factory=dict)
    locations: dict[str, tuple[str, str]] = field(default_factory=dict)  # table -> (file, sheet)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.code] = counts.get(p.code, 0) + 1
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "by_code": dict(sorted(counts.items())),
            "rows": {k: len(v) for k, v in self.tables.items()},
        }


def validate_path(path: str | Path) -> ValidationResult:
    return validate_source(read_source(path))


def validate_source(source: RawSource) -> ValidationResult:
    checker = _Checker()
    checker.problems.extend(source.problems)
    if source.template_version is not None and source.template_version != SCHEMA_VERSION:
        checker.problems.append(problem("E104", Location(file=source.path, sheet="_youjun"),
                                        value=source.template_version, expected=SCHEMA_VERSION,
                                        rule="template.version"))
    unreadable = any(p.code in UNREADABLE_CODES for p in source.problems)
    for table in TABLES:
        raw = source.tables.get(table.key)
        if raw is None:
            if table.required and not unreadable:
                checker.problems.append(problem("E102", Location(file=source.path, sheet=table.zh),
                                                table=table.key, table_zh=table.zh,
                                                table_en=table.en, rule=f"{table.key}.required"))
            continue
        checker.read_table(raw)
    checker.cross_check()
    return checker.result()


def validate_tables(tables: Mapping[str, pd.DataFrame], file: str = "") -> ValidationResult:
    """Validate tables keyed by table key whose columns are field keys (canonical form)."""
    source = RawSource(file or "<tables>")
    for key, frame in tables.items():
        table = TABLES_BY_KEY[key]
        data = frame.reset_index(drop=True)
        header = list(data.columns)
        data = pd.DataFrame({i: _as_object(data[c]) for i, c in enumerate(header)},
                            index=data.index)
        source.tables[key] = RawTable(table, file, table.zh, [str(h) for h in header], data,
                                      list(range(1, len(data) + 1)), 0)
    return validate_source(source)


def _as_object(col: pd.Series) -> pd.Series:
    if isinstance(col.dtype, pd.BooleanDtype | pd.Int64Dtype) or col.dtype == bool:
        return col.astype(object).where(col.notna(), None)
    return col


def _normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"[\s*]+", "", text)


def _header_index(table: Table) -> dict[str, str]:
    index: dict[str, str] = {}
    for f in table.fields:
        for name in (f.key, f.zh, f.en):
            index[_normalise_header(name)] = f.key
    return index


UNIT_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.tables: dict[str, pd.DataFrame] = {}
        self.rows: dict[str, list[int]] = {}
        self.where: dict[str, tuple[str, str]] = {}
        self.columns: dict[str, dict[str, str]] = {}  # table -> field key -> header as written

    # -- locating problems --------------------------------------------------------------------
    def loc(self, table: str, position: int | None = None, column: str = "") -> Location:
        file, sheet = self.where.get(table, ("", TABLES_BY_KEY[table].zh))
        row = self.rows[table][position] if position is not None and table in self.rows else None
        header = self.columns.get(table, {}).get(column, column)
        return Location(file=file, sheet=sheet, row=row, column=header)

    def add(self, code: str, table: str, position: int | None, column: str, value: Any = "",
            rule: str = "", **ctx: Any) -> None:
        f = TABLES_BY_KEY[table].by_key.get(column)
        if f is not None:
            ctx.setdefault("column_zh", f.zh)
            ctx.setdefault("column_en", f.en)
        self.problems.append(problem(code, self.loc(table, position, column), value=value,
                                     rule=rule or f"{table}.{column}", **ctx))

    # -- one table ----------------------------------------------------------------------------
    def read_table(self, raw: RawTable) -> None:
        table = raw.table
        key = table.key
        self.where[key] = (raw.file, raw.sheet)
        self.rows[key] = raw.row_numbers
        index = _header_index(table)
        positions: dict[str, int] = {}
        written: dict[str, str] = {}
        for pos, name in enumerate(raw.header):
            if not name:
                if pos < raw.data.shape[1] and raw.data[pos].notna().any():
                    self.problems.append(problem("W102", Location(raw.file, raw.sheet, raw.header_row),
                                                 value=f"#{pos + 1}", table_zh=table.zh, table_en=table.en))
                continue
            norm = _normalise_header(name)
            fkey = index.get(norm) or index.get(UNIT_SUFFIX.sub("", norm))
            if fkey is None:
                self.problems.append(problem("W102", Location(raw.file, raw.sheet, raw.header_row, name),
                                             value=name, table_zh=table.zh, table_en=table.en))
                continue
            if fkey in positions:
                f = table.by_key[fkey]
                self.problems.append(problem("E105", Location(raw.file, raw.sheet, raw.header_row, name),
                                             value=name, column_zh=f.zh, column_en=f.en,
                                             rule=f"{key}.{fkey}"))
                continue
            positions[fkey] = pos
            written[fkey] = name
        self.columns[key] = written
        n = len(raw.data)
        if n == 0 and table.required:
            self.problems.append(problem("E106", Location(raw.file, raw.sheet), table_zh=table.zh,
                                         table_en=table.en, rule=f"{key}.rows"))
        typed: dict[str, pd.Series] = {}
        for f in table.fields:
            if f.key not in positions:
                if f.required and not f.blank_means_zero:
                    self.problems.append(problem("E103", Location(raw.file, raw.sheet, raw.header_row, f.zh),
                                                 column_zh=f.zh, column_en=f.en, table_zh=table.zh,
                                                 table_en=table.en, rule=f"{key}.{f.key}"))
                column = pd.Series([None] * n, dtype=object)
            else:
                column = raw.data[positions[f.key]].reset_index(drop=True)
            values, issues = coerce(column, f)
            typed[f.key] = values
            for issue in issues:
                self.problems.append(problem(issue.code, self.loc(key, issue.position, f.key),
                                             value=issue.value, rule=f"{key}.{f.key}",
                                             **dict(issue.context)))
        self.tables[key] = pd.DataFrame(typed, index=pd.RangeIndex(n))

    # -- across rows and tables ---------------------------------------------------------------
    def cross_check(self) -> None:
        for key in self.tables:
            self._duplicates(key)
        self._districts()
        self._schools()
        self._references()
        self._classes()
        self._teachers()
        self._facilities()
        self._finance()
        self._rates()

    def t(self, key: str) -> pd.DataFrame:
        return self.tables.get(key, pd.DataFrame(columns=[f.key for f in TABLES_BY_KEY[key].fields]))

    def _duplicates(self, key: str) -> None:
        table = TABLES_BY_KEY[key]
        frame = self.tables[key]
        if frame.empty:
            return
        pk = frame[list(table.primary_key)].astype(object).fillna("")
        required_pk = [c for c in table.primary_key if table.by_key[c].required]
        complete = frame[required_pk].notna().all(axis=1)
        dup = pk.duplicated(keep=False) & complete
        if not dup.any():
            return
        first_row: dict[tuple[Any, ...], int] = {}
        key_zh = "、".join(table.by_key[c].zh for c in table.primary_key)
        key_en = ", ".join(table.by_key[c].en for c in table.primary_key)
        for pos in dup[dup].index:
            ident = tuple(pk.loc[pos])
            if ident not in first_row:
                first_row[ident] = int(pos)
                continue
            value = " / ".join(str(v) for v in ident if v != "")
            self.add("E301", key, int(pos), table.primary_key[-1], value, rule=f"{key}.primary_key",
                     key_zh=key_zh, key_en=key_en, other_row=self.rows[key][first_row[ident]])

    def _districts(self) -> None:
        districts = self.t("districts")
        years = sorted({y for y in districts.get("school_year", pd.Series(dtype=object)).dropna()})
        if len(years) > 1:
            self.add("E409", "districts", None, "school_year", "、".join(years),
                     rule="districts.school_year.single")

    def _school_types(self) -> pd.Series:
        schools = self.t("schools")
        return pd.Series(schools["school_type"].values, index=schools["school_code"].values)

    def _schools(self) -> None:
        schools = self.t("schools")
        if schools.empty:
            return
        type_zh = {c.code: c.zh for c in TABLES_BY_KEY["schools"].field("school_type").choices}
        type_en = {c.code: c.en for c in TABLES_BY_KEY["schools"].field("school_type").choices}
        section_zh = {c.code: c.zh for c in SECTIONS}
        section_en = {c.code: c.en for c in SECTIONS}
        grades = schools[[grade_column(g) for g in GRADES]].fillna(0)
        total = grades.sum(axis=1)
        for pos in schools.index[(total == 0) & schools["school_code"].notna()]:
            self.add("E411", "schools", int(pos), grade_column(1), 0, rule="schools.students.positive",
                     school=schools.at[pos, "school_code"])
        for stype, allowed in TYPE_GRADES.items():
            rows = schools.index[schools["school_type"] == stype]
            if rows.empty:
                continue
            for g in GRADES:
                if g in allowed:
                    continue
                col = grade_column(g)
                bad = rows[grades.loc[rows, col] > 0]
                for pos in bad:
                    self.add("E405", "schools", int(pos), col, int(grades.at[pos, col]),
                             rule=f"schools.grades.{stype}", school=schools.at[pos, "school_code"],
                             type_zh=type_zh[stype], type_en=type_en[stype], grade=g,
                             grade_zh=GRADE_ZH[g])
        for stype in COMBINED_TYPES:
            rows = schools.index[schools["school_type"] == stype]
            for section in TYPE_SECTIONS[stype]:
                cols = [grade_column(g) for g in SECTION_GRADES[section]]
                empty = rows[grades.loc[rows, cols].sum(axis=1) == 0]
                for pos in empty:
                    self.add("E404", "schools", int(pos), cols[0], 0, rule=f"schools.sections.{stype}",
                             school=schools.at[pos, "school_code"], type_zh=type_zh[stype],
                             type_en=type_en[stype], section_zh=section_zh[section],
                             section_en=section_en[section])
        # Teaching points need a central school in the same district with a primary section.
        tp = schools.index[schools["school_type"] == "teaching_point"]
        types = self._school_types()
        district_of = pd.Series(schools["district_code"].values, index=schools["school_code"].values)
        for pos in tp:
            code = schools.at[pos, "school_code"]
            central = schools.at[pos, "central_school_code"]
            if central is None or pd.isna(central):
                self.add("E304", "schools", int(pos), "central_school_code", "",
                         rule="schools.central_school_code.required", school=code)
                continue
            if central not in types.index:
                continue  # reported as an unknown reference
            central_type = types.get(central)
            central_type = central_type.iloc[0] if isinstance(central_type, pd.Series) else central_type
            if central_type == "teaching_point" or "primary" not in TYPE_SECTIONS.get(central_type, ()):
                self.add("E306", "schools", int(pos), "central_school_code", central,
                         rule="schools.central_school_code.type", school=code)
            elif _first(district_of.get(central)) != schools.at[pos, "district_code"]:
                self.add("E307", "schools", int(pos), "central_school_code", central,
                         rule="schools.central_school_code.district", school=code)

    def _references(self) -> None:
        schools = set(self.t("schools")["school_code"].dropna())
        districts = set(self.t("districts")["district_code"].dropna())
        for table in TABLES:
            frame = self.tables.get(table.key)
            if frame is None or frame.empty:
                continue
            for f in table.fields:
                if f.references is None:
                    continue
                target = schools if f.references[0] == "schools" else districts
                code = "E302" if f.references[0] == "schools" else "E303"
                values = frame[f.key]
                bad = values.notna() & ~values.isin(target)
                for pos in bad[bad].index:
                    self.add(code, table.key, int(pos), f.key, values.at[pos],
                             rule=f"{table.key}.{f.key}->{f.references[0]}")

    def _classes(self) -> None:
        schools, classes = self.t("schools"), self.t("classes")
        if schools.empty or "classes" not in self.tables:
            return
        known = schools.dropna(subset=["school_code"]).drop_duplicates("school_code")
        with_classes = set(classes["school_code"].dropna())
        for pos in known.index[~known["school_code"].isin(with_classes)]:
            self.add("W505", "schools", int(pos), "school_code", known.at[pos, "school_code"],
                     rule="classes.per_school", school=known.at[pos, "school_code"])
        sums = (classes.dropna(subset=["school_code", "grade", "students"])
                .groupby(["school_code", "grade"])["students"].sum())
        enrol = known.set_index("school_code")[[grade_column(g) for g in GRADES]].fillna(0)
        enrol.columns = list(GRADES)
        stated = enrol[enrol.index.isin(with_classes)].stack()
        stated.index.names = ["school_code", "grade"]
        both = pd.concat([sums.rename("classes"), stated.rename("stated")], axis=1).fillna(0)
        diff = both[both["classes"] != both["stated"]]
        position = {code: int(p) for p, code in known["school_code"].items()}
        for (code, grade), row in diff.iterrows():
            grade = int(grade)
            if code not in position or grade not in GRADE_ZH:
                continue
            self.add("E401", "schools", position[code], grade_column(grade), int(row["classes"]),
                     rule="classes.sum==schools.grade", school=code, grade=grade,
                     grade_zh=GRADE_ZH[grade], expected=int(row["stated"]))

    def _teachers(self) -> None:
        teachers = self.t("teachers")
        if teachers.empty:
            return
        types = self._school_types()
        types = types[~types.index.duplicated()]
        section_zh = {c.code: c.zh for c in SECTIONS}
        section_en = {c.code: c.en for c in SECTIONS}
        type_field = TABLES_BY_KEY["schools"].field("school_type")
        school_type = teachers["school_code"].map(types)
        for pos in teachers.index[school_type.notna() & teachers["section"].notna()]:
            stype, section = school_type.at[pos], teachers.at[pos, "section"]
            if section not in TYPE_SECTIONS[stype]:
                self.add("E406", "teachers", int(pos), "section", section_zh[section],
                         rule="teachers.section in school sections",
                         school=teachers.at[pos, "school_code"], type_zh=type_field.label(stype),
                         type_en=type_field.label(stype, "en"), section_zh=section_zh[section],
                         section_en=section_en[section])
        tier = teachers["key_teacher_tier"].fillna("none")
        no_level = (tier != "none") & teachers["key_teacher_level"].isna()
        tier_field = TABLES_BY_KEY["teachers"].field("key_teacher_tier")
        for pos in no_level[no_level].index:
            self.add("E407", "teachers", int(pos), "key_teacher_level", tier_field.label(tier.at[pos]),
                     rule="teachers.key_teacher_level.required_with_tier")
        rotated = teachers["rotated_this_year"].fillna(False).astype(bool)
        origin = teachers["rotated_from_school_code"]
        for pos in teachers.index[rotated & origin.isna()]:
            self.add("E408", "teachers", int(pos), "rotated_from_school_code", "",
                     rule="teachers.rotated_from.required_if_rotated")
        outside = rotated & origin.notna() & ~origin.isin(types.index)
        for pos in outside[outside].index:
            self.add("W504", "teachers", int(pos), "rotated_from_school_code", origin.at[pos],
                     rule="teachers.rotated_from->schools")
        specialist = teachers["pe_art_specialist"].fillna(False).astype(bool)
        odd = specialist & teachers["subject"].notna() & ~teachers["subject"].isin(PE_ART_SUBJECTS)
        subject_field = TABLES_BY_KEY["teachers"].field("subject")
        for pos in odd[odd].index:
            self.add("W503", "teachers", int(pos), "subject", subject_field.label(teachers.at[pos, "subject"]),
                     rule="teachers.pe_art_specialist~subject")
        schools = self.t("schools")
        with_pe = set(teachers.loc[teachers["subject"] == "pe", "school_code"].dropna())
        ordinary = schools["school_code"].notna() & ~schools["school_type"].isin(["special"])
        for pos in schools.index[ordinary & ~schools["school_code"].isin(with_pe)]:
            self.add("W502", "schools", int(pos), "school_code", schools.at[pos, "school_code"],
                     rule="teachers.pe_per_school", school=schools.at[pos, "school_code"])

    def _facilities(self) -> None:
        fac, schools = self.t("facilities"), self.t("schools")
        if "facilities" in self.tables:
            present = set(fac["school_code"].dropna())
            for pos in schools.index[schools["school_code"].notna() & ~schools["school_code"].isin(present)]:
                self.add("E305", "schools", int(pos), "school_code", schools.at[pos, "school_code"],
                         rule="facilities.per_school", school=schools.at[pos, "school_code"])
        if fac.empty:
            return
        for col, code in (("gym_area_m2", "E402"), ("teaching_aux_area_m2", "E403")):
            bad = fac[col] > fac["building_area_m2"]
            for pos in bad[bad.fillna(False)].index:
                self.add(code, "facilities", int(pos), col, display(fac.at[pos, col]),
                         rule=f"facilities.{col}<=building_area_m2",
                         expected=display(fac.at[pos, "building_area_m2"]))
        self._outliers(fac, schools)

    def _outliers(self, fac: pd.DataFrame, schools: pd.DataFrame) -> None:
        if schools.empty:
            return
        pupils = schools[[grade_column(g) for g in GRADES]].fillna(0).sum(axis=1)
        info = pd.DataFrame({"school_code": schools["school_code"], "district_code": schools["district_code"],
                             "pupils": pupils}).dropna(subset=["school_code"])
        info = info.drop_duplicates("school_code")
        merged = fac.reset_index().merge(info, on="school_code", how="inner")
        merged = merged[merged["pupils"] > 0]
        fields = TABLES_BY_KEY["facilities"]
        for col in ("teaching_aux_area_m2", "outdoor_sports_area_m2", "equipment_value_10k_yuan",
                    "multimedia_classrooms", "computers", "books"):
            per_pupil = merged[col].astype("float64") / merged["pupils"]
            median = per_pupil.groupby(merged["district_code"]).transform("median")
            ratio = per_pupil / median
            flagged = (median > 0) & (ratio >= OUTLIER_RATIO)
            f = fields.field(col)
            for i in np.flatnonzero(flagged.fillna(False).to_numpy()):
                pos = int(merged.at[i, "index"])
                self.add("W501", "facilities", pos, col, f"{per_pupil.iat[i]:.4g}",
                         rule=f"facilities.{col}.per_pupil<={OUTLIER_RATIO:g}x median",
                         indicator_zh=f"生均{f.zh}", indicator_en=f"{f.en} per pupil",
                         expected=f"{median.iat[i]:.4g}", ratio=f"{ratio.iat[i]:.1f}")

    def _finance(self) -> None:
        fin = self.t("school_finance")
        if fin.empty:
            return
        over = fin["teacher_training_spend_yuan"] > fin["public_funds_budget_yuan"]
        for pos in over[over.fillna(False)].index:
            self.add("W506", "school_finance", int(pos), "teacher_training_spend_yuan",
                     display(fin.at[pos, "teacher_training_spend_yuan"]),
                     rule="school_finance.training<=budget",
                     expected=display(fin.at[pos, "public_funds_budget_yuan"]))

    def _rates(self) -> None:
        rates = self.t("district_rates")
        if rates.empty:
            return
        rate_field = TABLES_BY_KEY["district_rates"].field("rate_key")
        for pos in rates.index:
            key = rates.at[pos, "rate_key"]
            if key is None:
                continue
            num, den, value = (rates.at[pos, c] for c in ("numerator", "denominator", "value"))
            has_parts = pd.notna(num) and pd.notna(den)
            if pd.isna(value) and not has_parts:
                self.add("E412", "district_rates", int(pos), "value", rate_field.label(key),
                         rule="district_rates.value|parts")
                continue
            scale, low, high = RATE_SCALES.get(key, ("percent", 0, 100))
            if pd.notna(value) and not (low <= value <= high):
                self.add("E413", "district_rates", int(pos), "value", display(value),
                         rule=f"district_rates.{key}.scale", rate_zh=rate_field.label(key),
                         rate_en=rate_field.label(key, "en"), minimum=low, maximum=high)
            if has_parts and scale == "percent":
                if den == 0 or num > den:
                    self.add("E414", "district_rates", int(pos), "numerator", display(num),
                             rule="district_rates.numerator<=denominator", expected=display(den))
                elif pd.notna(value) and abs(value - 100 * num / den) > RATE_TOLERANCE:
                    self.add("E410", "district_rates", int(pos), "value", display(value),
                             rule="district_rates.value==100*numerator/denominator",
                             expected=f"{100 * num / den:.2f}")

    def result(self) -> ValidationResult:
        order = {t.key: i for i, t in enumerate(TABLES)}
        sheet_rank = {t.zh: i for i, t in enumerate(TABLES)}

        def sort_key(p: Problem) -> tuple[int, int, int, str]:
            rank = sheet_rank.get(p.location.sheet, len(order))
            return (0 if p.location.row is None else 1, rank, p.location.row or 0, p.code)

        self.problems.sort(key=sort_key)
        return ValidationResult(self.tables, self.problems, self.rows, self.where)


def _first(value: object) -> object:
    return value.iloc[0] if isinstance(value, pd.Series) else value
