"""Registers the final social-recognition survey of a district and year as the source of the
assessment's ``social_recognition`` rate (``platform.extensions.district_rates``; the
assessment lays these rows over its snapshot's ``district_rates`` before a run)."""

from __future__ import annotations

from typing import Any

from youjun.core.survey import PLATFORM_SOURCE_ZH
from youjun.report import numbers
from youjun.web.apps.platform.extensions import RateRow, register_rates

RATE_KEY = "social_recognition"


def survey_rates(district: Any, school_year: str) -> list[RateRow]:
    """The final survey's recognition rate for (district, school year), or nothing."""
    from youjun.web.apps.consultation.services_survey import final_survey, local_date

    survey = final_survey(district, school_year)
    overall = (survey.result or {}).get("overall") if survey is not None else None
    if survey is None or not overall or not overall.get("answered"):
        return []
    day = local_date(survey.finalised_at)
    final_on = f"，{day.year}年{day.month}月{day.day}日定稿" if day else ""
    source = (f"{PLATFORM_SOURCE_ZH}：{survey.title}，有效问卷 {numbers.count(overall['valid'])} 份{final_on}")
    return [RateRow(RATE_KEY, numerator=float(overall["recognised"]), denominator=float(overall["answered"]),
                    value=100 * overall["recognised"] / overall["answered"], source=source,
                    as_of=day.isoformat() if day else "")]


register_rates(survey_rates)
