"""Validate a district's school-year data completely before anything is written.

``validate_source`` checks structure (tables, headers, template version), every cell, keys,
references between tables and cross-field sense, and returns every problem found — never
just the first. ``validate_tables`` does the same for tables already in canonical form (the
sample generator, the web forms).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from youjun.core.errors import Location, Problem, Severity, problem
from youjun.core.evidence_rows import DISTRICT_ITEMS, grouped, in_quotes, is_veto, quoted
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
from youjun.ingest.coerce import _to_text, coerce, display
from youjun.ingest.headers import (
    HEADER_SCAN_ROWS,
    header_index,
    match_header,
    nearest,
    nearest_table,
    similarity,
)
from youjun.ingest.readers import UNREADABLE_CODES, RawSource, RawTable, read_source
from youjun.ingest.xlsx_inspect import CELL_REF, column_letters, column_number

OUTLIER_RATIO = 5.0  # a per-pupil value this many times the district median (or 1/5 of it) is flagged
RATE_TOLERANCE = 0.05  # percentage points between a stated rate and numerator/denominator
NAMED_ROWS = 10  # hidden rows named in a warning
# a row under the data starting with one of these is a total or a note, not data (W117)
TRAILING_NOTE_WORDS = ("合计", "总计", "小计", "填表人", "填表日期", "制表", "备注", "说明", "注：", "注:")
OPTIONAL_NEAR = 0.75  # an unknown header this like a missing optional column is taken for a typo of it
# Per-pupil values no school has (generous: a teaching point of 10 pupils has 60 m² each), and
# the unit slips that explain a value outside them: (factor to the column's unit, unit zh, en).
_AREA_SLIPS = ((10_000.0, "万平方米", "10,000 m²"),)
_YUAN_SLIPS = ((10_000.0, "万元", "10,000 yuan"), (1_000.0, "千元", "thousands of yuan"))
PLAUSIBLE: dict[tuple[str, str], tuple[float, float, tuple[tuple[float, str, str], ...]]] = {
    ("facilities", "building_area_m2"): (1.0, 500.0, _AREA_SLIPS),
    ("facilities", "teaching_aux_area_m2"): (0.5, 200.0, _AREA_SLIPS),
    ("facilities", "outdoor_sports_area_m2"): (0.2, 2_000.0, _AREA_SLIPS),
    ("facilities", "equipment_value_10k_yuan"): (0.005, 20.0, ((1e-4, "元", "yuan"),
                                                               (0.1, "千元", "thousands of yuan"))),
    ("facilities", "multimedia_classrooms"): (0.0, math.inf, ()),
    ("facilities", "computers"): (0.0, math.inf, ()),
    ("facilities", "books"): (0.0, math.inf, ()),
    ("school_finance", "public_funds_budget_yuan"): (50.0, 100_000.0, _YUAN_SLIPS),
    ("school_finance", "public_funds_allocated_yuan"): (50.0, 100_000.0, _YUAN_SLIPS),
}
# Small schools are funded as if they had 100 pupils: per-pupil money is not compared with the median.
NO_MEDIAN = frozenset({"public_funds_budget_yuan", "public_funds_allocated_yuan"})


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
            if not unreadable and checker.renamed_sheet(table, source.path):
                continue
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


def _frame_of(typed: dict[str, pd.Series], n: int) -> pd.DataFrame:
    """A table's typed columns (each indexed 0..n-1) as one frame, each column its own block:
    ``DataFrame(dict)`` copies the columns of one type into one two-dimensional block, a copy
    of a nation batch's ~780,000 teachers that nothing here needs (pandas joins them itself
    for an operation across columns)."""
    if not typed or n == 0:
        return pd.DataFrame(typed, index=pd.RangeIndex(n))
    return pd.concat(typed, axis=1)


def _fmt(x: float) -> str:
    """A figure read back to a person: thousands separators, at most 4 significant digits of a fraction."""
    if not math.isfinite(x):
        return str(x)
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.4g}" if abs(x) >= 1e-4 or x == 0 else f"{x:.2e}"


def _cell_position(ref: str) -> tuple[int, int] | None:
    """("D5") -> (row 5, column index 3)."""
    m = CELL_REF.match(ref)
    return (int(m.group(2)), column_number(m.group(1)) - 1) if m else None


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.tables: dict[str, pd.DataFrame] = {}
        self.rows: dict[str, list[int]] = {}
        self.where: dict[str, tuple[str, str]] = {}
        self.columns: dict[str, dict[str, str]] = {}  # table -> field key -> header as written
        self.positions: dict[str, dict[str, int]] = {}  # table -> field key -> column index
        self.addressed: set[str] = set()  # tables whose rows and columns are a sheet's cells
        self.percent_sign: set[int] = set()  # district_rates rows whose value was typed as 96.2%
        self.unread: set[str] = set()  # tables present but not read (no header found)
        self.percent: dict[str, set[tuple[int, str]]] = {}  # (position, field) in a percent cell
        self.bad: dict[tuple[str, int, str], Problem] = {}  # the problem of a cell that was refused
        self.after: dict[int, Problem] = {}  # id(consequence) -> its cause, listed under it
        self.suspect_codes: set[str] = set()  # school codes probably mistyped (E122)
        self.slips: dict[tuple[str, int, str], Problem] = {}  # W110 of a cell: the cause of what follows
        self.explained: set[str] = set()  # unknown codes a probably mistyped school code explains
        self._typos: dict[str, dict[str, int]] = {}  # table -> field -> column of a mistyped header

    # -- locating problems --------------------------------------------------------------------
    def cell(self, table: str, position: int | None, column: str) -> str:
        """The cell address (A5) of a table's row and field, or "" when not a sheet's cell."""
        pos = self.positions.get(table, {}).get(column)
        if table not in self.addressed or position is None or pos is None or table not in self.rows:
            return ""
        return f"{column_letters(pos + 1)}{self.rows[table][position]}"

    def loc(self, table: str, position: int | None = None, column: str = "") -> Location:
        file, sheet = self.where.get(table, ("", TABLES_BY_KEY[table].zh))
        row = self.rows[table][position] if position is not None and table in self.rows else None
        header = self.columns.get(table, {}).get(column, column)
        return Location(file=file, sheet=sheet, row=row, column=header, cell=self.cell(table, position, column))

    def add(self, code: str, table: str, position: int | None, column: str, value: Any = "",
            rule: str = "", cause: Problem | None = None, at: Location | None = None, **ctx: Any) -> Problem:
        f = TABLES_BY_KEY[table].by_key.get(column)
        if f is not None:
            ctx.setdefault("column_zh", f.zh)
            ctx.setdefault("column_en", f.en)
        found = problem(code, at or self.loc(table, position, column), value=value,
                        rule=rule or f"{table}.{column}", **ctx)
        self.problems.append(found)
        if cause is not None:
            self.after[id(found)] = cause
        return found

    # -- one table ----------------------------------------------------------------------------
    def read_table(self, raw: RawTable) -> None:
        table = raw.table
        key = table.key
        self.where[key] = (raw.file, raw.sheet)
        self.rows[key] = raw.row_numbers
        if raw.header_row > 0:
            self.addressed.add(key)
        if not any(raw.header) and raw.data.empty:
            # an empty file: one problem naming it, not one per missing column
            self.unread.add(key)
            self.problems.append(problem("E106", Location(raw.file, raw.sheet), table_zh=table.zh,
                                         table_en=table.en, rule=f"{key}.rows"))
            self.tables[key] = pd.DataFrame({f.key: pd.Series([], dtype=object) for f in table.fields})
            return
        raw = self._skip_trailing_notes(raw)
        self.rows[key] = raw.row_numbers
        self._layout_notes(raw)
        index = header_index(table)
        positions: dict[str, int] = {}
        written: dict[str, str] = {}
        unknown: dict[int, str] = {}
        unnamed: list[int] = []
        for pos, name in enumerate(raw.header):
            if not name:
                if pos < raw.data.shape[1] and raw.data[pos].notna().any():
                    unnamed.append(pos)
                continue
            fkey = match_header(name, index)
            if fkey is None:
                unknown[pos] = name
                continue
            if fkey in positions:
                f = table.by_key[fkey]
                self.problems.append(problem("E105", Location(raw.file, raw.sheet, raw.header_row, name,
                                                              self._header_cell(raw, pos)),
                                             value=name, column_zh=f.zh, column_en=f.en, table_zh=table.zh,
                                             table_en=table.en, rule=f"{key}.{fkey}"))
                continue
            positions[fkey] = pos
            written[fkey] = name
        self.columns[key] = written
        self.positions[key] = positions
        n = len(raw.data)
        if not positions and any(raw.header):
            # Not one column is named: the header is not where the data starts (a title, notes,
            # pasted data). One error says so instead of every column and every cell.
            self.unread.add(key)
            first = next(h for h in raw.header if h)
            example = "、".join(f.zh for f in table.fields[:3])
            self.problems.append(problem("E128", Location(raw.file, raw.sheet, raw.header_row), value=first,
                                         rule=f"{key}.header", table_zh=table.zh, table_en=table.en,
                                         rows=HEADER_SCAN_ROWS, row=raw.header_row, example=example,
                                         example_en=", ".join(f.key for f in table.fields[:3])))
            self.tables[key] = pd.DataFrame({f.key: pd.Series([None] * n, dtype=object) for f in table.fields},
                                            index=pd.RangeIndex(n))
            return
        for pos in unnamed:
            self.problems.append(problem("W102", Location(raw.file, raw.sheet, raw.header_row,
                                                          cell=self._header_cell(raw, pos)),
                                         value=f"#{pos + 1}", table_zh=table.zh, table_en=table.en))
        if n == 0 and table.required:
            self.problems.append(problem("E106", Location(raw.file, raw.sheet), table_zh=table.zh,
                                         table_en=table.en, rule=f"{key}.rows"))
        for pos, name in unknown.items():
            # a required column, or (when very alike) an optional one whose data would be dropped
            missing = [f for f in table.fields if f.key not in positions and f.key not in self._typos.get(key, {})]
            required = [f for f in missing if f.required and not f.blank_means_zero]
            guess = nearest(name, {f.zh: f for f in required} | {f.en: f for f in required})
            if guess is None:
                guess = nearest(name, {f.zh: f for f in missing} | {f.en: f for f in missing}, OPTIONAL_NEAR)
            typo = next((m for m in missing if guess in (m.zh, m.en)), None) if guess else None
            if typo is not None:
                f = typo
                # a typo in a header: one error naming both, not "unknown column" + "missing column"
                positions_typo = self._typos.setdefault(key, {})
                positions_typo[f.key] = pos
                self.problems.append(problem("E121", Location(raw.file, raw.sheet, raw.header_row, name,
                                                              self._header_cell(raw, pos)),
                                             value=name, rule=f"{key}.{f.key}", column_zh=f.zh, column_en=f.en,
                                             table_zh=table.zh, table_en=table.en,
                                             column=f.key))
                continue
            self.problems.append(problem("W102", Location(raw.file, raw.sheet, raw.header_row, name,
                                                          self._header_cell(raw, pos)),
                                         value=name, table_zh=table.zh, table_en=table.en))
        formula_cells = self._formula_cells(raw)
        percent = self.percent.setdefault(key, set())
        by_column: dict[int, list[tuple[int, str]]] = {}
        row_pos = {r: i for i, r in enumerate(raw.row_numbers)} if raw.percent_cells else {}
        for ref in raw.percent_cells:
            at = _cell_position(ref)
            if at and at[0] in row_pos:
                by_column.setdefault(at[1], []).append((row_pos[at[0]], ref))
        typed: dict[str, pd.Series] = {}
        for f in table.fields:
            if f.key not in positions:
                if (f.required and not f.blank_means_zero and f.key not in self._typos.get(key, {})):
                    self.problems.append(problem("E103", Location(raw.file, raw.sheet, raw.header_row, f.zh),
                                                 column_zh=f.zh, column_en=f.en, table_zh=table.zh,
                                                 table_en=table.en, rule=f"{key}.{f.key}"))
                typed[f.key] = pd.Series([None] * n, dtype=object) if not f.blank_means_zero else \
                    coerce(pd.Series([None] * n, dtype=object), f)[0]
                continue  # a missing column is one problem, not one per row
            column = raw.data[positions[f.key]].reset_index(drop=True)
            if key == "district_rates" and f.key == "value":
                column = self._percent_sign(column)
            values, issues = coerce(column, f)
            for p, _ref in by_column.get(positions[f.key], []):
                percent.add((p, f.key))
            formulas = formula_cells.get(positions[f.key], {})
            for issue in issues:
                if issue.position in formulas:
                    continue  # the formula is the problem, not the empty value it was read as
                found = self.add(issue.code, key, issue.position, f.key, value=issue.value,
                                 rule=f"{key}.{f.key}", **dict(issue.context))
                if found.severity is Severity.ERROR:
                    self.bad[(key, issue.position, f.key)] = found
            for p, error in sorted(formulas.items()):
                values = values.copy()
                values.iloc[p] = None if values.dtype == object else pd.NA
                code = "E125" if error else "E124"
                self.bad[(key, p, f.key)] = self.add(code, key, p, f.key, value=error, rule=f"{key}.{f.key}.formula")
            typed[f.key] = values
        self.tables[key] = _frame_of(typed, n)

    def _percent_sign(self, column: pd.Series) -> pd.Series:
        """A rate typed as text with its percent sign (96.2% or 96.2％): the number, remembered."""
        column = column.copy()
        for pos, value in enumerate(column.tolist()):
            text = _to_text(value)
            if text and text.endswith("%") and len(text) > 1:
                column.iloc[pos] = text[:-1].strip()
                self.percent_sign.add(pos)
        return column

    def _skip_trailing_notes(self, raw: RawTable) -> RawTable:
        """Drop a 合计/小计 row or a 填表人/备注 note under the last data row, with one W117 each."""
        keep = len(raw.data)
        skipped: list[tuple[int, str]] = []
        while keep > 0:
            cells = [c for c in (_to_text(v) for v in raw.data.iloc[keep - 1].tolist()) if c]
            if not cells:
                keep -= 1  # an empty row between the data and a note
                continue
            first = cells[0].replace(" ", "").replace("\u3000", "")
            if not first.startswith(TRAILING_NOTE_WORDS):
                break
            keep -= 1
            skipped.append((raw.row_numbers[keep], cells[0]))
        if not skipped:
            return raw
        for number, text in reversed(skipped):
            self.problems.append(problem("W117", Location(raw.file, raw.sheet, number), value=number,
                                         text=text[:30], table=raw.sheet,
                                         rule=f"{raw.table.key}.trailing_rows"))
        return replace(raw, data=raw.data.iloc[:keep].reset_index(drop=True),
                       row_numbers=list(raw.row_numbers[:keep]))

    def _header_cell(self, raw: RawTable, pos: int) -> str:
        return f"{column_letters(pos + 1)}{raw.header_row}" if raw.header_row > 0 else ""

    def _formula_cells(self, raw: RawTable) -> dict[int, dict[int, str]]:
        """column index -> position in the table -> "" (no saved result) or the error (#DIV/0!)."""
        out: dict[int, dict[int, str]] = {}
        if not raw.formula_cells:
            return out
        row_pos = {r: i for i, r in enumerate(raw.row_numbers)}
        for ref, error in raw.formula_cells.items():
            at = _cell_position(ref)
            if at and at[0] in row_pos:
                out.setdefault(at[1], {})[row_pos[at[0]]] = error
        return out

    def _layout_notes(self, raw: RawTable) -> None:
        """Warnings about the sheet's layout: titles above the header, a two-row header, hidden rows."""
        table = raw.table
        if raw.header_row <= 0:
            return
        for number, title in raw.title_rows:
            self.problems.append(problem("W112", Location(raw.file, raw.sheet, number), value=number,
                                         rule=f"{table.key}.header", table=raw.sheet, title=title[:40],
                                         header_row=raw.header_row))
        if raw.header_rows == 2:
            self.problems.append(problem("W113", Location(raw.file, raw.sheet, raw.header_row),
                                         value=raw.header_row, rule=f"{table.key}.header", table=raw.sheet,
                                         below=raw.header_row + 1))
        data_rows = set(raw.row_numbers)
        hidden = [r for r in raw.hidden_rows if r in data_rows]
        if hidden:
            shown = "、".join(str(r) for r in hidden[:NAMED_ROWS]) + (" 等" if len(hidden) > NAMED_ROWS else "")
            rows_en = ("row " if len(hidden) == 1 else "rows ") + ", ".join(str(r) for r in hidden[:NAMED_ROWS]) + (
                " and more" if len(hidden) > NAMED_ROWS else "")
            self.problems.append(problem(
                "W115", Location(raw.file, raw.sheet, hidden[0]), value=shown, rule=f"{table.key}.hidden_rows",
                table=raw.sheet, count=len(hidden), rows_en=rows_en,
                how_zh="被筛选隐藏的行" if raw.filtered else "隐藏行",
                how_en=("row" if len(hidden) == 1 else "rows")
                + (" hidden by a filter" if raw.filtered else " hidden")))

    def renamed_sheet(self, table: Table, file: str) -> bool:
        """A missing table and an unknown sheet named like it (学校基本情况 for 学校) are one
        mistake: E120 names both, instead of "sheet ignored" + "table missing" + a reference
        error for every row that names a school."""
        for i, p in enumerate(self.problems):
            if p.code != "W101" or nearest_table(p.location.sheet or "") is not table:
                continue
            sheet = p.location.sheet.rsplit("-", 1)[-1]
            if similarity(sheet, table.zh) < 0.6 and similarity(sheet, table.en) < 0.6:
                continue
            self.problems[i] = problem("E120", Location(file=p.location.file or file, sheet=p.location.sheet),
                                       value=p.location.sheet, rule=f"{table.key}.sheet", table=table.key,
                                       table_zh=table.zh, table_en=table.en)
            return True
        return False

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
        self._district_evidence()

    def t(self, key: str) -> pd.DataFrame:
        frame = self.tables.get(key)
        if frame is None:  # (made only when missing: a frame costs as much as a check)
            return pd.DataFrame(columns=[f.key for f in TABLES_BY_KEY[key].fields])
        return frame

    def _duplicates(self, key: str) -> None:
        table = TABLES_BY_KEY[key]
        frame = self.tables[key]
        if frame.empty:
            return
        dup = _repeated_keys(frame, table.primary_key).to_numpy().copy()
        for c in table.primary_key:
            if table.by_key[c].required:  # a key with a required part missing is not complete
                dup &= frame[c].notna().to_numpy()
        if not dup.any():
            return
        pk = frame[list(table.primary_key)].astype(object).fillna("")
        first_row: dict[tuple[Any, ...], int] = {}
        key_zh = "、".join(table.by_key[c].zh for c in table.primary_key)
        key_en = ", ".join(table.by_key[c].en for c in table.primary_key)
        for pos in np.flatnonzero(dup):
            ident = tuple(pk.loc[pos])
            if ident not in first_row:
                first_row[ident] = int(pos)
                continue
            parts = [str(v) for v in ident if v != ""]
            value = " / ".join(parts)
            # the key's values as each language lists them: 5001180001、1、1班 / 5001180001, 1, 1班
            self.add("E301", key, int(pos), table.primary_key[-1], value, rule=f"{key}.primary_key",
                     key_zh=key_zh, key_en=key_en, ident_zh="、".join(parts), ident_en=", ".join(parts),
                     other_row=self.rows[key][first_row[ident]])

    def _districts(self) -> None:
        districts = self.t("districts")
        years = sorted({y for y in districts.get("school_year", pd.Series(dtype=object)).dropna()})
        if len(years) > 1:
            self.add("E409", "districts", None, "school_year", "、".join(years),
                     rule="districts.school_year.single", years_en=", ".join(years))

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
        # pupils per grade as one array (a frame selection per school type and grade is slow)
        grades = _grades(schools)
        column_of = {g: i for i, g in enumerate(GRADES)}
        total = grades.sum(axis=1)
        # the cells named in the problems, read from arrays (a frame lookup per school is slow)
        school_codes = _cells(schools["school_code"])
        type_cells = schools["school_type"].to_numpy(dtype=object)
        for pos in np.flatnonzero((total == 0) & schools["school_code"].notna().to_numpy()):
            self.add("E411", "schools", int(pos), grade_column(1), 0, rule="schools.students.positive",
                     school=school_codes[int(pos)])
        for stype, allowed in TYPE_GRADES.items():
            rows = np.flatnonzero(type_cells == stype)
            if not len(rows):
                continue
            for g in GRADES:
                if g in allowed:
                    continue
                col = grade_column(g)
                bad = rows[grades[rows, column_of[g]] > 0]
                for pos in bad:
                    self.add("E405", "schools", int(pos), col, int(grades[pos, column_of[g]]),
                             rule=f"schools.grades.{stype}", school=school_codes[pos],
                             type_zh=type_zh[stype], type_en=type_en[stype], grade=g,
                             grade_zh=GRADE_ZH[g])
        for stype in COMBINED_TYPES:
            rows = np.flatnonzero(type_cells == stype)
            for section in TYPE_SECTIONS[stype]:
                cols = [grade_column(g) for g in SECTION_GRADES[section]]
                section_columns = np.array([column_of[g] for g in SECTION_GRADES[section]])
                empty = rows[grades[np.ix_(rows, section_columns)].sum(axis=1) == 0]
                for pos in empty:
                    self.add("E404", "schools", int(pos), cols[0], 0, rule=f"schools.sections.{stype}",
                             school=school_codes[pos], type_zh=type_zh[stype],
                             type_en=type_en[stype], section_zh=section_zh[section],
                             section_en=section_en[section])
        # Teaching points need a central school in the same district with a primary section.
        tp = schools.index[schools["school_type"] == "teaching_point"]
        if tp.empty:
            return
        # each school code's type and district: those of the first school listed with it
        type_of = _first_of(school_codes, _cells(schools["school_type"]))
        districts = _cells(schools["district_code"])
        district_of = _first_of(school_codes, districts)
        centrals = _cells(schools["central_school_code"])
        for pos in tp:
            code = school_codes[pos]
            central = centrals[pos]
            if central is None or pd.isna(central):
                self.add("E304", "schools", int(pos), "central_school_code", "",
                         rule="schools.central_school_code.required", school=code)
                continue
            if central not in type_of:
                continue  # reported as an unknown reference
            central_type = type_of[central]
            if central_type == "teaching_point" or "primary" not in TYPE_SECTIONS.get(central_type, ()):
                self.add("E306", "schools", int(pos), "central_school_code", central,
                         rule="schools.central_school_code.type", school=code)
            elif district_of[central] != districts[pos]:
                self.add("E307", "schools", int(pos), "central_school_code", central,
                         rule="schools.central_school_code.district", school=code)

    def _references(self) -> None:
        school_frame = self.tables.get("schools")
        district_frame = self.tables.get("districts")
        targets = {
            "schools": None if school_frame is None or "schools" in self.unread
            else set(school_frame["school_code"].dropna().unique()),
            "districts": None if district_frame is None or "districts" in self.unread
            else set(district_frame["district_code"].dropna().unique()),
        }
        # every reference to an unknown school, by the code it names: one mistyped code in the
        # Schools table is 44 of these, and is reported once, at its cause
        unknown: dict[str, list[tuple[str, int, str]]] = {}
        referenced: set[str] = set()
        seen: dict[int, list[str | None] | None] = {}  # the targets as text, made once
        for table in TABLES:
            frame = self.tables.get(table.key)
            if frame is None or frame.empty:
                continue
            for f in table.fields:
                if f.references is None:
                    continue
                target = targets[f.references[0]]
                if target is None:
                    continue  # the table is missing or unread: that is the one problem (E102, E120, E128)
                values = frame[f.key]
                if f.references[0] == "schools":
                    referenced.update(values.dropna().unique().tolist())
                bad = values.notna() & ~_isin(values, target, seen)
                for pos in bad[bad].index:
                    if f.references[0] == "schools":
                        unknown.setdefault(values.at[pos], []).append((table.key, int(pos), f.key))
                    else:
                        self.add("E303", table.key, int(pos), f.key, values.at[pos],
                                 rule=f"{table.key}.{f.key}->{f.references[0]}")
        if not unknown:
            return
        schools = self.t("schools")
        unreferenced = [c for c in schools["school_code"].dropna() if c not in referenced]
        for code, where in unknown.items():
            guesses = [c for c in unreferenced if _near_code(str(code), str(c))]
            table_key, pos, fkey = where[0]
            if len(guesses) == 1 and len(where) > 1:
                mine = schools.index[schools["school_code"] == guesses[0]]
                self.suspect_codes.add(guesses[0])
                self.explained.add(code)
                unreferenced.remove(guesses[0])
                first = int(mine[0])
                self.add("E122", "schools", first, "school_code", guesses[0], rule="schools.school_code~references",
                         school=schools.at[first, "school_name"] or guesses[0], expected=code, count=len(where))
            elif len(where) > 1:
                self.add("E123", table_key, pos, fkey, code, rule=f"{table_key}.{fkey}->schools",
                         omitted=len(where) - 1)
            else:
                self.add("E302", table_key, pos, fkey, code, rule=f"{table_key}.{fkey}->schools")

    def _classes(self) -> None:
        schools, classes = self.t("schools"), self.t("classes")
        if schools.empty or "classes" not in self.tables:
            return
        known = schools.dropna(subset=["school_code"]).drop_duplicates("school_code")
        with_classes = set(classes["school_code"].dropna().unique())
        for pos in known.index[~_isin(known["school_code"], with_classes | self.suspect_codes)]:
            self.add("W505", "schools", int(pos), "school_code", known.at[pos, "school_code"],
                     rule="classes.per_school", school=known.at[pos, "school_code"])
        sums = (classes.dropna(subset=["school_code", "grade", "students"])
                .groupby(["school_code", "grade"])["students"].sum())
        enrol = known.set_index("school_code")[[grade_column(g) for g in GRADES]].fillna(0)
        enrol.columns = list(GRADES)
        stated = enrol[_isin(enrol.index.to_series(), with_classes).to_numpy()].stack()
        stated.index.names = ["school_code", "grade"]
        both = pd.concat([sums.rename("classes"), stated.rename("stated")], axis=1).fillna(0)
        diff = both[both["classes"] != both["stated"]]
        position = {code: int(p) for p, code in known["school_code"].items()}
        # a class whose size or grade was refused makes its school's sums wrong: the E401 that
        # follows is listed under that cell's error, not before it
        causes: dict[str, Problem] = {}
        for (table, pos, fkey), found in sorted(self.bad.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
            if table == "classes" and fkey in ("students", "grade"):
                school = classes.at[pos, "school_code"]
                if school is not None and not pd.isna(school):
                    causes.setdefault(school, found)
        for (code, grade), row in diff.iterrows():
            grade = int(grade)
            if code not in position or grade not in GRADE_ZH:
                continue
            col = grade_column(grade)
            if ("schools", position[code], col) in self.bad:
                continue  # the school's own figure could not be read: nothing to compare with
            cause = causes.get(code)
            # the sum leaves out the classes whose size could not be read: say so, or "合计 0"
            # reads as if the school had typed no pupils
            note = ("（不含人数无法读取的班级）", " (leaving out classes whose size could not be read)") \
                if cause is not None else ("", "")
            self.add("E401", "schools", position[code], col, int(row["classes"]),
                     rule="classes.sum==schools.grade", school=code, grade=grade,
                     grade_zh=GRADE_ZH[grade], expected=int(row["stated"]), cause=cause,
                     note=note[0], note_en=note[1])

    def _teachers(self) -> None:
        teachers = self.t("teachers")
        if teachers.empty:
            return
        types = self._school_types()
        types = types[~types.index.duplicated()]
        section_zh = {c.code: c.zh for c in SECTIONS}
        section_en = {c.code: c.en for c in SECTIONS}
        type_field = TABLES_BY_KEY["schools"].field("school_type")
        # each teacher's school type (``school_code.map(types)``), looked up once per school
        which, schools = pd.factorize(teachers["school_code"], use_na_sentinel=False)
        per_school = pd.Series(schools, dtype=teachers["school_code"].dtype).map(types).to_numpy(dtype=object)
        school_type = pd.Series(per_school.take(which), index=teachers.index, dtype=object)
        # one vectorised test of (school type, section) against the allowed pairs, then a Python
        # step only for the rows that break it (a province has a quarter of a million teachers)
        allowed = {(t, s) for t, secs in TYPE_SECTIONS.items() for s in secs}
        wrong = (~pd.isna(per_school).take(which) & teachers["section"].notna().to_numpy()
                 & ~_pairs_in(per_school, which, teachers["section"], allowed))
        for pos in teachers.index[wrong]:
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
                     rule="teachers.key_teacher_level.required_with_tier",
                     tier_en=tier_field.label(tier.at[pos], "en"))
        rotated = teachers["rotated_this_year"].fillna(False).astype(bool)
        origin = teachers["rotated_from_school_code"]
        for pos in teachers.index[rotated & origin.isna()]:
            self.add("E408", "teachers", int(pos), "rotated_from_school_code", "",
                     rule="teachers.rotated_from.required_if_rotated")
        outside = rotated & origin.notna() & ~_isin(origin, types.index) & ~_isin(origin, self.explained)
        if "schools" not in self.tables or "schools" in self.unread:
            outside = outside & False  # no schools were read: that is the one problem
        for pos in outside[outside].index:
            self.add("W504", "teachers", int(pos), "rotated_from_school_code", origin.at[pos],
                     rule="teachers.rotated_from->schools")
        specialist = teachers["pe_art_specialist"].fillna(False).astype(bool)
        odd = specialist & teachers["subject"].notna() & ~teachers["subject"].isin(PE_ART_SUBJECTS)
        subject_field = TABLES_BY_KEY["teachers"].field("subject")
        for pos in odd[odd].index:
            self.add("W503", "teachers", int(pos), "subject", subject_field.label(teachers.at[pos, "subject"]),
                     rule="teachers.pe_art_specialist~subject",
                     subject_en=subject_field.label(teachers.at[pos, "subject"], "en"))
        schools = self.t("schools")
        with_pe = set(teachers.loc[teachers["subject"] == "pe", "school_code"].dropna().unique())
        ordinary = (schools["school_code"].notna() & ~schools["school_type"].isin(["special"])
                    & ~schools["school_code"].isin(self.suspect_codes))
        school_codes = _cells(schools["school_code"])
        for pos in schools.index[ordinary & ~_isin(schools["school_code"], with_pe)]:
            # the school by its name, its code after it (walk 43: a code alone named no school)
            name = schools.at[pos, "school_name"] if "school_name" in schools.columns else None
            name = name.strip() if isinstance(name, str) else ""
            named = bool(name)
            self.add("W502", "schools", int(pos), "school_code", school_codes[pos],
                     rule="teachers.pe_per_school", school=name or school_codes[pos],
                     code_zh=f"（{school_codes[pos]}）" if named else "",
                     code_en=f" ({school_codes[pos]})" if named else "")

    def _facilities(self) -> None:
        fac, schools = self.t("facilities"), self.t("schools")
        if "facilities" in self.tables:
            present = set(fac["school_code"].dropna())
            absent = schools["school_code"].notna() & ~_isin(schools["school_code"], present | self.suspect_codes)
            for pos in schools.index[absent]:
                self.add("E305", "schools", int(pos), "school_code", schools.at[pos, "school_code"],
                         rule="facilities.per_school", school=schools.at[pos, "school_code"])
        self._outliers(fac, schools)
        if fac.empty:
            return
        for col, code in (("gym_area_m2", "E402"), ("teaching_aux_area_m2", "E403")):
            bad = fac[col] > fac["building_area_m2"]
            for pos in bad[bad.fillna(False)].index:
                # a building area in 万平方米 makes every part larger than the whole: under its cause
                cause = self.slips.get(("facilities", int(pos), "building_area_m2"))
                self.add(code, "facilities", int(pos), col, display(fac.at[pos, col]),
                         rule=f"facilities.{col}<=building_area_m2",
                         expected=display(fac.at[pos, "building_area_m2"]), cause=cause)

    def _outliers(self, fac: pd.DataFrame, schools: pd.DataFrame) -> None:
        """Per-pupil values against the district median and against what any school has.

        A value far off is a warning; when a unit slip explains it (areas in 万平方米, equipment
        in 元 or 千元, budgets in 万元) the warning names the slip and the value it would be."""
        if schools.empty:
            return
        pupils = _grades(schools).sum(axis=1)
        # each school code's district and pupils: those of the first school listed with it
        first = _first_of(_cells(schools["school_code"]), range(len(schools)))
        districts = pd.factorize(schools["district_code"], use_na_sentinel=True)[0]
        for table in ("facilities", "school_finance"):
            frame = fac if table == "facilities" else self.t("school_finance")
            if frame.empty:
                continue
            # the rows of schools listed with pupils, in the table's order (an inner merge)
            rows, school = [], []
            for pos, code in enumerate(_cells(frame["school_code"])):
                at = first.get(code)
                if at is not None and pupils[at] > 0:
                    rows.append(pos)
                    school.append(at)
            for (tkey, col), (low, high, slips) in PLAUSIBLE.items():
                if tkey == table and col in frame:
                    self._plausible(table, col, frame[col].to_numpy(dtype="float64", na_value=np.nan)[rows],
                                    pupils[school], districts[school], rows, low, high, slips)

    def _plausible(self, table: str, col: str, values: np.ndarray, pupils: np.ndarray, districts: np.ndarray,
                   rows: list[int], low: float, high: float, slips: tuple[tuple[float, str, str], ...]) -> None:
        """``values`` (of the table's ``rows``) per pupil against the median of each district's
        (``districts``: its number, -1 for none) positive values per pupil."""
        f = TABLES_BY_KEY[table].field(col)
        with np.errstate(divide="ignore", invalid="ignore"):
            per_pupil = values / pupils
        median = _group_medians(np.where(per_pupil > 0, per_pupil, np.nan), districts)
        unit_zh, unit_en = f.unit_zh, f.unit_en
        for i in _plausible_candidates(per_pupil, median, col, low, high, slips):
            v, m = per_pupil[i], median[i]
            if not (v > 0) or not math.isfinite(v) or pd.isna(m):
                continue
            pos = rows[i]
            raw_value = float(values[i])
            ratio = v / m if m and m > 0 and col not in NO_MEDIAN else 1.0
            # far below the median is a slip only in the columns people give in a bigger unit
            above, below = ratio >= OUTLIER_RATIO, bool(slips) and ratio <= 1 / OUTLIER_RATIO
            outside = not (low <= v <= high)
            if not (above or below or outside):
                continue
            slip = self._unit_slip(v, m, low, high, slips)
            per = f"生均{f.zh} {_fmt(v)} {f.unit_zh}"
            per_en = f"{f.en} per pupil {_fmt(v)} {f.unit_en}"
            if above or below:
                rel_zh = (f"是区县中位数 {_fmt(m)} 的 {ratio:,.1f} 倍" if above
                          else f"仅为区县中位数 {_fmt(m)} 的 1/{1 / ratio:,.0f}")
                rel_en = (f"{ratio:,.1f} times the district median {_fmt(m)}" if above
                          else f"1/{1 / ratio:,.0f} of the district median {_fmt(m)}")
            else:
                rel_zh = f"超出常见范围 {_fmt(low)}–{_fmt(high)}"
                rel_en = f"outside the usual {_fmt(low)}–{_fmt(high)}"
            if slip is not None:
                factor, s_zh, s_en = slip
                fixed = _fmt(raw_value * factor)
                self.slips[(table, pos, col)] = self.add(
                    "W110", table, pos, col, _fmt(raw_value), rule=f"{table}.{col}.unit",
                    detail_zh=f"{per}，{rel_zh}", detail_en=f"{per_en}, {rel_en}",
                    suspect_zh=s_zh, suspect_en=s_en, unit_zh=unit_zh, unit_en=unit_en,
                    fix_zh=f"应为 {fixed} {unit_zh}", fix_en=f"{fixed} {unit_en}")
            elif above and not outside:
                self.add("W501", table, pos, col, _fmt(v), rule=f"{table}.{col}.per_pupil<={OUTLIER_RATIO:g}x median",
                         indicator_zh=f"生均{f.zh}", indicator_en=f"{f.en} per pupil",
                         expected=_fmt(m), ratio=f"{ratio:.1f}", amount_zh=f"{_fmt(v)} {unit_zh}".strip(),
                         amount_en=f"{_fmt(v)} {unit_en}".strip(), median_zh=f"{_fmt(m)} {unit_zh}".strip(),
                         median_en=f"{_fmt(m)} {unit_en}".strip(), column_unit_zh=unit_zh or "—",
                         column_unit_en=unit_en or "—")
            else:
                self.add("W111", table, pos, col, _fmt(raw_value), rule=f"{table}.{col}.per_pupil",
                         detail_zh=f"{per}，{rel_zh}", detail_en=f"{per_en}, {rel_en}",
                         unit_zh=unit_zh, unit_en=unit_en)

    @staticmethod
    def _unit_slip(v: float, median: float, low: float, high: float,
                   slips: tuple[tuple[float, str, str], ...]) -> tuple[float, str, str] | None:
        """The unit slip that brings a per-pupil value into range and nearest the median."""
        best: tuple[float, str, str] | None = None
        distance = math.inf
        for slip in slips:
            fixed = v * slip[0]
            if not (low <= fixed <= high):
                continue
            if median and median > 0 and v > 0 and low <= median <= high:
                gap = abs(math.log(fixed / median))
                if gap > math.log(OUTLIER_RATIO) or gap >= abs(math.log(v / median)):
                    continue
            else:
                gap = 0.0
            if gap < distance:
                best, distance = slip, gap
        return best

    def _finance(self) -> None:
        fin = self.t("school_finance")
        if fin.empty:
            return
        over = fin["teacher_training_spend_yuan"] > fin["public_funds_budget_yuan"]
        for pos in over[over.fillna(False)].index:
            self.add("W506", "school_finance", int(pos), "teacher_training_spend_yuan",
                     display(fin.at[pos, "teacher_training_spend_yuan"]),
                     rule="school_finance.training<=budget",
                     expected=display(fin.at[pos, "public_funds_budget_yuan"]),
                     cause=self.slips.get(("school_finance", int(pos), "public_funds_budget_yuan")))

    def _rates(self) -> None:
        rates = self.t("district_rates")
        if rates.empty:
            return
        rate_field = TABLES_BY_KEY["district_rates"].field("rate_key")
        # each row's cells read before the row's value is written back (and never read again)
        keys, nums, dens, values = (_cells(rates[c]) for c in ("rate_key", "numerator", "denominator", "value"))
        for pos in rates.index:
            key = keys[pos]
            if key is None:
                continue
            num, den, value = nums[pos], dens[pos], values[pos]
            has_parts = pd.notna(num) and pd.notna(den)
            if pd.isna(value) and not has_parts:
                self.add("E412", "district_rates", int(pos), "value", rate_field.label(key),
                         rule="district_rates.value|parts", rate_en=rate_field.label(key, "en"))
                continue
            scale, low, high = RATE_SCALES.get(key, ("percent", 0, 100))
            typed = int(pos) in self.percent_sign and pd.notna(value)
            if typed and scale == "ratio":
                # typed with its % sign: that fraction where one is expected (the percentage elsewhere)
                value = round(float(value) / 100, 12)
                rates.at[pos, "value"] = value
            if not typed and pd.notna(value) and scale == "percent" and 0 < value <= 1:
                # Excel keeps 96.2% as 0.962: converted when the cell shows a percentage
                percent = _fmt(round(100 * float(value), 6))
                ctx: dict[str, Any] = {"rate_zh": rate_field.label(key), "rate_en": rate_field.label(key, "en"),
                                       "percent": percent}
                if (int(pos), "value") in self.percent.get("district_rates", set()):
                    stored = display(value)
                    value = round(100 * float(value), 9)
                    rates.at[pos, "value"] = value
                    self.add("W114", "district_rates", int(pos), "value", stored,
                             rule="district_rates.value.percent_cell", **ctx)
                else:
                    self.add("E126", "district_rates", int(pos), "value", display(value),
                             rule=f"district_rates.{key}.percent", **ctx)
                    continue
            if not typed and pd.notna(value) and scale == "ratio" and high < value <= 100:
                self.add("E127", "district_rates", int(pos), "value", display(value),
                         rule=f"district_rates.{key}.ratio", rate_zh=rate_field.label(key),
                         rate_en=rate_field.label(key, "en"), fraction=_fmt(float(value) / 100))
                continue
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
                             expected=f"{100 * num / den:.2f}", rate_zh=rate_field.label(key),
                             rate_en=rate_field.label(key, "en"))

    def _district_evidence(self) -> None:
        """W507: a district of the 区县 table without a 佐证材料 row for an item the assessment
        needs of the district as a whole (``evidence_rows.DISTRICT_ITEMS``: the contract's
        evidence items less those attested per school, as validation knows no rule set) —
        one warning per district naming all it lacks, the sheet missing or empty included.
        Found a table at a time (a district-by-item grid), a step per district warned about."""
        districts = self.tables.get("districts")
        if districts is None or "districts" in self.unread or "evidence" in self.unread or districts.empty:
            return  # no districts, or an evidence sheet that could not be read: that is the one problem
        if "evidence" in self.tables and not {"district_code", "item_key"} <= self.positions.get("evidence", {}).keys():
            return  # its district or item column is missing (E103, E121): its rows cannot be told apart
        codes = districts["district_code"]
        known = codes.notna().to_numpy()
        if not known.any():
            return
        order = pd.Index(pd.unique(codes[known].to_numpy(dtype=object)))
        items = pd.Index([c.code for c in DISTRICT_ITEMS])
        present = np.zeros((len(order), len(items)), dtype=bool)
        evidence = self.tables.get("evidence")
        if evidence is not None and not evidence.empty:
            i = items.get_indexer(evidence["item_key"].astype(object))
            mine = i >= 0  # (the rows of district items: the per-school ones are most of a nation's)
            d = order.get_indexer(evidence["district_code"][mine].astype(object))
            found = d >= 0
            present[d[found], i[mine][found]] = True
        lacking = np.flatnonzero(~present.all(axis=1))
        if not len(lacking):
            return
        names = _first_of(codes.to_numpy(dtype=object), districts["district_name"].to_numpy(dtype=object))
        # an item cell that was refused (a mistyped 评估项目) is the cause of its district's warning
        causes: dict[Any, Problem] = {}
        if evidence is not None:
            ev_codes = evidence["district_code"]
            for (table, pos, fkey), found_problem in sorted(self.bad.items(), key=lambda kv: kv[0][1]):
                if table == "evidence" and fkey == "item_key" and pd.notna(ev_codes.iat[pos]):
                    causes.setdefault(ev_codes.iat[pos], found_problem)
        # the sheet and its 评估项目 column as the file has them; when the file has no 佐证材料 at
        # all, the sheet and header the template gives them
        item = TABLES_BY_KEY["evidence"].field("item_key")
        at_sheet = self.loc("evidence", None, "item_key") if "evidence" in self.tables else \
            Location(sheet=TABLES_BY_KEY["evidence"].zh, column=item.zh)
        said: dict[bytes, dict[str, Any]] = {}  # the words for a set of items, made once (often all 15)
        for at in lacking:
            code = order[at]
            gap = ~present[at]
            words = said.get(gap.tobytes())
            if words is None:
                missing = [DISTRICT_ITEMS[j] for j in np.flatnonzero(gap)]
                veto = any(is_veto(c.code) for c in missing)
                one = len(missing) == 1
                words = said[gap.tobytes()] = dict(
                    count=len(missing), count_en="1 item" if one else f"{len(missing)} items",
                    items_zh=grouped(missing), items_en=grouped(missing, "en"),
                    veto_zh="一票否决事项须逐项认定；" if veto else "",
                    veto_en="Every veto needs a finding of its own. " if veto else "",
                    rows_zh="补一行" if one else "每项补一行",
                    rows_en="one row" if one else "one row per item",
                    pick_zh=f"选{in_quotes(missing[0].zh)}" if one else "依次选上述各项",
                    pick_en=quoted(missing[:1], "en") if one else "set to each item above in turn",
                    met_zh="（一票否决事项：经核查不存在该情形）" if veto else "",
                    met_en=" (for a veto: checked, the case does not arise)" if veto else "")
            name = names.get(code)
            self.add("W507", "evidence", None, "item_key", code, rule="evidence.item_key.per_district",
                     cause=causes.get(code), at=at_sheet,
                     district=code if name is None or pd.isna(name) else name, **words)

    def result(self) -> ValidationResult:
        order = {t.key: i for i, t in enumerate(TABLES)}
        sheet_rank = {t.key: i for i, t in enumerate(TABLES)} | {t.zh: i for i, t in enumerate(TABLES)}

        def sort_key(p: Problem) -> tuple[int, int, int, str]:
            rank = sheet_rank.get(p.location.sheet, len(order))
            return (0 if p.location.row is None else 1, rank, p.location.row or 0, p.code)

        # causes first: a consequence (self.after) is listed right under the problem it follows from
        listed = {id(p) for p in self.problems}
        under: dict[int, list[Problem]] = {}
        for p in self.problems:
            cause = self.after.get(id(p))
            if cause is not None and id(cause) in listed:
                under.setdefault(id(cause), []).append(p)
        placed = {id(p) for group in under.values() for p in group}
        ordered: list[Problem] = []

        def emit(p: Problem) -> None:
            ordered.append(p)
            for child in sorted(under.get(id(p), []), key=sort_key):
                emit(child)

        for p in sorted((p for p in self.problems if id(p) not in placed), key=sort_key):
            emit(p)
        self.problems = ordered
        return ValidationResult(self.tables, self.problems, self.rows, self.where)


