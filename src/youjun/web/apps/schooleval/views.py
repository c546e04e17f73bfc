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
from django.utils.html import format_html
from django.utils.translation import gettext as _
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
    """The refusal in words first (what is wrong, what to do), its catalogue code small after."""
    p, lang = exc.problem, lang_code()
    messages.error(request, format_html('{} {} <small class="muted se-code">{}</small>', p["message"][lang],
                                        p["hint"][lang], p["code"]))


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
        typed: dict[str, str] | None = None
        if op == "weights":
            data["weights"] = typed = {k[2:]: v for k, v in request.POST.items() if k.startswith("w_")}
        try:
            services.edit_tree(request.user, d, year, op, data)
            messages.success(request, _saved())
        except services.StepRefused as exc:
            _problem(request, exc)
            if typed is not None:  # the weights as typed stay in their boxes, to correct
                return _tree_page(request, scope, d, year, typed)
        return redirect(f"{reverse('schooleval:tree', args=[d.code])}?year={year}")
    return _tree_page(request, scope, d, year, None)


def _tree_page(request: HttpRequest, scope: scoping.Scope, d: Any, year: str,
               typed: dict[str, str] | None) -> HttpResponse:
    lang = lang_code()
    ctx = selectors.tree_page(d, year, lang)
    past = services.year_past(year)
    can_manage = scoping.can_manage_district(scope, d)
    locked = bool(ctx["in_use"]) or past
    weights = typed if typed is not None else selectors.weight_values(ctx["tree"])
    return render(request, "schooleval/tree.html", {
        "district": d, "year": year, "can_edit": can_manage and not locked, "past": past,
        "can_manage": can_manage, "words": selectors.words(lang), "weights": weights,
        "weights_open": typed is not None, "next_year": rules.next_year(year) if locked else "",
        "sep": ", " if lang == "en" else "、", **ctx})


def _saved() -> str:
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
    from openpyxl import Workbook

    d = scoping.district_or_404(_scope(request), code)
    year = _year(year)
    lang = lang_code()
    ctx = selectors.overview(d, year, lang, request.GET.get("sort", "code"))
    wb = Workbook()
    ws = wb.active
    ws.title = _("School evaluation")[:31]
    head = [_("School code"), _("School"), _("State"), _("Self-evaluation"), _("Bureau's judgement"),
            _("Focus areas: whose judgement")]
    head += [a["name"] for a in ctx["areas"]]
    if ctx["weighted"]:
        head.append(_("Score (local weights)"))
    ws.append(head)
    for r in ctx["rows"]:
        row: list[Any] = [r["school"].code, r["school"].name, r["state_word"] or _("not started"),
                          r["self"]["word"], r["review"]["word"], r["source_word"]]
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
    response["Content-Disposition"] = _attachment(f"{d.code}-{year}-{_('school evaluation')}.xlsx")
    return response


def _attachment(name: str) -> str:
    """A download's Content-Disposition: the name in words (RFC 5987) and an ASCII fallback."""
    ascii_name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _school_url(school_code: str, year: str, confirm: str = "") -> str:
    url = reverse("schooleval:school", args=[school_code, year])
    return f"{url}?confirm={confirm}#se-confirm" if confirm else url


@login_required
def school_years(request: HttpRequest, code: str) -> HttpResponse:
    """A school's evaluations by school year, with links (the address without a year)."""
    s = scoping.school_or_404(_scope(request), code)
    lang = lang_code()
    return render(request, "schooleval/school_years.html", {
        "school": s, "district": s.district, "years": selectors.school_years(s, lang),
        "sees_district": scoping.sees_district(_scope(request), s.district)})


def _self_entries(request: HttpRequest, ev: Any) -> dict[str, tuple[str, str]]:
    return {c["code"]: (request.POST.get(f"level_{c['code']}", ""), request.POST.get(f"note_{c['code']}", ""))
            for c in rules.considerations(ev.tree.tree) if f"level_{c['code']}" in request.POST
            or f"note_{c['code']}" in request.POST}


