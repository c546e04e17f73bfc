"""Background tasks as database rows (queued -> running -> done | failed), shared by every app.

A task row has ``status``, ``progress``, ``stage`` and ``heartbeat``. The page that started it
polls the row. ``YOUJUN_TASKS=thread`` (default) executes a task in a thread of the process that
took the request; ``eager`` executes it before the request returns (tests, the CLI).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, models, transaction
from django.utils import timezone

from youjun.web.apps.platform.models import Task

log = logging.getLogger("youjun.web.tasks")
STALE_AFTER = timedelta(minutes=15)  # a running task without a heartbeat this long has died
ACTIVE = (Task.Status.QUEUED, Task.Status.RUNNING)


def eager() -> bool:
    return bool(settings.YOUJUN_TASKS == "eager")


def start(execute: Callable[[int], Any], pk: int, name: str) -> None:
    """Set task ``pk`` going: call after the transaction that created its row.

    Eager: ``execute(pk)`` now. Otherwise in a thread, once the row is committed (at once when
    no transaction is open), so the worker always finds it.
    """
    if eager():
        execute(pk)
        return
    transaction.on_commit(lambda: dispatch(execute, pk, name))


def dispatch(execute: Callable[[int], Any], pk: int, name: str) -> None:
    thread = threading.Thread(target=_in_thread, args=(execute, pk, name), name=f"youjun-{name}-{pk}", daemon=True)
    thread.start()


def _in_thread(execute: Callable[[int], Any], pk: int, name: str) -> None:
    try:
        for attempt in range(5):
            try:
                execute(pk)
                break
            except OperationalError:  # the database was busy before the task was claimed
                log.warning("%s %s: database busy, retrying", name, pk, exc_info=True)
                time.sleep(0.5 * (attempt + 1))
    finally:
        close_old_connections()
        from django.db import connections

        connections.close_all()


def claim(model: type[Task], pk: int, stage: str = "loading") -> bool:
    """Move a queued task to running; False if another worker has it (or it is finished)."""
    now = timezone.now()
    return bool(model._default_manager.filter(pk=pk, status=Task.Status.QUEUED).update(
        status=Task.Status.RUNNING, started_at=now, heartbeat=now, progress=5, stage=stage))


def progress(task: Task, value: int, stage: str) -> None:
    task.progress, task.stage, task.heartbeat = value, stage, timezone.now()
    type(task)._default_manager.filter(pk=task.pk).update(progress=value, stage=stage, heartbeat=task.heartbeat)


def reap_stale(queryset: models.QuerySet[Any], problem: dict[str, Any]) -> int:
    """Mark tasks whose worker died (no heartbeat for a long time) as failed."""
    cutoff = timezone.now() - STALE_AFTER
    return queryset.filter(status__in=ACTIVE, heartbeat__lt=cutoff).update(
        status=Task.Status.FAILED, stage="failed", error=problem, finished_at=timezone.now())


def fresh(task: Task, reap: Callable[[], int]) -> Task:
    """``task`` as it stands now: an unfinished one is re-read after ``reap`` (marking dead
    workers' tasks failed), so a page that follows it sees its latest state."""
    if not task.finished:
        reap()
        task.refresh_from_db(fields=["status", "progress", "stage", "error"])
    return task


def status(task: Task, url: str) -> dict[str, Any]:
    """What a progress page polls: the task's state and where its result is shown."""
    return {"id": task.pk, "status": task.status, "progress": task.progress, "stage": task.stage,
            "error": task.error, "url": url}

