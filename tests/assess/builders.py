"""Build small hand-worked districts school by school, in canonical form.

Each school states its pupils per grade, its teachers by kind and its facilities; the builder
writes the ten tables, so a test can show its arithmetic against what it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from tests.ingest.tiny_district import tiny_district
from youjun.core.schema import GRADES, TABLES_BY_KEY, grade_column

DISTRICT = "500118"


@dataclass
class Staff:
    section: str
    qualified: int = 0  # above the required qualification, not key, not PE/art
    unqualified: int = 0
    key_county: int = 0  # qualified key teachers of county level
    pe_art: int = 0  # qualified PE/music/art specialists


@dataclass
class School:
    code: str
    school_type: str = "primary"
    grades: dict[int, list[int]] = field(default_factory=dict)  # grade -> class sizes
    staff: list[Staff] = field(default_factory=list)
    teaching_area: float = 0.0
    gym: float = 0.0
    outdoor: float = 0.0
    equipment_10k: float = 0.0
    multimedia: int = 0
    music_rooms: tuple[float, ...] = (100.0,)
    art_rooms: tuple[float, ...] = (100.0,)
    ownership: str = "public"
    location: str = "urban"
    central: str | None = None

    @property
    def pupils(self) -> int:
        return sum(sum(sizes) for sizes in self.grades.values())


def build(schools: list[School]) -> dict[str, pd.DataFrame]:
    base = tiny_district()  # districts, finance, rates and evidence stay as in the tiny district
    school_rows, classes, teachers, facilities, rooms, finance = [], [], [], [], [], []
    n = 0
    for s in schools:
        row = {"school_code": s.code, "school_name": f"测试学校{s.code[-3:]}", "district_code": DISTRICT,
               "town": "中山路街道", "school_type": s.school_type, "ownership": s.ownership,
               "location": s.location, "boarding": False, "county_run": True,
               "central_school_code": s.central, "education_group": None, "post_quota": 100,
               "longitude": None, "latitude": None}
        for g in GRADES:
            sizes = s.grades.get(g, [])
            row[grade_column(g)] = sum(sizes)
            classes += [{"school_code": s.code, "grade": g, "class_name": f"{k + 1}班", "students": size}
                        for k, size in enumerate(sizes)]
        school_rows.append(row)
        for staff in s.staff:
            kinds = ([("qualified", False, False)] * staff.qualified
                     + [("unqualified", False, False)] * staff.unqualified
                     + [("qualified", True, False)] * staff.key_county
                     + [("qualified", False, True)] * staff.pe_art)
            for quality, key, pe_art in kinds:
                n += 1
                qualification = "bachelor" if quality == "qualified" else "secondary_vocational"
                teachers.append({
                    "teacher_id": f"H{n:05d}", "school_code": s.code, "section": staff.section,
                    "subject": "pe" if pe_art else "chinese", "qualification": qualification,
                    "title": "first", "key_teacher_tier": "key" if key else "none",
                    "key_teacher_level": "county" if key else None, "pe_art_specialist": pe_art,
                    "has_certificate": True, "years_at_school": 3, "rotated_this_year": False,
                    "rotated_from_school_code": None, "training_hours_year": 80.0,
                    "training_hours_5y": 400.0})
        facilities.append({"school_code": s.code, "building_area_m2": 100_000.0,
                           "teaching_aux_area_m2": s.teaching_area, "gym_area_m2": s.gym,
                           "outdoor_sports_area_m2": s.outdoor, "equipment_value_10k_yuan": s.equipment_10k,
                           "multimedia_classrooms": s.multimedia, "computers": 10, "books": 1000})
        rooms += [{"school_code": s.code, "room_type": "music", "room_no": f"M{i}", "area_m2": a}
                  for i, a in enumerate(s.music_rooms)]
        rooms += [{"school_code": s.code, "room_type": "art", "room_no": f"A{i}", "area_m2": a}
                  for i, a in enumerate(s.art_rooms)]
        finance.append({"school_code": s.code, "public_funds_budget_yuan": 100_000.0,
                        "public_funds_allocated_yuan": 100_000.0, "teacher_training_spend_yuan": 5_000.0})
    tables = dict(base)
    for key, rows in (("schools", school_rows), ("classes", classes), ("teachers", teachers),
                      ("facilities", facilities), ("rooms", rooms), ("school_finance", finance)):
        tables[key] = pd.DataFrame(rows, columns=[f.key for f in TABLES_BY_KEY[key].fields])
    tables["evidence"] = tables["evidence"].assign(attested_on=date(2025, 10, 15))
    return tables


def compliant_primary(code: str, **overrides: object) -> School:
    """A primary school of 200 pupils (5 classes of 40) that meets all seven 2017 thresholds.

    Thresholds (primary): r1 4.2, r2 1.0, r3 0.9 per 100 pupils; r4 4.5 m², r5 7.5 m²,
    r6 2000 yuan per pupil; r7 2.3 per 100 pupils. For 200 pupils that is at least
    8.4 → 9 qualified teachers, 2 key teachers, 1.8 → 2 PE/art teachers, 900 m² of teaching
    area, 1,500 m² of sports area, 400,000 yuan (40 × 10,000) of equipment, 4.6 → 5 rooms.
    Staff: 5 plain qualified + 2 key + 2 PE/art = 9 qualified teachers.
    """
    school = School(code, grades={g: [40] for g in range(1, 6)},
                    staff=[Staff("primary", qualified=5, key_county=2, pe_art=2)],
                    teaching_area=900.0, gym=300.0, outdoor=1200.0, equipment_10k=40.0, multimedia=5)
    for name, value in overrides.items():
        setattr(school, name, value)
    return school
