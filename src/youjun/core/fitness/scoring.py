"""Scoring by the text of the 2014 standard: item scores, BMI, bonus, total, level, retest,
graduation score. Pure: Decimal arithmetic only, never a float compared at a threshold."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from youjun.core.errors import Problem
from youjun.core.fitness.errors import FitnessError, fitness_problem
from youjun.core.fitness.model import (
    SEX_EN,
    SEX_ZH,
    SEXES,
    GraduationScore,
    ItemScore,
    Measure,
    PupilResult,
    Scored,
    Status,
)
from youjun.core.fitness.tables import FitnessTables, Row
from youjun.core.fitness.times import parse_number, parse_time

HUNDRED = Decimal(100)
TENTH = Decimal("0.1")
_ROUNDING = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}


def round_total(value: Decimal, tables: FitnessTables) -> Decimal:
    """The total to the options' decimals and mode (default one decimal, half up)."""
    opt = tables.options["total_rounding"]
    return value.quantize(Decimal(1).scaleb(-int(opt["decimals"])), rounding=_ROUNDING[opt["mode"]])


def level_of(total: Decimal, tables: FitnessTables) -> str:
    """excellent | good | pass | fail for a total already rounded."""
    for key, minimum in tables.levels:
        if total >= minimum:
            return key
    return tables.levels[-1][0]


def bmi_of(height_cm: Decimal, weight_kg: Decimal) -> Decimal:
    """kg / m², rounded half up to one decimal (the tables' precision) before the band lookup."""
    metres = height_cm / HUNDRED
    return (weight_kg / (metres * metres)).quantize(TENTH, rounding=ROUND_HALF_UP)


def bmi_category(bmi: Decimal, grade: int, sex: str, tables: FitnessTables) -> str:
    for band, (lo, hi) in tables.bmi_bands[grade][sex].items():
        if (lo is None or bmi >= lo) and (hi is None or bmi <= hi):
            return band
    raise FitnessError.of("E1030", file="bmi_bands.yaml", detail=f"BMI {bmi} falls in no band (grade {grade} {sex})")


def item_score(value: Decimal, row: Row, direction: str, tables: FitnessTables) -> int:
    """The highest level whose threshold is met (≥, or ≤ for times); 0 below the last level.

    A null threshold (a level the annex leaves blank) cannot be attained."""
    lower = direction == "lower_is_better"
    for score, threshold in zip(tables.score_levels, row, strict=True):
        if threshold is not None and (value <= threshold if lower else value >= threshold):
            return score
    return 0


def score_level(score: int, tables: FitnessTables) -> str:
    return tables.level_of_score.get(score, "fail")


def rope_bonus(count: Decimal, grade: int, sex: str, tables: FitnessTables) -> int:
    """Primary rope skipping: 1 point per 2 skips above the grade's and sex's own 100-point mark."""
    if grade not in tables.rope_grades:
        return 0
    base = tables.row("rope_skip_1min", grade, sex)[0]
    assert base is not None
    excess = count - base
    if excess <= 0:
        return 0
    return min(tables.rope_max, int((excess / tables.rope_per_point).to_integral_value(rounding=ROUND_DOWN)))


def junior_bonus(item: str, value: Decimal, grade: int, sex: str, tables: FitnessTables) -> int:
    """Junior bonus (pull-ups, girls' sit-ups, 1000 m, 800 m) from the 100-point check row."""
    spec = tables.junior_bonus.get(item)
    if spec is None or spec.sex != sex or grade not in tables.check_100:
        return 0
    base = tables.check_100[grade][sex][item]
    lower = tables.items[item].direction == "lower_is_better"
    excess = base - value if lower else value - base
    return min(spec.max, sum(1 for need in spec.required_excess if excess >= need))


def bonus_for(item: str, value: Decimal, grade: int, sex: str, tables: FitnessTables) -> int:
    if item == "rope_skip_1min":
        return rope_bonus(value, grade, sex, tables)
    return junior_bonus(item, value, grade, sex, tables)


