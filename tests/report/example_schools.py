"""The schools of the example district and the figures derived from them.

Names follow real towns of Yongchuan; every figure is invented. The derived figures (mean,
weighted CV, compliance, gaps, drivers, inequality) are computed here with the documented
formulas so that the example is internally consistent, not copied from the engine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# key, name_zh, name_en, value unit zh/en, gap unit zh/en, what zh/en, per, discrete
INDICATORS: list[tuple[str, str, str, str, str, str, str, str, str, float, bool]] = [
    ("r1_qualified_teachers_per100", "每百名学生拥有高于规定学历教师数",
     "Teachers above the required qualification per 100 pupils", "人/百名学生", "teachers per 100 pupils",
     "人", "teachers", "高于规定学历的专任教师", "teachers above the required qualification",
     100, True),
    ("r2_key_teachers_per100", "每百名学生拥有县级以上骨干教师数",
     "County-level or higher key teachers per 100 pupils", "人/百名学生", "teachers per 100 pupils",
     "人", "teachers", "县级以上骨干教师", "county-level or higher key teachers", 100, True),
    ("r3_pe_art_teachers_per100", "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
     "Full-time PE, music and art teachers per 100 pupils", "人/百名学生", "teachers per 100 pupils",
     "人", "teachers", "体育、音乐、美术专任教师", "PE, music and art teachers", 100, True),
    ("r4_teaching_area_per_student", "生均教学及辅助用房面积",
     "Teaching and auxiliary room area per pupil", "平方米/生", "m² per pupil",
     "平方米", "m²", "教学及辅助用房", "teaching and auxiliary rooms", 1, False),
    ("r5_sports_area_per_student", "生均体育运动场馆面积", "Sports venue area per pupil",
     "平方米/生", "m² per pupil", "平方米", "m²", "体育运动场馆", "sports venues", 1, False),
    ("r6_equipment_value_per_student", "生均教学仪器设备值",
     "Teaching instrument and equipment value per pupil", "元/生", "yuan per pupil",
     "元", "yuan", "教学仪器设备", "teaching instruments and equipment", 1, False),
    ("r7_multimedia_rooms_per100", "每百名学生拥有网络多媒体教室数",
     "Networked multimedia classrooms per 100 pupils", "间/百名学生", "rooms per 100 pupils",
     "间", "rooms", "网络多媒体教室", "networked multimedia classrooms", 100, True),
]
KEYS = [i[0] for i in INDICATORS]
THRESHOLDS = {
    "primary": dict(zip(KEYS, [4.2, 1.0, 0.9, 4.5, 7.5, 2000.0, 2.3], strict=True)),
    "junior": dict(zip(KEYS, [5.3, 1.0, 0.9, 5.8, 10.2, 2500.0, 2.4], strict=True)),
}
CV_LIMITS = {"primary": 0.50, "junior": 0.45}
MIN_MET, FLOOR_RATIO = 6, 0.85

# code, name, level, type, town, location, education group, pupils, r1..r7 (None: missing)
SCHOOLS: list[tuple[str, str, str, str, str, str, str, int, list[float | None]]] = [
    ("5001180101", "永川区萱花小学", "primary", "primary", "中山路街道", "城区", "萱花教育集团",
     2150, [5.1, 2.6, 1.0, 4.1, 4.9, 2650, 2.5]),
    ("5001180102", "永川区红旗小学", "primary", "primary", "胜利路街道", "城区", "萱花教育集团",
     1840, [4.9, 2.9, 1.1, 4.7, 6.8, 3120, 2.6]),
    ("5001180103", "永川区中山路小学", "primary", "primary", "中山路街道", "城区", "中山路教育集团",
     1620, [5.4, 3.7, 1.2, 5.0, 7.9, 3380, 2.8]),
    ("5001180104", "永川区汇龙小学", "primary", "primary", "南大街街道", "城区", "中山路教育集团",
     1980, [4.6, 2.3, 0.95, 4.6, 7.6, 2480, 2.4]),
    ("5001180105", "永川区双石镇中心小学", "primary", "primary", "双石镇", "镇区", "萱花教育集团",
     760, [4.4, 0.25, 0.6, 6.2, 11.5, 1450, 2.2]),
    ("5001180106", "永川区来苏镇中心小学", "primary", "primary", "来苏镇", "镇区", "中山路教育集团",
     820, [4.8, 0.9, 1.0, 5.8, 10.2, 2210, 2.6]),
    ("5001180107", "永川区仙龙镇小学", "primary", "primary", "仙龙镇", "乡村", "萱花教育集团",
     310, [4.5, 0.2, 0.6, 7.1, 14.0, 1280, 2.9]),
    ("5001180108", "永川区板桥镇中心小学", "primary", "primary", "板桥镇", "镇区", "中山路教育集团",
     640, [4.7, 1.1, 1.0, 6.0, 12.3, 2350, 2.5]),
    ("5001180109", "永川区朱沱镇中心小学", "primary", "primary", "朱沱镇", "镇区", "萱花教育集团",
     910, [4.3, 1.0, 0.9, 5.5, 9.8, 2100, 2.3]),
    ("5001180110", "永川区吉安镇中心小学", "primary", "primary", "吉安镇", "乡村", "中山路教育集团",
     450, [4.9, 1.2, 0.8, 6.8, 13.2, None, 2.7]),
    ("5001180111", "永川区青峰镇小学", "primary", "primary", "青峰镇", "乡村", "萱花教育集团",
     280, [5.0, 1.4, 1.1, 7.9, 15.6, 2800, 3.2]),
    ("5001180112", "永川区茶山竹海九年一贯制学校", "primary", "nine_year", "茶山竹海街道", "乡村",
     "中山路教育集团", 390, [4.6, 0.8, 1.0, 6.5, 12.0, 2150, 2.6]),
    ("5001180201", "永川区北山中学", "junior", "complete_middle", "中山路街道", "城区", "北山教育集团",
     2380, [6.8, 2.8, 1.0, 6.0, 9.4, 3400, 2.6]),
    ("5001180202", "永川区南华中学", "junior", "junior", "胜利路街道", "城区", "北山教育集团",
     1760, [6.5, 2.5, 1.1, 6.3, 10.8, 3100, 2.7]),
    ("5001180203", "永川区汇龙中学", "junior", "junior", "南大街街道", "城区", "南华教育集团",
     1950, [5.9, 2.0, 0.95, 5.2, 7.9, 2700, 2.5]),
    ("5001180204", "永川区双石中学", "junior", "junior", "双石镇", "镇区", "北山教育集团",
     980, [5.6, 0.3, 0.7, 7.2, 13.0, 2300, 2.3]),
    ("5001180205", "永川区来苏中学", "junior", "junior", "来苏镇", "镇区", "南华教育集团",
     1040, [6.0, 1.1, 1.0, 6.9, 12.6, 2900, 2.6]),
    ("5001180206", "永川区朱沱中学", "junior", "junior", "朱沱镇", "镇区", "北山教育集团",
     860, [5.5, 1.0, 0.9, 7.4, 12.9, 2600, 2.5]),
    ("5001180207", "永川区吉安中学", "junior", "junior", "吉安镇", "乡村", "南华教育集团",
     520, [5.4, 0.3, 0.9, 8.1, 15.2, 2750, 2.8]),
    ("5001180208", "永川区临江中学", "junior", "junior", "临江镇", "镇区", "北山教育集团",
     1120, [5.8, 1.3, 1.0, 6.4, 11.0, 2550, 2.4]),
    ("5001180209", "永川区宝峰中学", "junior", "junior", "宝峰镇", "乡村", "南华教育集团",
     610, [5.1, 0.4, 0.8, 7.8, 14.1, 2450, 2.6]),
    ("5001180210", "永川区仙龙中学", "junior", "junior", "仙龙镇", "乡村", "北山教育集团",
     430, [5.7, 1.2, 1.0, 8.6, 16.0, 3050, 3.0]),
    ("5001180112", "永川区茶山竹海九年一贯制学校", "junior", "nine_year", "茶山竹海街道", "乡村",
     "南华教育集团", 240, [5.5, 1.2, 0.9, 8.0, 14.5, 2600, 2.9]),
    ("5001180211", "永川区五间九年一贯制学校", "junior", "nine_year", "五间镇", "乡村",
     "北山教育集团", 300, [5.4, 0.7, 0.85, 7.5, 13.8, 2480, 2.5]),
]


def round_half_up(value: float, decimals: int) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def weighted_mean(x: Sequence[float], p: Sequence[float]) -> float:
    return sum(a * b for a, b in zip(x, p, strict=True)) / sum(p)


def weighted_cv(x: Sequence[float], p: Sequence[float]) -> float:
    mean, total = weighted_mean(x, p), sum(p)
    var = sum(w / total * (a - mean) ** 2 for a, w in zip(x, p, strict=True))
    return math.sqrt(var) / mean


def gini(x: Sequence[float], p: Sequence[float]) -> float:
    mean, total = weighted_mean(x, p), sum(p)
    diff = sum(wi * wj * abs(a - b) for a, wi in zip(x, p, strict=True)
               for b, wj in zip(x, p, strict=True))
    return diff / (2 * total * total * mean)


def theil(x: Sequence[float], p: Sequence[float]) -> float:
    mean, total = weighted_mean(x, p), sum(p)
    return sum(w / total * (a / mean) * math.log(a / mean)
               for a, w in zip(x, p, strict=True) if a > 0)


def theil_between(x: Sequence[float], p: Sequence[float], groups: Sequence[str]) -> float:
    mean, total = weighted_mean(x, p), sum(p)
    out = 0.0
    for g in sorted(set(groups)):
        xs = [a for a, k in zip(x, groups, strict=True) if k == g]
        ps = [w for w, k in zip(p, groups, strict=True) if k == g]
        share = sum(ps) / total
        gm = weighted_mean(xs, ps)
        out += share * (gm / mean) * math.log(gm / mean)
    return out


def mcloone(x: Sequence[float], p: Sequence[float]) -> float:
    # Pupil-weighted median; then what pupils below it have over what they would have at it.
    pairs = sorted(zip(x, p, strict=True))
    half, run, median = sum(p) / 2, 0.0, pairs[-1][0]
    for a, w in pairs:
        run += w
        if run >= half:
            median = a
            break
    below = [(a, w) for a, w in pairs if a < median]
    if not below:
        return 1.0
    return sum(a * w for a, w in below) / (median * sum(w for _, w in below))


def drivers(rows: list[dict[str, Any]], key: str, mean: float, cv: float) -> list[dict]:
    """The CV change if each school's value were the weighted mean (exact update)."""
    total = sum(r["pupils"] for r in rows)
    var = sum(r["pupils"] / total * (r["values"][key] - mean) ** 2 for r in rows)
    out = []
    for r in rows:
        w, d = r["pupils"] / total, r["values"][key] - mean
        new_var = max(0.0, var - w * d * d - (w * d) ** 2)
        new_cv = math.sqrt(new_var) / (mean - w * d)
        out.append({"code": r["code"], "name": r["name"], "value": r["values"][key],
                    "delta_cv": new_cv - cv})
    out.sort(key=lambda d: (d["delta_cv"], d["code"]))
    return out[:5]


