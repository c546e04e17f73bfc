"""Background tasks as database rows (queued -> running -> done | failed), shared by every app.

A task row has ``status``, ``progress``, ``stage``, ``heartbeat`` and ``owner`` (host/pid/start
time of the process that runs it). The page that started it polls the row.
``YOUJUN_TASKS=thread`` (default) executes a task in a thread of the process that took the
request; ``eager`` executes it before the request returns (tests, the CLI).

Reliability rules (issue 9, finding 10):

- **Heartbeat.** One ticker thread per process refreshes the heartbeat of every task the process
  holds (queued or running) every ``YOUJUN_TASK_HEARTBEAT`` seconds, whatever the task is doing
  (HiGHS releases the GIL, so the ticker beats through a long MILP solve).
- **Reaping.** A task is dead when its owner process on this host is gone (pid absent or
  reused), when its owner is this process but no thread of it holds the task, or — owner on
  another host, or none — when its heartbeat is older than ``YOUJUN_TASK_STALE_AFTER`` seconds.
  Dead tasks are failed (E830) at start-up and on every read, page and API. Eager tasks (tests,
  scripts) run without the ticker: their owner process is the one that tells.
- **Terminal is final.** Every write after the claim is a conditional UPDATE on
  ``status=running``: a reaped task whose worker finishes later stays failed.
- **Cap.** At most ``YOUJUN_MAX_TASKS`` tasks run at once in a process; the rest wait, in order,
  as ``queued``, and pages show their place in the queue.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from youjun.web.apps.platform.models import Task

log = logging.getLogger("youjun.web.tasks")
ACTIVE = (Task.Status.QUEUED, Task.Status.RUNNING)


class Interrupted(Exception):
    """The task is no longer running (it was reaped): its worker must stop and write nothing."""


def _number(name: str, default: float) -> float:
    """A task setting: Django settings first (tests override them), then the environment."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "")
    try:
        return float(value) if str(value).strip() else default
    except ValueError:
        return default


def heartbeat_every() -> float:
    return _number("YOUJUN_TASK_HEARTBEAT", 10.0)


def stale_after() -> float:
    """Seconds without a heartbeat after which a task counts as dead (3 missed beats by default)."""
    return _number("YOUJUN_TASK_STALE_AFTER", 3 * heartbeat_every())


def max_tasks() -> int:
    return max(1, int(_number("YOUJUN_MAX_TASKS", 2)))


def eager() -> bool:
    return bool(settings.YOUJUN_TASKS == "eager")


# -- who runs a task -------------------------------------------------------------------------

def _start_ticks(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux); tells a reused pid apart."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


_OWNER: tuple[int, str] | None = None


def owner_id() -> str:
    """``host/pid/start`` of this process (recomputed after a fork)."""
    global _OWNER
    pid = os.getpid()
    if _OWNER is None or _OWNER[0] != pid:
        _OWNER = (pid, f"{socket.gethostname()}/{pid}/{_start_ticks(pid)}")
    return _OWNER[1]


def owner_alive(owner: str) -> bool | None:
    """Whether ``owner`` (a process of this host) still runs; None when only its heartbeat can tell
    (another host, or no owner recorded)."""
    try:
        host, pid_text, ticks = owner.rsplit("/", 2)
        pid = int(pid_text)
    except ValueError:
        return None
    if host != socket.gethostname() or pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    return not (ticks and _start_ticks(pid) not in ("", ticks))  # a reused pid is another process


# -- the tasks this process holds, their heartbeat, the queue -----------------------------------

_LOCK = threading.Lock()
_MINE: dict[tuple[type[Task], int], str] = {}  # held tasks -> their state here ("queued" / "running")
_PENDING: deque[tuple[Callable[[int], Any], int, str, type[Task] | None]] = deque()
_WORKERS = 0
_TICKER: threading.Thread | None = None
_WAKE = threading.Event()  # a new task to beat for: beat now, and re-read the interval


def _hold(model: type[Task], pk: int, state: str) -> None:
    global _TICKER
    with _LOCK:
        _MINE[(model, pk)] = state
        # Eager tasks run inside the request of this very process (tests, scripts): the owner
        # check covers them, and a second connection beside a test's transaction would only contend.
        if not eager() and (_TICKER is None or not _TICKER.is_alive()):
            _TICKER = threading.Thread(target=_tick, name="youjun-task-heartbeat", daemon=True)
            _TICKER.start()
    _WAKE.set()


