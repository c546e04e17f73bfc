"""The handling pages: the work list, the overdue view, an item as those handling it see it
(with the steps open to them now), assisted entry on a visit, answer templates, milestones
and in-app notices. Views are thin: reads in selectors_handling, writes in services."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from youjun.core import consultation as rules
from youjun.web.apps.consultation import forms_handling as forms
from youjun.web.apps.consultation import selectors_handling as selectors
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.access import (
    access_of,
    concern_or_404,
    mask_name,
    mask_phone,
    owning_bodies,
    roles_for,
    sees_personal_data,
    staff_body_or_404,
    visible_concerns,
)
from youjun.web.apps.consultation.models import AnswerTemplate, Body, Concern, Department, Event, Evidence, Notification
from youjun.web.apps.platform.templatetags.youjun import lang_code

WORK_ROLES = {"staff", "member", "department"}
FORM_ACTIONS = ("select", "decline", "merge", "investigate", "assign", "progress", "answer", "close", "reopen")
ROLE_WORDS = {"staff": ("政协工作人员", "Committee staff"), "member": ("委员", "CPPCC member"),
              "department": ("承办部门", "Department"), "raiser": ("提出人", "Raiser"), "system": ("系统", "System")}
CHANNEL_WORDS = {"web": ("网上反映", "Raised online"),
                 "visit": ("委员走访时代为登记", "Recorded by a member on a visit"),
                 "member": ("委员提出", "Raised by a member"), "school": ("学校提出", "Raised by a school"),
                 "paper": ("工作人员据纸质材料录入", "Entered by staff from paper"),
                 "meeting": ("协商会议形成", "Agreed at a meeting")}
ACTION_WORDS = {
    "raise": ("提出", "Raised"), "select": ("选题", "Selected"), "merge": ("合并", "Merged"),
    "absorb": ("合并入重复议题", "Duplicate merged in"), "decline": ("不予选题", "Not taken up"),
    "investigate": ("调研", "Investigated"), "consult": ("协商", "Consulted"), "assign": ("交办", "Assigned"),
    "progress": ("办理进度", "Progress"), "answer": ("答复", "Answered"), "rate": ("评价", "Rated"),
    "close": ("办结", "Closed"), "reopen": ("退回重办", "Reopened"), "milestone": ("设立节点", "Milestone set"),
    "milestone_done": ("节点完成", "Milestone done"), "hide": ("隐藏", "Hidden"), "show": ("恢复显示", "Shown again"),
}


def _words(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key)
    return (pair[1] if lang == "en" else pair[0]) if pair else key


def _problem(exc: services.StepRefused, action: str, lang: str) -> dict[str, Any]:
    p = exc.problem
    return {"action": action, "code": p["code"], "message": (p.get("message") or {}).get(lang, ""),
            "hint": (p.get("hint") or {}).get(lang, "")}


def _date(day: Any) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else ""


# --- the work list and the overdue view ----------------------------------------------------

@login_required
def work(request: HttpRequest) -> HttpResponse:
    acc = access_of(request.user)
    if not acc.works_here:
        raise PermissionDenied
    f = selectors.WorkFilters.from_query(request.GET)
    data = selectors.work_list(acc, f, lang_code(), timezone.localdate())
    bodies = Body.objects.all() if acc.everything else Body.objects.filter(pk__in=acc.bodies)
    return render(request, "consultation/handling/work.html", {
        **data, "f": f, "has_department": bool(acc.departments),
        "show_body": bodies.count() > 1 or len({r["body"] for r in data.get("rows", [])}) > 1,
        # what waits for the reader's step: on the unfiltered list only (a filter asks for the list)
        "needs": None if f.query_without_page() or f.page not in ("", "1") else selectors.needs_you(
            acc, lang_code(), timezone.localdate()),
        "entry_bodies": [{"body": b, "staff": acc.is_staff_of(b.pk)} for b in bodies],
    })


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    acc = access_of(request.user)
    if not acc.works_here:
        raise PermissionDenied
    groups = selectors.overdue_groups(acc, timezone.localdate())
    selectors.label_rows(groups, lang_code())
    return render(request, "consultation/handling/overdue.html", {
        "groups": groups, "total": sum(g["count"] for g in groups)})


# --- one item --------------------------------------------------------------------------------

def _worker_item(request: HttpRequest, pk: int) -> tuple[Any, Concern, set[str]]:
    acc = access_of(request.user)
    concern = concern_or_404(acc, pk)
    held = roles_for(acc, concern)
    if not held & WORK_ROLES:
        raise PermissionDenied
    return acc, concern, held


@login_required
def work_item(request: HttpRequest, pk: int) -> HttpResponse:
    acc, concern, held = _worker_item(request, pk)
    lang = lang_code()
    problem: dict[str, Any] | None = None
    revealed = ""
    status = 200
    preview: dict[str, Any] | None = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "reveal_phone":
                revealed = services.reveal_phone(request.user, concern) or "—"
            elif action == "merge" and _merge_unconfirmed(request, concern, held):
                # the target's number, title, state and town first; merged only on confirm
                preview = _merge_preview(request, concern, held, lang)
                status = 400 if request.POST.get("confirm") else 200
            else:
                done = _act(request, concern, held, action)
                messages.success(request, done)
                return redirect("consultation:work_item", pk=concern.pk)
        except services.StepRefused as exc:
            problem = _problem(exc, action, lang)
            status = 403 if problem["code"] == "E875" else 400
            concern = concern_or_404(acc, pk)  # a refused step may have changed the object in memory
    context = _item_context(request, acc, concern, held, lang, problem, revealed)
    context["merge_preview"] = preview
    return render(request, "consultation/handling/item.html", context, status=status)


def _check_step(concern: Concern, held: set[str], action: str) -> None:
    """Who and when first: a wrong role hears E875 whatever else the form holds."""
    if action not in FORM_ACTIONS:
        raise services.refuse("E898", value=concern.number, detail=(action or "没有操作", action or "no action"))
    try:
        services.workflow(concern.body).step(concern.state, action, held)
    except rules.WorkflowError as exc:  # the rule's detail names states by code: said in words here
        raise services.refuse(exc.code, value=concern.number, detail=(
            "这一步不在当前可办理的步骤中", "this step is not open now")) from exc


def _merge_target(user: Any, concern: Concern, number: str) -> Concern:
    """The item to merge into, checked (E893 in words when it cannot take the merge)."""
    number = number.strip().upper()[:24]
    into = visible_concerns(access_of(user)).filter(number=number, body=concern.body).first()
    refused = services.merge_refusal(concern, into, number)
    if refused is not None or into is None:
        raise refused or services.refuse("E893", value=number)
    return into


def _merge_unconfirmed(request: HttpRequest, concern: Concern, held: set[str]) -> bool:
    """A merge is shown as a preview until it is confirmed (and its differences acknowledged)."""
    data = request.POST
    if not data.get("confirm"):
        return True
    _check_step(concern, held, "merge")
    into = _merge_target(request.user, concern, forms.text(data, "into", 24))
    return bool(services.merge_differences(concern, into)) and not data.get("differs_ok")


def _merge_preview(request: HttpRequest, concern: Concern, held: set[str], lang: str) -> dict[str, Any]:
    _check_step(concern, held, "merge")
    into = _merge_target(request.user, concern, forms.text(request.POST, "into", 24))
    br = selectors.Rules().of(into.body)
    i = 1 if lang == "en" else 0
    return {"into": into, "state": selectors.state_label(br, into.state, lang),
            "category": selectors.category_label(br, into.category, lang),
            "differences": [pair[i] for pair in services.merge_differences(concern, into)],
            "note": forms.text(request.POST, "note"), "unconfirmed": bool(request.POST.get("confirm"))}


def _act(request: HttpRequest, concern: Concern, held: set[str], action: str) -> str:
    """Take one step from the item page; the words to show when it is done."""
    data, user = request.POST, request.user
    _check_step(concern, held, action)
    if action == "select":
        services.select(user, concern, note=forms.text(data, "note"), venue=forms.venue(data.get("venue", ""),
                                                                                         concern.number))
    elif action == "decline":
        services.decline(user, concern, forms.text(data, "reason"))
    elif action == "merge":
        services.merge(user, concern, _merge_target(user, concern, forms.text(data, "into", 24)),
                       forms.text(data, "note"))
    elif action == "investigate":
        services.investigate(user, concern, forms.text(data, "notes"))
    elif action == "assign":
        department = _department(concern, data.get("department", ""))
        due = forms.due_date(forms.text(data, "due_on", 20), concern.number, timezone.localdate())
        services.assign(user, concern, department, due_on=due, note=forms.text(data, "note"))
    elif action == "progress":
        milestone = None
        if str(data.get("milestone", "")).isdigit():
            milestone = concern.milestones.filter(pk=int(data["milestone"])).first()
        files = [(f.name, f.read()) for f in request.FILES.getlist("evidence")]
        services.progress_with_evidence(user, concern, data.get("percent", ""), forms.text(data, "note"),
                                        milestone=milestone, files=files)
    elif action == "answer":
        services.answer(user, concern, forms.text(data, "text"))
    elif action == "close":
        services.close(user, concern, forms.text(data, "note"))
    elif action == "reopen":
        services.reopen(user, concern, forms.text(data, "reason"))
    return _("Done: %(step)s.") % {"step": _words(ACTION_WORDS, action, lang_code())}


def _department(concern: Concern, value: str) -> Department:
    found = selectors.departments_for(owning_bodies(concern)).filter(
        pk=int(value) if str(value).isdigit() else -1).first()
    if found is None:
        raise services.refuse("E894", value=concern.number)
    return found


def _raiser(concern: Concern) -> tuple[str, str]:
    name = concern.raiser_name
    if not name and concern.raised_by is not None:
        name = concern.raised_by.get_full_name() or concern.raised_by.get_username()
    return name, services.raiser_phone(concern)


@login_required
@require_GET
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """One evidence file, for whoever may open its item (anyone else 404): an attachment with
    its checked content type, never sniffed or cached."""
    found = Evidence.objects.select_related("event").filter(pk=pk).first()
    if found is None:
        raise Http404("no such file")
    concern_or_404(access_of(request.user), found.event.concern_id)
    response = HttpResponse(bytes(found.content), content_type=found.content_type or "application/octet-stream")
    response["Content-Length"] = str(found.size)
    response["Content-Disposition"] = _attachment(found.filename or f"evidence-{found.pk}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _attachment(filename: str) -> str:
    """Content-Disposition of a download: an ASCII fallback name and the real (UTF-8) one."""
    ascii_name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _item_context(request: HttpRequest, acc: Any, concern: Concern, held: set[str], lang: str,
                  problem: dict[str, Any] | None, revealed: str) -> dict[str, Any]:
    rules_ = selectors.Rules()
    br = rules_.of(concern.body)
    today = timezone.localdate()
    full = sees_personal_data(acc, concern)
    name, phone = _raiser(concern)
    clock = selectors.clock_of(br, concern, today)
    steps = [t for t in br.flow.steps_from(concern.state, held) if t.action in FORM_ACTIONS]
    bodies = owning_bodies(concern)
    events = list(concern.events.select_related("actor").prefetch_related("evidence"))
    handlers = _handler_departments(events, bodies)
    timeline = [{
        "event": e, "role": _words(ROLE_WORDS, e.actor_role, lang), "action": _words(ACTION_WORDS, e.action, lang),
        "actor": _actor_words(e, handlers),
        "to_state": selectors.state_label(br, e.to_state, lang) if e.to_state and e.to_state != e.from_state
        else "",
        "percent": e.data.get("percent"), "department": e.data.get("department", ""),
        "due_on": e.data.get("due_on", ""), "evidence": list(e.evidence.all()),
        "milestone": e.data.get("milestone") or e.data.get("title", ""),
    } for e in events]
    for row in timeline:
        row["due_on"] = _date(_iso(row["due_on"]))
        row["summary"] = _summary(row["event"])
    templates = list(selectors.templates_for(concern, bodies))
    chosen = request.GET.get("template", "")
    prefill = next((t.text for t in templates if str(t.pk) == chosen), "")
    days = rules.sla_days(br.sla, concern.category)
    category = selectors.category_label(br, concern.category, lang)
    deadline = rules.deadline(today, days)
    children = [{"concern": k, "state": selectors.state_label(rules_.of(k.body), k.state, lang),
                 "progress": services.progress_of(k)} for k in concern.children.select_related("body")]
    supporters = [{"name": s.name or (s.user.get_username() if s.user else ""), "at": s.at}
                  for s in concern.supporters.select_related("user")]
    return {
        "concern": concern, "lang": lang, "problem": problem, "held": held,
        "problem_place": _place(problem, [t.action for t in steps]),
        "bodies": Body.objects.filter(pk__in=bodies),
        "state": selectors.state_label(br, concern.state, lang),
        "category": category, "clock": clock["status"], "channel": _channel(concern, events, lang),
        "clock_words": selectors.clock_words(clock["status"], clock["days"], lang),
        "progress": services.progress_of(concern),
        "raiser_name": name if full else mask_name(name), "raiser_phone": mask_phone(phone),
        "has_phone": bool(phone), "revealed": revealed, "can_reveal": "staff" in held and bool(phone),
        "timeline": timeline, "photos": concern.photos.count(),
        "supporters": [{"name": s["name"] if full else mask_name(s["name"]), "at": s["at"]} for s in supporters],
        "milestones": list(concern.milestones.all()),
        "open_milestones": [m for m in concern.milestones.all() if m.done_on is None],
        "children": children,
        "steps": [t.action for t in steps],
        "venues": [(k, v[1] if lang == "en" else v[0]) for k, v in rules.VENUES.items()],
        "departments": list(selectors.departments_for(bodies)),
        "sla_line": _("By the category “%(category)s”: %(days)s days, answer due by %(date)s") % {
            "category": category, "days": days, "date": _date(deadline)},
        "default_due": deadline.isoformat(),
        "milestone_hint": _milestone_hint(concern, today).isoformat(),
        **_opinion_links(acc, concern),
        "templates": templates, "prefill": prefill, "chosen": chosen,
        "evidence_mb": services.evidence_limits(concern.body).limit_text.removesuffix(" MB"),
        "evidence_accept": services.evidence_limits(concern.body).accept,
        "may_milestone": bool(held & services.MILESTONE_ROLES) and not br.flow.state(concern.state).terminal,
        "consult_step": any(t.action == "consult" for t in br.flow.steps_from(concern.state, held)),
        "meetings_url": _maybe_url("consultation:meetings"),
        "due_on": _date(concern.due_on),
        "merged_into": concern.merged_into if concern.merged_into_id else None,
    }


def _handler_departments(events: list[Event], bodies: set[int]) -> dict[int, str]:
    """User id -> the name of the department they handle items for in the item's bodies."""
    from youjun.web.apps.consultation.models import Participant

    users = {e.actor_id for e in events if e.actor_id is not None and e.actor_role == "department"}
    found: dict[int, str] = {}
    for user_id, name in (Participant.objects.filter(user_id__in=users, kind=Participant.Kind.DEPARTMENT,
                                                     body_id__in=bodies, department__isnull=False)
                          .order_by("pk").values_list("user_id", "department__name")):
        found.setdefault(user_id, name)
    return found


