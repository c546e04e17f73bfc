"""Pages of the training ledger: a district's and a school's cycle lists (sorted by shortfall,
filtered, paged, XLSX), a teacher's cycle, courses and sessions with their attendance (one by one
or from a sheet: upload → problems or a preview → confirm), and the bureau's G9 setting.

Reads go through ``workforce.access`` (out of reach 404, seen but not allowed 403; names only
where the reach allows); writes through ``services``. A district's courses (national to area)
are the bureau's; a school's own (校本研修) its data officer's and the bureau's.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from youjun.core import workforce_training as core
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.selectors_dashboard import register_state
from youjun.web.apps.workforce.training import attendance_import, selectors, services
from youjun.web.apps.workforce.training.forms import (
    AttendForm,
    CourseForm,
    FilterForm,
    SessionForm,
    SettingForm,
    UploadForm,
)
from youjun.web.apps.workforce.training.models import Course, TrainingSession
from youjun.web.errors import Refused, web_problem
from youjun.web.errors import shown_problem as shown

PAGE = 50
IMPORT_KEY = "workforce_training_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- helpers --------------------------------------------------------------------------------

def hours_text(value: Any) -> str:
    """Hours as people read them: 1 decimal only when there is one, thousands grouped."""
    number = round(float(value or 0), 1)
    digits = 0 if number.is_integer() else 1
    return formats.number_format(number, digits, use_l10n=True, force_grouping=True)


def _course_reach(user: Any, course: Course) -> access.Reach:
    if course.school is not None:
        return access.school_reach(user, course.school)
    return access.district_reach(user, course.district)


def _may_write(user: Any, course: Course) -> bool:
    reach = _course_reach(user, course)
    return reach.manages if course.school is not None else reach.bureau


def _course_or_404(user: Any, pk: int) -> Course:
    course = Course.objects.select_related("district", "school__district").filter(pk=pk).first()
    if course is None or not _course_reach(user, course).sees:
        raise Http404("course")
    return course


def _session_or_404(user: Any, pk: int) -> TrainingSession:
    session = (TrainingSession.objects.select_related("course__district", "course__school__district", "host_school")
               .filter(pk=pk).first())
    if session is None or not _course_reach(user, session.course).sees:
        raise Http404("session")
    return session


def _cycle(request: HttpRequest) -> tuple[core.Cycle, Any]:
    today = timezone.localdate()
    r = selectors.rules(today)
    raw = request.GET.get("cycle", "")
    cycle = r.cycle_starting(int(raw)) if raw.isdigit() and 2000 <= int(raw) <= 2100 else r.cycle_of(today)
    return cycle, today


def _cycle_choices(today: Any) -> list[core.Cycle]:
    r = selectors.rules(today)
    now = r.cycle_of(today)
    return [c for c in r.cycles if c.start_year <= now.start_year][-3:] or [now]


def _filter_data(request: HttpRequest) -> dict[str, Any]:
    """The list's filters: those short of the hours unless the person chose otherwise."""
    data: dict[str, Any] = request.GET.dict()
    data.setdefault("status", "short")
    return data


def _filtered(rows: list[selectors.CycleRow], form: FilterForm) -> list[selectors.CycleRow]:
    data = form.cleaned_data if form.is_valid() else {"status": "short"}
    status = data.get("status", "short")
    if status == "short":
        rows = [r for r in rows if not r.standing.done]
    elif status == "done":
        rows = [r for r in rows if r.standing.done]
    if data.get("school"):
        rows = [r for r in rows if r.school_code == data["school"]]
    q = (data.get("q") or "").strip().upper()
    if q:
        rows = [r for r in rows if q in r.staff_id.upper()]
    return rows


def _row_view(row: selectors.CycleRow, names: bool, lang: str) -> dict[str, Any]:
    s = row.standing
    return {"pk": row.teacher_id, "staff_id": row.staff_id, "name": row.name if names else access.mask_name(row.name),
            "school": row.school_name, "school_code": row.school_code,
            "by_type": [hours_text(s.by_type.get(t, 0)) for t in core.HOUR_TYPES], "counted": hours_text(s.counted),
            "short": hours_text(s.short), "done": s.done, "capped": hours_text(s.capped) if s.capped else ""}