def school_row(code: str, name: str, level: str, school_type: str, town: str, location: str,
               group: str, pupils: int, values: list[float | None]) -> dict[str, Any]:
    thresholds = THRESHOLDS[level]
    vals = dict(zip(KEYS, values, strict=True))
    meets = {k: None if v is None else v >= thresholds[k] - 1e-9 for k, v in vals.items()}
    met = sum(1 for m in meets.values() if m)
    short = [k for k, m in meets.items() if m is False]
    missing = [k for k, m in meets.items() if m is None]
    ratios = {k: vals[k] / thresholds[k] for k in short}  # type: ignore[operator]
    floor_ok = all(r >= FLOOR_RATIO for r in ratios.values())
    if met >= MIN_MET and floor_ok and not missing:
        compliant: bool | None = True
    elif met + len(missing) >= MIN_MET and floor_ok:
        compliant = None  # decided by the missing figure
    else:
        compliant = False
    gaps = []
    for spec in INDICATORS:
        key, per, discrete = spec[0], spec[9], spec[10]
        if meets[key] is not False:
            continue
        need = (thresholds[key] - vals[key]) * pupils / per  # type: ignore[operator]
        gaps.append({"indicator": key, "value": vals[key], "threshold": thresholds[key],
                     "missing": float(math.ceil(round(need, 9))) if discrete else round(need, 2),
                     "unit_zh": spec[5], "unit_en": spec[6], "what_zh": spec[7],
                     "what_en": spec[8]})
    return {
        "code": code, "name": name, "level": level, "type": school_type, "town": town,
        "location": location, "education_group": group, "pupils": pupils,
        "values": vals, "thresholds": dict(thresholds), "meets": meets, "met_count": met,
        "compliant": compliant,
        "short": ({"indicator": short[0], "ratio": ratios[short[0]]} if len(short) == 1
                  else None),
        "gaps": gaps,
    }


