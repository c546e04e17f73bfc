"""The career-record pages: a district's and a school's teacher lists (filtered, paged, exported),
a teacher's record, the teacher's own record, the bureau's forms and the imports. Reads go through
``workforce.access`` (out of reach 404, seen but not allowed 403), writes through ``services``."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.schools.models import Snapshot
from youjun.web.apps.workforce import access, hr_import, links, selectors, services
from youjun.web.apps.workforce.evidence import store_evidence
from youjun.web.apps.workforce.forms import (
    FilterForm,
    HonourForm,
    HRUploadForm,
    KeyAwardForm,
    KeyEndForm,
    QualificationForm,
    RotationForm,
    SnapshotImportForm,
    TeacherForm,
    TitleForm,
)
from youjun.web.apps.workforce.models import Evidence, KeyTeacherAward, Teacher
from youjun.web.apps.workforce.workbook import import_snapshot
from youjun.web.errors import Refused, web_problem
from youjun.web.errors import shown_problem as shown

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HR_KEY = "workforce_hr_import"
MAX_SHOWN_PROBLEMS = 500


def _shown_all(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown(p, lang) for p in problems[:MAX_SHOWN_PROBLEMS]]


# --- lists --------------------------------------------------------------------------------------

def _filters(form: FilterForm) -> selectors.Filters:
    if not form.is_valid():
        return selectors.Filters()
    d = form.cleaned_data
    return selectors.Filters(school=d.get("school") or "", subject=d.get("subject") or "", title=d.get("title") or "",
                             key_tier=d.get("key_tier") or "", eligible=bool(d.get("eligible")), q=d.get("q") or "")


def _rows(teachers: list[Teacher], reach: access.Reach, today: Any, lang: str) -> list[dict[str, Any]]:
    cutoff = selectors.eligible_cutoff(today)
    return [{"t": t, "name": t.name if reach.names else access.mask_name(t.name),
             "subject": selectors.label("subject", t.subject, lang) if t.subject else "",
             "title": selectors.label("title", t.title_now, lang) if t.title_now else "",
             "key": selectors.label("key_tier", t.key_now, lang) if t.key_now else "",
             "since": t.since,
             "eligible": bool(t.since and t.since <= cutoff)}
            for t in teachers]


def _list_page(request: HttpRequest, *, teachers: QuerySet[Teacher], reach: access.Reach, schools: list[School],
               district: District, school: School | None, export_url: str) -> HttpResponse:
    today = timezone.localdate()
    form = FilterForm(request.GET or None, schools=schools, names=reach.names)
    f = _filters(form)
    if school is not None:
        f.school = ""
    qs = selectors.filtered(teachers, f, today=today, names=reach.names)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    lang = lang_code()
    counts = selectors.counts(teachers, today)
    return render(request, "workforce/list.html", {
        "district": district, "school": school, "form": form, "page": page, "total": page.paginator.count,
        "rows": _rows(list(page.object_list), reach, today, lang), "reach": reach, "counts": counts,
        "query": urlencode(query), "export_url": f"{export_url}?{urlencode(query)}" if query else export_url,
        "links": links.school_links(request, school) if school else links.district_links(request, district),
    })


@login_required
@require_safe
def district_list(request: HttpRequest, code: str) -> HttpResponse:
    district = access.district_or_404(request.user, code)
    reach = access.district_reach(request.user, district)
    schools = list(School.objects.filter(district=district).order_by("code"))
    return _list_page(request, teachers=Teacher.objects.filter(district=district), reach=reach, schools=schools,
                      district=district, school=None, export_url=reverse("workforce:district_export", args=[code]))


@login_required
@require_safe
def school_list(request: HttpRequest, code: str) -> HttpResponse:
    school = access.school_or_404(request.user, code)
    reach = access.school_reach(request.user, school)
    return _list_page(request, teachers=Teacher.objects.filter(school=school), reach=reach, schools=[school],
                      district=school.district, school=school,
                      export_url=reverse("workforce:school_export", args=[code]))


def _export(request: HttpRequest, teachers: QuerySet[Teacher], reach: access.Reach, schools: list[School],
            filename: str) -> HttpResponse:
    from openpyxl import Workbook

    today = timezone.localdate()
    form = FilterForm(request.GET or None, schools=schools, names=reach.names)
    f = _filters(form)
    if len(schools) == 1:
        f.school = ""
    qs = selectors.filtered(teachers, f, today=today, names=reach.names)
    cutoff = selectors.eligible_cutoff(today)
    lang = lang_code()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("教师名单")
    heads = ["教师编号", *(["姓名"] if reach.names else []), "学校标识码", "学校", "任教学科", "专业技术职务",
             "骨干教师类别", "本校任教起始日期", "符合交流条件", "是否在编"]
    ws.append(heads)
    for t in qs.iterator(chunk_size=1000):
        since = t.since
        ws.append([t.staff_id] + ([t.name] if reach.names else []) + [
            t.school.code if t.school else "", t.school.name if t.school else "",
            selectors.label("subject", t.subject, lang) if t.subject else "",
            selectors.label("title", t.title_now, lang) if t.title_now else "",
            selectors.label("key_tier", t.key_now, lang) if t.key_now else "",
            since.isoformat() if since else "", "是" if since and since <= cutoff else "否",
            "是" if t.on_establishment else "否"])
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename=\"{filename}\""
    return response


@login_required
@require_safe
def district_export(request: HttpRequest, code: str) -> HttpResponse:
    district = access.district_or_404(request.user, code)
    reach = access.district_reach(request.user, district)
    schools = list(School.objects.filter(district=district).order_by("code"))
    return _export(request, Teacher.objects.filter(district=district), reach, schools, f"teachers-{code}.xlsx")


@login_required
@require_safe
def school_export(request: HttpRequest, code: str) -> HttpResponse:
    school = access.school_or_404(request.user, code)
    reach = access.school_reach(request.user, school)
    return _export(request, Teacher.objects.filter(school=school), reach, [school], f"teachers-{code}.xlsx")


# --- one teacher ----------------------------------------------------------------------------

def _url_or_blank(name: str, *args: Any) -> str:
    """A workforce part's page named by URL (the career record does not import the parts)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _my_links() -> list[links.Link]:
    """On the teacher's own record: her evaluation forms (the differentiated evaluation's "mine"
    page, named by URL so the career record does not import that part)."""
    try:
        return [links.Link(_("My evaluations"), reverse("workforce_appraisal:mine"), testid="wf-my-appraisal")]
    except NoReverseMatch:
        return []


