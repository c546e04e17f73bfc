"""Hand-made districts for the planning tests: a few primary schools whose figures are chosen
so that the optimal plan can be worked out on paper.

Every school has 100 pupils (17+17+17+17+16+16 in grades 1–6, one class per grade), so each
"per 100 pupils" figure is simply a count: r1 needs 5 qualified teachers (4.2), r2 one key
teacher (1.0), r3 one PE/music/art teacher (0.9), r7 three multimedia rooms (2.3). The
physical defaults meet every threshold with room to spare; G3 needs one music and one art
room (6 classes ≤ 12).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tests.ingest.tiny_district import D, tiny_district
from youjun.core.schema import GRADES, TABLES_BY_KEY, grade_column

GRADE_PUPILS = {1: 17, 2: 17, 3: 17, 4: 17, 5: 16, 6: 16}


@dataclass
class T:
    """A teacher: subject, qualified (bachelor) or not (secondary vocational), key, PE specialist, years."""

    subject: str = "chinese"
    qualified: bool = True
    key: bool = False
    years: int = 8


@dataclass
class School:
    code: str
    teachers: list[T]
    quota: int | None = None  # None: as many posts as teachers (no room to grow)
    lon: float = 105.90
    lat: float = 29.35
    town: str = "中山路街道"
    group: str | None = None
    ownership: str = "public"
    pupils: dict[int, int] = field(default_factory=lambda: dict(GRADE_PUPILS))
    teaching_m2: float = 600.0  # 6.0 per pupil (≥ 4.5)
    sports_m2: float = 1000.0  # 10 per pupil (≥ 7.5)
    equipment_10k: float = 25.0  # 2,500 yuan per pupil (≥ 2,000)
    multimedia: int = 4  # 4 per 100 (≥ 2.3)
    music_rooms: tuple[float, ...] = (100.0,)
    art_rooms: tuple[float, ...] = (100.0,)


def plain(n: int, **kw: Any) -> list[T]:
    return [T(**kw) for _ in range(n)]


def standard_staff(key: int = 1, pe: int = 1, extra: int = 0, years: int = 8) -> list[T]:
    """10 + extra qualified teachers: ``pe`` PE specialists, ``key`` key teachers among the
    Chinese teachers (three, so two can move without leaving the subject), the rest in
    math ×3, foreign language, science and IT."""
    subjects = ["pe"] * pe + ["chinese"] * (4 - pe) + ["math"] * 3 + ["foreign_language", "science", "it"]
    staff = [T(subject=s, years=years) for s in subjects + ["math"] * extra]
    chinese = [t for t in staff if t.subject == "chinese"]
    for t in chinese[:key]:
        t.key = True
    return staff


def district(schools: list[School]) -> dict[str, pd.DataFrame]:
    base = tiny_district()
    rows, classes, teachers, facilities, rooms, finance = [], [], [], [], [], []
    n = 0
    for s in schools:
        row = {"school_code": s.code, "school_name": f"学校{s.code[-3:]}", "district_code": D, "town": s.town,
               "school_type": "primary", "ownership": s.ownership, "location": "urban", "boarding": False,
               "county_run": True, "central_school_code": None, "education_group": s.group,
               "post_quota": len(s.teachers) if s.quota is None else s.quota, "longitude": s.lon, "latitude": s.lat}
        for g in GRADES:
            row[grade_column(g)] = s.pupils.get(g, 0)
            if s.pupils.get(g, 0):
                classes.append({"school_code": s.code, "grade": g, "class_name": "1班", "students": s.pupils[g]})
        rows.append(row)
        for t in s.teachers:
            n += 1
            teachers.append({
                "teacher_id": f"T{n:04d}", "school_code": s.code, "section": "primary", "subject": t.subject,
                "qualification": "bachelor" if t.qualified else "secondary_vocational", "title": "first",
                "key_teacher_tier": "key" if t.key else "none", "key_teacher_level": "county" if t.key else None,
                "pe_art_specialist": t.subject in ("pe", "music", "art"), "has_certificate": True,
                "years_at_school": t.years, "rotated_this_year": False, "rotated_from_school_code": None,
                "training_hours_year": 80.0, "training_hours_5y": 400.0})
        facilities.append({"school_code": s.code, "building_area_m2": s.teaching_m2 * 2,
                           "teaching_aux_area_m2": s.teaching_m2, "gym_area_m2": 0.0,
                           "outdoor_sports_area_m2": s.sports_m2, "equipment_value_10k_yuan": s.equipment_10k,
                           "multimedia_classrooms": s.multimedia, "computers": 50, "books": 3000})
        for kind, areas in (("music", s.music_rooms), ("art", s.art_rooms)):
            rooms += [{"school_code": s.code, "room_type": kind, "room_no": f"{kind}-{i + 1}", "area_m2": a}
                      for i, a in enumerate(areas)]
        finance.append({"school_code": s.code, "public_funds_budget_yuan": 400000.0,
                        "public_funds_allocated_yuan": 400000.0, "teacher_training_spend_yuan": 24000.0})
    new = {"schools": rows, "classes": classes, "teachers": teachers, "facilities": facilities, "rooms": rooms,
           "school_finance": finance}
    for key, records in new.items():
        cols = [f.key for f in TABLES_BY_KEY[key].fields]
        base[key] = pd.DataFrame(records, columns=cols)
    base["evidence"] = base["evidence"][base["evidence"]["school_code"].isna()].reset_index(drop=True)
    return base


def code(i: int) -> str:
    return f"{D}{i:04d}"
