"""`youjun backup` and `youjun restore`: the web platform's database and data files in one archive.

The archive (``.tar.gz``, created 0600) holds ``manifest.json`` (format, youjun version, database
engine, applied migrations, size and SHA-256 of every member), the database — a SQLite copy made
with SQLite's online backup API (consistent while the server runs) or a ``pg_dump -Fc`` dump —
and ``files/``: the data directory's own files (secret key, uploads, reports), not the database
files and not the regenerable ``static/``.

Restore checks the manifest and every hash before it touches anything, refuses a target
database that holds data unless ``--force``, and replaces the database in one step: a SQLite
file is swapped in by rename after an integrity check (the old file kept beside it), a
PostgreSQL dump is loaded by ``pg_restore --single-transaction``. Either way the database is the
backup's or the old one, never half of each. Then it migrates, so an older backup comes forward.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path, PurePosixPath
from typing import Any

from youjun import __version__
from youjun.cli.serve_cmd import add_web_options, setup_web

RAW = argparse.RawTextHelpFormatter
FORMAT = "youjun-backup"
FORMAT_VERSION = 1
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
SKIP_DIRS = {"static"}  # regenerable (collected static files)


class BackupError(Exception):
    """A catalogued problem (E831–E834) of a backup or restore."""

    def __init__(self, code: str, *, value: Any = "", detail: str = "") -> None:
        from youjun.web.errors import web_problem

        self.problem = web_problem(code, value=value, detail=detail, rule="backup")
        super().__init__(self.problem["message"]["en"])


def register(subparsers: Any) -> None:
    b = subparsers.add_parser(
        "backup", formatter_class=RAW, help="备份网页平台的数据库与数据文件 / back up the web platform",
        description="把数据库（SQLite 在线备份或 pg_dump）与数据目录中的文件写入一个归档\n"
                    "Write the database (SQLite online backup, or pg_dump) and the data directory's files "
                    "into one archive.")
    add_web_options(b)
    b.add_argument("--out", required=True, help="归档文件（.tar.gz）/ the archive to write (.tar.gz)")
    b.set_defaults(func=_backup)
    r = subparsers.add_parser(
        "restore", formatter_class=RAW, help="从备份归档恢复 / restore from a backup archive",
        description="校验归档后恢复数据库与数据文件，再执行迁移；目标已有数据时须加 --force\n"
                    "Check the archive, restore the database and the data files, then migrate; a target "
                    "that holds data needs --force.")
    add_web_options(r)
    r.add_argument("archive", help="youjun backup 写出的归档 / an archive written by youjun backup")
    r.add_argument("--force", action="store_true", help="覆盖已有数据 / replace data already there")
    r.set_defaults(func=_restore)


def _report(exc: BackupError) -> int:
    p = exc.problem
    print(f"{p['code']} {p['message']['zh']}\n{p['message']['en']}\n{p['hint']['zh']}\n{p['hint']['en']}",
          file=sys.stderr)
    return 1


def _backup(args: argparse.Namespace) -> int:
    setup_web(args)
    try:
        manifest = backup(Path(args.out))
    except BackupError as exc:
        return _report(exc)
    print(f"已备份 / backed up: {args.out} ({manifest['engine']}, {len(manifest['members'])} members)")
    return 0


def _restore(args: argparse.Namespace) -> int:
    setup_web(args)
    try:
        manifest = restore(Path(args.archive), force=args.force)
    except BackupError as exc:
        return _report(exc)
    print(f"已恢复 / restored: {args.archive} (made {manifest['created_at']}, youjun {manifest['youjun_version']})")
    return 0


# -- the database --------------------------------------------------------------------------------

def _db() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.DATABASES["default"])


def _engine(db: dict[str, Any]) -> str:
    return "postgresql" if "postgresql" in db["ENGINE"] else "sqlite"


def _pg_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise BackupError("E831", detail="PostgreSQL is configured but DATABASE_URL is not a postgresql:// URL")
    return url.replace("postgres://", "postgresql://", 1)


def _sqlite_copy(src: Path, dst: Path) -> None:
    """A consistent copy of a live SQLite database (online backup API), as one self-contained file."""
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(dst)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()


def _migrations_sqlite(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [f"{a}.{n}" for a, n in con.execute("SELECT app, name FROM django_migrations ORDER BY id")]
    except sqlite3.DatabaseError:
        return []
    finally:
        con.close()


def _migrations_django() -> list[str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT app, name FROM django_migrations ORDER BY id")
        return [f"{a}.{n}" for a, n in cur.fetchall()]


def _run(cmd: list[str], code: str) -> None:
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise BackupError(code, detail=f"{Path(cmd[0]).name}: {(out.stderr or out.stdout).strip()[-400:]}")


# -- the archive ---------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _data_files(data_dir: Path, db_file: Path | None, out: Path) -> list[Path]:
    skip = {out.resolve()}
    if db_file is not None:
        skip |= {db_file.resolve(), Path(f"{db_file}-wal").resolve(), Path(f"{db_file}-shm").resolve(),
                 Path(f"{db_file}-journal").resolve()}
    found = []
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        if rel.parts[0] in SKIP_DIRS or not path.is_file() or path.is_symlink() or path.resolve() in skip:
            continue
        if path.name.startswith(("test-", ".")) or ".before-restore-" in path.name or path.name.endswith(".tar.gz"):
            continue  # test databases, hidden files, earlier restores and backups
        found.append(path)
    return found


def backup(out: Path) -> dict[str, Any]:
    """Write the archive ``out`` (0600, replaced in one step); its manifest."""
    from django.conf import settings

    db = _db()
    engine = _engine(db)
    data_dir = Path(settings.DATA_DIR)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="youjun-backup-") as tmp:
        work = Path(tmp)
        db_file: Path | None = None
        if engine == "sqlite":
            db_file = Path(db["NAME"])
            if not db_file.is_file():
                raise BackupError("E831", detail=f"no database at {db_file}")
            dump = work / SQLITE_MEMBER
            try:
                _sqlite_copy(db_file, dump)
            except sqlite3.Error as exc:
                raise BackupError("E831", detail=f"SQLite: {exc}") from exc
            migrations = _migrations_sqlite(dump)
        else:
            dump = work / PG_MEMBER
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}",
                  f"--dbname={_pg_url()}"], "E831")
            migrations = _migrations_django()
        members: dict[str, dict[str, Any]] = {dump.name: {"sha256": _sha256(dump), "size": dump.stat().st_size}}
        files = _data_files(data_dir, db_file, out)
        for path in files:
            members[f"files/{path.relative_to(data_dir).as_posix()}"] = {"sha256": _sha256(path),
                                                                      "size": path.stat().st_size}
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "youjun_version": __version__,
                    "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "engine": engine,
                    "database": dump.name, "migrations": migrations, "members": members}
        partial = out.with_name(f".{out.name}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size, info.mode, info.mtime = len(body), 0o600, int(time.time())
                tar.addfile(info, io.BytesIO(body))
                tar.add(dump, arcname=dump.name)
                for path in files:
                    tar.add(path, arcname=f"files/{path.relative_to(data_dir).as_posix()}")
            os.chmod(partial, 0o600)
            os.replace(partial, out)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BackupError("E831", detail=str(exc)) from exc
    return manifest


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
        if not candidates:
            raise BackupError("E831" if name == "pg_dump" else "E834", detail=f"{name} is not installed")
        found = str(candidates[-1])
    return found


def _safe_member(name: str) -> bool:
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and name == p.as_posix()


def read_archive(archive: Path, work: Path) -> dict[str, Any]:
    """Extract ``archive`` into ``work`` after checking its manifest; every member's hash checked."""
    def bad(detail: str) -> BackupError:
        return BackupError("E833", value=archive.name, detail=detail)

    try:
        with tarfile.open(archive, mode="r:*") as tar:
            names = tar.getnames()
            if "manifest.json" not in names:
                raise bad("manifest.json missing")
            fh = tar.extractfile("manifest.json")
            manifest = json.loads(fh.read().decode()) if fh else {}
            if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
                raise bad(f"not a {FORMAT} v{FORMAT_VERSION} archive")
            members: dict[str, Any] = manifest.get("members") or {}
            if manifest.get("database") not in members or set(names) - {"manifest.json"} != set(members):
                raise bad("the members differ from the manifest")
            for name in members:
                info = tar.getmember(name)
                if not _safe_member(name) or not info.isfile():
                    raise bad(f"unsafe member {name}")
                target = work / name
                target.parent.mkdir(parents=True, exist_ok=True)
                src = tar.extractfile(info)
                assert src is not None
                with target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                if _sha256(target) != members[name]["sha256"]:
                    raise bad(f"{name}: hash differs from the manifest")
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError, KeyError) as exc:
        raise bad(f"{type(exc).__name__}: {exc}") from exc
    known = _known_migrations()
    newer = [m for m in manifest.get("migrations") or [] if m not in known]
    if newer:
        raise bad(f"made by a newer release (unknown migrations: {', '.join(newer[:5])})")
    return manifest