def _actor_words(e: Event, handlers: dict[int, str]) -> str:
    """Who did it, beside the role: a department handler as their department's name (never a
    login); committee staff by their full name when the account has one."""
    if e.actor is None or e.actor_role not in WORK_ROLES:
        return ""
    if e.actor_role == "department":
        return handlers.get(e.actor_id or 0, "")
    return (getattr(e.actor, "full_name", "") or e.actor.get_full_name() or "").strip()


def _opinion_links(acc: Any, concern: Concern) -> dict[str, str]:
    """An agreed opinion's way back: its parent item (work page when the reader works on it,
    public page otherwise) and its meeting (for those who may open it)."""
    from youjun.web.apps.consultation.services_meetings import visible_meetings
    parent_link = meeting_link = ""
    parent = concern.parent if concern.parent_id else None
    if parent is not None:
        if roles_for(acc, parent) & WORK_ROLES and visible_concerns(acc).filter(pk=parent.pk).exists():
            parent_link = reverse("consultation:work_item", args=[parent.pk])
        elif not parent.hidden:
            parent_link = reverse("consultation:public_item", args=[parent.number])
    if concern.meeting_id and visible_meetings(acc).filter(pk=concern.meeting_id).exists():
        meeting_link = reverse("consultation:meeting", args=[concern.meeting_id])
    return {"parent_link": parent_link, "meeting_link": meeting_link}


