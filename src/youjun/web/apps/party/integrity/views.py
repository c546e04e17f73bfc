"""Pages of clean schools and teacher ethics: the district's clean-school page (campaign
progress, counts, lists), the activities list and counts (XLSX), a campaign, an activity, a
school's clean-school page, the teacher-ethics publicity, the ethics cases (handlers only; the
bureau sees counts) and the bureau's grants page. Out of reach is 404, seen but not allowed 403."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from youjun.core import party_integrity as rules
from youjun.web.apps.party.integrity import forms, selectors, services
from youjun.web.apps.party.integrity.models import (
    Activity,
    ActivityFile,
    Campaign,
    CaseHandler,
    KeyPoint,
    PublicityIssue,
    Stage,
)
from youjun.web.apps.platform import audit, reach
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.downloads import xlsx_attachment
from youjun.web.errors import Refused
from youjun.web.errors import shown_problem as shown

GET_POST = ["GET", "HEAD", "POST"]
PEOPLE_WORDS = {"pupils": _lazy("Pupils (person-times)"), "teachers": _lazy("Teachers (person-times)"),
                "parents": _lazy("Parents (person-times)")}


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """/party/integrity/: the officer's school page, the reader's district page, a granted
    handler's cases, or a list of them all."""
    places = reach.landing(request.user)
    handled = selectors.handled_districts(request.user)
    only = places.only()
    if only is not None and not handled:
        return redirect(f"party_integrity:{only[0]}", only[1])
    if len(handled) == 1 and not places.schools and not places.districts:
        return redirect("party_integrity:cases", handled[0].code)
    return render(request, "party_integrity/index.html", {
        "schools": places.schools, "districts": places.districts, "handled": handled})


def _problems(exc: Refused) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown(p, lang) for p in exc.problems]


def _words(name: str, key: str) -> dict[str, str]:
    i = 0 if lang_code() == "zh" else 1
    return {k: v[i] for k, v in rules.words(name, key, timezone.localdate()).items()}


def _labels() -> dict[str, dict[str, str]]:
    return {"kind": _words("activity-types", "types"), "layer": _words("layers", "layers")}


def _district(request: HttpRequest, code: str) -> tuple[District, reach.Reach]:
    d = reach.district_or_404(request.user, code)
    return d, reach.district_reach(request.user, d)


def who_took_part(a: Activity, lang: str) -> str:
    """The kinds ticked, each with its count where recorded: “学生 100、教师 15、家长”."""
    words = []
    for k in services.PART_ORDER:
        if not getattr(a, f"with_{k}"):
            continue
        w = rules.PARTICIPANT_KINDS[k][0 if lang == "zh" else 1]
        n = getattr(a, k)
        words.append(w if n is None else f"{w} {n:,}")
    return "、".join(words) if lang == "zh" else ", ".join(words)


def _rows(items: Any) -> list[dict[str, Any]]:
    labels = _labels()
    lang = lang_code()
    return [{"a": a, "kind": labels["kind"].get(a.kind, a.kind), "layer": labels["layer"].get(a.layer, a.layer),
             "who": who_took_part(a, lang)} for a in items]


def _record_activity(request: HttpRequest, district: District, form: forms.ActivityForm) -> Activity:
    cd = form.cleaned_data
    return services.record_activity(
        request.user, district, school=cd["school"], kind=cd["kind"], layer=cd["layer"], held_on=cd["held_on"],
        title=cd["title"], participants=cd["participants"], kinds=cd["kinds"], description=cd["description"],
        stage=cd["stage"], key_point=cd["key_point"], uploads=cd["files"],
        parts={k: cd.get(f"n_{k}") for k in services.PART_ORDER})


# --- the district's clean-school page ---------------------------------------------------------

