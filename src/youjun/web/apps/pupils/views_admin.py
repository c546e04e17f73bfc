"""The school's data officer's pages (and the bureau's): the pupil roster import (template,
upload → problems or a preview → confirm), a class's teachers, guardians' and pupils' accounts
with log-in slips (shown once), and a pupil's leaving, password re-issue and transfer.

Out of reach is 404 (``access``); seen but not managed is 403. Writes go through ``services``,
``accounts`` (audited there)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from youjun.web.apps.platform.audit import client_ip
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.pupils import access, accounts, roster_import, selectors, services
from youjun.web.apps.pupils.forms import LeaveForm, RosterUploadForm, TeacherForm, TransferForm
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Guardian, Pupil
from youjun.web.errors import shown_problem as shown
from youjun.web.errors import web_problem

ROSTER_KEY = "pupils_roster"
PROBLEMS_KEY = "pupils_roster_problems"
MAX_KEPT_PROBLEMS = 2_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REISSUE = {"reissue_guardians": "guardian", "reissue_pupils": "pupil"}


def _managed_school(request: HttpRequest, code: str) -> School:
    school = access.school_or_404(request.user, code)
    if not access.school_reach(request.user, school).manages:
        raise PermissionDenied
    return school


def _managed_class(request: HttpRequest, pk: int) -> ClassGroup:
    class_group = access.class_or_404(request.user, pk)
    if not access.school_reach(request.user, class_group.school).manages:
        raise PermissionDenied
    return class_group


def _managed_pupil(request: HttpRequest, pk: int, *, bureau: bool = False) -> Pupil:
    pupil = access.pupil_or_404(request.user, pk)
    reach = access.school_reach(request.user, pupil.school)
    if not (reach.bureau if bureau else reach.manages):
        raise PermissionDenied
    return pupil


def public_url(request: HttpRequest, path: str) -> str:
    """The address people type, for a printed slip: ``YOUJUN_PUBLIC_URL`` (the site's public
    address, e.g. https://jiaoyu.example.cn/) joined with ``path``, else the request's host."""
    base = str(getattr(settings, "YOUJUN_PUBLIC_URL", "") or "").strip()
    if not base:
        return request.build_absolute_uri(path)
    parts = urlsplit(base if "://" in base else f"https://{base}")
    prefix = parts.path.rstrip("/")
    if prefix and (path == prefix or path.startswith(prefix + "/")):  # the path already carries it
        prefix = ""
    return f"{parts.scheme}://{parts.netloc}{prefix}{path}"


def _slips(request: HttpRequest, school: School, slips: list[accounts.Slip], back: str) -> HttpResponse:
    response = render(request, "pupils/slips.html", {
        "school": school, "slips": slips, "back": back,
        "login_url": public_url(request, reverse("platform:login")),
    })
    response["Cache-Control"] = "no-store"
    return response


# --- roster ---------------------------------------------------------------------------------

def _roster_form(school: School, **kwargs: Any) -> RosterUploadForm:
    """The upload form; its school year one of the plausible ones: the current, the one before
    and the next, and any the school already has classes in."""
    current = access.school_year_of(timezone.localdate())
    start = int(current[:4])
    years = {f"{y}-{y + 1}" for y in (start - 1, start, start + 1)} | set(selectors.years_of(school))
    initial = kwargs.pop("initial", None) or {}
    if not initial.get("school_year"):
        initial["school_year"] = current
    return RosterUploadForm(years=sorted(years, reverse=True), initial=initial, **kwargs)


def _roster_page(request: HttpRequest, school: School, *, form: RosterUploadForm | None = None,
                 problems: list[dict[str, Any]] | None = None, preview: roster_import.Preview | None = None,
                 filename: str = "", school_year: str = "", status: int = 200) -> HttpResponse:
    lang = lang_code()
    return render(request, "pupils/roster.html", {
        "school": school, "form": form or _roster_form(school, initial={"school_year": school_year or None}),
        "problems": [shown(p, lang) for p in (problems or [])[:500]], "problem_count": len(problems or []),
        "preview": preview, "filename": filename, "school_year": school_year, "max_rows": roster_import.MAX_ROWS,
        "headers": roster_import.HEADERS, "reasons": LeaveForm(),
    }, status=status)


@login_required
def roster(request: HttpRequest, code: str) -> HttpResponse:
    """The roster import: the template, an upload → its problems, or a preview to confirm."""
    school = _managed_school(request, code)
    if request.method != "POST":
        return _roster_page(request, school)
    request.session.pop(ROSTER_KEY, None)
    request.session.pop(PROBLEMS_KEY, None)
    form = _roster_form(school, data=request.POST, files=request.FILES)
    if not form.is_valid():
        return _roster_page(request, school, form=form, status=400)
    year = form.cleaned_data["school_year"].strip()
    upload = form.cleaned_data["file"]
    name = str(upload.name or "roster.xlsx")[:120]
    if not roster_import.valid_school_year(year):
        form.add_error("school_year", _("Write the school year as 2025-2026."))
        return _roster_page(request, school, form=form, status=400)
    size = int(upload.size or 0)
    content = upload.read() if size <= roster_import.MAX_BYTES else b""
    parsed = roster_import.read_upload(content, name, size=size)
    problems = parsed.problems or roster_import.check(school, parsed)
    if problems:
        request.session[PROBLEMS_KEY] = {"school": school.code, "filename": name,
                                         "problems": problems[:MAX_KEPT_PROBLEMS]}
        return _roster_page(request, school, form=form, problems=problems, filename=name, status=400)
    request.session[ROSTER_KEY] = roster_import.rows_to_session(school, year, parsed)
    return _roster_page(request, school, form=form, preview=roster_import.preview(school, year, parsed.rows),
                        filename=name, school_year=year)


@login_required
@require_safe
def roster_template(request: HttpRequest, code: str) -> HttpResponse:
    _managed_school(request, code)
    response = HttpResponse(roster_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%AD%A6%E7%94%9F%E5%90%8D%E5%86%8C.xlsx"
    return response


@login_required
@require_safe
def roster_problems(request: HttpRequest, code: str) -> HttpResponse:
    """The last refused upload's problems as a workbook (kept in the session, never the cells)."""
    school = _managed_school(request, code)
    data = request.session.get(PROBLEMS_KEY)
    if not data or data.get("school") != school.code:
        messages.info(request, _("No problems to download: upload the file first."))
        return redirect("pupils:roster", code=school.code)
    response = HttpResponse(roster_import.problems_xlsx(data["problems"]), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E9%97%AE%E9%A2%98%E6%B8%85%E5%8D%95.xlsx"
    return response


@login_required
@require_POST
def roster_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Write the previewed roster (checked again) in one transaction; optionally mark the pupils
    no longer listed as left."""
    school = _managed_school(request, code)
    data = request.session.get(ROSTER_KEY)
    if not data or data.get("school") != school.code:
        return _roster_page(request, school, problems=[web_problem("E1013", rule=roster_import.RULE)], status=400)
    year, filename, rows = roster_import.rows_from_session(data)
    left = roster_import.preview(school, year, rows).left if request.POST.get("mark_left") == "1" else []
    try:
        result = services.upsert_roster(school, year, rows, request.user, source=filename, ip=client_ip(request))
    except services.Refused as exc:
        request.session.pop(ROSTER_KEY, None)
        return _roster_page(request, school, problems=exc.problems, filename=filename, status=400)
    gone = services.set_left(left, request.POST.get("reason", "other"), request.user, ip=client_ip(request))
    request.session.pop(ROSTER_KEY, None)
    messages.success(request, _("Roster of %(year)s saved: %(new)s new pupils, %(changed)s changed, "
                                "%(classes)s new classes, %(left)s marked as left.") % {
        "year": year, "new": f"{result.created:,}", "changed": f"{result.updated:,}",
        "classes": f"{result.classes_created:,}", "left": f"{gone:,}"})
    return redirect(f"{reverse('pupils:school', args=[school.code])}?year={year}")


# --- a class's teachers and accounts --------------------------------------------------------

@login_required
def class_teachers(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = _managed_class(request, pk)
    school = class_group.school
    problem = None
    form = TeacherForm(request.POST or None, initial={
        "username": accounts.suggest_username(f"t{school.code}-{class_group.grade}{class_group.number:02d}")})
    ip = client_ip(request)
    if request.method == "POST" and request.POST.get("remove"):
        row = ClassTeacher.objects.filter(class_group=class_group, pk=request.POST.get("remove")).first()
        if row is not None:
            accounts.remove_teacher(request.user, row, ip=ip)
            messages.success(request, _("The teacher is no longer linked to the class."))
        return redirect("pupils:class_teachers", pk=class_group.pk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["how"] == "existing":
                accounts.link_teacher(request.user, class_group, username=d["username"], kind=d["kind"],
                                      subject=d["subject"], ip=ip)
                messages.success(request, _("The teacher is linked to the class."))
                return redirect("pupils:class_teachers", pk=class_group.pk)
            _row, slip = accounts.create_teacher(request.user, class_group, full_name=d["full_name"],
                                                 username=d["username"], kind=d["kind"], subject=d["subject"],
                                                 ip=ip)
            return _slips(request, school, [slip], reverse("pupils:class_teachers", args=[class_group.pk]))
        except services.Refused as exc:
            problem = shown(exc.problem, lang_code())
    return render(request, "pupils/class_teachers.html", {
        "class_group": class_group, "school": school, "form": form, "problem": problem,
        "teachers": class_group.teachers.select_related("user"),
    }, status=400 if request.method == "POST" else 200)


@login_required
def class_accounts(request: HttpRequest, pk: int) -> HttpResponse:
    """Guardians' and pupils' accounts of a class: who has one; make the missing ones (slips once)."""
    class_group = _managed_class(request, pk)
    school = class_group.school
    problem = None
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        back = reverse("pupils:class_accounts", args=[class_group.pk])
        try:
            if kind == "guardians":
                return _slips(request, school, accounts.issue_guardian_accounts(
                    request.user, class_group, ip=client_ip(request)), back)
            if kind == "pupils":
                return _slips(request, school, accounts.issue_pupil_accounts(
                    request.user, class_group, ip=client_ip(request)), back)
            if kind in REISSUE and request.POST.get("confirm") == "1":
                return _slips(request, school, accounts.reissue_class(
                    request.user, class_group, REISSUE[kind], ip=client_ip(request)), back)
            problem = {"code": "", "place": "", "cell": "", "hint": "",
                       "message": _("Confirm the re-issue for the whole class first.") if kind in REISSUE
                       else _("Choose which accounts to make.")}
        except services.Refused as exc:
            problem = shown(exc.problem, lang_code())
    pupils = accounts.class_pupils(class_group)
    guardians: dict[int, list[User]] = {}
    for g in Guardian.objects.filter(pupil__in=pupils).select_related("user"):
        guardians.setdefault(g.pupil_id, []).append(g.user)
    rows = [{"p": p, "student_id": access.student_id_for(request.user, p), "guardians": guardians.get(p.pk, []),
             "own": p.user} for p in pupils]
    least = accounts.pupil_min_grade()
    confirm = request.GET.get("reissue", "")
    return render(request, "pupils/class_accounts.html", {
        "class_group": class_group, "school": school, "rows": rows, "problem": problem,
        "missing_guardians": sum(1 for r in rows if not r["guardians"]),
        "missing_own": sum(1 for r in rows if r["own"] is None), "least": least,
        "pupils_allowed": class_group.grade >= least,
        "with_guardian": sum(1 for r in rows if r["guardians"]), "with_own": sum(1 for r in rows if r["own"]),
        "confirm": confirm if confirm in ("guardians", "pupils") else "",
    }, status=400 if request.method == "POST" else 200)


# --- a pupil --------------------------------------------------------------------------------

@login_required
@require_safe
def pupil_manage(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _managed_pupil(request, pk)
    reach = access.school_reach(request.user, pupil.school)
    return render(request, "pupils/pupil_manage.html", {
        "pupil": pupil, "school": pupil.school, "student_id": access.student_id_for(request.user, pupil),
        "guardians": Guardian.objects.filter(pupil=pupil).select_related("user"), "bureau": reach.bureau,
        "leave": LeaveForm(),
    })


@login_required
@require_POST
def pupil_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _managed_pupil(request, pk)
    user_id = request.POST.get("user", "")
    user = User.objects.filter(pk=user_id).first() if user_id.isdigit() else None
    if user is None:
        messages.error(request, _("Choose the account whose password is re-issued."))
        return redirect("pupils:pupil_manage", pk=pupil.pk)
    try:
        slip = accounts.reissue_password(request.user, pupil, user, ip=client_ip(request))
    except services.Refused as exc:
        messages.error(request, shown(exc.problem, lang_code())["message"])
        return redirect("pupils:pupil_manage", pk=pupil.pk)
    return _slips(request, pupil.school, [slip], reverse("pupils:pupil_manage", args=[pupil.pk]))


@login_required
@require_POST
def pupil_leave(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = _managed_pupil(request, pk)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the pupil left the school."))
        return redirect("pupils:pupil_manage", pk=pupil.pk)
    if services.set_left([pupil], form.cleaned_data["reason"], request.user, ip=client_ip(request)):
        messages.success(request, _("The pupil is marked as left the school."))
    return redirect("pupils:pupil_manage", pk=pupil.pk)


@login_required
def pupil_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    """The bureau moves a pupil to another school of the district (the only way to change school)."""
    pupil = _managed_pupil(request, pk, bureau=True)
    schools = [(s.code, s.name) for s in School.objects.filter(district=pupil.school.district)
               .exclude(pk=pupil.school_id).order_by("code")]
    form = TransferForm(request.POST or None, schools=schools)
    problem = None
    if request.method == "POST" and form.is_valid():
        to_school = School.objects.get(code=form.cleaned_data["to_school"])
        try:
            services.transfer_pupil(pupil, to_school, request.user, ip=client_ip(request))
        except services.Refused as exc:
            problem = shown(exc.problem, lang_code())
        else:
            messages.success(request, _("The pupil now belongs to %(school)s.") % {"school": to_school.name})
            return redirect("pupils:pupil", pk=pupil.pk)
    return render(request, "pupils/pupil_transfer.html", {
        "pupil": pupil, "school": pupil.school, "form": form, "problem": problem,
        "student_id": access.student_id_for(request.user, pupil),
    }, status=400 if request.method == "POST" else 200)