def _milestone_hint(concern: Concern, today: Any) -> Any:
    """The date shown as an example on the milestone form: a week ahead, never after the
    item's answer-by date."""
    import datetime as dt
    ahead = today + dt.timedelta(days=7)
    return min(ahead, concern.due_on) if concern.due_on else ahead


def _channel(concern: Concern, events: list[Any], lang: str) -> str:
    """How the item came in; one recorded for a resident says who recorded it (staff or a member)."""
    if concern.channel == "visit":
        raised = next((e for e in events if e.action == "raise"), None)
        if raised is not None and raised.actor_role == "staff":
            return "Recorded for a resident by committee staff" if lang == "en" else "政协工作人员代为登记"
    return _words(CHANNEL_WORDS, concern.channel, lang)


def _summary(event: Any) -> str:
    """A merge in words on the timeline: where the duplicate went, what the target took in."""
    data = event.data if isinstance(event.data, dict) else {}
    if event.action == "absorb" and data.get("from"):
        return _("Merged the duplicate %(number)s (its raiser became a supporter)") % {"number": data["from"]}
    if event.action == "merge" and data.get("into"):
        return _("Merged into %(n)s") % {"n": data["into"]}
    return ""


def _place(problem: dict[str, Any] | None, steps: list[str]) -> str:
    """Where a refusal is shown: beside the form it came from, else at the top of the page."""
    if problem is None:
        return ""
    action = problem["action"]
    return action if action in steps or action == "milestone" else "top"


