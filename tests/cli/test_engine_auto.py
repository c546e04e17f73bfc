"""`youjun assess` on one district computes in memory by default (--engine auto): the same
report.json as on DuckDB (every figure to 1e-9), without loading Ibis."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from youjun.cli.main import main

ASSESS_AND_SAY_IF_IBIS = ("import sys; from youjun.cli.main import main\n"
                          "code = main(sys.argv[1:])\n"
                          "print('IBIS' if 'ibis' in sys.modules else 'NO-IBIS')\n"
                          "sys.exit(code)")


@pytest.fixture(scope="module")
def one_district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("s") / "s.xlsx"
    assert main(["sample", "S", "--out", str(out)]) == 0
    return out


def _assess(data: Path, out: Path, *more: str) -> tuple[dict[str, Any], str]:
    done = subprocess.run([sys.executable, "-c", ASSESS_AND_SAY_IF_IBIS, "assess", str(data), "--out", str(out),
                           "--formats", "json", *more], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["run"].pop("generated_at")
    return report, done.stdout.strip().splitlines()[-1]


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b), key=str) for d in _differences(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items vs {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    if isinstance(a, float) and isinstance(b, float) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return []
    return [] if a == b else [f"{path}: {a!r} vs {b!r}"]


def test_one_district_in_memory_equals_duckdb(one_district: Path, tmp_path: Path) -> None:
    auto, auto_ibis = _assess(one_district, tmp_path / "auto")
    duck, duck_ibis = _assess(one_district, tmp_path / "duckdb", "--engine", "duckdb")
    assert (auto_ibis, duck_ibis) == ("NO-IBIS", "IBIS")
    assert auto["verdict"]["passes"] == duck["verdict"]["passes"] and auto["schools"]
    assert _differences(auto, duck) == []
    changed = json.loads(json.dumps(duck).replace(str(duck["schools"][0]["code"]), "X", 1))
    assert _differences(auto, changed)  # the comparison does see a difference


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("m3") / "m3"
    assert main(["sample", "M", "--districts", "3", "--scale", "0.12", "--out", str(out)]) == 0
    return out


def _folder(out: Path) -> dict[str, Any]:
    found = {"rollup": json.loads((out / "rollup.json").read_text(encoding="utf-8"))}
    for path in sorted(out.glob("*/report.json")):
        found[path.parent.name] = json.loads(path.read_text(encoding="utf-8"))
        found[path.parent.name]["run"].pop("generated_at")
    found["rollup"].pop("generated_at", None)
    return found


def test_a_province_in_memory_equals_duckdb(province: Path, tmp_path: Path) -> None:
    for engine in ("auto", "duckdb"):
        assert main(["assess", str(province), "--out", str(tmp_path / engine), "--formats", "json",
                     "--engine", engine, "--jobs", "1"]) == 0
    auto, duck = _folder(tmp_path / "auto"), _folder(tmp_path / "duckdb")
    assert sorted(auto) == ["500101", "500102", "500103", "rollup"]
    assert _differences(auto, duck) == []