def _district_page(request: HttpRequest, d: District, r: reach.Reach, *, status: int = 200,
                   form: Any = None, problems: list[dict[str, Any]] | None = None) -> HttpResponse:
    today = timezone.localdate()
    camps = selectors.campaigns(d)
    progress = selectors.campaign_progress(camps[0]) if camps else None
    this_year = selectors.activities(d, selectors.Filters(year_from=today.year, year_to=today.year)).count()
    all_acts = Activity.objects.filter(district=d)
    by_layer = selectors.counts(d, selectors.Filters(), "layer")["totals"]
    labels = _labels()
    return render(request, "party_integrity/district.html", {
        "district": d, "reach": r, "progress": progress, "campaigns": camps, "today": today,
        "n_activities": all_acts.count(), "n_this_year": this_year,
        "n_schools": all_acts.exclude(school__isnull=True).values("school").distinct().count(),
        "layers": [(k, v, by_layer.get(k, 0)) for k, v in labels["layer"].items()],
        "n_publicity": PublicityIssue.objects.filter(district=d).count(),
        "recent": _rows(selectors.activities(d, selectors.Filters())[:10]),
        "layers_ref": rules.reference("layers")["reference"],
        "form": form or forms.ActivityForm(d, lang_code()), "problems": problems or [],
    }, status=status)


@login_required
@require_http_methods(GET_POST)
def district(request: HttpRequest, code: str) -> HttpResponse:
    d, r = _district(request, code)
    if request.method != "POST":
        return _district_page(request, d, r)
    reach.require(r.bureau)
    form = forms.ActivityForm(d, lang_code(), request.POST, request.FILES)
    if not form.is_valid():
        return _district_page(request, d, r, status=400, form=form)
    try:
        a = _record_activity(request, d, form)
    except Refused as exc:
        return _district_page(request, d, r, status=400, form=form, problems=_problems(exc))
    messages.success(request, _("The activity was recorded."))
    return redirect("party_integrity:activity", a.pk)


# --- lists -------------------------------------------------------------------------------------

def _filter_context(d: District) -> dict[str, Any]:
    labels = _labels()
    camps = Campaign.objects.filter(district=d)
    return {"kinds": labels["kind"].items(), "layers_all": labels["layer"].items(),
            "schools": School.objects.filter(district=d).order_by("code"),
            "stages": Stage.objects.filter(campaign__in=camps).order_by("campaign_id", "order"),
            "key_points": KeyPoint.objects.filter(campaign__in=camps).order_by("campaign_id", "order")}


