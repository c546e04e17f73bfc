"""`youjun backup` / `youjun restore`: a round trip on SQLite (and on PostgreSQL in the PostgreSQL
run of tests/web), with the data files; a refused non-empty target; a damaged archive refused
with the target untouched. Real processes, real archives."""

from __future__ import annotations

import io
import json
import os
import stat
import tarfile
from pathlib import Path
from typing import Any

import pytest

from tests.web.live import ON_POSTGRESQL, fresh_database, sqlite_only
from tests.web.proc import SEED, SUMMARY, env_for, python, youjun
from tests.web.world import PASSWORD

pytestmark = pytest.mark.slow
BASE = os.environ.get("DATABASE_URL", "")
ENGINES = [pytest.param("sqlite", marks=sqlite_only("its engine parameter")),
           pytest.param("postgresql", marks=pytest.mark.skipif(not ON_POSTGRESQL, reason="the PostgreSQL lane"))]


def _database(engine: str, name: str, data_dir: Path) -> str:
    return fresh_database(BASE if engine == "postgresql" else "", name, data_dir)


@pytest.mark.parametrize("engine", ENGINES)
def test_backup_and_restore_round_trip(tmp_path: Path, engine: str) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    dst.mkdir()
    env_a = env_for(src, _database(engine, "youjun_backup_src", src))
    env_b = env_for(dst, _database(engine, "youjun_backup_dst", dst))
    assert python(env_a, SEED)["status"] == "done"
    (src / "uploads").mkdir()
    (src / "uploads" / "u1.xlsx").write_bytes(b"PK\x03\x04 an upload")
    before = python(env_a, SUMMARY, PASSWORD)
    assert before["login"] and before["runs"] and before["snapshots"]

    archive = tmp_path / "out" / "youjun.tar.gz"
    done = youjun(env_a, "backup", "--out", str(archive))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        names = set(tar.getnames())
    assert manifest["engine"] == engine and "assessment.0001_initial" in manifest["migrations"]
    assert {"files/secret_key", "files/uploads/u1.xlsx", manifest["database"]} <= names
    assert not any(n.startswith("files/static") or (n.endswith(".sqlite3") and n.startswith("files/")) for n in names)

    done = youjun(env_b, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    after = python(env_b, SUMMARY, PASSWORD)
    assert after == before  # users, log-in, snapshot tables, runs and their results, audit
    assert (dst / "secret_key").read_text() == (src / "secret_key").read_text()
    assert (dst / "uploads" / "u1.xlsx").read_bytes() == b"PK\x03\x04 an upload"
    assert stat.S_IMODE((dst / "uploads" / "u1.xlsx").stat().st_mode) == 0o600

    refused = youjun(env_b, "restore", str(archive))  # the target holds data now
    assert refused.returncode == 1 and "E832" in refused.stderr and "--force" in refused.stderr
    forced = youjun(env_b, "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    assert python(env_b, SUMMARY, PASSWORD) == before


def _flip(data: bytes) -> bytes:
    """One byte changed in the middle (a database file's tail is often zeros already)."""
    i = len(data) // 2
    return data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]


def _tampered(archive: Path, out: Path, edit: Any) -> Path:
    """A copy of ``archive`` with ``edit(name, data) -> data`` applied to its members."""
    with tarfile.open(archive) as tar, tarfile.open(out, "w:gz") as new:
        for info in tar.getmembers():
            data = tar.extractfile(info).read()  # type: ignore[union-attr]
            data = edit(info.name, data)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    return out


@sqlite_only("both data dirs are SQLite")
def test_a_damaged_or_foreign_archive_is_refused_and_the_target_kept(tmp_path: Path) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    dst.mkdir()
    env_a = env_for(src, _database("sqlite", "youjun_damaged_src", src))
    env_b = env_for(dst, _database("sqlite", "youjun_damaged_dst", dst))
    python(env_a, SEED)
    archive = tmp_path / "a.tar.gz"
    assert youjun(env_a, "backup", "--out", str(archive)).returncode == 0
    python(env_b, "from django.core.management import call_command\n"
                  "call_command('migrate', interactive=False, verbosity=0)\nprint('{}')")
    empty = python(env_b, SUMMARY)

    flipped = _tampered(archive, tmp_path / "flipped.tar.gz",
                        lambda n, d: _flip(d) if n.startswith("database.") else d)  # sqlite3 or pgdump
    newer = _tampered(archive, tmp_path / "newer.tar.gz", lambda n, d: json.dumps(
        {**json.loads(d), "migrations": [*json.loads(d)["migrations"], "platform.9999_future"]}).encode()
        if n == "manifest.json" else d)
    evil = _tampered(archive, tmp_path / "evil.tar.gz", lambda n, d: json.dumps(
        {**json.loads(d), "members": {**json.loads(d)["members"], "files/../../escape": {"sha256": "", "size": 0}}}
    ).encode() if n == "manifest.json" else d)
    for bad, words in ((flipped, "hash"), (newer, "newer release"), (evil, "differ"),
                       (tmp_path / "missing.tar.gz", "FileNotFoundError")):
        got = youjun(env_b, "restore", str(bad))  # a fresh migrated database counts as empty
        assert got.returncode == 1 and "E833" in got.stderr and words in got.stderr, (bad, got.stderr)
    assert python(env_b, SUMMARY) == empty
    assert not (tmp_path / "escape").exists()


WRITER = """
import time
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import District
d = District.objects.get(code="500118")
print(json.dumps({"ready": True}), flush=True)
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    record(None, "probe", d, after={"x": "y" * 500})
print(json.dumps({"done": True}))
"""


@sqlite_only("the writer's data dir is SQLite")
def test_a_backup_taken_while_the_server_writes_is_whole(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.web.proc import ROOT

    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    dst.mkdir()
    env_a = env_for(src, _database("sqlite", "youjun_writer_src", src))
    python(env_a, SEED)
    before = python(env_a, SUMMARY)["audit"]
    prelude = "import json, sys\nfrom youjun.web import setup\nsetup()\n"
    writer = subprocess.Popen([sys.executable, "-c", prelude + WRITER, "8"], cwd=ROOT, env=env_a,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and "ready" in writer.stdout.readline()
    archive = tmp_path / "hot.tar.gz"
    done = youjun(env_a, "backup", "--out", str(archive))
    writer.wait(60)
    assert done.returncode == 0, done.stderr
    assert youjun(env_for(dst), "restore", str(archive)).returncode == 0
    restored = python(env_for(dst), SUMMARY)["audit"]
    after = python(env_a, SUMMARY)["audit"]
    assert before <= restored <= after and after > before  # a moment of the live database, whole
