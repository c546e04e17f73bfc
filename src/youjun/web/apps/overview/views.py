"""The district overview (its figures from every domain's records, with the records behind
each) and the school building works (list, record, import). District readers only: a school's
data officer and anyone else get 404; the bureau writes (others 403)."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from youjun.core import overview as core
from youjun.report import numbers as num
from youjun.web.apps.overview import forms, selectors, services, works_import
from youjun.web.apps.overview.models import SchoolWork
from youjun.web.apps.overview.services import WorkRow
from youjun.web.apps.platform import extensions, reach
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.errors import Refused, shown_problem, web_problem

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "overview_works_import"
KIND_ZH = {"new": "新建", "enlarged": "改扩建"}  # the template's words, whatever the page's language


def _shown(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown_problem(p, lang) for p in problems]


def _district(request: HttpRequest, code: str) -> District:
    return reach.district_or_404(request.user, code)


def _bureau(request: HttpRequest, code: str) -> District:
    district = _district(request, code)
    reach.require(reach.district_reach(request.user, district).bureau)
    return district


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- the overview ---------------------------------------------------------------------------------

def year_range(request: HttpRequest) -> tuple[core.YearRange, list[dict[str, Any]]]:
    """The range asked (``from``/``to``), or the default one and the problem in words."""
    today = timezone.localdate()
    found = core.parse_range(request.GET.get("from"), request.GET.get("to"), today)
    if isinstance(found, core.RangeProblem):
        return core.default_range(today), [web_problem("E1335", value=found.value, rule="overview.years",
                                                       detail=(found.zh, found.en))]
    return found, []


def sections(request: HttpRequest, district: District, years: core.YearRange) -> list[dict[str, Any]]:
    """The figures of every domain in the layout's sections; an expected figure nobody supplied
    is a card saying 暂无记录 (no records), without a number or a link."""
    figures = extensions.district_figures(request, district, years.first, years.last)
    by_section: dict[str, list[extensions.DistrictFigure]] = {}
    for f in figures:
        by_section.setdefault(f.section, []).append(f)
    out = []
    for key, title in selectors.SECTIONS:
        supplied = {f.key: f for f in by_section.get(key, [])}
        cards: list[dict[str, Any]] = []
        for fkey, label in selectors.EXPECTED.get(key, ()):
            found = supplied.pop(fkey, None)
            cards.append(_card(found) if found is not None else {"key": fkey, "label": _(label), "missing": True})
        cards += [_card(x) for x in sorted(supplied.values(), key=lambda x: (x.order, x.key))]
        out.append({"key": key, "title": _(title), "cards": cards})
    return out


def _card(f: extensions.DistrictFigure) -> dict[str, Any]:
    shown = f.shown if f.value is not None else ""
    number, sep, unit = shown.partition(" ")  # "128 所" -> 128 and 所; "94.1%" carries its unit
    return {"key": f.key, "label": f.label, "shown": shown, "value": f.value, "number": number,
            "unit": unit if sep else ("" if shown.endswith("%") else f.unit), "raw_unit": f.unit,
            "basis": f.basis, "url": f.url, "kind": f.kind, "missing": f.value is None}


def _context(request: HttpRequest, district: District) -> dict[str, Any]:
    years, problems = year_range(request)
    # the boxes hold the years as text: an int would be rendered localised ("2,021") and the
    # range read back from it refused
    form = forms.RangeForm(initial={"first": str(years.first), "last": str(years.last)},
                           data={"first": request.GET.get("from", str(years.first)),
                                 "last": request.GET.get("to", str(years.last))})
    query = urlencode({"from": years.first, "to": years.last})
    return {"district": district, "years": years, "problems": _shown(problems), "form": form,
            "sections": sections(request, district, years), "query": query,
            "bureau": reach.district_reach(request.user, district).bureau,
            "generated": timezone.localtime()}


@login_required
@require_safe
def district(request: HttpRequest, code: str) -> HttpResponse:
    district = _district(request, code)
    ctx = _context(request, district)
    return render(request, "overview/district.html", ctx, status=400 if ctx["problems"] else 200)


def _rows(request: HttpRequest, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per figure for the exports: the number as a number, its unit, basis and full link."""
    rows = []
    for section in ctx["sections"]:
        for c in section["cards"]:
            missing = c["missing"]
            value = c.get("value")
            if isinstance(value, float):
                value = round(value, 1) if c["unit"] == "%" else round(value, 2)
            rows.append({"section": section["title"], "label": c["label"], "missing": missing,
                         "value": None if missing else value, "shown": "" if missing else c["shown"],
                         "unit": "" if missing else c["raw_unit"],
                         "basis": _("No records yet") if missing else c["basis"],
                         "url": request.build_absolute_uri(c["url"]) if c.get("url") and not missing else ""})
    return rows


