"""Pages of the meetings area: meetings in the four venues (list, new, detail/edit), bulk
progress from a spreadsheet (template, upload → problems or preview → confirm), and the staff's
moderation queue. Reads go through ``access``/``services_meetings``; writes through the
services modules (events and audit rows there). Out of reach answers 404; seen but not
allowed 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from youjun.core.consultation import VENUES
from youjun.web.apps.consultation import bulk_progress, moderation_review, services
from youjun.web.apps.consultation import services_meetings as sm
from youjun.web.apps.consultation.access import Access, access_of, mask_name, roles_for, staff_body_or_404
from youjun.web.apps.consultation.forms_meetings import (
    BulkUploadForm,
    ConsultForm,
    MeetingForm,
    MemberAttendeeForm,
    MinutesForm,
    ModerationForm,
    OpinionForm,
    PersonAttendeeForm,
)
from youjun.web.apps.consultation.models import Attendee, Body, Concern, Meeting
from youjun.web.apps.platform.templatetags.youjun import lang_code

BULK_SESSION_KEY = "consultation_bulk"


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
    return {"code": p["code"], "place": place, "row": row, "column": column, "cell": loc.get("cell") or "",
            "message": (p.get("message") or {}).get(lang, ""), "hint": (p.get("hint") or {}).get(lang, "")}


def _access(request: HttpRequest) -> Access:
    return access_of(request.user)


def _state_label(concern: Concern, lang: str) -> str:
    try:
        return services.workflow(concern.body).state(concern.state).label(lang)
    except Exception:  # a state the body's workflow no longer has: show its code
        return concern.state


# --- meetings ------------------------------------------------------------------------------

@login_required
@require_safe
def meetings(request: HttpRequest) -> HttpResponse:
    """The body's and joint meetings, filtered by venue, year and town; counts by venue on top."""
    acc = _access(request)
    if not acc.works_here:
        raise PermissionDenied("consultation workers only")
    qs = sm.visible_meetings(acc)
    years = sorted({d.year for d in qs.values_list("held_on", flat=True)}, reverse=True)
    towns = sorted({t for t in qs.values_list("town", flat=True) if t})
    venue = request.GET.get("venue", "")
    year = request.GET.get("year", "")
    town = request.GET.get("town", "")
    if venue in VENUES:
        qs = qs.filter(venue=venue)
    else:
        venue = ""
    if year.isdigit() and int(year) in years:
        qs = qs.filter(held_on__year=int(year))
    else:
        year = ""
    if town in towns:
        qs = qs.filter(town=town)
    else:
        town = ""
    counts = sm.venue_counts(qs)
    rows = list(qs.prefetch_related("joint_bodies")[:500])
    people = dict(Attendee.objects.filter(meeting__in=rows).values_list("meeting")
                  .annotate(n=Count("pk")).values_list("meeting", "n"))
    hosts = Body.objects.all() if acc.everything else Body.objects.filter(pk__in=acc.bodies)
    return render(request, "consultation/meetings/list.html", {
        "meetings": [{"m": m, "participants": people.get(m.pk, 0)} for m in rows],
        "counts": counts, "total_meetings": sum(c["meetings"] for c in counts),
        "total_participants": sum(c["participants"] for c in counts),
        "venues": list(VENUES), "years": years, "towns": towns,
        "f": {"venue": venue, "year": year, "town": town}, "hosts": hosts,
        "moderated": Body.objects.all() if acc.everything else Body.objects.filter(pk__in=acc.staff_bodies),
    })