def _grades(schools: pd.DataFrame) -> np.ndarray:
    """Each school's pupils per grade (a blank as 0), a column per grade of ``GRADES``: whole
    numbers, so their float sums and tests are exact."""
    return np.column_stack([schools[grade_column(g)].to_numpy(dtype="float64", na_value=0.0) for g in GRADES])


def _group_medians(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """``Series(values).groupby(groups).transform("median")`` for group numbers (-1: none, its
    rows NaN): each group's values sorted once, the median the middle one or the two middle
    ones' (a + b) / 2, as pandas takes it; NaN for a group with no value."""
    out = np.full(len(values), np.nan)
    kept = (groups >= 0) & ~np.isnan(values)
    if not kept.any():
        return out
    g, v = groups[kept], values[kept]
    order = np.lexsort((v, g))
    g, v = g[order], v[order]
    counts = np.bincount(g, minlength=int(groups.max()) + 1)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    has = counts > 0
    low, high = (starts + (counts - 1) // 2)[has], (starts + counts // 2)[has]
    medians = np.full(len(counts), np.nan)
    with np.errstate(over="ignore"):
        medians[has] = np.where(low == high, v[low], (v[low] + v[high]) / 2)
    valued = groups >= 0
    out[valued] = medians[groups[valued]]
    return out


def _plausible_candidates(per_pupil: pd.Series | np.ndarray, median: pd.Series | np.ndarray, col: str,
                          low: float, high: float, slips: tuple[tuple[float, str, str], ...]) -> list[int]:
    """The rows ``_Checker._plausible`` may warn about, found a column at a time: a positive,
    finite per-pupil value that has a district median and is far from it or outside
    ``low``–``high``. The same float64 arithmetic as the row's own test, which is made again."""
    v = np.asarray(per_pupil, dtype="float64")
    m = np.asarray(median, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        usable = (v > 0) & np.isfinite(v) & ~np.isnan(m)
        ratio = np.where(m > 0, v / np.where(m > 0, m, 1.0), 1.0)
        if col in NO_MEDIAN:
            ratio = np.ones_like(v)
        far = (ratio >= OUTLIER_RATIO) | (bool(slips) & (ratio <= 1 / OUTLIER_RATIO))
        outside = ~((low <= v) & (v <= high))
    return [int(i) for i in np.flatnonzero(usable & (far | outside))]


def _isin(column: pd.Series, values: Iterable[Any], seen: dict[int, list[str | None] | None] | None = None
          ) -> pd.Series:
    """``column.isin(values)``, for an Arrow string column without pandas' making an Arrow scalar
    of every value one by one (a province's thousands of school codes, for every reference).
    The same value set (text, and a missing value as a missing value) and the same test.
    ``seen``: the value sets already looked through (by ``id``, while they are alive), when
    one set is tested against many columns."""
    if not (isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"):
        return column.isin(values)
    if seen is not None and id(values) in seen:
        wanted = seen[id(values)]
    else:
        wanted = _text_values(values)
        if seen is not None:
            seen[id(values)] = wanted
    if wanted is None:
        return column.isin(list(values))  # any other kind of value: pandas' own way
    if not wanted:
        return pd.Series(np.zeros(len(column), dtype=bool), index=column.index, name=column.name)
    arrow = pa.array(column.array)
    found = pc.is_in(arrow, value_set=pa.array(wanted, type=arrow.type))
    return pd.Series(np.array(found, dtype=np.bool_), index=column.index, name=column.name)


def _text_values(values: Iterable[Any]) -> list[str | None] | None:
    """The values as text, a missing value as None; None when one is neither."""
    wanted: list[str | None] = []
    for v in values:
        if isinstance(v, str):
            wanted.append(str(v))
        elif v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            wanted.append(None)
        else:
            return None
    return wanted


def _repeated_keys(frame: pd.DataFrame, columns: Iterable[str]) -> pd.Series:
    """``frame[columns].astype(object).fillna("").duplicated(keep=False)``: rows whose key (a
    missing value counting as "") another row has too, found from each column's codes
    (``pd.factorize``, the same equality) without a Python object per cell."""
    columns = list(columns)
    if len(columns) == 1 and _arrow_text(frame[columns[0]]):
        return _repeated_text(frame[columns[0]])
    ids = np.zeros(len(frame), dtype=np.int64)
    for c in columns:
        codes, uniques = pd.factorize(frame[c], use_na_sentinel=True)
        codes = codes.astype(np.int64)
        missing = codes < 0
        if missing.any():  # "" as fillna("") makes it: the code of a "" written, else one of its own
            empty = [i for i, u in enumerate(uniques) if isinstance(u, str) and u == ""]
            codes[missing] = empty[0] if empty else len(uniques)
        ids = pd.factorize(ids * (len(uniques) + 1) + codes)[0].astype(np.int64)
    counts = np.bincount(ids, minlength=1)
    return pd.Series(counts[ids] > 1, index=frame.index)


def _arrow_text(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"


def _repeated_text(column: pd.Series) -> pd.Series:
    """``_repeated_keys`` of one column of Arrow strings: sorted, each value beside its equals
    (faster than hashing a column of mostly different values, a teacher number)."""
    arrow = pa.chunked_array(column.array._pa_array).combine_chunks()
    if arrow.null_count:
        arrow = pc.fill_null(arrow, "")
    order = pc.sort_indices(arrow)
    ranked = arrow.take(order)
    same = np.asarray(pc.equal(ranked.slice(1), ranked.slice(0, len(ranked) - 1)).to_numpy(zero_copy_only=False),
                      dtype=bool)
    repeated = np.zeros(len(ranked), dtype=bool)
    repeated[1:] |= same
    repeated[:-1] |= same
    out = np.zeros(len(ranked), dtype=bool)
    out[order.to_numpy()] = repeated
    return pd.Series(out, index=column.index)


def _cells(column: pd.Series) -> Sequence[Any]:
    """``column.at[i]`` of every row of a frame numbered 0..n-1, read at once (the same values,
    of the same types: a frame lookup per problem is slow)."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biufO":
        return list(column.to_numpy())
    if _arrow_text(column):
        return list(column.to_numpy(dtype=object))
    return [column.at[i] for i in column.index]


def _first_of(keys: Sequence[Any], values: Sequence[Any]) -> dict[Any, Any]:
    """Each key's value at its first row (``Series(values, index=keys).get(key)``, the first of
    several); a missing key is left out, as no code looked up is missing."""
    out: dict[Any, Any] = {}
    for k, v in zip(keys, values, strict=True):
        if k is None or (isinstance(k, float) and k != k):
            continue
        out.setdefault(k, v)
    return out


def _pairs_in(a_values: np.ndarray, a_codes: np.ndarray, b: pd.Series, allowed: set[tuple[Any, Any]]) -> np.ndarray:
    """Whether each row's (a, b) is one of ``allowed``, tested once per distinct pair; a row's a
    is ``a_values[a_codes[row]]``."""
    ca, ua = pd.factorize(pd.Series(a_values, dtype=object), use_na_sentinel=False)
    cb, ub = pd.factorize(b.astype(object), use_na_sentinel=False)
    va, vb = np.asarray(ua, dtype=object).tolist(), np.asarray(ub, dtype=object).tolist()
    ca = ca.astype(np.int64).take(a_codes)
    if len(va) * len(vb) > max(len(b), 1):  # (never with a few types and sections)
        return np.array([(va[x], vb[y]) in allowed for x, y in zip(ca, cb, strict=True)], dtype=bool)
    ok = np.array([(x, y) in allowed for x in va for y in vb], dtype=bool)
    return ok[ca * len(vb) + cb] if len(ok) else np.zeros(len(b), dtype=bool)


def _near_code(a: str, b: str) -> bool:
    """Two codes one or two keystrokes apart (a digit wrong, two swapped, one left out)."""
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 2
    if abs(len(a) - len(b)) == 1:
        short, long_ = sorted((a, b), key=len)
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    return False