@login_required
def school(request: HttpRequest, code: str, year: str) -> HttpResponse:
    scope = _scope(request)
    s = scoping.school_or_404(scope, code)
    year = _year(year)
    if request.method == "POST":
        scoping.require_school_submitter(scope, s)
        op = request.POST.get("op", "save")
        confirm = ""
        try:
            if op == "withdraw":
                ev0 = services.evaluation_of(s, year)
                if ev0 is None:
                    raise services.refuse("E1137", detail=("还没有提交", "nothing has been submitted"))
                services.withdraw(request.user, ev0)
                messages.success(request, _("Submission withdrawn: the self-evaluation can be changed again."))
                return redirect(_school_url(s.code, year))
            if op not in ("save", "submit", "upload") and not op.startswith("delete_file"):
                raise services.refuse("E1134", value=op, detail=("不是可用的操作", "is not a step"))
            # every step of the self-evaluation form saves what was typed in it first (levels and
            # notes): an upload or a deletion never loses a judgement not yet saved
            ev = services.evaluation_of(s, year)
            entries: dict[str, tuple[str, str]] = {}
            if ev is None and not op.startswith("delete"):
                ev = services.start(request.user, s, year)
            if ev is not None:
                entries = _self_entries(request, ev)
                if entries:
                    ev = services.save_self(request.user, ev, entries)
            if op == "submit":
                if ev is not None and request.POST.get("confirmed") == "1":
                    try:
                        services.submit(request.user, ev)
                    except services.StepRefused:
                        confirm = "submit"  # the page lists what is missing, with links
                        raise
                    messages.success(request, _("Submitted to the bureau."))
                else:
                    confirm = "submit"  # a second step: the page asks to confirm
                    if entries:
                        messages.success(request, _saved())
            elif op == "upload":
                upload = request.FILES.get("file")
                if upload is None:
                    if entries:
                        messages.success(request, _saved())
                    raise services.refuse("E1142", value="", detail=("没有选择文件", "no file chosen"))
                assert ev is not None
                services.add_evidence(request.user, ev, request.POST.get("code", ""), upload.name,
                                      upload.read(int(rules.scale()["evidence"]["max_bytes"]) + 1), upload.size)
                messages.success(request, _("Saved, and the file uploaded."))
            elif op.startswith("delete_file"):
                pk = op.partition(":")[2] or request.POST.get("pk") or "0"
                if ev is not None:
                    services.delete_evidence(request.user, ev, int(pk) if pk.isdigit() else 0)
                messages.success(request, _("Saved, and the file deleted."))
            else:
                messages.success(request, _saved())
        except services.StepRefused as exc:
            _problem(request, exc)
        return redirect(_school_url(s.code, year, confirm))
    lang = lang_code()
    ctx = selectors.evaluation_page(s, year, lang)
    wf = rules.workflow()
    state = ctx["state"] or wf["initial"]
    can_fill = scoping.can_submit_for_school(scope, s) and rules.school_edits(wf, state)
    can_review = scoping.can_manage_district(scope, s.district) and rules.bureau_reviews(wf, state)
    can_withdraw = scoping.can_submit_for_school(scope, s) and rules.school_withdraws(wf, state)
    can_reopen = scoping.can_manage_district(scope, s.district) and state == "final"
    confirm = request.GET.get("confirm", "")
    if not ((confirm == "submit" and can_fill) or (confirm == "finalise" and can_review)):
        confirm = ""
    missing = selectors.mark_missing(ctx["rows"], "self_level" if confirm == "submit" else "review_level") \
        if confirm else []
    return render(request, "schooleval/school.html", {
        "school": s, "district": s.district, "year": year, "words": selectors.words(lang),
        "can_fill": can_fill, "can_review": can_review, "can_withdraw": can_withdraw, "can_reopen": can_reopen,
        "confirm": confirm, "missing": missing, "sep": ", " if lang == "en" else "、",
        "sees_district": scoping.sees_district(scope, s.district), "years": selectors.school_years(s, lang),
        "rule": rules.rollup_rule(lang),
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
    confirm = ""
    try:
        ev = services.evaluation_of(s, year)
        if ev is None:
            raise services.refuse("E1137", detail=("学校尚未开始自评", "the school has not begun its self-evaluation"))
        if op == "reopen":
            services.reopen(request.user, ev, request.POST.get("reason", ""))
            messages.success(request, _("Reopened: the bureau's review can change again."))
            return redirect(_school_url(s.code, year))
        entries = {c["code"]: (request.POST.get(f"rlevel_{c['code']}", ""), request.POST.get(f"rnote_{c['code']}", ""))
                   for c in rules.considerations(ev.tree.tree) if f"rlevel_{c['code']}" in request.POST
                   or f"rnote_{c['code']}" in request.POST}
        if entries or "comment" in request.POST:
            ev = services.save_review(request.user, ev, entries,
                                      request.POST.get("comment") if "comment" in request.POST else None)
        if op == "return":
            services.return_to_school(request.user, ev)
            messages.success(request, _("Returned to the school."))
        elif op == "finalise" and request.POST.get("confirmed") == "1":
            try:
                services.finalise(request.user, ev)
            except services.StepRefused:
                confirm = "finalise"
                raise
            messages.success(request, _("Result finalised."))
        elif op == "finalise":
            confirm = "finalise"  # a second step: the page asks to confirm
            messages.success(request, _saved())
        else:
            messages.success(request, _saved())
    except services.StepRefused as exc:
        _problem(request, exc)
    return redirect(_school_url(s.code, year, confirm))


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
