"""Background tasks that die, outlive their reaping, wait in a queue or run for a long time
(issue 9, finding 10): dead workers are failed on the next read, terminal states never change,
the (N+1)th task waits with its place in the queue, and the heartbeat beats through a long stage."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.web.world import PASSWORD, World
from youjun.web.apps.assessment import engine
from youjun.web.apps.assessment import services as run_services
from youjun.web.apps.assessment.models import AssessmentRun, RunReport
from youjun.web.apps.planning import services as plan_services
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.planning.options import parse
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform import tasks

YEAR = "2025-2026"


def api(world: World, name: str = "bureau") -> Client:
    _token, key = platform_services.create_token(world.users[name], "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def browser(world: World, name: str = "bureau") -> Client:
    c = Client()
    assert c.login(username=name, password=PASSWORD)
    return c


def running_run(world: World, **fields: Any) -> AssessmentRun:
    """A run a worker claimed and was busy with (stage 'assessing')."""
    defaults: dict[str, Any] = {"status": "running", "stage": "assessing", "progress": 20,
                                "started_at": timezone.now(), "heartbeat": timezone.now()}
    return AssessmentRun.objects.create(district=world.a, snapshot=world.snapshots[world.a.code], school_year=YEAR,
                                        **{**defaults, **fields})


def running_plan(world: World, **fields: Any) -> PlanRun:
    defaults: dict[str, Any] = {"status": "running", "stage": "planning", "progress": 15,
                                "started_at": timezone.now(), "heartbeat": timezone.now()}
    return PlanRun.objects.create(district=world.a, snapshot=world.snapshots[world.a.code], school_year=YEAR,
                                  kind="seats", options={"years": 3}, **{**defaults, **fields})


def dead_owner() -> str:
    """The owner mark of a process of this host that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return f"{socket.gethostname()}/{proc.pid}/1"


def test_a_worker_silent_for_a_minute_is_failed_on_the_next_api_read(world: World) -> None:
    run = running_run(world, heartbeat=timezone.now() - timedelta(seconds=60))
    plan = running_plan(world, heartbeat=timezone.now() - timedelta(seconds=60))
    got = api(world).get(f"/api/runs/{run.pk}").json()
    assert got["status"] == "failed", got  # not 'running' for 15 minutes
    assert got["error"]["code"] == "E830"
    got = api(world).get(f"/api/plans/{plan.pk}").json()
    assert got["status"] == "failed" and got["error"]["code"] == "E830", got


def test_lists_reap_too(world: World) -> None:
    run = running_run(world, heartbeat=timezone.now() - timedelta(seconds=60))
    plan = running_plan(world, heartbeat=timezone.now() - timedelta(seconds=60))
    runs = {r["id"]: r for r in api(world).get("/api/runs").json()}
    plans = {p["id"]: p for p in api(world).get("/api/plans").json()}
    assert runs[run.pk]["status"] == "failed" and plans[plan.pk]["status"] == "failed"


def test_the_district_and_planning_pages_list_dead_workers_tasks_as_failed(world: World) -> None:
    run = running_run(world, heartbeat=timezone.now() - timedelta(seconds=60))
    plan = running_plan(world, heartbeat=timezone.now() - timedelta(seconds=60))
    assert browser(world).get(f"/d/{world.a.code}/").status_code == 200
    run.refresh_from_db()
    assert run.status == "failed"
    assert browser(world).get(f"/d/{world.a.code}/plans/").status_code == 200
    plan.refresh_from_db()
    assert plan.status == "failed"


def test_a_task_whose_process_died_is_failed_at_once_page_and_api(world: World) -> None:
    run = running_run(world, owner=dead_owner())  # heartbeat fresh: only the owner tells
    page = browser(world).get(f"/runs/{run.pk}/status.json").json()
    assert page["status"] == "failed" and page["error"]["code"] == "E830", page
    assert "discarded" in page["error"]["message"]["en"]  # a late finish would not count
    plan = running_plan(world, owner=dead_owner())
    assert api(world).get(f"/api/plans/{plan.pk}").json()["status"] == "failed"
    html = browser(world).get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="plan-failed"' in html


def test_a_live_worker_of_this_process_is_not_reaped(world: World) -> None:
    run = running_run(world, owner=tasks.owner_id(), heartbeat=timezone.now() - timedelta(hours=1))
    tasks._hold(AssessmentRun, run.pk, "running")
    try:
        assert run_services.reap_stale() == 0
    finally:
        tasks.release(AssessmentRun, run.pk)
    assert run_services.reap_stale() == 1  # held by no thread here: its worker is gone


def test_a_live_process_of_this_host_keeps_its_task_whatever_its_heartbeat(world: World) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        ticks = tasks._start_ticks(proc.pid)
        run = running_run(world, owner=f"{socket.gethostname()}/{proc.pid}/{ticks}",
                          heartbeat=timezone.now() - timedelta(hours=1))  # e.g. an eager CLI run
        assert run_services.reap_stale() == 0
        reused = running_run(world, owner=f"{socket.gethostname()}/{proc.pid}/1")  # the pid, reused
        assert run_services.reap_stale() == 1
        reused.refresh_from_db()
        assert reused.status == "failed"
    finally:
        proc.kill()
        proc.wait()
    assert run_services.reap_stale() == 1
    run.refresh_from_db()
    assert run.status == "failed"


def test_startup_reaps_every_kind_of_task(world: World) -> None:
    run, plan = running_run(world, owner=dead_owner()), running_plan(world, owner=dead_owner())
    queued = running_run(world, status="queued", owner=dead_owner())
    assert tasks.reap_all() == 3
    for obj in (run, plan, queued):
        obj.refresh_from_db()
        assert obj.status == "failed" and obj.error["code"] == "E830"