def release(model: type[Task], pk: int) -> None:
    with _LOCK:
        _MINE.pop((model, pk), None)


def holds(model: type[Task], pk: int) -> bool:
    with _LOCK:
        return (model, pk) in _MINE


def beat() -> int:
    """Refresh the heartbeat of every task this process holds; the number of rows touched."""
    with _LOCK:
        held: dict[type[Task], list[int]] = {}
        for (model, pk) in _MINE:
            held.setdefault(model, []).append(pk)
    now, n = timezone.now(), 0
    for model, pks in held.items():
        n += model._default_manager.filter(pk__in=pks, status__in=ACTIVE).update(heartbeat=now)
    return n


def _tick() -> None:
    """The heartbeat thread: beats while this process holds a task, then ends."""
    global _TICKER
    try:
        while True:
            with _LOCK:
                if not _MINE:
                    _TICKER = None
                    return
            try:
                beat()
            except Exception:  # a busy database must not end the heartbeat
                log.warning("task heartbeat failed", exc_info=True)
            finally:
                _close_connection()  # hold no connection while asleep
            _WAKE.wait(heartbeat_every())
            _WAKE.clear()
    finally:
        _close_connection()


def _close_connection() -> None:
    from django.db import connection

    connection.close()


def start(execute: Callable[[int], Any], pk: int, name: str, model: type[Task] | None = None) -> None:
    """Set task ``pk`` going: call after the transaction that created its row.

    Eager: ``execute(pk)`` now. Otherwise queued in this process (at most ``max_tasks()`` run at
    once), once the row is committed, so the worker always finds it.
    """
    if eager():
        execute(pk)
        return
    transaction.on_commit(lambda: dispatch(execute, pk, name, model))


def dispatch(execute: Callable[[int], Any], pk: int, name: str, model: type[Task] | None = None) -> None:
    if model is not None:  # this process now answers for the queued task: its heartbeat and place
        model._default_manager.filter(pk=pk, status=Task.Status.QUEUED).update(owner=owner_id(),
                                                                               heartbeat=timezone.now())
        _hold(model, pk, "queued")
    with _LOCK:
        _PENDING.append((execute, pk, name, model))
    _pump()


def _pump() -> None:
    global _WORKERS
    with _LOCK:
        jobs = []
        while _PENDING and max_tasks() > _WORKERS:
            _WORKERS += 1
            jobs.append(_PENDING.popleft())
    for execute, pk, name, model in jobs:
        threading.Thread(target=_in_thread, args=(execute, pk, name, model), name=f"youjun-{name}-{pk}",
                         daemon=True).start()


def _in_thread(execute: Callable[[int], Any], pk: int, name: str, model: type[Task] | None) -> None:
    global _WORKERS
    try:
        for attempt in range(5):
            try:
                execute(pk)
                break
            except OperationalError:  # the database was busy before the task was claimed
                log.warning("%s %s: database busy, retrying", name, pk, exc_info=True)
                time.sleep(0.5 * (attempt + 1))
    finally:
        if model is not None:
            release(model, pk)
        close_old_connections()
        _close_connection()
        with _LOCK:
            _WORKERS -= 1
        _pump()


# -- the writes of a task's life ---------------------------------------------------------------

def claim(model: type[Task], pk: int, stage: str = "loading") -> bool:
    """Move a queued task to running, owned by this process; False if it is taken or finished."""
    now = timezone.now()
    claimed = bool(model._default_manager.filter(pk=pk, status=Task.Status.QUEUED).update(
        status=Task.Status.RUNNING, started_at=now, heartbeat=now, progress=5, stage=stage, owner=owner_id()))
    if claimed:
        _hold(model, pk, "running")
    return claimed


def progress(task: Task, value: int, stage: str) -> None:
    """Record progress; raises ``Interrupted`` when the task is no longer running (reaped)."""
    now = timezone.now()
    if not type(task)._default_manager.filter(pk=task.pk, status=Task.Status.RUNNING).update(
            progress=value, stage=stage, heartbeat=now):
        raise Interrupted(task.pk)
    task.progress, task.stage, task.heartbeat = value, stage, now


