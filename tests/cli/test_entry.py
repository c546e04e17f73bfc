"""The console script ends a finished assessment without the interpreter's teardown
(``youjun.cli.main.entry``): what it printed to a pipe, its exit code and its files must all be
there as after an ordinary exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from youjun.cli.main import main

SCRIPT = Path(sys.executable).with_name("youjun")  # the console script a user runs


def _run(*words: str) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "youjun.cli.main"]
    # without PYTHONUNBUFFERED a pipe is block-buffered, as for a user's `youjun … | tee log`
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([*command, *words], capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def two_districts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("entry") / "province"
    assert main(["sample", "M", "--districts", "2", "--scale", "0.12", "--out", str(out)]) == 0
    return out


def test_a_piped_assessment_keeps_its_last_line_code_and_files(two_districts: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = _run("assess", str(two_districts), "--out", str(out), "--formats", "json")
    assert run.returncode == 0, run.stderr
    # an exit that skipped the flush would lose these lines
    assert "rollup.html" in run.stdout
    codes = [p.name for p in out.iterdir() if p.is_dir()]
    assert len(codes) == 2
    for code in codes:
        assert json.loads((out / code / "report.json").read_text(encoding="utf-8"))["district"]["code"] == code
    assert json.loads((out / "rollup.json").read_text(encoding="utf-8"))


def test_a_failed_assessment_keeps_its_message_and_exit_code(tmp_path: Path) -> None:
    run = _run("assess", str(tmp_path / "missing-folder"), "--out", str(tmp_path / "out"))
    assert run.returncode != 0
    assert "E859" in run.stdout + run.stderr


def test_output_piped_into_a_reader_that_leaves_is_no_defect(tmp_path: Path) -> None:
    """`youjun validate F | head -3` (walk 41): when the reader closes the pipe, the command
    stops quietly with 141 (128 + SIGPIPE), not "[E869 错误] youjun 内部错误（BrokenPipeError）"."""
    from tests.ingest.tiny_district import tiny_district
    from youjun.ingest.writers import write_tables

    tables = tiny_district()
    tables["evidence"] = tables["evidence"].iloc[0:0]  # W507 and more: several lines to print
    path = tmp_path / "d.xlsx"
    write_tables(tables, path, "xlsx")
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "youjun.cli.main"]
    proc = subprocess.Popen([*command, "validate", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader leaves before the command has written anything
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert "E869" not in err and "BrokenPipeError" not in err and "Traceback" not in err, err
    assert code == 141, code
