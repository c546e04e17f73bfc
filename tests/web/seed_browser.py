"""Prepare a database for the browser tests and the web benchmark (run as a subprocess).

    python -m tests.web.seed_browser OUT_DIR [--assess-year YEAR] [--assess-earlier]

Uses DATABASE_URL / YOUJUN_DATA_DIR from the environment: migrates, stores the sample
district S for 2023-2024 (Yongchuan) and a small second district (Fuling, 2025-2026), creates
one user of each role, and writes the workbooks the tests upload (S 2025-2026, clean; the
tiny district with mistakes). Prints a JSON description of what it made.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

PASSWORD = "browser-test-password-1"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--assess-year", default="", help="also store this year of S and run its assessment")
    parser.add_argument("--assess-earlier", action="store_true",
                        help="store 2023-2024 with some schools worse and some better, and assess it too "
                             "(two assessed years for the year comparison)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youjun.web.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tests.ingest.tiny_district import tiny_district
    from youjun.ingest.writers import write_tables
    from youjun.sample import generate, generate_district
    from youjun.web.apps.assessment import services as assessment_services
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import District, Province, School
    from youjun.web.apps.schools import services as school_services

    call_command("migrate", interactive=False, verbosity=0)
    args.out.mkdir(parents=True, exist_ok=True)
    old = generate("S", 2023, school_year="2023-2024")
    if args.assess_earlier:  # the same schools as the later year (the sample draws a district per year)
        old = _earlier_year(generate("S", 2023, school_year=args.assess_year or "2025-2026"), "2023-2024")
    other = generate_district("M", 2023, 1, scale=0.3, school_year="2025-2026")
    cq = Province.objects.create(code="500000", name="重庆市")
    yc = District.objects.create(code="500118", name="永川区", province=cq)
    fl = District.objects.create(code="500102", name="涪陵区", province=cq)
    school_services.store_snapshot(None, yc, old, source="yongchuan-2023.xlsx")
    school_services.store_snapshot(None, fl, other, source="fuling-2025.xlsx")
    codes = sorted(old["schools"].loc[old["schools"]["school_type"] == "primary", "school_code"])
    own, neighbour = codes[0], codes[1]
    far = str(other["schools"]["school_code"].iloc[0])
    mk = platform_services.create_user
    mk(None, "admin", PASSWORD, role="platform_admin")
    mk(None, "bureau", PASSWORD, full_name="永川区教委", role="district_admin", district=yc)
    mk(None, "analyst", PASSWORD, role="district_analyst", district=yc)
    mk(None, "inspector", PASSWORD, role="inspector", province=cq)
    mk(None, "officer", PASSWORD, role="school_officer", school=School.objects.get(code=own))
    mk(None, "bureau2", PASSWORD, role="district_admin", district=fl)
    write_tables(generate("S", 2023, school_year="2025-2026"), args.out / "永川区-2025-2026.xlsx", "xlsx")
    broken = tiny_district()  # five independent mistakes, as a person makes them
    broken["schools"].loc[1, "town"] = None
    broken["schools"].loc[2, "central_school_code"] = "500118001"
    broken["facilities"].loc[1, "gym_area_m2"] = -5.0
    broken["teachers"].loc[2, "qualification"] = "大专以上"
    broken["teachers"].loc[5, "teacher_id"] = "500118198001011234"
    write_tables(broken, args.out / "有错误的文件.xlsx", "xlsx")
    run_id = earlier_run_id = None
    if args.assess_earlier:
        settings.YOUJUN_TASKS = "eager"
        earlier_run_id = assessment_services.start_run(None, yc, "2023-2024").pk
    if args.assess_year:
        tables = generate("S", 2023, school_year=args.assess_year)
        school_services.store_snapshot(None, yc, tables, source=f"yongchuan-{args.assess_year}.xlsx")
        settings.YOUJUN_TASKS = "eager"
        run_id = assessment_services.start_run(None, yc, args.assess_year).pk
    print(json.dumps({"password": PASSWORD, "own_school": own, "neighbour_school": neighbour,
                      "far_school": far, "clean": str(args.out / "永川区-2025-2026.xlsx"),
                      "broken": str(args.out / "有错误的文件.xlsx"), "run": run_id,
                      "earlier_run": earlier_run_id}, ensure_ascii=False))


def _earlier_year(tables: dict[str, Any], year: str) -> dict[str, Any]:
    """The same schools a year before, differing the way real years do: a third of them had less
    equipment and fewer multimedia rooms (so some now newly pass), a few had more (so some now
    newly fail)."""
    tables = {k: v.copy() for k, v in tables.items()}
    tables["districts"]["school_year"] = year
    fac = tables["facilities"]
    worse = fac.index % 3 == 0
    better = (fac.index % 5 == 4) & ~worse
    fac.loc[worse, "equipment_value_10k_yuan"] *= 0.55
    fac.loc[worse, "multimedia_classrooms"] = (fac.loc[worse, "multimedia_classrooms"] * 0.6).round()
    fac.loc[better, "equipment_value_10k_yuan"] *= 1.8
    fac.loc[better, "outdoor_sports_area_m2"] *= 1.5
    return tables


if __name__ == "__main__":
    main()