def finish(task: Task, **fields: Any) -> bool:
    """Mark a running task done with ``fields``; False (nothing written) when it was reaped meanwhile."""
    now = timezone.now()
    return bool(type(task)._default_manager.filter(pk=task.pk, status=Task.Status.RUNNING).update(
        status=Task.Status.DONE, progress=100, stage="done", finished_at=now, heartbeat=now, **fields))


def fail(task: Task, problem: dict[str, Any]) -> bool:
    """Mark a running task failed with ``problem``; False when it had already ended."""
    return bool(type(task)._default_manager.filter(pk=task.pk, status=Task.Status.RUNNING).update(
        status=Task.Status.FAILED, stage="failed", error=problem, finished_at=timezone.now()))


# -- reaping -----------------------------------------------------------------------------------

def _dead(model: type[Task], pk: int, owner: str, heartbeat: Any, cutoff: Any) -> str:
    """Why the task's worker is dead ('' when it may be alive)."""
    if owner and owner == owner_id():
        # This process: alive while a thread of it holds the task (or it is just being handed over).
        return "" if holds(model, pk) or (heartbeat is not None and heartbeat >= cutoff) else owner
    alive = owner_alive(owner)
    if alive is not None:  # a process of this host: whether it runs says more than any heartbeat
        return "" if alive else owner
    if heartbeat is None or heartbeat < cutoff:
        return owner or "?"
    return ""


def reap(queryset: models.QuerySet[Any], rule: str) -> int:
    """Fail (E830) the unfinished tasks of ``queryset`` whose worker is dead; the number failed."""
    from youjun.web.apps.platform.audit import record
    from youjun.web.errors import web_problem

    model = queryset.model
    seconds = stale_after()
    now = timezone.now()
    cutoff = now - timedelta(seconds=seconds)
    dead = [(pk, why) for pk, owner, hb in queryset.filter(status__in=ACTIVE).values_list("pk", "owner", "heartbeat")
            if (why := _dead(model, pk, owner, hb, cutoff))]
    n = 0
    for pk, why in dead:
        problem = web_problem("E830", value=f"{seconds:g}", detail=why, rule=rule)
        if model._default_manager.filter(pk=pk, status__in=ACTIVE).update(
                status=Task.Status.FAILED, stage="failed", error=problem, finished_at=now):
            n += 1
            task = model._default_manager.filter(pk=pk).first()
            record(None, "reap_task", task, district=getattr(task, "district", None),
                   after={"task": pk, "status": "failed", "owner": why, "stale_after_s": seconds})
            log.warning("%s %s reaped: worker %s is gone", model._meta.label, pk, why)
    return n


def task_models() -> list[type[Task]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Task)]


def reap_all() -> int:
    """Reap every kind of task: at start-up (``youjun serve``), before the server takes requests."""
    return sum(reap(m._default_manager.all(), f"{m._meta.model_name}.execute") for m in task_models())


def fresh(task: Task, reap: Callable[[], int]) -> Task:
    """``task`` as it stands now: an unfinished one is re-read after ``reap`` (marking dead
    workers' tasks failed), so a page that follows it sees its latest state."""
    if not task.finished:
        reap()
        task.refresh_from_db(fields=["status", "progress", "stage", "error", "heartbeat", "owner", "finished_at"])
    return task


def queue_position(task: Task) -> int | None:
    """The task's place among the tasks waiting in its process's queue (1 = next); None if not waiting."""
    if task.status != Task.Status.QUEUED:
        return None
    ahead = 0
    for model in task_models():
        qs = model._default_manager.filter(status=Task.Status.QUEUED, owner=task.owner)
        earlier = models.Q(created_at__lt=task.created_at)
        if model is type(task):
            earlier |= models.Q(created_at=task.created_at, pk__lt=task.pk)
        ahead += qs.filter(earlier).count()
    return ahead + 1


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def queue_label(position: int | None) -> str:
    """'排队第 3 位' / '3rd in queue' ('' when the task is not waiting)."""
    if position is None:
        return ""
    lang = get_language() or "zh-hans"
    return _("%(n)s in queue") % {"n": str(position) if lang.startswith("zh") else _ordinal(position)}


def status(task: Task, url: str) -> dict[str, Any]:
    """What a progress page polls: the task's state, its place in the queue, where its result is shown."""
    position = queue_position(task)
    return {"id": task.pk, "status": task.status, "progress": task.progress, "stage": task.stage,
            "error": task.error, "url": url, "queue_position": position, "queue_label": queue_label(position)}