def _text_cells(ws: Any) -> None:
    for line in ws.iter_rows(min_row=1):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a project name starting with "=" stays text, never a formula
                cell.number_format = "@"


@login_required
@require_safe
def district_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    from openpyxl import Workbook

    district = _district(request, code)
    ctx = _context(request, district)
    if ctx["problems"]:
        return render(request, "overview/district.html", ctx, status=400)
    years = ctx["years"]
    wb = Workbook()
    ws = wb.active
    ws.title = _("District overview")[:31]
    ws.append([_("District"), district.name, _("Years"), f"{years.first}–{years.last}", _("Generated"),
               ctx["generated"].strftime("%Y-%m-%d %H:%M")])
    ws.append([pgettext("overview", "Section"), _("Figure"), _("Value"), _("Unit"), pgettext("overview", "Basis"),
               _("Records behind it")])
    for r in _rows(request, ctx):
        ws.append([r["section"], r["label"], r["value"], r["unit"], r["basis"], r["url"]])
    _text_cells(ws)
    for letter, width in zip("ABCDEF", (14, 26, 14, 10, 70, 60), strict=True):
        ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return _attachment(HttpResponse(buf.getvalue(), content_type=XLSX),
                       f"{district.code}-{years.first}-{years.last}-{_('District overview')}.xlsx")


@login_required
@require_safe
def district_pdf(request: HttpRequest, code: str) -> HttpResponse:
    from youjun.report.fonts import FONT_STACK
    from youjun.report.pdf import layout

    district = _district(request, code)
    ctx = _context(request, district)
    if ctx["problems"]:
        return render(request, "overview/district.html", ctx, status=400)
    html = render_to_string("overview/pdf.html", {**ctx, "font_stack": FONT_STACK,
                                                  "rows": _rows(request, ctx)}, request=request)
    pdf = layout(html).write_pdf()
    years = ctx["years"]
    return _attachment(HttpResponse(pdf, content_type="application/pdf"),
                       f"{district.code}-{years.first}-{years.last}-{_('District overview')}.pdf")


# --- the school building works ------------------------------------------------------------------------

def _filters(request: HttpRequest) -> tuple[forms.WorksFilter, dict[str, Any]]:
    data = {"first": request.GET.get("from", ""), "last": request.GET.get("to", ""),
            "kind": request.GET.get("kind", ""), "school": request.GET.get("school", "")}
    form = forms.WorksFilter(data=data)
    f = form.cleaned_data if form.is_valid() else {}
    return form, {"first": f.get("first"), "last": f.get("last"), "kind": f.get("kind") or "",
                  "school": (f.get("school") or "").strip()}


def work_row(w: SchoolWork) -> dict[str, Any]:
    return {"w": w, "school": w.school_name, "code": w.school.code if w.school else "",
            "kind": w.get_kind_display(), "seats": num.count(w.seats_added), "land": num.count(w.land_m2),
            "floor": num.count(w.floor_m2), "flats": num.count(w.teacher_flats),
            "investment": num.amount(float(w.investment))}


@login_required
@require_safe
def works(request: HttpRequest, code: str) -> HttpResponse:
    district = _district(request, code)
    form, f = _filters(request)
    qs = selectors.filtered(district, **f)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in (("from", f["first"]), ("to", f["last"]), ("kind", f["kind"]),
                                         ("school", f["school"])) if v})
    first, last = f["first"], f["last"]
    t = selectors.totals(district, first or 2000, last or timezone.localdate().year)
    return render(request, "overview/works.html", {
        "district": district, "form": form, "page": page, "rows": [work_row(w) for w in page.object_list],
        "total": page.paginator.count, "query": query, "totals": t,
        "bureau": reach.district_reach(request.user, district).bureau,
        "overview_query": urlencode({"from": first, "to": last}) if first and last else "",
    })


