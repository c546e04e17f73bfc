"""Helpers for tests that drive youjun in real processes on their own data dir and database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def env_for(data_dir: Path, database_url: str = "", **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("YOUJUN_SECRET_KEY", "PYTEST_CURRENT_TEST")}
    env.update({"YOUJUN_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, "YOUJUN_TASKS": "eager",
                "DJANGO_SETTINGS_MODULE": "youjun.web.config.settings", "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
                "YOUJUN_REPORTS_AT_RUN": "json"})
    env.update(extra)
    return env


def youjun(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "youjun"), *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def python(env: dict[str, str], code: str, *args: str, timeout: float = 120) -> Any:
    """Run ``code`` (Django set up first) in a fresh process; the JSON its last output line holds."""
    prelude = "import json, sys\nfrom youjun.web import setup\nsetup()\n"
    out = subprocess.run([sys.executable, "-c", prelude + code, *args], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"exit {out.returncode}\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


SEED = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from tests.web.world import build_world
from youjun.web.apps.assessment import services
world = build_world()
run = services.start_run(world.users["bureau"], world.a, "2025-2026")
print(json.dumps({"run": run.pk, "status": run.status}))
"""

SUMMARY = """
from django.contrib.auth import authenticate
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.assessment import selectors
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.platform.models import AuditEvent, User
from youjun.web.apps.schools.models import Snapshot
from youjun.web.apps.schools.selectors import snapshot_tables
snaps = list(Snapshot.objects.order_by("pk"))
runs = list(AssessmentRun.objects.order_by("pk"))
print(json.dumps({
    "users": sorted(User.objects.values_list("username", flat=True)),
    "login": authenticate(username="bureau", password=sys.argv[1]) is not None if len(sys.argv) > 1 else None,
    "snapshots": [(s.pk, s.data_hash, {k: len(v) for k, v in snapshot_tables(s).items()}) for s in snaps],
    "runs": [(r.pk, r.status) for r in runs],
    "verdict": [selectors.result_of(r).get("verdict", {}).get("passes") for r in runs if r.status == "done"],
    "plans": [(p.pk, p.status) for p in PlanRun.objects.order_by("pk")],
    "audit": AuditEvent.objects.count(),
}, default=str))
"""
