"""Pages of running a body: the bodies (the platform administrator creates them; staff see
their own), a body's overview, its people and their roles (accounts made when needed), the
member roster import, departments, studios and settings.

Everything under /consult/b/<code>/ is for the body's staff and the administrator; anyone else
gets 404 (``staff_body_or_404``), and an object of another body is 404 too. Writes go through
``services_bodies`` and ``roster_import`` (audited there)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from youjun.core import consultation as rules
from youjun.web.apps.consultation import roster_import, services
from youjun.web.apps.consultation import services_bodies as sb
from youjun.web.apps.consultation.access import Access, access_of, mask_phone, staff_body_or_404
from youjun.web.apps.consultation.forms_bodies import (
    AddPersonForm,
    BodyForm,
    DepartmentForm,
    PersonForm,
    SettingsForm,
    StudioForm,
    UploadForm,
)
from youjun.web.apps.consultation.models import Body, Concern, Department, Meeting, Participant, Studio
from youjun.web.apps.platform.models import User
from youjun.web.apps.platform.templatetags.youjun import lang_code

ROSTER_SESSION_KEY = "consultation_roster"
WORKFLOW_SESSION_KEY = "consultation_workflow"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _problem(p: dict[str, Any], lang: str) -> dict[str, Any]:
    """A catalogue problem as a page shows it: code, where (sheet row and column), message, hint."""
    loc = p.get("location") or {}
    row, column = loc.get("row"), loc.get("column") or ""
    if row and column:
        place = f"第{row}行 {column}列" if lang == "zh" else f"row {row}, column {column}"
    elif row:
        place = f"第{row}行" if lang == "zh" else f"row {row}"
    else:
        place = ""
    return {"code": p["code"], "place": place, "cell": loc.get("cell") or "",
            "message": (p.get("message") or {}).get(lang, ""), "hint": (p.get("hint") or {}).get(lang, "")}


def _refused(exc: services.StepRefused) -> dict[str, Any]:
    return _problem(exc.problem, lang_code())


def _body(request: HttpRequest, code: str) -> tuple[Access, Body]:
    acc = access_of(request.user)
    return acc, staff_body_or_404(acc, code)


def _open_states(body: Body) -> list[str]:
    return [c for c, s in services.workflow(body).states.items() if s.terminal]


# --- bodies --------------------------------------------------------------------------------

@login_required
def bodies(request: HttpRequest) -> HttpResponse:
    """The bodies one runs; the platform administrator also creates them here."""
    acc = access_of(request.user)
    if not (acc.everything or acc.staff_bodies):
        raise PermissionDenied("committee staff and the platform administrator only")
    if request.method == "POST" and not acc.everything:
        raise PermissionDenied("the platform administrator creates bodies")
    form = BodyForm(request.POST or None) if acc.everything else None
    problem = None
    if request.method == "POST" and form is not None and form.is_valid():
        d = form.cleaned_data
        try:
            body = sb.create_body(request.user, code=d["code"], name=d["name"], number_prefix=d["number_prefix"],
                                  region=d["region"], district=d["district"])
        except services.StepRefused as exc:
            problem = _refused(exc)
        else:
            messages.success(request, _("%(name)s created. Add its staff on the people page.") % {"name": body.name})
            return redirect("consultation:body", code=body.code)
    rows = (sb.administered_bodies(acc).select_related("district")
            .annotate(members=Count("participants", filter=Q(participants__kind="member"), distinct=True),
                      staff=Count("participants", filter=Q(participants__kind="staff"), distinct=True),
                      departments_n=Count("departments", distinct=True)))
    return render(request, "consultation/bodies/list.html", {"rows": rows, "form": form, "problem": problem},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def body(request: HttpRequest, code: str) -> HttpResponse:
    """One body at a glance: its people, departments, studios, items and meetings, with links."""
    _acc, b = _body(request, code)
    people = dict(Participant.objects.filter(body=b).values_list("kind").annotate(n=Count("pk")))
    items = Concern.objects.filter(body=b)
    counts = {
        "members": people.get("member", 0), "staff": people.get("staff", 0), "handlers": people.get("department", 0),
        "departments": Department.objects.filter(body=b, active=True).count(),
        "departments_off": Department.objects.filter(body=b, active=False).count(),
        "studios": Studio.objects.filter(body=b, active=True).count(),
        "items": items.count(), "open": items.exclude(state__in=_open_states(b)).count(),
        "meetings": Meeting.objects.filter(Q(body=b) | Q(joint_bodies=b)).distinct().count(),
    }
    return render(request, "consultation/bodies/overview.html", {"body": b, "counts": counts})


# --- people --------------------------------------------------------------------------------

def _person_row(p: Participant, lang: str) -> dict[str, Any]:
    profile = getattr(p.user, "resident_profile", None)
    return {"p": p, "name": p.user.full_name or p.user.username, "phone": mask_phone(profile.phone) if profile else "",
            "active": p.user.is_active}


def _people_page(request: HttpRequest, b: Body, *, form: AddPersonForm | None = None,
                 problem: dict[str, Any] | None = None, created: dict[str, str] | None = None,
                 status: int = 200) -> HttpResponse:
    lang = lang_code()
    q = request.GET.get("q", "").strip()[:64]
    qs = Participant.objects.filter(body=b).select_related("user", "user__resident_profile", "studio", "department")
    if q:
        qs = qs.filter(Q(user__full_name__icontains=q) | Q(user__username__icontains=q) | Q(sector__icontains=q)
                       | Q(studio__name__icontains=q) | Q(neighbourhood__icontains=q))
    rows = [_person_row(p, lang) for p in qs.order_by("kind", "user__full_name", "user__username")]
    groups = [(kind, label, [r for r in rows if r["p"].kind == kind]) for kind, label in Participant.Kind.choices]
    return render(request, "consultation/bodies/people.html", {
        "body": b, "groups": groups, "q": q, "form": form or AddPersonForm(b), "problem": problem,
        "created": created, "total": len(rows),
    }, status=status)


@login_required
def body_people(request: HttpRequest, code: str) -> HttpResponse:
    """Members, staff and department handlers of the body; add a role (making the account if needed)."""
    _acc, b = _body(request, code)
    if request.method != "POST":
        return _people_page(request, b)
    form = AddPersonForm(b, request.POST)
    if not form.is_valid():
        return _people_page(request, b, form=form, status=400)
    d = form.cleaned_data
    created = None
    try:
        with transaction.atomic():
            username = d["username"].strip()
            if username:
                user = User.objects.filter(username__iexact=username, is_active=True).first()
                if user is None:
                    raise services.refuse("E931", value=username, rule="consultation.bodies",
                                          detail_zh="没有这个用户名的有效账号",
                                          detail_en="there is no active account of that user name")
                password = ""
            else:
                user, password = sb.create_account(request.user, d["new_username"], d["full_name"])
            sb.add_role(request.user, b, user, d["kind"], department=d["department"], sector=d["sector"],
                        studio=d["studio"], neighbourhood=d["neighbourhood"], phone=d["phone"])
    except services.StepRefused as exc:
        return _people_page(request, b, form=form, problem=_refused(exc), status=400)
    if password:
        created = {"username": user.username, "name": user.full_name, "password": password}
        return _people_page(request, b, created=created)
    messages.success(request, _("Role added for %(name)s.") % {"name": user.full_name or user.username})
    return redirect("consultation:body_people", code=b.code)


@login_required
def body_person(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One role of one person: change its details, or remove it."""
    _acc, b = _body(request, code)
    p = Participant.objects.filter(body=b, pk=pk).select_related("user", "studio", "department").first()
    if p is None:
        raise Http404("no such person")
    profile = getattr(p.user, "resident_profile", None)
    initial = {"full_name": p.user.full_name, "department": p.department_id, "sector": p.sector,
               "studio": p.studio_id, "neighbourhood": p.neighbourhood, "digest": p.digest}
    problem = None
    form = PersonForm(p, initial=initial)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "remove":
                sb.remove_role(request.user, p)
                messages.success(request, _("Role removed."))
                return redirect("consultation:body_people", code=b.code)
            if action == "save":
                form = PersonForm(p, request.POST)
                if form.is_valid():
                    d = form.cleaned_data
                    sb.update_role(request.user, p, department=d.get("department"), sector=d.get("sector", ""),
                                   studio=d.get("studio"), neighbourhood=d.get("neighbourhood", ""),
                                   phone=(d.get("phone") or "").strip() or None, digest=bool(d.get("digest")),
                                   full_name=d.get("full_name"))
                    messages.success(request, _("Saved."))
                    return redirect("consultation:body_person", code=b.code, pk=p.pk)
            else:
                problem = {"code": "", "place": "", "message": _("Choose what to save on this page."), "hint": ""}
        except services.StepRefused as exc:
            problem = _refused(exc)
    return render(request, "consultation/bodies/person.html", {
        "body": b, "p": p, "form": form, "problem": problem,
        "phone": mask_phone(profile.phone) if profile else "",
    }, status=400 if request.method == "POST" else 200)


