"""What the platform keeps on disk is private to its own user (issue 9, finding 17).

A fresh web process (its own data dir, default umask 022) migrates its SQLite database,
takes a real upload (one with a problem, so that the full problem list is written to disk),
confirms a clean one and runs an assessment with reports. Then the data dir and every
folder under it are 0700, and the database with its -wal/-shm, the secret key and every
upload file are 0600 — nothing is readable by the group or others.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.live import sqlite_only

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import io, json, os, stat, sys
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from django.test import Client
from tests.web.world import A, build_world, district_tables
from youjun.ingest.writers import write_tables

world = build_world()
c = Client()
c.force_login(world.users["bureau"])
data = Path(os.environ["YOUJUN_DATA_DIR"])
tables = district_tables(A)
tables["schools"].loc[0, "school_name"] = None  # a problem: the upload keeps its problem list
write_tables(tables, data.parent / "bad.xlsx")
write_tables(district_tables(A), data.parent / "good.xlsx")
for name in ("bad.xlsx", "good.xlsx"):
    with open(data.parent / name, "rb") as fh:
        r = c.post(f"/d/{A}/upload/", {"file": fh})
    assert r.status_code == 302, (r.status_code, r.content[:500])
    pk = int(r["Location"].rstrip("/").split("/")[-1])
c.post(f"/d/{A}/uploads/{pk}/confirm/")
r = c.post(f"/d/{A}/runs/", {"year": "2025-2026"})
assert r.status_code == 302, r.status_code
with connection.cursor() as cur:  # the WAL files exist while a connection is open
    cur.execute("SELECT count(*) FROM django_migrations")
modes = {}
for path in [data, *data.rglob("*")]:
    modes[str(path.relative_to(data))] = [stat.S_IMODE(path.stat().st_mode), path.is_dir()]
print(json.dumps(modes))
"""


@pytest.mark.slow
@sqlite_only("its process is started without DATABASE_URL")
def test_data_dir_database_secret_and_uploads_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("YOUJUN_", "DATABASE_URL"))}
    env.update({"YOUJUN_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "youjun.web.config.settings",
                "YOUJUN_TASKS": "eager", "YOUJUN_REPORTS_AT_RUN": "xlsx,json",
                "YOUJUN_ALLOWED_HOSTS": "testserver", "PYTHONPATH": str(ROOT)})
    out = subprocess.run([sys.executable, "-c", f"import os; os.umask(0o022)\n{SCRIPT}"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    modes = json.loads(out.stdout.strip().splitlines()[-1])
    assert {"youjun.sqlite3", "youjun.sqlite3-wal", "secret_key"} <= set(modes), sorted(modes)
    assert any(name.startswith("uploads/") and not is_dir for name, (_, is_dir) in modes.items()), \
        "the upload left no file to check"
    loose = {name: oct(mode) for name, (mode, is_dir) in modes.items()
             if mode & (stat.S_IRWXG | stat.S_IRWXO) and not name.startswith("static")}
    assert not loose, f"readable by others: {loose}"
    assert modes["."][0] == 0o700
    assert modes["youjun.sqlite3"][0] == 0o600
