"""Fitness standard at district and province scale: read, score, statistics, side by side.

District (~130,000 pupils, one school year of results):
  * reading the national upload workbook with the ingest reader (130,000 rows, and a school's
    1,300-row file);
  * scoring + statistics from the same Parquet file three ways: the core per pupil
    (``score_pupil`` + ``fitness_stats.statistics``), the columnar path (Ibis on DuckDB,
    ``youjun.analytics.fitness_columnar``) and a plain pandas/numpy baseline (searchsorted
    per grade × sex × item, integers in thousandths so it is exact too).
Province (~3.5 M pupils, Parquet partitioned by district): the columnar path and pandas.

Each case runs in a fresh process (peak RSS of its own); median of 3 runs when a run takes
under 60 s, else one. Synthetic data (generated here, seeded), never real pupils.

    .venv/bin/python -m benchmarks.bench_fitness            # district + province (3.5 M)
    .venv/bin/python -m benchmarks.bench_fitness --quick    # one run each, province 350,000
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics as stats_mod
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import DATA, ROOT, machine, write_result

SEED = 2014
DISTRICT_PUPILS = 130_000
SCHOOL_PUPILS = 1_300
PROVINCE_PUPILS = 3_500_000
PROVINCE_DISTRICTS = 35
FIT = DATA / "fitness"
DISTRICT_XLSX = FIT / "district-130k.xlsx"
SCHOOL_XLSX = FIT / "school-1300.xlsx"
DISTRICT_PARQUET = FIT / "district-130k.parquet"


def peak_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries that across exec, so a
    child would report the parent's peak (the parent generates the province's data)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def province_dir(pupils: int) -> Path:
    return FIT / f"province-{pupils}"


# --- synthetic data -------------------------------------------------------------------------------


def generate(pupils: int, districts: int, seed: int) -> Any:
    """A pandas frame of parsed results (the pupils' table of fitness_columnar), vectorised."""
    import numpy as np
    import pandas as pd

    from youjun.analytics.fitness_columnar import item_keys
    from youjun.core.fitness import load_tables

    tables = load_tables()
    rng = np.random.default_rng(seed)
    i = np.arange(pupils)
    per = -(-pupils // districts)
    d = i // per
    j = i % per
    school = j // 1000  # ~1,000 pupils a school
    k = j % 1000
    grade = 1 + (k * 9) // 1000
    cls = (k % 112) // 45 + 1
    sex = np.where(rng.random(pupils) < 0.52, "male", "female")
    frame: dict[str, Any] = {
        "district": pd.Series([f"5{x + 1:05d}" for x in range(districts)]).to_numpy()[d],
        "school": pd.Series(d * 1000 + school).map(lambda x: f"S{x:06d}").to_numpy(),
        "class_code": (
            pd.Series(d * 1000 + school).astype(str) + "-" + pd.Series(grade * 100 + cls).astype(str)
        ).to_numpy(),
        "class_name": (pd.Series(grade).astype(str) + "年级" + pd.Series(cls).astype(str) + "班").to_numpy(),
        "pupil_id": pd.Series(i).map(lambda x: f"G{x:012d}").to_numpy(),
        "grade": grade.astype("int16"),
        "sex": sex,
        "exempt": rng.random(pupils) < 0.01,
    }
    height = np.round(rng.normal(112 + grade * 6.5, 6), 1)
    bmi = rng.normal(16.5 + grade * 0.45, 2.3)
    frame["height_cm"] = height
    frame["weight_kg"] = np.round(np.maximum(12.0, bmi * (height / 100) ** 2), 1)
    for key in item_keys(tables):
        frame[key] = np.full(pupils, np.nan)
    for g in range(1, 10):
        for s in ("male", "female"):
            mask = (grade == g) & (sex == s)
            n = int(mask.sum())
            for key in (x for x in tables.items_for(g, s) if x != "bmi"):
                info = tables.items[key]
                if g in tables.scored_grades:
                    row = np.array([float(v) for v in tables.row(key, g, s) if v is not None])
                    lvl = np.clip(rng.triangular(0, 6, 19, n).astype(int), 0, len(row) - 2)
                    value = row[lvl] + (row[lvl + 1] - row[lvl]) * rng.random(n)
                else:  # junior: around the 100-point check row (scored only with an overlay)
                    top = float(tables.check_100[g][s].get(key, 0) or 0) or 50.0
                    f = rng.uniform(0.65, 1.05, n)
                    value = top / f if info.direction == "lower_is_better" else top * f
                decimals = 1 if str(info.precision) == "0.1" else 0
                value = np.round(value, decimals)
                value[rng.random(n) < 0.003] = np.nan  # a missing result now and then
                frame[key][mask] = value
    frame["vision_left"] = np.round(np.clip(rng.normal(4.95 - grade * 0.05, 0.25), 3.8, 5.3), 1)
    frame["vision_right"] = np.round(np.clip(rng.normal(4.95 - grade * 0.05, 0.25), 3.8, 5.3), 1)
    return pd.DataFrame(frame)


def to_arrow(frame: Any) -> Any:
    import pyarrow as pa

    from youjun.analytics.fitness_columnar import pupil_schema
    from youjun.core.fitness import load_tables

    schema = pupil_schema(load_tables())
    cols = []
    for f in schema:
        arr = pa.array(frame[f.name].to_numpy(), from_pandas=True)
        cols.append(arr.cast(f.type))
    return pa.table(cols, schema=schema)


def prepare(province: int) -> dict[str, Any]:
    import pyarrow.parquet as pq

    from youjun.core.fitness import load_tables
    from youjun.ingest.fitness_workbook import sample_rows, write_workbook

    FIT.mkdir(parents=True, exist_ok=True)
    tables = load_tables()
    made: dict[str, Any] = {}
    for path, n in ((DISTRICT_XLSX, DISTRICT_PUPILS), (SCHOOL_XLSX, SCHOOL_PUPILS)):
        if not path.exists():
            start = time.perf_counter()
            header, lines = sample_rows(n, SEED, tables)
            write_workbook(path, header, lines)
            made[path.name] = round(time.perf_counter() - start, 1)
    if not DISTRICT_PARQUET.exists():
        pq.write_table(to_arrow(generate(DISTRICT_PUPILS, 1, SEED)), DISTRICT_PARQUET)
    target = province_dir(province)
    if not target.exists():
        start = time.perf_counter()
        districts = max(1, round(PROVINCE_DISTRICTS * province / PROVINCE_PUPILS))
        frame = to_arrow(generate(province, districts, SEED + 1))
        tmp = target.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        pq.write_to_dataset(
            frame.drop_columns(["district"]).append_column("district", frame.column("district")),
            tmp,
            partition_cols=["district"],
        )
        tmp.rename(target)
        made[target.name] = round(time.perf_counter() - start, 1)
    return {
        "district_xlsx": {"pupils": DISTRICT_PUPILS, "bytes": DISTRICT_XLSX.stat().st_size},
        "school_xlsx": {"pupils": SCHOOL_PUPILS, "bytes": SCHOOL_XLSX.stat().st_size},
        "district_parquet": {"pupils": DISTRICT_PUPILS, "bytes": DISTRICT_PARQUET.stat().st_size},
        "province_parquet": {
            "pupils": province,
            "partitions": len(list(target.iterdir())),
            "bytes": sum(p.stat().st_size for p in target.rglob("*.parquet")),
        },
        "generated_s": made,
    }


# --- cases ---------------------------------------------------------------------------------------


# The ingest's default byte limits (16 MB file, 64 MB uncompressed XML: sized for the balance
# template) refuse a whole district's fitness sheet (130,000 rows: 11.5 MB, ~87 MB of XML) with
# E112; the district case raises them (YOUJUN_MAX_UNCOMPRESSED_BYTES does the same).
DISTRICT_LIMITS = {"max_file_bytes": 64 * 2**20, "max_uncompressed_bytes": 256 * 2**20}


def _read_xlsx(path: Path, raise_limits: bool = False) -> dict[str, Any]:
    from youjun.core.fitness import load_tables
    from youjun.ingest.fitness_workbook import read_workbook
    from youjun.ingest.limits import ReadLimits

    tables = load_tables()
    limits = ReadLimits(**DISTRICT_LIMITS) if raise_limits else None  # type: ignore[arg-type]
    start = time.perf_counter()
    read = read_workbook(path, tables, limits=limits)
    seconds = time.perf_counter() - start
    assert read.ok, read.problems[:3]
    return {"seconds": seconds, "peak_mb": peak_mb(), "detail": {"rows": len(read.rows)}}


def _core(path: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    from youjun.analytics.fitness_columnar import item_keys
    from youjun.analytics.fitness_stats import StatRecord, statistics
    from youjun.core.fitness import PupilResult, load_tables, score_pupil

    tables = load_tables()
    keys = item_keys(tables)
    start = time.perf_counter()
    rows = pq.read_table(path).to_pylist()
    loaded = time.perf_counter()
    scored = [
        score_pupil(
            PupilResult(
                r["grade"],
                r["sex"],
                r["height_cm"],
                r["weight_kg"],
                {k: r[k] for k in keys if r[k] is not None},
                exempt=r["exempt"],
                pupil_id=r["pupil_id"],
            ),
            tables,
        )
        for r in rows
    ]
    done = time.perf_counter()
    out = statistics(
        (
            StatRecord(s, r["school"], r["class_code"], r["class_name"], r["vision_left"], r["vision_right"])
            for r, s in zip(rows, scored, strict=True)
        ),
        tables,
    )
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "peak_mb": peak_mb(),
        "detail": {
            "pupils": len(rows),
            "read_s": round(loaded - start, 3),
            "score_s": round(done - loaded, 3),
            "statistics_s": round(end - done, 3),
            "statistics_rows": len(out),
            "scored": sum(1 for s in scored if s.total is not None),
            "sum_total": str(sum(s.total for s in scored if s.total is not None)),
        },
    }


def _columnar(source: str) -> dict[str, Any]:
    import ibis

    from youjun.analytics import fitness_columnar as fc
    from youjun.core.fitness import load_tables

    tables = load_tables()
    start = time.perf_counter()
    con = ibis.duckdb.connect()
    pupils = fc.pupils_table(con, source)
    scores = con.create_table("scores", fc.score_table(pupils, tables), temp=True)  # materialised once
    scored_at = time.perf_counter()
    stats = fc.statistics_table(scores, tables).to_pyarrow()
    end = time.perf_counter()
    check = (
        scores.aggregate(n=scores.count(), scored=scores.total.count(), sum_total=scores.total.sum())
        .to_pyarrow()
        .to_pylist()[0]
    )
    return {
        "seconds": end - start,
        "peak_mb": peak_mb(),
        "detail": {
            "pupils": check["n"],
            "score_s": round(scored_at - start, 3),
            "statistics_s": round(end - scored_at, 3),
            "statistics_rows": stats.num_rows,
            "scored": check["scored"],
            "sum_total": str(check["sum_total"]),
        },
    }


def _pandas(source: str) -> dict[str, Any]:
    import numpy as np
    import pandas as pd
    import pyarrow.dataset as ds

    from youjun.analytics.fitness_columnar import item_keys
    from youjun.core.fitness import load_tables

    tables = load_tables()
    keys = item_keys(tables)
    start = time.perf_counter()
    table = ds.dataset(source.split("/**")[0], format="parquet", partitioning="hive").to_table()
    df = pd.DataFrame(
        {
            c: table.column(c).to_numpy()
            if c not in (*keys, "height_cm", "weight_kg", "vision_left", "vision_right")
            else table.column(c).cast("float64").to_numpy(zero_copy_only=False)
            for c in table.column_names
        }
    )
    n = len(df)

    def milli(col: str) -> Any:
        x = df[col].to_numpy(dtype=float)
        return np.where(np.isnan(x), -(2**62), np.rint(x * 1000)).astype(np.int64), np.isnan(x)

    grade = df["grade"].to_numpy()
    exempt = df["exempt"].to_numpy(dtype=bool)
    scorable = np.isin(grade, sorted(tables.scored_grades)) & ~exempt
    std100 = np.zeros(n, np.int64)  # Σ score × weight (percent): the standard score × 100
    bonus = np.zeros(n, np.int64)
    missing = np.zeros(n, bool)
    problem = np.zeros(n, bool)
    values = {k: milli(k) for k in keys}
    w, w_nan = milli("weight_kg")
    h, h_nan = milli("height_cm")
    bmi_cat = np.full(n, "", dtype=object)
    for (g, s), idx in df.groupby(["grade", "sex"]).indices.items():
        if g not in tables.scored_grades:
            continue
        weights = tables.weights[g]
        for key in keys:
            v, nan = values[key][0][idx], values[key][1][idx]
            if key not in tables.items_for(g, s):
                problem[idx] |= ~nan
                continue
            lo, hi = (int(x * 1000) for x in tables.items[key].possible)
            problem[idx] |= ~nan & ((v < lo) | (v > hi))
            missing[idx] |= nan
            row = np.array([int(t * 1000) for t in tables.row(key, g, s) if t is not None])
            levels = np.array(tables.score_levels[: len(row)])
            if tables.items[key].direction == "lower_is_better":  # row ascending: first threshold ≥ v
                pos = np.searchsorted(row, v, side="left")
                score = np.where(pos < len(row), levels[np.minimum(pos, len(row) - 1)], 0)
            else:  # row descending: count of thresholds ≤ v
                pos = np.searchsorted(row[::-1], v, side="right")
                score = np.where(pos > 0, levels[::-1][np.maximum(pos - 1, 0)], 0)
            std100[idx] += np.where(nan, 0, score) * int(weights[key])
            if key == "rope_skip_1min" and g in tables.rope_grades:
                excess = v - int(row[0])
                bonus[idx] += np.where(
                    nan | (excess <= 0), 0, np.minimum(tables.rope_max, excess // int(tables.rope_per_point * 1000))
                )
        hh, ww = h[idx], w[idx]
        body = ~(h_nan[idx] | w_nan[idx])
        missing[idx] |= ~body
        bmi10 = np.where(body, (2 * ww * 10**8 + hh * hh) // np.maximum(2 * hh * hh, 1), 0)
        cat = np.full(len(idx), "", dtype=object)
        for band, (lo_b, hi_b) in tables.bmi_bands[g][s].items():
            lo_i = -(10**9) if lo_b is None else int(lo_b * 10)
            hi_i = 10**9 if hi_b is None else int(hi_b * 10)
            inside = body & (bmi10 >= lo_i) & (bmi10 <= hi_i)
            cat[inside] = band
            std100[idx] += np.where(inside, int(tables.bmi_scores[band]) * int(weights["bmi"]), 0)
        bmi_cat[idx] = cat
    status = np.select([exempt, ~scorable, problem, missing], ["exempt", "refused", "refused", "incomplete"], "scored")
    bonus = np.minimum(bonus, tables.bonus_max)
    total10 = np.minimum(std100 + 100 * bonus, 100 * tables.total_max)  # × 100
    total10 = (total10 + 5) // 10  # half up to one decimal
    scored = status == "scored"
    level = np.select([total10 >= 900, total10 >= 800, total10 >= 600], ["excellent", "good", "pass"], "fail")
    df["status"], df["total10"] = status, np.where(scored, total10, 0)
    df["bmi_category"] = np.where(status == "exempt", "", bmi_cat)
    for k in ("excellent", "good", "pass", "fail"):
        df[f"level_{k}"] = (scored & (level == k)).astype(np.int64)
    for st in ("scored", "exempt", "incomplete", "refused"):
        df[st] = (status == st).astype(np.int64)
    for b in ("normal", "underweight", "overweight", "obese"):
        df[f"bmi_{b}"] = (df["bmi_category"] == b).astype(np.int64)
    scored_at = time.perf_counter()
    sums = [
        "scored",
        "exempt",
        "incomplete",
        "refused",
        "total10",
        *(f"level_{k}" for k in ("excellent", "good", "pass", "fail")),
        *(f"bmi_{b}" for b in ("normal", "underweight", "overweight", "obese")),
    ]
    base = df.groupby(["district", "school", "class_code", "grade", "sex"], observed=True)[sums].sum().reset_index()
    parts = []
    for keep in ((), ("school",), ("school", "class_code")):
        for by in (["grade", "sex"], ["grade"], ["sex"], []):
            if keep == ("school", "class_code") and "grade" not in by:
                continue
            parts.append(base.groupby(["district", *keep, *by], observed=True)[sums].sum().reset_index())
    out = pd.concat(parts, ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["pass_rate"] = np.round((out["scored"] - out["level_fail"]) * 100 / out["scored"], 1)
        out["mean_total"] = out["total10"] / 10 / out["scored"]
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "peak_mb": peak_mb(),
        "detail": {
            "pupils": n,
            "score_s": round(scored_at - start, 3),
            "statistics_s": round(end - scored_at, 3),
            "statistics_rows": len(out),
            "scored": int(scored.sum()),
            "sum_total": str(int(df["total10"].sum()) / 10),
        },
    }


def _province(pupils: int) -> str:
    return str(province_dir(pupils) / "**" / "*.parquet")


CASES: dict[str, Any] = {
    "read_xlsx_district_130k": lambda a: _read_xlsx(DISTRICT_XLSX, raise_limits=True),
    "read_xlsx_school_1300": lambda a: _read_xlsx(SCHOOL_XLSX),
    "district_core_per_pupil": lambda a: _core(DISTRICT_PARQUET),
    "district_columnar": lambda a: _columnar(str(DISTRICT_PARQUET)),
    "district_pandas": lambda a: _pandas(str(DISTRICT_PARQUET)),
    "province_columnar": lambda a: _columnar(_province(a)),
    "province_pandas": lambda a: _pandas(_province(a)),
}


def run(case: str, province: int, runs: int) -> dict[str, Any]:
    """``runs`` runs of a case, each in a fresh process; one only when the first takes ≥ 60 s."""
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_fitness", "--case", case, "--province", str(province)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
        if samples[0]["seconds"] >= 60:
            break
    seconds = [s["seconds"] for s in samples]
    return {
        "case": case,
        "runs": len(samples),
        "median_s": round(stats_mod.median(seconds), 3),
        "min_s": round(min(seconds), 3),
        "max_s": round(max(seconds), 3),
        "peak_mb": round(max(s["peak_mb"] for s in samples), 1),
        "detail": samples[-1]["detail"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("--quick", action="store_true", help="one run each, province of 350,000")
    parser.add_argument("--province", type=int, default=None, help=f"province pupils (default {PROVINCE_PUPILS:,})")
    parser.add_argument("--no-province-pandas", action="store_true")
    args = parser.parse_args()
    province = args.province or (PROVINCE_PUPILS // 10 if args.quick else PROVINCE_PUPILS)
    if args.case:
        print(json.dumps(CASES[args.case](province)))
        return
    data = prepare(province)
    runs = 1 if args.quick else 3
    cases = [c for c in CASES if not (args.no_province_pandas and c == "province_pandas")]
    results = {c: run(c, province, runs) for c in cases}
    ratios: dict[str, Any] = {}
    for scope in ("district", "province"):
        group = {c: r["median_s"] for c, r in results.items() if c.startswith(scope)}
        fastest = min(group.values())
        ratios[f"{scope}_to_fastest"] = {c: round(v / fastest, 2) for c, v in group.items()}
    payload = {
        "benchmark": "fitness standard: read the upload workbook; score + statistics (core, columnar, pandas)",
        "ran": {
            "command": " ".join(["python -m benchmarks.bench_fitness", *sys.argv[1:]]),
            "runs": runs,
            "province_pupils": province,
            "rule": "median of 3 fresh processes when a run < 60 s, else 1",
            "peak": "VmHWM of the case's own process (MB)",
        },
        "limits": {
            "read_xlsx_district_130k": DISTRICT_LIMITS,
            "note": "default ReadLimits refuse the 130,000-row workbook (E112, 64 MB of XML)",
        },
        "machine": machine(),
        "data": data,
        "results": results,
        "ratios": ratios,
        "agreement": {
            c: (r["detail"].get("scored"), r["detail"].get("sum_total"))
            for c, r in results.items()
            if "sum_total" in r["detail"]
        },
    }
    path = write_result("fitness", payload)
    print(json.dumps({k: (v["median_s"], v["peak_mb"]) for k, v in results.items()}, indent=1))
    print(f"written {path}")


if __name__ == "__main__":
    main()
