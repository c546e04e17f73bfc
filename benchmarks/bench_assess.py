"""End-to-end assessment benchmark: data file -> validated tables -> verdict -> report.json.

Cases (each timed in a fresh process, median of several runs):
- S from xlsx and from Parquet, end to end with the Ibis/DuckDB indicator engine;
- M (38 districts) from Parquet on DuckDB;
- the baseline: the same pipelines with the plain pandas implementation of the indicators.
PDF rendering is timed separately (it depends on the font stack, not on the engine).

    .venv/bin/python -m benchmarks.bench_assess [--quick]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from benchmarks.bench_ingest import M_PARQUET, S_PARQUET, S_XLSX, prepare
from benchmarks.harness import machine, peak_mb, run_case, write_result


def _pipeline(path: Path, engine: str, pdf: bool = False) -> dict[str, object]:
    from youjun.assess import assess_with_params
    from youjun.core.rules import load_ruleset
    from youjun.ingest.validate import validate_path
    from youjun.report import write_reports

    start = time.perf_counter()
    result = validate_path(path)
    assert result.ok, result.summary()
    params = load_ruleset("cn-2017")
    results = assess_with_params(result.tables, params, source=str(path), engine=engine)
    with tempfile.TemporaryDirectory() as tmp:
        formats = ("json", "pdf") if pdf else ("json",)
        pdf_start = time.perf_counter()
        write_reports(results[0], Path(tmp), formats=formats)
        seconds = time.perf_counter() - start
        pdf_seconds = time.perf_counter() - pdf_start
    return {"seconds": pdf_seconds if pdf else seconds, "peak_mb": peak_mb(),
            "detail": {"districts": len(results), "schools": sum(len(r["schools"]) for r in results),
                       "passes": [r["verdict"]["passes"] for r in results][:3]}}


CASES = {
    "S_xlsx_duckdb": lambda: _pipeline(S_XLSX, "ibis"),
    "S_parquet_duckdb": lambda: _pipeline(S_PARQUET, "ibis"),
    "M_parquet_duckdb": lambda: _pipeline(M_PARQUET, "ibis"),
    "baseline_S_xlsx_pandas": lambda: _pipeline(S_XLSX, "pandas"),
    "baseline_S_parquet_pandas": lambda: _pipeline(S_PARQUET, "pandas"),
    "baseline_M_parquet_pandas": lambda: _pipeline(M_PARQUET, "pandas"),
    "S_report_json_and_pdf_only": lambda: _pipeline(S_XLSX, "ibis", pdf=True),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(CASES[args.case]()))
        return
    data = prepare()
    runs = {"S_xlsx_duckdb": 5, "S_parquet_duckdb": 5, "M_parquet_duckdb": 3, "baseline_S_xlsx_pandas": 5,
            "baseline_S_parquet_pandas": 5, "baseline_M_parquet_pandas": 3, "S_report_json_and_pdf_only": 3}
    if args.quick:
        runs = dict.fromkeys(runs, 1)
    results = {name: run_case("benchmarks.bench_assess", name, n) for name, n in runs.items()}
    med = {k: v["median_s"] for k, v in results.items()}
    payload = {
        "benchmark": "assessment end to end (validate + indicators + diagnosis + verdict + report.json)",
        "machine": machine(), "data": data, "results": results,
        "ratios_duckdb_over_pandas": {
            "S_xlsx": round(med["S_xlsx_duckdb"] / med["baseline_S_xlsx_pandas"], 3),
            "S_parquet": round(med["S_parquet_duckdb"] / med["baseline_S_parquet_pandas"], 3),
            "M_parquet": round(med["M_parquet_duckdb"] / med["baseline_M_parquet_pandas"], 3),
        },
        "aims": {"S_end_to_end_s": 3, "M_s": 30},
        "meets_aims": {"S_xlsx": med["S_xlsx_duckdb"] < 3, "S_parquet": med["S_parquet_duckdb"] < 3,
                       "M": med["M_parquet_duckdb"] < 30},
    }
    path = write_result("assess", payload)
    print(json.dumps(med, indent=1))
    print(f"written {path}")


if __name__ == "__main__":
    main()
