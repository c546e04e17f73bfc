"""Test data for the analytics: method parameters, hand-made districts, random provinces.

The parameters are written out by hand with the figures of ``balance-assessment.md`` (the
YAML loader that normally produces them is tested on its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from youjun.core.params import AssessmentParams
from youjun.core.schema import (
    B_KEYS,
    GRADES,
    QUALIFICATIONS,
    R_KEYS,
    SECTION_GRADES,
    SUBJECTS,
    TITLES,
    TYPE_SECTIONS,
    grade_column,
)

SPLIT_WEIGHTS = {
    "nine_year": {"primary": 1.0, "junior": 1.1},
    "complete_middle": {"junior": 1.0, "senior": 1.2},
    "twelve_year": {"primary": 1.0, "junior": 1.1, "senior": 1.32},
}
THRESHOLDS_2017 = {
    "r1_qualified_teachers_per100": {"primary": 4.2, "junior": 5.3},
    "r2_key_teachers_per100": {"primary": 1.0, "junior": 1.0},
    "r3_pe_art_teachers_per100": {"primary": 0.9, "junior": 0.9},
    "r4_teaching_area_per_student": {"primary": 4.5, "junior": 5.8},
    "r5_sports_area_per_student": {"primary": 7.5, "junior": 10.2},
    "r6_equipment_value_per_student": {"primary": 2000.0, "junior": 2500.0},
    "r7_multimedia_rooms_per100": {"primary": 2.3, "junior": 2.4},
}


def params_2017(**changes: Any) -> AssessmentParams:
    """教督〔2017〕6号 as the domain note gives it (options at their defaults)."""
    params = AssessmentParams(
        method="cn-2017", version="2017-05-23", as_of="2025-09-01", indicators=R_KEYS,
        thresholds=THRESHOLDS_2017, cv_limits={"primary": 0.50, "junior": 0.45},
        cv_mode="each", school_min_met=6, school_floor_ratio=0.85, split_weights=SPLIT_WEIGHTS,
        include_private=True, include_non_county_run=True, include_teaching_points=True,
        teaching_point_min_students=50, teaching_area_includes_gym=False,
        qualification_min={"primary": "associate", "junior": "bachelor"},
        key_teacher_min_level="county", mid_title_min="first", equipment_unit_yuan=10_000.0,
        cv_decimals=3,
    )
    return replace(params, **changes)


def params_2012(**changes: Any) -> AssessmentParams:
    """教督〔2012〕3号: 8 indicators, composite CV, public county-run schools only."""
    params = AssessmentParams(
        method="cn-2012", version="2012-01-20", as_of="2025-09-01", indicators=B_KEYS,
        thresholds={}, cv_limits={"primary": 0.65, "junior": 0.55}, cv_mode="composite",
        school_min_met=None, school_floor_ratio=None, split_weights=SPLIT_WEIGHTS,
        include_private=False, include_non_county_run=False, include_teaching_points=False,
        teaching_point_min_students=None, teaching_area_includes_gym=False,
        qualification_min={"primary": "associate", "junior": "bachelor"},
        key_teacher_min_level="county", mid_title_min="first", equipment_unit_yuan=10_000.0,
        cv_decimals=3,
    )
    return replace(params, **changes)


def spread_over_grades(section: str, pupils: int) -> dict[int, int]:
    """Pupils of a section spread over its grades as evenly as possible."""
    grades = SECTION_GRADES[section]
    base, extra = divmod(pupils, len(grades))
    return {g: base + (1 if i < extra else 0) for i, g in enumerate(grades)}


@dataclass
class DistrictBuilder:
    """A small district written school by school; ``frames()`` gives the schema's tables."""

    district_code: str = "500118"
    schools: list[dict[str, Any]] = field(default_factory=list)
    teachers: list[dict[str, Any]] = field(default_factory=list)
    facilities: list[dict[str, Any]] = field(default_factory=list)

    def school(self, school_type: str = "primary", *, primary: int = 0, junior: int = 0,
               senior: int = 0, name: str | None = None, town: str = "城关镇",
               location: str = "urban", ownership: str = "public", county_run: bool = True,
               education_group: str | None = None, teaching: float = 0.0, gym: float = 0.0,
               outdoor: float = 0.0, equipment_10k: float = 0.0, rooms: int = 0,
               computers: int = 0, books: int = 0) -> str:
        code = f"{self.district_code}{len(self.schools) + 1:04d}"
        row: dict[str, Any] = {
            "school_code": code, "school_name": name or f"学校{len(self.schools) + 1}",
            "district_code": self.district_code, "town": town, "school_type": school_type,
            "ownership": ownership, "location": location, "boarding": False,
            "county_run": county_run, "central_school_code": None,
            "education_group": education_group,
        }
        grades: dict[int, int] = {}
        for section, n in (("primary", primary), ("junior", junior), ("senior", senior)):
            grades.update(spread_over_grades(section, n))
        row.update({grade_column(g): grades.get(g, 0) for g in GRADES})
        self.schools.append(row)
        self.facilities.append({
            "school_code": code, "building_area_m2": teaching + gym + 100.0,
            "teaching_aux_area_m2": teaching, "gym_area_m2": gym,
            "outdoor_sports_area_m2": outdoor, "equipment_value_10k_yuan": equipment_10k,
            "multimedia_classrooms": rooms, "computers": computers, "books": books,
        })
        return code

    def teacher(self, school: str, section: str, n: int = 1, *, qualification: str = "bachelor",
                title: str = "second", tier: str | None = "none", level: str | None = None,
                subject: str = "chinese", specialist: bool = False) -> None:
        for _ in range(n):
            self.teachers.append({
                "teacher_id": f"T{self.district_code}{len(self.teachers) + 1:06d}",
                "school_code": school, "section": section, "subject": subject,
                "qualification": qualification, "title": title, "key_teacher_tier": tier,
                "key_teacher_level": level, "pe_art_specialist": specialist,
                "has_certificate": True, "years_at_school": 5, "rotated_this_year": False,
                "rotated_from_school_code": None, "training_hours_5y": 400.0,
            })

    def frames(self) -> dict[str, pd.DataFrame]:
        return {
            "schools": pd.DataFrame(self.schools),
            "teachers": pd.DataFrame(self.teachers),
            "facilities": pd.DataFrame(self.facilities),
        }


