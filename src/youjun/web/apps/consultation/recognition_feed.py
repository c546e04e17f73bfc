"""Registers the final social-recognition survey of a district and year as the source of the
assessment's ``social_recognition`` rate (``platform.extensions.district_rates``; the
assessment lays these rows over its snapshot's ``district_rates`` before a run)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from youjun.core.school_year import school_year_of
from youjun.core.survey import PLATFORM_SOURCE_ZH
from youjun.report import numbers
from youjun.web.apps.platform.extensions import Panel, RateRow, register_district_panel, register_rates

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
                    as_of=day.isoformat() if day else "", url=reverse("consultation:survey", args=[survey.pk]))]


register_rates(survey_rates)


# --- the district page's panel: where the bureau finds its recognition survey ----------------

def _school_year(district: Any) -> str:
    """The school year the district page is about: its latest data's, else the one running now
    (September to August)."""
    from django.utils import timezone

    from youjun.web.apps.schools import selectors as school_selectors

    years = school_selectors.school_years(district)
    if years:
        return years[0]
    return school_year_of(timezone.localdate())


def survey_panel(request: Any, district: Any) -> Panel | None:
    """The school year's recognition survey(s) with status and issued/valid counts, and a link to
    each (or to start one), for those who may manage the district; nothing for anyone else."""
    from django.db.models import Count, Q

    from youjun.web.apps.consultation.models import Survey
    from youjun.web.apps.consultation.services_survey import STATE_LABELS
    from youjun.web.apps.platform import scoping
    from youjun.web.apps.platform.templatetags.youjun import lang_code

    if not scoping.can_manage_district(scoping.scope_of(request.user), district):
        return None
    year = _school_year(district)
    en = lang_code() == "en"
    rows = []
    for s in (Survey.objects.filter(district=district, school_year=year).order_by("created_at", "id")
              .annotate(n_issued=Count("invitations", distinct=True),
                        n_valid=Count("responses", filter=Q(responses__valid=True), distinct=True))):
        zh_state, en_state = STATE_LABELS.get(s.status, (s.status, s.status))
        rows.append({"survey": s, "state": en_state if en else zh_state, "final": s.status == Survey.Status.FINAL,
                     "issued": numbers.count(s.n_issued), "valid": numbers.count(s.n_valid)})
    return Panel("consultation_survey", "consultation/panels/survey.html", {"year": year, "rows": rows})


register_district_panel(survey_panel)
