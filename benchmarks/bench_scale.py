"""Scale benchmark (issue 16): a district, a province and the nation, each beside its floor.

Every case is the whole `youjun assess` command in its own process, as a user runs it (start-up,
reading, validation, indicators, diagnosis, verdict, report.json per district, the roll-up), timed
from outside and with the peak memory of that process. Beside each scale, in the same run:

- the floor: one DuckDB query over the same Parquet that computes, for every district, the
  pupil-weighted CV of three per-school teacher ratios (the shape of the indicator work: every
  teacher joined to its school, grouped twice) — what reading and aggregating the data costs
  at the least;
- the baseline where it fits: the same pipeline with the plain pandas indicators, in the
  benchmark's own process (M);
- the default engine (`--engine auto`: the indicators computed in memory on the validated
  frames) beside `--engine duckdb` (the same figures from the Ibis expressions on DuckDB).

Ratios are medians over medians of this one run. Aims (issue 16, 2 cores): S end to end (JSON)
under 1 s, S with every format under 3 s, M under 5 s, L under 60 s and 4 GB.

    .venv/bin/python -m benchmarks.bench_scale              # S, M, M on Spark, L
    .venv/bin/python -m benchmarks.bench_scale --no-l       # without the nation
    .venv/bin/python -m benchmarks.bench_scale --no-l-one-process   # the nation on the workers only
    .venv/bin/python -m benchmarks.bench_scale --quick      # one run each
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_ingest import M_PARQUET, S_PARQUET, S_XLSX, prepare
from benchmarks.harness import DATA, ROOT, machine, peak_mb, run_case, write_result
from benchmarks.run import compile_bytecode

L_PARQUET = Path(os.environ.get("YOUJUN_BENCH_L", DATA / "L-parquet"))
YOUJUN = [str(Path(sys.executable).with_name("youjun"))]  # the console script, as a user runs it

FLOOR_SQL = """
WITH pupils AS (
  SELECT school_code, district_code,
         COALESCE(students_g1,0)+COALESCE(students_g2,0)+COALESCE(students_g3,0)+COALESCE(students_g4,0)
         +COALESCE(students_g5,0)+COALESCE(students_g6,0)+COALESCE(students_g7,0)+COALESCE(students_g8,0)
         +COALESCE(students_g9,0) AS n
  FROM read_parquet('{root}/schools/*/*.parquet', hive_partitioning = false)
), staff AS (
  SELECT school_code, COUNT(*) AS teachers,
         COUNT(*) FILTER (WHERE key_teacher_level IS NOT NULL) AS key_teachers,
         COUNT(*) FILTER (WHERE pe_art_specialist) AS pe_art
  FROM read_parquet('{root}/teachers/*/*.parquet', hive_partitioning = false) GROUP BY school_code
), ratios AS (
  SELECT p.district_code, p.n AS w,
         100.0 * s.teachers / p.n AS r1, 100.0 * s.key_teachers / p.n AS r2, 100.0 * s.pe_art / p.n AS r3
  FROM pupils p JOIN staff s USING (school_code) WHERE p.n > 0
), means AS (
  SELECT district_code, SUM(w) AS sw, SUM(w * r1) / SUM(w) AS m1, SUM(w * r2) / SUM(w) AS m2,
         SUM(w * r3) / SUM(w) AS m3
  FROM ratios GROUP BY district_code
)
SELECT r.district_code,
       SQRT(SUM(r.w * (r.r1 - m.m1) ^ 2) / m.sw) / NULLIF(m.m1, 0) AS cv1,
       SQRT(SUM(r.w * (r.r2 - m.m2) ^ 2) / m.sw) / NULLIF(m.m2, 0) AS cv2,
       SQRT(SUM(r.w * (r.r3 - m.m3) ^ 2) / m.sw) / NULLIF(m.m3, 0) AS cv3
