"""Fuzzing every reader: whatever the bytes, reading and validating never raise, and every
problem carries a catalogued code with words in both languages.

Random workbooks (xlsxwriter: random sheet names, states, cells, formulas), damaged copies of a
real workbook, random CSV bytes and text, random Parquet columns. Byte-damaged workbooks go
through the inspection first, which is what keeps them away from the native reader.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest.tiny_district import tiny_district
from youjun.core.errors import CATALOGUE
from youjun.core.schema import TABLES, TABLES_BY_KEY
from youjun.ingest.readers import read_source
from youjun.ingest.validate import ValidationResult, validate_path
from youjun.ingest.writers import write_tables

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TABLE_NAMES = [t.zh for t in TABLES] + [t.key for t in TABLES] + ["_youjun", "_lists", "Sheet1"]
sheet_names = st.one_of(
    st.sampled_from(TABLE_NAMES),
    st.text(alphabet=st.characters(exclude_characters="[]:*?/\\'", exclude_categories=("Cs", "Cc")),
            min_size=1, max_size=31).map(str.strip).filter(
        lambda s: s and len(s.encode("utf-16-le")) <= 62),  # Excel counts UTF-16 units
)
cells = st.one_of(
    st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=False),
    st.text(max_size=40), st.booleans(), st.sampled_from(["=1+1", "=A1*2", "=HYPERLINK(\"x\")", "#注释"]),
)


def assert_catalogued(result: ValidationResult) -> None:
    for p in result.problems:
        assert p.code in CATALOGUE, p.code
        assert p.message("zh") and p.message("en") and p.hint("zh") and p.hint("en")


@st.composite
def workbooks(draw: st.DrawFn) -> list[tuple[str, str, list[list[object]]]]:
    """Sheets of random cells; sometimes one more cell anywhere in Excel's grid, up to
    XFD1048576 (the dimension bomb is just a far cell)."""
    n = draw(st.integers(1, 4))
    names = draw(st.lists(sheet_names, min_size=n, max_size=n,
                          unique_by=lambda s: s.casefold()))
    out = []
    for name in names:
        state = draw(st.sampled_from(["visible", "visible", "hidden", "veryHidden"]))
        rows = draw(st.lists(st.lists(cells, max_size=8), max_size=12))
        far = draw(st.one_of(st.none(), st.tuples(st.integers(0, 1_048_575), st.integers(0, 16_383))))
        if far is not None:
            rows.append([far])  # marker, written by _write_workbook at that position
        out.append((name, state, rows))
    return out


def _write_workbook(path: Path, sheets: list[tuple[str, str, list[list[object]]]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True, "strings_to_formulas": False})
    shown = False
    for name, state, rows in sheets:
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            if len(row) == 1 and isinstance(row[0], tuple):
                ws.write(*row[0], "far")
                continue
            for c, value in enumerate(row):
                if isinstance(value, str) and value.startswith("="):
                    ws.write_formula(r, c, value)
                else:
                    ws.write(r, c, value)
        if state == "hidden" and shown:
            ws.hide()
        elif state == "veryHidden" and shown:
            ws.very_hidden()
        else:
            shown = True
    book.close()


@FUZZ
@given(sheets=workbooks())
def test_random_workbooks_never_crash(sheets: list[tuple[str, str, list[list[object]]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.xlsx"
        _write_workbook(path, sheets)
        assert_catalogued(validate_path(path))


_BASE = Path(tempfile.mkdtemp(prefix="youjun-fuzz-"))  # the tiny district, written once
atexit.register(shutil.rmtree, _BASE, True)


def _tiny(fmt: str) -> Path:
    path = _BASE / f"tiny.{fmt}" if fmt == "xlsx" else _BASE / fmt
    if not path.exists():
        write_tables(tiny_district(), path, fmt)
    return path


def _tiny_xlsx() -> bytes:
    return _tiny("xlsx").read_bytes()


def _copy(fmt: str, to: Path) -> Path:
    return Path(shutil.copytree(_tiny(fmt), to))


@FUZZ
@given(data=st.data())
def test_damaged_workbooks_never_crash(data: st.DataObject) -> None:
    raw = bytearray(_tiny_xlsx())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(raw))))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "damaged.xlsx"
        path.write_bytes(bytes(raw[:cut]))
        assert_catalogued(validate_path(path))


@FUZZ
@given(name=st.sampled_from(["teachers", "学校", "unknown"]),
       body=st.one_of(st.binary(max_size=2000),
                      st.text(max_size=500).map(lambda t: t.encode("utf-8")),
                      st.text(max_size=500).map(lambda t: t.encode("gb18030"))))
def test_random_csv_never_crashes(name: str, body: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.csv"
        path.write_bytes(body)
        source = read_source(path)
        assert all(p.code in CATALOGUE for p in source.problems)
        folder = _copy("csv", Path(tmp) / "district")
        (folder / f"{name}.csv").write_bytes(body)
        assert_catalogued(validate_path(folder))


columns = st.dictionaries(
    st.one_of(st.sampled_from([f.key for f in TABLES_BY_KEY["teachers"].fields]), st.text(max_size=10)),
    st.one_of(st.lists(st.one_of(st.none(), st.integers(-10**15, 10**15)), min_size=3, max_size=3),
              st.lists(st.one_of(st.none(), st.text(max_size=20)), min_size=3, max_size=3),
              st.lists(st.one_of(st.none(), st.floats()), min_size=3, max_size=3)),
    max_size=6,
)


@settings(FUZZ, max_examples=20)
@given(cols=columns)
def test_random_parquet_never_crashes(cols: dict[str, list[object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _copy("parquet", Path(tmp) / "district")
        target = next(folder.glob("teachers*"))
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
        table = pa.table(cols) if cols else pa.table({"x": pa.array([], pa.int64())})
        pq.write_table(table, folder / "teachers.parquet")
        assert_catalogued(validate_path(folder))
