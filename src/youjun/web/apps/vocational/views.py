"""Pages of the vocational centre: the district's centres, a centre's page (majors with their 1+X
pilots and apprenticeships, the double-qualified share, trainees per year, competition results,
destinations), a list per kind of record (filtered, 50 a page, XLSX), a major, a teacher with
their double-qualified recognitions, and the forms. Out of reach is 404, seen but not allowed
403; writes go through ``services`` and refusals are shown in the page's language."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from youjun.core import vocational as core
from youjun.report import numbers as num
from youjun.web.apps.platform import reach
from youjun.web.apps.platform.models import District
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.vocational import forms, selectors, services
from youjun.web.apps.vocational.models import (
    Centre,
    CertificatePilot,
    Competition,
    Destination,
    Major,
    Partner,
    Recognition,
    Training,
    VocTeacher,
)
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.models import Teacher
from youjun.web.downloads import xlsx_attachment
from youjun.web.errors import Refused
from youjun.web.errors import shown_problem as shown

PAGE = 50


def _problems(exc: Refused) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown(p, lang) for p in exc.problems]


def _n(x: Any, unit: str) -> str:
    """A count with its unit ("5,120 人次")."""
    return f"{num.count(x)} {unit}" if num.is_number(x) else num.MISSING


def _pct(x: Any) -> str:
    return num.percent(x, measured=True) if num.is_number(x) else num.MISSING


def _date(d: Any) -> str:
    return formats.date_format(d, "DATE_FORMAT") if d else ""


def _year(y: Any) -> str:
    return (f"{y}年" if lang_code() == "zh" else str(y)) if y else ""


def _name(name: str, r: reach.Reach) -> str:
    """Personal names in full for those who manage the centre; masked for readers."""
    return name if r.manages else mask_name(name)


# --- reach -----------------------------------------------------------------------------------

def _centre(request: HttpRequest, pk: int) -> tuple[Centre, reach.Reach]:
    centre = Centre.objects.select_related("district__province", "school").filter(pk=pk).first()
    if centre is None:
        raise Http404("centre")
    r = selectors.centre_reach(request.user, centre)
    if not r.sees:
        raise Http404("centre")
    return centre, r


def _of(request: HttpRequest, centre: Centre) -> reach.Reach:
    r = selectors.centre_reach(request.user, centre)
    if not r.sees:
        raise Http404("record")
    return r


# --- the district's centres ------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def district(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    r = reach.district_reach(request.user, d)
    form = forms.CentreForm(d)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(r.bureau)
        form = forms.CentreForm(d, request.POST)
        if form.is_valid():
            try:
                c = services.create_centre(request.user, d, name=form.cleaned_data["name"],
                                           school=form.cleaned_data["school"])
                return redirect("vocational:centre", c.pk)
            except Refused as exc:
                problems = _problems(exc)
        status = 400
    today = timezone.localdate()
    rows = []
    for c in selectors.centres(d):
        s = selectors.share(c.teachers.all(), today)
        rows.append({"c": c, "majors": _n(c.majors.count(), pgettext("unit", "items")),
                     "share": _pct(s.percent), "teachers": _n(s.denominator, pgettext("unit", "persons"))})
    return render(request, "vocational/district.html", {
        "district": d, "rows": rows, "bureau": r.bureau, "form": form, "problems": problems}, status=status)


# --- a centre's page -------------------------------------------------------------------------

def centre_summary(centre: Centre, today: Any, lang: str) -> dict[str, Any]:
    """The centre page's figures (also the school panel's)."""
    year = today.year
    majors = Major.objects.filter(centre=centre)
    running = [m for m in majors.order_by("code") if selectors.running(m.started, m.stopped, year)]
    pilots = selectors.pilots_at(majors, year)
    results = selectors.results_by_pilot(pilots)
    by_major: dict[int, list[dict[str, Any]]] = {}
    for p in pilots:
        found = results.get(p.pk, [])
        res = found[-1] if found else None
        by_major.setdefault(p.major_id, []).append({
            "p": p, "level": forms._level(p.level),
            "result": _result_text(res) if res else ""})
    appr = {m.pk for m in selectors.apprenticeship_majors_at(majors, year)}
    teachers = VocTeacher.objects.filter(centre=centre)
    share = selectors.share(teachers, today)
    new = selectors.new_by_year(teachers)
    trainees = selectors.trainees_by_year(Training.objects.filter(centre=centre))
    years = sorted(set(new) | set(trainees), reverse=True)  # every year with records
    comps = list(Competition.objects.filter(centre=centre).prefetch_related("results").order_by("-year", "name")[:8])
    dests = [{"d": d, "v": core.Destinations(d.further, d.employed, d.matched, d.other)}
             for d in Destination.objects.filter(centre=centre).order_by("-year")[:3]]
    return {
        "majors": [{"m": m, "pilots": by_major.get(m.pk, []), "apprenticeship": m.pk in appr} for m in running],
        "n_pilot_majors": len({p.major_id for p in pilots}), "n_pilots": len(pilots), "n_appr": len(appr),
        "share": share, "share_pct": _pct(share.percent), "share_day": _date(share.day),
        "share_den_url": _teachers_url(centre, "staff", share.day),
        "share_num_url": _teachers_url(centre, "dq", share.day),
        "pilot_majors_url": f"{reverse('vocational:majors', args=[centre.pk])}?only=pilot&year={year}",
        "appr_majors_url": f"{reverse('vocational:majors', args=[centre.pk])}?only=apprenticeship&year={year}",
        "share_num": _n(share.numerator, pgettext("unit", "persons")),
        "share_den": _n(share.denominator, pgettext("unit", "persons")),
        "per_year": [{"year": _year(y), "new": _n(new.get(y, 0), pgettext("unit", "persons")),
                      "trainees": _n(trainees.get(y, {}).get("trainees"), pgettext("unit", "person-times"))
                      if y in trainees else num.MISSING} for y in years],
        "competitions": comps,
        "destinations": [{"year": _year(x["d"].year), "graduates": _n(x["v"].graduates, pgettext("unit", "persons")),
                          "further": _pct(x["v"].further_rate), "employed": _pct(x["v"].employed_rate),
                          "matched": _pct(x["v"].matched_rate)} for x in dests],
    }


def _teachers_url(centre: Centre, status: str, day: Any) -> str:
    """The teachers' list filtered to those the share counts on ``day``."""
    return f"{reverse('vocational:teachers', args=[centre.pk])}?status={status}&on={day.isoformat()}"


