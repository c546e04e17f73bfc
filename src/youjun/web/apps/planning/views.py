"""Planning pages: a district's plans and the forms to make one, a plan's progress and result,
its files. Bureau admins make plans; whoever sees the district reads them; school officers
see none (404)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from youjun.web.apps.planning import display, selectors, services
from youjun.web.apps.planning import options as plan_options
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.platform import scoping, tasks
from youjun.web.apps.platform.models import District
from youjun.web.apps.platform.templatetags.youjun import lang_code, requested_lang
from youjun.web.apps.schools import selectors as school_selectors


def _index_context(scope: scoping.Scope, d: District, **extra: Any) -> dict[str, Any]:
    years = [s.school_year for s in school_selectors.current_snapshots(d)]
    form = extra.get("form") or {}
    costs = plan_options.defaults("investment")
    cost_fields = [(k, form.get(k, costs[k])) for k in plan_options.UNIT_COSTS]
    lang = lang_code()
    services.reap_stale(d)  # the list shows a dead worker's plan as failed, not running
    listed = [(p, selectors.headline_cards(p.kind, p.headline or {}, lang)[:3])
              for p in selectors.district_plans(d)[:30]]
    return {"cost_fields": cost_fields, "district": d, "plans": listed, "years": years,
            "can_manage": scoping.can_manage_district(scope, d), "rotation_plans": selectors.rotation_plans(d)[:20],
            "rotation_defaults": plan_options.defaults("rotation"), "form": {}, "problems": [], **extra}


@login_required
def index(request: HttpRequest, code: str) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    d = scoping.district_or_404(scope, code)
    if request.method != "POST":
        return render(request, "planning/index.html", _index_context(scope, d))
    scoping.require_district_admin(scope, d)
    kind, year = request.POST.get("kind", ""), request.POST.get("year", "")
    chosen = None
    if kind == "whatif" and request.POST.get("rotation_plan"):
        try:
            chosen = selectors.rotation_plan_moves(d, int(request.POST["rotation_plan"]))
        except ValueError:
            chosen = None
        if chosen is None:
            raise Http404("rotation plan")
    try:
        options = plan_options.parse(kind, request.POST, rotation_plan=chosen, school_year=year)
        plan = services.start_plan(request.user, d, year, kind, options, title=request.POST.get("title", ""))
    except plan_options.OptionsError as exc:
        return render(request, "planning/index.html", _index_context(
            scope, d, form=request.POST, problems=exc.problems), status=400)
    except school_selectors.NoSnapshot as exc:
        return render(request, "planning/index.html", _index_context(
            scope, d, form=request.POST, problems=[exc.problem]), status=400)
    return redirect("planning:plan", pk=plan.pk)


def _page_number(text: str | None) -> int:
    try:
        return max(1, int(text or 1))
    except ValueError:
        return 1


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    p = selectors.plan_or_404(scope, pk)
    tasks.fresh(p, lambda: services.reap_stale(p.district))
    if p.status != PlanRun.Status.DONE:
        lang = lang_code()
        seconds = display.elapsed_seconds(p.started_at)
        return render(request, "planning/progress.html", {
            "plan": p, "district": p.district, "queue_label": tasks.queue_label(tasks.queue_position(p)),
            "stage_labels": display.stage_labels(lang), "elapsed_s": seconds,
            "elapsed": display.duration_text(seconds, lang) if seconds is not None else ""})
    return render(request, "planning/plan.html", {
        "plan": p, "district": p.district,
        "view": selectors.plan_view(p, lang_code(), query=request.GET.get("q", "")[:64],
                                    page=_page_number(request.GET.get("page"))),
        "formats": services.FORMATS, "can_manage": scoping.can_manage_district(scope, p.district)})


@login_required
def status(request: HttpRequest, pk: int) -> JsonResponse:
    p = selectors.plan_or_404(scoping.scope_of(request.user), pk, full=False)
    tasks.fresh(p, lambda: services.reap_stale(p.district))
    return JsonResponse(tasks.status(p, reverse("planning:plan", args=[p.pk])),
                        json_dumps_params={"ensure_ascii": False})


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    p = selectors.plan_or_404(scoping.scope_of(request.user), pk)
    if fmt not in services.FORMATS or p.status != PlanRun.Status.DONE:
        raise Http404("plan file")
    lang = requested_lang(request)
    response = HttpResponse(services.render(p, fmt, lang), content_type=services.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{services.filename(p, fmt, lang)}"'
    return response
