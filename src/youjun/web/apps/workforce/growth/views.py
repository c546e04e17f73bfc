"""Pages of the growth ladder. Thin: scope by ``workforce.access`` (out of reach 404, seen but not
allowed 403), writes through ``services`` (a refusal is shown on the page in its language with
status 400), reads through ``selectors``."""

from __future__ import annotations

from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods

from youjun.core import workforce_growth as core
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.growth import selectors, services
from youjun.web.apps.workforce.growth.forms import ApplicationForm, DecisionForm, LadderForm, PanelForm
from youjun.web.apps.workforce.growth.models import Application, Item
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.selectors_dashboard import register_state
from youjun.web.errors import shown_problem

PAGE = 50


def lang() -> str:
    return "en" if (get_language() or "zh").startswith("en") else "zh"


def _problems(exc: services.Refused) -> list[dict[str, Any]]:
    return [shown_problem(p, lang()) for p in exc.problems]


def _reference() -> dict[str, Any]:
    return core.reference()["reference"]


# -- a teacher ---------------------------------------------------------------------------------

@login_required
@require_GET
def teacher(request: HttpRequest, pk: int) -> HttpResponse:
    t = access.teacher_or_404(request.user, pk)
    reach = access.teacher_reach(request.user, t)
    return render(request, "workforce_growth/teacher.html", {
        "teacher": t, "name": access.name_for(request.user, t, reach), "v": selectors.teacher_view(t, lang()),
        "may_apply": services.may_apply(request.user, t), "own": access.is_self(request.user, t),
        "reference": _reference()})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    t = access.teacher_or_404(request.user, pk)
    if not services.may_apply(request.user, t):
        raise PermissionDenied
    view = selectors.teacher_view(t, lang())
    form = ApplicationForm(request.POST or None, request.FILES or None, lang=lang())
    problems: list[dict[str, str]] = []
    confirm = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            claims = [services.ItemClaim(d[f"kind_{i}"], d[f"title_{i}"], d[f"day_{i}"], d.get(f"file_{i}"),
                                         d.get(f"level_{i}") or "", d.get(f"prize_{i}") or "")
                      for i in range(len(form.rows())) if d.get(f"title_{i}")]
            target = view["next"].code if view["next"] else ""
            # requirements still missing with the claimed items counted: the applicant confirms
            gaps = (selectors.shortfall(t, view["next"], claims=tuple((c.kind, c.level, c.prize) for c in claims))
                    if view["next"] else [])
            if gaps and not d.get("confirm_missing"):
                confirm = core.missing_words(view["next"], gaps, lang())
                status = 400
            else:
                try:
                    application = services.apply(request.user, t, target, claims, statement=d["statement"])
                except services.Refused as exc:
                    problems, status = _problems(exc), 400
                else:
                    messages.success(request, gettext("The application was sent to the panel."))
                    return redirect("workforce_growth:application", pk=application.pk)
        else:
            status = 400
    reach = access.teacher_reach(request.user, t)
    return render(request, "workforce_growth/apply.html", {
        "teacher": t, "name": access.name_for(request.user, t, reach), "v": view, "form": form,
        "problems": problems, "confirm": confirm}, status=status)


# -- an application ----------------------------------------------------------------------------

def _application_or_404(user: Any, pk: int) -> Application:
    application = (Application.objects.select_related("teacher__district", "teacher__school", "applicant")
                   .filter(pk=pk).first())
    if application is None:
        raise Http404("application")
    if not (access.teacher_reach(user, application.teacher).sees or selectors.is_panel_member(user, application)):
        raise Http404("application")
    return application


@login_required
@require_http_methods(["GET", "POST"])
def application(request: HttpRequest, pk: int) -> HttpResponse:
    app = _application_or_404(request.user, pk)
    t = app.teacher
    member = selectors.is_panel_member(request.user, app)
    form = DecisionForm(request.POST or None)
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        if not member:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.decide(request.user, app, agree=form.cleaned_data["agree"] == "yes",
                                reason=form.cleaned_data["reason"])
            except services.Refused as exc:
                problems, status = _problems(exc), 400
            else:
                messages.success(request, gettext("Your decision was recorded."))
                return redirect("workforce_growth:application", pk=app.pk)
        else:
            status = 400
    reach = access.teacher_reach(request.user, t)
    # a panel member outside the teacher's school sees the name masked, as the district's readers do
    name = access.name_for(request.user, t, reach) if reach.sees else access.mask_name(t.name)
    ladder = selectors.ladder_for(t.district)
    target = ladder.stage(app.to_stage)
    gaps = (selectors.shortfall(t, target, ladder=ladder,
                                pending=app if app.state == Application.State.PENDING else None) if target else [])
    decisions = [(d, selectors.person_label(d.member)) for d in app.decisions.select_related("member")]
    return render(request, "workforce_growth/application.html", {
        "app": app, "teacher": t, "name": name, "items": list(app.items.select_related("evidence")),
        "decisions": decisions, "panel": [selectors.person_label(u) for u in app.panel.order_by("username")],
        "result_words": core.missing_words(target, gaps, lang()) if target else "",
        "member": member, "decided": any(d.member_id == request.user.pk for d, _ in decisions),
        "open": app.state == Application.State.PENDING, "form": form, "problems": problems,
        "rule": ladder.review}, status=status)


