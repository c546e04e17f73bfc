"""Pages for data in: district overview, upload -> report -> preview -> confirm, school forms."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from youjun.core.schema import GRADE_ZH, TABLES_BY_KEY, grade_column
from youjun.web.apps.assessment import selectors as assessment_selectors
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.platform import extensions, scoping
from youjun.web.apps.platform.models import School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.schools import (
    downloads,
    intake,
    problem_labels,
    register,
    school_result,
    selectors,
    services,
)
from youjun.web.apps.schools.models import Submission, Upload
from youjun.web.errors import web_problem


def _scope(request: HttpRequest) -> scoping.Scope:
    return scoping.scope_of(request.user)


@login_required
def district(request: HttpRequest, code: str) -> HttpResponse:
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    years = selectors.current_snapshots(d)
    runs = assessment_selectors.latest_runs_by_year(d)
    assessment_services.reap_stale(d)  # recent runs: a dead worker's run shows as failed
    return render(request, "schools/district.html", {
        "district": d,
        "snapshots": [{"snapshot": s, "run": runs.get(s.school_year)} for s in years],
        "uploads": selectors.uploads(scope, d)[:10],
        "can_manage": scoping.can_manage_district(scope, d),
        "recent_runs": assessment_selectors.district_runs(d)[:10],
        "groups": selectors.education_groups(d),
        "register": (reg := _register(request, years)),
        "not_assessed": _not_assessed_note(years, reg),
        "panels": extensions.district_panels(request, d),
    })


def _not_assessed_note(years: list[Any], reg: dict[str, Any] | None) -> dict[str, Any] | None:
    """The register's 未评估: how many schools of the shown year the assessment left out, and why."""
    snap = next((s for s in years if reg and s.school_year == reg["year"]), None)
    result = register.latest_run_result(snap) if snap is not None else None
    if snap is None or not result:
        return None
    return school_result.not_assessed_summary(result, selectors.snapshot_tables(snap), lang_code())


REGISTER_COLUMNS = (gettext_lazy("Code"), gettext_lazy("School"), gettext_lazy("School type"),
                    gettext_lazy("Urban/rural"), gettext_lazy("Town"), gettext_lazy("Public/private"),
                    gettext_lazy("Education group"), gettext_lazy("Pupils"), gettext_lazy("Classes"),
                    gettext_lazy("Standing"))


def _platform_groups(district_id: int, rows: list[dict[str, Any]]) -> None:
    """The roster's group is the platform's current one (School.group, kept by the groups app's
    moves), not the workbook's column: one source for the roster, the school page and the groups."""
    current = dict(School.objects.filter(district_id=district_id)
                   .values_list("code", "group__name"))
    for r in rows:
        if r["code"] in current:
            r["group"] = current[r["code"]] or ""


def _names(names: list[str], lang: str, most: int = 5) -> dict[str, Any] | None:
    """A few names in words ("甲、乙等 7 所" is said by the template from ``count``)."""
    if not names:
        return None
    sep, more = ("、", "等") if lang == "zh" else (", ", ", …")
    return {"count": len(names), "names": sep.join(names[:most]) + (more if len(names) > most else "")}


def _register(request: HttpRequest, years: list[Any]) -> dict[str, Any] | None:
    """The school register of one year (the latest unless ?year=): search, filter, sort, page."""
    if not years:
        return None
    wanted = request.GET.get("year", "")
    snap = next((s for s in years if s.school_year == wanted), years[0])
    lang = lang_code()
    rows = register.school_rows(selectors.snapshot_tables(snap), register.latest_run_result(snap), lang)
    _platform_groups(snap.district_id, rows)
    query = register.Query.from_params(request.GET)
    found = register.apply(rows, query)
    page = register.page_of(found, query)
    year = {"year": snap.school_year} if snap is not years[0] else {}
    def link(k: str) -> str:
        return urlencode({**year, **query.params(sort=register.next_sort(k, query.sort, query.desc))})

    columns = [{"key": k, "label": label, "link": link(k)}
               for k, label in zip(register.SORTS, REGISTER_COLUMNS, strict=True)]
    return {"year": snap.school_year, "years": [s.school_year for s in years], "query": query,
            "options": register.options(rows, lang), "page": page, "total": len(rows), "found": len(found),
            "rows": register.with_page_flags(found, page),  # other pages' rows print only
            "columns": columns, "assessed": any(r["status"] != "unknown" for r in rows),
            # each cell's label on a phone, where the rows read as cards (walk 29: 达标情况 off the screen)
            "labels": {c["key"]: str(c["label"]) for c in columns},
            # the same sorts as the headers, in the form: on a phone the headers are hidden (walk 29)
            "sort_choices": [{"value": d + c["key"], "label": f"{c['label']} · {words}",
                              "selected": d + c["key"] == ("-" if query.desc else "") + query.sort}
                             for c in columns
                             for d, words in (("", gettext_lazy("ascending")), ("-", gettext_lazy("descending")))],
            "page_link": urlencode({**year, **query.params()}),
            "met": sum(1 for r in found if r["status"] == "met"),
            "not_met": sum(1 for r in found if r["status"] == "not_met"),
            # the schools the run left out, named beside the counts (walk 28: 23 + 3 of 28, the 2 unsaid)
            "unassessed": _names([r["name"] for r in found if r["status"] == "unknown"], lang)}


