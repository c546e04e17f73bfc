"""The database a command uses when none is named: ``youjun.duckdb`` in the current folder, or
the ``db`` a ``youjun.toml`` there names (so ``--db`` need not be typed every time).

    # youjun.toml
    db = "数据/永川区.duckdb"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

DEFAULT_DB = "youjun.duckdb"
CONFIG = "youjun.toml"


def default_db(folder: Path | None = None) -> str:
    """The default database path (relative paths in youjun.toml are from its folder)."""
    here = folder or Path.cwd()
    config = here / CONFIG
    if config.is_file():
        from youjun.core.errors import Location, YoujunError, problem

        try:
            data = tomllib.loads(config.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            import re

            at = re.search(r"line (\d+), column (\d+)", str(exc))
            row, col = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
            raise YoujunError([problem("E861", Location(file=str(config), row=row), str(exc), file=str(config),
                                       row=row, col=col, detail=str(exc))]) from exc
        db = data.get("db") or (data.get("youjun") or {}).get("db")
        if isinstance(db, str) and db.strip():
            path = Path(db.strip())
            return str(path if path.is_absolute() else (here / path))
    return DEFAULT_DB


def data_or_default(value: str | None) -> str:
    """A command's data argument, or the default database when it was left out: E860 saying
    so when that is not there either."""
    if value:
        return value
    db = default_db()
    if not Path(db).exists():
        from youjun.core.errors import Location, YoujunError, problem

        raise YoujunError([problem(
            "E860", Location(file=db), db, file=db,
            detail=f"命令中没有给出数据，默认数据库不存在（已在 {Path(db).absolute().parent} 中查找）"
                   f"（no data given and no default database there）")])
    return db