# --- roster --------------------------------------------------------------------------------

def _roster_page(request: HttpRequest, b: Body, *, problems: list[dict[str, Any]] | None = None,
                 preview: roster_import.Plan | None = None, filename: str = "", status: int = 200) -> HttpResponse:
    lang = lang_code()
    return render(request, "consultation/bodies/roster.html", {
        "body": b, "form": UploadForm(), "problems": [_problem(p, lang) for p in problems or []],
        "preview": preview, "filename": filename, "max_rows": roster_import.MAX_ROWS,
        "headers": roster_import.HEADERS,
    }, status=status)


@login_required
def body_roster(request: HttpRequest, code: str) -> HttpResponse:
    """The member roster: template, upload → problems, or a preview to confirm."""
    _acc, b = _body(request, code)
    if request.method != "POST":
        return _roster_page(request, b)
    request.session.pop(ROSTER_SESSION_KEY, None)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        lang = lang_code()
        return _roster_page(request, b, status=400, problems=[{
            "code": "E933", "location": {}, "message": {lang: _("Choose the filled-in roster to upload.")},
            "hint": {lang: _("Download the template below, fill it in and upload it as .xlsx.")}}])
    upload = form.cleaned_data["file"]
    name = str(upload.name or "roster.xlsx")[:120]
    size = int(upload.size or 0)
    content = upload.read() if size <= roster_import.MAX_BYTES else b""
    parsed = roster_import.read_upload(content, name, size=size)
    if parsed.problems:
        return _roster_page(request, b, problems=parsed.problems, filename=name, status=400)
    plan, problems = roster_import.check(b, parsed.rows, name)
    if problems:
        return _roster_page(request, b, problems=problems, filename=name, status=400)
    request.session[ROSTER_SESSION_KEY] = {"body": b.code, **roster_import.rows_to_session(parsed)}
    return _roster_page(request, b, preview=plan, filename=name)