def level_summary(level: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    indicators = {}
    for spec in INDICATORS:
        key = spec[0]
        known = [r for r in rows if r["values"][key] is not None]
        x = [r["values"][key] for r in known]
        p = [float(r["pupils"]) for r in known]
        mean, cv = weighted_mean(x, p), weighted_cv(x, p)
        threshold = THRESHOLDS[level][key]
        lifted = [max(v, threshold) for v in x]
        cv_rounded = round_half_up(cv, 3)
        indicators[key] = {
            "name_zh": spec[1], "name_en": spec[2], "unit_zh": spec[3], "unit_en": spec[4],
            "mean": mean, "cv": cv, "cv_rounded": cv_rounded, "limit": CV_LIMITS[level],
            "passes": cv_rounded <= CV_LIMITS[level], "threshold": threshold,
            "n_failing": sum(1 for v in x if v < threshold - 1e-9),
            "cv_if_failing_met": weighted_cv(lifted, p),
            "drivers": drivers(known, key, mean, cv),
            "inequality": {
                "gini": gini(x, p), "theil": theil(x, p),
                "theil_between": {g: theil_between(x, p, [r[g] for r in known])
                                  for g in ("town", "location", "education_group")},
                "mcloone": mcloone(x, p), "range_ratio": max(x) / min(x),
            },
        }
    return {"n_schools": len(rows), "pupils": sum(r["pupils"] for r in rows), "composite": None,
            "indicators": indicators}


def schools_and_levels() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    schools = [school_row(*s) for s in SCHOOLS]
    levels = {lv: level_summary(lv, [s for s in schools if s["level"] == lv])
              for lv in ("primary", "junior")}
    return schools, levels
