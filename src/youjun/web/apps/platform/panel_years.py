"""The school year a district-page panel shows, beside the assessment's.

A panel of records kept through the year (fitness results, school evaluations, comprehensive
quality) shows the current school year, or the latest with records, while the assessment on the
same page is of the stored data's school year (the uploaded workbook: often the year before).
Each such panel names its year and, when it differs from the assessment's, says so in words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from youjun.core.school_year import school_year_of


def assessment_year(district: Any) -> str:
    """The school year of the district's latest finished assessment, else of its latest stored
    data; "" when there is neither. Read once per district object: the district page's panels
    (fitness, quality, school evaluation) each ask for it while rendering one page."""
    known = getattr(district, "_assessment_year", None)
    if known is None:
        known = district._assessment_year = _read_assessment_year(district)
    return str(known)


def _read_assessment_year(district: Any) -> str:
    from youjun.web.apps.assessment.models import AssessmentRun
    from youjun.web.apps.schools import selectors as school_selectors

    run = (AssessmentRun.objects.filter(district=district, status=AssessmentRun.Status.DONE)
           .order_by("-school_year").values_list("school_year", flat=True).first())
    if run:
        return str(run)
    snapshots = school_selectors.current_snapshots(district)
    return str(snapshots[0].school_year) if snapshots else ""


def panel_year(district: Any, year: str, today: dt.date | None = None) -> dict[str, Any]:
    """``{"year", "assessment_year", "differs", "current"}`` for a panel showing ``year``."""
    assessed = assessment_year(district)
    return {"year": year, "assessment_year": assessed, "differs": bool(assessed) and assessed != year,
            "current": year == school_year_of(today or timezone.localdate())}