def _age_band(birth_year: int | None) -> str:
    """A reader who may not see the name sees a ten-year age band, not the year of birth: school,
    subject, sex and a year of birth together can name a teacher."""
    if not birth_year:
        return ""
    low = (timezone.localdate().year - birth_year) // 10 * 10
    return _("%(low)s–%(high)s years old") % {"low": low, "high": low + 9}


def _record_page(request: HttpRequest, teacher: Teacher, *, mine: bool = False) -> HttpResponse:
    reach = access.teacher_reach(request.user, teacher)
    rec = selectors.record(teacher)
    lang = lang_code()
    return render(request, "workforce/teacher.html", {
        "teacher": teacher, "rec": rec, "reach": reach, "mine": mine,
        "name": access.name_for(request.user, teacher, reach),
        "eligibility": rec.eligibility.words_zh if lang == "zh" else rec.eligibility.words_en,
        "sex": {"male": _("male"), "female": _("female")}.get(teacher.sex, ""),
        "age_band": "" if reach.names else _age_band(teacher.birth_year),
        "subject": selectors.label("subject", teacher.subject, lang) if teacher.subject else "",
        "section": selectors.label("section", teacher.section, lang) if teacher.section else "",
        "qualifications": [(q, selectors.label("qualification", q.level, lang)) for q in rec.qualifications],
        "titles": [(t, selectors.label("title", t.title, lang)) for t in rec.titles],
        "key_awards": [(k, running, selectors.label("key_tier", k.tier, lang),
                        selectors.label("key_level", k.level, lang)) for k, running in rec.key_awards],
        "honours": [(h, selectors.label("key_level", h.level, lang)) for h in rec.honours],
        "links": links.teacher_links(request, teacher) + (_my_links() if mine else []),
        "growth_url": _url_or_blank("workforce_growth:teacher", teacher.pk) if reach.sees else "",
        "end_form": KeyEndForm(initial={"end": timezone.localdate()}) if reach.bureau else None,
        "panels": extensions.teacher_panels(request, teacher),  # other apps' sections (the courses taught)
    })