def merge_frames(*districts: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Several districts' tables as one province."""
    keys = districts[0].keys()
    return {k: pd.concat([d[k] for d in districts], ignore_index=True) for k in keys}


_SCHOOL_TYPES = ["primary", "primary", "primary", "junior", "nine_year", "twelve_year",
                 "complete_middle", "teaching_point", "special"]


def random_frames(seed: int, n_districts: int = 3, n_schools: int = 40,
                  teachers_per_100: float = 7.0) -> dict[str, pd.DataFrame]:
    """A random province exercising every rule: combined schools, teaching points on both
    sides of 50 pupils, special, private and non-county-run schools, blank key-teacher
    fields, teachers of a section their school lacks, optional columns left blank."""
    rng = np.random.default_rng(seed)
    schools, teachers, facilities = [], [], []
    quals = [c.code for c in QUALIFICATIONS]
    titles = [c.code for c in TITLES]
    subjects = [c.code for c in SUBJECTS]
    towns = [f"镇{i}" for i in range(6)]
    groups: list[str | None] = [None, None, "一中教育集团", "实验小学教育集团"]
    for d in range(n_districts):
        district = f"5001{d + 10:02d}"
        for s in range(n_schools):
            code = f"{district}{s + 1:04d}"
            stype = str(rng.choice(_SCHOOL_TYPES))
            sections = [x for x in TYPE_SECTIONS[stype] if x != "special"] or ["primary"]
            row: dict[str, Any] = {
                "school_code": code, "school_name": f"{district}-{s + 1}", "district_code": district,
                "town": str(rng.choice(towns)), "school_type": stype,
                "ownership": [None, "private", "public"][int(np.searchsorted(
                    [0.03, 0.13], rng.random(), side="right"))],
                "location": str(rng.choice(["urban", "town", "rural"])),
                "boarding": bool(rng.random() < 0.2), "county_run": bool(rng.random() > 0.1),
                "education_group": groups[int(rng.integers(len(groups)))],
            }
            size = 20 if stype == "teaching_point" else 120
            for g in GRADES:
                in_type = any(g in SECTION_GRADES[x] for x in sections)
                row[grade_column(g)] = int(rng.integers(3, size)) if in_type else 0
            schools.append(row)
            pupils = sum(row[grade_column(g)] for g in GRADES)
            facilities.append({
                "school_code": code, "building_area_m2": float(pupils * 12),
                "teaching_aux_area_m2": float(pupils * rng.uniform(2, 9)),
                "gym_area_m2": float(rng.choice([0.0, rng.uniform(200, 1500)])),
                "outdoor_sports_area_m2": float(pupils * rng.uniform(3, 14)),
                "equipment_value_10k_yuan": round(pupils * rng.uniform(0.1, 0.4), 2),
                "multimedia_classrooms": int(rng.integers(0, 40)),
                "computers": int(rng.integers(0, 300)),
                "books": int(pupils * rng.uniform(10, 40)),
            })
            n_teachers = max(1, int(pupils * teachers_per_100 / 100 * rng.uniform(0.6, 1.4)))
            for k in range(n_teachers):
                section = str(rng.choice(sections)) if rng.random() > 0.02 else "junior"
                tier = str(rng.choice(["none", "none", "none", "key", "leader", "famous"]))
                has_tier = tier != "none"
                level = str(rng.choice(["school", "county", "city", "province"])) if has_tier \
                    else None
                subject = str(rng.choice(subjects))
                teachers.append({
                    "teacher_id": f"T{code}{k:04d}", "school_code": code, "section": section,
                    "subject": subject,
                    "qualification": str(rng.choice(quals[1:])) if rng.random() > 0.02 else None,
                    "title": str(rng.choice(titles)) if rng.random() > 0.02 else None,
                    "key_teacher_tier": None if not has_tier and rng.random() < 0.5 else tier,
                    "key_teacher_level": level,
                    "pe_art_specialist": bool((subject in ("pe", "music", "art")
                                              and rng.random() < 0.8) or rng.random() < 0.02),
                    "has_certificate": True, "years_at_school": int(rng.integers(0, 20)),
                    "rotated_this_year": False, "rotated_from_school_code": None,
                    "training_hours_5y": 360.0,
                })
    return {
        "schools": pd.DataFrame(schools),
        "teachers": pd.DataFrame(teachers),
        "facilities": pd.DataFrame(facilities),
    }
