"""A province or nation run on several cores: each worker process reads, validates, assesses
and writes whole batches of districts; the main process hands out the batches, shows the
progress and keeps each district's small summary for the roll-up.

Why whole batches and not only the writing: building a district's result (its schools, items
and findings) is Python work as long as writing its report.json, and reading plus validating
a batch is a third as much again — all of it bound to one core per process. The workers are
*spawn* processes (safe beside DuckDB and threads in the parent; see ``report.parallel``);
each holds one batch at a time, so memory is about the workers times one batch.

The answer is the same as one process gives: every batch is assessed under the same rules
(read once, in the parent), each district's report.json names the hash of its own rows, and
the summaries come back in the districts' order whatever the order the batches finish in. A
worker that dies (killed for memory) breaks the pool: its batches, and any not yet run, are
then run in the main process.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from youjun.core.errors import Problem

# Districts a worker should have to itself before starting one pays (its start-up, imports
# and the indicator expressions' compilation, is about as long as assessing ten districts).
DISTRICTS_PER_WORKER = 10

_progress: Any = None  # the worker's end of the progress queue (set by ``_start_worker``)


@dataclass
class BatchOutcome:
    """What one batch gave: the summaries of its districts (in their order), the districts
    whose data has errors (with their problems) and the reports that could not be written."""

    summaries: list[dict[str, Any]] = field(default_factory=list)
    refused: dict[str, list[Problem]] = field(default_factory=dict)
    unwritten: list[Any] = field(default_factory=list)  # report.parallel.DistrictReports, each with its error


@dataclass(frozen=True)
class BatchJob:
    """Everything a worker needs for its batches (pickled once per batch)."""

    folder: Any  # a PartitionedFolder
    params: Any  # the AssessmentParams every batch is judged by
    source: str
    out: Path
    wanted: frozenset[str]  # districts with every format of ``formats``; the others report.json
    formats: tuple[str, ...]
    lang: str
    engine: str = "ibis"  # the indicators' engine: "ibis" (DuckDB) or "pandas" (in memory)


def workers_for(districts: int, jobs: int | None, cores: int) -> int:
    """How many worker processes a run of ``districts`` uses: ``jobs`` when given (at most one
    per district), else the machine's cores while each has DISTRICTS_PER_WORKER districts."""
    if jobs is not None:
        return max(1, min(jobs, districts))
    return max(1, min(cores, districts // DISTRICTS_PER_WORKER))


def chunks(codes: Sequence[str], batch: int, workers: int) -> list[list[str]]:
    """The batches handed out: at most ``batch`` districts each, as many as a multiple of
    ``workers`` and of sizes differing by one at most, so the workers finish together (the
    nation's 2,843 in 15 batches of 200 left one worker alone with the last batch, ~7 % of the
    run with a core idle; in 16 of 177–178 they end together)."""
    n = len(codes)
    if not n:
        return []
    each = max(1, workers)
    count = math.ceil(math.ceil(n / max(1, batch)) / each) * each
    count = min(count, n)
    size, extra = divmod(n, count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(list(codes[start:end]))
        start = end
    return out


def run_batch(job: BatchJob, codes: list[str], step: Callable[[int], None] | None = None) -> BatchOutcome:
    """Read, validate, assess and write one batch; ``step(n)`` after every n districts done."""
    from youjun.assess.engine import iter_assess
    from youjun.assess.rollup import district_summary
    from youjun.cli.assess_cmd import _write, _write_card
    from youjun.report.parallel import DistrictReports, district_label

    gc.collect()  # the previous batch's reference cycles: the collector is off in a worker (_start_worker)
    tell = step or _tell
    outcome = BatchOutcome()
    batch = job.folder.read(codes)
    if batch.refused:
        outcome.refused = dict(batch.refused)
        tell(len(batch.refused))
    if not batch.codes:
        return outcome
    for result in iter_assess(batch.tables, job.params, source=job.source, engine=job.engine, own_hashes=True):
        code = result["district"]["code"]
        target = job.out / code
        summary = district_summary(result)
        try:
            _write(result, target, job.formats if code in job.wanted else ("json",), job.lang, in_run=True)
            error = _write_card(summary, target, job.lang, job.formats, job.wanted)
        except Exception as exc:  # one district's failure is named; the others go on
            error = f"{type(exc).__name__}: {exc}"
        if error is not None:
            outcome.unwritten.append(DistrictReports(district_label(result, target), target, error=error))
        outcome.summaries.append(summary)
        tell(1)
    return outcome


def run_parallel(job: BatchJob, batches: list[list[str]], workers: int,
                 step: Callable[[int], None], meanwhile: Callable[[], None] | None = None) -> list[BatchOutcome]:
    """Every batch run by ``workers`` processes; the outcomes in the order of ``batches``.
    ``meanwhile`` is run here once the batches are handed out (what the main process needs
    after them, e.g. the roll-up's imports, is then off the run's critical path)."""
    context = multiprocessing.get_context("spawn")
    queue = context.SimpleQueue()
    outcomes: dict[int, BatchOutcome] = {}
    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(queue, "pdf" in job.formats and bool(job.wanted))) as pool:
        futures: dict[Future[BatchOutcome], int] = {pool.submit(run_batch, job, codes): i
                                                     for i, codes in enumerate(batches)}
        pending = set(futures)
        try:
            if meanwhile is not None:
                meanwhile()
            while pending:
                done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                _drain(queue, step)
                for future in done:
                    try:
                        outcomes[futures[future]] = future.result()
                    except BrokenProcessPool:
                        broken.append(futures[future])
        except BaseException:  # Ctrl-C, or a defect in a batch: nothing more is begun or finished
            _stop_workers(pool)
            raise
        _drain(queue, step)
    for i in sorted(broken):  # a worker died: its batches again, here, one at a time
        outcomes[i] = run_batch(job, batches[i], step)
    return [outcomes[i] for i in range(len(batches))]


def _drain(queue: Any, step: Callable[[int], None]) -> None:
    while not queue.empty():
        step(queue.get())


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now. They ignore Ctrl-C (``_start_worker``): a worker that took it would
    record it as its batch's failure and go on to the next batch already queued to it, so a run
    of small batches finished nearly every district after Ctrl-C. A report being written when its
    worker ends is left as its temporary file, never as a truncated report.json."""
    processes = list((pool._processes or {}).values())  # no public way before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)  # (forgets its processes: taken first)
    for process in processes:
        if process.is_alive():
            process.terminate()


def _start_worker(queue: Any, pdf: bool) -> None:
    import atexit
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to act on
    # A worker ends when the pool is shut down, after its last batch is written and its streams
    # flushed (multiprocessing does both before the interpreter's exit); the interpreter's own
    # teardown, freeing pandas and Arrow object by object, then took ~0.2 s the main process
    # waited for at the end of every run. The first exit handler ends the process instead.
    atexit.register(os._exit, 0)
    gc.disable()  # a batch's results hold hardly a reference cycle; run_batch collects once per batch
    global _progress
    _progress = queue
    if pdf:
        from youjun.report.parallel import _warm_worker

        _warm_worker(True)


def _tell(n: int) -> None:
    if _progress is not None:
        _progress.put(n)


__all__ = ["BatchJob", "BatchOutcome", "chunks", "run_batch", "run_parallel", "workers_for"]
