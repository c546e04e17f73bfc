"""Pages of famous-teacher studios. Thin: scope by ``studios.access`` / ``workforce.access`` (out
of reach 404, seen but not allowed 403), writes through ``services`` (a refusal is shown on the
page in its language with status 400), reads through ``selectors``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET

from youjun.web.apps.platform.models import School
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.studios import selectors, services
from youjun.web.apps.workforce.studios.access import school_studios, studio_or_404
from youjun.web.apps.workforce.studios.forms import (
    LeaveForm,
    MemberForm,
    OutputForm,
    PlanForm,
    ReviewForm,
    StudioForm,
)
from youjun.web.apps.workforce.studios.models import Output, Studio


def lang() -> str:
    return "en" if (get_language() or "zh").startswith("en") else "zh"


def _problem(exc: services.Refused) -> list[dict[str, str]]:
    return [{"code": p["code"], "message": p["message"][lang()], "hint": p["hint"][lang()]} for p in exc.problems]


def _year(request: HttpRequest, studio: Studio | None = None) -> int:
    today = timezone.localdate()
    raw = request.POST.get("year") or request.GET.get("year") or ""
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year
    if studio is not None and year < studio.start.year:
        year = studio.start.year
    return year


def _int(value: Any) -> int | None:
    return int(value) if str(value).isdigit() else None


# -- the district's studios ---------------------------------------------------------------------

@login_required
@require_GET
def district_list(request: HttpRequest, code: str) -> HttpResponse:
    district = access.district_or_404(request.user, code)
    reach = access.district_reach(request.user, district)
    day = timezone.localdate()
    f = selectors.Filters.of(request.GET)
    studios = selectors.filtered(Studio.objects.filter(district=district), f, day)
    page, total = selectors.rows(request.user, studios, lang(), request.GET.get("page"), day)
    query = urlencode([(k, v) for k, v in (("subject", f.subject), ("level", f.level), ("active", f.active)) if v])
    return render(request, "workforce_studios/district.html", {
        "district": district, "page": page, "total": total, "filters": f, "query": query,
        "words": selectors.words(lang(), day), "can_create": reach.bureau,
        "counts": selectors.studio_counts(district, day),
        # no studio set up in the district: the tiles say 暂无记录, not 0 studios and 0 members
        "has_records": selectors.has_studios(district)})


def _schools(district: Any) -> list[tuple[str, str]]:
    return [(s.code, s.name) for s in School.objects.filter(district=district).order_by("code")]


@login_required
def studio_new(request: HttpRequest, code: str) -> HttpResponse:
    district = access.district_or_404(request.user, code)
    if not access.district_reach(request.user, district).bureau:
        raise PermissionDenied("the bureau's step")
    w = selectors.words(lang(), district=district)
    form = StudioForm(request.POST or None, words=w, schools=_schools(district))
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            c = form.cleaned_data
            try:
                studio = services.create_studio(request.user, district, name=c["name"], host=c["host"],
                                                level=c["level"], start=c["start"], end=c["end"],
                                                subject=c["subject"], base_school=c["base_school"])
            except services.Refused as exc:
                problems = _problem(exc)
            else:
                messages.success(request, gettext("Studio set up: “%(name)s”.") % {"name": studio.name})
                return redirect("workforce_studios:studio", studio.pk)
        return render(request, "workforce_studios/studio_form.html", {
            "district": district, "form": form, "problems": problems, "studio": None}, status=400)
    return render(request, "workforce_studios/studio_form.html", {"district": district, "form": form,
                                                                  "problems": [], "studio": None})


@login_required
@require_GET
def school_list(request: HttpRequest, code: str) -> HttpResponse:
    school = access.school_or_404(request.user, code)
    day = timezone.localdate()
    studios = school_studios(school)
    page, total = selectors.rows(request.user, studios, lang(), request.GET.get("page"), day)
    selectors.add_school_members(request.user, page.object_list, school, lang())
    return render(request, "workforce_studios/school.html", {"school": school, "page": page, "total": total})


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    teacher = access.own_teacher(request.user)
    if teacher is not None:
        return redirect("workforce_studios:teacher", teacher.pk)
    return render(request, "workforce_studios/mine.html", {})


@login_required
@require_GET
def teacher(request: HttpRequest, pk: int) -> HttpResponse:
    t = access.teacher_or_404(request.user, pk)
    day = timezone.localdate()
    return render(request, "workforce_studios/teacher.html", {
        "teacher": t, "name": selectors.Namer(request.user).label(t),
        "rows": selectors.teacher_studios(request.user, t, lang(), day)})


# -- one studio ---------------------------------------------------------------------------------

def _studio_page(request: HttpRequest, studio: Studio, reach: Any, status: int = 200) -> HttpResponse:
    day = timezone.localdate()
    ctx = selectors.studio_page(request.user, studio, lang(), _year(request, studio), day)
    sees_district = access.district_reach(request.user, studio.district).sees
    return render(request, "workforce_studios/studio.html", {"studio": studio, "reach": reach,
                                                             "sees_district": sees_district, **ctx}, status=status)


@login_required
@require_GET
def studio(request: HttpRequest, pk: int) -> HttpResponse:
    s, reach = studio_or_404(request.user, pk)
    return _studio_page(request, s, reach)


@login_required
def studio_edit(request: HttpRequest, pk: int) -> HttpResponse:
    s, reach = studio_or_404(request.user, pk)
    if not reach.bureau:
        raise PermissionDenied("the bureau's step")
    w = selectors.words(lang(), district=s.district)
    initial = {"name": s.name, "host": s.host.staff_id, "subject": s.subject, "level": s.level, "start": s.start,
               "end": s.end, "base_school": s.base_school.code if s.base_school else ""}
    form = StudioForm(request.POST or None, initial=initial, words=w, schools=_schools(s.district))
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.update_studio(request.user, s, name=c["name"], host=c["host"], level=c["level"],
                                       start=c["start"], end=c["end"], subject=c["subject"],
                                       base_school=c["base_school"])
            except services.Refused as exc:
                problems = _problem(exc)
            else:
                messages.success(request, gettext("Saved."))
                return redirect("workforce_studios:studio", s.pk)
        return render(request, "workforce_studios/studio_form.html", {
            "district": s.district, "form": form, "problems": problems, "studio": s}, status=400)
    return render(request, "workforce_studios/studio_form.html", {"district": s.district, "form": form,
                                                                  "problems": [], "studio": s})


def _host(request: HttpRequest, pk: int) -> tuple[Studio, Any]:
    s, reach = studio_or_404(request.user, pk)
    if not reach.host:
        raise PermissionDenied("the host's step")
    return s, reach


def _members_page(request: HttpRequest, s: Studio, form: MemberForm, problems: list[dict[str, str]],
                  status: int = 200) -> HttpResponse:
    day = timezone.localdate()
    namer = selectors.Namer(request.user)
    w = selectors.words(lang(), day)
    rows = [{"m": m, "name": namer.label(m.teacher), "school": m.teacher.school.name if m.teacher.school else "",
             "role": dict(w["roles"]).get(m.role, m.role)}
            for m in s.members.select_related("teacher__school").order_by("left", "joined", "id")]
    return render(request, "workforce_studios/members.html", {
        "studio": s, "form": form, "rows": rows, "problems": problems, "today": day}, status=status)


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    s, _reach = _host(request, pk)
    w = selectors.words(lang())
    if request.method != "POST":
        return _members_page(request, s, MemberForm(words=w, initial={"joined": timezone.localdate()}), [])
    if request.POST.get("op") == "leave":
        leave = LeaveForm(request.POST)
        member = s.members.filter(pk=_int(request.POST.get("member"))).first()
        if member is None:
            raise Http404("member")
        try:
            services.end_membership(request.user, member, left=leave.cleaned_data["left"] if leave.is_valid() else None)
        except services.Refused as exc:
            return _members_page(request, s, MemberForm(words=w), _problem(exc), status=400)
        messages.success(request, gettext("Saved."))
        return redirect("workforce_studios:members", s.pk)
    form = MemberForm(request.POST, words=w)
    if not form.is_valid():
        return _members_page(request, s, form, [], status=400)
    c = form.cleaned_data
    try:
        services.add_member(request.user, s, c["staff_id"], role=c["role"], joined=c["joined"])
    except services.Refused as exc:
        return _members_page(request, s, form, _problem(exc), status=400)
    messages.success(request, gettext("Member added."))
    return redirect("workforce_studios:members", s.pk)


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    s, _reach = _host(request, pk)
    w = selectors.words(lang())
    year = _year(request, s)
    existing = s.plans.filter(year=year).first()
    initial: dict[str, Any] = {"year": year}
    if existing is not None:
        initial.update({"goals": existing.goals, "activities": existing.activities,
                        **{f"target_{k}": v for k, v in existing.targets.items()}})
    form = PlanForm(request.POST or None, initial=initial, words=w)
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.save_plan(request.user, s, year=c["year"], goals=c["goals"], activities=c["activities"],
                                   targets=form.targets())
            except services.Refused as exc:
                problems = _problem(exc)
            else:
                messages.success(request, gettext("Plan saved."))
                return redirect(f"{reverse('workforce_studios:studio', args=[s.pk])}?year={c['year']}")
        return render(request, "workforce_studios/plan.html", {"studio": s, "form": form, "year": year,
                                                               "problems": problems}, status=400)
    return render(request, "workforce_studios/plan.html", {"studio": s, "form": form, "year": year,
                                                           "problems": []})


def _people(request: HttpRequest, s: Studio) -> list[tuple[str, str]]:
    namer = selectors.Namer(request.user)
    out = [(s.host.staff_id, namer.label(s.host))]
    seen = {s.host.staff_id}
    for m in s.members.select_related("teacher").order_by("left", "joined", "id"):
        if m.teacher.staff_id not in seen:
            seen.add(m.teacher.staff_id)
            out.append((m.teacher.staff_id, namer.label(m.teacher)))
    return out


@login_required
def output_add(request: HttpRequest, pk: int) -> HttpResponse:
    s, _reach = _host(request, pk)
    w = selectors.words(lang())
    form = OutputForm(request.POST or None, request.FILES or None, words=w, people=_people(request, s),
                      initial={"day": timezone.localdate()})
    problems: list[dict[str, str]] = []
    if request.method == "POST":
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.record_output(request.user, s, kind=c["kind"], title=c["title"], day=c["day"],
                                       people=c["people"], upload=c["evidence"])
            except services.Refused as exc:
                problems = _problem(exc)
            else:
                messages.success(request, gettext("Output recorded: “%(title)s”.") % {"title": c["title"].strip()})
                return redirect(f"{reverse('workforce_studios:studio', args=[s.pk])}?year={c['day'].year}#outputs")
        return render(request, "workforce_studios/output.html", {"studio": s, "form": form, "problems": problems},
                      status=400)
    return render(request, "workforce_studios/output.html", {"studio": s, "form": form, "problems": []})


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    s, reach = studio_or_404(request.user, pk)
    if not reach.bureau:
        raise PermissionDenied("the bureau's step")
    day = timezone.localdate()
    year = _year(request, s)
    w = selectors.words(lang(), day)
    form = ReviewForm(request.POST or None, initial={"year": year}, words=w)
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.review_year(request.user, s, year=c["year"], rating=c["rating"], comment=c["comment"])
            except services.Refused as exc:
                problems = _problem(exc)
            else:
                messages.success(request, gettext("Review saved."))
                return redirect(f"{reverse('workforce_studios:studio', args=[s.pk])}?year={c['year']}#reviews")
    ctx = selectors.studio_page(request.user, s, lang(), year, day)
    return render(request, "workforce_studios/review.html", {
        "studio": s, "form": form, "problems": problems, "year": year, "progress": ctx["progress"],
        "met": ctx["met"], "plan": ctx["plan"], "reviews": ctx["reviews"],
        "years": [y for y in ctx["years"] if y <= day.year]}, status=status)


@login_required
@require_GET
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    output = Output.objects.select_related("evidence").filter(pk=pk).first()
    if output is None or output.evidence is None:
        raise Http404("evidence")
    studio_or_404(request.user, output.studio_id)
    item = output.evidence
    response = HttpResponse(bytes(item.content), content_type=item.content_type)
    ext = "pdf" if "pdf" in item.content_type else "jpg"
    response["Content-Disposition"] = f"inline; filename=studio-evidence-{output.pk}.{ext}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
