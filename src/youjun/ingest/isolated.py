"""Validate a file in a child process, so a reader that aborts, runs out of memory or hangs
costs the child and never the caller (a web worker with other users' requests, or the CLI).

The child is a fresh interpreter (``python -m youjun.ingest.isolated``), not a fork: forking a
threaded server is unsafe. It reads the job (path and limits) from stdin, limits its own
address space (``RLIMIT_AS``) and CPU time before opening the file, and writes the pickled
``ValidationResult`` to a file in a private temporary folder. The parent waits at most
``timeout_s``, then kills it; any end without a result becomes problem E118, which says how
far the reader got (peak memory and seconds). The web has the child validate too; the command
line has it read the cells only and validates them itself (``validate_guarded``).
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from youjun.core.errors import Location, Problem, problem
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.read_ahead import WORKBOOK_SUFFIXES, ReadAhead

if TYPE_CHECKING:  # pandas: imported when a result is made, not before the child starts
    from youjun.ingest.validate import ValidationResult

POLL_S = 0.02
HWM_EVERY_S = 0.1
log = logging.getLogger(__name__)


def own_peak_mb() -> float:
    """This process's own peak RSS (VmHWM). ru_maxrss is not: after fork+exec it starts from
    the parent's RSS, so a child of a 400 MB server would report at least 400 MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class ChildRun:
    """How the child ended: its result (None if it produced none), peak RSS and wall time."""

    result: object | None
    peak_mb: float
    seconds: float
    returncode: int
    timed_out: bool


def validate_isolated(path: str | Path, limits: ReadLimits | None = None,
                      meanwhile: Callable[[], None] | None = None) -> ValidationResult:
    """``validate_path`` in a child process bounded by ``limits.max_memory_mb`` and
    ``limits.timeout_s``; a child that ends without a result gives a result with E118.
    ``meanwhile`` runs in this process while the child reads (the caller's own imports)."""
    lim = limits or ReadLimits.from_env()
    run = run_child(str(path), lim, meanwhile)
    # Imported once the child has started: pandas (~0.3 s) is imported meanwhile, beside it.
    from youjun.ingest.validate import ValidationResult

    if isinstance(run.result, ValidationResult):
        return run.result
    return ValidationResult({}, [stopped_problem(str(path), lim, run)])


def stopped_problem(path: str, limits: ReadLimits, run: ChildRun) -> Problem:
    if run.timed_out:
        zh, en = f"超过时间上限 {limits.timeout_s:g} 秒", f"over the time limit of {limits.timeout_s:g} s"
    elif run.returncode < 0:
        sig = -run.returncode
        name = signal.Signals(sig).name if sig in signal.valid_signals() else str(sig)
        zh = f"读取程序异常终止（{name}），内存上限 {limits.max_memory_mb} MB"
        en = f"the reader crashed ({name}); memory limit {limits.max_memory_mb} MB"
    else:
        zh, en = f"读取程序退出码 {run.returncode}", f"the reader exited with code {run.returncode}"
    return problem("E118", Location(file=path), f"{run.peak_mb:.0f} MB / {run.seconds:.1f} s",
                   detail_zh=zh, detail_en=en)


def run_child(path: str, limits: ReadLimits, meanwhile: Callable[[], None] | None = None,
              task: str = "validate") -> ChildRun:
    """Validate ``path`` in a bounded child (``task`` "validate"; also used by benchmarks and
    tests), or only read a workbook's cells there ("read": a ``ReadAhead``, or the ordinary
    reader's ``RawSource`` where the cells could not be read ahead)."""
    folder = tempfile.mkdtemp(prefix="youjun-read-")  # 0700: the result never leaks
    out = Path(folder) / "result.pickle"
    try:
        code, timed_out, seconds = run_module("youjun.ingest.isolated", pickle.dumps((path, limits, str(out), task)),
                                              Path(folder), limits.timeout_s, meanwhile)
        result = None
        if code == 0 and out.exists():
            with out.open("rb") as fh:
                result = pickle.load(fh)  # written by our own child only
        else:
            tail = (Path(folder) / "stderr.txt").read_bytes()[-2000:].decode("utf-8", "replace")
            log.warning("isolated reader stopped on %s (code %s, timed out %s): %s", path, code, timed_out, tail)
        return ChildRun(result, _last_peak(out), seconds, code, timed_out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_module(module: str, job: bytes, folder: Path, timeout_s: float,
               meanwhile: Callable[[], None] | None = None) -> tuple[int, bool, float]:
    """Run ``python -m module`` with ``job`` on its stdin and its stderr in ``folder/stderr.txt``;
    reap it, killing it after ``timeout_s``: (exit code, timed out, seconds). The one bounded
    child of the readers, shared by the error workbook's copy."""
    started = time.perf_counter()
    with (folder / "stderr.txt").open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", module], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=err, close_fds=True)
    try:
        assert proc.stdin is not None
        try:
            proc.stdin.write(job)
            proc.stdin.close()
        except BrokenPipeError:
            pass
        if meanwhile is not None:
            meanwhile()
        status, timed_out = _wait(proc, started + timeout_s)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by _wait: tell Popen
        return proc.returncode, timed_out, seconds
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()


def _wait(proc: subprocess.Popen[bytes], deadline: float) -> tuple[int, bool]:
    """Reap this very child (waitpid), killing it at the deadline."""
    while True:
        pid, status = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            return status, False
        if time.perf_counter() >= deadline:
            proc.kill()
            _, status = os.waitpid(proc.pid, 0)
            return status, True
        time.sleep(POLL_S)


def _last_peak(out: Path) -> float:
    return read_peak(out.with_suffix(".hwm"))


def read_peak(path: Path) -> float:
    try:
        return float(path.read_text() or 0)
    except (OSError, ValueError):
        return 0.0


def report_peak(path: Path) -> None:
    """A daemon thread of the child: its peak RSS on disk every 0.1 s, so the parent can say how
    far a reader got even when it is killed or aborts."""
    import threading

    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)

    def loop() -> None:
        while True:
            text = f"{own_peak_mb():.1f}".ljust(16).encode()
            os.pwrite(fd, text, 0)
            time.sleep(HWM_EVERY_S)

    threading.Thread(target=loop, daemon=True, name="youjun-peak").start()


