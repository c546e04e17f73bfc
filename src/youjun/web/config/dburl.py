"""DATABASE_URL -> Django DATABASES entry (SQLite file by default, PostgreSQL in production)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

# WAL lets readers go on while one process writes; busy_timeout makes gunicorn workers wait
# for the write lock instead of failing with "database is locked".
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"


def sqlite_config(path: Path | str) -> dict[str, Any]:
    name = str(path)
    # Tests use a file beside it (not Django's shared in-memory database) so background
    # threads lock and wait exactly as in production.
    test_name = str(Path(name).with_name("test-" + Path(name).name)) if name != ":memory:" else None
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {"init_command": SQLITE_INIT, "transaction_mode": "IMMEDIATE", "timeout": 20},
        "TEST": {"NAME": test_name},
    }


def parse_database_url(url: str, default_sqlite: Path) -> dict[str, Any]:
    """Parse ``sqlite:////abs/path``, ``sqlite:///relative/path`` or ``postgresql://user:pw@host:port/db``.

    PostgreSQL also accepts ``?host=/socket/dir`` and any libpq option as query parameters.
    """
    if not url:
        return sqlite_config(default_sqlite)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.netloc + parts.path)
        path = path[1:] if path.startswith("/") else path
        return sqlite_config(path or default_sqlite)
    if scheme in ("postgres", "postgresql", "pgsql"):
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        host = query.pop("host", None) or (unquote(parts.hostname) if parts.hostname else "")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "youjun",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": host,
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": query,
        }
    raise ValueError(f"DATABASE_URL: unsupported scheme {scheme!r} (use sqlite:// or postgresql://)")
