"""Reads: the rectification list of a finished run (with what the bureau set), comparisons."""

from __future__ import annotations

from typing import Any

from youjun.report.compare import compare_results
from youjun.report.rectification import build_rectification
from youjun.web.apps.assessment import selectors as assessment_selectors
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform.models import District
from youjun.web.apps.rectification.models import Assignment
from youjun.web.apps.schools.models import Snapshot


def rectification(run: AssessmentRun) -> dict[str, Any]:
    """The list of a finished run (cached with the run's other views: runs are frozen)."""
    return assessment_selectors._memo(("rectification", *run.frozen_key),
                                      lambda: build_rectification(assessment_selectors.result_of(run)))


def assignments(district: District, school_year: str) -> dict[str, dict[str, Any]]:
    return {a.finding_key: {"office": a.office, "deadline": a.deadline, "updated_at": a.updated_at}
            for a in Assignment.objects.filter(district=district, school_year=school_year)}


def stored_years(district: District) -> list[dict[str, Any]]:
    """Every school year with current data, newest first, and its latest finished run if any."""
    runs = assessment_selectors.latest_runs_by_year(district)
    years = set(Snapshot.objects.filter(district=district, current=True).values_list("school_year", flat=True))
    return [{"year": y, "run": runs.get(y)} for y in sorted(years | set(runs), reverse=True)]


def comparison(district: District, year: str, base: str) -> dict[str, Any] | None:
    """``year`` against ``base`` from the latest finished run of each; None if one has none."""
    runs = assessment_selectors.latest_runs_by_year(district)
    if year not in runs or base not in runs:
        return None
    now, then = runs[year], runs[base]
    key = ("compare", *now.frozen_key, *then.frozen_key)
    return assessment_selectors._memo(key, lambda: compare_results(assessment_selectors.result_of(then),
                                                                   assessment_selectors.result_of(now)))


def run_pk(district: District, year: str) -> int | None:
    run = assessment_selectors.latest_runs_by_year(district).get(year)
    return run.pk if run else None
