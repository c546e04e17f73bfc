"""SIGKILL at random points (issue 9, "Faults"): a CLI import into DuckDB, and a web process in
the middle of an upload's confirm, an assessment run or a plan. After each kill the database
opens, holds exactly the old or the new snapshot (its stored hash is the hash of its rows), and
after the restart's reaping no task is left queued or running."""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import fresh_database
from tests.web.proc import BIN, ROOT, env_for

pytestmark = pytest.mark.slow
KILLS = int(os.environ.get("YOUJUN_FAULT_KILLS", "6"))


def _kill_after(cmd: list[str], env: dict[str, str], delay: float) -> tuple[str, int]:
    """Start ``cmd``, SIGKILL it after ``delay`` s (if still alive); its output and exit code."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        proc.wait(delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return out, proc.returncode


def _kill_in_step(cmd: list[str], env: dict[str, str], step: str, delay: float) -> tuple[str, int]:
    """Start ``cmd``; ``delay`` s after it announces ``step``, SIGKILL it; its output and exit code."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.split()[0] == step:
            break
    try:
        proc.wait(delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return "".join(lines) + out, proc.returncode


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[str, float]:
    t0 = time.monotonic()
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout, time.monotonic() - t0


# -- the CLI import into DuckDB ------------------------------------------------------------------

def _duckdb_state(db: Path) -> tuple[str, float, int, int]:
    """(stored hash, books of the first school as stored, rows of other snapshots, snapshots)."""
    import duckdb

    from youjun.core.schema import TABLES
    from youjun.ingest.store import load_snapshot

    snap, tables = load_snapshot(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM snapshots").fetchone()[0]  # type: ignore[index]
        stray = sum(con.execute(f"SELECT count(*) FROM {t.key} WHERE snapshot_id <> ?",  # type: ignore[index]
                                [snap.snapshot_id]).fetchone()[0] for t in TABLES)
    finally:
        con.close()
    first = tables["facilities"].sort_values("school_code").iloc[0]
    return snap.data_hash, float(first["books"]), int(stray), int(n)


def variant(n: int) -> Any:
    """The tiny district, or (n odd) the same with 100 more books in its first school."""
    from tests.ingest.tiny_district import tiny_district

    tables = tiny_district()
    tables["facilities"].loc[0, "books"] = float(tables["facilities"].loc[0, "books"]) + 100 * (n % 2)
    return tables


def test_killed_cli_import_leaves_the_old_or_the_new_snapshot(tmp_path: Path) -> None:
    from youjun.ingest.store import data_hash
    from youjun.ingest.writers import write_tables

    files = []
    for n in (0, 1):
        path = tmp_path / f"v{n}.xlsx"
        tables = variant(n)
        write_tables(tables, path, "xlsx")
        books = float(tables["facilities"].sort_values("school_code").iloc[0]["books"])
        files.append((path, data_hash(tables), books))
    books_of = {h: b for _p, h, b in files}
    db = tmp_path / "youjun.duckdb"
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}"}
    _out, took = _timed([str(BIN / "youjun"), "import", str(files[0][0]), "--db", str(db)], env)
    current = files[0][1]
    assert _duckdb_state(db) == (current, books_of[current], 0, 1)
    rng = random.Random(9)
    outcomes = []
    for i in range(KILLS):
        path, target, _books = files[1] if current == files[0][1] else files[0]
        # Most of an import's time is start-up and validation: kill in its last part, or just after it.
        _kill_after([str(BIN / "youjun"), "import", str(path), "--db", str(db)], env, took * rng.uniform(0.6, 1.1))
        stored, books, stray, count = _duckdb_state(db)
        # exactly the old or the new snapshot: its own rows, none of the other, one snapshot row
        assert stored in (current, target) and books == books_of[stored] and stray == 0 and count == 1, \
            (i, stored, books, stray, count)
        outcomes.append("new" if stored == target else "old")
        current = stored
    print("cli import kills:", outcomes)


# -- the web process: confirm, run, plan ---------------------------------------------------------

def test_killed_web_process_leaves_a_whole_database_and_no_running_task(tmp_path: Path) -> None:
    env = env_for(tmp_path, fresh_database("", "youjun_kill", tmp_path))  # a copy of a migrated database
    worker = [sys.executable, "-m", "tests.faults.web_worker"]
    out, _ = _timed([*worker, "setup"], env)
    hashes = json.loads(out.strip().splitlines()[-1])
    valid = {hashes["old"], hashes["new"]}
    out, _took = _timed([*worker, "act", "1"], env)  # the whole path once, unkilled, to time its steps
    marks = [line.split() for line in out.strip().splitlines()[1:]]
    assert [m[0] for m in marks] == ["upload", "confirm", "run", "plan", "end"], marks
    windows = [(m[0], float(m[1]), float(nxt[1])) for m, nxt in itertools.pairwise(marks)][1:]
    rng = random.Random(10)
    seen: list[list[str]] = []
    reaped = 0

    def _pick(rng: random.Random, windows: list[tuple[str, float, float]], i: int) -> tuple[str, float]:
        step, start, end = windows[i % len(windows)]
        return step, rng.uniform(0, end - start)

    def _check(out: str, code: int, last: bool) -> list[str]:
        """The restart's findings at the top of ``out`` (the state the previous kill left), and the
        steps this process reached."""
        nonlocal reaped
        lines = out.strip().splitlines()
        if not lines:  # killed while it started and reaped: the next restart checks that too
            assert not last and code == -signal.SIGKILL
            return ["start"]
        found = json.loads(lines[0])
        assert found["integrity"] == "ok", found
        assert found["current"] == 1 and found["hash"] in valid and found["hash_of_tables"] == found["hash"], found
        assert set(found["tasks"]) <= {"done", "failed"}, found  # reaped: nothing queued or running
        assert set(found["errors"]) <= {"E830"}, found
        reaped += found["reaped"]
        return [line.split()[0] for line in lines[1:]]

    for i in range(KILLS):
        # A step of tens of ms (the plan) may end before a loaded machine delivers the kill: then
        # the same step is tried again with a shorter delay. Every try's restart is checked.
        step, delay = _pick(rng, windows, i)
        for attempt in range(4):
            steps = _check(*_kill_in_step([*worker, "act", str(i)], env, step, delay / 4 ** attempt), last=False)
            if steps[-1:] != ["end"]:
                break
        seen.append(steps)
    _check(_timed([*worker, "check"], env)[0], 0, last=True)
    seen.append([])
    reached = [s[-1] if s else "checked" for s in seen[:-1]]
    print("web kills (step reached):", reached, "tasks reaped at restart:", reaped)
    assert {"run", "plan"} <= set(reached) and reached.count("confirm") >= 1, reached  # kills inside the work
    assert reaped >= 1  # a task the kill left running was failed by the restart, not left "running"
