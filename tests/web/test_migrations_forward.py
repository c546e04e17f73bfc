"""Migrations run forward on a copy of the previous release's database (tests/fixtures/releases/,
built by make_previous.py with that release's code): whatever migrations the code has now, the
old data is still there and usable afterwards — log-in, snapshot tables, the run's result, the plan,
and a new run on the old snapshot."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from tests.web.proc import env_for, python

pytestmark = pytest.mark.slow
RELEASES = Path(__file__).resolve().parents[1] / "fixtures" / "releases"

CHECK = """
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.migrations.executor import MigrationExecutor
from django.db import connection
call_command("migrate", interactive=False, verbosity=0)
executor = MigrationExecutor(connection)
pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
from youjun.web.apps.assessment import selectors, services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.schools.models import Snapshot
from youjun.web.apps.schools.selectors import snapshot_tables
from youjun.web.apps.platform.models import User
summary = json.loads(sys.argv[1])
run = AssessmentRun.objects.get(pk=summary["run"])
plan = PlanRun.objects.get(pk=summary["plan"])
snap = Snapshot.objects.get(pk=summary["snapshot"])
tables = snapshot_tables(snap)
user = authenticate(username="bureau", password=summary["password"])
again = services.start_run(user, snap.district, snap.school_year)
print(json.dumps({
    "pending": [str(m) for m, _ in pending],
    "login": user is not None,
    "users": sorted(User.objects.values_list("username", flat=True)),
    "data_hash": snap.data_hash, "schools": len(tables["schools"]),
    "run": [run.status, selectors.result_of(run).get("verdict", {}).get("passes")],
    "plan": [plan.status, sorted((plan.result or {}).get("headline") or {})],
    "again": [again.status, again.passes],
}))
"""


def test_the_previous_release_database_migrates_forward_and_stays_usable(tmp_path: Path) -> None:
    summary = json.loads((RELEASES / "c746227.json").read_text(encoding="utf-8"))
    with gzip.open(RELEASES / "c746227.sqlite3.gz", "rb") as src, (tmp_path / "youjun.sqlite3").open("wb") as dst:
        shutil.copyfileobj(src, dst)
    got = python(env_for(tmp_path), CHECK, json.dumps(summary))
    assert got["pending"] == []  # every migration of the current code applied
    assert got["login"] and got["users"] == summary["users"]
    assert got["data_hash"] == summary["data_hash"] and got["schools"] == 4
    assert got["run"] == ["done", summary["run_passes"]]
    assert got["plan"][0] == "done" and "years" in got["plan"][1]
    assert got["again"] == ["done", summary["run_passes"]]  # the old snapshot assesses as before
