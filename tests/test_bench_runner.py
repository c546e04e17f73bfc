"""`make bench` runs benchmarks/run.py: it finds every bench_*.py, each has a main() to run,
and an unknown name is refused before anything runs."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from benchmarks import run


def test_the_runner_finds_every_benchmark_and_each_can_be_run() -> None:
    files = sorted(p.stem.removeprefix("bench_") for p in (Path(run.__file__).parent).glob("bench_*.py"))
    assert run.benchmarks() == files and "fitness" in files
    for name in files:
        assert callable(getattr(importlib.import_module(f"benchmarks.bench_{name}"), "main", None)), name


def test_an_unknown_benchmark_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run.main(["no_such_bench"])
    assert "no_such_bench" in capsys.readouterr().err