FROM ratios r JOIN means m USING (district_code) GROUP BY r.district_code, m.sw, m.m1, m.m2, m.m3
"""


def _command(args: list[str], data: Path) -> dict[str, Any]:
    """Time one `youjun assess` process from outside; its peak memory is that of the process and
    its workers together (their resident sets summed, sampled every 50 ms), beside the largest
    single process the kernel saw."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        proc = subprocess.Popen([*YOUJUN, "assess", str(data), "--out", tmp, *args], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        tree_peak = _watch_tree(proc)
        err = proc.stderr.read() if proc.stderr else ""
        seconds = time.perf_counter() - start
        if proc.returncode not in (0,):
            raise SystemExit(f"youjun assess {args} exit {proc.returncode}: {err[-2000:]}")
        outputs = sum(1 for _ in Path(tmp).rglob("report.json"))
        keep = os.environ.get("YOUJUN_BENCH_KEEP")  # where to keep the roll-up of the run (screenshots)
        if keep:
            target = Path(keep) / data.name
            target.mkdir(parents=True, exist_ok=True)
            for rolled in Path(tmp).glob("rollup.*"):
                shutil.copy2(rolled, target / rolled.name)
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": max(tree_peak, child_peak),
            "detail": {"report_json_files": outputs, "largest_process_mb": round(child_peak, 1)}}


def _watch_tree(proc: subprocess.Popen[str]) -> float:
    """Wait for ``proc``; the largest sum of its and its descendants' resident memory, in MB."""
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_kb(pid) for pid in _tree(proc.pid)) / 1024)
        time.sleep(0.05)
    return peak


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _floor(root: Path) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    start = time.perf_counter()
    rows = con.execute(FLOOR_SQL.format(root=root.as_posix())).fetchall()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": peak_mb(), "detail": {"districts": len(rows)}}


def _pandas_baseline(path: Path) -> dict[str, Any]:
    from youjun.assess import assess_with_params
    from youjun.core.rules import load_ruleset
    from youjun.ingest.validate import validate_path
    from youjun.report import write_reports

    start = time.perf_counter()
    checked = validate_path(path)
    assert checked.ok, checked.summary()
    results = assess_with_params(checked.tables, load_ruleset("cn-2017"), source=str(path), engine="pandas")
    with tempfile.TemporaryDirectory() as tmp:
        for r in results:
            write_reports(r, Path(tmp) / r["district"]["code"], formats=["json"])
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb(), "detail": {"districts": len(results)}}


JSON_ONLY = ["--formats", "json"]
CASES = {
    "S_xlsx_json": lambda: _command(JSON_ONLY, S_XLSX),
    "S_parquet_json": lambda: _command(JSON_ONLY, S_PARQUET),
    "S_parquet_json_engine_duckdb": lambda: _command([*JSON_ONLY, "--engine", "duckdb"], S_PARQUET),
    "S_xlsx_every_format": lambda: _command([], S_XLSX),
    "floor_S": lambda: _floor(S_PARQUET),
    "M_json": lambda: _command(JSON_ONLY, M_PARQUET),
    "M_json_one_process": lambda: _command([*JSON_ONLY, "--jobs", "1"], M_PARQUET),
    "M_json_engine_duckdb": lambda: _command([*JSON_ONLY, "--engine", "duckdb"], M_PARQUET),
    "M_json_spark_local2": lambda: _command([*JSON_ONLY, "--engine", "spark"], M_PARQUET),
    "baseline_M_pandas_in_process": lambda: _pandas_baseline(M_PARQUET),
    "floor_M": lambda: _floor(M_PARQUET),
    "L_json": lambda: _command(JSON_ONLY, L_PARQUET),
    "L_json_one_process": lambda: _command([*JSON_ONLY, "--jobs", "1"], L_PARQUET),
    "floor_L": lambda: _floor(L_PARQUET),
}
AIMS = {"S_xlsx_json": {"seconds": 1.0}, "S_parquet_json": {"seconds": 1.0},
        "S_xlsx_every_format": {"seconds": 3.0}, "M_json": {"seconds": 5.0},
        "L_json": {"seconds": 60.0, "peak_mb": 4096.0}}
