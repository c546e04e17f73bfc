"""The column-at-a-time validation gives exactly what converting cell by cell gives.

``coerce`` converts a column once per distinct value (and a number column Parquet already types
as a whole), the personal-data scan decides most cells by regular expressions over the column,
and the per-pupil plausibility check looks only at the rows that can be off. Each is compared
here with its reference — the cell-by-cell code as it was (``_reference_coerce``,
``_reference_as_text``, ``has_personal`` on every cell, every row in ``_plausible``) — on every
broken and accepted fixture and on generated districts full of the edge cases: blanks, "—",
text in number columns, full-width digits, thousands separators, percent signs, IDs and phone
numbers, outliers and unit slips, every school type, as Parquet, CSV and canonical frames.
Equal means: the same problems (code, sheet, row, column, cell, value, rule, message
parameters) in the same order, and the same cleaned tables (dtypes and every value)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import youjun.ingest.coerce as coerce_mod
import youjun.ingest.validate as validate_mod
from youjun.core.personal import has_personal
from youjun.ingest.coerce import _reference_as_text, as_text, personal_mask
from youjun.ingest.validate import ValidationResult, validate_path, validate_tables
from youjun.ingest.writers import write_tables
from youjun.sample.district import generate_district

FIXTURES = Path(__file__).parent.parent / "fixtures"
INPUTS = sorted(p for d in ("broken", "accepted") for p in (FIXTURES / d).iterdir()
                if p.name not in ("expected.yaml", "README.md"))


def _cell(v: object) -> str:
    if v is None:
        return "None"
    if v is pd.NA:
        return "NA"
    if isinstance(v, float) and v != v:
        return "nan"
    return f"{type(v).__name__}:{v!r}"


def _shape(result: ValidationResult) -> dict[str, Any]:
    problems = [(p.code, p.location.to_dict(), p.value, p.rule, p.context) for p in result.problems]
    tables = {key: ([str(d) for d in frame.dtypes], list(frame.columns), list(frame.index),
                    [[_cell(v) for v in frame[c].tolist()] for c in frame.columns])
              for key, frame in sorted(result.tables.items())}
    return {"problems": problems, "tables": tables, "rows": result.rows}


def _every_row(per_pupil: pd.Series, *_: object) -> list[int]:
    return list(range(len(per_pupil)))


def _both(run: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], dict[str, Any]]:
    """(column path, reference) results of ``run()``. The column path is forced onto every
    column however short, so small fixtures exercise it too."""
    with monkeypatch.context() as m:
        m.setattr(coerce_mod, "_CONDENSE_MIN", 1)
        fast = _shape(run())
    with monkeypatch.context() as m:
        m.setattr(validate_mod, "coerce", coerce_mod._reference_coerce)
        m.setattr(validate_mod, "_plausible_candidates", _every_row)
        reference = _shape(run())
    return fast, reference


def _assert_same(fast: dict[str, Any], reference: dict[str, Any]) -> None:
    assert [p[0] for p in fast["problems"]] == [p[0] for p in reference["problems"]]
    assert fast["problems"] == reference["problems"]
    assert fast["tables"].keys() == reference["tables"].keys()
    for key in fast["tables"]:
        assert fast["tables"][key] == reference["tables"][key], key
    assert fast["rows"] == reference["rows"]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_fixture_problems_and_tables_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, reference = _both(lambda: validate_path(path), monkeypatch)
    _assert_same(fast, reference)


# -- generated districts full of edge cases ----------------------------------------------------

ODD_NUMBERS = ["", " ", "—", "-", "无", "１２", "1,234", "1，234", "12%", "96.2％", "3.5", "-4", "1e3", "inf",
               "nan", "NaN", "约12", "12人", "  7 ", "0", "00012", "１２.５", "1 234", "'12", "=1+2", "None"]
ODD_TEXT = ["", " ", "—", "13812345678", "+86 138 1234 5679", "110101199003071234", "11010119900307123X",
            "联系 023-12345678", "ＦＪ１１０１０１１９９００３０７１２３４", "(023)1234 5678", "T5001010000001",
            "1-2", "3/4", "45292", "1月2日", "2-Jan", "  红旗小学（新校区） ", "'=SUM(A1)", "ｂａｃｈｅｌｏｒ",
            "\u3000本科\u3000", "本科", "是", "√", "×", "Y", "0", "1", "true", "TRUE", "2025—2026", "2025-2027",
            "七年级", "初一", "高一", "十二", "5001180001", "５００１１８０００１", "'5001180001", "’5001180001"]


def _district(seed: int) -> dict[str, pd.DataFrame]:
    return generate_district("S", seed, scale=0.15)


def _spoil(tables: dict[str, pd.DataFrame], seed: int) -> dict[str, pd.DataFrame]:
    """Every table as text (as a CSV or a string Parquet column holds it), with odd cells
    sprinkled over every column and outliers and unit slips in the per-pupil columns."""
    rng = random.Random(seed)
    out: dict[str, pd.DataFrame] = {}
    for key, frame in tables.items():
        frame = frame.copy()
        for col in ("building_area_m2", "books", "equipment_value_10k_yuan", "public_funds_budget_yuan"):
            if col in frame and len(frame) > 3:
                values = frame[col].astype("float64")
                values.iloc[0] = values.iloc[0] * 10_000
                values.iloc[1] = values.iloc[1] * 30
                values.iloc[2] = values.iloc[2] / 1_000
                frame[col] = values
        text = pd.DataFrame({c: [None if pd.isna(v) else str(v) for v in frame[c].tolist()] for c in frame.columns},
                            index=frame.index, dtype=object)
        for col in text.columns:
            for _ in range(max(1, len(text) // 25)):
                pos = rng.randrange(len(text)) if len(text) else None
                if pos is None:
                    continue
                text.iat[pos, text.columns.get_loc(col)] = rng.choice(ODD_NUMBERS + ODD_TEXT + [None])
        out[key] = text
    return out


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_generated_district_agrees_in_every_form(seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean = _district(seed)
    spoiled = _spoil(clean, seed)
    # canonical typed frames (as the generator gives them) and the same as text
    _assert_same(*_both(lambda: validate_tables(clean), monkeypatch))
    _assert_same(*_both(lambda: validate_tables(spoiled), monkeypatch))
    # Parquet: typed columns, and string columns holding the odd cells
    write_tables(clean, tmp_path / "typed", "parquet")
    (tmp_path / "text").mkdir()
    for key, frame in spoiled.items():  # every column a Parquet string column
        pq.write_table(pa.Table.from_pandas(frame.astype("str"), preserve_index=False),
                       tmp_path / "text" / f"{key}.parquet")
    (tmp_path / "csv").mkdir()
    for key, frame in spoiled.items():
        frame.to_csv(tmp_path / "csv" / f"{key}.csv", index=False)
    for form in ("typed", "text", "csv"):
        fast, reference = _both(lambda form=form: validate_path(tmp_path / form), monkeypatch)
        _assert_same(fast, reference)
        if form != "typed":
            assert len(fast["problems"]) > 50  # the edge cases were read, and reported


def test_the_spoiled_district_reaches_the_checks_that_were_made_columnar() -> None:
    """The edge cases above are not vacuous: personal data, unit slips, outliers, bad numbers."""
    codes = {p.code for seed in (1, 2) for p in validate_tables(_spoil(_district(seed), seed)).problems}
    for code in ("E201", "E202", "E203", "E204", "E205", "E206", "E207", "E208", "E209", "E210", "W211", "W116",
                 "W110", "W111", "W501"):
        assert code in codes, code


# -- the pieces, on many random values ---------------------------------------------------------

_ALPHABET = [*"0123456789０１２３４５６７８９ -.()/\t\u3000－Xx+TＸ学号电话", "86", "0086", "1", "13", "0"]


def _random_texts(n: int, seed: int) -> list[str | None]:
    rng = random.Random(seed)
    out: list[str | None] = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.05:
            out.append(None)
        elif kind < 0.35:  # letters then one run of digits, like a teacher number
            out.append(rng.choice(["", "T", "FJ", "x", "ID"]) + "".join(rng.choice("0123456789")
                                                                     for _ in range(rng.randint(8, 21))))
        elif kind < 0.5:  # real-looking IDs and phones
            out.append(rng.choice(["", "T", "电话"]) + rng.choice([
                f"1{rng.choice('3456789')}{rng.randint(0, 10**9 - 1):09d}",
                f"86{1}{rng.choice('3456789')}{rng.randint(0, 10**9 - 1):09d}",
                f"0{rng.choice(['10', '23', '571'])}{rng.randint(10**6, 10**8 - 1)}",
                f"{rng.choice(['11', '50', '99', '37'])}0101{rng.randint(1890, 2030)}{rng.randint(0, 13):02d}"
                f"{rng.randint(0, 32):02d}{rng.randint(0, 999):03d}{rng.choice('0123456789Xx')}",
                f"{rng.choice(['11', '50'])}0101{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}"
                f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"]))
        else:
            out.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 30))))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_personal_mask_is_has_personal_on_every_cell(seed: int) -> None:
    texts = [t if t else None for t in _random_texts(4000, seed)]
    column = pd.Series(texts, dtype=object)
    expected = [bool(t) and has_personal(t) for t in texts]
    assert personal_mask(column).tolist() == expected
    assert sum(expected) > 100  # the values hold plenty of personal data


@pytest.mark.parametrize("form", ["NFKC", "NFC"])
@pytest.mark.parametrize("seed", range(3))
def test_as_text_is_the_cell_by_cell_text(seed: int, form: str) -> None:
    rng = random.Random(seed)
    pool = [*ODD_NUMBERS, *ODD_TEXT, " a", "a ", "a\t", "\xa0a", "a\x1f", "'a", "'=A1", "'+1", "=A1",
            "ＡＢＣ", "Ⅻ", "ﬁ", "ｶ", "abc", "A-1", "x y", "~", "!", "\u2028"]
    values = [rng.choice(pool) for _ in range(500)] + [None, float("nan"), pd.NA]
    for column in (pd.Series(values, dtype=object), pd.Series(values, dtype="str")):
        assert as_text(column, form).tolist() == _reference_as_text(column, form).tolist()


def test_mixed_object_columns_stay_cell_by_cell() -> None:
    """1, 1.0 and True are equal to Python: a column mixing them is never condensed."""
    column = pd.Series([1, True, 1.0, "1", None] * 20, dtype=object)
    assert coerce_mod._condense(column) is None
    assert coerce_mod._condense(pd.Series(["a", pd.NaT] * 40, dtype=object)) is None


def test_plausible_candidates_are_the_rows_the_loop_warns_about() -> None:
    rng = np.random.default_rng(3)
    per_pupil = pd.Series(np.concatenate([rng.lognormal(0, 2, 500), [0, -1, np.nan, np.inf, 1e-9, 1e9]]))
    median = pd.Series(np.concatenate([rng.lognormal(0, 1, 500), [1, 1, 1, 1, np.nan, 0]]))
    for col, (low, high, slips) in (("building_area_m2", validate_mod.PLAUSIBLE[("facilities", "building_area_m2")]),
                                    ("public_funds_budget_yuan",
                                     validate_mod.PLAUSIBLE[("school_finance", "public_funds_budget_yuan")]),
                                    ("books", validate_mod.PLAUSIBLE[("facilities", "books")])):
        got = validate_mod._plausible_candidates(per_pupil, median, col, low, high, slips)
        want = []
        for i in range(len(per_pupil)):
            v, m = float(per_pupil.iat[i]), float(median.iat[i])
            if not (v > 0) or not np.isfinite(v) or np.isnan(m):
                continue
            ratio = v / m if m and m > 0 and col not in validate_mod.NO_MEDIAN else 1.0
            if ratio >= 5 or (bool(slips) and ratio <= 1 / 5) or not (low <= v <= high):
                want.append(i)
        assert got == want and want


def test_isin_is_pandas_isin_on_text_columns() -> None:
    column = pd.Series(["5001180001", None, "5001180002", "", "x", None] * 20, dtype="str")
    for values in (set(), {"5001180001"}, {"5001180001", None}, pd.Index(["x", float("nan")]), ["", "y"],
                   {"5001180002", 3}, pd.Index(["x", None], dtype=object)):
        assert validate_mod._isin(column, values).tolist() == column.isin(values).tolist(), values
        plain = column.astype(object)
        assert validate_mod._isin(plain, values).tolist() == plain.isin(values).tolist(), values


@pytest.mark.parametrize("seed", range(6))
def test_typed_number_columns_check_as_cell_by_cell(seed: int) -> None:
    """A number column the file typed (float64, nullable Int64) is checked on its numpy values:
    the same problems (infinite, fractional, out of range, missing where required) in the same
    order and the same values as converting cell by cell, for every number field of the schema."""
    from youjun.core.schema import TABLES, FieldType

    rng = np.random.default_rng(seed)
    pool = np.array([0.0, 1.0, -1.0, 2.5, 7.0, 1e9, -1e9, np.inf, -np.inf, np.nan, 0.5, 100.0, 3.0])
    fields = [f for t in TABLES for f in t.fields if f.type in (FieldType.INTEGER, FieldType.NUMBER)]
    assert len(fields) > 20
    flagged = 0
    for f in fields:
        values = rng.choice(pool, size=60)
        columns = [pd.Series(values, dtype="float64"),
                   pd.Series(pd.array([None if np.isnan(v) or np.isinf(v) else int(v) for v in values],
                                      dtype="Int64"))]
        for raw in columns:
            fast_typed, fast_issues = coerce_mod.coerce(raw, f)
            ref_typed, ref_issues = coerce_mod._reference_coerce(raw, f)
            assert [(i.position, i.code, i.value, i.context) for i in fast_issues] == \
                   [(i.position, i.code, i.value, i.context) for i in ref_issues], f.key
            assert str(fast_typed.dtype) == str(ref_typed.dtype), f.key
            assert [_cell(v) for v in fast_typed.tolist()] == [_cell(v) for v in ref_typed.tolist()], f.key
            flagged += len(fast_issues)
    assert flagged > 100  # the values break the rules often enough to compare the problems
