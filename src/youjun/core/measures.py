"""Pure measures of the balance assessments: weighted mean, weighted CV, combined-school split.

Standard library only, so the verdict, the web forms and the tests can use them without a
dataframe. The analytics layer computes the same quantities in bulk (Ibis/pandas) and its
tests check against these functions.

Source of the formulas: 《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号) and
《县域义务教育均衡发展督导评估暂行办法》(教督〔2012〕3号) with the official handbook's worked
example (docs: ``balance-assessment.md`` §2–§3).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from youjun.core.schema import TYPE_SECTIONS


def _check_pupils(pupils: Sequence[float]) -> None:
    for i, p in enumerate(pupils):
        if not p > 0:  # also catches NaN
            raise ValueError(
                f"school #{i} has {p!r} pupils: a school with zero (or negative) pupils is a "
                "data error, not a school of the assessment (fix its grade enrolments or drop it)"
            )


def weighted_mean(resources: Sequence[float], pupils: Sequence[float]) -> float:
    """The enrolment-weighted mean X̄ = ΣRᵢ / ΣPᵢ (resource per pupil over all schools).

    This equals Σ (Pᵢ/P)·xᵢ with xᵢ = Rᵢ/Pᵢ, the mean the official CV is centred on.
    Multiply by 100 yourself for "per 100 pupils" indicators.

    Raises ValueError for empty or unequal inputs and for any school with zero pupils.
    """
    if len(resources) != len(pupils):
        raise ValueError(f"{len(resources)} resources but {len(pupils)} pupil counts")
    if not pupils:
        raise ValueError("no schools: the weighted mean of nothing is undefined")
    _check_pupils(pupils)
    return math.fsum(resources) / math.fsum(pupils)


def weighted_cv(values: Sequence[float], weights: Sequence[float]) -> float:
    """The official inter-school coefficient of variation, weighted by enrolment.

    With xᵢ the school's value and Pᵢ its pupils (``weights``), P = ΣPᵢ::

        X̄  = Σ (Pᵢ/P)·xᵢ                 (= ΣRᵢ/ΣPᵢ when xᵢ = Rᵢ/Pᵢ)
        S  = sqrt( Σ (Pᵢ/P)·(xᵢ − X̄)² )  (population form, no n−1)
        CV = S / X̄

    Source: 教督〔2017〕6号 / 教督〔2012〕3号 and the handbook example (pupils 45/37/89/76/55,
    books 279/137/935/160/402 → 0.51526, published 0.52); the unweighted CV (0.48877) does not
    reproduce it.

    Defined edge cases:
    - a school with zero pupils → ValueError (a data error, never a division by zero);
    - negative values → ValueError (resources cannot be negative);
    - every value 0 (mean 0) → 0.0: all schools are equally (un)provided, there is no
      dispersion. The shortfall itself shows in the per-school thresholds, not in the CV.
    - a single school → 0.0.
    """
    if len(values) != len(weights):
        raise ValueError(f"{len(values)} values but {len(weights)} weights")
    if not values:
        raise ValueError("no schools: the CV of nothing is undefined")
    _check_pupils(weights)
    for i, x in enumerate(values):
        if not x >= 0:
            raise ValueError(f"school #{i} has value {x!r}: indicator values cannot be negative")
    total = math.fsum(weights)
    mean = math.fsum(p * x for p, x in zip(weights, values, strict=True)) / total
    if mean == 0:
        return 0.0
    variance = math.fsum(p * (x - mean) ** 2 for p, x in zip(weights, values, strict=True)) / total
    return math.sqrt(variance) / mean


def split_shares(
    school_type: str,
    pupils_by_section: Mapping[str, float],
    split_weights: Mapping[str, Mapping[str, float]],
) -> dict[str, float]:
    """The share of a school's physical resources that belongs to each of its sections.

    A combined school (nine-year, twelve-year, complete middle) shares its rooms, grounds,
    equipment (and in 2012 computers and books) by weighted enrolment: with weights w and
    pupils n per section, share(s) = w_s·n_s / Σ w_t·n_t over the school type's sections.
    Nine-year 1 : 1.1, complete middle (junior : senior) 1 : 1.2, twelve-year 1 : 1.1 : 1.32
    (教督〔2012〕3号; the ratios arrive as ``params.split_weights``).
    Example: A=166, B=210 → primary 166/397, junior 231/397 → 23,226 books split as
    9,711.63 / 13,514.37.

    A single-section school (primary, junior, teaching point) keeps everything: {section: 1.0}.
    The shares of every section (senior included) sum to 1, so splitting conserves the total.
    Missing sections in ``pupils_by_section`` count as 0 pupils.

    Raises ValueError when the combined type has no weights or its weighted enrolment is 0.
    """
    sections = TYPE_SECTIONS.get(school_type)
    if sections is None:
        raise ValueError(f"unknown school type {school_type!r}")
    if len(sections) == 1:
        return {sections[0]: 1.0}
    weights = split_weights.get(school_type)
    if weights is None:
        raise ValueError(f"no split weights for school type {school_type!r}")
    missing = [s for s in sections if s not in weights]
    if missing:
        raise ValueError(f"split weights for {school_type!r} lack section(s) {missing}")
    weighted = {s: weights[s] * pupils_by_section.get(s, 0) for s in sections}
    total = math.fsum(weighted.values())
    if not total > 0:
        raise ValueError(
            f"{school_type!r} school has no pupils in any section: its resources cannot be split"
        )
    return {s: w / total for s, w in weighted.items()}
