"""Indicator benchmark: the Ibis expressions on DuckDB beside the plain pandas baseline.

Both compute the same thing — units, the 7 (2017) indicators per unit, the weighted means
and CVs per district and level — from in-memory frames; the benchmark checks they agree and
times each (median of several runs, in this process, a fresh DuckDB connection per run).
"ibis_duckdb" is the computation on tables already in DuckDB (as in a run on imported data);
"register" is loading the three frames into DuckDB, reported separately.

Data: ``youjun.sample.generate`` (scenario S = one district; M = 38 districts), or a quick
synthetic district when the sample generator is not available.

    .venv/bin/python -m benchmarks.bench_indicators              # S and M, 7 runs each
    .venv/bin/python -m benchmarks.bench_indicators --quick      # S only, 5 runs
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from youjun.analytics import compute_indicators, compute_indicators_pandas, connect_tables
from youjun.core.params import AssessmentParams
from youjun.core.schema import R_KEYS, grade_column

SEED = 2023
RESULTS = Path(__file__).resolve().parent / "results"
NEEDED = ("schools", "teachers", "facilities")


def params_2017() -> AssessmentParams:
    """The 2017 method with the domain note's figures (the rules loader is not needed here)."""
    return AssessmentParams(
        method="cn-2017", version="2017-05-23", as_of="2025-09-01", indicators=R_KEYS,
        thresholds={}, cv_limits={"primary": 0.50, "junior": 0.45}, cv_mode="each",
        school_min_met=6, school_floor_ratio=0.85,
        split_weights={"nine_year": {"primary": 1.0, "junior": 1.1},
                       "complete_middle": {"junior": 1.0, "senior": 1.2},
                       "twelve_year": {"primary": 1.0, "junior": 1.1, "senior": 1.32}},
        include_private=True, include_non_county_run=True, include_teaching_points=True,
        teaching_point_min_students=50, teaching_area_includes_gym=False,
        qualification_min={"primary": "associate", "junior": "bachelor"},
        key_teacher_min_level="county", mid_title_min="first", equipment_unit_yuan=10_000.0,
        cv_decimals=3,
    )


def synthetic_district(seed: int, n_schools: int = 180) -> dict[str, pd.DataFrame]:
    """A rough S-sized district (primary, junior, nine-year schools) when youjun.sample is absent."""
    rng = np.random.default_rng(seed)
    types = rng.choice(["primary", "junior", "nine_year"], n_schools, p=[0.6, 0.25, 0.15])
    codes = [f"500118{i + 1:04d}" for i in range(n_schools)]
    schools = pd.DataFrame({
        "school_code": codes, "school_name": codes, "district_code": "500118",
        "town": rng.choice([f"镇{i}" for i in range(20)], n_schools), "school_type": types,
        "ownership": "public", "location": rng.choice(["urban", "town", "rural"], n_schools),
        "county_run": True, "education_group": None,
    })
    for g in range(1, 10):
        has = (types != "junior") if g <= 6 else (types != "primary")
        schools[grade_column(g)] = np.where(has, rng.integers(20, 250, n_schools), 0)
    pupils = schools[[grade_column(g) for g in range(1, 10)]].sum(axis=1).to_numpy()
    facilities = pd.DataFrame({
        "school_code": codes, "teaching_aux_area_m2": pupils * rng.uniform(3, 9, n_schools),
        "gym_area_m2": rng.uniform(0, 1500, n_schools),
        "outdoor_sports_area_m2": pupils * rng.uniform(4, 14, n_schools),
        "equipment_value_10k_yuan": pupils * rng.uniform(0.1, 0.4, n_schools),
        "multimedia_classrooms": rng.integers(2, 60, n_schools),
        "computers": rng.integers(10, 400, n_schools), "books": pupils * 30,
    })
    per_school = np.maximum(1, (pupils * 0.07).astype(int))
    school_of = np.repeat(np.arange(n_schools), per_school)
    n = len(school_of)
    junior_types = types[school_of] == "junior"
    nine = types[school_of] == "nine_year"
    section = np.where(junior_types | (nine & (rng.random(n) < 0.4)), "junior", "primary")
    tier = rng.choice(["none", "key", "leader"], n, p=[0.8, 0.15, 0.05])
    subject = rng.choice(["chinese", "math", "pe", "music", "art", "science"], n)
    teachers = pd.DataFrame({
        "teacher_id": [f"T{i:07d}" for i in range(n)], "school_code": np.asarray(codes)[school_of],
        "section": section, "subject": subject,
        "qualification": rng.choice(["secondary_vocational", "associate", "bachelor", "master"],
                                    n, p=[0.05, 0.25, 0.6, 0.1]),
        "title": rng.choice(["none", "second", "first", "senior"], n),
        "key_teacher_tier": tier,
        "key_teacher_level": pd.Series(rng.choice(["school", "county", "city"], n)).where(
            tier != "none", None),
        "pe_art_specialist": np.isin(subject, ["pe", "music", "art"]),
    })
    return {"schools": schools, "teachers": teachers, "facilities": facilities}


