"""Turn one raw column into typed values, with a catalogued problem for every bad cell.

Each converter returns the typed column (bad cells become missing, so later cross-table
checks do not cascade from one typo) and a list of ``CellIssue`` (position, code, context).
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from youjun.core.cells import restore_cell_text
from youjun.core.personal import (
    DIGIT_CLASS,
    LANDLINE_DIGITS,
    MOBILE_DIGITS,
    digits_are_personal,
    has_personal,
    mask_personal_text,
)
from youjun.core.schema import Field, FieldType

EXCEL_EPOCH = date(1899, 12, 30)
DATE_MIN, DATE_MAX = date(1949, 1, 1), date(2100, 12, 31)
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# Fields the contract wants as a masked identifier: an ID or phone number there is refused
# (E209). In every other text field it is masked in the stored table and warned about (W211),
# so pages, the API and reports only ever see the masked text.
MASKED_ID_FIELDS = frozenset({"teacher_id"})
SCHOOL_YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")
# Text Excel turns into a date as it is typed ("1-2", "3/4"): in these fields a date, a date
# serial or a date's display text is a class or room name that was converted, and is read back.
DATE_PRONE_TEXT = frozenset({"class_name", "room_no"})
SERIAL_MIN, SERIAL_MAX = 36_526, 54_789  # 2000-01-01 .. 2049-12-31 as Excel date serials
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DATE_TEXT = (
    re.compile(r"^(?:\d{4}[-/.])?(?P<m>\d{1,2})月(?P<d>\d{1,2})日$"),
    re.compile(r"^(?P<d>\d{1,2})-(?P<mon>[A-Za-z]{3})(?:-\d{2,4})?$"),
    re.compile(r"^\d{4}-(?P<m>\d{2})-(?P<d>\d{2})(?: 00:00:00)?$"),
)


@dataclass(frozen=True)
class CellIssue:
    position: int
    code: str
    value: str
    context: tuple[tuple[str, Any], ...] = ()


def display(value: object) -> str:
    """How a cell's value is shown back to the person who typed it."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # float(): a numpy float's repr is "np.float64(0.962)", never what a person typed
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(float(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _to_text(value: object, form: str = "NFKC") -> str | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(float(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    # a ' the platform put before formula-like text in a CSV it wrote is taken off again
    text = restore_cell_text(unicodedata.normalize(form, str(value)).strip())  # type: ignore[arg-type]
    return text or None


def as_text(raw: pd.Series, form: str = "NFKC") -> pd.Series:
    """Cells as text. ``NFKC`` folds full-width digits and letters (codes, numbers, choices typed
    with a Chinese input method); ``NFC`` keeps what was written (a legal name's "（新校区）").

    A column of text (a Parquet string column, a CSV) is converted once per distinct value, and
    printable ASCII with no blank at either end (most codes) is kept as it is without a call per
    value; anything else goes cell by cell (``_reference_as_text``), with the same result."""
    if not _text_column(raw):
        return _reference_as_text(raw, form)
    values = raw.to_numpy(dtype=object)
    out = np.full(len(values), None, dtype=object)
    plain = _plain_ascii(raw)
    out[plain] = values[plain]
    cache: dict[str, str | None] = {}
    for i in np.flatnonzero(~plain & raw.notna().to_numpy()):
        value = values[i]
        hit = cache.get(value, _UNSEEN)
        if hit is _UNSEEN:
            hit = cache[value] = _to_text(value, form)
        out[i] = hit
    return pd.Series(out, index=raw.index, dtype=object)


_UNSEEN = object()


# Printable ASCII, no blank at either end, not starting with the ' a CSV the platform wrote puts
# before formula-like text: NFKC, strip and restore_cell_text leave such a cell as it is.
_PLAIN_ASCII = r"[!-&(-~](?:[ -~]*[!-~])?"


def _plain_ascii(values: pd.Series) -> np.ndarray:
    """Which cells of a text column (str or missing) are their own text (False where missing)."""
    if values.empty:
        return np.zeros(0, dtype=bool)
    strings = pa.array(values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    return np.asarray(pc.fill_null(pc.match_substring_regex(strings, f"^(?:{_PLAIN_ASCII})$"), False)
                      .to_numpy(zero_copy_only=False), dtype=bool)


def _text_column(raw: pd.Series) -> bool:
    """Whether every cell is text or missing, missing as None, NaN or NA (not NaT, whose text is
    "NaT"), so that cells equal as Python values are equal as text."""
    if len(raw) < _CONDENSE_MIN:
        return False
    if isinstance(raw.dtype, pd.StringDtype):
        return True
    if raw.dtype.kind != "O" or pd.api.types.infer_dtype(raw, skipna=True) not in ("string", "empty"):
        return False
    missing = raw.isna().to_numpy()
    return not missing.any() or {type(v) for v in raw.to_numpy()[missing]} <= {type(None), float, type(pd.NA)}


def _condense(raw: pd.Series) -> tuple[np.ndarray, pd.Series, int] | None:
    """(the distinct value of each cell, the distinct values, the position of the first missing
    cell or -1) for a column whose cells convert by their value alone: text, or a nullable
    integer, yes/no or float column. None where equal values may differ in what they convert to
    (1, 1.0 and True in one object column; a missing date) or when there is nothing to gain."""
    if len(raw) < _CONDENSE_MIN:
        return None
    dtype = raw.dtype
    if not (_text_column(raw) or isinstance(dtype, pd.Int64Dtype | pd.BooleanDtype) or dtype == np.float64):
        return None
    if len(raw) > 4 * _SAMPLE and raw.iloc[:_SAMPLE].nunique() > _SAMPLE // 2:
        return None  # mostly distinct values (an ID column): nothing to gain
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    missing = np.flatnonzero(codes < 0)
    return codes, pd.Series(uniques, dtype=uniques.dtype), int(missing[0]) if len(missing) else -1


_CONDENSE_MIN = 64  # shorter columns go cell by cell: nothing to gain
_SAMPLE = 2_000


def _reference_as_text(raw: pd.Series, form: str = "NFKC") -> pd.Series:
    """``as_text`` cell by cell (the reference the column path is tested against)."""
    cache: dict[Any, str | None] = {}
    out: list[str | None] = []
    for v in raw.tolist():
        try:
            hit = cache[v]
        except (KeyError, TypeError):
            hit = _to_text(v, form)
            with contextlib.suppress(TypeError):
                cache[v] = hit
        out.append(hit)
    return pd.Series(out, index=raw.index, dtype=object)


# Units a person types in a bigger or smaller unit (万平方米, 元 for 万元): a value out of range
# there is first a question of the unit; elsewhere (pupils, rooms, years) of the figure itself.
SLIPPED_UNITS = frozenset({"平方米", "万元", "元"})


def _field_context(f: Field) -> tuple[tuple[str, Any], ...]:
    allowed_zh = "、".join(c.zh for c in f.choices)
    allowed_en = ", ".join(c.en for c in f.choices)  # words, as the drop-down offers them
    range_zh = f"{_num(f.minimum)}–{_num(f.maximum)}" + (f" {f.unit_zh}" if f.unit_zh else "")
    range_en = f"{_num(f.minimum)}–{_num(f.maximum)}" + (f" {f.unit_en}" if f.unit_en else "")
    ctx = {
        "column_zh": f.zh, "column_en": f.en, "unit_zh": f.unit_zh, "unit_en": f.unit_en,
        "minimum": _num(f.minimum), "maximum": _num(f.maximum), "range_zh": range_zh, "range_en": range_en,
        "allowed_zh": allowed_zh, "allowed_en": allowed_en,
        "pattern_zh": f.pattern_hint_zh, "pattern_en": f.pattern_hint_en,
        **_number_hints(f), **_pattern_hints(f), **_spellings(f),
    }
    return tuple(sorted(ctx.items()))


def _number_hints(f: Field) -> dict[str, str]:
    """What to do with a number that is not one (E202) or out of range (E204), said once and
    fitting the column: the unit where the column has one, the unit first where people slip."""
    return {
        "unit_note_zh": f"；本列单位为{f.unit_zh}，不必写出" if f.unit_zh else "",
        "unit_note_en": f"; the column is in {f.unit_en}, so leave the unit out" if f.unit_en else "",
        "check_zh": "数值与单位" if f.unit_zh in SLIPPED_UNITS else "该数值是否填错",
        "check_en": "the value and its unit" if f.unit_zh in SLIPPED_UNITS else "the figure",
    }


def _pattern_hints(f: Field) -> dict[str, str]:
    """E206's hint: Excel's long-number habits only for codes made of digits."""
    digits = bool(f.pattern and f.pattern.startswith(r"^\d"))
    return {"long_number_zh": "；长数字请把单元格设为文本，避免 Excel 转成科学计数法或去掉前导零" if digits else "",
            "long_number_en": "; format long codes as text so Excel keeps every digit" if digits else ""}


def _spellings(f: Field) -> dict[str, str]:
    """The other spellings a yes/no column accepts (E208): √/×, Y/N, 1/0, 对/不是."""
    if f.type is not FieldType.BOOLEAN:
        return {}
    yes, no = (c.aliases for c in sorted(f.choices, key=lambda c: c.code != "true"))
    pairs = [(a.upper() if a.isalpha() and len(a) == 1 else a, b.upper() if b.isalpha() and len(b) == 1 else b)
             for a, b in zip(yes, no, strict=False) if (a, b) != ("t", "f")]
    pairs.sort(key=lambda p: p[0].isalnum())  # √/× first, as people tick
    zh = [f"{a}/{b}" for a, b in pairs if (a, b) != ("true", "false")]
    en = [f"{a}/{b}" for a, b in pairs if a.isascii() or not a.isalnum()]
    return {"spellings_zh": "、".join(zh), "spellings_en": ", ".join(en)}


def _num(x: float | None) -> str:
    """A limit read back to a person: 2,000,000, not 2000000."""
    if x is None:
        return ""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


# A grade as people say it: 七年级 / 7年级 / 初一 / 高一 / 初中一年级 (issue 11 §4.5).
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "十一": 11, "十二": 12}
_GRADE_WORDS = re.compile(
    r"^(?P<stage>小学|初中|高中|初|高)?(?P<n>\d{1,2}|十[一二]?|[一二三四五六七八九])(?P<suffix>年级)?$")
_STAGE_FIRST = {"小学": 1, "初中": 7, "初": 7, "高中": 10, "高": 10}
_STAGE_YEARS = {"小学": 6, "初中": 3, "初": 3, "高中": 3, "高": 3}


def grade_from_words(text: str | None) -> str | None:
    """"七年级" -> "7", "初一" -> "7", "高一" -> "10"; anything else as it was (a wrong grade is
    still reported as one). 初/高 alone need no 年级 (初一); a bare figure needs none either."""
    if text is None:
        return None
    m = _GRADE_WORDS.match(text.replace(" ", ""))
    if not m:
        return text
    stage, n, suffix = m.group("stage"), m.group("n"), m.group("suffix")
    number = int(n) if n.isdigit() else _ZH_DIGITS[n]
    if stage is None:
        return str(number) if suffix or n.isdigit() else text
    if stage in ("初", "高") and suffix:
        return text  # "初一年级" is not said; leave it to be reported
    if stage in ("小学", "初中", "高中") and not suffix:
        return text
    if not 1 <= number <= _STAGE_YEARS[stage]:
        return text
    return str(_STAGE_FIRST[stage] + number - 1)


def coerce(raw: pd.Series, f: Field) -> tuple[pd.Series, list[CellIssue]]:
    """Convert a raw column to the field's type; report each bad cell.

    Column at a time: a number column Parquet already types is converted as a whole; any other
    column whose cells convert by their value alone is converted once per distinct value and
    the values and problems are given back to every cell holding it (a province's quarter of a
    million teachers name a few thousand schools and a dozen subjects). The result, problems
    and their positions are those of converting cell by cell (``_reference_coerce``)."""
    numeric_raw = pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype)
    if f.type in (FieldType.INTEGER, FieldType.NUMBER) and numeric_raw:
        return _coerce_cells(raw, f, fast=True)
    by_value = _coerce_by_value(raw, f)
    if by_value is not None:
        return by_value
    condensed = _condense(raw)
    if condensed is None:
        return _coerce_cells(raw, f, fast=True)
    codes, uniques, first_missing = condensed
    if 2 * len(uniques) > len(raw):
        return _coerce_cells(raw, f, fast=True)  # mostly distinct (an ID column): nothing to gain
    distinct = uniques if first_missing < 0 else pd.concat([uniques, raw.iloc[[first_missing]]], ignore_index=True)
    which = codes.copy()
    which[codes < 0] = len(uniques)
    typed_distinct, found = _coerce_cells(distinct.reset_index(drop=True), f, fast=True)
    typed = typed_distinct.iloc[which].set_axis(raw.index)
    if not found:
        return typed, []
    order = np.argsort(which, kind="stable")
    starts = np.searchsorted(which[order], np.arange(len(distinct)), side="left")
    ends = np.searchsorted(which[order], np.arange(len(distinct)), side="right")
    rank: dict[str, int] = {}
    spread: list[tuple[int, int, CellIssue]] = []
    for issue in found:
        r = rank.setdefault(issue.code, len(rank))
        for pos in order[starts[issue.position]:ends[issue.position]]:
            spread.append((r, int(pos), replace(issue, position=int(pos))))
    spread.sort(key=lambda t: (t[0], t[1]))
    return typed, [issue for _, _, issue in spread]


# Distinct values converted one by one at most (more: the column path's regular expressions
# over the column are faster), and in a sample of ``_SAMPLE`` cells of a long column (more:
# hashing the whole column to count them costs more than it saves)
_BY_VALUE_MAX = 256
_BY_VALUE_SAMPLE_MAX = 64
_PLAIN_RE = re.compile(_PLAIN_ASCII)


def _distinct_cells(raw: pd.Series) -> tuple[np.ndarray, list[Any]] | None:
    """(each cell's distinct value, -1 where missing; the distinct values as Python objects) of
    an Arrow string or nullable yes/no column with few distinct values, else None."""
    if isinstance(raw.dtype, pd.StringDtype) and raw.dtype.storage == "pyarrow":
        arrow = pa.chunked_array(raw.array._pa_array)
        if len(arrow) > 4 * _SAMPLE:  # runs of cells from all over the column (it may be sorted by district)
            step = len(arrow) // 32
            sample = pa.chunked_array([arrow.slice(i * step, _SAMPLE // 32) for i in range(32)], type=arrow.type)
            if len(pc.unique(sample)) > _BY_VALUE_SAMPLE_MAX:
                return None
        encoded = arrow.combine_chunks().dictionary_encode()
        if len(encoded.dictionary) > _BY_VALUE_MAX:
            return None
        values: list[Any] = encoded.dictionary.to_pylist()
        return np.asarray(pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False), dtype=np.int64), values
    if isinstance(raw.dtype, pd.BooleanDtype):
        which = raw.to_numpy(dtype=bool, na_value=False).astype(np.int64)  # False 0, True 1
        which[raw.isna().to_numpy()] = -1
        return which, [False, True]
    return None


def _coerce_by_value(raw: pd.Series, f: Field) -> tuple[pd.Series, list[CellIssue]] | None:
    """``coerce`` of a text, choice or yes/no column of few distinct values (a Parquet string or
    boolean column): each distinct value converted once, in Python, as the reference converts a
    cell, and given back to its cells; the same typed column (and dtype) and problems in the
    same order as the column path, without its fixed cost of a dozen pandas and Arrow
    operations per column (most of a one-district validation's columns). None for any other."""
    if f.type not in (FieldType.CODE, FieldType.BOOLEAN, FieldType.STRING) or f.key == "school_year":
        return None  # (a school year's dtype is what ``Series.map`` infers: left to the column path)
    distinct = _distinct_cells(raw)
    if distinct is None:
        return None
    which, values = distinct
    n = len(values)
    which = np.where(which < 0, n, which)  # a missing cell as one more value, n
    # per distinct value: the typed value, its problem (at most one besides E201) and the shown value
    typed_of: list[Any] = [None] * (n + 1)
    code_of: list[str] = [""] * (n + 1)
    shown_of: dict[int, str] = {}  # a value shown in its problem, where it is not the cell's own
    extra: dict[int, tuple[tuple[str, Any], ...]] = {}  # a W116's context
    missing_of = np.zeros(n + 1, dtype=bool)
    missing_of[n] = True
    plain = False
    order: tuple[str, ...]  # the problems in the order the column path flags them (E201 last)
    if f.type is FieldType.STRING and f.pattern:
        # ``_coerce_cells``' coded-text path: the column is its own text when every present
        # cell is plain ASCII (``_plain_arrow_text``), and then keeps its Arrow dtype
        plain = n > 0 and isinstance(raw.dtype, pd.StringDtype) and all(_PLAIN_RE.fullmatch(v) for v in values)
        compiled = re.compile(f.pattern)
        personal_code = "E209" if f.key in MASKED_ID_FIELDS else "W211"
        order = ("E206", personal_code)
        for i, v in enumerate(values):
            text = v if plain else _to_text(v)
            if text is None:
                missing_of[i] = True
                continue
            text = typed_of[i] = text if plain else _code_as_typed(text)  # the text, before its checks
            if compiled.match(text) is None:
                code_of[i] = "E206"
            elif has_personal(text):
                shown_of[i], code_of[i] = mask_personal_text(text), personal_code
    elif f.type is FieldType.STRING:
        # free text: kept as written (NFC), a date Excel made of a class name read back, personal
        # data masked; empty by its NFKC text
        personal_code = "E209" if f.key in MASKED_ID_FIELDS else "W211"
        order = ("W116", personal_code)
        prone = f.key in DATE_PRONE_TEXT
        for i, v in enumerate(values):
            missing_of[i] = _to_text(v) is None
            text = _to_text(v, "NFC")
            recovered = _typed_before_date(v, prone)
            if recovered is not None:
                stored, text, as_date = recovered
                shown_of[i], code_of[i] = stored, "W116"
                extra[i] = (("recovered", text), ("as_date_zh", f"（即 {as_date}）" if as_date else ""),
                            ("as_date_en", f" ({as_date})" if as_date else ""))
            elif text is not None and has_personal(text):
                shown_of[i], code_of[i] = mask_personal_text(text), personal_code
                text = None if personal_code == "E209" else shown_of[i]
            typed_of[i] = text
    else:
        lookup = f.choice_lookup()
        order = ("E208" if f.type is FieldType.BOOLEAN else "E205",)
        as_bool = {"true": True, "false": False}
        for i, v in enumerate(values):
            text = _to_text(v)
            if text is None:
                missing_of[i] = True
                continue
            code = lookup.get(text.casefold())
            if code is None:
                code_of[i] = order[0]
            typed_of[i] = as_bool.get(code) if f.type is FieldType.BOOLEAN and code is not None else code
    ctx = _field_context(f)
    code_array = np.array(code_of, dtype=object)
    issues: list[CellIssue] = []

    def shown(i: int) -> str:
        # as ``flag`` shows a cell: never with an unmasked ID or phone number in it
        if i not in shown_of:
            shown_of[i] = mask_personal_text(display(values[i])) if i < n else ""
        return shown_of[i]

    for code in order:
        hit = code_array == code  # (tested on the distinct values: most columns have no problem)
        for pos in np.flatnonzero(hit[which]) if hit.any() else ():
            i = int(which[pos])
            issues.append(CellIssue(int(pos), code, shown(i), (*ctx, *extra[i]) if code == "W116" else ctx))
    if f.required and not f.blank_means_zero:
        for pos in np.flatnonzero(missing_of[which]):
            i = int(which[pos])
            issues.append(CellIssue(int(pos), "E201", mask_personal_text(display(values[i])) if i < n else "", ctx))
    if f.type is FieldType.BOOLEAN:
        known = np.array([v is not None for v in typed_of], dtype=bool)[which]
        true = np.array([v is True for v in typed_of], dtype=bool)[which]
        return pd.Series(pd.arrays.BooleanArray(true, ~known), index=raw.index), issues
    typed_values = np.empty(n + 1, dtype=object)
    typed_values[:] = typed_of
    cells = typed_values[which]
    if f.type is FieldType.CODE or not f.pattern:
        return pd.Series(cells, index=raw.index, dtype=object, copy=False), issues
    # coded text, made as ``_plain_code_column`` (the column itself) or the text path (the
    # texts, their dtype inferred as ``_codes_as_typed`` infers it) make it
    bad = (code_array == "E206")[which]
    if plain:
        typed = raw.copy().rename(None)
        if bad.any():
            typed = typed.where(pd.Series(~bad, index=raw.index), None)
    else:
        typed = pd.Series(cells, index=raw.index).where(pd.Series(~bad, index=raw.index), None)
    for issue in issues:
        if issue.code == personal_code:
            typed.iloc[issue.position] = None if personal_code == "E209" else issue.value
    return typed, issues


def _reference_coerce(raw: pd.Series, f: Field) -> tuple[pd.Series, list[CellIssue]]:
    """``coerce`` cell by cell, as it was before the column path (the tests' reference)."""
    return _coerce_cells(raw, f, fast=False)


def _coerce_cells(raw: pd.Series, f: Field, fast: bool) -> tuple[pd.Series, list[CellIssue]]:
    numeric_raw = pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype)
    coded_text = f.type not in _NOT_TEXT and bool(f.pattern) and f.key != "school_year"
    plain = _plain_arrow_text(raw) if fast and coded_text else None
    if fast and f.type in (FieldType.INTEGER, FieldType.NUMBER) and numeric_raw:
        # typed by the file: no text is needed (nor grade words looked for in it), only which
        # cells are empty (as_text's None)
        text = raw  # (not read as text: the numbers are the file's own)
        missing = raw.isna().to_numpy()
    else:
        # a plain text column is its own text (``_plain_arrow_text``), missing where the cell is
        text = raw if plain is not None else as_text(raw) if fast else _reference_as_text(raw)
        if f.key == "grade":
            text = text.map(grade_from_words, na_action="ignore")
        missing = text.isna()
    issues: list[CellIssue] = []
    ctx = _field_context(f)

    def flag(mask: pd.Series | np.ndarray, code: str) -> None:
        if not mask.any():  # (most columns have no bad cell: no selection to make)
            return
        # a numpy mask is by position; a Series' labels are positions (its index is 0..n-1)
        for pos in (np.flatnonzero(mask) if isinstance(mask, np.ndarray) else mask[mask].index):
            # a bad cell is shown back, but never with an unmasked ID or phone number in it
            issues.append(CellIssue(int(pos), code, mask_personal_text(display(raw.iloc[pos])), ctx))

    if fast and f.type in (FieldType.INTEGER, FieldType.NUMBER) and numeric_raw:
        typed: pd.Series = _file_numbers(raw, f, missing, flag)
    elif f.type in (FieldType.INTEGER, FieldType.NUMBER):
        if numeric_raw:
            numbers = pd.to_numeric(raw, errors="coerce").astype("float64")
        else:
            numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
            numbers = numbers.astype("float64")
        not_number = ~missing & numbers.isna()
        flag(not_number, "E202")
        numbers = numbers.where(~not_number)
        infinite = numbers.abs() == math.inf
        flag(infinite, "E202")
        numbers = numbers.where(~infinite)
        if f.type is FieldType.INTEGER:
            fractional = numbers.notna() & (numbers != numbers.round())
            flag(fractional, "E203")
            numbers = numbers.where(~fractional)
        low = numbers < f.minimum if f.minimum is not None else pd.Series(False, index=raw.index)
        high = numbers > f.maximum if f.maximum is not None else pd.Series(False, index=raw.index)
        flag(low | high, "E204")
        numbers = numbers.where(~(low | high))
        if f.blank_means_zero:
            numbers = numbers.where(~missing, 0.0)
        typed = numbers.astype("Int64") if f.type is FieldType.INTEGER else numbers
    elif f.type in (FieldType.CODE, FieldType.BOOLEAN):
        lookup = f.choice_lookup()
        folded = text.str.casefold()
        codes = folded.map(lookup)
        unknown = ~missing & codes.isna()
        flag(unknown, "E208" if f.type is FieldType.BOOLEAN else "E205")
        if f.type is FieldType.BOOLEAN:
            typed = codes.map({"true": True, "false": False}).astype("boolean")
        else:
            typed = codes.astype(object).where(codes.notna(), None)
    elif f.type is FieldType.DATE:
        parsed = [_parse_date(v, t) for v, t in zip(raw.tolist(), text.tolist(), strict=True)]
        typed = pd.Series(parsed, index=raw.index, dtype=object)
        flag(~missing & typed.isna(), "E207")
    elif plain is not None:
        typed = _plain_code_column(raw, plain, f, ctx, flag, issues)
    else:
        # free text (names, towns, notes) is kept as written; only coded text is folded
        if f.pattern and fast and f.key != "school_year":
            text = _codes_as_typed(text)
        elif f.pattern:
            text = text.map(school_year_as_typed if f.key == "school_year" else _code_as_typed,
                            na_action="ignore")
        typed = text.copy() if f.pattern else (as_text(raw, "NFC") if fast else _reference_as_text(raw, "NFC"))
        if not f.pattern:
            for pos, value in enumerate(raw.tolist()):
                recovered = _typed_before_date(value, f.key in DATE_PRONE_TEXT)
                if recovered is not None:
                    shown, typed_text, as_date = recovered
                    issues.append(CellIssue(pos, "W116", shown, (*ctx, ("recovered", typed_text),
                                                                 ("as_date_zh", f"（即 {as_date}）" if as_date else ""),
                                                                 ("as_date_en", f" ({as_date})" if as_date else ""))))
                    typed.iloc[pos] = typed_text
        if f.pattern:
            matched = _match_pattern(text, f.pattern) if fast else text.fillna("").str.match(f.pattern)
            bad = ~missing & ~matched
            if f.key == "school_year":
                bad = bad | (~missing & ~text.fillna("").map(consecutive_years))
                flag(bad, "E210")
            else:
                flag(bad, "E206")
            typed = typed.where(~bad, None)
        if fast:
            personal = personal_mask(typed)
        else:
            personal = typed.notna() & typed.map(has_personal, na_action="ignore").eq(True)
        for pos in personal[personal].index:
            masked = mask_personal_text(str(typed.iloc[pos]))
            code = "E209" if f.key in MASKED_ID_FIELDS else "W211"
            issues.append(CellIssue(int(pos), code, masked, ctx))
            typed.iloc[pos] = None if code == "E209" else masked

    if f.required and not f.blank_means_zero:
        flag(missing, "E201")
    return typed, issues


def _file_numbers(raw: pd.Series, f: Field, missing: np.ndarray,
                  flag: Callable[[np.ndarray, str], None]) -> pd.Series:
    """A number column the file typed (Parquet's float64 or nullable Int64) checked on its numpy
    values: the checks, problems and values of ``_coerce_cells``' number branch (a typed cell is
    always a number, so only the infinite, fractional and out-of-range are flagged), without a
    pandas operation per check (a one-district run has ~50 such columns)."""
    numbers = raw.to_numpy(dtype="float64", na_value=np.nan)
    index = raw.index
    bad = np.zeros(len(numbers), dtype=bool)
    with np.errstate(invalid="ignore"):
        infinite = np.abs(numbers) == math.inf
        flag(infinite, "E202")
        bad |= infinite
        if f.type is FieldType.INTEGER:
            fractional = ~bad & ~np.isnan(numbers) & (numbers != np.round(numbers))
            flag(fractional, "E203")
            bad |= fractional
        kept = np.where(bad, np.nan, numbers)
        out_of_range = np.zeros(len(numbers), dtype=bool)
        if f.minimum is not None:
            out_of_range |= kept < f.minimum
        if f.maximum is not None:
            out_of_range |= kept > f.maximum
    flag(out_of_range, "E204")
    kept = np.where(out_of_range, np.nan, kept)
    if f.blank_means_zero:
        kept = np.where(missing, 0.0, kept)
    if f.type is FieldType.INTEGER:
        empty = np.isnan(kept)
        if np.all(np.abs(kept[~empty]) < 2**53):  # whole and exact: ``astype("Int64")``'s values, half its cost
            whole = pd.arrays.IntegerArray(np.where(empty, 0.0, kept).astype(np.int64), empty)
            return pd.Series(whole, index=index, name=raw.name)
        return pd.Series(kept, index=index, dtype="float64", name=raw.name).astype("Int64")
    return pd.Series(kept, index=index, dtype="float64", name=raw.name)


def _plain_arrow_text(raw: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow strings of a text column (a Parquet string column) whose every present cell is
    its own text (printable ASCII, no blank at either end, no leading '), with a cell present;
    else None. Such a column is its own ``as_text`` and ``_codes_as_typed``."""
    if not (isinstance(raw.dtype, pd.StringDtype) and raw.dtype.storage == "pyarrow") or raw.isna().all():
        return None
    arrow = pa.chunked_array(raw.array._pa_array)
    plain = pc.match_substring_regex(arrow, f"^(?:{_PLAIN_ASCII})$")
    return arrow if pc.all(plain).as_py() is not False else None


def _plain_code_column(raw: pd.Series, arrow: pa.ChunkedArray, f: Field, ctx: tuple[tuple[str, Any], ...],
                       flag: Any, issues: list[CellIssue]) -> pd.Series:
    """``_coerce_cells``' coded-text path (pattern, personal data) for a column of plain text
    given as Arrow strings: the same typed column and problems, without a Python string per cell."""
    # the pattern's \d, \s and $ mean the same to RE2 on printable ASCII (``_match_pattern``)
    matched = pc.fill_null(pc.match_substring_regex(arrow, f"^(?:{f.pattern})"), True)
    bad = pd.Series(~np.asarray(matched.to_numpy(zero_copy_only=False), dtype=bool), index=raw.index)
    flag(bad, "E206")
    typed = raw.copy().rename(None)  # the column is its own text, as ``as_text`` would have made it
    if bad.any():
        typed = typed.where(~bad, None)
    personal = personal_mask(typed)
    for pos in personal[personal].index:
        masked = mask_personal_text(str(typed.iloc[pos]))
        code = "E209" if f.key in MASKED_ID_FIELDS else "W211"
        issues.append(CellIssue(int(pos), code, masked, ctx))
        typed.iloc[pos] = None if code == "E209" else masked
    return typed


# Field types whose cells are not kept as text (``_coerce_cells``' other branches)
_NOT_TEXT = frozenset({FieldType.INTEGER, FieldType.NUMBER, FieldType.CODE, FieldType.BOOLEAN, FieldType.DATE})
_YEAR_DASH = re.compile(r"^(\d{4})\s*(?:-|—|–|~|～|至|到|/)\s*(\d{4})(?:学年(?:度)?)?$")


def _code_as_typed(text: str) -> str:
    """A code without the ' (or ’, as a Chinese input method types it) Excel users put before a
    long number to keep it text: in a CSV the apostrophe is kept, but it is not part of the code."""
    return text[1:] if len(text) > 1 and text[0] in "'’" else text


def school_year_as_typed(text: str) -> str:
    """2025—2026, 2025–2026, 2025~2026, 2025至2026, 2025到2026, 2025/2026, "2025-2026学年":
    2025-2026 (text already NFKC-folded, so －/～ are -/~). Whether the two years are adjacent is
    checked after, on the folded text (``consecutive_years``). Also the CLI's ``--snapshot``."""
    m = _YEAR_DASH.match(text)
    return f"{m.group(1)}-{m.group(2)}" if m else text


def _typed_before_date(value: object, prone: bool) -> tuple[str, str, str] | None:
    """(the date as stored, the text the person typed, the date a serial stands for or "") for a
    text cell Excel made a date.

    "1-2" typed in a class name is stored as 2025-01-02 (or shown as 1月2日 / 2-Jan in a CSV
    Excel saved); what was typed is month-day, "1-2". None for a cell that is not such a date."""
    if not prone:
        return None  # a date in a note may be meant: kept as its ISO text, as before
    found: date | None = None
    if isinstance(value, datetime):
        found = value.date() if value.time() == datetime.min.time() else None
    elif isinstance(value, date):
        found = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and SERIAL_MIN <= value <= SERIAL_MAX:
            found = EXCEL_EPOCH + timedelta(days=int(value))
            return str(int(value)), f"{found.month}-{found.day}", found.isoformat()
        return None
    elif isinstance(value, str):
        if value.strip().isdigit() and SERIAL_MIN <= int(value.strip()) <= SERIAL_MAX:
            return _typed_before_date(int(value.strip()), prone)  # a serial a CSV export wrote as text
        for pattern in DATE_TEXT:
            m = pattern.match(value.strip())
            if m:
                parts = m.groupdict()
                if parts.get("mon"):
                    if parts["mon"].lower() not in _MONTHS:
                        return None
                    month = _MONTHS.index(parts["mon"].lower()) + 1
                else:
                    month = int(parts["m"])
                day = int(parts["d"])
                if 1 <= month <= 12 and 1 <= day <= 31:
                    return value.strip(), f"{month}-{day}", ""
                return None
        return None
    if found is None:
        return None
    return found.isoformat(), f"{found.month}-{found.day}", ""


def consecutive_years(text: str) -> bool:
    """"2025-2026": a school year of two adjacent years."""
    m = SCHOOL_YEAR_RE.match(text)
    return bool(m) and int(m.group(2)) == int(m.group(1)) + 1  # type: ignore[union-attr]


def _parse_date(value: object, text: str | None) -> date | None:
    if text is None:
        return None
    found: date | None = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 2_958_465:  # an Excel date serial
            found = EXCEL_EPOCH + timedelta(days=int(value))
    else:
        for pattern in DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                try:
                    found = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    return None
                break
    if found is None or not (DATE_MIN <= found <= DATE_MAX):
        return None
    return found


def personal_mask(text: pd.Series) -> pd.Series:
    """``has_personal`` of every cell of a text column (str or None), a column at a time: a cell
    of letters then one run of 11 or more digits (a teacher number) is decided on its digits by
    regular expressions over the column (an ID's length then by its birth date, one by one);
    of the other cells, those with fewer than 11 digits hold nothing, and only the rest are
    searched one by one (``find_personal``)."""
    out = np.zeros(len(text), dtype=bool)
    present = np.flatnonzero(text.notna().to_numpy())
    if len(present) == 0:
        return pd.Series(out, index=text.index)
    if isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow":
        # Arrow strings already: the present cells without a Python string each
        cells = pc.drop_null(pa.chunked_array(text.array._pa_array)).combine_chunks()
        values: Any = _LazyStrings(cells)
    else:
        values = text.to_numpy(dtype=object)[present]
        cells = pa.array(values, type=pa.string())
    # a cell of ASCII letters then ASCII digits only is decided by its digits' count (ONE_RUN is
    # 11 or more, an ID 15 or 18) and, for the lengths a phone number has, by the phone
    # patterns on those cells alone: the patterns' answers without three passes over the column
    digits = pc.ascii_ltrim(cells, characters=_ASCII_LETTERS)
    only = np.asarray(pc.ascii_is_decimal(digits).to_numpy(zero_copy_only=False), dtype=bool)
    length = np.asarray(pc.binary_length(digits).to_numpy(zero_copy_only=False))
    one_run = only & (length >= 11)  # _regex(cells, ONE_RUN)
    hit = np.zeros(len(cells), dtype=bool)
    phone_like = np.flatnonzero(one_run & np.isin(length, _PHONE_LENGTHS))
    if len(phone_like):
        hit[phone_like] = _regex(cells.take(pa.array(phone_like)), f"[A-Za-z]*(?:{MOBILE_DIGITS}|{LANDLINE_DIGITS})")
    for i in np.flatnonzero(only & ((length == 15) | (length == 18))):  # "[A-Za-z]*(?:[0-9]{15}|[0-9]{18})"
        hit[i] = digits_are_personal(values[i].lstrip(_ASCII_LETTERS))
    # the others with 11 digits or more; a cell of letters then digits alone has fewer
    rest = np.flatnonzero(~only)
    if len(rest):
        digits = pc.utf8_length(pc.replace_substring_regex(cells.take(pa.array(rest)), f"[^{DIGIT_CLASS[1:]}+", ""))
        for i in rest[np.asarray(digits.to_numpy(zero_copy_only=False)) >= 11]:
            hit[i] = has_personal(values[i])
    out[present] = hit
    return pd.Series(out, index=text.index)


class _LazyStrings:
    """``values[i]`` of an Arrow string array, made a Python string only when asked for."""

    def __init__(self, cells: pa.Array) -> None:
        self.cells = cells

    def __getitem__(self, i: int) -> str:
        return str(self.cells[int(i)].as_py())


_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# The digits a mobile number (11, or 13 and 15 with 86 and 0086 before it) or a landline (11
# or 12) has: MOBILE_DIGITS and LANDLINE_DIGITS match no other count of digits.
_PHONE_LENGTHS = np.array([11, 12, 13, 15])


def _regex(cells: pa.Array, pattern: str) -> np.ndarray:
    """Which cells (all text) match ``pattern`` as a whole (RE2; the patterns use ASCII classes only)."""
    found = pc.match_substring_regex(cells, f"^(?:{pattern})$")
    return np.array(found.to_numpy(zero_copy_only=False), dtype=bool)


def _codes_as_typed(text: pd.Series) -> pd.Series:
    """``text.map(_code_as_typed)``, looking one by one only at the cells that start with ' or ’."""
    values = text.to_numpy(dtype=object)
    strings = pa.array(values, type=pa.string(), from_pandas=True)
    quoted = pc.fill_null(pc.match_substring_regex(strings, "^['’]"), False)
    out = values.copy()
    for i in np.flatnonzero(quoted.to_numpy(zero_copy_only=False)):
        out[i] = _code_as_typed(out[i])
    return pd.Series(out, index=text.index)  # the dtype Series.map gives


def _match_pattern(text: pd.Series, pattern: str) -> pd.Series:
    """``text.fillna("").str.match(pattern)`` (Python's re): printable ASCII, where the patterns'
    \\d, \\s and $ mean the same to RE2, is matched over the column; other cells one by one."""
    values = text.fillna("").to_numpy(dtype=object)
    strings = pa.array(values, type=pa.string())
    printable = pc.match_substring_regex(strings, "^[ -~]*$").to_numpy(zero_copy_only=False)
    hit = np.array(pc.match_substring_regex(strings, f"^(?:{pattern})").to_numpy(zero_copy_only=False), dtype=bool)
    compiled = re.compile(pattern)
    for i in np.flatnonzero(~printable):
        hit[i] = compiled.match(values[i]) is not None
    return pd.Series(hit, index=text.index)
