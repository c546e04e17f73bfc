"""`youjun snapshots DB`: the school years stored in a DuckDB database, and the one rule that
turns a ``--snapshot`` argument (a snapshot id or a school year such as 2025-2026) into an id."""

from __future__ import annotations

import argparse
from datetime import UTC
from pathlib import Path
from typing import Any

RAW = argparse.RawTextHelpFormatter


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "snapshots", formatter_class=RAW,
        help="列出数据库中的学年数据快照 / list the school years stored in a database",
        description="列出 DuckDB 数据库中已导入的学年数据快照（最新在前）\n"
                    "List the snapshots (school years) imported into a DuckDB database, latest first.",
    )
    p.add_argument("db", nargs="?", help="DuckDB 数据库文件（默认 youjun.duckdb）/ DuckDB database file")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="语言 / language")
    p.set_defaults(func=_list)


def stored(db: str | Path) -> list[dict[str, Any]]:
    """Every snapshot of the database, latest import first."""
    import duckdb

    if not Path(db).exists():
        raise LookupError(f"没有该数据库 / no such database: {db}")
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT snapshot_id, school_year, districts, imported_at, source FROM snapshots "
                           "ORDER BY imported_at DESC").fetchall()
    except duckdb.CatalogException as exc:
        raise LookupError(f"数据库中没有已导入的数据 / the database holds no snapshot: {db}") from exc
    finally:
        con.close()
    return [{"snapshot_id": r[0], "school_year": r[1], "districts": list(r[2] or []),
             "imported_at": r[3], "source": r[4]} for r in rows]


def resolve(db: str | Path, arg: str | None) -> str | None:
    """The snapshot id meant by ``arg``: an id as stored, or a school year (its latest import).
    None stays None (the latest snapshot). LookupError names what is stored when nothing fits."""
    import unicodedata

    from youjun.ingest.coerce import consecutive_years, school_year_as_typed

    if arg is None:
        return None
    arg = arg.strip()
    snaps = stored(db)
    if any(s["snapshot_id"] == arg for s in snaps):
        return arg
    # a school year as the data's own column takes it: "2025—2026", "2025 至 2026", "2025-2026学年"
    year = school_year_as_typed(unicodedata.normalize("NFKC", arg))
    if consecutive_years(year):
        for s in snaps:  # latest first
            if s["school_year"] == year:
                return str(s["snapshot_id"])
    years = ", ".join(sorted({str(s["school_year"]) for s in snaps})) or "—"
    raise LookupError(f"没有学年或快照 {year!r}（已存学年：{years}）/ no school year or snapshot {year!r} "
                      f"(stored years: {years})")


def _list(args: argparse.Namespace) -> int:
    from youjun.cli.defaults import data_or_default

    args.db = data_or_default(args.db)
    try:
        snaps = stored(args.db)
    except LookupError as exc:
        print(exc)
        return 1
    zh = args.lang == "zh"
    print("学年        区县      导入时间             快照编号" if zh
          else "year        districts imported at          snapshot id")
    for s in snaps:
        # stored in UTC; shown in the machine's local time
        when = (s["imported_at"].replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
                if s["imported_at"] else "—")
        print(f"{s['school_year']:<11} {','.join(s['districts']):<9} {when:<20} {s['snapshot_id']}")
    years = sorted({str(s["school_year"]) for s in snaps})
    print(f"共 {len(snaps)} 个快照，学年：{'、'.join(years)}" if zh
          else f"{len(snaps)} snapshots; school years: {', '.join(years)}")
    return 0