def _iso(value: Any) -> Any:
    import datetime as dt
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _maybe_url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@login_required
@require_POST
def milestones(request: HttpRequest, pk: int) -> HttpResponse:
    acc, concern, held = _worker_item(request, pk)
    op = request.POST.get("op", "")
    lang = lang_code()
    try:
        if op == "done" and str(request.POST.get("id", "")).isdigit():
            found = concern.milestones.filter(pk=int(request.POST["id"])).first()
            if found is None:
                raise services.refuse("E895", value=concern.number, detail=("没有这个节点", "no such milestone"))
            services.complete_milestone(request.user, concern, found)
            messages.success(request, _("Milestone marked done."))
        else:
            title, day = forms.milestone_fields(request.POST, concern.number)
            services.add_milestone(request.user, concern, title=title, due_on=day)
            messages.success(request, _("Milestone added."))
    except services.StepRefused as exc:
        problem = _problem(exc, "milestone", lang)
        return render(request, "consultation/handling/item.html",
                      _item_context(request, acc, concern, held, lang, problem, ""),
                      status=403 if problem["code"] == "E875" else 400)
    return redirect("consultation:work_item", pk=concern.pk)


# --- assisted entry, answer templates, notices ------------------------------------------------

@login_required
def record(request: HttpRequest, code: str) -> HttpResponse:
    """A member (or staff) records a concern for a resident without a smartphone, on a visit."""
    acc = access_of(request.user)
    body = Body.objects.filter(code=code).first()
    if body is None or not (acc.everything or body.pk in acc.bodies):
        raise Http404("no such body")
    lang = lang_code()
    problem = None
    values: dict[str, Any] = {}
    if request.method == "POST":
        values = {k: forms.text(request.POST, k) for k in
                  ("title", "text", "category", "town", "village", "raiser_name", "raiser_phone")}
        values["consent"] = bool(request.POST.get("consent"))
        try:
            fields = forms.record_fields(request.POST)
            concern = services.raise_concern(request.user, body, channel="visit", on_behalf=True,
                                             consent_text=forms.CONSENT[lang] if fields["consent_noted"] else "",
                                             **fields)
        except services.StepRefused as exc:
            problem = _problem(exc, "record", lang)
        else:
            messages.success(request, _("Recorded as %(number)s.") % {"number": concern.number})
            return redirect("consultation:work_item", pk=concern.pk)
    categories = [(k, str(v.get(lang) or v.get("zh") or k)) for k, v in services.categories(body).items()]
    return render(request, "consultation/handling/record.html", {
        "body": body, "problem": problem, "values": values, "categories": categories,
        "consent": forms.CONSENT[lang]}, status=400 if problem else 200)