def _result_text(res: Any) -> str:
    p = pgettext("unit", "persons")
    rate = _pct(core.pass_rate(res.candidates, res.passes))
    return _("%(year)s: %(passes)s passed of %(candidates)s (%(rate)s)") % {
        "year": _year(res.year), "passes": _n(res.passes, p), "candidates": _n(res.candidates, p), "rate": rate}


@login_required
@require_safe
def centre(request: HttpRequest, pk: int) -> HttpResponse:
    c, r = _centre(request, pk)
    lang = lang_code()
    summary = centre_summary(c, timezone.localdate(), lang)
    for comp in summary["competitions"]:
        comp.shown_results = [{"person": _name(x.person, r), "kind": forms.person_kind(x.kind), "prize": x.prize}
                              for x in comp.results.all()]
        comp.level_text = forms.competition_level(comp.level)
        comp.year_text = _year(comp.year)
    rule = core.double_qualified_rule(timezone.localdate())
    return render(request, "vocational/centre.html", {
        "centre": c, "district": c.district, "r": r, "s": summary, "rule": rule,
        "district_reads": reach.district_reach(request.user, c.district).sees, "links": _links(c)})


def _links(c: Centre) -> list[tuple[str, str, str]]:
    return [(str(k.title), reverse(f"vocational:{k.name}", args=[c.pk]), k.name) for k in KINDS.values()]


# --- the lists (filtered, paged, XLSX) and their forms ---------------------------------------

@dataclass(frozen=True)
class Kind:
    name: str
    title: Any
    heads: Callable[[], list[str]]
    rows: Callable[[Centre, forms.FilterForm, reach.Reach], QuerySet[Any]]
    cells: Callable[[Any, reach.Reach], list[tuple[str, str]]]  # (text, url)
    form: Callable[..., Any]
    save: Callable[[Any, Centre, dict[str, Any]], Any]


