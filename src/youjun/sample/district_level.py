"""The district row, its rates from other systems, and the bureau's attestations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from youjun.core.schema import EVIDENCE_ITEMS, RATE_KEYS

from .context import DistrictContext
from .draws import dates_from
from .frames import to_frame
from .geography import YONGCHUAN_POPULATION
from .schools import SchoolDraft

PUPILS_PER_RESIDENT = (0.09, 0.13)
PER_SCHOOL_ITEMS = ("q3", "q6")  # attested school by school
EVIDENCE_MET_P = {"district": 0.97, "school": 0.98, "veto": 0.995}
SURVEY_SHARE_OF_RESIDENTS = 0.0015
SURVEY_MINIMUM = 600
RATE_SOURCES = {
    "g13_nearest_zone_primary": "学籍管理系统（一年级新生）",
    "g13_nearest_zone_junior": "学籍管理系统（七年级新生）",
    "g14_quota_allocation": "中考招生录取系统",
    "g15_migrant_public": "随迁子女入学统计",
    "q1_junior_retention": "学籍管理系统（初中三年巩固）",
    "q2_disabled_enrolment": "残联与教育部门联合摸底",
    "q9_monitoring_level": "国家义务教育质量监测结果报告",
    "q9_monitoring_diff_rate": "国家义务教育质量监测结果报告",
    "social_recognition": "区县社会认可度自评调查",
}


def resident_population(ctx: DistrictContext, pupils: int, rng: np.random.Generator) -> int:
    if ctx.scenario.key == "S":
        return YONGCHUAN_POPULATION
    return round(pupils / rng.uniform(*PUPILS_PER_RESIDENT))


def districts_frame(ctx: DistrictContext, population: int) -> pd.DataFrame:
    ident = ctx.identity
    columns = {
        "district_code": [ident.code], "district_name": [ident.name],
        "district_kind": [ident.kind], "province_code": [ident.province_code],
        "province_name": [ident.province_name], "school_year": [ctx.school_year],
        "statistical_date": [ctx.statistical_date], "resident_population": [population],
    }
    return to_frame("districts", columns, 1)


def _share(rng: np.random.Generator, denominator: float, low: float, high: float) -> float:
    return float(np.round(denominator * rng.uniform(low, high)))


def rates_frame(ctx: DistrictContext, draft: SchoolDraft, population: int,
                rng: np.random.Generator) -> pd.DataFrame:
    zoned = ~draft.private & ~draft.boarding & (draft.location != "rural") \
        & (draft.types != "special")
    g1 = float(draft.pupils[zoned, 0].sum())
    g7 = float(draft.pupils[zoned, 6].sum())
    g9 = float(draft.pupils[draft.types != "special", 8].sum())
    compulsory = float(draft.section_pupils("primary").sum()
                       + draft.section_pupils("junior").sum())
    survey = max(SURVEY_MINIMUM, round(population * SURVEY_SHARE_OF_RESIDENTS))

    # Each ratio: (numerator, denominator) drawn from the district's own figures.
    ratio_draws: dict[str, Callable[[], tuple[float, float]]] = {
        "g13_nearest_zone_primary": lambda: (g1 - (rng.random() < 0.3) * min(g1, 3.0), g1),
        "g13_nearest_zone_junior": lambda: (_share(rng, g7, 0.955, 0.995), g7),
        "g14_quota_allocation": lambda: _fraction_of(rng, _share(rng, g9, 0.3, 0.5), 0.5, 0.65),
        "g15_migrant_public": lambda: _fraction_of(rng, _share(rng, compulsory, 0.04, 0.12),
                                                   0.86, 0.97),
        "q1_junior_retention": lambda: (g9, float(np.round(g9 / rng.uniform(0.965, 0.995)))),
        "q2_disabled_enrolment": lambda: _fraction_of(
            rng, _share(rng, compulsory, 0.003, 0.005), 0.95, 0.99),
        "social_recognition": lambda: _fraction_of(rng, _share(rng, survey, 0.8, 1.0), 0.86, 0.95),
    }
    rows: list[tuple[str, float, float, float]] = []  # key, numerator, denominator, value
    for choice in RATE_KEYS:
        key = choice.code
        if key == "q9_monitoring_level":
            level = float(rng.choice([2, 3, 4], p=[0.05, 0.6, 0.35]))
            rows.append((key, np.nan, np.nan, level))
        elif key == "q9_monitoring_diff_rate":
            rows.append((key, np.nan, np.nan, float(np.round(rng.uniform(0.06, 0.16), 3))))
        else:
            num, den = ratio_draws[key]()
            if den > 0:
                rows.append((key, num, den, float(np.round(num / den * 100, 2))))
            else:  # a tiny district without such pupils: the rate holds trivially
                rows.append((key, np.nan, np.nan, 100.0))
    keys, numerators, denominators, values = (list(c) for c in zip(*rows, strict=True))
    n = len(keys)
    as_of = date(ctx.start_year, 9, 1)
    columns = {
        "district_code": [ctx.identity.code] * n, "rate_key": keys,
        "numerator": numerators, "denominator": denominators, "value": values,
        "source": [RATE_SOURCES[k] for k in keys], "as_of": [as_of] * n,
    }
    return to_frame("district_rates", columns, n)


def _fraction_of(rng: np.random.Generator, denominator: float, low: float,
                 high: float) -> tuple[float, float]:
    return _share(rng, denominator, low, high), denominator


def evidence_frame(ctx: DistrictContext, draft: SchoolDraft,
                   rng: np.random.Generator) -> pd.DataFrame:
    district = ctx.identity.name
    items, schools, bys = [], [], []
    for choice in EVIDENCE_ITEMS:
        if choice.code in PER_SCHOOL_ITEMS:
            items += [choice.code] * len(draft)
            schools += list(draft.codes)
            bys += [f"{district}教育督导室责任督学"] * len(draft)
        else:
            items.append(choice.code)
            schools.append(None)
            bys.append(f"{district}人民政府教育督导室")
    n = len(items)
    item_arr = np.array(items, dtype=object)
    per_school = np.array([s is not None for s in schools])
    veto = np.array([i.startswith("veto_") for i in items])
    met_p = np.where(per_school, EVIDENCE_MET_P["school"],
                     np.where(veto, EVIDENCE_MET_P["veto"], EVIDENCE_MET_P["district"]))
    met = rng.random(n) < met_p
    start = date(ctx.start_year, 10, 15)
    columns = {
        "district_code": [ctx.identity.code] * n, "item_key": item_arr, "school_code": schools,
        "status": np.where(met, "met", "not_met"), "attested_by": bys,
        "attested_on": dates_from(start, rng.integers(0, 60, size=n)),
        "attachment_ref": [f"DD-{ctx.start_year}-{i + 1:05d}" for i in range(n)],
        "note": [None if ok else "限期整改中" for ok in met],
    }
    return to_frame("evidence", columns, n)
