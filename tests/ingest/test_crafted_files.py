"""Hostile and careless files: each is refused with its catalogued words, quickly, in bounded
memory, without killing the process that reads it and without writing anything.

Every read of a crafted file runs in a child process (the reader could abort the process that
runs it) that reports its own peak RSS; the files are built in tmp_path by ``crafted``.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.ingest import crafted
from tests.ingest.tiny_district import tiny_district
from youjun.ingest.writers import write_tables

PEAK_MB = 600  # bound on the reading child's peak RSS for every crafted file

# The child reports its own peak (VmHWM): ru_maxrss after fork+exec would start from pytest's RSS.
CHILD = textwrap.dedent("""
    import json, sys
    from youjun.ingest.validate import validate_path
    result = validate_path(sys.argv[1])
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print(json.dumps({
        "codes": [p.code for p in result.problems],
        "text": " ".join(p.message("zh") + p.message("en") + p.hint("zh") for p in result.problems),
        "peak_mb": peak / 1024,
    }, ensure_ascii=False))
""")


def read_in_child(path: Path, timeout: float = 60) -> dict:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                         timeout=timeout)
    assert out.returncode == 0, f"reader died with {out.returncode}: {out.stderr[-500:]}"
    report = json.loads(out.stdout.strip().splitlines()[-1])
    report["seconds"] = time.perf_counter() - started
    return report


def assert_refused(report: dict, code: str, *words: str) -> None:
    assert code in report["codes"], report
    for word in words:
        assert word in report["text"], (word, report["text"])
    assert report["peak_mb"] < PEAK_MB, report
    # refused files do not drown the person in "table missing" errors
    assert "E102" not in report["codes"], report["codes"]


def test_dimension_bomb_is_refused_naming_the_cell(tmp_path: Path) -> None:
    report = read_in_child(crafted.dimension_bomb(tmp_path / "bomb.xlsx"))
    assert_refused(report, "E115", "XFD1048576", "学校", "16384")


@pytest.mark.slow
def test_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    report = read_in_child(crafted.zip_bomb(tmp_path / "zip.xlsx", megabytes=300))
    assert_refused(report, "E113", "压缩比", "sheet1.xml")
    assert report["peak_mb"] < 200


def test_zip_bomb_with_lying_sizes_is_refused(tmp_path: Path) -> None:
    report = read_in_child(crafted.lying_sizes(tmp_path / "liar.xlsx"))
    assert_refused(report, "E109", "声明的大小不可信", "sheet1.xml")


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    report = read_in_child(crafted.billion_laughs(tmp_path / "lol.xlsx"))
    assert_refused(report, "E117", "DTD")


@pytest.mark.slow
def test_million_rows_refused_fast(tmp_path: Path) -> None:
    report = read_in_child(crafted.many_rows(tmp_path / "rows.xlsx", declared=True))
    assert_refused(report, "E114", "1000000", "75000")
    # without an honest <dimension>, the stream is stopped soon after the limit, long before
    # the millionth row ("at least N rows" names how far it got)
    report = read_in_child(crafted.many_rows(tmp_path / "rows2.xlsx", declared=False))
    assert_refused(report, "E114", "75000", "至少")
    stopped_at = int(report["text"].split("至少有 ")[1].split(" ")[0])
    assert 75_000 < stopped_at < 200_000
    assert report["seconds"] < 10


def test_renamed_xlsm_is_refused(tmp_path: Path) -> None:
    report = read_in_child(crafted.renamed_xlsm(tmp_path / "macro.xlsx"))
    assert_refused(report, "E110", "宏", "vbaProject.bin")


def test_path_traversal_member_is_refused(tmp_path: Path) -> None:
    report = read_in_child(crafted.traversal_member(tmp_path / "t.xlsx"))
    assert_refused(report, "E111", "../../etc/passwd")


def test_truncated_and_empty_workbooks(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    write_tables(tiny_district(), good, "xlsx")
    report = read_in_child(crafted.truncated(good, tmp_path / "cut.xlsx"))
    assert_refused(report, "E101", "无法读取文件")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    report = read_in_child(tmp_path / "empty.xlsx")
    assert_refused(report, "E101", "文件为空")


def test_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK" + b"\0" * (17 * 1024 * 1024))
    report = read_in_child(path)
    assert_refused(report, "E108", "17.0 MB", "16.0 MB")


@pytest.mark.slow
def test_million_line_csv_refused(tmp_path: Path) -> None:
    report = read_in_child(crafted.big_csv(tmp_path / "teachers.csv", lines=1_000_000))
    assert_refused(report, "E108", "MB")  # 19 MB: over the CSV byte limit, nothing decoded
    small = crafted.big_csv(tmp_path / "专任教师.csv", lines=100_000)  # 1.9 MB but too many rows
    report = read_in_child(small)
    assert_refused(report, "E114", "75000")


def test_wide_csv_and_parquet_refused(tmp_path: Path) -> None:
    wide = tmp_path / "teachers.csv"
    wide.write_text(",".join(f"c{i}" for i in range(300_000)) + "\n" + "1," * 10 + "\n", encoding="utf-8")
    report = read_in_child(wide)
    assert_refused(report, "E115", "300000", "128")
    assert len(report["codes"]) == 1  # not 300,000 "unknown column" warnings
    path = tmp_path / "schools.parquet"
    pq.write_table(pa.table({f"c{i}": [1] for i in range(3000)}), path)
    report = read_in_child(path)
    assert_refused(report, "E115", "3000")


def test_csv_in_unknown_encoding_and_gbk(tmp_path: Path) -> None:
    bad = tmp_path / "teachers.csv"
    bad.write_bytes(b"\xff\xfe\x00\x81\x30" * 100)
    report = read_in_child(bad)
    assert "E107" in report["codes"]
    folder = tmp_path / "gbk"
    write_tables(tiny_district(), folder, "csv")
    for f in folder.glob("*.csv"):
        f.write_bytes(f.read_text(encoding="utf-8-sig").encode("gb18030"))
    report = read_in_child(folder)
    assert not [c for c in report["codes"] if c.startswith("E")], report


def test_parquet_with_absurd_row_count_refused_from_metadata(tmp_path: Path) -> None:
    path = tmp_path / "teachers.parquet"
    # 3 M rows of one constant column: a few KB on disk, millions of rows once read
    pq.write_table(pa.table({"teacher_id": pa.repeat("T1", 3_000_000)}), path)
    assert path.stat().st_size < 100_000
    report = read_in_child(path)
    assert_refused(report, "E114", "3000000", "2000000")
    assert report["seconds"] < 10


# --- hidden sheets and formulas ---------------------------------------------------------------

def _tiny_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    return path


def test_hidden_sheet_is_read_with_a_warning(tmp_path: Path) -> None:
    import openpyxl

    from youjun.ingest.validate import validate_path

    path = _tiny_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["专任教师"].sheet_state = "hidden"
    wb.save(path)
    result = validate_path(path)
    warned = [p for p in result.problems if p.code == "W103"]
    assert warned and warned[0].location.sheet == "专任教师", [p.code for p in result.problems]
    assert "专任教师" in warned[0].message("zh") and "隐藏" in warned[0].message("zh")
    assert len(result.tables["teachers"]) == len(tiny_district()["teachers"])


def test_very_hidden_sheet_is_not_imported(tmp_path: Path) -> None:
    import openpyxl

    from youjun.ingest.validate import validate_path

    path = _tiny_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["专任教师"].sheet_state = "veryHidden"
    wb.save(path)
    result = validate_path(path)
    codes = [p.code for p in result.problems]
    assert "W104" in codes and "E102" in codes, codes  # not read, so the table is missing
    w104 = next(p for p in result.problems if p.code == "W104")
    assert "专任教师" in w104.message("zh") and "未导入" in w104.message("zh")


def test_formula_cells_are_flagged_with_their_cells(tmp_path: Path) -> None:
    import zipfile

    import openpyxl

    from youjun.ingest.validate import validate_path

    path = _tiny_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["班级"]
    header = [c.value for c in ws[1]]
    col = next(i for i, h in enumerate(header, start=1) if h and "班额" in str(h))
    first = next(r for r in range(2, ws.max_row + 1) if isinstance(ws.cell(r, col).value, int | float))
    ref = ws.cell(first, col).coordinate
    ws.cell(first, col).value = "=20*2"  # openpyxl saves the formula without a result
    wb.save(path)
    result = validate_path(path)
    # on a data sheet a formula without a saved result is an error at its cell (not "read as
    # empty", which made the class sum and the school's enrolment disagree without a word why)
    no_value = [p for p in result.problems if p.code == "E124"]
    # the cell is where the line says the problem is (工作表“班级”单元格 D3（…）), not repeated in the text
    assert no_value and no_value[0].location.cell == ref, [p.code for p in result.problems]
    assert "公式" in no_value[0].message("zh") and "计算结果" in no_value[0].message("zh")
    codes = [p.code for p in result.problems]
    assert "E201" not in codes and "W106" not in codes, codes
    # the class sum that follows from it is listed under it, not before it
    assert codes.index("E401") == codes.index("E124") + 1, codes
    # a formula without a saved result is not also said to be read as its saved result
    assert not [p for p in result.problems if p.code == "W105"], [p.message("zh") for p in result.problems]

    # Give the formula a (stale) saved result, as Excel would: read as that value, with W105.
    patched = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if b"<f>20*2</f>" in data:
                data = data.replace(b"<f>20*2</f><v></v>", b"<f>20*2</f><v>40</v>").replace(
                    b"<f>20*2</f><v/>", b"<f>20*2</f><v>40</v>")
                if b"<f>20*2</f><v>40</v>" not in data:
                    data = data.replace(b"<f>20*2</f>", b"<f>20*2</f><v>40</v>")
            dst.writestr(info, data)
    result = validate_path(patched)
    cached = [p for p in result.problems if p.code == "W105"]
    assert cached and ref in cached[0].message("zh") and "1" in cached[0].value
    assert not [p for p in result.problems if p.code == "W106"]


# --- the CLI: a normal exit code and nothing written ------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "youjun.cli.main", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_validate_dimension_bomb_exits_1(tmp_path: Path) -> None:
    out = _cli("validate", str(crafted.dimension_bomb(tmp_path / "bomb.xlsx")))
    assert out.returncode == 1, (out.returncode, out.stderr[-300:])
    assert "E115" in out.stdout and "XFD1048576" in out.stdout


@pytest.mark.slow
def test_cli_import_of_crafted_files_leaves_the_database_unchanged(tmp_path: Path) -> None:
    good = tmp_path / "good"
    write_tables(tiny_district(), good, "csv")
    db = tmp_path / "y.duckdb"
    assert _cli("import", str(good), "--db", str(db)).returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    workbook = tmp_path / "tiny.xlsx"
    write_tables(tiny_district(), workbook, "xlsx")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    for bad in (crafted.dimension_bomb(tmp_path / "bomb.xlsx"), crafted.renamed_xlsm(tmp_path / "m.xlsx"),
                crafted.billion_laughs(tmp_path / "lol.xlsx"), crafted.zip_bomb(tmp_path / "zip.xlsx"),
                crafted.traversal_member(tmp_path / "t.xlsx"), crafted.lying_sizes(tmp_path / "liar.xlsx"),
                crafted.truncated(workbook, tmp_path / "cut.xlsx"), tmp_path / "empty.xlsx",
                crafted.big_csv(tmp_path / "teachers.csv")):
        out = _cli("import", str(bad), "--db", str(db))
        assert out.returncode == 1, (bad.name, out.returncode, out.stderr[-300:])
        assert "未导入" in out.stdout
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before, bad.name