def _filtered(qs: QuerySet[Any], f: forms.FilterForm, text: tuple[str, ...], year: str = "year") -> QuerySet[Any]:
    if f.is_valid():
        q = f.cleaned_data.get("q")
        if q:
            cond = Q()
            for field in text:
                cond |= Q(**{f"{field}__icontains": q})
            qs = qs.filter(cond)
        y = f.cleaned_data.get("year")
        if y and year:
            qs = qs.filter(**{year: y})
    return qs


def _majors_rows(c: Centre, f: forms.FilterForm, r: reach.Reach) -> QuerySet[Any]:
    qs = Major.objects.filter(centre=c).prefetch_related("pilots").order_by("code")
    qs = _filtered(qs, f, ("code", "name", "apprenticeship_partner"), year="")
    if f.is_valid() and f.cleaned_data.get("year"):
        y = f.cleaned_data["year"]
        qs = qs.filter(Q(started__lte=y) & (Q(stopped__isnull=True) | Q(stopped__gte=y)))
    only = f.cleaned_data.get("only") if f.is_valid() else ""
    if only:
        # the same reads as the centre page's and the overview's figures (a major counted once)
        y = f.cleaned_data.get("year") or timezone.localdate().year
        majors = Major.objects.filter(centre=c)
        ids = (selectors.pilot_majors_at(majors, y) if only == "pilot"
               else {m.pk for m in selectors.apprenticeship_majors_at(majors, y)})
        qs = qs.filter(pk__in=ids)
    return qs


def _major_cells(m: Major, r: reach.Reach) -> list[tuple[str, str]]:
    pilots = "；".join(f"{p.certificate}（{forms._level(p.level)}）" for p in m.pilots.all())
    appr = f"{m.apprenticeship_partner}（{_year(m.apprenticeship_from)}）" if m.apprenticeship_partner else ""
    return [(m.code, ""), (m.name, reverse("vocational:major", args=[m.pk])), (_year(m.started), ""),
            (_year(m.stopped), ""), (pilots, ""), (appr, "")]


def _partner_rows(c: Centre, f: forms.FilterForm, r: reach.Reach) -> QuerySet[Any]:
    qs = Partner.objects.filter(centre=c).prefetch_related("majors", "placements").order_by("name")
    return _filtered(qs, f, ("name", "sector"), year="placements__year").distinct()


def _partner_cells(p: Partner, r: reach.Reach) -> list[tuple[str, str]]:
    places = "；".join(f"{_year(x.year)} {_n(x.pupils, pgettext('unit', 'persons'))}" for x in p.placements.all())
    return [(p.name, ""), (p.sector, ""), (_date(p.agreed_on), ""), (_date(p.agreement_ends), ""),
            ("、".join(m.name for m in p.majors.all()), ""), (places, "")]


def _teacher_rows(c: Centre, f: forms.FilterForm, r: reach.Reach) -> QuerySet[Any]:
    qs = VocTeacher.objects.filter(centre=c).order_by("subject", "name", "pk")
    fields = ("name", "subject") if r.manages else ("subject",)
    qs = _filtered(qs, f, fields, year="")
    day = _as_at(f)
    status = f.cleaned_data.get("status") if f.is_valid() else ""
    if status:
        qs = qs.filter(pk__in=selectors.teacher_ids(VocTeacher.objects.filter(centre=c), status, day))
    return qs.prefetch_related(Prefetch("recognitions", queryset=Recognition.objects.filter(
        selectors.in_force(day)).only("pk", "teacher_id", "recognised_on", "level"), to_attr="now"))


def _as_at(f: forms.FilterForm) -> Any:
    """The day a teachers' list is read on: the filter's date, else today."""
    return (f.cleaned_data.get("on") if f.is_valid() else None) or timezone.localdate()


def _teacher_cells(t: VocTeacher, r: reach.Reach) -> list[tuple[str, str]]:
    rec = t.now[-1] if getattr(t, "now", None) else None
    return [(_name(t.name, r), reverse("vocational:teacher", args=[t.pk])), (t.subject, ""),
            (_("yes") if t.full_time else _("no"), ""), (_date(t.joined), ""),
            ((_("yes") + f"（{_date(rec.recognised_on)}）") if rec else _("no"), "")]