def _known_migrations() -> set[str]:
    from django.db.migrations.loader import MigrationLoader

    return {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}


DATA_PREFIXES = ("platform_", "schools_", "assessment_", "planning_")  # youjun's own tables: its data


def _sqlite_rows(path: Path) -> int:
    """Rows in youjun's tables of a SQLite file (0 for no file, or a fresh migrated database)."""
    if not path.is_file() or path.stat().st_size == 0:
        return 0
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if t.startswith(DATA_PREFIXES)]
        return sum(con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables)
    except sqlite3.DatabaseError:
        return 1  # unreadable: treat as data, never overwrite it silently
    finally:
        con.close()


def _pg_rows() -> int:
    from django.db import connection

    tables = [t for t in connection.introspection.table_names() if t.startswith(DATA_PREFIXES)]
    with connection.cursor() as cur:
        total = 0
        for t in tables:
            cur.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(t)}")
            total += int(cur.fetchone()[0])
    return total


def restore(archive: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore ``archive`` into the configured database and data dir; its manifest."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    db = _db()
    engine = _engine(db)
    data_dir = Path(settings.DATA_DIR)
    with tempfile.TemporaryDirectory(prefix=".youjun-restore-", dir=data_dir) as tmp:
        work = Path(tmp)
        manifest = read_archive(archive, work)
        if manifest["engine"] != engine:
            raise BackupError("E833", value=archive.name,
                              detail=f"a {manifest['engine']} backup cannot be restored into {engine}")
        if engine == "sqlite":
            target = Path(db["NAME"])
            rows = _sqlite_rows(target)
            if rows and not force:
                raise BackupError("E832", detail=f"{target}: {rows} rows")
            connections.close_all()
            _swap_sqlite(work / SQLITE_MEMBER, target)
        else:
            rows = _pg_rows()
            if rows and not force:
                raise BackupError("E832", detail=f"{db['NAME']}: {rows} rows")
            connections.close_all()
            _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                  "--single-transaction", "--exit-on-error", f"--dbname={_pg_url()}", str(work / PG_MEMBER)],
                 "E834")
        _put_files(work / "files", data_dir)
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except Exception as exc:
            raise BackupError("E834", detail=f"migrate: {exc}") from exc
    return manifest


def _swap_sqlite(new: Path, target: Path) -> None:
    """Put the restored file in place by one rename; the previous file is kept beside it."""
    con = sqlite3.connect(new)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        ok = str(exc)
    finally:
        con.close()
    if ok != "ok":
        raise BackupError("E834", detail=f"integrity check: {ok}")
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(new, staged)
    os.chmod(staged, 0o600)
    if target.exists():
        # Fold the old file's WAL into it, so that no stale -wal is left to be replayed on the new one.
        old = sqlite3.connect(target)
        try:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            old.close()
        keep = target.with_name(f"{target.name}.before-restore-{time.strftime('%Y%m%d-%H%M%S')}")
        shutil.copyfile(target, keep)
        os.chmod(keep, 0o600)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(staged, target)


def _put_files(src: Path, data_dir: Path) -> None:
    if not src.is_dir():
        return
    for path in sorted(src.rglob("*")):
        if not path.is_file():
            continue
        dest = data_dir / path.relative_to(src)
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        staged = dest.with_name(f".{dest.name}.restoring")
        shutil.copyfile(path, staged)
        os.chmod(staged, 0o600)
        os.replace(staged, dest)