@login_required
def upload(request: HttpRequest, code: str) -> HttpResponse:
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    scoping.require_district_admin(scope, d)
    problem: dict[str, Any] | None = None
    status = 200
    if request.method == "POST":
        try:
            up = services.accept_upload_file(request.user, d, request.FILES.get("file"))
        except services.UploadRefused as exc:
            problem, status = _problem_row(exc.problem, lang_code()), exc.status
        else:
            return redirect("schools:upload_detail", code=d.code, pk=up.pk)
    return render(request, "schools/upload.html", {"district": d, "problem": problem,
                                                   "max_mb": settings.YOUJUN_MAX_UPLOAD_MB}, status=status)


@login_required
def upload_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    up = scoping.object_or_404(scope, Upload.objects.filter(district=d).defer("content"), pk=pk)
    report = up.report or {}  # bounded when stored (intake.build_report)
    lang = lang_code()
    problems = [_problem_row(p, lang) for p in report.get("problems", [])]
    return render(request, "schools/upload_detail.html", {
        "district": d, "upload": up, "report": report, "summary": report.get("summary", {}),
        "errors": [p for p in problems if p["severity"] == "error"],
        "warnings": [p for p in problems if p["severity"] == "warning"],
        "preview": up.preview, "can_manage": scoping.can_manage_district(scope, d),
    })


def _problem_row(p: dict[str, Any], lang: str) -> dict[str, Any]:
    loc = p.get("location") or {}
    sheet, column = problem_labels.place(loc.get("sheet", ""), loc.get("column", ""), p.get("rule", ""), lang)
    return {"code": p["code"], "severity": p["severity"], "sheet": sheet, "cell": loc.get("cell") or "",
            "row": loc.get("row"),
            "column": column, "value": p.get("value", ""),
            "message": (p.get("message") or {}).get(lang, ""), "hint": (p.get("hint") or {}).get(lang, ""),
            "rule": p.get("rule", "")}