@login_required
@require_safe
def teacher(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_page(request, access.teacher_or_404(request.user, pk))


@login_required
@require_safe
def me(request: HttpRequest) -> HttpResponse:
    own = access.own_teacher(request.user)
    if own is None:
        messages.info(request, _("No teacher's record is linked to your account."))
        return redirect("platform:home")
    return _record_page(request, access.teacher_or_404(request.user, own.pk), mine=True)


@login_required
@require_safe
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    row = Evidence.objects.filter(pk=pk).select_related("teacher").first()
    if row is None or row.teacher is None:
        raise Http404("evidence")
    access.teacher_or_404(request.user, row.teacher_id)
    response = HttpResponse(bytes(row.content), content_type=row.content_type)
    response["Content-Disposition"] = "inline; filename=\"evidence.{}\"".format(
        "pdf" if row.content_type == "application/pdf" else "jpg")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the bureau's forms --------------------------------------------------------------------

def _bureau_teacher(request: HttpRequest, pk: int) -> Teacher:
    t = access.teacher_or_404(request.user, pk)
    if not access.teacher_reach(request.user, t).bureau:
        raise PermissionDenied
    return t


def _form_page(request: HttpRequest, *, title: str, form: Any, teacher: Teacher | None = None,
               district: District | None = None, problems: list[dict[str, Any]] | None = None,
               multipart: bool = False, status: int = 200) -> HttpResponse:
    return render(request, "workforce/form.html", {
        "title": title, "form": form, "teacher": teacher,
        "district": district or (teacher.district if teacher else None),
        "name": access.name_for(request.user, teacher) if teacher else "", "multipart": multipart,
        "problems": _shown_all(problems or []), "problem_count": len(problems or [])}, status=status)


def _teacher_form_view(request: HttpRequest, pk: int, *, title: str, make: Callable[..., Any],
                       write: Callable[[Teacher, dict[str, Any]], str], multipart: bool = False) -> HttpResponse:
    t = _bureau_teacher(request, pk)
    form = make(request.POST or None, request.FILES or None) if request.method == "POST" else make()
    if request.method != "POST":
        return _form_page(request, title=title, form=form, teacher=t, multipart=multipart)
    if not form.is_valid():
        return _form_page(request, title=title, form=form, teacher=t, multipart=multipart, status=400)
    try:
        done = write(t, form.cleaned_data)
    except Refused as exc:
        return _form_page(request, title=title, form=form, teacher=t, multipart=multipart, problems=exc.problems,
                          status=400)
    messages.success(request, done)
    return redirect("workforce:teacher", pk=t.pk)


@login_required
def teacher_add(request: HttpRequest, code: str) -> HttpResponse:
    district = access.district_or_404(request.user, code)
    if not access.district_reach(request.user, district).bureau:
        raise PermissionDenied
    title = _("Add a teacher")
    form = TeacherForm(request.POST or None, district=district,
                       initial={"start": timezone.localdate(), "on_establishment": True, "has_certificate": True})
    if request.method != "POST":
        return _form_page(request, title=title, form=form, district=district)
    if not form.is_valid():
        return _form_page(request, title=title, form=form, district=district, status=400)
    d = dict(form.cleaned_data)
    staff_id, school, start = d.pop("staff_id"), d.pop("school"), d.pop("start")
    try:
        t = services.add_teacher(request.user, district, staff_id=staff_id, school=school, start=start, **d)
    except Refused as exc:
        if any(p["code"] == "E1155" for p in exc.problems):  # an ID-card number is not shown back
            data = request.POST.copy()
            data["staff_id"] = ""
            form = TeacherForm(data, district=district)
        return _form_page(request, title=title, form=form, district=district, problems=exc.problems, status=400)
    messages.success(request, _("Teacher %(id)s added.") % {"id": t.staff_id})
    return redirect("workforce:teacher", pk=t.pk)


@login_required
def teacher_edit(request: HttpRequest, pk: int) -> HttpResponse:
    t = _bureau_teacher(request, pk)
    initial = {k: getattr(t, k) for k in services.TEACHER_FIELDS}

    def make(*args: Any) -> TeacherForm:
        return TeacherForm(*args[:1], district=t.district, editing=True, initial=initial)

    def write(t: Teacher, d: dict[str, Any]) -> str:
        services.edit_teacher(request.user, t, **d)
        return _("The teacher's details are saved.")

    return _teacher_form_view(request, pk, title=_("Change the teacher's details"), make=make, write=write)


@login_required
def rotate(request: HttpRequest, pk: int) -> HttpResponse:
    t = _bureau_teacher(request, pk)

    def make(*args: Any) -> RotationForm:
        return RotationForm(*args[:1], district=t.district, current=t.school, initial={"start": timezone.localdate()})

    def write(t: Teacher, d: dict[str, Any]) -> str:
        services.rotate(request.user, t, d["to_school"], start=d["start"], note=d.get("note") or "")
        return _("Rotation to %(school)s recorded.") % {"school": d["to_school"].name}

    return _teacher_form_view(request, pk, title=_("Record a rotation"), make=make, write=write)


@login_required
def qualification_add(request: HttpRequest, pk: int) -> HttpResponse:
    def write(t: Teacher, d: dict[str, Any]) -> str:
        services.add_qualification(request.user, t, level=d["level"], major=d.get("major") or "",
                                   institution=d.get("institution") or "", awarded_on=d.get("awarded_on"))
        return _("Qualification recorded.")

    return _teacher_form_view(request, pk, title=_("Add a qualification"),
                              make=lambda *a: QualificationForm(*a[:1]), write=write)


@login_required
def title_add(request: HttpRequest, pk: int) -> HttpResponse:
    def write(t: Teacher, d: dict[str, Any]) -> str:
        services.add_title(request.user, t, title=d["title"], awarded_on=d["awarded_on"])
        return _("Title recorded.")

    return _teacher_form_view(request, pk, title=_("Add a title"), make=lambda *a: TitleForm(*a[:1]), write=write)


@login_required
def key_add(request: HttpRequest, pk: int) -> HttpResponse:
    def write(t: Teacher, d: dict[str, Any]) -> str:
        services.add_key_award(request.user, t, tier=d["tier"], level=d["level"], start=d["start"], end=d.get("end"))
        return _("Key-teacher term recorded.")

    return _teacher_form_view(request, pk, title=_("Add a key-teacher term"), make=lambda *a: KeyAwardForm(*a[:1]),
                              write=write)


@login_required
@require_POST
def key_end(request: HttpRequest, pk: int) -> HttpResponse:
    t = _bureau_teacher(request, pk)
    form = KeyEndForm(request.POST)
    award = None
    if form.is_valid():
        award = KeyTeacherAward.objects.filter(pk=form.cleaned_data["award"], teacher=t).first()
    if award is None:
        return _form_page(request, title=_("End a key-teacher term"), form=form, teacher=t, status=400)
    try:
        services.end_key_award(request.user, award, end=form.cleaned_data["end"])
    except Refused as exc:
        return _form_page(request, title=_("End a key-teacher term"), form=form, teacher=t, problems=exc.problems,
                          status=400)
    messages.success(request, _("Key-teacher term ended."))
    return redirect("workforce:teacher", pk=t.pk)


@login_required
def honour_add(request: HttpRequest, pk: int) -> HttpResponse:
    def write(t: Teacher, d: dict[str, Any]) -> str:
        ev = store_evidence(request.user, t, d["evidence"]) if d.get("evidence") else None
        services.add_honour(request.user, t, kind=d["kind"], name=d["name"], level=d["level"],
                            prize=d.get("prize") or "", awarded_on=d["awarded_on"], evidence=ev)
        if ev is not None and ev.reused_by:
            messages.warning(request, _("The same file is already stored for another teacher (%(ids)s): check it.")
                             % {"ids": "、".join(ev.reused_by[:5])})
        return _("Honour or contest result recorded.")

    return _teacher_form_view(request, pk, title=_("Add an honour or contest result"),
                              make=lambda *a: HonourForm(*a[:2]), write=write, multipart=True)


# --- imports -------------------------------------------------------------------------------

def _bureau_district(request: HttpRequest, code: str) -> District:
    district = access.district_or_404(request.user, code)
    if not access.district_reach(request.user, district).bureau:
        raise PermissionDenied
    return district


def _import_page(request: HttpRequest, district: District, *, form: HRUploadForm | None = None,
                 problems: list[dict[str, Any]] | None = None, preview: hr_import.Preview | None = None,
                 filename: str = "", status: int = 200) -> HttpResponse:
    snaps = selectors.snapshots(district)
    return render(request, "workforce/import.html", {
        "district": district, "form": form or HRUploadForm(), "problems": _shown_all(problems or []),
        "problem_count": len(problems or []), "preview": preview, "filename": filename,
        "snapshot_form": SnapshotImportForm(years=[s.school_year for s in snaps]) if snaps else None,
        "headers": hr_import.HEADERS, "max_rows": hr_import.MAX_ROWS}, status=status)


@login_required
def district_import(request: HttpRequest, code: str) -> HttpResponse:
    """The HR spreadsheet: an upload → its problems (nothing written), or a preview to confirm."""
    district = _bureau_district(request, code)
    if request.method != "POST":
        return _import_page(request, district)
    request.session.pop(HR_KEY, None)
    form = HRUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, district, form=form, status=400)
    upload = form.cleaned_data["file"]
    name = str(upload.name or "teachers.xlsx")[:120]
    size = int(upload.size or 0)
    content = upload.read() if size <= hr_import.MAX_BYTES else b""
    parsed = hr_import.read_upload(content, name, district, size=size)
    if parsed.problems:
        return _import_page(request, district, form=form, problems=parsed.problems, filename=name, status=400)
    request.session[HR_KEY] = hr_import.rows_to_session(district, parsed)
    return _import_page(request, district, form=form, preview=hr_import.preview(district, parsed.rows), filename=name)


