"""Typed records of the fitness standard: what a pupil did, and what it scores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from youjun.core.errors import Problem

MALE, FEMALE = "male", "female"
SEXES = (MALE, FEMALE)
SEX_ZH = {MALE: "男生", FEMALE: "女生"}
SEX_EN = {MALE: "boys", FEMALE: "girls"}
# The words of the codes a score carries (zh, en), said the same in every table, page and export.
BMI_CATEGORY_NAMES = {"normal": ("正常", "normal"), "underweight": ("低体重", "underweight"),
                      "overweight": ("超重", "overweight"), "obese": ("肥胖", "obese")}
STATUS_NAMES = {"scored": ("已评分", "scored"), "exempt": ("免测", "exempt"), "incomplete": ("缺项", "incomplete"),
                "refused": ("不予评分", "not scored")}

Measure = Decimal | int | float | str | None


class Status(StrEnum):
    SCORED = "scored"  # every item present: standard score, bonus, total and level
    EXEMPT = "exempt"  # 免予执行 on medical proof: no score, outside every rate's denominator
    INCOMPLETE = "incomplete"  # one or more items missing (see Scored.missing): no total
    REFUSED = "refused"  # cannot be scored (see Scored.problems), e.g. junior tables not loaded


@dataclass(frozen=True)
class PupilResult:
    """One pupil's test in one school year, as measured (times in seconds or min'sec")."""

    grade: int  # 1–9
    sex: str  # "male" | "female"
    height_cm: Measure = None
    weight_kg: Measure = None
    items: Mapping[str, Measure] = field(default_factory=dict)  # item key -> result as written
    exempt: bool = False
    exempt_reason: str = ""
    retest: bool = False  # True for the one retest (补测) of the school year
    pupil_id: str = ""


@dataclass(frozen=True)
class ItemScore:
    key: str
    raw: str  # the result as written ("1'36\"", "9.8"); for BMI "身高/体重"
    value: Decimal  # the value compared with the table (seconds for runs; BMI to one decimal)
    score: int  # 0–100
    level: str  # excellent | good | pass | fail
    weight: Decimal  # percent
    weighted: Decimal  # score × weight / 100, exact


@dataclass(frozen=True)
class Scored:
    status: Status
    grade: int
    sex: str
    items: tuple[ItemScore, ...] = ()
    standard: Decimal | None = None  # Σ item score × weight, exact (≤ 100)
    bonus: Mapping[str, int] = field(default_factory=dict)  # item key -> bonus points
    total: Decimal | None = None  # standard + bonus, rounded (options.total_rounding), ≤ 120
    level: str | None = None  # excellent | good | pass | fail (by the rounded total)
    bmi: Decimal | None = None
    bmi_category: str | None = None  # normal | underweight | overweight | obese
    missing: tuple[str, ...] = ()  # item keys without a result (status incomplete)
    problems: tuple[Problem, ...] = ()  # why refused (errors) and warnings
    exempt_reason: str = ""
    retest: bool = False  # this is the year's result after a retest
    pupil_id: str = ""

    @property
    def bonus_total(self) -> int:
        return sum(self.bonus.values())

    def item(self, key: str) -> ItemScore | None:
        return next((i for i in self.items if i.key == key), None)


@dataclass(frozen=True)
class GraduationScore:
    status: Status  # scored, or exempt when the graduation year is exempt
    score: Decimal | None
    level: str | None
    graduation_total: Decimal | None
    other_mean: Decimal | None  # mean of the other years' totals (exact), None when none
    years_used: int  # other years that entered the mean
    years_skipped: int  # other years exempt, incomplete or refused (left out of the mean)
