"""A batch of a partitioned Parquet folder read from its own files gives exactly what reading a
folder of links to them gave (``PartitionedFolder._reference_validate``, the way it was read
before): the same validated tables (dtypes and every value), the same problems (code, file,
sheet, record number in the whole table, column, context) in the same order, on a clean
province and on copies of it with mistakes in every table, a second file in a partition, files
the folder's reader leaves out, a district missing from tables and a table of text. The
faster pieces under the batch read (the cross-table checks' column helpers, the hashes of a
column of mostly different texts, the personal-data scan of Arrow strings) are compared with
the pandas code they stand for."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import youjun.ingest.validate as validate_mod
from youjun.core.errors import Location, Problem
from youjun.core.personal import has_personal
from youjun.ingest import store
from youjun.ingest.batches import PartitionedFolder
from youjun.ingest.coerce import personal_mask
from youjun.ingest.validate import ValidationResult
from youjun.sample.partitioned import write_partitioned


def _edit(folder: Path, key: str, code: str, change: Any, name: str = "part-0.parquet") -> None:
    part = folder / key / f"district={code}" / name
    table = pq.read_table(part)
    data = table.to_pydict()
    change(data)
    pq.write_table(pa.Table.from_pydict(data, schema=table.schema), part)


def _break(clean: Path, out: Path) -> Path:
    """Mistakes of every kind the checks find, in several districts and tables."""
    shutil.copytree(clean, out)
    c1, c2, c3, c4, _clean = sorted(p.name.split("=")[1] for p in (clean / "districts").iterdir())
    first_id = pq.read_table(out / "teachers" / f"district={c1}" / "part-0.parquet").column("teacher_id")[0].as_py()

    def teachers(d: dict[str, list[Any]]) -> None:
        d["teacher_id"][3] = first_id  # the same teacher in two districts of a batch
        d["teacher_id"][4] = d["teacher_id"][1]
        d["section"][0] = "senior"
        d["key_teacher_tier"][1], d["key_teacher_level"][1] = "key", None
        d["rotated_this_year"][2], d["rotated_from_school_code"][2] = True, None
        d["rotated_this_year"][5], d["rotated_from_school_code"][5] = True, "9999999999"
        d["pe_art_specialist"][6], d["subject"][6] = True, "chinese"
        d["school_code"][8] = d["school_code"][10] = "5999999999"
        d["school_code"][11] = "5888888888"
        d["subject"][12] = "bogus"
        d["teacher_id"][13] = "110101199003071234"

    def schools(d: dict[str, list[Any]]) -> None:
        d["students_g1"][2] = -40
        d["school_name"][0] = "联系 13812345678"
        for g in range(1, 13):
            d[f"students_g{g}"][1] = 0
        point = d["school_type"].index("teaching_point") if "teaching_point" in d["school_type"] else None
        if point is not None:
            d["central_school_code"][point] = None
        primary = d["school_type"].index("primary")
        d["students_g8"][primary] = 3

    def classes(d: dict[str, list[Any]]) -> None:
        d["students"][0] += 7
        d["students"][3] = None
        d["grade"][4] = 13
        d["school_code"][6] = "5777777777"

    def facilities(d: dict[str, list[Any]]) -> None:
        d["gym_area_m2"][0] = 10 * (d["building_area_m2"][0] or 1)
        d["building_area_m2"][4] = (d["building_area_m2"][4] or 1) / 10_000
        d["books"][2] = (d["books"][2] or 1) * 50

    def rates(d: dict[str, list[Any]]) -> None:
        d["value"][0] = d["numerator"][0] = None
        d["value"][1] = 0.962
        d["value"][2] = 250.0
        d["numerator"][3], d["denominator"][3] = 10.0, 5.0

    _edit(out, "teachers", c2, teachers)
    _edit(out, "schools", c4, schools)
    _edit(out, "classes", c3, classes)
    _edit(out, "facilities", c4, facilities)
    _edit(out, "district_rates", c1, rates)
    _edit(out, "districts", c4, lambda d: d["school_year"].__setitem__(0, "2024-2025"))  # c5 is left clean
    # a second file in a partition; files the folder's reader leaves out; a district missing
    # from a table; a table the schema does not know
    rooms = out / "rooms" / f"district={c2}"
    for name in ("part-1.parquet", ".hidden.parquet", "_tmp/x.parquet"):
        (rooms / name).parent.mkdir(exist_ok=True)
        shutil.copy(rooms / "part-0.parquet", rooms / name)
    shutil.rmtree(out / "evidence" / f"district={c4}")
    (out / "extras" / f"district={c1}").mkdir(parents=True)
    pq.write_table(pa.table({"a": ["x", "y"]}), out / "extras" / f"district={c1}" / "part-0.parquet")
    return out


def _as_text(clean: Path, out: Path) -> Path:
    """Class sizes as text in all districts but the last, whose rooms file is damaged."""
    shutil.copytree(clean, out)
    codes = sorted(p.name.split("=")[1] for p in (clean / "districts").iterdir())
    for code in codes[:4]:
        part = out / "classes" / f"district={code}" / "part-0.parquet"
        t = pq.read_table(part)
        sizes = [str(v) if i % 7 else "12人" for i, v in enumerate(t.column("students").to_pylist())]
        t = t.set_column(t.column_names.index("students"), "students", pa.array(sizes))
        pq.write_table(t.replace_schema_metadata(None), part)  # no pandas dtype that says Int64
    damaged = out / "rooms" / f"district={codes[4]}" / "part-0.parquet"
    damaged.write_bytes(damaged.read_bytes()[:100])  # the last district's rooms cut short: unreadable
    return out


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("batches")
    clean = root / "clean"
    write_partitioned("M", clean, n_districts=5, scale=0.05)
    return {"clean": clean, "broken": _break(clean, root / "broken"), "text": _as_text(clean, root / "text")}


def _shape(result: ValidationResult, root: Path) -> tuple[list[str], dict[str, list[int]]]:
    """The problems as text. An unreadable batch's E101 named the folder of links
    (…/youjun-batch-…) and its files, now the folder read and its files: the reader's message
    is compared up to the first path in it (it is cut at 200 characters, paths and all)."""
    shown = []
    for p in result.problems:
        if p.code == "E101":
            context = dict(p.context)
            context["detail_en"] = str(context.get("detail_en", "")).split("'/")[0]
            context["name"] = root.name if "youjun-batch-" in str(context.get("name")) else context.get("name")
            p = replace(p, context=tuple(sorted(context.items())))
        shown.append(re.sub(r"'[^']*youjun-batch-\w+", f"'{root}", repr(p)))
    return shown, result.rows


def _assert_same(fast: ValidationResult, reference: ValidationResult, root: Path) -> None:
    assert _shape(fast, root) == _shape(reference, root)
    assert list(fast.tables) == list(reference.tables)
    for key, frame in fast.tables.items():
        pd.testing.assert_frame_equal(frame, reference.tables[key], check_dtype=True, check_exact=True)


@pytest.mark.parametrize("name", ["clean", "broken", "text"])
def test_a_batch_read_from_its_files_is_the_batch_read_from_a_folder_of_links(
        name: str, folders: dict[str, Path]) -> None:
    folder = PartitionedFolder(folders[name])
    codes = folder.codes
    batches = [codes[:2], codes[1:4], codes[2:3], codes[4:], [codes[4], codes[0]], codes[:4]]
    found: set[str] = set()
    for batch in batches:
        fast, reference = folder.validate(batch), folder._reference_validate(batch)
        _assert_same(fast, reference, folders[name])
        found.update(p.code for p in fast.problems)
    if name == "broken":  # the mistakes were read, and reported where they are
        for code in ("E123", "E201", "E204", "E205", "E209", "E301", "E302", "E304", "E401", "E402", "E405",
                     "E406", "E407", "E408", "E409", "E411", "E412", "E414", "W101", "W110", "W211", "W503", "W504"):
            assert code in found, code
        problem = next(p for p in folder.validate(codes[1:3]).problems if p.code == "E301")
        assert problem.location.row > folder.rows_of("teachers", codes[0])  # counted over the whole table
    if name == "text":
        assert {"E202", "E101"} <= found


def test_refused_districts_and_their_problems_are_those_of_the_reference(folders: dict[str, Path],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PartitionedFolder(folders["broken"])
    codes = [c for i, c in enumerate(folder.codes) if i != 3]  # not the district of another school year
    fast = folder.read(codes)
    monkeypatch.setattr(folder, "validate", folder._reference_validate)
    reference = folder.read(codes)
    assert fast.codes == reference.codes and fast.refused.keys() == reference.refused.keys()
    assert {c: [repr(p) for p in ps] for c, ps in fast.refused.items()} == {
        c: [repr(p) for p in ps] for c, ps in reference.refused.items()}
    assert [repr(p) for p in fast.warnings] == [repr(p) for p in reference.warnings]
    assert sorted(fast.refused) == folder.codes[:3] and fast.codes == folder.codes[4:]


def test_the_district_of_a_problem_and_its_record_in_the_whole_table(folders: dict[str, Path]) -> None:
    folder = PartitionedFolder(folders["clean"])
    n = [folder.rows_of("teachers", c) for c in folder.codes]
    firsts = folder.first_rows("teachers", folder.codes[2:4])
    assert firsts == {folder.codes[2]: 1 + n[0] + n[1], folder.codes[3]: 1 + n[0] + n[1] + n[2]}
    # the batch's third record of its second district
    assert folder._global_row("teachers", folder.codes[2:4], n[2] + 3) == firsts[folder.codes[3]] + 2
    teachers = str(folder.tables["teachers"])
    for row, code in ((1, 0), (n[0], 0), (n[0] + 1, 1), (sum(n), 4)):
        assert folder.district_of(Problem("E201", Location(file=teachers, row=row))) == folder.codes[code]
    assert folder.district_of(Problem("E201", Location(file=teachers, row=sum(n) + 1))) is None
    assert folder.district_of(Problem("E201", Location(file=teachers))) is None


# -- the column helpers, against the pandas code they stand for ----------------------------------

_KEYS = ["a", "", "b", None, np.nan, "学校", "1", 1, 1.0, True, 0]


@pytest.mark.parametrize("seed", range(6))
def test_repeated_keys_are_the_rows_pandas_finds_duplicated(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 60)
    frame = pd.DataFrame({
        "text": pd.Series([rng.choice(["a", "b", "", None, "学校"]) for _ in range(n)], dtype="str"),
        "code": pd.array([rng.choice([1, 2, None]) for _ in range(n)], dtype="Int64"),
        "mixed": pd.Series([rng.choice(_KEYS) for _ in range(n)], dtype=object),
        "ids": pd.Series([f"T{rng.randint(0, 3 * n)}" if rng.random() > 0.1 else None for _ in range(n)],
                         dtype="str"),
    })
    for columns in (["text"], ["ids"], ["mixed"], ["text", "code"], ["code", "mixed", "text"]):
        expected = frame[columns].astype(object).fillna("").duplicated(keep=False)
        assert validate_mod._repeated_keys(frame, columns).tolist() == expected.tolist(), columns


def test_pairs_and_cells_are_pandas_own() -> None:
    rng = random.Random(7)
    types = pd.Series([rng.choice(["primary", "junior", "nine_year", None]) for _ in range(300)], dtype=object)
    sections = pd.Series([rng.choice(["primary", "junior", "senior", None]) for _ in range(300)], dtype=object)
    allowed = {("primary", "primary"), ("junior", "junior"), ("nine_year", "primary"), ("nine_year", "junior")}
    expected = pd.MultiIndex.from_arrays([types, sections]).isin(pd.MultiIndex.from_tuples(sorted(allowed)))
    which, distinct = pd.factorize(types, use_na_sentinel=False)
    got = validate_mod._pairs_in(np.asarray(distinct, dtype=object), which, sections, allowed)
    assert got.tolist() == expected.tolist() and got.any() and not got.all()
    frame = pd.DataFrame({"f": [1.5, np.nan], "s": pd.Series(["x", None], dtype="str"), "o": ["y", None],
                          "i": pd.array([1, None], dtype="Int64"), "b": pd.array([True, None], dtype="boolean")})
    for column in frame.columns:
        cells = validate_mod._cells(frame[column])
        for i in frame.index:
            assert repr(cells[i]) == repr(frame.at[i, column]), column


def test_a_column_of_mostly_different_texts_hashes_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_DISTINCT_SAMPLE", 4)
    rng = random.Random(3)
    ids = [f"T{i:08d}" if rng.random() > 0.2 else rng.choice([None, "", "学校", " x"]) for i in range(200)]
    for column in (pd.Series(ids, dtype="str"), pd.Series(ids, dtype=object)):
        assert store._mostly_distinct_text(column)
        frame = pd.DataFrame({"id": column, "n": range(len(column))})
        table = type("T", (), {"fields": tuple(type("F", (), {"key": c})() for c in frame.columns)})()
        assert (store._row_hashes(frame, table) == store._row_hashes_reference(frame, table)).all()


def test_personal_data_in_arrow_strings_is_found_as_in_python_strings() -> None:
    rng = random.Random(5)
    pool = ["T3407100000001", "T8613812345678", "13812345678", "110101199003071234", "023-12345678",
            "x", "T50011800001", "11010119900307123X", "电话13812345678", None]
    texts = [rng.choice(pool) for _ in range(500)]
    column = pd.Series(texts, dtype="str")
    assert personal_mask(column).tolist() == personal_mask(column.astype(object)).tolist()
    assert personal_mask(column).tolist() == [t is not None and has_personal(t) for t in texts]
    assert personal_mask(column).any()