@login_required
@require_safe
def works_export(request: HttpRequest, code: str) -> HttpResponse:
    from openpyxl import Workbook

    district = _district(request, code)
    _form, f = _filters(request)
    wb = Workbook()
    ws = wb.active
    ws.title = works_import.SHEET
    ws.append(["学校标识码", "学校", "建设类型", "项目名称", "开工日期", "竣工日期", "新增学位（个）",
               "新增占地面积（平方米）", "新增校舍建筑面积（平方米）", "教师周转房（套）", "投资（万元）"])
    for w in selectors.filtered(district, **f).iterator(chunk_size=500):
        ws.append([w.school.code if w.school else "", w.school_name, KIND_ZH.get(w.kind, w.kind), w.project,
                   w.started.isoformat() if w.started else "", w.completed.isoformat() if w.completed else "在建",
                   w.seats_added, w.land_m2, w.floor_m2, w.teacher_flats, float(w.investment)])
    _text_cells(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return _attachment(HttpResponse(buf.getvalue(), content_type=XLSX), f"{district.code}-校舍建设台账.xlsx")


def _school_choices(district: District) -> list[tuple[str, str]]:
    return [(s.code, f"{s.name}（{s.code}）") for s in School.objects.filter(district=district).order_by("code")]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def work_add(request: HttpRequest, code: str) -> HttpResponse:
    district = _bureau(request, code)
    problems: list[dict[str, Any]] = []
    form = forms.WorkForm(request.POST or None, request.FILES or None, schools=_school_choices(district))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        row = WorkRow(school_code=d["school"] or "", new_school_name=(d["new_school_name"] or "").strip(),
                      kind=d["kind"], project=d["project"].strip(), started=d["started"], completed=d["completed"],
                      seats_added=d["seats_added"], land_m2=d["land_m2"], floor_m2=d["floor_m2"],
                      teacher_flats=d["teacher_flats"], investment=d["investment"])
        try:
            work = services.add_work(request.user, district, row, evidence=d.get("evidence"))
        except Refused as exc:
            problems = _shown(exc.problems)
        else:
            messages.success(request, _("Building work recorded."))
            return redirect("overview:work", pk=work.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "overview/work_form.html", {"district": district, "form": form, "problems": problems},
                  status=status)


def _work(request: HttpRequest, pk: int) -> SchoolWork:
    work = SchoolWork.objects.select_related("district__province", "school").filter(pk=pk).first()
    if work is None or not reach.district_reach(request.user, work.district).sees:
        raise Http404("work")
    return work


@login_required
@require_safe
def work(request: HttpRequest, pk: int) -> HttpResponse:
    w = _work(request, pk)
    year = w.completed.year if w.completed else None
    return render(request, "overview/work.html", {"district": w.district, "r": work_row(w), "year": year})


@login_required
@require_safe
def work_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    w = _work(request, pk)
    if not w.evidence:
        raise Http404("evidence")
    response = HttpResponse(bytes(w.evidence), content_type=w.evidence_type)
    response["Content-Disposition"] = "inline; filename=\"evidence.{}\"".format(
        "pdf" if w.evidence_type == "application/pdf" else "jpg")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _import_page(request: HttpRequest, district: District, *, form: Any = None, problems: Any = None,
                 preview: Any = None, filename: str = "", status: int = 200) -> HttpResponse:
    return render(request, "overview/import.html", {
        "district": district, "form": form or forms.ImportForm(), "problems": _shown(problems or []),
        "preview": preview, "filename": filename, "max_rows": works_import.MAX_ROWS,
        "max_mb": works_import.MAX_BYTES // (1024 * 1024)}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def works_import_view(request: HttpRequest, code: str) -> HttpResponse:
    district = _bureau(request, code)
    if request.method != "POST":
        return _import_page(request, district)
    request.session.pop(SESSION_KEY, None)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, district, form=form, status=400)
    upload = form.cleaned_data["file"]
    name = str(upload.name or "works.xlsx")[:120]
    size = int(upload.size or 0)
    content = upload.read() if size <= works_import.MAX_BYTES else b""  # bounded before it is read
    parsed = works_import.read_upload(content, name, district, size=size)
    if parsed.problems:
        return _import_page(request, district, form=form, problems=parsed.problems, filename=name, status=400)
    request.session[SESSION_KEY] = works_import.rows_to_session(district, parsed)
    return _import_page(request, district, form=form, preview=works_import.preview(parsed.rows), filename=name)


@login_required
@require_POST
def works_import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    district = _bureau(request, code)
    data = request.session.get(SESSION_KEY)
    if not data or data.get("district") != district.code:
        return _import_page(request, district, problems=[web_problem(
            "E1341", value="—", rule=works_import.RULE,
            detail=("没有待确认的文件，请先上传并检查", "there is no checked file to confirm: upload it first"))],
            status=400)
    filename, rows = works_import.rows_from_session(data)
    request.session.pop(SESSION_KEY, None)
    try:
        n = services.import_works(request.user, district, rows, source=filename)
    except Refused as exc:
        return _import_page(request, district, problems=exc.problems, filename=filename, status=400)
    messages.success(request, _("%(n)s building works imported.") % {"n": f"{n:,}"})
    return redirect("overview:works", code=district.code)


@login_required
@require_safe
def works_template(request: HttpRequest, code: str) -> HttpResponse:
    _bureau(request, code)
    return _attachment(HttpResponse(works_import.template_xlsx(), content_type=XLSX), "校舍建设台账.xlsx")
