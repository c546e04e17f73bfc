"""Pages of the party-building brands: the district's brands (filtered, paged, XLSX), the bureau's
review queue, the brand schools, a school's own brands (its application form), a brand's page
(emblem, meaning, history, acceptance) with its emblem and evidence served through scoped views.
Out of reach is 404, seen but not allowed 403 (``platform.reach``); writes go through
``services`` and refusals are shown in the page's language."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from youjun.core import party_brands as rules
from youjun.report import numbers as num
from youjun.web.apps.party.brands import forms, selectors, services
from youjun.web.apps.party.brands.models import Acceptance, Brand, BrandEvidence
from youjun.web.apps.platform import reach
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.downloads import xlsx_attachment
from youjun.web.errors import Refused, refuse
from youjun.web.errors import shown_problem as shown

PAGE_SIZE = 50
REVIEW_ACTIONS = ("review", "approve", "return", "reject")


# File types a person picks by name: shown as codes (<kbd>), not as prose, in any language.
FILE_TYPES = re.compile(r"(?<![A-Za-z])(PNG|JPEG|JPG|WebP)(?![A-Za-z])")


def _file_types(text: str) -> SafeString:
    return mark_safe(FILE_TYPES.sub(r"<kbd>\1</kbd>", escape(text)))


def _problems(exc: Refused) -> list[dict[str, Any]]:
    lang = lang_code()
    out = []
    for p in exc.problems:
        shown_p = shown(p, lang)
        shown_p["message"], shown_p["hint"] = _file_types(shown_p["message"]), _file_types(shown_p["hint"])
        out.append(shown_p)
    return out


def _points(x: Any) -> str:
    """A score or a pass mark (a Decimal from the rules or the database) with one decimal."""
    return num.fixed(float(x), 1) if x is not None else num.MISSING


def _zh() -> bool:
    return lang_code() == "zh"


def _state(state: str) -> str:
    zh, en = rules.state_words(state, timezone.localdate())
    return zh if _zh() else en


def _brand(request: HttpRequest, pk: int) -> tuple[Brand, reach.Reach]:
    brand = Brand.objects.select_related("school__district__province", "district").filter(pk=pk).first()
    if brand is None:
        raise Http404("brand")
    r = reach.school_reach(request.user, brand.school)
    if not r.sees:
        raise Http404("brand")
    return brand, r


def _row(b: Brand) -> dict[str, Any]:
    return {"b": b, "state": _state(b.state)}


# --- the district's pages --------------------------------------------------------------------

@login_required
@require_safe
def district(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    today = timezone.localdate()
    f = selectors.filters_from(request.GET, today)
    qs = selectors.brands(d, f)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    zh = _zh()
    return render(request, "party_brands/district.html", {
        "district": d, "page": page, "rows": [_row(b) for b in page.object_list], "f": f, "query": f.query(),
        "total": page.paginator.count, "years": selectors.years(d),
        "states": [(k, v["zh"] if zh else v["en"]) for k, v in rules.states(today).items()],
        "n_approved": selectors.approved_count(d, None, today),
        "n_schools": selectors.brand_school_count(d, today), "n_queue": selectors.queue(d).count(),
        "n_acc_waiting": selectors.waiting_acceptances(d).count(),
        "bureau": reach.district_reach(request.user, d).bureau,
    })


@login_required
@require_safe
def export(request: HttpRequest, code: str) -> HttpResponse:
    from openpyxl import Workbook

    d = reach.district_or_404(request.user, code)
    today = timezone.localdate()
    f = selectors.filters_from(request.GET, today)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党建品牌")
    ws.append(["品牌名称", "学校标识码", "学校", "状态", "申报年份", "提交日期", "命名日期", "品牌特色学校",
               "品牌释义"])
    schools = {a.school_id for a in selectors.brand_schools(d, today)}
    for b in selectors.brands(d, f).iterator(chunk_size=500):
        ws.append([b.name, b.school.code, b.school.name, rules.state_words(b.state, today)[0], b.year,
                   b.submitted_on.isoformat() if b.submitted_on else "",
                   b.approved_on.isoformat() if b.approved_on else "",
                   "是" if b.school_id in schools and b.approved_on else "否", b.meaning])
    out = io.BytesIO()
    wb.save(out)
    return xlsx_attachment(out.getvalue(), f"party-brands-{d.code}.xlsx")


@login_required
@require_safe
def queue(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    return render(request, "party_brands/queue.html", {
        "district": d, "rows": [_row(b) for b in selectors.queue(d)],
        "waiting": list(selectors.waiting_acceptances(d)),
        "bureau": reach.district_reach(request.user, d).bureau})


def _as_of(value: Any, today: dt.date) -> dt.date:
    try:
        day = dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return today
    return min(day, today)


@login_required
@require_safe
def brand_schools(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    today = timezone.localdate()
    day = _as_of(request.GET.get("as_of"), today)
    rows = list(selectors.brand_schools(d, day))
    withdrawn = [a for a in selectors.acceptances(d).filter(state=Acceptance.State.WITHDRAWN).order_by("-withdrawn_on")]
    return render(request, "party_brands/schools.html", {
        "district": d, "rows": rows, "day": day, "is_today": day == today, "withdrawn": withdrawn,
        "pass_mark": _points(rules.pass_mark(day))})


# --- a school's brands -----------------------------------------------------------------------

def _school_page(request: HttpRequest, school: Any, r: reach.Reach, *, status: int = 200,
                 problems: list[dict[str, Any]] | None = None, form: Any = None) -> HttpResponse:
    today = timezone.localdate()
    return render(request, "party_brands/school.html", {
        "school": school, "district": school.district, "rows": [_row(b) for b in selectors.school_brands(school)],
        "manages": r.manages, "district_reads": reach.district_reach(request.user, school.district).sees,
        "brand_school": selectors.is_brand_school(school, today), "problems": problems or [],
        "form": form or forms.NewBrandForm()}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school(request: HttpRequest, code: str) -> HttpResponse:
    s = reach.school_or_404(request.user, code)
    r = reach.school_reach(request.user, s)
    if request.method != "POST":
        return _school_page(request, s, r)
    reach.require(r.manages)
    form = forms.NewBrandForm(request.POST, request.FILES)
    if not form.is_valid():
        return _school_page(request, s, r, status=400, form=form)
    try:
        b = services.create_brand(request.user, s, name=form.cleaned_data["name"],
                                  meaning=form.cleaned_data["meaning"], emblem=form.cleaned_data["emblem"],
                                  evidence=form.cleaned_data["evidence"])
    except Refused as exc:
        return _school_page(request, s, r, status=400, problems=_problems(exc), form=form)
    messages.success(request, _("The draft is saved. Check it, then submit it to the bureau."))
    return redirect("party_brands:brand", b.pk)


# --- one brand -------------------------------------------------------------------------------

def _who(user: Any, recorded: str, *, bureau: bool) -> str:
    """A person with the role they acted in: the account's full name (``str(user)``), else the
    name recorded at the time; the role alone when no one is recorded (e.g. imported records)."""
    role = _("bureau") if bureau else pgettext("by whom", "school")
    name = services.actor_name(user) if user is not None else recorded
    if not name:
        return str(role)
    return f"{name}（{role}）" if _zh() else f"{name} ({role})"


def _acceptance_rows(acc: Acceptance) -> dict[str, Any]:
    zh = _zh()
    crits = {c.key: c for c in rules.criteria(acc.decided_on or timezone.localdate())}
    scores = []
    for s in acc.scores or []:
        c = crits.get(s["key"])
        scores.append({"name": (c.zh if zh else c.en) if c else s["key"],
                       "weight": f"{c.weight:,.0f}%" if c else "", "score": num.fixed(float(s["score"]), 1),
                       "note": s.get("note", "")})
    return {"a": acc, "scores": scores, "total": _points(acc.total), "pass_mark": _points(acc.pass_mark),
            "scorer": _who(acc.decided_by, "", bureau=True) if acc.decided_by_id else "",
            "state": {"applied": _("waiting for the bureau's scores"), "accepted": _("passed: a brand school"),
                      "failed": _("did not pass"), "withdrawn": _("passed, title withdrawn")}[acc.state]}


def _brand_page(request: HttpRequest, b: Brand, r: reach.Reach, *, status: int = 200,
                problems: list[dict[str, Any]] | None = None, **bound: Any) -> HttpResponse:
    today = timezone.localdate()
    zh = _zh()
    roles = {"bureau"} if r.bureau else ({"school"} if r.manages else set())
    allowed = rules.allowed_steps(b.state, roles, today)
    # the school's own steps (submit, resubmit) — the bureau may take them only for the school
    school_steps = [{"action": s.action, "words": s.zh if zh else s.en, "reason": s.reason}
                    for s in allowed if "school" in s.by]
    review_steps = [{"action": s.action, "words": s.zh if zh else s.en, "reason": s.reason}
                    for s in allowed if "school" not in s.by]
    accs = [_acceptance_rows(a) for a in b.acceptances.select_related("decided_by").order_by("applied_on", "pk")]
    open_acc = next((x["a"] for x in accs if x["a"].state == Acceptance.State.APPLIED), None)
    accepted = next((x["a"] for x in accs if x["a"].state == Acceptance.State.ACCEPTED), None)
    current = selectors.is_brand_school(b.school, today)
    return render(request, "party_brands/brand.html", {
        "b": b, "school": b.school, "district": b.district, "state": _state(b.state),
        "steps": [{"s": s, "from": _state(s.from_state), "to": _state(s.to_state),
                   "who": _who(s.by, s.by_name, bureau=s.by_bureau)} for s in b.steps.select_related("by")],
        "evidence": list(b.evidence.all()), "acceptances": accs,
        "school_steps": school_steps, "review_steps": review_steps,
        "manages": r.manages, "bureau": r.bureau, "editable": r.manages and rules.editable(b.state, today),
        "district_reads": reach.district_reach(request.user, b.district).sees,
        "can_apply": r.manages and b.state in rules.recognised_states(today) and open_acc is None and current is None,
        "open_acc": open_acc, "accepted": accepted, "problems": problems or [],
        "criteria_pass_mark": _points(rules.pass_mark(today)),
        "form": bound.get("form") or forms.BrandForm(initial={"name": b.name, "meaning": b.meaning}),
        "evidence_form": bound.get("evidence_form") or forms.EvidenceForm(),
        "step_form": bound.get("step_form") or forms.StepForm(),
        "score_form": bound.get("score_form") or forms.ScoreForm(),
        "withdraw_form": bound.get("withdraw_form") or forms.WithdrawForm(),
    }, status=status)


@login_required
@require_safe
def brand(request: HttpRequest, pk: int) -> HttpResponse:
    b, r = _brand(request, pk)
    return _brand_page(request, b, r)


@login_required
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    b, r = _brand(request, pk)
    reach.require(r.manages)
    form = forms.BrandForm(request.POST, request.FILES)
    if not form.is_valid():
        return _brand_page(request, b, r, status=400, form=form)
    try:
        services.update_brand(request.user, b, name=form.cleaned_data["name"], meaning=form.cleaned_data["meaning"],
                              emblem=form.cleaned_data["emblem"])
    except Refused as exc:
        return _brand_page(request, b, r, status=400, problems=_problems(exc), form=form)
    messages.success(request, _("The application is saved."))
    return redirect("party_brands:brand", b.pk)


@login_required
@require_safe
def emblem(request: HttpRequest, pk: int) -> HttpResponse:
    b, _r = _brand(request, pk)
    if not b.emblem:
        raise Http404("emblem")
    response = HttpResponse(bytes(b.emblem), content_type=b.emblem_type or "image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    b, r = _brand(request, pk)
    reach.require(r.manages)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _brand_page(request, b, r, status=400, evidence_form=form)
    try:
        ev = services.add_evidence(request.user, b, form.cleaned_data["file"])
    except Refused as exc:
        return _brand_page(request, b, r, status=400, problems=_problems(exc), evidence_form=form)
    messages.success(request, _("Supporting file “%(name)s” uploaded.") % {"name": ev.name})
    return redirect("party_brands:brand", b.pk)


@login_required
@require_safe
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    ev = BrandEvidence.objects.select_related("brand").filter(pk=pk).first()
    if ev is None:
        raise Http404("evidence")
    _brand(request, ev.brand_id)
    response = HttpResponse(bytes(ev.content), content_type=ev.content_type)
    response["Content-Disposition"] = "inline" if ev.content_type.startswith("image/") else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _step(request: HttpRequest, pk: int, *, as_bureau: bool) -> HttpResponse:
    b, r = _brand(request, pk)
    reach.require(r.bureau if as_bureau else r.manages)
    form = forms.StepForm(request.POST)
    if not form.is_valid():
        return _brand_page(request, b, r, status=400, step_form=form)
    action = form.cleaned_data["action"]
    if as_bureau and action not in REVIEW_ACTIONS:
        action = "?"
    taken = rules.step_from(b.state, action, timezone.localdate())
    try:
        services.step(request.user, b, action, as_bureau=r.bureau, comment=form.cleaned_data["comment"])
    except Refused as exc:
        return _brand_page(request, b, r, status=400, problems=_problems(exc), step_form=form)
    if action == "submit":
        messages.success(request, _("Submitted to the bureau for review."))
    elif taken is not None:
        messages.success(request, _("Done: %(step)s.") % {"step": taken.zh if _zh() else taken.en})
    return redirect("party_brands:brand", b.pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    request.POST = request.POST.copy()
    request.POST["action"] = "submit"
    return _step(request, pk, as_bureau=False)


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, as_bureau=True)


@login_required
@require_POST
def accept_apply(request: HttpRequest, pk: int) -> HttpResponse:
    b, r = _brand(request, pk)
    reach.require(r.manages)
    try:
        services.apply_acceptance(request.user, b)
    except Refused as exc:
        return _brand_page(request, b, r, status=400, problems=_problems(exc))
    messages.success(request, _("The application for acceptance is sent to the bureau for its scores."))
    return redirect("party_brands:brand", b.pk)


@login_required
@require_POST
def accept_score(request: HttpRequest, pk: int) -> HttpResponse:
    b, r = _brand(request, pk)
    reach.require(r.bureau)
    form = forms.ScoreForm(request.POST)
    if not form.is_valid():
        return _brand_page(request, b, r, status=400, score_form=form)
    acc = b.acceptances.filter(state=Acceptance.State.APPLIED).first()
    try:
        if acc is None:
            raise refuse("E1277", value=b.name, rule="party_brands.acceptance", state=_state(b.state),
                                  state_en=rules.state_words(b.state, timezone.localdate())[1])
        done = services.score_acceptance(request.user, acc, scores=form.scores(), notes=form.notes(),
                                         note=form.cleaned_data["note"], on=form.cleaned_data["decided_on"])
    except Refused as exc:
        return _brand_page(request, b, r, status=400, problems=_problems(exc), score_form=form)
    words = (_("The scores are saved: %(total)s points, passed.") if done.state == Acceptance.State.ACCEPTED
             else _("The scores are saved: %(total)s points, not passed."))
    messages.success(request, words % {"total": _points(done.total)})
    return redirect("party_brands:brand", b.pk)


@login_required
@require_POST
def accept_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    b, r = _brand(request, pk)
    reach.require(r.bureau)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        return _brand_page(request, b, r, status=400, withdraw_form=form)
    acc = b.acceptances.filter(state=Acceptance.State.ACCEPTED).first()
    try:
        if acc is None:
            raise refuse("E1280", value=b.school.name, rule="party_brands.withdraw")
        services.withdraw_brand_school(request.user, acc, reason=form.cleaned_data["reason"],
                                       on=form.cleaned_data["withdrawn_on"])
    except Refused as exc:
        return _brand_page(request, b, r, status=400, problems=_problems(exc), withdraw_form=form)
    messages.success(request, _("The brand school title is withdrawn."))
    return redirect("party_brands:brand", b.pk)

