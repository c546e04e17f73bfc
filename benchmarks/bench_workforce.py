"""The workforce dashboard at district (S) and province (M) scale, on the embedded SQLite.

S: one Yongchuan-sized district (``youjun sample S``: 186 schools) seeded by the workforce demo
at the sources' scale (~9,300 teachers, 3,964 rotations, their qualifications, titles and key
tiers; each workforce area's own demo when it has one). M: a province of 38 such districts'
teachers in one database (about 350,000 teachers). Each case runs in a fresh process after
Django is set up and times the second of two calls (the first, cold, is ``detail.cold_s``):
the dashboard's queries for one district (``selectors_dashboard.dashboard``), the whole page
through the templates, the first page of the records behind a figure, and (M) the province
roll-up of every district. Median of 3 runs; peak memory from /proc VmHWM.

    .venv/bin/python -m benchmarks.bench_workforce            # S and M -> benchmarks/results/workforce.json
    .venv/bin/python -m benchmarks.bench_workforce --quick    # M with 8 districts, one run each

The databases are built once under benchmarks/data/workforce/ (``--rebuild`` to build again);
the seconds the demo took to seed them are reported as ``prepare``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import DATA, ROOT, machine, run_case, write_result

SEED = 2023
PROVINCE_DISTRICTS = 38
QUICK_DISTRICTS = 8
HOME = DATA / "workforce"
PROVINCE = ("500000", "重庆市")


def peak_mb() -> float:
    """This process's peak RSS (VmHWM: ru_maxrss would carry the parent's peak across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def district_codes(n: int) -> list[str]:
    return ["500118"] + [f"5002{i:02d}" for i in range(1, n)]


def _retag(tables: dict[str, Any], code: str) -> dict[str, Any]:
    """Sample S moved to district ``code`` (school and teacher numbers renumbered to match)."""
    out = {k: v.copy() for k, v in tables.items()}
    for frame in out.values():
        for col in ("school_code", "central_school_code", "rotated_from_school_code"):
            if col in frame.columns:
                frame[col] = frame[col].map(lambda v: code + v[6:] if isinstance(v, str) else v)
        if "district_code" in frame.columns:
            frame["district_code"] = code
    out["teachers"]["teacher_id"] = out["teachers"]["teacher_id"].str.replace("500118", code, regex=False)
    out["districts"]["district_name"] = f"样例区{code[-2:]}" if code != "500118" else "永川区"
    return out


