"""The data dir holds the database, the secret key and uploads: only the server's own user
may read it (issue 9, finding 17).

Explicit modes rather than a process-wide ``os.umask(0o077)``: settings are imported by every
process that uses Django (the CLI, tests, gunicorn), and a umask there would also change files
the platform hands to other programs. SQLite creates its ``-wal`` and ``-shm`` files with the
mode of the database file, so a 0600 database keeps them private too.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) and make it 0700, also when it already existed."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if missing (an empty file is a valid SQLite database) and make it
    0600 — before anyone writes to it, so there is no moment it can be read by others."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    if path.stat().st_mode & 0o777 != FILE_MODE:
        path.chmod(FILE_MODE)
    for suffix in ("-wal", "-shm", "-journal"):  # left by an earlier, looser version
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_mode & 0o777 != FILE_MODE:
            side.chmod(FILE_MODE)
    return path


def write_private_text(path: Path, text: str) -> None:
    """Write a new file that is 0600 from its first byte (the secret key)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
