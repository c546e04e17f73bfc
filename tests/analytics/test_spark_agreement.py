"""The whole assessment of a province (M: 38 districts) through the command line on Spark
(local[2]) equals the one on DuckDB: every number of every district's report.json within 1e-9
(relative), every other field equal (the time it was made apart), and the same roll-up. Then the
same data read by Spark itself from a URI (file://, as an object store would be) gives the same
results again."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import pytest

from tests.run_output import district_reports
from youjun.cli.main import main

pytest.importorskip("pyspark.sql")
pytestmark = pytest.mark.slow

M_DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "M-parquet"


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if M_DATA.is_dir():
        return M_DATA
    out = tmp_path_factory.mktemp("m") / "M-parquet"
    assert main(["sample", "M", "--out", str(out)]) == 0
    return out


def _agree(a: Any, b: Any, where: str = "") -> list[str]:
    """Where ``a`` and ``b`` differ: numbers beyond 1e-9 relative, anything else at all."""
    if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) \
            or not isinstance(b, (int, float)):
        if isinstance(a, dict) and isinstance(b, dict):
            if a.keys() != b.keys():
                return [f"{where}: keys {sorted(a.keys() ^ b.keys())}"]
            return [d for k in a for d in _agree(a[k], b[k], f"{where}.{k}")]
        if isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                return [f"{where}: {len(a)} items vs {len(b)}"]
            return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _agree(x, y, f"{where}[{i}]")]
        return [] if a == b and type(a) is type(b) else [f"{where}: {a!r} vs {b!r}"]
    return [] if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) else [f"{where}: {a!r} vs {b!r}"]


def _results(out: Path) -> dict[str, Any]:
    return {"rollup": json.loads((out / "rollup.json").read_text(encoding="utf-8")), **district_reports(out)}


def test_spark_gives_the_figures_duckdb_gives(province: Path, tmp_path: Path) -> None:
    seconds = {}
    for engine in ("duckdb", "spark"):
        began = time.monotonic()
        assert main(["assess", str(province), "--out", str(tmp_path / engine), "--formats", "json",
                     "--engine", engine]) == 0
        seconds[engine] = time.monotonic() - began
    duck, spark = _results(tmp_path / "duckdb"), _results(tmp_path / "spark")
    assert len(duck) == len(list(province.glob("districts/district=*"))) + 1
    assert _agree(spark, duck) == []
    print(f"M through the CLI: duckdb {seconds['duckdb']:.1f} s, spark local[2] {seconds['spark']:.1f} s")

    # the same folder as a URI, read by Spark (as s3a://, hdfs://… would be)
    assert main(["assess", province.as_uri(), "--out", str(tmp_path / "uri"), "--formats", "json",
                 "--engine", "spark"]) == 0
    by_uri = _results(tmp_path / "uri")
    for code, result in by_uri.items():
        if code != "rollup":
            assert result["run"].pop("source") == province.as_uri()
            duck[code]["run"].pop("source")
    assert _agree(by_uri, duck) == []


def test_a_uri_spark_cannot_read_is_refused_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uri = (tmp_path / "not-there").as_uri()
    assert main(["assess", uri, "--out", str(tmp_path / "o"), "--engine", "spark"]) == 2
    err = capsys.readouterr().err
    assert "E864" in err and uri in err and "districts" in err and "Traceback" not in err