def parse_measure(item: str, raw: Measure, tables: FitnessTables) -> Decimal:
    """A result as written, in the table's unit (seconds for runs); FitnessError when refused."""
    info = tables.items[item]
    assert raw is not None
    value = (parse_time if info.min_sec else parse_number)(raw, item, info.zh, info.en)
    lo, hi = info.possible
    if not lo <= value <= hi:
        raise FitnessError.of(
            "E1025",
            raw,
            item_zh=info.zh,
            item_en=info.en,
            unit_zh=info.unit_zh,
            unit_en=info.unit,
            detail_zh=f"应在 {lo}–{hi} {info.unit_zh}之间",
            detail_en=f"it should be within {lo}–{hi} {info.unit}",
        )
    return value


def _blank(raw: Measure) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _body(name: str, raw: Measure, tables: FitnessTables, zh: str, en: str, unit_zh: str, unit_en: str) -> Decimal:
    assert raw is not None
    value = parse_number(raw, name, zh, en)
    lo, hi = tables.body_possible[name]
    if not lo <= value <= hi:
        raise FitnessError.of(
            "E1025",
            raw,
            item_zh=zh,
            item_en=en,
            unit_zh=unit_zh,
            unit_en=unit_en,
            detail_zh=f"应在 {lo}–{hi} {unit_zh}之间",
            detail_en=f"it should be within {lo}–{hi} {unit_en}",
        )
    return value


def score_pupil(result: PupilResult, tables: FitnessTables) -> Scored:
    """One pupil's year, scored exactly as the standard's text says (see docs/fitness.md).

    Never raises for the pupil's own data: a refusal is ``Status.REFUSED`` with its problems."""
    base: dict[str, Any] = {
        "grade": result.grade,
        "sex": result.sex,
        "pupil_id": result.pupil_id,
        "retest": result.retest,
    }
    problems: list[Problem] = []
    if not isinstance(result.grade, int) or isinstance(result.grade, bool) or not 1 <= result.grade <= 9:
        problems.append(fitness_problem("E1021", result.grade))
    if result.sex not in SEXES:
        problems.append(fitness_problem("E1022", result.sex))
    if problems:
        return Scored(Status.REFUSED, problems=tuple(problems), **base)
    grade, sex = result.grade, result.sex
    if result.exempt:
        return Scored(Status.EXEMPT, exempt_reason=result.exempt_reason, **base)
    if not tables.scorable(grade):
        return Scored(Status.REFUSED, problems=(fitness_problem("E1020", grade=grade),), **base)
    wanted = tables.items_for(grade, sex)
    sx: dict[str, Any] = {"grade": grade, "sex_zh": SEX_ZH[sex], "sex_en": SEX_EN[sex]}
    for key, raw in result.items.items():
        if key not in wanted and not _blank(raw):
            info = tables.items.get(key)
            problems.append(
                fitness_problem("E1026", raw, item_zh=info.zh if info else key, item_en=info.en if info else key,
                                items_zh="、".join(tables.items[k].zh for k in wanted),
                                items_en=", ".join(tables.items[k].en for k in wanted), **sx)
            )
    weights = tables.weights[grade]
    scored: list[ItemScore] = []
    missing: list[str] = []
    bonus: dict[str, int] = {}
    bmi = category = None
    if _blank(result.height_cm) or _blank(result.weight_kg):
        missing.append("bmi")
    else:
        try:
            h = _body("height_cm", result.height_cm, tables, "身高", "height", "厘米", "cm")
            w = _body("weight_kg", result.weight_kg, tables, "体重", "weight", "千克", "kg")
            bmi = bmi_of(h, w)
            category = bmi_category(bmi, grade, sex, tables)
            s = int(tables.bmi_scores[category])
            scored.append(
                ItemScore(
                    "bmi",
                    f"{result.height_cm}/{result.weight_kg}",
                    bmi,
                    s,
                    score_level(s, tables),
                    weights["bmi"],
                    s * weights["bmi"] / HUNDRED,
                )
            )
        except FitnessError as exc:
            problems.extend(exc.problems)
    for key in wanted:
        if key == "bmi":
            continue
        raw = result.items.get(key)
        if _blank(raw):
            missing.append(key)
            continue
        try:
            value = parse_measure(key, raw, tables)
        except FitnessError as exc:
            problems.extend(exc.problems)
            continue
        s = item_score(value, tables.row(key, grade, sex), tables.items[key].direction, tables)
        scored.append(
            ItemScore(key, str(raw), value, s, score_level(s, tables), weights[key], s * weights[key] / HUNDRED)
        )
        points = bonus_for(key, value, grade, sex, tables)
        if points:
            bonus[key] = points
    common: dict[str, Any] = {"items": tuple(scored), "bmi": bmi, "bmi_category": category, **base}
    if problems:
        return Scored(Status.REFUSED, problems=tuple(problems), **common)
    if missing:
        return Scored(Status.INCOMPLETE, missing=tuple(missing), bonus=bonus, **common)
    standard = sum((i.weighted for i in scored), Decimal(0))
    bonus_total = min(tables.bonus_max, sum(bonus.values()))
    total = round_total(min(Decimal(tables.total_max), standard + bonus_total), tables)
    return Scored(
        Status.SCORED,
        standard=standard,
        bonus=bonus,
        total=total,
        level=level_of(total, tables),
        **common,
    )