@login_required
@require_safe
def body_roster_template(request: HttpRequest, code: str) -> HttpResponse:
    _acc, _b = _body(request, code)
    response = HttpResponse(roster_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%A7%94%E5%91%98%E5%90%8D%E5%8D%95.xlsx"
    return response


@login_required
@require_POST
def body_roster_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Write the previewed roster in one transaction; answer with the initial passwords (once)."""
    _acc, b = _body(request, code)
    data = request.session.get(ROSTER_SESSION_KEY)
    if not data or data.get("body") != b.code:
        messages.error(request, _("Nothing to confirm: upload the file again."))
        return redirect("consultation:body_roster", code=b.code)
    filename, rows = roster_import.rows_from_session(data)
    made, problems = roster_import.apply(request.user, b, rows, filename,
                                         create_studios=request.POST.get("create_studios") == "1")
    if problems:
        if any(p.get("code") != "E937" for p in problems):
            request.session.pop(ROSTER_SESSION_KEY, None)
            return _roster_page(request, b, problems=problems, filename=filename, status=400)
        plan, _none = roster_import.check(b, rows, filename)
        return _roster_page(request, b, problems=problems, preview=plan, filename=filename, status=400)
    request.session.pop(ROSTER_SESSION_KEY, None)
    response = HttpResponse(roster_import.passwords_xlsx(b, made), content_type=XLSX)
    response["Content-Disposition"] = ("attachment; filename*=UTF-8''"
                                       "%E5%88%9D%E5%A7%8B%E5%AF%86%E7%A0%81.xlsx")
    response["Cache-Control"] = "no-store"
    return response


# --- departments and studios ---------------------------------------------------------------

@login_required
def body_departments(request: HttpRequest, code: str) -> HttpResponse:
    _acc, b = _body(request, code)
    form = DepartmentForm(request.POST or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            dep = sb.save_department(request.user, b, name=d["name"], kind=d["kind"], email=d["email"])
        except services.StepRefused as exc:
            problem = _refused(exc)
        else:
            messages.success(request, _("%(name)s added.") % {"name": dep.name})
            return redirect("consultation:body_departments", code=b.code)
    lang = lang_code()
    done = _open_states(b)
    rows = [{"d": d, "kind": sb.kind_label(d.kind, lang) if d.kind else "—", "handlers": d.handlers_n,
             "open": d.open_n}
            for d in Department.objects.filter(body=b).annotate(
                handlers_n=Count("handlers", distinct=True),
                open_n=Count("items", filter=~Q(items__state__in=done), distinct=True)).order_by("-active", "name")]
    return render(request, "consultation/bodies/departments.html", {"body": b, "rows": rows, "form": form,
                                                                    "problem": problem},
                  status=400 if request.method == "POST" else 200)


@login_required
def body_department(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    _acc, b = _body(request, code)
    dep = Department.objects.filter(body=b, pk=pk).first()
    if dep is None:
        raise Http404("no such department")
    form = DepartmentForm(initial={"name": dep.name, "kind": dep.kind, "email": dep.email})
    problem = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("deactivate", "activate"):
                sb.set_department_active(request.user, dep, action == "activate")
                messages.success(request, _("Department deactivated.") if action == "deactivate"
                                 else _("Department active again."))
                return redirect("consultation:body_department", code=b.code, pk=dep.pk)
            if action == "save":
                form = DepartmentForm(request.POST)
                if form.is_valid():
                    d = form.cleaned_data
                    sb.save_department(request.user, b, name=d["name"], kind=d["kind"], email=d["email"],
                                       department=dep)
                    messages.success(request, _("Saved."))
                    return redirect("consultation:body_department", code=b.code, pk=dep.pk)
            else:
                problem = {"code": "", "place": "", "message": _("Choose what to save on this page."), "hint": ""}
        except services.StepRefused as exc:
            problem = _refused(exc)
    return render(request, "consultation/bodies/department.html", {
        "body": b, "dep": dep, "form": form, "problem": problem, "open": sb.open_items_of_department(dep),
        "handlers": Participant.objects.filter(department=dep).select_related("user"),
    }, status=400 if request.method == "POST" else 200)


@login_required
def body_studios(request: HttpRequest, code: str) -> HttpResponse:
    _acc, b = _body(request, code)
    form = StudioForm(request.POST or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        try:
            st = sb.save_studio(request.user, b, name=form.cleaned_data["name"], theme=form.cleaned_data["theme"])
        except services.StepRefused as exc:
            problem = _refused(exc)
        else:
            messages.success(request, _("%(name)s added.") % {"name": st.name})
            return redirect("consultation:body_studios", code=b.code)
    rows = (Studio.objects.filter(body=b).annotate(members_n=Count("members", distinct=True),
                                                   meetings_n=Count("meetings", distinct=True))
            .order_by("-active", "name"))
    return render(request, "consultation/bodies/studios.html", {"body": b, "rows": rows, "form": form,
                                                                "problem": problem},
                  status=400 if request.method == "POST" else 200)


@login_required
def body_studio(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    _acc, b = _body(request, code)
    st = Studio.objects.filter(body=b, pk=pk).first()
    if st is None:
        raise Http404("no such studio")
    form = StudioForm(initial={"name": st.name, "theme": st.theme})
    problem = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in ("deactivate", "activate"):
                sb.set_studio_active(request.user, st, action == "activate")
                messages.success(request, _("Studio deactivated.") if action == "deactivate"
                                 else _("Studio active again."))
                return redirect("consultation:body_studio", code=b.code, pk=st.pk)
            if action == "save":
                form = StudioForm(request.POST)
                if form.is_valid():
                    sb.save_studio(request.user, b, name=form.cleaned_data["name"], theme=form.cleaned_data["theme"],
                                   studio=st)
                    messages.success(request, _("Saved."))
                    return redirect("consultation:body_studio", code=b.code, pk=st.pk)
            else:
                problem = {"code": "", "place": "", "message": _("Choose what to save on this page."), "hint": ""}
        except services.StepRefused as exc:
            problem = _refused(exc)
    return render(request, "consultation/bodies/studio.html", {
        "body": b, "st": st, "form": form, "problem": problem, "open": sb.open_items_of_studio(st),
        "members": Participant.objects.filter(studio=st).select_related("user"),
    }, status=400 if request.method == "POST" else 200)


# --- settings ------------------------------------------------------------------------------

def _settings_page(request: HttpRequest, acc: Access, b: Body, *, form: SettingsForm | None = None,
                   problem: dict[str, Any] | None = None, proposal: dict[str, Any] | None = None,
                   status: int = 200) -> HttpResponse:
    lang = lang_code()
    flow = services.workflow(b)
    return render(request, "consultation/bodies/settings.html", {
        "body": b, "form": form or SettingsForm(b), "problem": problem, "flow": sb.describe_workflow(flow, lang),
        "is_admin": acc.everything, "overridden": "workflow" in (b.settings or {}), "proposal": proposal,
        "upload": UploadForm(),
    }, status=status)


@login_required
def body_settings(request: HttpRequest, code: str) -> HttpResponse:
    """Categories and their days, the clock, moderation and photo limits; the workflow in words
    (and, for the platform administrator, a workflow override checked before it is saved)."""
    acc, b = _body(request, code)
    if request.method != "POST":
        return _settings_page(request, acc, b)
    action = request.POST.get("action", "")
    if action.startswith("workflow") and not acc.everything:
        raise PermissionDenied("the platform administrator changes the workflow")
    lang = lang_code()
    try:
        if action == "save":
            form = SettingsForm(b, request.POST)
            form.is_valid()
            data = form.data
            days = {n.split("__", 1)[1]: data.get(n, "") for n in form.category_fields}
            numbers = {n: data.get(n, "") for n in form.number_fields}
            new = None
            if any(str(data.get(k, "")).strip() for k in ("new_zh", "new_en", "new_days")):
                new = (str(data.get("new_zh", "")), str(data.get("new_en", "")), data.get("new_days", ""))
            try:
                sb.save_settings(request.user, b, days=days, numbers=numbers, new_category=new)
            except services.StepRefused as exc:
                return _settings_page(request, acc, b, form=form, problem=_refused(exc), status=400)
            messages.success(request, _("Settings saved."))
            return redirect("consultation:body_settings", code=b.code)
        if action == "workflow_check":
            upload = request.FILES.get("file")
            if upload is None:
                raise services.refuse("E939", value="—", rule="consultation.bodies",
                                      detail_zh="请选择要上传的 YAML 文件", detail_en="choose the YAML file to upload")
            name = str(upload.name or "workflow.yaml")[:120]
            if (upload.size or 0) > sb.WORKFLOW_MAX_BYTES:
                raise services.refuse("E939", value=name, rule="consultation.bodies",
                                      detail_zh=f"文件超过{sb.WORKFLOW_MAX_BYTES // 1024} KB",
                                      detail_en=f"the file is over {sb.WORKFLOW_MAX_BYTES // 1024} KB")
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise services.refuse("E939", value=name, rule="consultation.bodies",
                                      detail_zh="文件须为 UTF-8 编码的 YAML",
                                      detail_en="the file must be YAML in UTF-8") from None
            checked = sb.read_workflow_yaml(text, name)
            proposed = sb.proposed_workflow(b, checked.raw)
            request.session[WORKFLOW_SESSION_KEY] = {"body": b.code, "raw": checked.raw}
            diff = sb.workflow_diff(services.workflow(b), proposed, lang)
            return _settings_page(request, acc, b, proposal={"name": name, "diff": diff,
                                                             "flow": sb.describe_workflow(proposed, lang)})
        if action == "workflow_save":
            data = request.session.get(WORKFLOW_SESSION_KEY)
            if not data or data.get("body") != b.code:
                messages.error(request, _("Nothing to confirm: upload the file again."))
                return redirect("consultation:body_settings", code=b.code)
            sb.save_workflow(request.user, b, data["raw"])
            request.session.pop(WORKFLOW_SESSION_KEY, None)
            messages.success(request, _("Workflow saved."))
            return redirect("consultation:body_settings", code=b.code)
        if action == "workflow_reset":
            sb.save_workflow(request.user, b, None)
            messages.success(request, _("The platform's workflow applies again."))
            return redirect("consultation:body_settings", code=b.code)
        problem = {"code": "", "place": "", "message": _("Choose what to save on this page."), "hint": ""}
    except services.StepRefused as exc:
        problem = _refused(exc)
    except rules.WorkflowError as exc:  # pragma: no cover - the services turn these into problems
        problem = _refused(services.refuse_workflow(exc, b.name))
    return _settings_page(request, acc, b, problem=problem, status=400)


@login_required
@require_safe
def body_audit(request: HttpRequest, code: str) -> HttpResponse:
    """Every recorded change to the body's objects, in words, newest first; filter by action
    or by an item's number."""
    from django.core.paginator import Paginator

    from youjun.web.apps.consultation.audit_log import body_events
    from youjun.web.apps.platform import history

    _acc, b = _body(request, code)
    lang = lang_code()
    events = body_events(b)
    action = request.GET.get("action", "").strip()
    number = request.GET.get("number", "").strip()[:24]
    choices = history.action_choices("changes", lang, events, action)
    if action:
        events = events.filter(action=action)
    if number:
        events = events.filter(object_repr__icontains=number)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("action", action), ("number", number)) if v)
    rows = history.rows(page.object_list, lang)
    _name_participants(rows, lang)
    return render(request, "consultation/bodies/audit.html", {
        "body": b, "page": page, "rows": rows, "actions": choices,
        "action": action, "number": number, "query": query})


