"""Validate + import benchmark: S from xlsx and Parquet, M from Parquet, beside a baseline.

The baseline is what a statistician's script would do without youjun: read the S workbook
with pandas.read_excel (openpyxl), no validation, nothing stored. The ratio says what the
full validation and the atomic import cost on top of merely reading the file.

    .venv/bin/python -m benchmarks.bench_ingest            # all cases, writes results JSON
    .venv/bin/python -m benchmarks.bench_ingest --quick    # fewer runs
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.harness import DATA, machine, peak_mb, run_case, write_result

SEED = 2023
S_XLSX = DATA / "S.xlsx"
S_PARQUET = DATA / "S-parquet"
M_PARQUET = DATA / "M-parquet"


def prepare() -> dict[str, object]:
    from youjun.ingest.writers import write_tables
    from youjun.sample import generate, write_partitioned

    DATA.mkdir(parents=True, exist_ok=True)
    if not S_XLSX.exists():
        write_tables(generate("S", SEED), S_XLSX, "xlsx")
    if not S_PARQUET.exists():
        write_partitioned("S", S_PARQUET, seed=SEED)
    summary: dict[str, object] = {}
    if not M_PARQUET.exists():
        summary = write_partitioned("M", M_PARQUET, seed=SEED)
    return {"S_xlsx_bytes": S_XLSX.stat().st_size, "M": {k: v for k, v in summary.items()
                                                          if k in ("districts", "schools", "teachers", "pupils")}}


def _validate_import(path: Path) -> dict[str, object]:
    from youjun.ingest.store import import_result
    from youjun.ingest.validate import validate_path

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = validate_path(path)
        assert result.ok, result.summary()
        snap = import_result(result, Path(tmp) / "bench.duckdb", source=str(path))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": peak_mb(),
            "detail": {"rows": snap.rows, "warnings": len(result.warnings)}}


def _baseline_read_excel(path: Path) -> dict[str, object]:
    import pandas as pd

    start = time.perf_counter()
    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": peak_mb(),
            "detail": {"rows": {k: len(v) for k, v in frames.items()}}}


CASES = {
    "S_xlsx": lambda: _validate_import(S_XLSX),
    "S_parquet": lambda: _validate_import(S_PARQUET),
    "M_parquet": lambda: _validate_import(M_PARQUET),
    "baseline_S_xlsx_pandas_openpyxl_read_only": lambda: _baseline_read_excel(S_XLSX),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--clean", action="store_true", help="regenerate the data")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(CASES[args.case]()))
        return
    if args.clean and DATA.exists():
        shutil.rmtree(DATA)
    data = prepare()
    runs = {"S_xlsx": 5, "S_parquet": 5, "M_parquet": 3, "baseline_S_xlsx_pandas_openpyxl_read_only": 3}
    if args.quick:
        runs = {k: 1 for k in runs}
    results = {name: run_case("benchmarks.bench_ingest", name, n) for name, n in runs.items()}
    base = results["baseline_S_xlsx_pandas_openpyxl_read_only"]["median_s"]
    payload = {
        "benchmark": "validate + import (all-or-nothing) into DuckDB",
        "machine": machine(), "data": data, "results": results,
        "ratios": {"S_xlsx_vs_baseline_read_only": round(results["S_xlsx"]["median_s"] / base, 3)},
        "aims": {"S_xlsx_s": 5, "M_parquet_s": 60, "M_parquet_mb": 4096},
        "meets_aims": {
            "S_xlsx": results["S_xlsx"]["median_s"] < 5,
            "M_parquet": results["M_parquet"]["median_s"] < 60 and results["M_parquet"]["peak_mb"] < 4096,
        },
    }
    path = write_result("ingest", payload)
    print(json.dumps({k: (v["median_s"], v["peak_mb"]) for k, v in results.items()}, indent=1))
    print(f"written {path}")


if __name__ == "__main__":
    main()
