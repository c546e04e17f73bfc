"""A real server for the browser tests and the benchmark: a fresh database (SQLite file, or
a new database on the PostgreSQL server DATABASE_URL points at), seeded by
``tests.web.seed_browser``, served by gunicorn on 127.0.0.1 on a free port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fresh_database(base_url: str, name: str, data_dir: Path) -> str:
    """A new empty database: a SQLite file, or ``name`` created on the PostgreSQL server."""
    if not base_url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{data_dir / 'youjun.sqlite3'}"
    import psycopg

    parts = urlsplit(base_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


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
