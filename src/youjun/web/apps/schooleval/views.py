"""Pages of the school evaluation: the district's tree, a school's evaluation for a year (self-
evaluation and review), the district's overview with its XLSX export, evidence downloads.
Scope by ``platform.scoping``: out of scope is 404, read-only is 403 to a write."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from youjun.core import schooleval as rules
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.schooleval import selectors, services


def _scope(request: HttpRequest) -> scoping.Scope:
    return scoping.scope_of(request.user)


def _year(year: str) -> str:
    if not rules.year_ok(year):
        raise Http404("school year")
    return year


def _problem(request: HttpRequest, exc: services.StepRefused) -> None:
    p, lang = exc.problem, lang_code()
    messages.error(request, f"{p['code']} {p['message'][lang]} {p['hint'][lang]}")


@login_required
def tree(request: HttpRequest, code: str) -> HttpResponse:
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    year = request.POST.get("year") or request.GET.get("year") or services.current_year()
    if not rules.year_ok(year):
        year = services.current_year()
    if request.method == "POST":
        scoping.require_district_admin(scope, d)
        op = request.POST.get("op", "")
        data: dict[str, Any] = {k: request.POST.get(k, "") for k in ("code", "indicator", "zh", "en", "evidence",
                                                                     "evidence_en")}
        data["evaluators"] = request.POST.getlist("evaluators")
        data["methods"] = request.POST.getlist("methods")
        if op == "weights":
            data["weights"] = {k[2:]: v for k, v in request.POST.items() if k.startswith("w_")}
        try:
            services.edit_tree(request.user, d, year, op, data)
            messages.success(request, _saved())
        except services.StepRefused as exc:
            _problem(request, exc)
        return redirect(f"{reverse('schooleval:tree', args=[d.code])}?year={year}")
    lang = lang_code()
    ctx = selectors.tree_page(d, year, lang)
    return render(request, "schooleval/tree.html", {
        "district": d, "year": year, "can_edit": scoping.can_manage_district(scope, d) and not ctx["in_use"],
        "can_manage": scoping.can_manage_district(scope, d), "words": selectors.words(lang),
        "sep": ", " if lang == "en" else "、", **ctx})


def _saved() -> str:
    from django.utils.translation import gettext as _

    return _("Saved.")


@login_required
def overview(request: HttpRequest, code: str, year: str) -> HttpResponse:
    d = scoping.district_or_404(_scope(request), code)
    year = _year(year)
    lang = lang_code()
    ctx = selectors.overview(d, year, lang, request.GET.get("sort", "code"))
    return render(request, "schooleval/overview.html", {
        "district": d, "year": year, "years": selectors.district_years(d, year), "words": selectors.words(lang),
        "unit": "" if lang == "en" else " 所", **ctx})


@login_required
def overview_xlsx(request: HttpRequest, code: str, year: str) -> HttpResponse:
    from django.utils.translation import gettext as _
    from openpyxl import Workbook

    d = scoping.district_or_404(_scope(request), code)
    year = _year(year)
    lang = lang_code()
    ctx = selectors.overview(d, year, lang, request.GET.get("sort", "code"))
    wb = Workbook()
    ws = wb.active
    ws.title = _("School evaluation")[:31]
    head = [_("School code"), _("School"), _("State"), _("Self-evaluation"), _("Bureau's judgement")]
    head += [a["name"] for a in ctx["areas"]]
    if ctx["weighted"]:
        head.append(_("Score (local weights)"))
    ws.append(head)
    for r in ctx["rows"]:
        row: list[Any] = [r["school"].code, r["school"].name, r["state_word"] or _("not started"),
                          r["self"]["word"], r["review"]["word"]]
        row += [a.get("word", "") for a in r["areas"]]
        if ctx["weighted"]:
            row.append(round(r["score"], 1) if r["score"] is not None else "")
        ws.append(row)
    for line in ws.iter_rows(min_row=1):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a name starting with "=" stays text, never a formula
                cell.number_format = "@"
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=\"school-eval-{d.code}-{year}.xlsx\""
    return response


def _school_url(school_code: str, year: str) -> str:
    return reverse("schooleval:school", args=[school_code, year])


@login_required
def school(request: HttpRequest, code: str, year: str) -> HttpResponse:
    scope = _scope(request)
    s = scoping.school_or_404(scope, code)
    year = _year(year)
    if request.method == "POST":
        scoping.require_school_submitter(scope, s)
        op = request.POST.get("op", "save")
        try:
            if op in ("save", "submit"):
                ev = services.start(request.user, s, year)
                entries = {c["code"]: (request.POST.get(f"level_{c['code']}", ""),
                                       request.POST.get(f"note_{c['code']}", ""))
                           for c in rules.considerations(ev.tree.tree) if f"level_{c['code']}" in request.POST}
                ev = services.save_self(request.user, ev, entries) if entries else ev
                if op == "submit":
                    services.submit(request.user, ev)
                messages.success(request, _saved())
            elif op == "upload":
                upload = request.FILES.get("file")
                if upload is None:
                    raise services.refuse("E1142", value="", detail=("没有选择文件", "no file chosen"))
                ev = services.start(request.user, s, year)
                services.add_evidence(request.user, ev, request.POST.get("code", ""), upload.name,
                                      upload.read(int(rules.scale()["evidence"]["max_bytes"]) + 1), upload.size)
                messages.success(request, _saved())
            elif op == "delete_file":
                ev0 = services.evaluation_of(s, year)
                if ev0 is not None:
                    services.delete_evidence(request.user, ev0, int(request.POST.get("pk") or 0))
            else:
                raise services.refuse("E1134", value=op, detail=("不是可用的操作", "is not a step"))
        except services.StepRefused as exc:
            _problem(request, exc)
        return redirect(_school_url(s.code, year))
    lang = lang_code()
    ctx = selectors.evaluation_page(s, year, lang)
    wf = rules.workflow()
    state = ctx["state"] or wf["initial"]
    can_fill = scoping.can_submit_for_school(scope, s) and rules.school_edits(wf, state)
    can_review = scoping.can_manage_district(scope, s.district) and rules.bureau_reviews(wf, state)
    return render(request, "schooleval/school.html", {
        "school": s, "district": s.district, "year": year, "words": selectors.words(lang),
        "can_fill": can_fill, "can_review": can_review, "sep": ", " if lang == "en" else "、",
        "sees_district": scoping.sees_district(scope, s.district),
        "evidence_limit": services.megabytes(int(rules.scale()["evidence"]["max_bytes"])), **ctx})


@login_required
@require_POST
def review(request: HttpRequest, code: str, year: str) -> HttpResponse:
    scope = _scope(request)
    s = scoping.school_or_404(scope, code)
    year = _year(year)
    if not scoping.can_manage_district(scope, s.district):
        raise PermissionDenied("review")
    op = request.POST.get("op", "save")
    try:
        ev = services.evaluation_of(s, year)
        if ev is None:
            raise services.refuse("E1137", detail=("学校尚未开始自评", "the school has not begun its self-evaluation"))
        entries = {c["code"]: (request.POST.get(f"rlevel_{c['code']}", ""), request.POST.get(f"rnote_{c['code']}", ""))
                   for c in rules.considerations(ev.tree.tree) if f"rlevel_{c['code']}" in request.POST}
        if entries or "comment" in request.POST:
            ev = services.save_review(request.user, ev, entries,
                                      request.POST.get("comment") if "comment" in request.POST else None)
        if op == "return":
            services.return_to_school(request.user, ev)
        elif op == "finalise":
            services.finalise(request.user, ev)
        messages.success(request, _saved())
    except services.StepRefused as exc:
        _problem(request, exc)
    return redirect(_school_url(s.code, year))


@login_required
def evidence(request: HttpRequest, code: str, year: str, pk: int) -> HttpResponse:
    s = scoping.school_or_404(_scope(request), code)
    ev = services.evaluation_of(s, _year(year))
    f = ev.evidence.filter(pk=pk).first() if ev is not None else None
    if f is None:
        raise Http404("evidence")
    response = HttpResponse(bytes(f.content), content_type=f.content_type or "application/octet-stream")
    ascii_name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in f.filename)
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(f.filename)}"
    response["Content-Length"] = str(f.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
