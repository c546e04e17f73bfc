"""Pages: the rectification list of a run (district, or one school for its officer), the
office/deadline write, the XLSX export; the year-over-year comparison of a district or school."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youjun.report.compare import school_changes
from youjun.report.rectification import (
    advice_line,
    filter_rows,
    filter_text,
    filtered_counts,
    filtered_line,
    summary_lines,
)
from youjun.report.rectification_render import render_rectification_xlsx
from youjun.web.apps.assessment import selectors as assessment_selectors
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform import extensions, scoping
from youjun.web.apps.platform.models import District
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.rectification import display, selectors, services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILTERS = ("town", "level", "requirement")


def _done_run(scope: scoping.Scope, pk: int) -> AssessmentRun:
    run = assessment_selectors.run_or_404(scope, pk)
    if run.status != AssessmentRun.Status.DONE:
        raise Http404("run")
    return run


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "").strip()[:32] for k in FILTERS}


def _requirement_options(rect: dict[str, Any]) -> list[str]:
    """R1–R7 always, and every G/Q item (or CV, SR) with a finding anywhere on the list: in the
    rows, the advice and the district-wide findings (G12 is one of those)."""
    found = {e["label"] for key in ("rows", "advice_rows") for r in rect.get(key) or [] for e in r["entries"]}
    found |= {e["label"] for e in rect.get("district_entries") or []}
    found |= {f"R{i}" for i in range(1, 8)}

    def order(label: str) -> tuple[int, int, str]:
        digits = "".join(ch for ch in label if ch.isdigit())
        return ({"R": 0, "C": 1, "G": 2, "Q": 3}.get(label[:1], 4), int(digits) if digits else 0, label)

    return sorted(found, key=order)


def _district_entries(rect: dict[str, Any], f: dict[str, str]) -> list[dict[str, Any]]:
    """District-wide findings belong to no town or level; the requirement filter keeps its own."""
    if f.get("town") or f.get("level"):
        return []
    want = f.get("requirement", "").lower()
    return [e for e in rect.get("district_entries") or [] if not want or e["label"].lower() == want]


def _page(request: HttpRequest, run: AssessmentRun, rows: list[dict[str, Any]], rect: dict[str, Any],
          *, can_manage: bool, school: Any = None, district_entries: list[dict[str, Any]] | None = None,
          advice: list[dict[str, Any]] | None = None) -> HttpResponse:
    lang = lang_code()
    given = selectors.assignments(run.district, run.school_year)
    options = {
        "towns": sorted({str(r["town"]) for key in ("rows", "advice_rows") for r in rect.get(key) or []
                         if r.get("town")}),
        "requirements": _requirement_options(rect),
    }

    def words(e: dict[str, Any]) -> dict[str, Any]:
        return e | {"gap": e["gap_zh" if lang == "zh" else "gap_en"],
                    "title": e["title_zh" if lang == "zh" else "title_en"],
                    "assigned": given.get(e["key"], {}), "anchor": display.finding_anchor(e["key"])}

    shown = []
    for row in rows:
        entries = [words(e) for e in row["entries"]]
        shown.append(row | {"entries": entries, "n": len(entries)})
    tips = [row | {"entries": [words(e) for e in row["entries"]], "n": len(row["entries"])} for row in advice or []]
    # notes other systems add per school (e.g. residents' open concerns), through platform.extensions
    notes = extensions.rectification_notes(request, run.district, sorted({r["code"] for r in shown + tips}))
    shown = [r | {"note": notes.get(r["code"], "")} for r in shown]
    tips = [r | {"note": notes.get(r["code"], "")} for r in tips]
    district_shown = [words(e) for e in district_entries or []]
    head, tips_line = summary_lines(rect, lang)
    f = _filters(request) if school is None else {}
    said = filter_text(f, lang)
    if said:  # the headline stays the district's; the filtered list says its own size and advice
        counts = filtered_counts(shown, tips, district_shown)
        tips_line = advice_line(counts, (rect.get("rule") or {}).get(lang, ""), lang, filtered=True)
    return render(request, "rectification/list.html", {
        "run": run, "district": run.district, "rows": shown, "district_entries": district_shown,
        "advice": tips, "n_advice": sum(r["n"] for r in tips),
        "headline": head if school is None else "", "advice_line": tips_line,
        "filter_said": said, "filtered_line": filtered_line(counts, lang) if said else "",
        "rule": (rect.get("rule") or {}).get(lang, ""),
        "filters": _filters(request), "options": options, "can_manage": can_manage, "school": school,
        "n_findings": sum(r["n"] for r in shown) + len(district_shown),
        "query": request.GET.urlencode(),
    })


@login_required
def district_list(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    run = _done_run(scope, pk)
    rect = selectors.rectification(run)
    f = _filters(request)
    rows = filter_rows(rect, **f)
    return _page(request, run, rows, rect, can_manage=scoping.can_manage_district(scope, run.district),
                 district_entries=_district_entries(rect, f), advice=filter_rows(rect, **f, which="advice_rows"))


@login_required
def school_list(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One school's rows: what its data officer sees (read only)."""
    scope = scoping.scope_of(request.user)
    s = scoping.school_or_404(scope, code)
    run = assessment_selectors.run_for_school_or_404(scope, pk, s)
    if run.status != AssessmentRun.Status.DONE:
        raise Http404("run")
    rect = selectors.rectification(run)
    rows = [r for r in rect["rows"] if r["code"] == s.code]
    advice = [r for r in rect.get("advice_rows") or [] if r["code"] == s.code]
    return _page(request, run, rows, rect, can_manage=scoping.can_manage_district(scope, run.district),
                 school=s, advice=advice)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    run = _done_run(scope, pk)
    scoping.require_district_admin(scope, run.district)
    key = request.POST.get("key", "")
    known = {e["key"] for r in selectors.rectification(run)["rows"] for e in r["entries"]}
    known |= {e["key"] for e in selectors.rectification(run)["district_entries"]}
    back = request.POST.get("back", "")
    target = back if back.startswith(f"/runs/{run.pk}/rectification/") else f"/runs/{run.pk}/rectification/"
    if key not in known:
        messages.error(request, _("This finding is not on the list."))
        return redirect(target)
    try:
        deadline = services.parse_deadline(request.POST.get("deadline", ""))
        changed = services.assign(request.user, run.district, run.school_year, key,
                                  request.POST.get("office", ""), deadline)
    except services.Invalid as exc:
        messages.error(request, _("Enter the deadline as a date, e.g. 2027-06-30.") if str(exc) == "deadline"
                       else _("The office name is too long (at most 100 characters)."))
        return redirect(target)
    if changed:
        messages.success(request, _("Saved: office and deadline of the finding."))
    else:
        messages.info(request, _("Nothing to save: the office and deadline are as they were."))
    return redirect(f"{target}#{display.finding_anchor(key)}")


