"""Pure parts: DATABASE_URL parsing, snapshot tables round trip, the error shape."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.tiny_district import tiny_district
from youjun.core.errors import Location, problem
from youjun.ingest.store import data_hash
from youjun.web.apps.schools.frames import from_json, to_json
from youjun.web.config.dburl import parse_database_url
from youjun.web.errors import WEB_CATALOGUE, web_problem


def test_database_url() -> None:
    default = Path("/data/youjun.sqlite3")
    assert parse_database_url("", default)["NAME"] == str(default)
    assert parse_database_url("sqlite:////tmp/x.db", default)["NAME"] == "/tmp/x.db"
    pg = parse_database_url("postgresql://yj:p%40ss@127.0.0.1:5433/youjun?sslmode=disable", default)
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == ("yj", "p@ss", "127.0.0.1", "5433",
                                                                                 "youjun")
    assert pg["OPTIONS"] == {"sslmode": "disable"}
    sock = parse_database_url("postgresql://postgres@/yj?host=/run/pg", default)
    assert sock["HOST"] == "/run/pg" and sock["NAME"] == "yj"


def test_tables_round_trip_keeps_the_data_hash() -> None:
    tables = tiny_district()
    back = {k: from_json(k, to_json(k, v)) for k, v in tables.items()}
    assert data_hash(back) == data_hash(tables)


def test_web_problems_have_the_one_shape() -> None:
    core = problem("E206", Location("f.xlsx", "学校", 3, "学校标识码"), "1").to_dict()
    for spec in WEB_CATALOGUE.values():
        p = web_problem(spec.code, detail="x", value="v")
        assert set(p) == set(core) and set(p["message"]) == {"zh", "en"}
        assert "{" not in p["message"]["zh"] + p["message"]["en"]
    assert web_problem("E206", value="1", pattern_zh="10位")["code"] == "E206"


def test_models_and_migrations_agree(db) -> None:  # type: ignore[no-untyped-def]
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