def _reaped_by_another_process(model: type[AssessmentRun] | type[PlanRun], pk: int) -> None:
    """What the reaper of a process that thought this worker dead wrote (the old reaper's write)."""
    model.objects.filter(pk=pk).update(status="failed", stage="failed", finished_at=timezone.now(),
                                       error={"code": "E830"})


def test_a_reaped_run_whose_worker_then_finishes_stays_failed(world: World, monkeypatch: pytest.MonkeyPatch,
                                                              settings: Any) -> None:
    settings.YOUJUN_REPORTS_AT_RUN = "json"
    real = engine.assess

    def slow_assess(*args: Any, **kw: Any) -> dict[str, Any]:
        result = real(*args, **kw)
        _reaped_by_another_process(AssessmentRun, AssessmentRun.objects.get().pk)
        return result

    monkeypatch.setattr(engine, "assess", slow_assess)
    run = run_services.start_run(world.users["bureau"], world.a, YEAR)
    assert run.status == "failed" and run.stage == "failed", run.status  # not flipped back to done
    assert run.result is None and not RunReport.objects.filter(run=run).exists()
    assert run.error == {"code": "E830"}


def test_a_reaped_plan_whose_worker_then_finishes_stays_failed(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import youjun.plan.run as plan_run

    real = plan_run.make_plan

    def slow_plan(*args: Any, **kw: Any) -> Any:
        out = real(*args, **kw)
        _reaped_by_another_process(PlanRun, PlanRun.objects.get().pk)
        return out

    monkeypatch.setattr(plan_run, "make_plan", slow_plan)
    plan = plan_services.start_plan(world.users["bureau"], world.a, YEAR, "seats", parse("seats", {"years": "2"}))
    assert plan.status == "failed" and plan.result is None, plan.status


def test_the_real_reaper_mid_stage_fails_the_run_for_good(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def reaped_mid_stage(*args: Any, **kw: Any) -> dict[str, Any]:
        pk = AssessmentRun.objects.get().pk
        # Seen from another machine: the heartbeat stopped a minute ago.
        AssessmentRun.objects.filter(pk=pk).update(owner="elsewhere/1/1",
                                                   heartbeat=timezone.now() - timedelta(minutes=1))
        assert run_services.reap_stale() == 1
        return {"verdict": {"passes": True}}

    monkeypatch.setattr(engine, "assess", reaped_mid_stage)
    run = run_services.start_run(world.users["bureau"], world.a, YEAR)
    assert run.status == "failed" and run.error["code"] == "E830" and run.passes is None
    assert "不会采用" in run.error["message"]["zh"]


@pytest.fixture
def threaded(settings: Any, transactional_db: Any) -> Any:
    settings.YOUJUN_TASKS = "thread"
    yield settings
    deadline = time.monotonic() + 10  # let worker threads of the test end before its tables go
    while getattr(tasks, "_WORKERS", 0) and time.monotonic() < deadline:
        time.sleep(0.05)


def _wait(pred: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_task_beyond_the_cap_waits_with_its_place(threaded: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web.world import build_world

    world = build_world()
    threaded.YOUJUN_MAX_TASKS = 1
    gate = threading.Event()

    def blocked(*args: Any, **kw: Any) -> dict[str, Any]:
        assert gate.wait(15)
        return {"verdict": {"passes": True}}

    monkeypatch.setattr(engine, "assess", blocked)
    # three different runs (a repeated identical request would return the run under way)
    runs = [run_services.start_run(world.users["bureau"], world.a, YEAR, overlays=[f"o{i}"]) for i in range(3)]
    _wait(lambda: AssessmentRun.objects.filter(status="running").count() == 1)
    time.sleep(0.3)  # had the cap not held, the others would be running by now
    states = [AssessmentRun.objects.get(pk=r.pk).status for r in runs]
    assert states == ["running", "queued", "queued"], states
    c = browser(world)
    third = c.get(f"/runs/{runs[2].pk}/status.json").json()
    assert third["queue_position"] == 2 and third["queue_label"] == "排队第 2 位", third
    c.cookies["youjun_language"] = "en"
    assert c.get(f"/runs/{runs[2].pk}/status.json").json()["queue_label"] == "2nd in queue"
    assert "排队第 1 位" in browser(world).get(f"/runs/{runs[1].pk}/").content.decode()
    assert api(world).get(f"/api/runs/{runs[1].pk}").json()["queue_position"] == 1
    gate.set()
    _wait(lambda: AssessmentRun.objects.filter(status="done").count() == 3)


def test_the_heartbeat_beats_through_a_long_stage(threaded: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web.world import build_world

    world = build_world()
    threaded.YOUJUN_TASK_HEARTBEAT = 0.1
    threaded.YOUJUN_TASK_STALE_AFTER = 0.6

    def long_stage(*args: Any, **kw: Any) -> dict[str, Any]:
        time.sleep(1.5)  # one stage, no progress call: like a HiGHS solve
        return {"verdict": {"passes": True}}

    monkeypatch.setattr(engine, "assess", long_stage)
    run = run_services.start_run(world.users["bureau"], world.a, YEAR)
    _wait(lambda: AssessmentRun.objects.get(pk=run.pk).stage == "assessing")
    oldest = timedelta(0)
    while (row := AssessmentRun.objects.get(pk=run.pk)).status == "running":
        oldest = max(oldest, timezone.now() - row.heartbeat)
        time.sleep(0.05)
    assert row.status == "done", row.error
    assert oldest < timedelta(seconds=0.6), oldest  # never stale: another process would not reap it