@login_required
def upload_problems(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Every problem of an upload as CSV (the page shows the first of each code)."""
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    up = scoping.object_or_404(scope, Upload.objects.filter(district=d).only("id", "district_id", "filename"), pk=pk)
    response = StreamingHttpResponse(intake.read_problem_list(up.pk), content_type="text/csv; charset=utf-8")
    name = f"upload-{up.pk}-problems.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def upload_problems_xlsx(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The error workbook: every problem with its sheet, row, column and fix (no uploaded cells)."""
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    up = scoping.object_or_404(scope, Upload.objects.filter(district=d).defer("content"), pk=pk)
    return _xlsx(downloads.error_workbook(up, lang_code()), f"upload-{up.pk}-problems.xlsx")


def _template() -> HttpResponse:
    return _xlsx(downloads.template_bytes(), "youjun-template.xlsx")


def _example() -> HttpResponse:
    return _xlsx(downloads.example_bytes(), "youjun-example.xlsx")


@login_required
def template_download(request: HttpRequest, code: str) -> HttpResponse:
    """The empty data template (下载填报模板)."""
    scoping.district_or_404(_scope(request), code)
    return _template()


@login_required
def example_download(request: HttpRequest, code: str) -> HttpResponse:
    """A filled example workbook of a small fictional district (it validates)."""
    scoping.district_or_404(_scope(request), code)
    return _example()


@login_required
def school_template_download(request: HttpRequest, code: str) -> HttpResponse:
    """The empty data template, for whoever sees the school (a school officer too)."""
    scoping.school_or_404(_scope(request), code)
    return _template()


@login_required
def school_example_download(request: HttpRequest, code: str) -> HttpResponse:
    """The filled example (a fictional district), for whoever sees the school."""
    scoping.school_or_404(_scope(request), code)
    return _example()


@login_required
@require_POST
def upload_confirm(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    scoping.require_district_admin(scope, d)
    up = scoping.object_or_404(scope, Upload.objects.filter(district=d), pk=pk)
    try:
        snap = services.confirm_upload(request.user, up)
    except services.UploadContentError as exc:
        for p in exc.problems[:5]:
            messages.error(request, f"{p['code']} {p['message'][lang_code()]} {p['hint'][lang_code()]}")
        return redirect("schools:upload_detail", code=d.code, pk=up.pk)
    except ValueError:
        messages.error(request, _("This upload can no longer be confirmed."))
        return redirect("schools:upload_detail", code=d.code, pk=up.pk)
    messages.success(request, _("Stored as the snapshot of school year %(year)s.") % {"year": snap.school_year})
    return redirect("schools:district", code=d.code)


@login_required
@require_POST
def upload_discard(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    scoping.require_district_admin(scope, d)
    up = scoping.object_or_404(scope, Upload.objects.filter(district=d), pk=pk)
    if up.status in (Upload.Status.VALID, Upload.Status.INVALID):
        services.discard_upload(request.user, up)
    return redirect("schools:district", code=d.code)


@login_required
def submissions(request: HttpRequest, code: str) -> HttpResponse:
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    years = selectors.school_years(d)
    year = request.GET.get("year") or (years[0] if years else "")
    if request.method == "POST":
        scoping.require_district_admin(scope, d)
        year = request.POST.get("year", year)
        try:
            snap = services.apply_submissions(request.user, d, year)
        except services.SubmissionError as exc:
            messages.error(request, exc.problem["message"][lang_code()])
        else:
            if snap is None:
                messages.info(request, _("No approved figures are waiting to be merged."))
            else:
                messages.success(request, _("Approved figures stored as a new snapshot of %(year)s.")
                                 % {"year": year})
        return redirect(f"{request.path}?year={year}")
    rows = selectors.submission_status(d, year) if year else []
    counts: dict[str, int] = {}
    for r in rows:
        key = r["submission"].status if r["submission"] else "none"
        counts[key] = counts.get(key, 0) + 1
    return render(request, "schools/submissions.html", {
        "district": d, "years": years, "year": year, "rows": rows, "counts": counts,
        "towns": selectors.completeness_by_town(rows),
        "can_manage": scoping.can_manage_district(scope, d),
    })


@login_required
def submission_review(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One school's submission: its changes field by field; approve, or return with a comment."""
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    sub = selectors.submission_or_404(d, pk)
    lang = lang_code()
    problem = None
    if request.method == "POST":
        scoping.require_district_admin(scope, d)
        decision = request.POST.get("decision", "")
        try:
            if decision not in ("approve", "return"):  # no decision sent: the same problem as an empty return
                raise services.SubmissionError(web_problem("E851", value=sub.school.code, rule="submission.review"))
            services.review_submission(request.user, sub, approve=decision == "approve",
                                       comment=request.POST.get("comment", ""))
        except services.SubmissionError as exc:
            problem = _problem_row(exc.problem, lang)
        else:
            messages.success(request, _("Submission approved.") if decision == "approve"
                             else _("Submission returned to the school."))
            return redirect(f"{reverse('schools:submissions', args=[d.code])}?year={sub.school_year}")
    try:
        changes = services.submission_changes(sub)
    except services.SubmissionError as exc:
        changes, problem = None, problem or _problem_row(exc.problem, lang)
    return render(request, "schools/submission_review.html", {
        "district": d, "sub": sub, "changes": None if changes is None else [c for c in [changes] if c["fields"]],
        "problem": problem,
        "problems": [_problem_row(p, lang) for p in sub.problems],
        "can_review": scoping.can_manage_district(scope, d) and sub.status == Submission.Status.SUBMITTED,
    }, status=400 if problem and request.method == "POST" else 200)


@login_required
def school(request: HttpRequest, code: str) -> HttpResponse:
    scope = _scope(request)
    s = scoping.school_or_404(scope, code)
    years = selectors.school_years(s.district)
    subs = {x.school_year: x for x in s.submissions.all()}
    sources = selectors.data_sources(s, years)
    return render(request, "schools/school.html", {
        "school": s, "district": s.district,
        "years": [{"year": y, "submission": subs.get(y), "source": sources.get(y)} for y in years],
        "results": assessment_selectors.school_results(s),
        "standing": selectors.school_standing(s, lang_code()),
        "can_submit": scoping.can_submit_for_school(scope, s),
        "sees_district": scoping.sees_district(scope, s.district),
        "panels": extensions.school_panels(request, s),
    })


@login_required
def school_form(request: HttpRequest, code: str, year: str) -> HttpResponse:
    scope = _scope(request)
    s = scoping.school_or_404(scope, code)
    snap = selectors.current_snapshot(s.district, year)
    if snap is None:
        raise Http404("year")
    lang = lang_code()
    if not selectors.school_in_snapshot(snap, s.code):  # the form would have no row to edit
        problem = _problem_row(services.absent_problem(s, year), lang)
        return render(request, "schools/school_form.html", {
            "school": s, "district": s.district, "year": year, "sections": [], "problems": [problem],
            "can_submit": False,
        }, status=404)
    if request.method == "POST":
        scoping.require_school_submitter(scope, s)
        if request.POST.get("discard_draft"):  # start again from the stored figures
            if services.discard_draft(request.user, s, year):
                messages.success(request, _("Draft discarded; the form shows the stored figures again."))
            return redirect("schools:school_form", code=s.code, year=year)
        figures = _figures_from_post(request, s.school_type)
        submit = not request.POST.get("save_draft")  # 保存草稿: checked and kept, not submitted
        try:
            sub = services.save_submission(request.user, s, year, figures, submit=submit)
        except services.SubmissionError as exc:  # the year changed under the form
            messages.error(request, exc.problem["message"][lang])
            return redirect("schools:school", code=s.code)
        if sub.status == sub.Status.SUBMITTED:
            messages.success(request, _("Figures checked and submitted to the bureau."))
            return redirect("schools:school", code=s.code)
        if not submit and not sub.problems:
            messages.success(request, _("Draft saved: the figures are valid and kept for the school, "
                                        "not yet submitted."))
            return redirect("schools:school_form", code=s.code, year=year)
        figures, problems = sub.figures, sub.problems
    else:
        existing = selectors.submission(s, year)
        if existing is not None and existing.status != existing.Status.APPLIED:
            figures, problems = existing.figures, existing.problems
        else:
            figures = services.figures_from_tables(selectors.snapshot_tables(snap), s.code)
            problems = []
    return render(request, "schools/school_form.html", {
        "school": s, "district": s.district, "year": year,
        "sections": _form_sections(s.school_type, figures, problems, lang),
        "problems": [_problem_row(p, lang) | {"field": p.get("field", "")} for p in problems],
        "can_submit": scoping.can_submit_for_school(scope, s),
        "returned": _returned(s, year),
        "has_draft": Submission.objects.filter(school=s, school_year=year, status=Submission.Status.DRAFT).exists(),
    }, status=200)


def _returned(school: Any, year: str) -> Submission | None:
    """The submission the bureau returned, so the school sees why (until it submits again)."""
    sub = selectors.submission(school, year)
    return sub if sub is not None and sub.status == Submission.Status.RETURNED else None


def _figures_from_post(request: HttpRequest, school_type: str) -> dict[str, Any]:
    post = request.POST
    grades = services.editable_grades(school_type)
    return {
        "schools": {**{grade_column(g): post.get(f"schools.{grade_column(g)}", "") for g in grades},
                    **{k: post.get(f"schools.{k}", "") for k in services.SCHOOL_FIELDS}},
        "classes": {str(g): post.get(f"classes.{g}", "") for g in grades},
        "facilities": {k: post.get(f"facilities.{k}", "") for k in services.FACILITY_FIELDS},
        "school_finance": {k: post.get(f"school_finance.{k}", "") for k in services.FINANCE_FIELDS},
    }


def _form_sections(school_type: str, figures: dict[str, Any], problems: list[dict[str, Any]],
                   lang: str) -> list[dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    for p in problems:
        errors.setdefault(p.get("field", ""), []).append((p.get("message") or {}).get(lang, ""))
    schools_t, fac_t, fin_t = (TABLES_BY_KEY[k] for k in ("schools", "facilities", "school_finance"))

    def field(table: str, key: str, label: str, unit: str, value: Any) -> dict[str, Any]:
        name = f"{table}.{key}"
        return {"name": name, "label": label, "unit": unit, "value": value or "", "errors": errors.get(name, [])}

    def fl(t: Any, key: str) -> tuple[str, str]:
        f = t.field(key)
        return (f.zh if lang == "zh" else f.en), (f.unit_zh if lang == "zh" else f.unit_en)

    grades = services.editable_grades(school_type)
    enrol = []
    for g in grades:
        label, unit = fl(schools_t, grade_column(g))
        enrol.append(field("schools", grade_column(g), label, unit, figures["schools"].get(grade_column(g))))
        enrol.append(field("classes", str(g),
                           (f"{GRADE_ZH[g]}各班人数（逗号分隔）" if lang == "zh"
                            else f"Grade {g}: pupils in each class (comma-separated)"),
                           "", figures["classes"].get(str(g))))
    label, unit = fl(schools_t, "post_quota")
    enrol.append(field("schools", "post_quota", label, unit, figures["schools"].get("post_quota")))
    facilities = [field("facilities", k, *fl(fac_t, k), figures["facilities"].get(k))
                  for k in services.FACILITY_FIELDS]
    finance = [field("school_finance", k, *fl(fin_t, k), figures["school_finance"].get(k))
               for k in services.FINANCE_FIELDS]
    return [
        {"title": _("Pupils and classes"), "fields": enrol},
        {"title": fac_t.zh if lang == "zh" else fac_t.en, "fields": facilities},
        {"title": fin_t.zh if lang == "zh" else fin_t.en, "fields": finance},
    ]
