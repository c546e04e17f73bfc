"""Reading hostile files: peak memory and time, the guarded reader beside the old one.

Cases: the largest upload the limits allow (district 143 of scenario L, the nation's largest,
grown 4x: ~73,000 teachers, 5.2 MB .xlsx, 49 MB uncompressed) and each crafted file of
tests/ingest/crafted.py. Each case runs in a fresh process whose peak RSS is taken from the
kernel (os.wait4), so a reader that aborts or is killed still has a figure.

    old        the pre-limits reader: read_source with the inspection off and no limits, i.e.
               calamine to_python(skip_empty_area=False) on every sheet, whole CSV decoded,
               whole Parquet read (reading only, no validation)
    new_read   read_source with the limits: the inspection, then the same reading
    new        validate_path with the limits (what `youjun validate` runs in its child)
    isolated   validate_isolated: the same in a bounded child, timed from the caller; the
               caller's peak, and the reading child's own in detail.reader_child_peak_mb

Peak memory is each process's own VmHWM, written to a file every 0.1 s by a thread, so a
process that aborts or is killed still has its figure (ru_maxrss would include the parent's
RSS inherited through fork). The file generation runs in its own process for the same reason.

    .venv/bin/python -m benchmarks.ingest_guard            # all cases, writes results JSON
    .venv/bin/python -m benchmarks.ingest_guard --quick    # one run each
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import DATA, ROOT, machine, write_result

FILES = DATA / "ingest-guard"
OLD_TIMEOUT_S = 60.0  # the old reader is stopped here (it ran past a minute on the big files)


def _crafted() -> Any:
    sys.path.insert(0, str(ROOT))
    from tests.ingest import crafted

    return crafted


def prepare() -> dict[str, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from youjun.ingest.writers import write_tables
    from youjun.sample import generate_district

    crafted = _crafted()
    FILES.mkdir(parents=True, exist_ok=True)
    files = {
        "largest_allowed_xlsx": FILES / "largest-allowed.xlsx",
        "dimension_bomb": FILES / "dimension-bomb.xlsx",
        "zip_bomb_300mb": FILES / "zip-bomb.xlsx",
        "zip_bomb_lying_sizes": FILES / "lying-sizes.xlsx",
        "entity_expansion": FILES / "billion-laughs.xlsx",
        "million_rows_xlsx": FILES / "million-rows.xlsx",
        "xlsm_renamed": FILES / "macro.xlsx",
        "path_traversal_member": FILES / "traversal.xlsx",
        "million_line_csv": FILES / "teachers.csv",
        "parquet_3m_rows": FILES / "teachers.parquet",
    }
    makers = {
        "largest_allowed_xlsx": lambda p: write_tables(generate_district("L", index=143, scale=4.0), p, "xlsx"),
        "dimension_bomb": crafted.dimension_bomb,
        "zip_bomb_300mb": crafted.zip_bomb,
        "zip_bomb_lying_sizes": crafted.lying_sizes,
        "entity_expansion": crafted.billion_laughs,
        "million_rows_xlsx": crafted.many_rows,
        "xlsm_renamed": crafted.renamed_xlsm,
        "path_traversal_member": crafted.traversal_member,
        "million_line_csv": crafted.big_csv,
        "parquet_3m_rows": lambda p: pq.write_table(pa.table({"teacher_id": pa.repeat("T1", 3_000_000)}), p),
    }
    for name, path in files.items():
        if not path.exists():
            makers[name](path)
    return files


# --- inside the child -------------------------------------------------------------------------

def _old_read_workbook(path: Path, source: Any, limits: Any = None) -> None:
    """``readers._read_workbook`` as it was before the limits (verbatim but for the signature)."""
    from python_calamine import CalamineWorkbook

    from youjun.ingest.readers import VERSION_SHEET, _add_table, _version_from_rows

    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if name == VERSION_SHEET:
            source.template_version = _version_from_rows(rows)
            continue
        if name.startswith("_"):
            continue  # helper sheets (drop-down lists)
        _add_table(source, name, rows, file=str(path), sheet=name)


def _old_read(path: Path) -> dict[str, Any]:
    """The readers as they were before the limits: the old workbook reader (calamine
    ``to_python(skip_empty_area=False)`` on every sheet, nothing inspected) and read_source with
    every limit unbounded (the whole CSV decoded, the whole Parquet read)."""
    from youjun.ingest import readers
    from youjun.ingest.limits import ReadLimits

    unbounded = ReadLimits(**{f: 1 << 62 for f in ReadLimits.__dataclass_fields__
                              if f.startswith("max_") and f != "max_compression_ratio"})
    readers._read_workbook = _old_read_workbook  # type: ignore[assignment]
    source = readers.read_source(path, unbounded)
    return {"codes": sorted({p.code for p in source.problems}),
            "rows": {k: len(t.row_numbers) for k, t in source.tables.items()}}


def _child(reader: str, path: Path, hwm: Path) -> dict[str, Any]:
    from youjun.ingest.isolated import own_peak_mb, report_peak

    report_peak(hwm)
    start = time.perf_counter()
    if reader == "old":
        detail: dict[str, Any] = _old_read(path)
    elif reader == "new_read":
        from youjun.ingest.readers import read_source

        source = read_source(path)
        detail = {"codes": sorted({p.code for p in source.problems}),
                  "rows": {k: len(t.row_numbers) for k, t in source.tables.items()}}
    elif reader == "isolated":
        from youjun.ingest.isolated import run_child
        from youjun.ingest.limits import ReadLimits
        from youjun.ingest.validate import ValidationResult

        run = run_child(str(path), ReadLimits.from_env())
        assert isinstance(run.result, ValidationResult), run
        detail = {"codes": sorted(run.result.summary()["by_code"]), "rows": run.result.summary()["rows"],
                  "reader_child_peak_mb": round(run.peak_mb, 1), "reader_child_s": round(run.seconds, 3)}
    else:
        from youjun.ingest.validate import validate_path

        result = validate_path(path)
        detail = {"codes": sorted(result.summary()["by_code"]), "rows": result.summary()["rows"]}
    return {"seconds": time.perf_counter() - start, "peak_mb": own_peak_mb(), "detail": detail}


# --- the parent -------------------------------------------------------------------------------

def _run_once(case: str, reader: str, path: Path, timeout: float) -> dict[str, Any]:
    from youjun.ingest.isolated import read_peak

    hwm = FILES / f".{case}.{reader}.hwm"
    hwm.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.ingest_guard", "--case", case,
                             "--reader", reader, "--path", str(path), "--hwm", str(hwm)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    while True:
        pid, status = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            proc.kill()
            _, status = os.waitpid(proc.pid, 0)
            break
        time.sleep(0.02)
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    assert proc.stdout is not None
    out = proc.stdout.read().decode().strip().splitlines()
    wall = time.perf_counter() - started
    if code == 0 and out:
        report = json.loads(out[-1])
        report["outcome"] = "finished"
    else:
        ending = (f"killed after {timeout:g} s" if wall > timeout
                  else f"crashed ({signal.Signals(-code).name})" if code < 0 else f"exit {code}")
        report = {"seconds": wall, "outcome": ending, "detail": {}}
    report["peak_mb"] = round(max(report.get("peak_mb", 0.0), read_peak(hwm)), 1)
    hwm.unlink(missing_ok=True)
    return report


def _case(case: str, reader: str, path: Path, runs: int, timeout: float) -> dict[str, Any]:
    samples = [_run_once(case, reader, path, timeout) for _ in range(runs)]
    seconds = [s["seconds"] for s in samples]
    return {"runs": runs, "median_s": round(statistics.median(seconds), 3),
            "peak_mb": max(s["peak_mb"] for s in samples), "outcome": samples[-1]["outcome"],
            "detail": samples[-1]["detail"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--reader", choices=("old", "new_read", "new", "isolated"))
    parser.add_argument("--path")
    parser.add_argument("--hwm")
    parser.add_argument("--prepare", action="store_true", help="only write the files")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(_child(args.reader, Path(args.path), Path(args.hwm)), ensure_ascii=False))
        return
    if args.prepare:
        prepare()
        return
    from youjun.ingest.limits import ReadLimits

    subprocess.run([sys.executable, "-m", "benchmarks.ingest_guard", "--prepare"], cwd=ROOT, check=True)
    files = prepare()  # paths only: the files exist now
    runs = 1 if args.quick else 3
    results: dict[str, dict[str, Any]] = {}
    for case, path in files.items():
        row = {"file_bytes": path.stat().st_size}
        for reader in ("new_read", "new", "isolated"):
            row[reader] = _case(case, reader, path, runs, timeout=300)
        # the old reader once only: it may take minutes or abort
        row["old"] = _case(case, "old", path, 1, timeout=OLD_TIMEOUT_S)
        results[case] = row
        print(case, {r: (row[r]["median_s"], row[r]["peak_mb"], row[r]["outcome"])
                     for r in ("old", "new_read", "new", "isolated")}, flush=True)
    payload = {
        "benchmark": "guarded reading of uploads: largest allowed file and crafted files",
        "machine": machine(), "limits": ReadLimits().__dict__,
        "old_reader_timeout_s": OLD_TIMEOUT_S, "results": results,
        "aims": {"crafted_peak_mb": 600, "crafted_new_s": 10},
        "meets_aims": {
            "crafted": all(r["new"]["peak_mb"] < 600 and r["new"]["median_s"] < 10
                           for c, r in results.items() if c != "largest_allowed_xlsx"),
            "largest_allowed_accepted": not [c for c in results["largest_allowed_xlsx"]["new"]["detail"].get(
                "codes", []) if c.startswith("E")],
        },
    }
    path = write_result("ingest-guard", payload)
    print(f"written {path}")


if __name__ == "__main__":
    main()
