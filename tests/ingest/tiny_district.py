"""A tiny, fully valid district in canonical form: the base every broken fixture mutates."""

from __future__ import annotations

from datetime import date

import pandas as pd

from youjun.core.schema import EVIDENCE_ITEMS, GRADES, RATE_KEYS, TABLES_BY_KEY, grade_column

D = "500118"
PRIMARY, NINE, POINT, JUNIOR = "5001180001", "5001180002", "5001180003", "5001180004"

# (code, name, type, location, grades -> (classes, pupils per class))
SCHOOLS = (
    (PRIMARY, "红旗小学", "primary", "urban", {g: (1, 40) for g in range(1, 7)}),
    (NINE, "凤凰湖学校", "nine_year", "town", {g: (1, 35) for g in range(1, 10)}),
    (POINT, "石笋山教学点", "teaching_point", "rural", {1: (1, 10), 2: (1, 10), 3: (1, 10)}),
    (JUNIOR, "萱花中学", "junior", "urban", {7: (2, 45), 8: (2, 45), 9: (2, 45)}),
)

# (school, section, subject, qualification, title, tier, level, specialist)
TEACHERS = (
    (PRIMARY, "primary", "chinese", "bachelor", "first", "key", "county", False),
    (PRIMARY, "primary", "math", "associate", "second", "none", None, False),
    (PRIMARY, "primary", "pe", "bachelor", "second", "none", None, True),
    (PRIMARY, "primary", "music", "associate", "second", "none", None, True),
    (PRIMARY, "primary", "art", "bachelor", "first", "none", None, True),
    (PRIMARY, "primary", "foreign_language", "bachelor", "senior", "leader", "city", False),
    (NINE, "primary", "chinese", "associate", "first", "none", None, False),
    (NINE, "primary", "pe", "associate", "second", "none", None, True),
    (NINE, "junior", "math", "bachelor", "first", "key", "county", False),
    (NINE, "junior", "physics", "master", "senior", "none", None, False),
    (NINE, "junior", "music", "bachelor", "second", "none", None, True),
    (POINT, "primary", "chinese", "secondary_vocational", "second", "none", None, False),
    (POINT, "primary", "pe", "associate", "third", "none", None, True),
    (JUNIOR, "junior", "chinese", "bachelor", "first", "famous", "province", False),
    (JUNIOR, "junior", "math", "bachelor", "first", "none", None, False),
    (JUNIOR, "junior", "pe", "bachelor", "second", "none", None, True),
    (JUNIOR, "junior", "art", "bachelor", "second", "none", None, True),
)


def tiny_district() -> dict[str, pd.DataFrame]:
    schools = []
    classes = []
    for code, name, stype, location, grades in SCHOOLS:
        row = {
            "school_code": code, "school_name": name, "district_code": D, "town": "中山路街道",
            "school_type": stype, "ownership": "public", "location": location, "boarding": False,
            "county_run": True, "central_school_code": PRIMARY if stype == "teaching_point" else None,
            "education_group": "红旗教育集团" if code in (PRIMARY, POINT) else None,
            "post_quota": 60, "longitude": 105.92, "latitude": 29.36,
        }
        for g in GRADES:
            n_classes, size = grades.get(g, (0, 0))
            row[grade_column(g)] = n_classes * size
            for k in range(n_classes):
                classes.append({"school_code": code, "grade": g, "class_name": f"{k + 1}班",
                                "students": size})
        schools.append(row)
    teachers = []
    for i, (school, section, subject, qual, title, tier, level, spec) in enumerate(TEACHERS, 1):
        rotated = i == 9
        teachers.append({
            "teacher_id": f"T{D}{i:05d}", "school_code": school, "section": section,
            "subject": subject, "qualification": qual, "title": title, "key_teacher_tier": tier,
            "key_teacher_level": level, "pe_art_specialist": spec, "has_certificate": True,
            "years_at_school": 1 if rotated else 7, "rotated_this_year": rotated,
            "rotated_from_school_code": PRIMARY if rotated else None,
            "training_hours_year": 80.0, "training_hours_5y": 400.0,
        })
    facilities = [
        {"school_code": c, "building_area_m2": 6000.0 * k, "teaching_aux_area_m2": 3000.0 * k,
         "gym_area_m2": 400.0 * k, "outdoor_sports_area_m2": 5000.0 * k,
         "equipment_value_10k_yuan": 80.0 * k, "multimedia_classrooms": 8 * k,
         "computers": 60 * k, "books": 9000 * k}
        for c, k in ((PRIMARY, 1), (NINE, 1.5), (POINT, 0.2), (JUNIOR, 1))
    ]
    for f in facilities:
        for key in ("multimedia_classrooms", "computers", "books"):
            f[key] = int(f[key])
    rooms = [
        {"school_code": c, "room_type": t, "room_no": f"{t}-1", "area_m2": 100.0}
        for c in (PRIMARY, NINE, POINT, JUNIOR) for t in ("music", "art")
    ]
    finance = [
        {"school_code": c, "public_funds_budget_yuan": 400000.0, "public_funds_allocated_yuan": 400000.0,
         "teacher_training_spend_yuan": 24000.0}
        for c in (PRIMARY, NINE, POINT, JUNIOR)
    ]
    rates = []
    for choice in RATE_KEYS:
        value = {"q9_monitoring_level": 3.0, "q9_monitoring_diff_rate": 0.12}.get(choice.code, 96.0)
        rates.append({"district_code": D, "rate_key": choice.code, "numerator": None,
                      "denominator": None, "value": value, "source": "区教委统计科",
                      "as_of": date(2025, 9, 1)})
    evidence = [
        {"district_code": D, "item_key": c.code, "school_code": None, "status": "met",
         "attested_by": "永川区教育督导室", "attested_on": date(2025, 10, 15),
         "attachment_ref": f"YC-2025-{i:03d}", "note": None}
        for i, c in enumerate(EVIDENCE_ITEMS, 1)
    ]
    tables = {
        "districts": [{"district_code": D, "district_name": "永川区", "district_kind": "city_district",
                       "province_code": "500000", "province_name": "重庆市", "school_year": "2025-2026",
                       "statistical_date": date(2025, 9, 1), "resident_population": 1_150_000}],
        "schools": schools, "classes": classes, "teachers": teachers, "facilities": facilities,
        "rooms": rooms, "school_finance": finance,
        "district_finance": [{"district_code": D, "special_ed_public_funds_yuan": 7_200_000.0,
                              "special_ed_students": 1100, "avg_teacher_pay_yuan": 132000.0,
                              "civil_servant_avg_pay_yuan": 128000.0,
                              "funding_base_primary_yuan": 820.0, "funding_base_junior_yuan": 940.0}],
        "district_rates": rates, "evidence": evidence,
    }
    out: dict[str, pd.DataFrame] = {}
    for key, rows in tables.items():
        cols = [f.key for f in TABLES_BY_KEY[key].fields]
        out[key] = pd.DataFrame(rows, columns=cols)
    return out