FLOOR_OF = {"S": "floor_S", "M": "floor_M", "L": "floor_L"}


def prepare_l() -> None:
    if (L_PARQUET / "schools").exists():
        return
    if L_PARQUET.exists():
        shutil.rmtree(L_PARQUET)
    subprocess.run([*YOUJUN, "sample", "L", "--out", str(L_PARQUET)], cwd=ROOT, check=True)


def _spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--quick", action="store_true", help="one run per case")
    parser.add_argument("--no-l", action="store_true", help="leave out the nation (L)")
    parser.add_argument("--no-l-one-process", action="store_true",
                        help="the nation with the workers only (not also with --jobs 1: 9 minutes less)")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(CASES[args.case]()))
        return
    compile_bytecode()
    data = prepare()
    runs = {"S_xlsx_json": 5, "S_parquet_json": 5, "S_parquet_json_engine_duckdb": 5, "S_xlsx_every_format": 3,
            "floor_S": 5, "M_json": 3, "M_json_one_process": 3, "M_json_engine_duckdb": 3,
            "baseline_M_pandas_in_process": 1, "floor_M": 5}
    if _spark_available():
        runs["M_json_spark_local2"] = 1
    if not args.no_l:
        prepare_l()
        runs |= {"L_json": 1, "floor_L": 3} | ({} if args.no_l_one_process else {"L_json_one_process": 1})
    if args.quick:
        runs = dict.fromkeys(runs, 1)
    results = {name: run_case("benchmarks.bench_scale", name, n) for name, n in runs.items()}
    med = {k: v["median_s"] for k, v in results.items()}
    ratios = {name: round(med[name] / med[FLOOR_OF[name[0]]], 1)
              for name in med if not name.startswith("floor") and name[0] in FLOOR_OF and FLOOR_OF[name[0]] in med}
    if "baseline_M_pandas_in_process" in med:
        ratios["M_one_process_over_pandas_in_process"] = round(
            med["M_json_one_process"] / med["baseline_M_pandas_in_process"], 3)
    for scale in ("M", "L"):  # the worker processes against one process, same run
        if f"{scale}_json_one_process" in med and f"{scale}_json" in med:
            ratios[f"{scale}_workers_over_one_process"] = round(
                med[f"{scale}_json"] / med[f"{scale}_json_one_process"], 3)
    for auto, forced in (("S_parquet_json", "S_parquet_json_engine_duckdb"), ("M_json", "M_json_engine_duckdb")):
        if auto in med and forced in med:  # --engine auto (in memory) against the Ibis expressions on DuckDB
            ratios[f"{auto}_auto_over_engine_duckdb"] = round(med[auto] / med[forced], 3)
    if "M_json_spark_local2" in med and "M_json_engine_duckdb" in med:  # the same Ibis expressions on each
        ratios["M_spark_over_engine_duckdb"] = round(med["M_json_spark_local2"] / med["M_json_engine_duckdb"], 2)
    meets = {name: all((results[name]["median_s"] if key == "seconds" else results[name]["peak_mb"]) < limit
                       for key, limit in aim.items())
             for name, aim in AIMS.items() if name in results}
    payload = {
        "benchmark": "youjun assess at three scales, each whole process beside one DuckDB query over the same "
                     "Parquet (the floor) and the pandas baseline",
        "machine": machine(), "data": data | {"L": str(L_PARQUET) if "L_json" in results else None},
        "results": results, "ratios_to_floor": ratios, "aims": AIMS, "meets_aims": meets,
    }
    path = write_result("scale", payload)
    print(json.dumps({"medians_s": med, "ratios": ratios, "meets_aims": meets}, indent=1))
    print(f"written {path}")


if __name__ == "__main__":
    main()