def _setup(home: Path) -> None:
    os.environ["YOUJUN_DATA_DIR"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youjun.web.config.settings")
    from youjun.web import setup

    setup()


def prepare(scale: str, districts: int) -> dict[str, Any]:
    """Build the scale's database: migrate, store sample S per district, seed the workforce demo."""
    import random

    home = HOME / scale
    _setup(home)
    from django.core.management import call_command
    from django.utils import timezone

    from youjun.sample import generate
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import District, Province
    from youjun.web.apps.schools import services as school_services
    from youjun.web.apps.workforce import demo_scale

    call_command("migrate", interactive=False, verbosity=0)
    province, _ = Province.objects.get_or_create(code=PROVINCE[0], defaults={"name": PROVINCE[1]})
    base = generate("S", SEED)
    today = timezone.localdate()
    seconds: list[float] = []
    teachers = 0
    for code in district_codes(districts):
        tables = _retag(base, code)
        district = District.objects.filter(code=code).first() or District.objects.create(
            code=code, name=str(tables["districts"]["district_name"].iloc[0]), province=province)
        snapshot = school_services.store_snapshot(None, district, tables, source=f"sample S as {code}")
        made = demo_scale.seed_district(district, snapshot, today=today, rng=random.Random(SEED),
                                        areas=code == "500118")
        seconds.append(made.get("seconds", 0.0))
        teachers += made.get("teachers", 0)
    platform_services.create_user(None, "bench-admin", "bench-password-2026-x", role="platform_admin")
    return {"districts": districts, "teachers": teachers, "seed_seconds_first": seconds[0],
            "seed_seconds_total": round(sum(seconds), 1)}


def case(name: str) -> dict[str, Any]:
    scale, what = name.split("-", 1)
    _setup(HOME / scale)
    from django.test import Client
    from django.utils import timezone

    from youjun.web.apps.platform.models import District, Province, User
    from youjun.web.apps.workforce import dashboard as dash
    from youjun.web.apps.workforce import selectors_dashboard as sel

    district = District.objects.get(code="500118")
    today = timezone.localdate()
    client = Client()
    client.force_login(User.objects.get(username="bench-admin"))

    def run() -> dict[str, Any]:
        if what in ("floor", "province_floor"):
            # the floor: the same headline counts in one SQL statement over the same tables,
            # no ORM, no figures built (what the dashboard cannot beat)
            from django.db import connection

            by = "" if what == "floor" else "GROUP BY t.district_id"
            where = "WHERE t.district_id = %s" if what == "floor" else ""
            with connection.cursor() as cur:
                cur.execute(f"SELECT COUNT(DISTINCT t.id), SUM(CASE WHEN a.kind = 'rotation' THEN 1 ELSE 0 END) "
                            f"FROM workforce_teacher t LEFT JOIN workforce_assignment a ON a.teacher_id = t.id "
                            f"{where} {by}", [district.pk] if what == "floor" else [])
                rows = cur.fetchall()
            return {"rows": len(rows), "teachers": sum(r[0] for r in rows), "rotations": sum(r[1] or 0 for r in rows)}
        if what == "dashboard":
            d = sel.dashboard(district, today)
            return {"teachers": d.teachers, "rotations": d.rotations, "new_posts": d.new_posts,
                    "schools": len(d.schools)}
        if what in ("page", "records"):
            url = f"/workforce/d/{district.code}/dashboard/" + ("key/" if what == "records" else "")
            response = client.get(url, HTTP_HOST="localhost")
            return {"status": response.status_code, "bytes": len(response.content)}
        if what == "province":
            lines = dash.province_roll_up(Province.objects.get(code=PROVINCE[0]), today)
            return {"districts": len(lines), "teachers": sum(x.teachers for x in lines)}
        raise SystemExit(f"unknown case {name}")

    start = time.perf_counter()
    run()  # cold: the first request of a process also loads the URLconf, templates and catalogues
    cold = time.perf_counter() - start
    start = time.perf_counter()
    detail = run()
    detail["cold_s"] = round(cold, 3)
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb(), "detail": detail}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--case", default="")
    p.add_argument("--prepare", default="")
    p.add_argument("--districts", type=int, default=1)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--rebuild", action="store_true")
    args = p.parse_args(argv)
    if args.case:
        print(json.dumps(case(args.case)))
        return 0
    if args.prepare:
        print(json.dumps(prepare(args.prepare, args.districts), ensure_ascii=False))
        return 0
    runs = 1 if args.quick else 3
    scales = {"S": 1, "M": QUICK_DISTRICTS if args.quick else PROVINCE_DISTRICTS}
    prepared: dict[str, Any] = {}
    for scale, n in scales.items():
        home = HOME / scale
        if args.rebuild and home.exists():
            shutil.rmtree(home)
        if not (home / "youjun.sqlite3").exists():
            home.mkdir(parents=True, exist_ok=True)
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "benchmarks.bench_workforce", "--prepare", scale,
                                  "--districts", str(n)], cwd=ROOT, capture_output=True, text=True, check=True)
            prepared[scale] = {**json.loads(out.stdout.strip().splitlines()[-1]),
                               "seconds": round(time.perf_counter() - start, 1)}
    cases = ["S-floor", "S-dashboard", "S-page", "S-records", "M-floor", "M-dashboard", "M-page",
             "M-province_floor", "M-province"]
    results = [run_case("benchmarks.bench_workforce", c, runs) for c in cases]
    floors = {r["case"].split("-")[0] + ("-province" if "province" in r["case"] else ""): r["median_s"]
              for r in results if r["case"].endswith("floor")}
    for r in results:  # each case's median over the floor of the same scale, measured in this run
        if not r["case"].endswith("floor"):
            floor = floors.get(r["case"].split("-")[0] + ("-province" if "province" in r["case"] else ""))
            r["ratio_to_floor"] = round(r["median_s"] / floor, 1) if floor else None
    for r in results:
        print(f"{r['case']:<14} median {r['median_s']:.3f} s  peak {r['peak_mb']:.0f} MB  {r['detail']}")
    payload = {"machine": machine(), "quick": args.quick, "districts": scales, "prepare": prepared,
               "cases": results}
    print(write_result("workforce", payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