def scenario_frames(scenario: str) -> tuple[dict[str, pd.DataFrame], str]:
    try:
        from youjun.sample import generate
    except ImportError:
        return synthetic_district(SEED), "synthetic (youjun.sample not available)"
    frames = generate(scenario, SEED)
    return {k: frames[k] for k in NEEDED}, f"youjun.sample.generate({scenario!r}, seed={SEED})"


def _timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    seconds, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def _summary(seconds: list[float]) -> dict[str, Any]:
    return {"runs": len(seconds), "median_s": round(statistics.median(seconds), 4),
            "min_s": round(min(seconds), 4), "max_s": round(max(seconds), 4)}


def bench(scenario: str, runs: int) -> dict[str, Any]:
    import ibis

    frames, source = scenario_frames(scenario)
    params = params_2017()
    register_s, compute_s = [], []
    ours = None
    for _ in range(runs):
        con = ibis.duckdb.connect()
        start = time.perf_counter()
        tables = connect_tables(frames, con)
        middle = time.perf_counter()
        ours = compute_indicators(tables, params)
        end = time.perf_counter()
        register_s.append(middle - start)
        compute_s.append(end - middle)
        con.disconnect()
    pandas_s, baseline = _timed(lambda: compute_indicators_pandas(frames, params), runs)
    assert ours is not None and baseline is not None
    max_cv_diff = float(np.max(np.abs(ours.dispersion.cv.to_numpy()
                                      - baseline.dispersion.cv.to_numpy())))
    ibis_median = statistics.median(compute_s)
    pandas_median = statistics.median(pandas_s)
    return {
        "scenario": scenario, "data": source,
        "rows": {"schools": len(frames["schools"]), "teachers": len(frames["teachers"]),
                 "units": len(ours.units), "cvs": len(ours.dispersion),
                 "districts": int(ours.dispersion.district_code.nunique())},
        "ibis_duckdb": _summary(compute_s),
        "ibis_duckdb_register": _summary(register_s),
        "pandas_baseline": _summary(pandas_s),
        "ratio_ibis_over_pandas": round(ibis_median / pandas_median, 3),
        "ratio_with_register": round((ibis_median + statistics.median(register_s))
                                     / pandas_median, 3),
        "max_abs_cv_difference": max_cv_diff,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", nargs="+", default=["S", "M"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="S only, 5 runs")
    args = parser.parse_args()
    scenarios, runs = (["S"], 5) if args.quick else (args.scenarios, max(5, args.runs))
    results = {s: bench(s, runs) for s in scenarios}
    payload = {
        "benchmark": "2017 indicators + weighted CVs: Ibis on DuckDB vs plain pandas",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(),
                    "when": datetime.now(UTC).isoformat(timespec="seconds")},
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "indicators.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for s, r in results.items():
        print(f"{s}: ibis/duckdb {r['ibis_duckdb']['median_s']} s, pandas "
              f"{r['pandas_baseline']['median_s']} s, ratio {r['ratio_ibis_over_pandas']}")
    print(f"written {path}")


if __name__ == "__main__":
    main()
