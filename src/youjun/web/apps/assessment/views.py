"""Assessment pages: start a run, its progress, the dashboard, a school, downloads, a province."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youjun.web.apps.assessment import selectors, services
from youjun.web.apps.assessment.engine import CONTENT_TYPES, REPORT_FORMATS
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform import scoping, tasks
from youjun.web.apps.platform.templatetags.youjun import lang_code, requested_lang
from youjun.web.apps.schools import selectors as school_selectors


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
    return render(request, "assessment/dashboard.html", {
        "run": r, "district": r.district, "view": view, "trend": selectors.trend_view(r.district, lang),
        "formats": REPORT_FORMATS, "can_manage": scoping.can_manage_district(scope, r.district),
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
    view = selectors.school_view(r, s.code, lang_code())
    if view is None:
        raise Http404("school in run")
    return render(request, "assessment/school.html", {
        "run": r, "district": r.district, "school": s, "view": view,
        "sees_district": scoping.sees_district(scope, r.district),
    })


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    r = selectors.run_or_404(scope, pk)
    if fmt not in REPORT_FORMATS or r.status != AssessmentRun.Status.DONE:
        raise Http404("report")
    lang = requested_lang(request)
    try:
        rep = services.report(request.user, r, fmt, lang)
    except Exception as exc:
        return render(request, "platform/error.html", {
            "status": 503, "title": _("The report could not be rendered"), "text": f"{type(exc).__name__}: {exc}"},
            status=503)
    response = HttpResponse(bytes(rep.content), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rep.filename}"'
    return response


@login_required
def province(request: HttpRequest, code: str) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    p = scoping.province_or_404(scope, code)
    return render(request, "assessment/province.html", {
        "province": p, "view": selectors.province_view(scope, p, lang_code())})
