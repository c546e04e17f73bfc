"""The scale benchmark's floor is a real computation: its one DuckDB query gives each district's
pupil-weighted CV of the teachers per 100 pupils, as computed here by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from benchmarks.bench_scale import FLOOR_SQL


def _write(root: Path, table: str, district: str, rows: dict[str, list[object]]) -> None:
    folder = root / table / f"district={district}"
    folder.mkdir(parents=True)
    pq.write_table(pa.table(rows), folder / "part-0.parquet")


def test_the_floor_query_computes_the_weighted_cv(tmp_path: Path) -> None:
    schools = {"A": [("a1", 100, 5), ("a2", 300, 9), ("a3", 50, 4)], "B": [("b1", 200, 10), ("b2", 200, 10)]}
    for district, rows in schools.items():
        grades: dict[str, list[object]] = {f"students_g{g}": [n if g == 1 else None for _, n, _ in rows]
                                           for g in range(1, 10)}
        _write(tmp_path, "schools", district, {"school_code": [c for c, _, _ in rows],
                                               "district_code": [district] * len(rows), **grades})
        ids = [(c, i) for c, _, t in rows for i in range(t)]
        _write(tmp_path, "teachers", district, {
            "teacher_id": [f"{c}-{i}" for c, i in ids], "school_code": [c for c, _ in ids],
            "key_teacher_level": [None if i % 2 else "county" for _, i in ids],
            "pe_art_specialist": [i == 0 for _, i in ids]})
    import duckdb

    got = {r[0]: r[1] for r in duckdb.connect().execute(FLOOR_SQL.format(root=tmp_path.as_posix())).fetchall()}

    def cv(rows: list[tuple[str, int, int]]) -> float:
        w = [n for _, n, _ in rows]
        x = [100 * t / n for _, n, t in rows]
        mean = sum(a * b for a, b in zip(w, x, strict=True)) / sum(w)
        var = sum(a * (b - mean) ** 2 for a, b in zip(w, x, strict=True)) / sum(w)
        return math.sqrt(var) / mean

    assert math.isclose(got["A"], cv(schools["A"]), rel_tol=1e-12)
    assert got["B"] == 0 and cv(schools["A"]) > 0.2
