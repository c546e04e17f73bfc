"""Pages of the comprehensive quality evaluation. Thin: scope by ``pupils.access`` (out of reach
404, seen but not allowed 403), writes through ``services`` (a refusal is shown on the page in its
language with status 400), reads through ``selectors``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from youjun.core import quality as rules
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.audit import client_ip
from youjun.web.apps.pupils import access
from youjun.web.apps.pupils.models import ClassGroup, Pupil
from youjun.web.apps.quality import feeds, selectors, services
from youjun.web.apps.quality.forms import AddendumForm, GradesForm, RecordForm, SettingsForm
from youjun.web.apps.quality.models import Evidence, Objection, Publication, Record

CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")


def lang() -> str:
    return "en" if (get_language() or "zh").startswith("en") else "zh"


def _problem(exc: services.Refused) -> dict[str, str]:
    p = exc.problem
    return {"code": p["code"], "message": p["message"][lang()], "hint": p["hint"][lang()]}


def _year_term(request: HttpRequest, default_year: str) -> tuple[str, int]:
    year = request.GET.get("year") or request.POST.get("year") or default_year
    if len(year) != 9 or not year[:4].isdigit():
        year = default_year
    return year, selectors.term_arg(request.GET.get("term") or request.POST.get("term"), year)


# -- a pupil -----------------------------------------------------------------------------------

def _pupil_year(pupil: Pupil) -> str:
    from youjun.web.apps.pupils import selectors as pupil_selectors

    current = pupil_selectors.current_class(pupil)
    return current.school_year if current else rules.school_year_and_term(services.today())[0]


def _pupil_page(request: HttpRequest, pupil: Pupil, *, form: RecordForm | None = None,
                problem: dict[str, str] | None = None, status: int = 200) -> HttpResponse:
    year, term = _year_term(request, _pupil_year(pupil))
    data = selectors.pupil_term(pupil, year, term, lang())
    user = request.user
    family = bool(services.family_role(user, pupil))
    teacher = access.teaches_pupil(user, pupil, year)
    reach = access.school_reach(user, pupil.school)
    r = data["rules"]
    mine = rules.FAMILY if family else (rules.TEACHER if teacher else "")
    kinds = [(k.code, k.label(lang())) for k in r.kinds_by(mine)] if mine else []
    # a confirmed or archived term keeps what it had: today's figures are not shown beside it
    locked = data.get("term_record") is not None and getattr(data["term_record"], "state", "") in (
        "confirmed", "locked")
    shown_feeds = [] if locked else feeds.pupil_feeds(pupil, year, term, lang())
    day = services.today()
    pub = services.publication_for(pupil, year, term)
    window = rules.window_state(pub.opens_on, pub.closes_on, day) if pub else ""
    begun = rules.terms_begun(year, day) or (1,)
    tr = data["term_record"]
    state = tr.state if tr else "open"
    return render(request, "quality/pupil.html", {
        "pupil": pupil, "school": pupil.school, "year": year, "term": term,
        "term_label": services.term_words(year, term)[1 if lang() == "en" else 0],
        "student_id": access.student_id_for(user, pupil), **data,
        "family": family, "teacher": teacher, "bureau": reach.bureau,
        "form": form or RecordForm(dimensions=r.dimensions, kinds=kinds, lang=lang()),
        "can_enter": bool(kinds) and term in begun and window in ("", "before"),
        "can_select": window in ("", "before") and state == "open", "terms": begun,
        "pub": pub if pub and window != "before" else None, "window": window,
        "confirm_note": _confirm_note(pupil, year, term, state, pub, window),
        "cap": r.settings["selection_cap_per_dimension"],
        "state_label": rules.TERM_STATES[data["term_record"].state if data["term_record"] else "open"][
            1 if lang() == "en" else 0],
        "problem": problem, "addendum_form": AddendumForm(),
        "feeds": shown_feeds, "feed_head": bool(shown_feeds) and _heads_pupil(user, pupil, year),
        "sources": {f.kind: f.source_label(lang()) for f in feeds.feed_rules().values()},
    }, status=status)


def _confirm_note(pupil: Pupil, year: str, term: int, state: str, pub: Publication | None,
                  window: str) -> dict[str, object]:
    """Why the head teacher has not confirmed the term yet, and when it becomes possible."""
    if state != "open":
        return {}
    if not Record.objects.filter(pupil=pupil, school_year=year, term=term, selected=True, withdrawn=False).exists():
        return {"why": "no_records"}
    if pub is None:
        return {"why": "not_published"}
    if window != "closed":
        return {"why": "window", "closes": pub.closes_on}
    waiting = pub.objections.filter(state="open").count()
    return {"why": "objections", "n": waiting} if waiting else {"why": "ready"}


@login_required
@require_GET
def pupil_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _pupil_page(request, access.pupil_or_404(request.user, pk))


def _pupil_writer(request: HttpRequest, pk: int) -> Pupil:
    pupil = access.pupil_or_404(request.user, pk)
    u = request.user
    if not (access.school_reach(u, pupil.school).manages or access.teaches_pupil(u, pupil)
            or services.family_role(u, pupil)):
        raise PermissionDenied("read-only")
    return pupil


def _heads_pupil(user: object, pupil: Pupil, year: str) -> bool:
    class_group = services.class_of(pupil, year)
    return class_group is not None and access.teaches(user, class_group, head_only=True)


FEED_OUTCOMES = {
    "added": (messages.SUCCESS, gettext_lazy("Added to this term's record.")),
    "refreshed": (messages.SUCCESS, gettext_lazy("The figures had changed: the record is updated.")),
    "same": (messages.INFO, gettext_lazy("It is already in the record: nothing changed.")),
    "withdrawn": (messages.INFO, gettext_lazy("This record was withdrawn after an objection: it is not added again.")),
    "nothing": (messages.INFO, gettext_lazy("There is nothing to add for this term.")),
}


@login_required
@require_POST
def feed_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The head teacher adds the fitness result or the habits summary as a record (once)."""
    pupil = access.pupil_or_404(request.user, pk)
    year, term = _year_term(request, _pupil_year(pupil))
    if not _heads_pupil(request.user, pupil, year):
        raise PermissionDenied("the head teacher's step")
    try:
        _record, outcome = feeds.add_feed(request.user, pupil, year, term, request.POST.get("feed", ""),
                                          ip=client_ip(request))
    except services.Refused as exc:
        return _pupil_page(request, pupil, problem=_problem(exc), status=400)
    level, text = FEED_OUTCOMES[outcome]
    messages.add_message(request, level, text)
    return _back(pupil, year, term)


