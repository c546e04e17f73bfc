"""Reads of the assessment app: runs (always through scoping), results, trends, comparisons.

A finished run is frozen, so its parsed result and the views built from it are cached per
process; nothing user-specific is cached.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from youjun.web.apps.assessment import dashboard
from youjun.web.apps.assessment import province as province_page
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.lru import BoundedCache
from youjun.web.apps.platform.models import District, Province, School
from youjun.web.apps.platform.scoping import Scope

_RESULTS: BoundedCache[dict[str, Any]] = BoundedCache(8)  # whole results: ~1 MB each
_VIEWS: BoundedCache[Any] = BoundedCache(64)


def runs(scope: Scope) -> QuerySet[AssessmentRun]:
    return scoping.scoped(scope, AssessmentRun.objects.defer("result").select_related("district__province", "snapshot"))


def run_or_404(scope: Scope, pk: int) -> AssessmentRun:
    found = runs(scope).filter(pk=pk).first()
    if found is None:
        raise Http404("run")
    return found


def run_for_school_or_404(scope: Scope, pk: int, school: School) -> AssessmentRun:
    """A run seen from a school's page: visible to whoever sees the school."""
    if not scoping.sees_school(scope, school):
        raise Http404("school")
    found = (AssessmentRun.objects.defer("result").select_related("district")
             .filter(pk=pk, district=school.district).first())
    if found is None:
        raise Http404("run")
    return found


def district_runs(district: District) -> QuerySet[AssessmentRun]:
    return AssessmentRun.objects.filter(district=district).defer("result").select_related("created_by")


def latest_runs_by_year(district: District) -> dict[str, AssessmentRun]:
    """The latest finished run of each school year (on the year's current data, if any)."""
    out: dict[str, AssessmentRun] = {}
    for run in (AssessmentRun.objects.filter(district=district, status=AssessmentRun.Status.DONE)
                .defer("result").select_related("snapshot").order_by("-finished_at", "-id")):
        out.setdefault(run.school_year, run)
    return out


def result_of(run: AssessmentRun) -> dict[str, Any]:
    """The parsed result of a finished run (cached per process: runs are frozen)."""
    return _RESULTS.get_or_build(run.frozen_key, run.stored_result, keep=run.status == AssessmentRun.Status.DONE)


def _memo(key: tuple[Any, ...], build: Any) -> Any:
    return _VIEWS.get_or_build(key, build)


def dashboard_view(run: AssessmentRun, lang: str) -> dict[str, Any]:
    return _memo(("dashboard", *run.frozen_key, lang), lambda: dashboard.build_dashboard(result_of(run), lang))


def school_view(run: AssessmentRun, code: str, lang: str) -> dict[str, Any] | None:
    return _memo(("school", *run.frozen_key, code, lang), lambda: dashboard.school_view(result_of(run), code, lang))


def trend_view(district: District, lang: str) -> dict[str, Any]:
    # One light query names the latest finished run of each year; the trend is rebuilt only
    # when that list changes.
    rows = (AssessmentRun.objects.filter(district=district, status=AssessmentRun.Status.DONE)
            .order_by("-finished_at", "-id").values_list("school_year", "pk", "finished_at"))
    latest_ids: dict[str, tuple[int, Any]] = {}
    for year, pk, finished in rows:
        latest_ids.setdefault(year, (pk, finished))
    key = ("trend", district.pk, lang, tuple(sorted((y, pk, str(f)) for y, (pk, f) in latest_ids.items())))

    def build() -> dict[str, Any]:
        latest = latest_runs_by_year(district)
        years = dashboard.year_range(list(latest))
        return dashboard.trend([(y, result_of(latest[y]) if y in latest else None) for y in years], lang)

    return _memo(key, build)


def school_results(school: School) -> list[dict[str, Any]]:
    """The school's standing in the latest finished run of each year."""
    out = []
    for year, run in sorted(latest_runs_by_year(school.district).items(), reverse=True):
        sections = [s for s in result_of(run).get("schools") or [] if str(s.get("code")) == school.code]
        out.append({"year": year, "run": run,
                    "sections": [{"level": s.get("level"), "compliant": s.get("compliant"),
                                  "met_count": s.get("met_count")} for s in sections]})
    return out


def province_view(scope: Scope, province: Province, lang: str,
                  params: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Each visible district of the province with its latest finished run: the table sorted,
    filtered and searched as ``params`` ask, the counts, the tiles by prefecture and the CV charts
    (``assessment.province``)."""
    view = province_page.page(scope, province, lang, params or {})
    view["labels"] = {"limit": "限值" if lang == "zh" else "Limit",
                      "axis": "差异系数" if lang == "zh" else "Coefficient of variation"}
    return view