def _name_participants(rows: list[dict[str, Any]], lang: str) -> None:
    """A role's stored description was written in the language of the page that made it: name
    it anew (the person and the role in this page's language)."""
    from youjun.core.labels import code_label

    ids = [int(r["event"].object_id) for r in rows
           if r["event"].object_type == "consultation.Participant" and r["event"].object_id.isdigit()]
    found = {p.pk: p for p in Participant.objects.filter(pk__in=ids).select_related("user")}
    meeting_ids = [int(r["event"].object_id) for r in rows
                   if r["event"].object_type == "consultation.Meeting" and r["event"].object_id.isdigit()]
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=meeting_ids)}
    for r in rows:
        e = r["event"]
        if e.object_type == "consultation.Meeting":  # its description holds an ISO date: in words
            m = meetings.get(int(e.object_id)) if e.object_id.isdigit() else None
            if m is not None:
                day = f"{m.held_on:%Y年%-m月%-d日}" if lang == "zh" else f"{m.held_on:%-d %B %Y}"
                r["object"] = f"{m.title} · {day}"
            continue
        if e.object_type != "consultation.Participant":
            continue
        p = found.get(int(e.object_id)) if e.object_id.isdigit() else None
        r["object"] = (f"{p.user.full_name or p.user.username} · {code_label('consultation_role', p.kind, lang)}"
                       if p is not None else ("已移除的角色" if lang == "zh" else "a removed role"))

