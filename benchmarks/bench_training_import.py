"""Importing a year of training attendance: a district (S) and a province (M), on the embedded SQLite.

S: one Yongchuan-sized district (9,300 teachers at 186 schools) and its year of attendance as
sheets: the district-wide online course (one file of 9,300 rows) and a district course (one file
of 2,700 rows) — 12,000 rows. M: a province of 38 such districts in one database (353,400
teachers), each district's two files imported one after the other (456,000 rows). Each sheet
goes the whole web path without HTTP: the bounded read and every check
(``attendance_import.read_upload``: two lookups per file), the preview, then
``services.replace_attendance`` (one delete and a bulk insert, audited). The sessions' attendance
is cleared before each timed run (untimed), so every run imports into empty sessions.

Median of 3 runs each (``--runs`` for M; ``--quick``: one); peak memory from /proc VmHWM.
Synthetic teachers, never real people. Run it on an otherwise idle machine: with both cores
busy the same import took six to twenty times as long.

    .venv/bin/python -m benchmarks.bench_training_import            # S and M -> results/training_import.json
    .venv/bin/python -m benchmarks.bench_training_import --quick    # M with 4 districts, one run each
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import DATA, ROOT, machine, run_case, write_result

TEACHERS = 9_300
SCHOOLS = 186
PROVINCE_DISTRICTS = 38
QUICK_DISTRICTS = 4
FILES = (("全员网络研修", "online", 9_300, 50), ("新课标大单元教学设计研修", "onsite", 2_700, 24))
HOME = DATA / "training"


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def district_codes(n: int) -> list[str]:
    return ["500118"] + [f"5002{i:02d}" for i in range(1, n)]


def _setup(home: Path) -> None:
    os.environ["YOUJUN_DATA_DIR"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youjun.web.config.settings")
    from youjun.web import setup

    setup()


def _sheet(rows: list[tuple[str, str, float, str]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("培训签到")
    ws.append(["教师编号", "姓名", "学时", "是否合格"])
    for r in rows:
        ws.append(list(r))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def prepare(scale: str, districts: int) -> dict[str, Any]:
    """The scale's database (districts, schools, teachers, a course and session per file) and the files."""
    import datetime as dt

    home = HOME / scale
    _setup(home)
    from django.core.management import call_command

    from youjun.web.apps.platform.models import District, Province, School
    from youjun.web.apps.workforce.models import Teacher
    from youjun.web.apps.workforce.training import services

    call_command("migrate", interactive=False, verbosity=0)
    province, _ = Province.objects.get_or_create(code="500000", defaults={"name": "重庆市"})
    start = time.perf_counter()
    files = 0
    for code in district_codes(districts):
        district = District.objects.create(code=code, name=f"样例区{code[-3:]}", province=province)
        School.objects.bulk_create([School(district=district, code=f"{code}{i:04d}", name=f"样例学校{i:03d}")
                                    for i in range(1, SCHOOLS + 1)])
        schools = list(School.objects.filter(district=district).order_by("code"))
        Teacher.objects.bulk_create([Teacher(district=district, staff_id=f"T{code}{i:05d}", name=f"教师{i:05d}",
                                             school=schools[i % SCHOOLS]) for i in range(1, TEACHERS + 1)],
                                    batch_size=2_000)
        for n, (name, hour_type, rows, hours) in enumerate(FILES, start=1):
            course = services.create_course(None, district, name=name, level="district", hour_type=hour_type,
                                            funded=True, cost_yuan=rows * 100, year=2026)
            session = services.add_session(None, course, start=dt.date(2026, 3, n), end=dt.date(2026, 3, n),
                                            hours=hours)
            content = _sheet([(f"T{code}{i:05d}", f"教师{i:05d}" if i % 2 else "", hours if i % 7 else hours / 2,
                               "是" if i % 50 else "否") for i in range(1, rows + 1)])
            (home / f"{code}-{n}.xlsx").write_bytes(content)
            (home / f"{code}-{n}.session").write_text(str(session.pk))
            files += 1
    return {"districts": districts, "teachers": districts * TEACHERS, "files": files,
            "seconds": round(time.perf_counter() - start, 1)}


def case(name: str) -> dict[str, Any]:
    home = HOME / name.split("-", 1)[0]
    _setup(home)
    from youjun.web.apps.workforce.training import attendance_import, services
    from youjun.web.apps.workforce.training.models import Attendance, TrainingSession

    jobs = sorted(home.glob("*.xlsx"))
    sessions = {p: TrainingSession.objects.select_related("course__district").get(
        pk=int(p.with_suffix(".session").read_text())) for p in jobs}
    Attendance.objects.all().delete()  # untimed: every run imports into empty sessions
    contents = {p: p.read_bytes() for p in jobs}
    start = time.perf_counter()
    rows = passed = 0
    read_s = write_s = 0.0
    for path in jobs:
        session = sessions[path]
        t0 = time.perf_counter()
        parsed = attendance_import.read_upload(session, contents[path], path.name)
        assert not parsed.problems, parsed.problems[:3]
        preview = attendance_import.preview(session, parsed.rows)
        t1 = time.perf_counter()
        services.replace_attendance(None, session, parsed.rows, filename=path.name)
        write_s += time.perf_counter() - t1
        read_s += t1 - t0
        rows += preview.rows
        passed += preview.passed
    seconds = time.perf_counter() - start
    assert Attendance.objects.count() == rows
    return {"seconds": seconds, "peak_mb": peak_mb(),
            "detail": {"files": len(jobs), "rows": rows, "passed": passed, "rows_per_s": round(rows / seconds),
                       "read_and_check_s": round(read_s, 2), "write_s": round(write_s, 2)}}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--case", default="")
    p.add_argument("--prepare", default="")
    p.add_argument("--districts", type=int, default=1)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--rebuild", action="store_true")
    p.add_argument("--runs", type=int, default=0, help="runs of M (default 3; 1 with --quick)")
    args = p.parse_args(argv)
    if args.case:
        print(json.dumps(case(args.case)))
        return 0
    if args.prepare:
        print(json.dumps(prepare(args.prepare, args.districts), ensure_ascii=False))
        return 0
    scales = {"S": 1, "M": QUICK_DISTRICTS if args.quick else PROVINCE_DISTRICTS}
    prepared: dict[str, Any] = {}
    for scale, n in scales.items():
        home = HOME / scale
        if args.rebuild and home.exists():
            shutil.rmtree(home)
        if not (home / "youjun.sqlite3").exists():
            home.mkdir(parents=True, exist_ok=True)
            out = subprocess.run([sys.executable, "-m", "benchmarks.bench_training_import", "--prepare", scale,
                                  "--districts", str(n)], cwd=ROOT, capture_output=True, text=True, check=True)
            prepared[scale] = json.loads(out.stdout.strip().splitlines()[-1])
    results = [run_case("benchmarks.bench_training_import", "S-import", 1 if args.quick else 3),
               run_case("benchmarks.bench_training_import", "M-import", args.runs or (1 if args.quick else 3))]
    for r in results:
        print(f"{r['case']:<10} median {r['median_s']:.2f} s  peak {r['peak_mb']:.0f} MB  {r['detail']}")
    payload = {"machine": machine(), "quick": args.quick, "districts": scales, "prepare": prepared,
               "cases": results}
    print(write_result("training_import", payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