@login_required
@require_POST
def district_import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    district = _bureau_district(request, code)
    data = request.session.get(HR_KEY)
    if not data or data.get("district") != district.code:
        return _import_page(request, district, problems=[web_problem(
            "E1159", value="—", rule=hr_import.RULE,
            detail=("没有待确认的文件，请先上传并检查", "there is no checked file to confirm: upload it first"))],
            status=400)
    filename, rows = hr_import.rows_from_session(data)
    try:
        result = services.upsert_teachers(request.user, district, rows, as_of=timezone.localdate(),
                                          source=filename)
    except Refused as exc:
        request.session.pop(HR_KEY, None)
        return _import_page(request, district, problems=exc.problems, filename=filename, status=400)
    request.session.pop(HR_KEY, None)
    messages.success(request, _("Teachers saved: %(new)s new, %(updated)s updated, %(moved)s changed school.") % {
        "new": f"{result.created:,}", "updated": f"{result.updated:,}", "moved": f"{result.moved:,}"})
    return redirect("workforce:district", code=district.code)


@login_required
@require_POST
def district_import_snapshot(request: HttpRequest, code: str) -> HttpResponse:
    """The teachers of a stored school year of the district's workbook."""
    district = _bureau_district(request, code)
    years = [s.school_year for s in selectors.snapshots(district)]
    form = SnapshotImportForm(request.POST, years=years)
    year = request.POST.get("school_year", "")
    snapshot = Snapshot.objects.filter(district=district, school_year=year, current=True).first() \
        if form.is_valid() else None
    if snapshot is None:
        return _import_page(request, district, problems=[web_problem("E1164", value=year or "—",
                                                                     rule="workforce.snapshot")], status=400)
    try:
        result = import_snapshot(request.user, snapshot)
    except Refused as exc:
        return _import_page(request, district, problems=exc.problems, filename=snapshot.source, status=400)
    messages.success(request, _("Teachers of %(year)s imported: %(new)s new, %(updated)s updated, %(moved)s changed "
                                "school.") % {"year": year, "new": f"{result.created:,}",
                                             "updated": f"{result.updated:,}", "moved": f"{result.moved:,}"})
    return redirect("workforce:district", code=district.code)


@login_required
@require_safe
def district_import_template(request: HttpRequest, code: str) -> HttpResponse:
    _bureau_district(request, code)
    response = HttpResponse(hr_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%95%99%E5%B8%88%E4%BF%A1%E6%81%AF.xlsx"
    return response