@login_required
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    """A new meeting of body ``code``: its staff and members (and the administrator)."""
    acc = _access(request)
    body = Body.objects.filter(code=code).first()
    if body is None or not (acc.everything or body.pk in acc.bodies):
        raise Http404("no such body")
    problem = None
    form = MeetingForm(body, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meeting = sm.create_meeting(request.user, body, venue=d["venue"], studio=d["studio"], title=d["title"],
                                        held_on=d["held_on"], place=d["place"], town=d["town"],
                                        joint_bodies=d["joint_bodies"])
        except services.StepRefused as exc:
            problem = _problem(exc.problem, lang_code())
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("consultation:meeting", pk=meeting.pk)
    return render(request, "consultation/meetings/new.html", {"body": body, "form": form, "problem": problem},
                  status=400 if request.method == "POST" else 200)


def _meeting_context(request: HttpRequest, acc: Access, meeting: Meeting, **forms: Any) -> dict[str, Any]:
    lang = lang_code()
    editable = sm.may_edit(acc, meeting)
    q = request.GET.get("q", "").strip()[:40]
    members = sm.member_choices(meeting, q)
    departments = sm.departments_for(meeting)
    attendees = [{"a": a, "name": sm.attendee_name(acc, meeting, a)} for a in meeting.attendees.all()]
    by_kind = {k: sum(1 for a in attendees if a["a"].kind == k) for k in Attendee.Kind.values}
    consulted = []
    for c in meeting.concerns.select_related("body", "department").order_by("number"):
        opinions = [{"c": o, "state": _state_label(o, lang), "progress": services.progress_of(o),
                     "link": _item_link(acc, o)}
                    for o in c.children.filter(meeting=meeting).select_related("body", "department")
                    .order_by("number")]
        consulted.append({"c": c, "state": _state_label(c, lang), "progress": services.progress_of(c),
                          "opinions": opinions, "link": _item_link(acc, c)})
    return {
        "meeting": meeting, "editable": editable, "attendees": attendees, "by_kind": by_kind,
        "consulted": consulted, "hosts": [meeting.body, *meeting.joint_bodies.all()],
        "sees_names": sm.sees_resident_names(acc, meeting),
        "edit_form": forms.get("edit") or MeetingForm(meeting.body, initial=MeetingForm.initial_of(meeting)),
        "member_form": forms.get("member") or MemberAttendeeForm(members),
        "person_form": forms.get("person") or PersonAttendeeForm(),
        "consult_form": forms.get("consult") or ConsultForm(),
        "opinion_form": forms.get("opinion") or OpinionForm(meeting, departments),
        "minutes_form": forms.get("minutes") or MinutesForm(initial={"minutes": meeting.minutes}),
        "has_members": bool(members) or bool(q), "q": q,
        "problem": forms.get("problem"),
    }


def _item_link(acc: Access, concern: Concern) -> str:
    """An item's page for this reader: the work page for those who work on it, else the public page."""
    if roles_for(acc, concern) & {"staff", "member", "department"}:
        return reverse("consultation:work_item", args=[concern.pk])
    return reverse("consultation:public_item", args=[concern.number])


@login_required
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting: details, attendees, items consulted, agreed opinions, minutes; edited in place."""
    acc = _access(request)
    m = sm.meeting_or_404(acc, pk)
    if request.method != "POST":
        return render(request, "consultation/meetings/detail.html", _meeting_context(request, acc, m))
    if not sm.may_edit(acc, m):
        raise PermissionDenied("hosts' staff and members only")
    action = request.POST.get("action", "")
    forms: dict[str, Any] = {}
    user = request.user
    try:
        if action == "edit":
            form = MeetingForm(m.body, request.POST)
            forms["edit"] = form
            if form.is_valid():
                d = form.cleaned_data
                sm.update_meeting(user, m, venue=d["venue"], studio=d["studio"], title=d["title"],
                                  held_on=d["held_on"], place=d["place"], town=d["town"],
                                  joint_bodies=d["joint_bodies"])
                return _done(request, m, _("Meeting details saved."))
        elif action == "minutes":
            form = MinutesForm(request.POST)
            forms["minutes"] = form
            if form.is_valid():
                sm.save_minutes(user, m, form.cleaned_data["minutes"])
                return _done(request, m, _("Minutes saved."))
        elif action == "member":
            form = MemberAttendeeForm(sm.member_choices(m), request.POST)
            forms["member"] = form
            if form.is_valid():
                sm.add_attendee(user, m, kind="member", participant=form.cleaned_data["participant"])
                return _done(request, m, _("Attendee added."))
        elif action == "person":
            form = PersonAttendeeForm(request.POST)
            forms["person"] = form
            if form.is_valid():
                d = form.cleaned_data
                sm.add_attendee(user, m, kind=d["kind"], name=d["name"], organisation=d["organisation"])
                return _done(request, m, _("Attendee added."))
        elif action == "remove":
            raw = request.POST.get("attendee", "")
            sm.remove_attendee(user, m, int(raw) if raw.isdigit() else 0)
            return _done(request, m, _("Attendee removed."))
        elif action == "consult":
            form = ConsultForm(request.POST)
            forms["consult"] = form
            if form.is_valid():
                c = sm.consult_concern(user, m, form.cleaned_data["number"], form.cleaned_data["note"])
                return _done(request, m, _("%(number)s recorded as consulted at this meeting.") % {"number": c.number})
        elif action == "opinion":
            form = OpinionForm(m, sm.departments_for(m), request.POST)
            forms["opinion"] = form
            if form.is_valid():
                d = form.cleaned_data
                parent = m.concerns.filter(pk=int(d["parent"])).first()
                if parent is None:
                    raise services.refuse("E903", value=d["title"], rule="consultation.meeting")
                o = sm.agree_opinion(user, m, parent, title=d["title"], text=d["text"], department=d["department"],
                                     due_on=d["due_on"])
                return _done(request, m, _("Opinion %(number)s recorded; it is tracked as an item of its own.")
                             % {"number": o.number})
        else:
            forms["problem"] = {"code": "", "place": "", "message": _("Choose what to save on this page."),
                                "hint": ""}
    except services.StepRefused as exc:
        forms["problem"] = _problem(exc.problem, lang_code())
    return render(request, "consultation/meetings/detail.html", _meeting_context(request, acc, m, **forms),
                  status=400)


def _done(request: HttpRequest, m: Meeting, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("consultation:meeting", pk=m.pk)


# --- bulk progress -------------------------------------------------------------------------

def _bulk_access(request: HttpRequest) -> Access:
    acc = _access(request)
    if not acc.works_here:
        raise PermissionDenied("consultation workers only")
    return acc


def _bulk_page(request: HttpRequest, acc: Access, *, problems: list[dict[str, Any]] | None = None,
               preview: list[dict[str, Any]] | None = None, filename: str = "", status: int = 200) -> HttpResponse:
    lang = lang_code()
    items = bulk_progress.open_items(acc)
    return render(request, "consultation/bulk/index.html", {
        "items": [{"c": c, "progress": services.progress_of(c), "state": _state_label(c, lang)} for c in items],
        "form": BulkUploadForm(), "problems": [_problem(p, lang) for p in problems or []],
        "preview": preview, "filename": filename,
    }, status=status)


@login_required
def bulk(request: HttpRequest) -> HttpResponse:
    """The uploader's open items, the template, and the upload: problems, or a preview to confirm."""
    acc = _bulk_access(request)
    if request.method != "POST":
        return _bulk_page(request, acc)
    request.session.pop(BULK_SESSION_KEY, None)
    form = BulkUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _bulk_page(request, acc, problems=[{
            "code": "E905", "location": {}, "message": {lang_code(): _("Choose the filled-in template to upload.")},
            "hint": {lang_code(): _("Download the template below, fill it in and upload it as .xlsx.")}}], status=400)
    upload = form.cleaned_data["file"]
    name = str(upload.name or "upload.xlsx")[:120]
    size = int(upload.size or 0)
    content = upload.read() if size <= bulk_progress.MAX_BYTES else b""
    parsed = bulk_progress.read_upload(content, name, size=size)
    if parsed.problems:
        return _bulk_page(request, acc, problems=parsed.problems, filename=name, status=400)
    changes, problems = bulk_progress.check(acc, parsed.rows, name)
    if problems:
        return _bulk_page(request, acc, problems=problems, filename=name, status=400)
    request.session[BULK_SESSION_KEY] = bulk_progress.rows_to_session(parsed)
    preview = [{"row": ch.row, "c": ch.concern, "before": services.progress_of(ch.concern), "percent": ch.percent,
                "note": ch.note, "answer": ch.answer} for ch in changes]
    return _bulk_page(request, acc, preview=preview, filename=name)


@login_required
@require_POST
def bulk_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed file: every row checked again, all rows in one transaction."""
    acc = _bulk_access(request)
    data = request.session.get(BULK_SESSION_KEY)
    if not data:
        messages.error(request, _("Nothing to confirm: upload the file again."))
        return redirect("consultation:bulk")
    filename, rows = bulk_progress.rows_from_session(data)
    written, problems = bulk_progress.apply(request.user, acc, rows, filename)
    request.session.pop(BULK_SESSION_KEY, None)
    if problems:
        return _bulk_page(request, acc, problems=problems, filename=filename, status=400)
    messages.success(request, _("%(count)s updates written from %(file)s.") % {"count": written, "file": filename})
    return redirect("consultation:bulk")


@login_required
@require_safe
def bulk_template(request: HttpRequest) -> HttpResponse:
    acc = _bulk_access(request)
    content = bulk_progress.template_xlsx(bulk_progress.open_items(acc))
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E8%BF%9B%E5%BA%A6%E6%9B%B4%E6%96%B0.xlsx"
    return response


# --- moderation ----------------------------------------------------------------------------

@login_required
def moderation(request: HttpRequest, code: str) -> HttpResponse:
    """Hidden and reported concerns of body ``code`` with their reports: keep, hide or block."""
    acc = _access(request)
    body = staff_body_or_404(acc, code)
    problem = None
    if request.method == "POST":
        form = ModerationForm(request.POST)
        try:
            if not form.is_valid():
                raise services.refuse("E909", value="—", rule="consultation.moderation",
                                      detail_zh="请在列表中选择一项操作", detail_en="choose an action in the list")
            d = form.cleaned_data
            concern = moderation_review.in_queue(body, d["concern"])
            if d["action"] == "keep":
                moderation_review.keep(request.user, concern)
                text = _("%(number)s is shown again.")
            elif d["action"] == "hide":
                moderation_review.hide(request.user, concern, d["note"])
                text = _("%(number)s stays hidden.")
            else:
                days = moderation_review.parse_days(d["days"], concern)
                moderation_review.block(request.user, concern, days, d["note"])
                text = _("%(number)s stays hidden and its raiser is blocked from raising concerns.")
        except services.StepRefused as exc:
            problem = _problem(exc.problem, lang_code())
        else:
            messages.success(request, text % {"number": concern.number})
            return redirect(reverse("consultation:moderation", args=[body.code]))
    rows = []
    for c in moderation_review.queue(body):
        profile = getattr(c.raised_by, "resident_profile", None) if c.raised_by_id else None
        rows.append({"c": c, "reports": list(c.reports.all()), "raiser": mask_name(c.raiser_name) if c.raiser_name
                     else "", "has_account": c.raised_by_id is not None,
                     "blocked_until": profile.blocked_until if profile else None})
    return render(request, "consultation/moderation/queue.html", {"body": body, "rows": rows, "problem": problem},
                  status=400 if problem else 200)
