"""Assessment pages: start a run, its progress, the dashboard, a school, downloads, a province."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youjun.web.apps.assessment import grid, selectors, services
from youjun.web.apps.assessment import province as province_page
from youjun.web.apps.assessment.engine import CONTENT_TYPES, REPORT_FORMATS
from youjun.web.apps.assessment.models import AssessmentRun, ReportRender
from youjun.web.apps.platform import extensions, scoping, tasks
from youjun.web.apps.platform.middleware import csp_for_page
from youjun.web.apps.platform.templatetags.youjun import lang_code, requested_lang
from youjun.web.apps.schools import school_result
from youjun.web.apps.schools import selectors as school_selectors
from youjun.web.downloads import xlsx_attachment


@login_required
@require_POST
def start(request: HttpRequest, code: str) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    d = scoping.district_or_404(scope, code)
    scoping.require_district_admin(scope, d)
    year = request.POST.get("year", "")
    try:
        run = services.start_run(request.user, d, year, ruleset=request.POST.get("ruleset") or "cn-2017")
    except school_selectors.NoSnapshot as exc:
        messages.error(request, exc.problem["message"][lang_code()])
        return redirect("schools:district", code=d.code)
    return redirect("assessment:run", pk=run.pk)


@login_required
def run(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    r = selectors.run_or_404(scope, pk)
    tasks.fresh(r, lambda: services.reap_stale(r.district))
    if r.status != AssessmentRun.Status.DONE:
        return render(request, "assessment/run_progress.html", {
            "run": r, "district": r.district, "queue_label": tasks.queue_label(tasks.queue_position(r))})
    lang = lang_code()
    view = selectors.dashboard_view(r, lang)
    current = services.snapshot_for(r.district, r.school_year)
    can_manage = scoping.can_manage_district(scope, r.district)
    # the survey the recognition figure came from, for those who may open it (its own page)
    survey_url = next((row.url for row in extensions.district_rates(r.district, r.school_year)
                       if row.rate_key == "social_recognition" and row.url), "") if can_manage else ""
    return render(request, "assessment/dashboard.html", {
        "run": r, "district": r.district, "view": view, "trend": selectors.trend_view(r.district, lang),
        "grid": grid.build(view["levels"], request.GET, lang),
        "formats": REPORT_FORMATS, "can_manage": can_manage, "survey_url": survey_url,
        # the stale banner reads the same rows as the district page: this run against current data
        "snapshots": [{"snapshot": current, "run": r}] if current is not None else [],
    })


@login_required
def run_status(request: HttpRequest, pk: int) -> JsonResponse:
    r = selectors.run_or_404(scoping.scope_of(request.user), pk)
    tasks.fresh(r, lambda: services.reap_stale(r.district))
    return JsonResponse(tasks.status(r, reverse("assessment:run", args=[r.pk])),
                        json_dumps_params={"ensure_ascii": False})


@login_required
def school(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    s = scoping.school_or_404(scope, code)
    r = selectors.run_for_school_or_404(scope, pk, s)
    if r.status != AssessmentRun.Status.DONE:
        raise Http404("run")
    lang = lang_code()
    result = selectors.result_of(r)
    dash = selectors.school_view(r, s.code, lang)
    # a school of the run's data the scope rules left out is explained, not "not found"
    tables = school_selectors.snapshot_tables(r.snapshot) if dash is None else None
    view = school_result.school_page(dash, result, tables, s.code, lang)
    if view is None:
        raise Http404("school in run")
    return render(request, "assessment/school.html", {
        "run": r, "district": r.district, "school": s, "view": view,
        "sees_district": scoping.sees_district(scope, r.district),
    })


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A report of the run: the stored file at once; a PDF not yet rendered is rendered in the
    background while a page says so (about 10 s), then downloaded from here."""
    scope = scoping.scope_of(request.user)
    r = selectors.run_or_404(scope, pk)
    if fmt not in REPORT_FORMATS or r.status != AssessmentRun.Status.DONE:
        raise Http404("report")
    lang = requested_lang(request)
    try:
        rep = services.request_report(request.user, r, fmt, lang)
    except Exception as exc:
        return render(request, "platform/error.html", {
            "status": 503, "title": _("The report could not be rendered"), "text": f"{type(exc).__name__}: {exc}"},
            status=503)
    if isinstance(rep, ReportRender):
        return redirect("assessment:report_wait", pk=r.pk, rid=rep.pk)
    response = HttpResponse(bytes(rep.content), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rep.filename}"'
    if fmt == "html":  # the report's own few lines of script, by their hash (the page is ours, not user text)
        response["Content-Security-Policy"] = csp_for_page(bytes(rep.content))
    return response


def _render_or_404(request: HttpRequest, pk: int, rid: int) -> tuple[AssessmentRun, ReportRender]:
    r = selectors.run_or_404(scoping.scope_of(request.user), pk)
    task = ReportRender.objects.filter(pk=rid, run=r).first()
    if task is None:
        raise Http404("report render")
    tasks.fresh(task, lambda: tasks.reap(ReportRender.objects.filter(run=r), "report.render"))
    return r, task


def _file_url(r: AssessmentRun, task: ReportRender) -> str:
    return reverse("assessment:download", args=[r.pk, task.fmt]) + f"?lang={task.lang}"


@login_required
def report_wait(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    """The page that follows a report being rendered; once it is there, the file is downloaded."""
    r, task = _render_or_404(request, pk, rid)
    if task.status == ReportRender.Status.DONE:
        return redirect(_file_url(r, task))
    elapsed = (timezone.now() - task.created_at).total_seconds()
    return render(request, "assessment/report_wait.html", {
        "run": r, "district": r.district, "task": task, "file_url": _file_url(r, task),
        "elapsed": int(max(0, elapsed)), "queue_label": tasks.queue_label(tasks.queue_position(task))},
        status=503 if task.status == ReportRender.Status.FAILED else 200)


@login_required
def report_status(request: HttpRequest, pk: int, rid: int) -> JsonResponse:
    r, task = _render_or_404(request, pk, rid)
    url = _file_url(r, task) if task.status == ReportRender.Status.DONE else \
        reverse("assessment:report_wait", args=[r.pk, task.pk])
    return JsonResponse(tasks.status(task, url), json_dumps_params={"ensure_ascii": False})


@login_required
def province(request: HttpRequest, code: str) -> HttpResponse:
    """The districts of a province the user sees: sorted, filtered, counted, and as tiles by prefecture."""
    scope = scoping.scope_of(request.user)
    p = scoping.province_or_404(scope, code)
    return render(request, "assessment/province.html", {
        "province": p, "view": selectors.province_view(scope, p, lang_code(), request.GET)})


@login_required
def province_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    """Exactly the rows the province page shows for the same query, as a workbook."""
    scope = scoping.scope_of(request.user)
    p = scoping.province_or_404(scope, code)
    lang = requested_lang(request)
    view = selectors.province_view(scope, p, lang, request.GET)
    return xlsx_attachment(province_page.export_xlsx(view["rows"], lang),
                           province_page.export_name(p.code, view["query"]))
