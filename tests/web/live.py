"""A real server for the browser tests and the benchmark: a fresh database (SQLite file, or
a new database on the PostgreSQL server DATABASE_URL points at), seeded by
``tests.web.seed_browser``, served by gunicorn on 127.0.0.1 on a free port."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


# The PostgreSQL lane of `make test` runs tests/web again with DATABASE_URL set. A test that
# runs on SQLite whatever DATABASE_URL says has run in the SQLite lane already: it skips there.
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def sqlite_only(reason: str) -> Any:
    """Mark a test that uses SQLite by construction (``reason`` says how)."""
    import pytest

    return pytest.mark.skipif(ON_POSTGRESQL, reason=f"SQLite by construction ({reason}): run in the SQLite lane")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fresh_database(base_url: str, name: str, data_dir: Path) -> str:
    """A new database holding no data, migrated: a SQLite file, or ``name`` created on the
    PostgreSQL server. Each is a copy of one database this test process migrated once
    (``_migrated_template``): migrating an empty database renders every model's state, ~20 s on
    the CI machine, and a dozen tests each began with it. The migrations themselves run on both
    databases where the test database is created, and the processes these tests start still run
    ``migrate`` (finding nothing to do)."""
    template = _migrated_template(base_url)
    if not base_url.startswith(("postgres://", "postgresql://")):
        target = data_dir / "youjun.sqlite3"
        data_dir.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        target.chmod(0o600)  # as youjun creates its database file
        return f"sqlite:///{target}"
    import psycopg

    parts = urlsplit(base_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


_TEMPLATES: dict[str, str] = {}


def _migrated_template(base_url: str) -> str:
    """A database migrated once in this test process (a SQLite file's path, or a PostgreSQL
    database's name), for ``fresh_database`` to copy."""
    postgres = base_url.startswith(("postgres://", "postgresql://"))
    key = base_url if postgres else "sqlite"
    if key in _TEMPLATES:
        return _TEMPLATES[key]
    home = Path(tempfile.mkdtemp(prefix="youjun-template-"))
    if postgres:
        import psycopg

        name = f"youjun_template_{os.getpid()}"
        parts = urlsplit(base_url)
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}"')
            con.execute(f'CREATE DATABASE "{name}"')
        url, made = urlunsplit(parts._replace(path=f"/{name}")), name
    else:
        url = f"sqlite:///{home / 'youjun.sqlite3'}"
        made = str(home / "youjun.sqlite3")
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    env.update({"YOUJUN_DATA_DIR": str(home), "DATABASE_URL": url, "YOUJUN_SECRET_KEY": "t" * 50,
                "DJANGO_SETTINGS_MODULE": "youjun.web.config.settings", "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}"})
    code = ("from youjun.web import setup\nsetup()\nfrom django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=900,
                   capture_output=True, text=True)
    _TEMPLATES[key] = made
    return made


@dataclass
class Live:
    url: str
    env: dict[str, str]
    info: dict[str, Any]
    data_dir: Path
    database_url: str

    @property
    def engine(self) -> str:
        return "postgresql" if self.database_url.startswith("postgres") else "sqlite"


def seed(data_dir: Path, database_url: str, *extra: str) -> tuple[dict[str, str], dict[str, Any]]:
    env = os.environ.copy()
    env.update({"YOUJUN_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, "YOUJUN_SECRET_KEY": "t" * 50,
                "DJANGO_SETTINGS_MODULE": "youjun.web.config.settings", "PYTHONPATH": str(ROOT)})
    out = subprocess.run([sys.executable, "-m", "tests.web.seed_browser", str(data_dir / "files"), *extra],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(f"seeding failed:\n{out.stdout}\n{out.stderr}")
    return env, json.loads(out.stdout.strip().splitlines()[-1])


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, threads: int = 4, log: Path | None = None) -> Iterator[str]:
    port = free_port()
    cmd = [str(BIN / "gunicorn"), "youjun.web.config.wsgi:application", "--bind", f"127.0.0.1:{port}",
           "--workers", str(workers), "--threads", str(threads), "--timeout", "120", "--graceful-timeout", "5"]
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/login/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"gunicorn exited with {proc.returncode}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]


@contextmanager
def seeded_server(data_dir: Path, database_name: str, *seed_args: str) -> Iterator[Live]:
    """A fresh database seeded by ``tests.web.seed_browser`` (with ``seed_args``) and served by
    gunicorn, background tasks in threads as in production: the browser suites' server."""
    if not (ROOT / "build" / "vendor" / "echarts" / "echarts.min.js").exists():
        subprocess.run(["bash", str(ROOT / "scripts" / "fetch-static.sh")], check=True, timeout=300)
    database_url = fresh_database(os.environ.get("DATABASE_URL", ""), database_name, data_dir)
    env, info = seed(data_dir, database_url, *seed_args)
    env["YOUJUN_TASKS"] = "thread"
    with gunicorn(env, log=data_dir / "gunicorn.log") as url:
        yield Live(url, env, info, data_dir, database_url)