def _back(pupil: Pupil, year: str, term: int) -> HttpResponse:
    return redirect(f"{reverse('quality:pupil', args=[pupil.pk])}?year={year}&term={term}")


@login_required
@require_POST
def record_add(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _pupil_writer(request, pk)
    year, term = _year_term(request, _pupil_year(pupil))
    r = services.rules_for(pupil.school.district)
    form = RecordForm(request.POST, dimensions=r.dimensions, kinds=[(k.code, k.label(lang())) for k in r.kinds],
                      lang=lang())
    if not form.is_valid():
        return _pupil_page(request, pupil, form=form, status=400)
    limits = r.settings["evidence"]
    biggest = max(int(limits["image_max_bytes"]), int(limits["pdf_max_bytes"]))
    files = []
    for f in request.FILES.getlist("evidence")[: int(limits["max_files_per_record"]) + 1]:
        data = f.read(biggest + 1)  # never more than one byte over the limit is read
        files.append((data, f.name or "file"))
    c = form.cleaned_data
    try:
        services.add_record(request.user, pupil, school_year=year, term=term, dimension=c["dimension"],
                            kind=c["kind"], title=c["title"], day=c["day"], description=c["description"],
                            hours=c["hours"], files=files, ip=client_ip(request))
    except services.Refused as exc:
        return _pupil_page(request, pupil, form=form, problem=_problem(exc), status=400)
    messages.success(request, gettext("Record saved: “%(title)s”.") % {"title": c["title"].strip()})
    return redirect(f"{reverse('quality:pupil', args=[pupil.pk])}?year={year}&term={term}#dim-{c['dimension']}")


def _family(request: HttpRequest, pk: int) -> Pupil:
    pupil = access.pupil_or_404(request.user, pk)
    if not services.family_role(request.user, pupil):
        raise PermissionDenied("the pupil's own step")
    return pupil


@login_required
@require_POST
def select(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _family(request, pk)
    year, term = _year_term(request, _pupil_year(pupil))
    ids = [int(x) for x in request.POST.getlist("record") if x.isdigit()]
    try:
        services.select_records(request.user, pupil, year, term, ids, ip=client_ip(request))
    except services.Refused as exc:
        return _pupil_page(request, pupil, problem=_problem(exc), status=400)
    return _back(pupil, year, term)


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _family(request, pk)
    year, term = _year_term(request, _pupil_year(pupil))
    try:
        services.sign(request.user, pupil, year, term, ip=client_ip(request))
    except services.Refused as exc:
        return _pupil_page(request, pupil, problem=_problem(exc), status=400)
    return _back(pupil, year, term)


@login_required
@require_POST
def addendum(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = access.pupil_or_404(request.user, pk)
    if not access.school_reach(request.user, pupil.school).bureau:
        raise PermissionDenied("the bureau's step")
    year, term = _year_term(request, _pupil_year(pupil))
    form = AddendumForm(request.POST)
    try:
        if not form.is_valid():
            raise services.refuse("E1089", rule="quality.addendum", what_zh="补充说明", what_en="An addendum")
        services.add_addendum(request.user, pupil, year, term, form.cleaned_data["text"], ip=client_ip(request))
    except services.Refused as exc:
        return _pupil_page(request, pupil, problem=_problem(exc), status=400)
    return _back(pupil, year, term)


@login_required
@require_GET
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable archive of a pupil (A4, Chinese first): every term, its records and grades."""
    pupil = access.pupil_or_404(request.user, pk)
    terms = []
    for tr in pupil.quality_terms.order_by("school_year", "term"):
        data = selectors.pupil_term(pupil, tr.school_year, tr.term, lang())
        terms.append({"label": services.term_words(tr.school_year, tr.term)[1 if lang() == "en" else 0],
                      "state": rules.TERM_STATES[tr.state][1 if lang() == "en" else 0], **data})
    return render(request, "quality/archive.html", {
        "pupil": pupil, "school": pupil.school, "terms": terms,
        "student_id": access.student_id_for(request.user, pupil), "printed": timezone.localtime(),
    })


@login_required
@require_GET
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    item = Evidence.objects.select_related("record__pupil").filter(pk=pk).first()
    if item is None:
        raise Http404("evidence")
    access.pupil_or_404(request.user, item.record.pupil_id)
    response = HttpResponse(bytes(item.content), content_type=item.content_type)
    ext = "pdf" if "pdf" in item.content_type else "jpg"
    response["Content-Disposition"] = f"inline; filename=evidence-{item.pk}.{ext}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# -- a class -----------------------------------------------------------------------------------

def _class_page(request: HttpRequest, class_group: ClassGroup, *, problem: dict[str, str] | None = None,
                grades_form: GradesForm | None = None, status: int = 200) -> HttpResponse:
    year = class_group.school_year
    _, term = _year_term(request, year)
    head = access.teaches(request.user, class_group, head_only=True)
    pub = selectors.publication_of(class_group, term)
    r = services.rules_for(class_group.school.district)
    today = services.today()
    window = rules.window_state(pub.opens_on, pub.closes_on, today) if pub else ""
    flags = selectors.reuse_flags(class_group.school, year, term) if head or access.school_reach(
        request.user, class_group.school).sees else []
    class_ids = {p.pk for p in services.class_pupils(class_group)}
    return render(request, "quality/class.html", {
        "class_group": class_group, "school": class_group.school, "year": year, "term": term,
        "term_label": services.term_words(year, term)[1 if lang() == "en" else 0],
        "rows": selectors.class_review(class_group, term), "head": head, "pub": pub, "window": window,
        "objections_open": pub.objections.filter(state=Objection.State.OPEN).count() if pub else 0,
        "days": r.settings["publication_days"], "dimensions": [(d.code, d.label(lang())) for d in r.dimensions],
        "grades_per": r.settings["grades_per"], "quota": r.settings["quota_pct"],
        "flags": [f for f in flags if any(x.pupil_id in class_ids for x in f.records)],
        "grades_form": grades_form or GradesForm(dimensions=r.dimensions, lang=lang()),
        "problem": problem, "states": {k: v[1 if lang() == "en" else 0] for k, v in rules.TERM_STATES.items()},
        "terms": rules.terms_begun(year, today) or (1,),
    }, status=status)


@login_required
@require_GET
def class_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _class_page(request, access.class_or_404(request.user, pk))


def _head_class(request: HttpRequest, pk: int) -> ClassGroup:
    class_group = access.class_or_404(request.user, pk)
    if not access.teaches(request.user, class_group, head_only=True):
        raise PermissionDenied("the head teacher's step")
    return class_group


def _back_class(class_group: ClassGroup, term: int) -> HttpResponse:
    return redirect(f"{reverse('quality:class', args=[class_group.pk])}?term={term}")


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = _head_class(request, pk)
    _, term = _year_term(request, class_group.school_year)
    try:
        pub = services.open_publication(request.user, class_group, term, ip=client_ip(request))
    except services.Refused as exc:
        return _class_page(request, class_group, problem=_problem(exc), status=400)
    return redirect("quality:publication", pk=pub.pk)


def _class_pupil(request: HttpRequest, class_group: ClassGroup) -> Pupil | None:
    raw = request.POST.get("pupil", "")
    return Pupil.objects.filter(pk=int(raw), school=class_group.school).first() if raw.isdigit() else None


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = _head_class(request, pk)
    _, term = _year_term(request, class_group.school_year)
    try:
        pupil = _class_pupil(request, class_group)
        if pupil is None:
            raise services.refuse("E1098", value=str(class_group), rule="quality.confirm")
        services.confirm(request.user, class_group, pupil, term, ip=client_ip(request))
    except services.Refused as exc:
        return _class_page(request, class_group, problem=_problem(exc), status=400)
    return _back_class(class_group, term)


@login_required
@require_POST
def grades(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = _head_class(request, pk)
    _, term = _year_term(request, class_group.school_year)
    r = services.rules_for(class_group.school.district)
    form = GradesForm(request.POST, dimensions=r.dimensions, lang=lang())
    form.is_valid()
    c = form.cleaned_data
    try:
        pupil = _class_pupil(request, class_group)
        if pupil is None:
            raise services.refuse("E1098", value=str(class_group), rule="quality.grades")
        services.propose_grades(request.user, class_group, pupil, term,
                                {d.code: c.get(d.code) or "" for d in r.dimensions}, c.get("comment") or "",
                                ip=client_ip(request))
    except services.Refused as exc:
        return _class_page(request, class_group, problem=_problem(exc), status=400)
    return _back_class(class_group, term)


# -- the publication ---------------------------------------------------------------------------

def _publication_or_404(request: HttpRequest, pk: int) -> Publication:
    pub = Publication.objects.select_related("class_group__school__district").filter(pk=pk).first()
    if pub is None:
        raise Http404("publication")
    user = request.user
    members = Pupil.objects.filter(enrolments__class_group=pub.class_group)
    family = members.filter(user=user).exists() or members.filter(guardians__user=user).exists()
    if not (access.sees_class(user, pub.class_group) or family):
        raise Http404("publication")
    return pub


def _publication_page(request: HttpRequest, pub: Publication, *, problem: dict[str, str] | None = None,
                      status: int = 200) -> HttpResponse:
    user = request.user
    rows = selectors.publication_rows(pub, user, lang())
    head = access.teaches(user, pub.class_group, head_only=True)
    window = rules.window_state(pub.opens_on, pub.closes_on, services.today())
    objections = selectors.open_objections(pub)
    index = {r.pupil_id: r.index for r in rows}
    mine = [r for r in rows if r.mine]
    shown = [o for o in objections if head or o.raised_by_id == user.pk]
    return render(request, "quality/publication.html", {
        "pub": pub, "class_group": pub.class_group, "school": pub.class_group.school, "rows": rows,
        "term_label": services.term_words(pub.school_year, pub.term)[1 if lang() == "en" else 0],
        "window": window, "head": head, "can_object": bool(mine) and window == "open",
        "objections": [{"o": o, "index": index.get(o.pupil_id, 0),
                        "state": rules.OBJECTION_STATES[o.state][1 if lang() == "en" else 0]} for o in shown],
        "problem": problem, "items": [(r.index, rec) for r in rows for _, recs in r.items for rec in recs],
    }, status=status)


@login_required
@require_GET
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    return _publication_page(request, _publication_or_404(request, pk))


@login_required
@require_POST
def object_(request: HttpRequest, pk: int) -> HttpResponse:
    pub = _publication_or_404(request, pk)
    members = Pupil.objects.filter(enrolments__class_group=pub.class_group)
    if not (members.filter(user=request.user).exists() or members.filter(guardians__user=request.user).exists()):
        raise PermissionDenied("pupils and guardians of the class")
    try:
        raw = request.POST.get("item", "")
        pupil: Pupil | None = None
        record: Record | None = None
        if raw.startswith("r") and raw[1:].isdigit():
            record = (Record.objects.filter(pk=int(raw[1:]), selected=True, withdrawn=False)
                      .select_related("pupil").first())
            pupil = record.pupil if record else None
        elif raw.startswith("g") and raw[1:].isdigit():
            pupil = members.filter(pk=int(raw[1:])).first()
        if pupil is None:
            raise services.refuse("E1098", value=str(pub.class_group), rule="quality.objection")
        services.raise_objection(request.user, pub, pupil, record, request.POST.get("reason", ""),
                                 ip=client_ip(request))
    except services.Refused as exc:
        return _publication_page(request, pub, problem=_problem(exc), status=400)
    messages.success(request, gettext("Objection sent. The head teacher answers it before the records are confirmed; "
                                      "the answer shows on this page."))
    return redirect("quality:publication", pk=pub.pk)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("publication__class_group"), pk=pk)
    pub = _publication_or_404(request, objection.publication_id)
    if not access.teaches(request.user, pub.class_group, head_only=True):
        raise PermissionDenied("the head teacher's step")
    decision = request.POST.get("decision")
    correction = None
    if decision == "corrected":
        try:
            day: dt.date | None = dt.date.fromisoformat(request.POST.get("day", ""))
        except ValueError:
            day = None
        correction = {"title": request.POST.get("title", ""), "day": day,
                      "description": request.POST.get("description", "")}
    try:
        services.answer_objection(request.user, objection, upheld=decision == "upheld", correction=correction,
                                  answer=request.POST.get("answer", ""), ip=client_ip(request))
    except services.Refused as exc:
        return _publication_page(request, pub, problem=_problem(exc), status=400)
    messages.success(request, gettext("Objection answered."))
    return redirect("quality:publication", pk=pub.pk)


# -- a school and a district -------------------------------------------------------------------

@login_required
@require_GET
def school(request: HttpRequest, code: str) -> HttpResponse:
    """The school's integrity list (flags ask for a look, never block) and its classes."""
    sch = access.school_or_404(request.user, code)
    from youjun.web.apps.pupils import selectors as pupil_selectors

    years = pupil_selectors.years_of(sch)
    year = request.GET.get("year") or (years[0] if years else "")
    if year not in years and years:
        year = years[0]
    return render(request, "quality/school.html", {
        "school": sch, "year": year, "years": years,
        "classes": ClassGroup.objects.filter(school=sch, school_year=year).order_by("grade", "number"),
        "reuse": selectors.reuse_flags(sch, year) if year else [],
        "levels": selectors.graduate_levels(sch, year, lang()) if year else [],
        "bulk": selectors.bulk_flags(sch, year) if year else [],
        "manages": access.school_reach(request.user, sch).manages,
        "bulk_setting": services.rules_for(sch.district).settings["bulk_flag"],
    })


def _attachment(name: str) -> str:
    """A download's Content-Disposition with its Chinese file name (RFC 5987), an ASCII fallback."""
    ascii_name = name.encode("ascii", "ignore").decode().replace("--", "-").replace("-.", ".") or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _text_cell(value: str) -> str:
    return "'" + value if value.startswith(CSV_RISKY) else value


@login_required
@require_GET
def export(request: HttpRequest, code: str) -> HttpResponse:
    """The graduates' grades for senior-high admission: CSV or XLSX, every cell text."""
    sch = access.school_or_404(request.user, code)
    if not access.school_reach(request.user, sch).manages:
        raise PermissionDenied("those who manage the school")
    from youjun.web.apps.pupils import selectors as pupil_selectors

    years = pupil_selectors.years_of(sch)
    year = request.GET.get("year") or (years[0] if years else "")
    if year not in years:
        raise Http404("year")
    levels = {lv.grade: lv for lv in selectors.graduate_levels(sch, year, "zh")}
    raw = request.GET.get("grade", "")
    grade = int(raw) if raw.isdigit() and int(raw) in levels else None
    head, rows = selectors.graduates_grades(sch, year, lang(), grade)
    stem = f"{sch.code}-{year}-综合素质评价等级" + (f"-{levels[grade].file_label}" if grade else "")
    if request.GET.get("format") == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(head)
        writer.writerows([[_text_cell(v) for v in row] for row in rows])
        response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = _attachment(f"{stem}.csv")
        return response
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "综合素质评价等级" if lang() == "zh" else "Grades"
    ws.append(head)
    for row in rows:
        ws.append([_text_cell(v) for v in row])
    for line in ws.iter_rows():
        for cell in line:
            cell.number_format = "@"
            cell.data_type = "s"
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = _attachment(f"{stem}.xlsx")
    return response


@login_required
def district_settings(request: HttpRequest, code: str) -> HttpResponse:
    district = scoping.district_or_404(scoping.scope_of(request.user), code)
    bureau = scoping.can_manage_district(scoping.scope_of(request.user), district)
    r = services.rules_for(district)
    problem = None
    status = 200
    if request.method == "POST":
        if not bureau:
            raise PermissionDenied("the bureau's step")
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.save_district_settings(request.user, district, form.values(), ip=client_ip(request))
                messages.success(request, gettext("Saved: the settings apply to the district's schools from now on."))
                return redirect("quality:settings", code=district.code)
            except services.Refused as exc:
                problem, status = _problem(exc), 400
        else:
            status = 400
    else:
        s = r.settings
        form = SettingsForm(initial={"selection_cap": s["selection_cap_per_dimension"],
                                     "publication_days": s["publication_days"], "grades_per": s["grades_per"],
                                     "quota_a": s["quota_pct"].get("A", "")})
    return render(request, "quality/settings.html", {"district": district, "form": form, "bureau": bureau,
                                                     "problem": problem, "settings": r.settings}, status=status)

