"""Many districts' reports rendered side by side in a pool of worker processes.

A province or nation run asks for the reports of many districts; a PDF is WeasyPrint's
Python work on a few thousand table cells (see ``youjun.report.pdf``), bound to one core. The
pool uses the *spawn* start method (safe beside DuckDB, Pango and threads in the parent, and
the only one on macOS and Windows); each worker imports the renderers and loads the fonts
once (``pdf.warm``) before its first district. One district that fails is reported with its
error and does not stop the others; a worker that dies takes only its own district down with
it (the others it had not finished are run again).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from youjun.report.messages import check_lang
from youjun.report.write import FORMATS, write_reports

Job = tuple[Mapping[str, Any], "str | Path"]


@dataclass(frozen=True)
class DistrictReports:
    """What was written for one district: format → path, or the error that stopped it."""

    district: str  # "<code> <name>" of the result, or the target folder when it has none
    target: Path
    paths: dict[str, Path] = field(default_factory=dict)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def district_label(result: Mapping[str, Any], target: Path) -> str:
    """'500118 永川区' from the result's district, or the target folder's name."""
    district = result.get("district") if isinstance(result, Mapping) else None
    if isinstance(district, Mapping) and district.get("code"):
        return " ".join(str(district[k]) for k in ("code", "name") if district.get(k))
    return target.name


def write_reports_parallel(jobs: Sequence[Job], lang: str = "zh",
                           formats: Iterable[str] = FORMATS,
                           workers: int | None = None) -> list[DistrictReports]:
    """Write ``write_reports(result, target, lang, formats)`` for every ``(result, target)``
    of ``jobs``, ``workers`` at a time (default: the machine's cores, at most one per job).

    Workers are started with *spawn*: the caller's main module must not start a run when
    imported (the ``if __name__ == "__main__":`` guard). Returns one ``DistrictReports`` per
    job, in the order of ``jobs``: the paths written, or the error (``ExceptionType:
    message``) that stopped that district. An unknown language or
    format raises ``ValueError`` before anything is written.
    """
    check_lang(lang)
    wanted = tuple(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {unknown}; expected some of {FORMATS}")
    targets = [Path(target) for _, target in jobs]
    n = min(workers or os.cpu_count() or 1, len(jobs))
    if n <= 1:
        return [_write_one(result, target, lang, wanted)
                for (result, _), target in zip(jobs, targets, strict=True)]
    done: dict[int, DistrictReports] = {}
    broken = _run_pool(jobs, targets, list(range(len(jobs))), lang, wanted, n, done)
    # A worker that died (killed for memory, a crash in C) breaks the whole pool: every
    # district it had not finished is run again alone, so only the one that kills its worker
    # is reported failed.
    in_a_row = 0
    for i in broken:
        if in_a_row >= 2 and not any(d.ok for d in done.values()):
            # Not one district has been written and every worker dies: the workers cannot
            # run here at all (e.g. the main module starts the run again on import).
            done[i] = _failed(jobs[i][0], targets[i], BrokenProcessPool(
                "no worker process could render a report"))
        elif _run_pool(jobs, targets, [i], lang, wanted, 1, done):
            done[i] = _failed(jobs[i][0], targets[i], BrokenProcessPool(
                "the worker process rendering this district died"))
            in_a_row += 1
        else:
            in_a_row = 0
    return [done[i] for i in range(len(jobs))]


def _run_pool(jobs: Sequence[Job], targets: list[Path], indices: list[int], lang: str,
              formats: tuple[str, ...], workers: int,
              done: dict[int, DistrictReports]) -> list[int]:
    """Run ``indices`` in one pool, filling ``done``; returns those the pool broke under."""
    broken: list[int] = []
    with spawn_pool(min(workers, len(indices)), formats) as pool:
        futures: dict[int, Future[DistrictReports]] = {
            i: pool.submit(_write_one, jobs[i][0], targets[i], lang, formats) for i in indices}
        for i, future in futures.items():
            try:
                done[i] = future.result()
            except BrokenProcessPool:
                broken.append(i)
            except Exception as exc:  # e.g. a result that cannot be pickled
                done[i] = _failed(jobs[i][0], targets[i], exc)
    return broken


def spawn_pool(workers: int, formats: Iterable[str]) -> ProcessPoolExecutor:
    """The one kind of pool both ways of writing use: *spawn* workers (see the module's
    docstring), each warmed for the formats it will write."""
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn"),
                               initializer=_warm_worker, initargs=("pdf" in tuple(formats),))


def _warm_worker(pdf: bool) -> None:
    """Each worker imports the renderers and loads the fonts before its first district."""
    if pdf:
        from youjun.report.pdf import warm

        # A failure here (no CJK font) is reported by each district's own render.
        with contextlib.suppress(Exception):
            warm()


def _write_one(result: Mapping[str, Any], target: Path, lang: str,
               formats: tuple[str, ...]) -> DistrictReports:
    try:
        paths = write_reports(result, target, lang, formats)
    except Exception as exc:  # one district's failure is reported, not raised
        return _failed(result, target, exc)
    return DistrictReports(district_label(result, target), target, paths)


def _failed(result: Mapping[str, Any], target: Path, exc: BaseException) -> DistrictReports:
    return DistrictReports(district_label(result, target), target,
                           error=f"{type(exc).__name__}: {exc}")


class BackgroundWriter:
    """Reports written by worker processes while the caller goes on building the next
    district's result (a province or nation run writes each district's report.json: the
    canonical JSON of a district is Python work as long as building its result).

    ``submit`` hands a result over (pickled, in C) and returns at once; at most ``pending``
    results wait, after which ``submit`` waits for the oldest, so memory stays bounded.
    ``finish`` waits for all and returns the districts that failed, with their errors.
    """

    def __init__(self, lang: str = "zh", formats: Iterable[str] = ("json",), workers: int = 1,
                 pending: int = 8) -> None:
        check_lang(lang)
        self.lang, self.formats, self.limit = lang, tuple(formats), max(1, pending)
        self.pool = spawn_pool(workers, self.formats)
        self.waiting: list[tuple[Mapping[str, Any], Path, Future[DistrictReports]]] = []
        self.failed: list[DistrictReports] = []

    def submit(self, result: Mapping[str, Any], target: str | Path) -> None:
        target = Path(target)
        try:
            future = self.pool.submit(_write_one, result, target, self.lang, self.formats)
        except BrokenProcessPool:  # a worker died earlier: the rest are written here
            done = _write_one(result, target, self.lang, self.formats)
            if not done.ok:
                self.failed.append(done)
            return
        self.waiting.append((result, target, future))
        while len(self.waiting) > self.limit:
            self._collect(self.waiting.pop(0))

    def finish(self) -> list[DistrictReports]:
        """Wait for every report handed over; the districts whose reports failed."""
        while self.waiting:
            self._collect(self.waiting.pop(0))
        failed, self.failed = self.failed, []
        return failed

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _collect(self, item: tuple[Mapping[str, Any], Path, Future[DistrictReports]]) -> None:
        result, target, future = item
        try:
            done = future.result()
        except BrokenProcessPool:  # the worker died (killed for memory): this district alone, here
            done = _write_one(result, target, self.lang, self.formats)
        except Exception as exc:  # e.g. a result that cannot be pickled
            done = _failed(result, target, exc)
        if not done.ok:
            self.failed.append(done)


__all__ = ["BackgroundWriter", "DistrictReports", "district_label", "write_reports_parallel"]