# --- the child -------------------------------------------------------------------------------

def _limit_self(limits: ReadLimits) -> None:
    memory = limits.max_memory_mb * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or memory < hard:
        resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    cpu = int(limits.timeout_s) + 2  # belt and braces: the parent's wall-clock kill comes first
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or cpu < hard:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))


def _child() -> int:
    path, limits, out, task = pickle.loads(sys.stdin.buffer.read())
    _limit_self(limits)
    report_peak(Path(out).with_suffix(".hwm"))
    if task == "read":  # the cells only: no pandas in this process, unless they cannot be read ahead
        from youjun.ingest.read_ahead import read_ahead

        ahead = read_ahead(path, limits)
        if ahead is None:  # the ordinary reader meets what went wrong and says it
            from youjun.ingest.readers import read_source

            _write_result(read_source(path, limits), out)
        else:
            _write_result(ahead, out)
        return 0
    # The validator's imports (pandas, Arrow: ~0.4 s) in a thread while the workbook is
    # inspected and read here (``read_ahead``: pandas-free); the two overlap.
    import importlib
    import threading

    from youjun.ingest.read_ahead import read_ahead

    warm = threading.Thread(target=importlib.import_module, args=("youjun.ingest.validate",),
                            daemon=True, name="youjun-imports")
    warm.start()
    ahead = read_ahead(path, limits)
    warm.join()
    from youjun.ingest.readers import read_source
    from youjun.ingest.validate import validate_source

    _write_result(validate_source(read_source(path, limits, ahead)), out)
    return 0


def _write_result(payload: object, out: str) -> None:
    tmp = Path(out).with_suffix(".part")
    with tmp.open("wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(out)


def needs_isolation(path: str | Path) -> bool:
    """Workbooks go through a native reader that can abort the process; CSV and Parquet are read
    by bounded Python/Arrow code checked against the limits first, so they stay in-process."""
    p = Path(path)
    if p.is_dir():
        return any(c.suffix.lower() in WORKBOOK_SUFFIXES for c in p.iterdir() if c.is_file())
    return p.suffix.lower() in WORKBOOK_SUFFIXES


def validate_guarded(path: str | Path, limits: ReadLimits | None = None,
                     meanwhile: Callable[[], None] | None = None) -> ValidationResult:
    """What the CLI uses: for a workbook, its cells read in a bounded child and validated here;
    ``validate_path`` with the limits otherwise. ``meanwhile`` runs while a workbook's child
    reads it (else first).

    Only the reading is the child's on the command line: the inspection, the zip and the native
    reader — what can abort a process or allocate past the limits — run there, and what comes
    back is cells the inspection has bounded. Validating them here, where pandas is imported
    meanwhile, halves the child's work (a one-district workbook ~0.2 s sooner). A workbook whose
    cells cannot be read ahead (one the reader cannot open) is read there by the ordinary reader,
    which says what is wrong with it. The web validates in the child (``validate_isolated``): a server
    process keeps the memory limit for the validation as well."""
    lim = limits or ReadLimits.from_env()
    if not needs_isolation(path):
        if meanwhile is not None:
            meanwhile()
        from youjun.ingest.readers import read_source
        from youjun.ingest.validate import validate_source

        return validate_source(read_source(path, lim))
    if not Path(path).is_file():  # a folder that holds workbooks: validated in its child
        return validate_isolated(path, lim, meanwhile)
    run = run_child(str(path), lim, meanwhile, task="read")
    from youjun.ingest.readers import RawSource, read_source
    from youjun.ingest.validate import ValidationResult, validate_source

    if isinstance(run.result, RawSource):  # read there as a whole: the cells could not be read ahead
        return validate_source(run.result)
    if not isinstance(run.result, ReadAhead):  # it ended without a result: as validate_isolated says it
        return ValidationResult({}, [stopped_problem(str(path), lim, run)])
    return validate_source(read_source(path, lim, run.result))

if __name__ == "__main__":
    sys.exit(_child())