@login_required
def xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    run = _done_run(scope, pk)
    rect = selectors.rectification(run)
    f = _filters(request)
    lang = lang_code()
    buf = io.BytesIO()
    rows, advice, wide = filter_rows(rect, **f), filter_rows(rect, **f, which="advice_rows"), _district_entries(rect, f)
    said = filter_text(f, lang)
    note = f"{said} · {filtered_line(filtered_counts(rows, advice, wide), lang)}" if said else ""
    render_rectification_xlsx(rect | {"district_entries": wide}, buf, lang,
                              selectors.assignments(run.district, run.school_year), rows=rows,
                              advice_rows=advice, note=note)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    name = f"rectification-{run.district.code}-{run.school_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _years(request: HttpRequest, district: District) -> tuple[list[dict[str, Any]], str, str]:
    years = selectors.stored_years(district)
    done = [y["year"] for y in years if y["run"] is not None]
    year = request.GET.get("year", "") if request.GET.get("year", "") in done else (done[0] if done else "")
    earlier = [y for y in done if y < year]
    base = request.GET.get("base", "")
    base = base if base in earlier else (earlier[0] if earlier else "")
    return years, year, base


@login_required
def compare(request: HttpRequest, code: str) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    d = scoping.district_or_404(scope, code)
    years, year, base = _years(request, d)
    result = selectors.comparison(d, year, base) if year and base else None
    shown = (display.page(result, result["schools"], lang_code(), selectors.run_pk(d, year), whole_school=False)
             if result else {})
    return render(request, "compare/district.html", {
        "district": d, "years": years, "year": year, "base": base, "c": result, "school": None, **shown})


@login_required
def school_compare(request: HttpRequest, code: str) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    s = scoping.school_or_404(scope, code)
    years, year, base = _years(request, s.district)
    result = selectors.comparison(s.district, year, base) if year and base else None
    shown = (display.page(result, school_changes(result, s.code), lang_code(), selectors.run_pk(s.district, year),
                          whole_school=True) if result else {})
    return render(request, "compare/district.html", {
        "district": s.district, "years": years, "year": year, "base": base, "c": result, "school": s, **shown})