@login_required
@require_GET
def evidence(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    app = _application_or_404(request.user, pk)
    row = Item.objects.select_related("evidence").filter(pk=item, application=app, evidence__isnull=False).first()
    if row is None or row.evidence is None:
        raise Http404("evidence")
    ev = row.evidence
    response = HttpResponse(bytes(ev.content), content_type=ev.content_type)
    response["Content-Disposition"] = "inline" if ev.content_type.startswith("image/") else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.queue(request.user)[:200])
    return render(request, "workforce_growth/queue.html", {
        "rows": [(a, access.name_for(request.user, a.teacher)) for a in rows]})


# -- a district, a school ----------------------------------------------------------------------

@login_required
@require_GET
def district(request: HttpRequest, code: str) -> HttpResponse:
    d = access.district_or_404(request.user, code)
    reach = access.district_reach(request.user, d)
    ladder = selectors.ladder_for(d)
    teachers = access.visible_teachers(request.user, d).filter(active=True)
    stage = request.GET.get("stage", "")
    if stage not in ("", "none") and ladder.stage(stage) is None:
        stage = ""
    page = Paginator(selectors.teacher_rows(teachers, stage), PAGE).get_page(request.GET.get("page"))
    from youjun.web.apps.platform.models import School

    schools = School.objects.filter(district=d)
    return render(request, "workforce_growth/district.html", {
        "district": d, "reach": reach, "ladder": ladder, "own_ladder": selectors.has_own_ladder(d),
        "counts": selectors.stage_counts(d), "by_school": selectors.stage_counts_by_school(d, schools),
        "pending": [(a, access.name_for(request.user, a.teacher)) for a in selectors.pending(teachers)[:100]],
        "page": page, "rows": [(t, access.name_for(request.user, t, reach)) for t in page.object_list],
        "stage": stage, "panel": selectors.panel(d), "reference": _reference(),
        # an empty register: 暂无记录 with the uploaded data's teachers, never 0 per stage and school
        "register": register_state(d), "bureau": reach.bureau})


@login_required
@require_GET
def school(request: HttpRequest, code: str) -> HttpResponse:
    s = access.school_or_404(request.user, code)
    reach = access.school_reach(request.user, s)
    ladder = selectors.ladder_for(s.district)
    teachers = Teacher.objects.filter(school=s, active=True)
    page = Paginator(selectors.teacher_rows(teachers, None), PAGE).get_page(request.GET.get("page"))
    return render(request, "workforce_growth/school.html", {
        "school": s, "reach": reach, "ladder": ladder, "counts": selectors.stage_counts(s.district, s),
        "pending": [(a, access.name_for(request.user, a.teacher, reach)) for a in selectors.pending(teachers)],
        "page": page, "rows": [(t, access.name_for(request.user, t, reach)) for t in page.object_list],
        "register": register_state(s.district), "bureau": access.district_reach(request.user, s.district).bureau})


@login_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, code: str) -> HttpResponse:
    d = access.district_or_404(request.user, code)
    reach = access.district_reach(request.user, d)
    members = selectors.panel(d)
    form = PanelForm(request.POST or None, initial={"usernames": [u.username for u in members]},
                     candidates=selectors.panel_candidates(d))
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        if not reach.bureau:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.set_panel(request.user, d, form.cleaned_data["usernames"])
            except services.Refused as exc:
                problems, status = _problems(exc), 400
            else:
                messages.success(request, gettext("The panel was saved."))
                return redirect("workforce_growth:panel", code=d.code)
        else:
            status = 400
    return render(request, "workforce_growth/panel.html", {
        "district": d, "reach": reach, "members": [selectors.person_label(u) for u in members], "form": form,
        "problems": problems,
        "rule": selectors.ladder_for(d).review}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def ladder(request: HttpRequest, code: str) -> HttpResponse:
    d = access.district_or_404(request.user, code)
    reach = access.district_reach(request.user, d)
    current = selectors.ladder_for(d)
    text = yaml.safe_dump(core.ladder_data(current), allow_unicode=True, sort_keys=False, width=120)
    form = LadderForm(request.POST or None, initial={"data": text})
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        if not reach.bureau:
            raise PermissionDenied
        if "default" in request.POST:
            services.save_ladder(request.user, d, None)
            messages.success(request, gettext("The district uses the default ladder again."))
            return redirect("workforce_growth:ladder", code=d.code)
        if form.is_valid():
            try:
                try:
                    raw = yaml.safe_load(form.cleaned_data["data"])
                except yaml.YAMLError as exc:
                    raise services.refuse("E1200", value=gettext("YAML text"), rule="workforce.growth.ladder") \
                        from exc
                services.save_ladder(request.user, d, raw)
            except services.Refused as exc:
                problems, status = _problems(exc), 400
            else:
                messages.success(request, gettext("The district's ladder was saved."))
                return redirect("workforce_growth:ladder", code=d.code)
        else:
            status = 400
    return render(request, "workforce_growth/ladder.html", {
        "district": d, "reach": reach, "ladder": current, "own_ladder": selectors.has_own_ladder(d),
        "stages": [{"stage": s, "criteria": [(c.words(c.min, lang()), c.evidence) for c in s.criteria]}
                   for s in current.stages],
        "form": form, "problems": problems, "reference": _reference(),
        "url": reverse("workforce_growth:district", args=[d.code])}, status=status)