def year_result(first: Scored, retest: Scored | None, tables: FitnessTables) -> Scored:
    """The school year's result: the first test, or its one retest (补测) when the first failed.

    Refuses (FitnessError) a retest of a pupil whose total passes (E1027) or of a first test
    that has no total (E1028). The text sets no cap: the retest's own result stands."""
    if retest is None:
        return first
    opt = tables.options["retest"]
    if first.status is not Status.SCORED or first.total is None:
        raise FitnessError.of(
            "E1028",
            detail_zh="首次测试没有学年总分（免测、缺项或未评分）",
            detail_en="the first test has no total (exempt, incomplete or not scored)",
        )
    if first.total >= Decimal(str(opt["allowed_below"])):
        raise FitnessError.of("E1027", first.total)
    return Scored(**{**retest.__dict__, "retest": True})


def graduation_score(
    graduation_year: Scored, other_years: Sequence[Scored] | Iterable[Scored], tables: FitnessTables
) -> GraduationScore:
    """50% × the graduation year's total + 50% × the mean of the other years' totals.

    Years without a total (exempt, incomplete, refused) are left out of the mean; with no
    other scored year the graduation year's total stands alone; an exempt graduation year
    gives status exempt (options.graduation)."""
    others = list(other_years)
    if graduation_year.status is Status.EXEMPT:
        return GraduationScore(Status.EXEMPT, None, None, None, None, 0, len(others))
    if graduation_year.status is not Status.SCORED or graduation_year.total is None:
        raise FitnessError.of(
            "E1029",
            detail_zh="毕业当年的成绩未评分（缺项或被拒）",
            detail_en="the graduation year is not scored (incomplete or refused)",
        )
    opt = tables.options["graduation"]
    totals = [y.total for y in others if y.status is Status.SCORED and y.total is not None]
    g = graduation_year.total
    if not totals:
        score = g
        mean = None
    else:
        mean = sum(totals, Decimal(0)) / len(totals)
        score = g * Decimal(str(opt["graduation_year_weight"])) + mean * Decimal(str(opt["other_years_weight"]))
    rounded = round_total(score, tables)
    return GraduationScore(
        Status.SCORED, rounded, level_of(rounded, tables), g, mean, len(totals), len(others) - len(totals)
    )