def _competition_rows(c: Centre, f: forms.FilterForm, r: reach.Reach) -> QuerySet[Any]:
    qs = Competition.objects.filter(centre=c).prefetch_related("results").order_by("-year", "name")
    return _filtered(qs, f, ("name",))


def _competition_cells(x: Competition, r: reach.Reach) -> list[tuple[str, str]]:
    res = "；".join(f"{_name(p.person, r)}（{forms.person_kind(p.kind)}）{p.prize}" for p in x.results.all())
    return [(x.name, reverse("vocational:competition", args=[x.pk])), (str(forms.competition_level(x.level)), ""),
            (_year(x.year), ""), (_n(x.entrants, pgettext("unit", "persons")), ""), (res, "")]


def _training_rows(c: Centre, f: forms.FilterForm, r: reach.Reach) -> QuerySet[Any]:
    return _filtered(Training.objects.filter(centre=c).order_by("-year", "programme"), f, ("programme",))


def _training_cells(t: Training, r: reach.Reach) -> list[tuple[str, str]]:
    hours = float(t.hours)
    return [(t.programme, ""), (_year(t.year), ""), (_n(t.trainees, pgettext("unit", "person-times")), ""),
            (f"{num.fixed(hours, 0 if hours.is_integer() else 1)} {pgettext('unit', 'hours')}", "")]


def _destination_rows(c: Centre, f: forms.FilterForm, r: reach.Reach) -> QuerySet[Any]:
    return _filtered(Destination.objects.filter(centre=c).order_by("-year"), f, ())


def _destination_cells(d: Destination, r: reach.Reach) -> list[tuple[str, str]]:
    v = core.Destinations(d.further, d.employed, d.matched, d.other)
    p = pgettext("unit", "persons")
    return [(_year(d.year), ""), (_n(v.graduates, p), ""), (f"{_n(d.further, p)}（{_pct(v.further_rate)}）", ""),
            (f"{_n(d.employed, p)}（{_pct(v.employed_rate)}）", ""),
            (f"{_n(d.matched, p)}（{_pct(v.matched_rate)}）", ""), (_n(d.other, p), "")]


def _save_major(user: Any, c: Centre, cd: dict[str, Any]) -> Any:
    return services.add_major(user, c, **cd)


def _save_partner(user: Any, c: Centre, cd: dict[str, Any]) -> Any:
    return services.add_partner(user, c, name=cd["name"], sector=cd["sector"], agreed_on=cd["agreed_on"],
                                agreement_ends=cd["agreement_ends"], majors=list(cd["majors"]))


def _save_teacher(user: Any, c: Centre, cd: dict[str, Any]) -> Any:
    linked = Teacher.objects.filter(district=c.district, staff_id=cd["staff_id"]).first() if cd["staff_id"] else None
    return services.add_teacher(user, c, name=cd["name"], subject=cd["subject"], full_time=cd["full_time"],
                                joined=cd["joined"], teacher=linked)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("majors", gettext_lazy("Majors"),
         lambda: [_("Major code"), _("Major"), _("First year of enrolment"), _("Last year"),
                  _("1+X certificate pilots"), _("Apprenticeship")],
         _majors_rows, _major_cells, lambda c, *a: forms.MajorForm(*a), _save_major),
    Kind("partners", gettext_lazy("Enterprise partners"),
         lambda: [_("Enterprise"), pgettext("vocational", "Sector"), _("Agreement signed on"),
                  _("Agreement ends on"), _("Majors served"), _("Placements")],
         _partner_rows, _partner_cells, lambda c, *a: forms.PartnerForm(c, *a), _save_partner),
    Kind("teachers", pgettext_lazy("vocational", "Teachers"),
         lambda: [_("Full name"), _("Subject or major taught"), _("Full-time teacher"),
                  _("Joined the centre on"), _("Double-qualified now")],
         _teacher_rows, _teacher_cells, lambda c, *a: forms.TeacherForm(*a), _save_teacher),
    Kind("competitions", gettext_lazy("Skills competitions"),
         lambda: [_("Competition"), pgettext("vocational", "Level"), _("Year"), _("Entrants"),
                  pgettext("vocational", "Results")],
         _competition_rows, _competition_cells, lambda c, *a: forms.CompetitionForm(*a),
         lambda u, c, cd: services.add_competition(u, c, **cd)),
    Kind("training", gettext_lazy("Social training"),
         lambda: [_("Programme"), _("Year"), _("Trainees"), _("Hours")],
         _training_rows, _training_cells, lambda c, *a: forms.TrainingForm(*a),
         lambda u, c, cd: services.add_training(u, c, **cd)),
    Kind("destinations", gettext_lazy("Graduates' destinations"),
         lambda: [_("Year of graduation"), _("Graduates"), _("Further study"), _("Employed"),
                  _("Employed in their field"), _("Other")],
         _destination_rows, _destination_cells, lambda c, *a: forms.DestinationForm(*a),
         lambda u, c, cd: services.record_destinations(u, c, **cd)),
)}


