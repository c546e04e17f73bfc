"""The one-value-at-a-time conversion of a Parquet text or yes/no column (``_coerce_by_value``)
and the numpy district medians of the per-pupil check (``_group_medians``) give exactly what
the column path and pandas gave: the same typed column (dtype and every cell, missing as None
or NaN as before), the same problems (position, code, shown value, context) in the same order,
for every text, choice and yes/no field of the schema, on columns full of broken cells."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

import youjun.ingest.coerce as coerce_mod
from tests.ingest.test_columnar_agreement import _cell  # one rendering of a cell for both comparisons
from youjun.core.schema import TABLES, FieldType
from youjun.ingest.validate import _group_medians

FIELDS = [f for t in TABLES for f in t.fields if f.type in (FieldType.STRING, FieldType.CODE, FieldType.BOOLEAN)]
# broken and awkward cells: blanks, full-width text, IDs and phone numbers, dates Excel made of
# class names, quoted codes, codes that break their pattern, choices in every spelling
ODD = ["", " ", "\u3000", "—", "13812345678", "+86 138 1234 5679", "110101199003071234", "联系 023-12345678",
       "T5001010000001", "1-2", "3/4", "45292", "1月2日", "2-Jan", "2025-01-02", "  红旗小学（新校区） ",
       "'=SUM(A1)", "ｂａｃｈｅｌｏｒ", "本科", "是", "否", "√", "×", "Y", "n", "0", "1", "true", "FALSE",
       "5001180001", "５００１１８０００１", "'5001180001", "’5001180001", "50011800011", "abc", "A-1",
       "primary", "小学", "pe", "体育", "key", "none", "2025-2026", "x\ty", "a\n"]


def _columns(f: object, seed: int) -> list[pd.Series]:
    rng = random.Random(seed)
    good = [c.code for c in getattr(f, "choices", ())] or ["5001180001", "5001180002", "红旗小学"]
    pools: list[list[str | None]] = [[*good, None], [*good, *ODD, None], list(ODD)]
    out = []
    for pool in pools:
        for n in (1, 7, 300):
            out.append(pd.Series([rng.choice(pool) for _ in range(n)], dtype="str"))
    out.append(pd.Series([None] * 5, dtype="str"))
    out.append(pd.Series([], dtype="str"))
    out.append(pd.Series(pd.array([True, None, False, True] * 20, dtype="boolean")))
    return out


def _shape(result: tuple[pd.Series, list[coerce_mod.CellIssue]]) -> tuple[object, ...]:
    typed, issues = result
    return (str(typed.dtype), list(typed.index), [_cell(v) for v in typed.tolist()],
            [(i.position, i.code, i.value, i.context) for i in issues])


@pytest.mark.parametrize("seed", range(2))
def test_by_value_is_the_column_path_for_every_text_choice_and_yes_no_field(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    taken = flagged = 0
    for f in FIELDS:
        for raw in _columns(f, seed):
            fast = coerce_mod._coerce_by_value(raw, f)
            if fast is None:
                continue
            taken += 1
            with monkeypatch.context() as m:
                m.setattr(coerce_mod, "_coerce_by_value", lambda *_: None)
                reference = coerce_mod.coerce(raw, f)
            assert _shape(fast) == _shape(reference), (f.key, raw.tolist()[:10])
            assert _shape(coerce_mod.coerce(raw, f)) == _shape(reference)
            flagged += len(fast[1])
    assert taken > 200 and flagged > 2000  # the columns were converted by value, and broke the rules


def test_a_column_of_mostly_different_values_is_left_to_the_column_path() -> None:
    f = next(f for f in FIELDS if f.key == "teacher_id")
    ids = pd.Series([f"T{i:013d}" for i in range(20_000)], dtype="str")
    assert coerce_mod._coerce_by_value(ids, f) is None
    assert coerce_mod._coerce_by_value(ids.iloc[:100].reset_index(drop=True), f) is not None


@pytest.mark.parametrize("seed", range(4))
def test_group_medians_are_pandas_group_medians(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 2_000
    values = rng.lognormal(0, 2, n)
    values[rng.random(n) < 0.2] = np.nan
    values[rng.random(n) < 0.01] = np.inf
    values = np.round(values, int(seed))  # ties, and even counts with two equal middles
    groups = rng.integers(-1, 60, n)
    groups[groups == 7] = 8  # a number without a group
    expected = pd.Series(values).groupby(pd.Series(np.where(groups < 0, np.nan, groups))).transform("median")
    got = _group_medians(values, groups)
    assert np.array_equal(got, expected.to_numpy(), equal_nan=True)
    assert np.isnan(got[groups < 0]).all() and not np.isnan(got).all()
    assert np.isnan(_group_medians(np.full(3, np.nan), np.array([0, 1, -1]))).all()