@login_required
def templates(request: HttpRequest, code: str) -> HttpResponse:
    acc = access_of(request.user)
    body = staff_body_or_404(acc, code)
    lang = lang_code()
    problem = None
    if request.method == "POST":
        op = request.POST.get("op", "")
        data = request.POST
        try:
            found = None
            if op in ("edit", "delete"):
                found = AnswerTemplate.objects.filter(body=body, pk=int(data["id"]) if str(
                    data.get("id", "")).isdigit() else -1).first()
                if found is None:
                    raise Http404("no such template")
            if op == "delete" and found is not None:
                services.delete_answer_template(request.user, found)
                messages.success(request, _("Template deleted."))
            else:
                dep_id = str(data.get("department", ""))
                department = Department.objects.filter(body=body, pk=int(dep_id)).first() if dep_id.isdigit() else None
                services.save_answer_template(request.user, body, title=forms.text(data, "title", 120),
                                              text=forms.text(data, "text"), department=department,
                                              template=found)
                messages.success(request, _("Template saved."))
            return redirect("consultation:templates", code=body.code)
        except services.StepRefused as exc:
            problem = _problem(exc, op, lang)
    return render(request, "consultation/handling/templates.html", {
        "body": body, "problem": problem, "items": AnswerTemplate.objects.filter(body=body).select_related(
            "department"), "departments": body.departments.all(), "posted": request.POST if problem else {},
    }, status=400 if problem else 200)


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        count = services.mark_notices_read(request.user)
        messages.success(request, _("%(count)s notices marked read.") % {"count": count})
        return redirect("consultation:notices")
    acc = access_of(request.user)
    lang = lang_code()
    rows = []
    items = list(Notification.objects.filter(user=request.user).select_related("concern", "concern__body")[:200])
    for n in items:
        link = ""
        if n.concern is not None and roles_for(acc, n.concern) & WORK_ROLES:
            link = reverse("consultation:work_item", args=[n.concern.pk])
        rows.append({"n": n, "text": n.text_en if lang == "en" else n.text_zh, "link": link})
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "consultation/handling/notices.html", {"rows": rows, "unread": unread})
