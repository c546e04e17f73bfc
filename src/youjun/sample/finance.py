"""Public funds per school and the district's finance figures.

Schools are funded per pupil at the district's base; small village schools and teaching
points are funded as if they had a minimum roll, except a few the district overlooked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .context import DistrictContext
from .frames import to_frame
from .schools import SchoolDraft

FUNDING_BASE_PRIMARY = (720.0, 900.0)  # yuan per pupil and year, range across districts
JUNIOR_TO_PRIMARY_BASE = (1.28, 1.35)
SPECIAL_PUPIL_FUNDS = ((6100.0, 9000.0), (5000.0, 5990.0), 0.1)  # usual, short, P(short)
SMALL_SCHOOL_ROLL = 100  # small village schools are funded as if they had this many pupils
UNDERFUNDED_SMALL_SCHOOL_SHARE = 0.04
TRAINING_SHARE = (0.065, 0.18)  # median share of the budget, lognormal spread
INCLUSIVE_SPECIAL_NEEDS_SHARE = (0.002, 0.004)  # of compulsory pupils, in ordinary schools
TEACHER_PAY = (105_000.0, 150_000.0)
PAY_TO_CIVIL_SERVANT = (0.97, 1.10)


@dataclass(frozen=True)
class FundingBases:
    primary: float
    junior: float
    special: float


def draw_bases(rng: np.random.Generator) -> FundingBases:
    primary = float(np.round(rng.uniform(*FUNDING_BASE_PRIMARY), -1))
    junior = float(np.round(primary * rng.uniform(*JUNIOR_TO_PRIMARY_BASE), -1))
    usual, short, p_short = SPECIAL_PUPIL_FUNDS
    special = float(np.round(rng.uniform(*(short if rng.random() < p_short else usual)), -1))
    return FundingBases(primary, junior, special)


def village_school(location: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Village schools and teaching points (not special schools): when small, funded as if
    they had ``SMALL_SCHOOL_ROLL`` pupils."""
    return ((location == "rural") | (types == "teaching_point")) & (types != "special")


def school_finance_frame(draft: SchoolDraft, bases: FundingBases,
                         rng: np.random.Generator) -> pd.DataFrame:
    n = len(draft)
    primary = draft.section_pupils("primary")
    secondary = draft.section_pupils("junior") + draft.section_pupils("senior")
    small_village = village_school(draft.location, draft.types) & (primary + secondary < SMALL_SCHOOL_ROLL)
    topped_up = small_village & (rng.random(n) >= UNDERFUNDED_SMALL_SCHOOL_SHARE)
    primary_funded = np.where(topped_up, np.maximum(primary, SMALL_SCHOOL_ROLL - secondary),
                              primary)
    allocated = ((primary_funded * bases.primary + secondary * bases.junior
                  + draft.section_pupils("special") * bases.special)
                 * rng.uniform(1.0, 1.08, size=n))
    budget = allocated * rng.uniform(0.98, 1.05, size=n)
    share = TRAINING_SHARE[0] * np.exp(TRAINING_SHARE[1] * rng.standard_normal(n))
    training = budget * np.minimum(share, 0.2)
    columns = {
        "school_code": draft.codes,
        "public_funds_budget_yuan": np.round(budget, -2),
        "public_funds_allocated_yuan": np.round(allocated, -2),
        "teacher_training_spend_yuan": np.floor(training / 100) * 100,  # never above budget
    }
    return to_frame("school_finance", columns, n)


def special_ed_students(draft: SchoolDraft, rng: np.random.Generator) -> int:
    compulsory = int(draft.section_pupils("primary").sum() + draft.section_pupils("junior").sum())
    inclusive = round(compulsory * rng.uniform(*INCLUSIVE_SPECIAL_NEEDS_SHARE))
    return int(draft.section_pupils("special").sum()) + inclusive


def district_finance_frame(ctx: DistrictContext, draft: SchoolDraft, bases: FundingBases,
                           rng: np.random.Generator) -> pd.DataFrame:
    students = special_ed_students(draft, rng)
    pay = float(np.round(rng.uniform(*TEACHER_PAY), -2))
    columns = {
        "district_code": [ctx.identity.code],
        "special_ed_public_funds_yuan": [float(np.round(students * bases.special, -2))],
        "special_ed_students": [students],
        "avg_teacher_pay_yuan": [pay],
        "civil_servant_avg_pay_yuan": [float(np.round(pay / rng.uniform(*PAY_TO_CIVIL_SERVANT),
                                                      -2))],
        "funding_base_primary_yuan": [bases.primary],
        "funding_base_junior_yuan": [bases.junior],
    }
    return to_frame("district_finance", columns, 1)