@login_required
@require_GET
def activity_list(request: HttpRequest, code: str) -> HttpResponse:
    d, r = _district(request, code)
    f = selectors.filters_from(request.GET)
    qs = selectors.activities(d, f)
    page = Paginator(qs, selectors.PAGE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(request, "party_integrity/activities.html", {
        "district": d, "reach": r, "f": f, "page": page, "rows": _rows(page.object_list), "n": page.paginator.count,
        "query": urlencode(query), **_filter_context(d)})


@login_required
@require_GET
def activity_export(request: HttpRequest, code: str) -> HttpResponse:
    from openpyxl import Workbook

    d, _r = _district(request, code)
    qs = selectors.activities(d, selectors.filters_from(request.GET))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("清廉学校活动")
    ws.append(["日期", "学校标识码", "学校", "活动名称", "类型", "层级", "参与人数", "参与人员",
               *[f"{rules.PARTICIPANT_KINDS[k][0]}人数" for k in services.PART_ORDER], "活动方案环节", "重点",
               "佐证材料数"])
    kinds, layers = (dict(rules.choices(n, k, timezone.localdate(), "zh"))
                     for n, k in (("activity-types", "types"), ("layers", "layers")))
    for a in qs.prefetch_related("files"):
        who = "、".join(rules.PARTICIPANT_KINDS[k][0] for k in services.PART_ORDER if getattr(a, f"with_{k}"))
        ws.append([a.held_on, a.school.code if a.school else "", a.school.name if a.school else "全区",
                   a.title, kinds.get(a.kind, a.kind), layers.get(a.layer, a.layer), a.participants, who,
                   *[getattr(a, k) for k in services.PART_ORDER],
                   a.stage.name if a.stage else "", a.key_point.name if a.key_point else "", len(a.files.all())])
    out = io.BytesIO()
    wb.save(out)
    return xlsx_attachment(out.getvalue(), f"clean-school-activities-{d.code}.xlsx")


def _counts_context(request: HttpRequest, d: District) -> dict[str, Any]:
    f = selectors.filters_from(request.GET)
    by = "layer" if request.GET.get("by") == "layer" else "kind"
    found = selectors.counts(d, f, by)
    columns = list(_labels()[by].items())
    base = reverse("party_integrity:activities", args=[d.code])
    rows = []
    for row in found["rows"]:
        school = row["school"].code if row["school"] else "district"
        q = {"school": school, "year": row["year"]}
        cells = [(row["counts"].get(k, 0), f"{base}?{urlencode({**q, by: k})}") for k, _w in columns]
        rows.append({**row, "cells": cells, "people_cells": _people_cells(row["people"]),
                     "url": f"{base}?{urlencode(q)}"})
    years = {"from": f.year_from or "", "to": f.year_to or ""}
    total_q = {k: v for k, v in years.items() if v}
    totals = [(found["totals"].get(k, 0), f"{base}?{urlencode({**total_q, by: k})}") for k, _w in columns]
    return {"district": d, "by": by, "columns": columns, "rows": rows, "totals": totals, "total": found["total"],
            "f": f, "total_url": f"{base}?{urlencode(total_q)}", "query": urlencode({**total_q, "by": by}),
            "people_columns": [(k, PEOPLE_WORDS[k]) for k in selectors.PEOPLE], "people": found["people"],
            "people_cells": _people_cells(found["people"])}


def _people_cells(p: dict[str, int | None]) -> list[int | None]:
    return [p[k] for k in selectors.PEOPLE]


@login_required
@require_GET
def counts(request: HttpRequest, code: str) -> HttpResponse:
    d, _r = _district(request, code)
    return render(request, "party_integrity/counts.html", _counts_context(request, d))


@login_required
@require_GET
def counts_export(request: HttpRequest, code: str) -> HttpResponse:
    from openpyxl import Workbook

    d, _r = _district(request, code)
    ctx = _counts_context(request, d)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("按学校和年度" + ("按层级" if ctx["by"] == "layer" else "按类型"))
    zh = dict(rules.choices("layers" if ctx["by"] == "layer" else "activity-types",
                            "layers" if ctx["by"] == "layer" else "types", timezone.localdate(), "zh"))
    people_heads = [f"{rules.PARTICIPANT_KINDS[k][0]}（人次）" for k in selectors.PEOPLE]
    ws.append(["学校标识码", "学校", "年度", *[zh[k] for k, _w in ctx["columns"]], "合计", *people_heads, "参与人次"])
    for row in ctx["rows"]:
        s = row["school"]
        ws.append([s.code if s else "", s.name if s else "全区", row["year"], *[n for n, _u in row["cells"]],
                   row["total"], *_people_cells(row["people"]), row["people"]["all"]])
    ws.append(["", "合计", "", *[n for n, _u in ctx["totals"]], ctx["total"], *_people_cells(ctx["people"]),
               ctx["people"]["all"]])
    out = io.BytesIO()
    wb.save(out)
    return xlsx_attachment(out.getvalue(), f"clean-school-counts-{d.code}.xlsx")


# --- campaigns ---------------------------------------------------------------------------------

@login_required
@require_http_methods(GET_POST)
def campaign_new(request: HttpRequest, code: str) -> HttpResponse:
    d, r = _district(request, code)
    reach.require(r.bureau)
    problems: list[dict[str, Any]] = []
    form = forms.CampaignForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            cd = form.cleaned_data
            try:
                c = services.create_campaign(request.user, d, name=cd["name"], start=cd["start"], end=cd["end"],
                                             stages=cd["stages"].splitlines(), key_points=cd["key_points"].splitlines())
            except Refused as exc:
                problems = _problems(exc)
            else:
                return redirect("party_integrity:campaign", c.pk)
        status = 400
    return render(request, "party_integrity/campaign_new.html", {
        "district": d, "form": form, "problems": problems, "ref": rules.reference("campaign-defaults")}, status=status)


@login_required
@require_http_methods(GET_POST)
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    c = Campaign.objects.select_related("district").filter(pk=pk).first()
    if c is None or not reach.district_reach(request.user, c.district).sees:
        raise Http404("campaign")
    r = reach.district_reach(request.user, c.district)
    form = forms.StageForm(c, request.POST or None)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(r.bureau)
        if form.is_valid():
            try:
                services.set_stage_dates(request.user, form.cleaned_data["stage"], start=form.cleaned_data["start"],
                                         end=form.cleaned_data["end"])
            except Refused as exc:
                problems = _problems(exc)
            else:
                return redirect("party_integrity:campaign", c.pk)
        status = 400
    return render(request, "party_integrity/campaign.html", {
        "campaign": c, "district": c.district, "reach": r, "p": selectors.campaign_progress(c), "form": form,
        "problems": problems, "list_url": reverse("party_integrity:activities", args=[c.district.code])},
        status=status)


# --- a school's page and one activity -----------------------------------------------------------

@login_required
@require_http_methods(GET_POST)
def school(request: HttpRequest, code: str) -> HttpResponse:
    s = reach.school_or_404(request.user, code)
    r = reach.school_reach(request.user, s)
    form = forms.ActivityForm(s.district, lang_code(), request.POST or None, request.FILES or None, school=s)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(r.manages)
        if form.is_valid():
            try:
                a = _record_activity(request, s.district, form)
            except Refused as exc:
                problems = _problems(exc)
            else:
                messages.success(request, _("The activity was recorded."))
                return redirect("party_integrity:activity", a.pk)
        status = 400
    qs = Activity.objects.filter(school=s).select_related("stage", "key_point").order_by("-held_on", "-id")
    page = Paginator(qs, selectors.PAGE).get_page(request.GET.get("page"))
    return render(request, "party_integrity/school.html", {
        "school": s, "district": s.district, "reach": r, "district_reads": reach.district_reach(request.user,
                                                                                                s.district).sees,
        "page": page, "rows": _rows(page.object_list), "n": page.paginator.count, "form": form,
        "problems": problems}, status=status)


@login_required
@require_http_methods(GET_POST)
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    a = Activity.objects.select_related("district", "school__district", "stage", "key_point").filter(pk=pk).first()
    if a is None:
        raise Http404("activity")
    r = selectors.activity_reach(request.user, a)
    if not r.sees:
        raise Http404("activity")
    form = forms.FileForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(r.manages)
        if form.is_valid():
            try:
                services.add_activity_file(request.user, a, form.cleaned_data["file"])
            except Refused as exc:
                problems = _problems(exc)
            else:
                return redirect("party_integrity:activity", a.pk)
        status = 400
    return render(request, "party_integrity/activity.html", {
        "row": _rows([a])[0], "a": a, "district": a.district, "reach": r, "files": a.files.defer("content"),
        "district_reads": reach.district_reach(request.user, a.district).sees, "form": form, "problems": problems},
        status=status)


def _file_response(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    ext = "pdf" if "pdf" in content_type else "jpg"
    response["Content-Disposition"] = f"inline; filename={name}.{ext}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def activity_file(request: HttpRequest, pk: int) -> HttpResponse:
    f = ActivityFile.objects.select_related("activity__school__district", "activity__district").filter(pk=pk).first()
    if f is None or not selectors.activity_reach(request.user, f.activity).sees:
        raise Http404("file")
    return _file_response(bytes(f.content), f.content_type, f"clean-school-evidence-{f.pk}")


# --- teacher-ethics publicity ---------------------------------------------------------------------

@login_required
@require_http_methods(GET_POST)
def publicity(request: HttpRequest, code: str) -> HttpResponse:
    d, r = _district(request, code)
    form = forms.PublicityForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(r.bureau)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                services.add_publicity(request.user, d, number=cd["number"], published_on=cd["published_on"],
                                       title=cd["title"], channel=cd["channel"], link=cd["link"], upload=cd["file"])
            except Refused as exc:
                problems = _problems(exc)
            else:
                return redirect("party_integrity:publicity", d.code)
        status = 400
    f = selectors.filters_from(request.GET)
    qs = selectors.publicity(d, f.year_from, f.year_to)
    page = Paginator(qs, selectors.PAGE).get_page(request.GET.get("page"))
    if request.method != "POST" and not form.is_bound:
        last = PublicityIssue.objects.filter(district=d).order_by("-number").first()
        form.initial["number"] = (last.number + 1) if last else 1
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(request, "party_integrity/publicity.html", {
        "district": d, "reach": r, "page": page, "n": page.paginator.count, "f": f, "form": form,
        "problems": problems, "query": urlencode(query)}, status=status)


@login_required
@require_GET
def publicity_file(request: HttpRequest, pk: int) -> HttpResponse:
    issue = PublicityIssue.objects.select_related("district").filter(pk=pk).first()
    if issue is None or not reach.district_reach(request.user, issue.district).sees or not issue.file_content:
        raise Http404("file")
    return _file_response(bytes(issue.file_content), issue.file_type, f"ethics-publicity-{issue.number}")


# --- the handlers (the bureau) -------------------------------------------------------------------

@login_required
@require_http_methods(GET_POST)
def handlers(request: HttpRequest, code: str) -> HttpResponse:
    d, r = _district(request, code)
    reach.require(r.bureau)
    form = forms.GrantForm(request.POST or None)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            cd = form.cleaned_data
            try:
                services.grant_handler(request.user, d, username=cd["username"], start=cd["start"], end=cd["end"])
            except Refused as exc:
                problems = _problems(exc)
            else:
                return redirect("party_integrity:handlers", d.code)
        status = 400
    today = timezone.localdate()
    grants = CaseHandler.objects.filter(district=d).select_related("user", "granted_by", "revoked_by")
    active = set(selectors.active_grants(d, today).values_list("pk", flat=True))
    return render(request, "party_integrity/handlers.html", {
        "district": d, "grants": [(g, g.pk in active) for g in grants], "form": form, "problems": problems,
        "counts": selectors.case_counts(d), "statuses": _words("case-handling", "statuses")}, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    g = CaseHandler.objects.select_related("district__province").filter(pk=pk).first()
    if g is None or not reach.district_reach(request.user, g.district).sees:
        raise Http404("grant")
    reach.require(reach.district_reach(request.user, g.district).bureau)
    services.revoke_handler(request.user, g)
    return redirect("party_integrity:handlers", g.district.code)


# --- ethics cases (handlers; the bureau and the administrator see counts only) --------------------

@login_required
@require_http_methods(GET_POST)
def cases(request: HttpRequest, code: str) -> HttpResponse:
    d = District.objects.filter(code=code).first()
    if d is None:
        raise Http404("district")
    contents, count_only = selectors.cases_reach(request.user, d)
    if not count_only:
        raise Http404("district")
    lang = lang_code()
    form = forms.CaseForm(lang, request.POST or None)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(contents)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                c = services.open_case(request.user, d, staff_id=cd["staff_id"], received_on=cd["received_on"],
                                       source=cd["source"], summary=cd["summary"])
            except Refused as exc:
                problems = _problems(exc)
            else:
                return redirect("party_integrity:case", c.pk)
        status = 400
    ctx: dict[str, Any] = {"district": d, "contents": contents, "counts": selectors.case_counts(d),
                           "statuses": _words("case-handling", "statuses"), "form": form, "problems": problems,
                           "bureau": reach.district_reach(request.user, d).bureau}
    if contents:
        qs = selectors.EthicsCase.objects.filter(district=d).select_related("teacher__school")
        page = Paginator(qs, selectors.PAGE).get_page(request.GET.get("page"))
        ctx.update({"page": page, "sources": _words("case-handling", "sources")})
    return render(request, "party_integrity/cases.html", ctx, status=status)


@login_required
@require_http_methods(GET_POST)
def case(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.case_or_404(request.user, pk)
    lang = lang_code()
    form = forms.StepForm(lang, request.POST or None)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            cd = form.cleaned_data
            try:
                services.add_step(request.user, c, step=cd["step"], on=cd["on"], note=cd["note"],
                                  decision=cd["decision"], sanction=cd["sanction"])
            except Refused as exc:
                problems = _problems(exc)
            else:
                return redirect("party_integrity:case", c.pk)
        status = 400
    services.record_read(request.user, c, audit.client_ip(request))  # every open of the page, who and when
    done = list(c.steps.values_list("step", flat=True))
    steps = _words("case-handling", "steps")
    return render(request, "party_integrity/case.html", {
        "case": c, "district": c.district, "teacher": c.teacher, "form": form, "problems": problems,
        "steps": [(s, steps.get(s.step, s.step)) for s in c.steps.select_related("by")],
        "next": [steps[s] for s in rules.next_steps(done, timezone.localdate())],
        "status": _words("case-handling", "statuses").get(c.status, c.status),
        "source": _words("case-handling", "sources").get(c.source, c.source),
        "sanction": _words("case-handling", "sanctions").get(c.sanction, "") if c.sanction else "",
        "reads": c.reads.select_related("user")[:20]}, status=status)