def _list(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    c, r = _centre(request, pk)
    k = KINDS[kind]
    form = k.form(c)
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(r.manages)
        form = k.form(c, request.POST)
        if form.is_valid():
            try:
                saved = k.save(request.user, c, form.cleaned_data)
                staff_id = form.cleaned_data.get("staff_id") if kind == "teachers" else ""
                if staff_id and saved.teacher_id is None:
                    messages.warning(request, _(
                        "Saved, but the staff number %(staff_id)s is not in the district's teachers' register: "
                        "the teacher is not linked to a register record. Check the number (it is kept "
                        "on the teacher's page only when it is found).") % {"staff_id": staff_id})
                return redirect(f"vocational:{kind}", c.pk)
            except Refused as exc:
                problems = _problems(exc)
        status = 400
    f = forms.FilterForm(request.GET or None)
    qs = k.rows(c, f, r)
    if request.GET.get("format") == "xlsx":
        return _xlsx(k, qs, r, f"vocational-{kind}-{c.pk}.xlsx")
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    heads = k.heads()
    rows = [[(h, text, url) for h, (text, url) in zip(heads, k.cells(x, r), strict=True)] for x in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "vocational/list.html", {
        "centre": c, "district": c.district, "k": k, "heads": heads, "rows": rows, "page": page,
        "placement_rows": list(page.object_list) if kind == "partners" else [],
        "total": _n(page.paginator.count, pgettext("unit", "persons" if kind == "teachers" else "items")),
        "f": f, "form": form, "kind": kind, "filter_caption": _filter_caption(kind, f),
        "manages": r.manages, "problems": problems, "query": query.urlencode(),
        "year_filter": kind not in ("teachers",), "links": _links(c)}, status=status)


def _filter_caption(kind: str, f: forms.FilterForm) -> str:
    """The filter in words above a list ("在岗专任教师，截至 2025年12月31日")."""
    if not f.is_valid():
        return ""
    choice = f.cleaned_data.get("status") if kind == "teachers" else f.cleaned_data.get("only") if kind == "majors" \
        else ""
    if not choice:
        return ""
    words = str(dict(f.fields["status" if kind == "teachers" else "only"].choices)[choice])
    if kind == "teachers":
        return _("%(words)s, as at %(day)s") % {"words": words, "day": _date(_as_at(f))}
    year = f.cleaned_data.get("year") or timezone.localdate().year
    return _("%(words)s, in %(year)s") % {"words": words, "year": _year(year)}


def _xlsx(k: Kind, qs: QuerySet[Any], r: reach.Reach, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(k.title)[:31])
    ws.append(k.heads())
    for x in qs:
        ws.append([text for text, _url in k.cells(x, r)])
    out = io.BytesIO()
    wb.save(out)
    return xlsx_attachment(out.getvalue(), filename)


def _view(kind: str) -> Callable[..., HttpResponse]:
    @login_required
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _list(request, pk, kind)

    view.__name__ = f"{kind}_list"
    return view


majors = _view("majors")
partners = _view("partners")
teachers = _view("teachers")
competitions = _view("competitions")
training = _view("training")
destinations = _view("destinations")


# --- a major, its pilots and their yearly results --------------------------------------------

def _major_page(request: HttpRequest, m: Major, r: reach.Reach, *, status: int = 200,
                problems: list[dict[str, Any]] | None = None, **bound: Any) -> HttpResponse:
    pilots = list(CertificatePilot.objects.filter(major=m).prefetch_related("results"))
    rows = []
    for p in pilots:
        rows.append({"p": p, "level": forms._level(p.level), "span": f"{_year(p.from_year)}–{_year(p.to_year)}",
                     "results": [
            {"year": _year(x.year), "candidates": _n(x.candidates, pgettext("unit", "persons")),
             "passes": _n(x.passes, pgettext("unit", "persons")), "rate": _pct(core.pass_rate(x.candidates, x.passes))}
            for x in p.results.all()],
            "form": bound.get(f"result_form_{p.pk}") or forms.PilotResultForm(prefix=f"p{p.pk}")})
    return render(request, "vocational/major.html", {
        "m": m, "centre": m.centre, "district": m.centre.district, "pilots": rows, "manages": r.manages,
        "problems": problems or [], "years": f"{_year(m.started)}–{_year(m.stopped)}",
        "partners": m.partners.order_by("name"),
        "edit_form": bound.get("edit_form") or forms.MajorEditForm(initial={
            "stopped": m.stopped, "apprenticeship_partner": m.apprenticeship_partner,
            "apprenticeship_from": m.apprenticeship_from}),
        "pilot_form": bound.get("pilot_form") or forms.PilotForm()}, status=status)


def _major(request: HttpRequest, pk: int) -> tuple[Major, reach.Reach]:
    m = Major.objects.select_related("centre__district__province", "centre__school").filter(pk=pk).first()
    if m is None:
        raise Http404("major")
    return m, _of(request, m.centre)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def major(request: HttpRequest, pk: int) -> HttpResponse:
    m, r = _major(request, pk)
    if request.method != "POST":
        return _major_page(request, m, r)
    reach.require(r.manages)
    form = forms.MajorEditForm(request.POST)
    if not form.is_valid():
        return _major_page(request, m, r, status=400, edit_form=form)
    try:
        services.update_major(request.user, m, **form.cleaned_data)
    except Refused as exc:
        return _major_page(request, m, r, status=400, problems=_problems(exc), edit_form=form)
    return redirect("vocational:major", m.pk)


@login_required
@require_POST
def pilot(request: HttpRequest, pk: int) -> HttpResponse:
    m, r = _major(request, pk)
    reach.require(r.manages)
    form = forms.PilotForm(request.POST)
    if not form.is_valid():
        return _major_page(request, m, r, status=400, pilot_form=form)
    try:
        services.add_pilot(request.user, m, **form.cleaned_data)
    except Refused as exc:
        return _major_page(request, m, r, status=400, problems=_problems(exc), pilot_form=form)
    return redirect("vocational:major", m.pk)


@login_required
@require_POST
def pilot_result(request: HttpRequest, pk: int) -> HttpResponse:
    p = CertificatePilot.objects.select_related("major__centre__district__province", "major__centre__school") \
        .filter(pk=pk).first()
    if p is None:
        raise Http404("pilot")
    r = _of(request, p.major.centre)
    reach.require(r.manages)
    form = forms.PilotResultForm(request.POST, prefix=f"p{p.pk}")
    if not form.is_valid():
        return _major_page(request, p.major, r, status=400, **{f"result_form_{p.pk}": form})
    try:
        services.record_pilot_result(request.user, p, **form.cleaned_data)
    except Refused as exc:
        return _major_page(request, p.major, r, status=400, problems=_problems(exc), **{f"result_form_{p.pk}": form})
    return redirect("vocational:major", p.major_id)


# --- a partner's placements, a competition's results -----------------------------------------

@login_required
@require_POST
def placements(request: HttpRequest, pk: int) -> HttpResponse:
    p = Partner.objects.select_related("centre__district__province", "centre__school").filter(pk=pk).first()
    if p is None:
        raise Http404("partner")
    r = _of(request, p.centre)
    reach.require(r.manages)
    form = forms.PlacementForm(request.POST)
    if form.is_valid():
        try:
            services.record_placements(request.user, p, **form.cleaned_data)
            return redirect("vocational:partners", p.centre_id)
        except Refused as exc:
            return _simple(request, p.centre, "partners", _problems(exc))
    return _simple(request, p.centre, "partners", [{"code": "", "message": _("Check the year and the number placed."),
                                                    "hint": "", "place": "", "cell": ""}])


def _simple(request: HttpRequest, c: Centre, kind: str, problems: list[dict[str, Any]]) -> HttpResponse:
    return render(request, "vocational/refused.html", {"centre": c, "district": c.district, "problems": problems,
                                                       "back": reverse(f"vocational:{kind}", args=[c.pk])}, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def competition(request: HttpRequest, pk: int) -> HttpResponse:
    x = Competition.objects.select_related("centre__district__province", "centre__school").filter(pk=pk).first()
    if x is None:
        raise Http404("competition")
    r = _of(request, x.centre)
    form = forms.ResultForm()
    status = 200
    if request.method == "POST":
        reach.require(r.manages)
        form = forms.ResultForm(request.POST)
        if form.is_valid():
            services.add_result(request.user, x, **form.cleaned_data)
            return redirect("vocational:competition", x.pk)
        status = 400
    results = [{"person": _name(p.person, r), "kind": forms.person_kind(p.kind), "prize": p.prize}
               for p in x.results.all()]
    return render(request, "vocational/competition.html", {
        "x": x, "centre": x.centre, "district": x.centre.district, "results": results, "manages": r.manages,
        "level": forms.competition_level(x.level), "year": _year(x.year),
        "entrants": _n(x.entrants, pgettext("unit", "persons")), "form": form, "problems": []}, status=status)


# --- a teacher and their double-qualified recognitions ---------------------------------------

@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def teacher(request: HttpRequest, pk: int) -> HttpResponse:
    t = VocTeacher.objects.select_related("centre__district__province", "centre__school", "teacher") \
        .filter(pk=pk).first()
    if t is None:
        raise Http404("teacher")
    r = _of(request, t.centre)
    lang = lang_code()
    form = forms.RecognitionForm(lang=lang, initial={"recognised_on": timezone.localdate()})
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        reach.require(r.manages)
        form = forms.RecognitionForm(request.POST, request.FILES, lang=lang)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                services.recognise(request.user, t, recognised_on=cd["recognised_on"], level=cd["level"],
                                   basis=cd["basis"], upload=cd["evidence"])
                return redirect("vocational:teacher", t.pk)
            except Refused as exc:
                problems = _problems(exc)
        status = 400
    rule = core.double_qualified_rule(timezone.localdate())
    today = timezone.localdate()
    recs = [{"on": _date(x.recognised_on), "level": rule.word("levels", x.level, lang),
             "basis": rule.word("bases", x.basis, lang), "expires": _date(x.expires),
             "in_force": x.recognised_on <= today and (x.expires is None or x.expires >= today),
             "file": reverse("vocational:evidence", args=[x.pk]) if x.file_size else "", "file_name": x.file_name,
             "size": _n(x.file_size / 1000, "KB") if x.file_size else ""}
            for x in t.recognitions.order_by("-recognised_on")]
    return render(request, "vocational/teacher.html", {
        "t": t, "name": _name(t.name, r), "centre": t.centre, "district": t.centre.district, "recs": recs,
        "manages": r.manages, "form": form, "problems": problems, "rule": rule, "joined": _date(t.joined)},
        status=status)


@login_required
@require_safe
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    rec = Recognition.objects.select_related("teacher__centre__district__province", "teacher__centre__school") \
        .filter(pk=pk).first()
    if rec is None or not rec.file_size:
        raise Http404("evidence")
    r = _of(request, rec.teacher.centre)
    reach.require(r.manages)  # the file names the person: only those who manage the centre open it
    response = HttpResponse(bytes(rec.file_content), content_type=rec.file_type)
    ext = ".pdf" if rec.file_type == "application/pdf" else ".jpg"
    response["Content-Disposition"] = f"attachment; filename=\"evidence-{rec.pk}{ext}\""
    response["X-Content-Type-Options"] = "nosniff"
    return response


def trainees_total(district: District, first: int, last: int) -> int:
    return int(Training.objects.filter(centre__district=district, year__gte=first, year__lte=last)
               .aggregate(n=Sum("trainees"))["n"] or 0)