def _standing_view(s: core.Standing, lang: str) -> dict[str, Any]:
    r = selectors.rules(timezone.localdate())
    return {"cycle": s.cycle.label, "ended": timezone.localdate() > s.cycle.end,
            "counted": hours_text(s.counted), "recorded": hours_text(s.recorded),
            "required": hours_text(s.required), "short": hours_text(s.short), "done": s.done,
            "days_left": formats.number_format(s.days_left, 0, use_l10n=True, force_grouping=True),
            "capped": hours_text(s.capped) if s.capped else "",
            "percent": min(round(s.counted / s.required * 100), 100) if s.required else 100,
            "types": [{"label": r.hour_type(t).label(lang), "hours": hours_text(s.by_type.get(t, 0)),
                       "cap": hours_text(r.caps[t]) if r.caps.get(t) is not None else ""}
                      for t in core.HOUR_TYPES]}


def _list_context(request: HttpRequest, rows: list[selectors.CycleRow], names: bool,
                  schools: list[tuple[str, str]] | None) -> dict[str, Any]:
    lang = lang_code()
    form = FilterForm(_filter_data(request), schools=schools)
    shown_rows = _filtered(rows, form)
    page = Paginator(shown_rows, PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    r = selectors.rules(timezone.localdate())
    return {"form": form, "page": page, "rows": [_row_view(x, names, lang) for x in page.object_list],
            "ended": timezone.localdate() > (rows[0].standing.cycle.end if rows else dt.date.max),
            "matching": len(shown_rows), "summary": selectors.summary(rows), "query": query.urlencode(),
            "types": [r.hour_type(t).label(lang) for t in core.HOUR_TYPES],
            "caps_local": r.caps_local, "cycles_local": r.cycles_local}


def _export(rows: list[selectors.CycleRow], names: bool, cycle: core.Cycle, title: str, filename: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    r = selectors.rules(timezone.localdate())
    wb = Workbook()
    ws = wb.active
    ws.title = "培训学时"
    ws.cell(row=1, column=1, value=f"{title} · {cycle.label} 周期（不少于 {hours_text(r.required_hours)} 学时）")
    heads = ("教师编号", "姓名", "学校", *(r.hour_type(t).zh + "（学时）" for t in core.HOUR_TYPES), "计入学时",
             "尚缺学时", "距周期结束（天）")
    for col, head in enumerate(heads, start=1):
        ws.cell(row=2, column=col, value=head).font = Font(bold=True)
    for n, row in enumerate(rows, start=3):
        s = row.standing
        values = (row.staff_id, row.name if names else access.mask_name(row.name), row.school_name,
                  *(s.by_type.get(t, 0) for t in core.HOUR_TYPES), s.counted, s.short, s.days_left)
        for col, value in enumerate(values, start=1):
            ws.cell(row=n, column=col, value=value)
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _schools(district: District) -> list[tuple[str, str]]:
    return list(School.objects.filter(district=district).order_by("code").values_list("code", "name"))


def _refused(request: HttpRequest, exc: Refused) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown(p, lang) for p in exc.problems]


# --- district and school lists --------------------------------------------------------------

def _district(request: HttpRequest, code: str) -> tuple[District, access.Reach]:
    district = access.district_or_404(request.user, code)
    return district, access.district_reach(request.user, district)


@login_required
@require_safe
def district(request: HttpRequest, code: str) -> HttpResponse:
    district, reach = _district(request, code)
    cycle, today = _cycle(request)
    rows = selectors.cycle_rows(selectors.district_teachers(district), cycle, today)
    lang = lang_code()
    spend = [{**s, "spend_text": formats.number_format(s["spend"], 0, use_l10n=True, force_grouping=True),
              "per_teacher_text": formats.number_format(s["per_teacher"], 0, use_l10n=True, force_grouping=True)
              if s["per_teacher"] is not None else "—"} for s in selectors.spend_by_year(district)[:6]]
    return render(request, "workforce_training/district.html", {
        "district": district, "reach": reach, "cycle": cycle, "cycles": _cycle_choices(today),
        "days_left": formats.number_format(cycle.days_left(today), 0, use_l10n=True, force_grouping=True),
        "spend": spend, "uses_ledger": selectors.uses_ledger(district),
        "required": hours_text(selectors.rules(today).required_hours), "lang": lang,
        # an empty register: the tiles say 暂无记录 with the uploaded data's teachers, never 0 teachers
        "register": register_state(district), "bureau": reach.bureau,
        **_list_context(request, rows, reach.names, _schools(district)),
    })


@login_required
@require_safe
def district_export(request: HttpRequest, code: str) -> HttpResponse:
    district, reach = _district(request, code)
    cycle, today = _cycle(request)
    rows = selectors.cycle_rows(selectors.district_teachers(district), cycle, today)
    rows = _filtered(rows, FilterForm(_filter_data(request), schools=_schools(district)))
    return _export(rows, reach.names, cycle, f"{district.name}教师培训学时",
                   f"training-{district.code}-{cycle.start_year}.xlsx")


@login_required
def courses(request: HttpRequest, code: str) -> HttpResponse:
    district, reach = _district(request, code)
    form = CourseForm(initial={"year": timezone.localdate().year})
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        if not reach.bureau:
            raise PermissionDenied
        form = CourseForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                course = services.create_course(request.user, district, name=d["name"], level=d["level"],
                                                hour_type=d["hour_type"], organiser=d["organiser"],
                                                funded=d["funded"], cost_yuan=d["cost_yuan"], year=d["year"])
            except Refused as exc:
                problems = _refused(request, exc)
            else:
                messages.success(request, _("The course is saved: add its sessions."))
                return redirect("workforce_training:course", pk=course.pk)
    page = Paginator(selectors.district_courses(district), PAGE).get_page(request.GET.get("page"))
    return render(request, "workforce_training/courses.html", {
        "district": district, "reach": reach, "form": form, "page": page, "problems": problems,
        "levels": _level_words(),
    }, status=400 if problems or (request.method == "POST" and not form.is_valid()) else 200)


def _level_words() -> dict[str, str]:
    r = selectors.rules(timezone.localdate())
    lang = lang_code()
    return {**{lv.code: lv.label(lang) for lv in r.levels}, **{t.code: t.label(lang) for t in r.hour_types}}


@login_required
def settings(request: HttpRequest, code: str) -> HttpResponse:
    district, reach = _district(request, code)
    if request.method == "POST":
        if not reach.bureau:
            raise PermissionDenied
        form = SettingForm(request.POST)
        if form.is_valid():
            services.set_ledger_for_g9(request.user, district, form.cleaned_data["use_for_g9"])
            messages.success(request, _("The setting is saved."))
            return redirect("workforce_training:settings", code=district.code)
    return render(request, "workforce_training/settings.html", {
        "district": district, "reach": reach,
        "form": SettingForm(initial={"use_for_g9": selectors.uses_ledger(district)}),
    })


def _school(request: HttpRequest, code: str) -> tuple[School, access.Reach]:
    school = access.school_or_404(request.user, code)
    return school, access.school_reach(request.user, school)


@login_required
def school(request: HttpRequest, code: str) -> HttpResponse:
    school, reach = _school(request, code)
    cycle, today = _cycle(request)
    form = CourseForm(school_level=True, initial={"year": today.year, "level": "school"})
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        if not reach.manages:
            raise PermissionDenied
        form = CourseForm(request.POST, school_level=True)
        if form.is_valid():
            d = form.cleaned_data
            try:
                course = services.create_course(request.user, school.district, school=school, name=d["name"],
                                                level=d["level"], hour_type=d["hour_type"], organiser=d["organiser"],
                                                year=d["year"])
            except Refused as exc:
                problems = _refused(request, exc)
            else:
                messages.success(request, _("The course is saved: add its sessions."))
                return redirect("workforce_training:course", pk=course.pk)
    rows = selectors.cycle_rows(selectors.school_teachers(school), cycle, today)
    return render(request, "workforce_training/school.html", {
        "school": school, "district": school.district, "reach": reach, "cycle": cycle, "cycles": _cycle_choices(today),
        "days_left": formats.number_format(cycle.days_left(today), 0, use_l10n=True, force_grouping=True),
        "course_form": form, "problems": problems, "courses": selectors.school_courses(school)[:50],
        "levels": _level_words(), "required": hours_text(selectors.rules(today).required_hours),
        "register": register_state(school.district),
        "bureau": access.district_reach(request.user, school.district).bureau,
        **_list_context(request, rows, reach.names, None),
    }, status=400 if problems or (request.method == "POST" and not form.is_valid()) else 200)


@login_required
@require_safe
def school_export(request: HttpRequest, code: str) -> HttpResponse:
    school, reach = _school(request, code)
    cycle, today = _cycle(request)
    rows = _filtered(selectors.cycle_rows(selectors.school_teachers(school), cycle, today),
                     FilterForm(_filter_data(request)))
    return _export(rows, reach.names, cycle, f"{school.name}教师培训学时",
                   f"training-{school.code}-{cycle.start_year}.xlsx")


# --- a teacher ------------------------------------------------------------------------------

@login_required
@require_safe
def teacher(request: HttpRequest, pk: int) -> HttpResponse:
    t: Teacher = access.teacher_or_404(request.user, pk)
    reach = access.teacher_reach(request.user, t)
    cycle, today = _cycle(request)
    lang = lang_code()
    standing = selectors.teacher_standing(t, cycle, today)
    levels = _level_words()
    rows = [{"course": a.session.course.name, "level": levels.get(a.session.course.level, ""),
             "type": levels.get(a.hour_type, ""), "start": a.session.start, "end": a.day, "hours": hours_text(a.hours),
             "passed": a.passed, "in_cycle": cycle.contains(a.day)} for a in selectors.teacher_attendance(t)]
    return render(request, "workforce_training/teacher.html", {
        "teacher": t, "name": access.name_for(request.user, t, reach), "reach": reach, "cycle": cycle,
        "cycles": _cycle_choices(today), "s": _standing_view(standing, lang), "rows": rows,
        "recorded_in_cycle": any(r["in_cycle"] for r in rows),
        "caps_local": selectors.rules(today).caps_local, "cycles_local": selectors.rules(today).cycles_local,
    })


# --- courses and sessions -------------------------------------------------------------------

@login_required
def course(request: HttpRequest, pk: int) -> HttpResponse:
    c = _course_or_404(request.user, pk)
    writer = _may_write(request.user, c)
    schools = None if c.school_id else _schools(c.district)
    form = SessionForm(schools=schools)
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        form = SessionForm(request.POST, schools=schools)
        if form.is_valid():
            d = form.cleaned_data
            host = School.objects.filter(district=c.district, code=d.get("host_school") or "").first()
            try:
                s = services.add_session(request.user, c, start=d["start"], end=d["end"], hours=d["hours"],
                                         place=d["place"], host_school=host)
            except Refused as exc:
                problems = _refused(request, exc)
            else:
                messages.success(request, _("The session is saved: record its attendance."))
                return redirect("workforce_training:session", pk=s.pk)
    return render(request, "workforce_training/course.html", {
        "course": c, "district": c.district, "writer": writer, "form": form, "problems": problems,
        "sessions": selectors.course_sessions(c), "levels": _level_words(),
        "cost": formats.number_format(c.cost_yuan, 0 if c.cost_yuan == int(c.cost_yuan) else 2, use_l10n=True,
                                      force_grouping=True),
    }, status=400 if problems or (request.method == "POST" and not form.is_valid()) else 200)


def _session_page(request: HttpRequest, s: TrainingSession, *, attend_form: AttendForm | None = None,
                  upload_form: UploadForm | None = None, problems: list[dict[str, Any]] | None = None,
                  problem_count: int = 0, preview: attendance_import.Preview | None = None, filename: str = "",
                  status: int = 200) -> HttpResponse:
    reach = _course_reach(request.user, s.course)
    page = Paginator(selectors.session_attendance(s), 100).get_page(request.GET.get("page"))
    rows = [{"pk": a.teacher_id, "staff_id": a.teacher.staff_id,
             "name": a.teacher.name if reach.names else access.mask_name(a.teacher.name),
             "school": a.teacher.school.name if a.teacher.school else "", "hours": hours_text(a.hours),
             "passed": a.passed} for a in page.object_list]
    return render(request, "workforce_training/session.html", {
        "session": s, "course": s.course, "district": s.course.district, "writer": _may_write(request.user, s.course),
        "page": page, "rows": rows, "hours": hours_text(s.hours), "levels": _level_words(),
        "attend_form": attend_form or AttendForm(), "upload_form": upload_form or UploadForm(),
        "problems": problems or [], "problem_count": problem_count or len(problems or []), "preview": preview,
        "filename": filename, "headers": attendance_import.HEADERS, "max_rows": attendance_import.MAX_ROWS,
    }, status=status)


def _writable_session(request: HttpRequest, pk: int) -> TrainingSession:
    s = _session_or_404(request.user, pk)
    if not _may_write(request.user, s.course):
        raise PermissionDenied
    return s


@login_required
def session(request: HttpRequest, pk: int) -> HttpResponse:
    """A session's attendance; POST: an uploaded sheet → its problems or a preview to confirm."""
    if request.method != "POST":
        return _session_page(request, _session_or_404(request.user, pk))
    s = _writable_session(request, pk)
    request.session.pop(IMPORT_KEY, None)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _session_page(request, s, upload_form=form, status=400)
    upload = form.cleaned_data["file"]
    name = str(upload.name or "")[:120]
    parsed = attendance_import.read_upload(s, upload.read(attendance_import.MAX_BYTES + 1), name, upload.size)
    lang = lang_code()
    if parsed.problems:
        return _session_page(request, s, upload_form=form, problems=[shown(p, lang) for p in parsed.problems[:500]],
                             problem_count=len(parsed.problems), filename=name, status=400)
    request.session[IMPORT_KEY] = attendance_import.rows_to_session(s, parsed)
    return _session_page(request, s, preview=attendance_import.preview(s, parsed.rows), filename=name)


@login_required
@require_POST
def session_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    s = _writable_session(request, pk)
    data = request.session.get(IMPORT_KEY)
    if not data or data.get("session") != s.pk:
        problem = web_problem("E1179", rule=attendance_import.RULE)
        return _session_page(request, s, problems=[shown(problem, lang_code())], status=400)
    filename, rows = attendance_import.rows_from_session(data)
    result = services.replace_attendance(request.user, s, rows, filename=filename)
    request.session.pop(IMPORT_KEY, None)
    messages.success(request, _("Attendance saved: %(n)s teachers (the session had %(before)s).")
                     % {"n": formats.number_format(result.after, 0, use_l10n=True, force_grouping=True),
                        "before": formats.number_format(result.before, 0, use_l10n=True, force_grouping=True)})
    return redirect("workforce_training:session", pk=s.pk)


@login_required
@require_POST
def session_attend(request: HttpRequest, pk: int) -> HttpResponse:
    s = _writable_session(request, pk)
    form = AttendForm(request.POST)
    if not form.is_valid():
        return _session_page(request, s, attend_form=form, status=400)
    d = form.cleaned_data
    course = s.course
    mine = Teacher.objects.filter(district=course.district, staff_id=d["staff_id"].strip().upper())
    if course.school_id is not None:
        mine = mine.filter(school_id=course.school_id)
    t = mine.first()
    try:
        if t is None:  # the same words whether the number is unknown or someone else's (no confirmation)
            raise Refused([web_problem(
                "E1183", value=d["staff_id"], rule="workforce_training.attendance",
                detail=("本校", "this school's") if course.school_id else ("本区县", "this district's"))])
        services.record_attendance(request.user, s, t, hours=d["hours"], passed=d["passed"])
    except Refused as exc:
        return _session_page(request, s, attend_form=form, problems=_refused(request, exc), status=400)
    messages.success(request, _("Attendance recorded."))
    return redirect("workforce_training:session", pk=s.pk)


@login_required
@require_safe
def session_template(request: HttpRequest, pk: int) -> HttpResponse:
    s = _session_or_404(request.user, pk)
    response = HttpResponse(attendance_import.template_xlsx(s), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="training-attendance-{s.pk}.xlsx"'
    return response
