"""The process the web fault tests SIGKILL: ``python -m tests.faults.web_worker setup|act N|check``.

Runs against its own data dir (``YOUJUN_DATA_DIR``, SQLite) with eager tasks, so an upload's
confirm, an assessment run and a plan all happen inside this process. ``act`` first restarts
(reaps as ``youjun serve`` does at start-up) and prints what it found as one JSON line, then
uploads and confirms variant N of district 500118's workbook, runs it and plans seats, printing
a marker before each step.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from youjun.web import setup

YEAR = "2025-2026"
T0 = time.monotonic()


def mark(step: str) -> None:
    """A step begins: its name and the seconds since the process started."""
    print(f"{step} {time.monotonic() - T0:.3f}", flush=True)


def variant(n: int) -> Any:
    from tests.web.world import A, district_tables

    tables = district_tables(A)
    tables["facilities"].loc[0, "books"] = float(tables["facilities"].loc[0, "books"]) + 100 * (n % 2)
    return tables


def hashes() -> dict[str, str]:
    from youjun.ingest.store import data_hash

    return {"old": data_hash(variant(0)), "new": data_hash(variant(1))}


def check() -> dict[str, Any]:
    """What a restarted server finds: tasks reaped, the database whole, one current snapshot."""
    from django.db import connection

    from youjun.ingest.store import data_hash
    from youjun.web.apps.assessment.models import AssessmentRun
    from youjun.web.apps.planning.models import PlanRun
    from youjun.web.apps.platform import tasks
    from youjun.web.apps.platform.models import District
    from youjun.web.apps.schools import selectors

    reaped = tasks.reap_all()
    with connection.cursor() as cur:
        cur.execute("PRAGMA integrity_check")
        integrity = cur.fetchone()[0]
    district = District.objects.get(code="500118")
    snap = selectors.current_snapshot(district, YEAR)
    tables = selectors.snapshot_tables(snap) if snap else {}
    tasks_by_status: dict[str, int] = {}
    errors = set()
    for model in (AssessmentRun, PlanRun):
        for status, error in model.objects.values_list("status", "error"):
            tasks_by_status[status] = tasks_by_status.get(status, 0) + 1
            if error:
                errors.add(error.get("code"))
    current = selectors.district_snapshots(district).filter(school_year=YEAR, current=True).count()
    return {"integrity": integrity, "reaped": reaped, "hash": snap.data_hash if snap else None,
            "hash_of_tables": data_hash(tables) if snap else None, "current": current,
            "tasks": tasks_by_status, "errors": sorted(e for e in errors if e)}


def act(n: int) -> None:
    from tests.web.world import A
    from youjun.ingest.writers import write_tables
    from youjun.web.apps.assessment import services as runs
    from youjun.web.apps.planning import services as plans
    from youjun.web.apps.planning.options import parse
    from youjun.web.apps.platform.models import District, User
    from youjun.web.apps.schools import services as schools

    print(json.dumps(check()), flush=True)
    user, district = User.objects.get(username="bureau"), District.objects.get(code=A)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "district.xlsx"
        write_tables(variant(n), path, "xlsx")
        content = path.read_bytes()
    mark("upload")
    up = schools.receive_upload(user, district, "district.xlsx", content)
    mark("confirm")
    schools.confirm_upload(user, up)
    mark("run")
    runs.start_run(user, district, YEAR)
    mark("plan")
    plans.start_plan(user, district, YEAR, "seats", parse("seats", {"years": "3"}))
    mark("end")


def main(argv: list[str]) -> None:
    setup()
    if argv[0] == "setup":
        from django.core.management import call_command

        from tests.web.world import build_world

        call_command("migrate", interactive=False, verbosity=0)
        build_world()
        print(json.dumps(hashes()))
    elif argv[0] == "act":
        act(int(argv[1]))
    else:
        print(json.dumps(check()))


if __name__ == "__main__":
    main(sys.argv[1:])
