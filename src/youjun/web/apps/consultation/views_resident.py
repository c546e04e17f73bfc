"""The resident side of "渝事好商量" and the public pages of each concern.

- ``public_list`` (/consult/): every concern not hidden, its agreed opinions under it; filters,
  search and pages as GET parameters (no JavaScript needed).
- ``public_item`` (/consult/c/<number>/): what happened to one concern, without personal data.
- ``register``, ``raise_concern`` (+ ``raised``, the confirmation), ``mine``, ``item`` (the
  raiser's own view with the rating form), ``photo``, ``report``.

Every read goes through ``access``; every write through ``services``/``services_resident``/
``moderation``. An item out of reach is 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from youjun.core import consultation as rules
from youjun.web.apps.consultation import access as acc
from youjun.web.apps.consultation import forms_resident as forms
from youjun.web.apps.consultation import moderation, photos, services, services_resident
from youjun.web.apps.consultation.models import Body, Concern, Event, Photo, Rating, Supporter
from youjun.web.apps.platform.audit import client_ip

PER_PAGE = 20
ROLE_WORDS = {
    "staff": gettext_lazy("Committee staff"),
    "member": pgettext_lazy("consultation role", "Member"),
    "department": gettext_lazy("Department"),
    "raiser": gettext_lazy("Raiser"),
    "system": gettext_lazy("Platform"),
}
ACTION_WORDS = {
    "raise": gettext_lazy("Raised"),
    "select": gettext_lazy("Selected as a topic"),
    "merge": gettext_lazy("Merged into another concern"),
    "absorb": gettext_lazy("A duplicate was merged into it"),
    "decline": gettext_lazy("Not taken up"),
    "investigate": gettext_lazy("Investigated"),
    "consult": gettext_lazy("Consulted"),
    "assign": gettext_lazy("Assigned to a department"),
    "progress": gettext_lazy("Progress update"),
    "answer": gettext_lazy("Answer published"),
    "rate": gettext_lazy("Rated"),
    "close": gettext_lazy("Item closed"),
    "reopen": gettext_lazy("Sent back to be handled again"),
}
# events whose notes the public timeline shows (visit notes, answers, progress, reasons)
PUBLIC_NOTES = {"select", "decline", "investigate", "consult", "assign", "progress", "answer", "close", "reopen"}


# --- small helpers -------------------------------------------------------------------------

class _Bodies:
    """Per request: each body's workflow, categories and clock settings, read once."""

    def __init__(self) -> None:
        self._flow: dict[int, rules.Workflow] = {}
        self._sla: dict[int, dict[str, Any]] = {}

    def flow(self, body: Body) -> rules.Workflow:
        if body.pk not in self._flow:
            self._flow[body.pk] = services.workflow(body)
        return self._flow[body.pk]

    def sla(self, body: Body) -> dict[str, Any]:
        if body.pk not in self._sla:
            self._sla[body.pk] = services.body_settings(body)["sla"]
        return self._sla[body.pk]

    def state(self, body: Body, code: str) -> str:
        flow = self.flow(body)
        return flow.states[code].label(forms.lang()) if code in flow.states else code

    def next_step(self, concern: Concern) -> str:
        """What happens next in the item's state, from the workflow's words (next_zh/next_en),
        with the answer deadline in the page's way of writing dates."""
        states = services.body_settings(concern.body)["workflow"].get("states") or {}
        entry = states.get(concern.state) or {}
        text = str(entry.get("next_en" if forms.lang() == "en" else "next_zh") or "")
        if "{due}" in text:
            if concern.due_on is None:
                return ""
            today = timezone.localdate()
            if today > concern.due_on:  # past the deadline: say so, not "answer by" a day gone by
                n = rules.days_overdue(concern.due_on, today)
                return ngettext("%(n)s day past the answer deadline: committee staff are pressing the department",
                                "%(n)s days past the answer deadline: committee staff are pressing the department",
                                n) % {"n": f"{n:,}"}
            text = text.replace("{due}", _day(concern.due_on))
        return text

    def category(self, body: Body, key: str) -> str:
        entry = (self.sla(body).get("categories") or {}).get(key) or {}
        return str(entry.get("en" if forms.lang() == "en" else "zh", key))


def _progress(concern: Concern) -> int:
    kids = [c.progress for c in concern.children.all()]
    return rules.rolled_up_progress(concern.progress, kids)


def _days_open(concern: Concern, now: dt.datetime) -> int:
    return max(0, ((concern.closed_at or now) - concern.created_at).days)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}" if forms.lang() == "en" else f"{day.year}年{day.month}月{day.day}日"


def _days_label(bodies: _Bodies, concern: Concern, now: dt.datetime) -> str:
    """What the days count: "已提出 N 天" while open, "用时 N 天办结" once solved, "今天提出" today."""
    state = bodies.flow(concern.body).states.get(concern.state)
    days = _days_open(concern, now)
    if state is not None and state.solved and concern.closed_at is not None:
        return ngettext("closed after %(n)s day", "closed after %(n)s days", days) % {"n": f"{days:,}"}
    if state is not None and state.terminal:
        return ""
    if days == 0:
        return _("raised today")
    return ngettext("raised %(n)s day ago", "raised %(n)s days ago", days) % {"n": f"{days:,}"}


def _scrub(text: str, concern: Concern) -> str:
    """A text for a public page with the raiser's name and phone masked, wherever typed."""
    secrets = [concern.raiser_name, concern.raiser_phone]
    raiser = concern.raised_by
    if raiser is not None:
        secrets.append(getattr(raiser, "full_name", ""))
        profile = getattr(raiser, "resident_profile", None) if hasattr(raiser, "resident_profile") else None
        if profile is not None:
            secrets.append(profile.phone)
    for s in sorted({x.strip() for x in secrets if x and len(x.strip()) >= 2}, key=len, reverse=True):
        masked = acc.mask_phone(s) if s.isdigit() else acc.mask_name(s)
        text = text.replace(s, masked)
    return text


def _clock(bodies: _Bodies, concern: Concern) -> dict[str, Any]:
    flow = bodies.flow(concern.body)
    today = timezone.localdate()
    open_item = concern.state in flow.clock_states()
    status = rules.clock_status(concern.due_on, today, open_item=open_item,
                                due_soon_days=int(bodies.sla(concern.body).get("due_soon_days") or 0))
    overdue = rules.days_overdue(concern.due_on, today) if concern.due_on and status == "overdue" else 0
    return {"status": status, "days_overdue": overdue, "due_on": concern.due_on}


def _raise_words(e: Event) -> dict[str, str]:
    """The first event in words, without repeating the state: "群众提出" (Raised by the resident),
    or who recorded it for a resident."""
    if e.actor_role == "raiser":
        return {"action": _("Raised by the resident"), "role": "", "state": ""}
    if e.actor_role == "member":
        return {"action": _("Recorded by a member for a resident"), "role": "", "state": ""}
    return {"state": ""}


def _timeline(bodies: _Bodies, concern: Concern, events: list[Event], *, public: bool) -> list[dict[str, Any]]:
    out = []
    for e in events:
        d = e.data or {}
        note = e.note if (e.action in PUBLIC_NOTES or not public) else ""
        row: dict[str, Any] = {
            "at": e.at, "action": ACTION_WORDS.get(e.action, _("Update")),
            "role": ROLE_WORDS.get(e.actor_role, ROLE_WORDS["system"]),
            "state": bodies.state(concern.body, e.to_state) if e.to_state and e.to_state != e.from_state else "",
            "note": _scrub(note, concern) if public else note,
            "percent": d.get("percent") if e.action == "progress" else None,
            "department": d.get("department", "") if e.action == "assign" else "",
            "due_on": _date(d.get("due_on")) if e.action in ("assign", "reopen") else None,
            "venue": d.get("venue", "") if e.action in ("consult", "select") else "",
            "held_on": _date(d.get("held_on")),
            "into": d.get("into", "") if e.action == "merge" else "",
            "from_number": d.get("from", "") if e.action == "absorb" else "",
            "satisfaction": d.get("satisfaction", "") if e.action == "rate" else "",
            "fixed": d.get("fixed", "") if e.action == "rate" else "",
            **(_raise_words(e) if e.action == "raise" else {}),
        }
        out.append(row)
    return out


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _ratings_summary(concern: Concern) -> dict[str, Any]:
    """The raiser's latest rating (the one the statistics count) and the others as history,
    newest first: earlier ratings by the raiser and members' ratings."""
    rows = list(concern.ratings.order_by("at", "id"))
    latest = next((r for r in reversed(rows) if r.rater_role == "raiser"), None)
    history = [{"at": r.at, "role": ROLE_WORDS.get(r.rater_role, ROLE_WORDS["system"]),
                "satisfaction": r.satisfaction, "fixed": r.fixed}
               for r in reversed(rows) if r is not latest]
    return {"total": len(rows), "latest": latest, "history": history}


def _problem(p: dict[str, Any]) -> dict[str, str]:
    lang = forms.lang()
    stop = "" if p["message"][lang].endswith(("。", ".", "！", "？")) else ("。" if lang == "zh" else ".")
    return {"code": p["code"], "message": p["message"][lang] + stop, "hint": p["hint"][lang]}


def _public_or_404(number: str) -> Concern:
    found = (acc.public_concerns().filter(number=number).select_related("body", "department", "school", "parent",
                                                                     "merged_into", "raised_by",
                                                                     "raised_by__resident_profile").first())
    if found is None or (found.parent is not None and found.parent.hidden):
        raise Http404("no such concern")
    return found


def _safe_next(request: HttpRequest, url: str) -> str:
    ok = url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure())
    return url if url and ok and url.startswith("/") else ""


# --- public pages --------------------------------------------------------------------------

@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    bodies = _Bodies()
    all_bodies = list(Body.objects.order_by("pk"))
    f = {k: request.GET.get(k, "").strip() for k in ("body", "category", "town", "state", "q")}
    qs = (acc.public_concerns().filter(kind=Concern.Kind.CONCERN)
          .select_related("body", "department", "merged_into", "raised_by", "raised_by__resident_profile")
          .prefetch_related(Prefetch("children", queryset=Concern.objects.order_by("created_at", "id"))))
    if f["body"]:
        qs = qs.filter(Q(body__code=f["body"]) | Q(joint_bodies__code=f["body"])).distinct()
    if f["category"]:
        qs = qs.filter(category=f["category"])
    if f["town"]:
        qs = qs.filter(town=f["town"])
    if f["state"]:
        qs = qs.filter(state=f["state"])
    if f["q"]:
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(text__icontains=f["q"]) | Q(number__icontains=f["q"]))
    page = Paginator(qs.order_by("-created_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = []
    for c in page.object_list:
        rows.append({
            "c": c, "title": _scrub(c.title, c),
            "category": bodies.category(c.body, c.category), "state": bodies.state(c.body, c.state),
            "progress": _progress(c), "days": _days_open(c, now), "clock": _clock(bodies, c),
            "opinions": [{"c": o, "state": bodies.state(o.body, o.state), "progress": o.progress}
                         for o in c.children.all() if not o.hidden],
        })
    states: dict[str, str] = {}
    categories: dict[str, str] = {}
    for b in all_bodies:
        for code in bodies.flow(b).states:
            states.setdefault(code, bodies.state(b, code))
        for key in services.categories(b):
            categories.setdefault(key, bodies.category(b, key))
    towns = sorted({t for t in acc.public_concerns().exclude(town="").values_list("town", flat=True)})
    query = urlencode({k: v for k, v in f.items() if v})
    return render(request, "consultation/public/list.html", {
        "rows": rows, "page": page, "f": f, "query": query, "bodies": all_bodies, "states": states,
        "categories": categories, "towns": towns, "filtered": any(f.values()),
    })


def _public_item_context(request: HttpRequest, concern: Concern) -> dict[str, Any]:
    bodies = _Bodies()
    access = acc.access_of(request.user)
    events = list(concern.events.filter(public=True).order_by("at", "id"))
    children = [{"c": o, "state": bodies.state(o.body, o.state), "progress": _progress(o), "clock": _clock(bodies, o),
                 "department": o.department}
                for o in concern.children.filter(hidden=False).select_related("body", "department")
                .prefetch_related("children").order_by("created_at", "id")]
    merged_from = list(concern.merged_from.filter(hidden=False).values_list("number", flat=True))
    photo_ids = list(concern.photos.filter(public=True).values("pk", "width", "height"))
    return {
        "c": concern, "title_text": _scrub(concern.title, concern), "body_text": _scrub(concern.text, concern),
        "state": bodies.state(concern.body, concern.state),
        "category": bodies.category(concern.body, concern.category),
        "indicator": forms.indicator_name(concern.indicator) if concern.indicator else "",
        "progress": services.progress_of(concern), "clock": _clock(bodies, concern),
        "timeline": _timeline(bodies, concern, events, public=True), "children": children,
        "merged_from": merged_from, "supporters": concern.supporters.count(), "photos": photo_ids,
        "can_support": _can_support(access, concern),
        "supported": access.is_authenticated and concern.supporters.filter(user_id=access.user_id).exists(),
        "ratings": _ratings_summary(concern),
        "can_open": acc.visible_concerns(access).filter(pk=concern.pk).exists(),
        "is_raiser": access.is_authenticated and concern.raised_by_id == access.user_id,
        "reasons": forms.reason_choices(), "signed_in": access.is_authenticated,
        "answer_text": _scrub(concern.answer, concern) if concern.answered_at else "",
    }


def _can_support(access: acc.Access, concern: Concern) -> bool:
    """Whether the page offers 附议: an open concern raised by someone else."""
    state = services.workflow(concern.body).states.get(concern.state)
    if state is None or state.terminal or concern.kind != Concern.Kind.CONCERN:
        return False
    return not (access.is_authenticated and concern.raised_by_id == access.user_id)


@require_GET
def public_item(request: HttpRequest, number: str) -> HttpResponse:
    concern = _public_or_404(number)
    return render(request, "consultation/public/item.html", _public_item_context(request, concern))


@login_required
@require_POST
def report(request: HttpRequest, number: str) -> HttpResponse:
    concern = _public_or_404(number)
    key = request.POST.get("reason", "")
    reason = forms.report_reason(key, request.POST.get("detail", "")) if key in moderation.REASONS else ""
    try:
        moderation.report(request.user, concern, reason)
    except services.StepRefused as exc:
        ctx = _public_item_context(request, concern)
        ctx["report_problem"] = _problem(exc.problem)
        return render(request, "consultation/public/item.html", ctx, status=400)
    messages.success(request, _("Thank you: your report was received and the committee staff will review it."))
    concern.refresh_from_db(fields=["hidden"])
    if concern.hidden:
        return redirect("consultation:public_list")
    return redirect("consultation:public_item", number=concern.number)


@login_required
@require_POST
def support(request: HttpRequest, number: str) -> HttpResponse:
    """附议: a signed-in resident supports someone else's open concern, once."""
    concern = _public_or_404(number)
    try:
        services_resident.support(request.user, concern, ip=client_ip(request))
    except services.StepRefused as exc:
        ctx = _public_item_context(request, concern)
        ctx["support_problem"] = _problem(exc.problem)
        return render(request, "consultation/public/item.html", ctx, status=400)
    messages.success(request, _("Thank you: your support is counted. You find the concern under My concerns."))
    return redirect("consultation:public_item", number=concern.number)


@require_GET
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    found = Photo.objects.select_related("concern", "concern__parent").filter(pk=pk).first()
    if found is None:
        raise Http404("no such photo")
    concern = found.concern
    public = found.public and not concern.hidden and not (concern.parent is not None and concern.parent.hidden)
    if not public and not acc.visible_concerns(acc.access_of(request.user)).filter(pk=concern.pk).exists():
        raise Http404("no such photo")
    response = HttpResponse(bytes(found.content), content_type=found.content_type or "image/jpeg")
    response["Content-Length"] = str(found.size)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["Content-Disposition"] = f'inline; filename="{concern.number}-{found.pk}.jpg"'
    return response


# --- account -------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next") or "")
    form = forms.RegisterForm(request.POST or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user = services_resident.register_resident(d["username"], d["password1"], phone=d["phone"],
                                                       town=d["town"], ip=client_ip(request))
        except services.StepRefused as exc:
            problem = _problem(exc.problem)
        except ValueError as exc:  # the platform's password policy (E822), said next to the field
            detail = getattr(exc, "problem", None)
            form.add_error("password1", _problem(detail)["message"] if detail else str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready and you are logged in."))
            return redirect(next_url or reverse("consultation:raise"))
    status = 400 if request.method == "POST" else 200
    towns = sorted({t for b in Body.objects.order_by("pk") for t in forms.town_choices(b)})
    return render(request, "consultation/resident/register.html",
                  {"form": form, "next": next_url, "problem": problem, "towns": towns}, status=status)


# --- raising a concern ---------------------------------------------------------------------

def _chosen_body(request: HttpRequest, bodies: list[Body]) -> Body | None:
    code = request.POST.get("body") or request.GET.get("body") or ""
    return next((b for b in bodies if b.code == code), bodies[0] if bodies else None)


@require_http_methods(["GET", "POST"])
def raise_concern(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('platform:login')}?{urlencode({'next': request.path})}")
        return render(request, "consultation/resident/raise_signin.html", {"next": request.path})
    bodies = list(Body.objects.order_by("pk"))
    body = _chosen_body(request, bodies)
    if body is None:
        return render(request, "consultation/resident/raise.html", {"no_body": True})
    limits = photos.limits_of(body)
    blocked = None
    try:
        moderation.check_not_blocked(request.user)
    except services.StepRefused as exc:
        blocked = _problem(exc.problem)
    profile_town = getattr(getattr(request.user, "resident_profile", None), "town", "") if hasattr(
        request.user, "resident_profile") else ""
    form = forms.RaiseForm(body, request.POST if request.method == "POST" else None,
                           initial={"town": profile_town})
    problem = photo_error = None
    status = 200
    if request.method == "POST":
        status = 400
        chosen = [f for f in request.FILES.getlist("photos") if f.name or f.size]
        if blocked:
            status = 403
        else:
            cleaned: list[photos.CleanPhoto] = []
            try:
                cleaned = photos.clean_uploads(chosen, limits)
            except services.StepRefused as exc:
                photo_error = _problem(exc.problem)
            if form.is_valid() and photo_error is None:
                d = form.cleaned_data
                try:
                    concern = services_resident.raise_with_photos(
                        request.user, body, title=d["title"], text=d["text"], category=d["category"],
                        town=d["town"], village=d["village"], school=d["school"], indicator=d["indicator"],
                        cleaned=cleaned)
                except services.StepRefused as exc:
                    problem = _problem(exc.problem)
                else:
                    return redirect("consultation:raised", pk=concern.pk)
        form.photos_dropped = bool(chosen)
    return render(request, "consultation/resident/raise.html", {
        "form": form, "body": body, "bodies": bodies, "limits": limits, "max_mb": photos.megabytes(limits.max_bytes),
        "blocked": blocked, "problem": problem, "photo_error": photo_error,
        "towns": forms.town_choices(body),
    }, status=status)


@login_required
@require_GET
def raised(request: HttpRequest, pk: int) -> HttpResponse:
    concern = acc.concern_or_404(acc.access_of(request.user), pk)
    bodies = _Bodies()
    days = rules.sla_days(bodies.sla(concern.body), concern.category)
    return render(request, "consultation/resident/raised.html", {
        "c": concern, "days": days, "category": bodies.category(concern.body, concern.category),
        "state": bodies.state(concern.body, concern.state), "photos": concern.photos.count(),
    })


# --- my concerns and my view of one ----------------------------------------------------------

@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    bodies = _Bodies()
    user = request.user
    supported = Supporter.objects.filter(user=user).values("concern_id")
    qs = (Concern.objects.filter(Q(raised_by=user) | Q(recorded_by=user) | Q(pk__in=supported))
          .select_related("body", "department").prefetch_related("children").order_by("-created_at", "-id"))
    rated: dict[int, dt.datetime] = {}
    for concern_id, at in Rating.objects.filter(rater=user).values_list("concern_id", "at"):
        rated[concern_id] = max(at, rated.get(concern_id, at))
    now = timezone.now()
    rows = []
    for c in qs:
        own = c.raised_by_id == user.pk
        to_rate = own and c.answered_at is not None and not (c.pk in rated and rated[c.pk] >= c.answered_at)
        recorded = not own and c.recorded_by_id == user.pk  # recorded for a resident on a visit
        rows.append({"c": c, "own": own, "recorded": recorded, "state": bodies.state(c.body, c.state),
                     "progress": _progress(c), "days": _days_open(c, now), "days_label": _days_label(bodies, c, now),
                     "next": bodies.next_step(c), "to_rate": to_rate, "clock": _clock(bodies, c)})
    return render(request, "consultation/resident/mine.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, pk: int) -> HttpResponse:
    access = acc.access_of(request.user)
    concern = acc.concern_or_404(access, pk)
    bodies = _Bodies()
    roles = acc.roles_for(access, concern)
    can_rate = concern.answered_at is not None and bool(roles & {"raiser", "member", "staff"})
    form = forms.RatingForm(request.POST if request.method == "POST" else None)
    problem = None
    status = 200
    if request.method == "POST":
        status = 400
        if not can_rate:
            problem = _problem(services.refuse(
                "E875", value=concern.number, detail="rated by its raiser or a member after it is answered").problem)
        elif form.is_valid():
            d = form.cleaned_data
            try:
                services.rate(request.user, concern, satisfaction=d["satisfaction"], fixed=d["fixed"],
                              comment=d["comment"])
            except services.StepRefused as exc:
                problem = _problem(exc.problem)
            else:
                concern.refresh_from_db()
                if concern.answered_at is None:
                    messages.success(request, _("Thank you for rating. The item was sent back to the department "
                                                "to be handled again."))
                else:
                    messages.success(request, _("Thank you for rating."))
                return redirect("consultation:item", pk=concern.pk)
    sees = acc.sees_personal_data(access, concern)
    raiser = concern.raised_by
    name = concern.raiser_name or (getattr(raiser, "full_name", "") if raiser else "") or (
        raiser.get_username() if raiser else "")
    phone = concern.raiser_phone
    events = list(concern.events.all() if access.works_here else concern.events.filter(public=True))
    my_ratings = concern.ratings.filter(rater=request.user).order_by("-at")
    return render(request, "consultation/resident/item.html", {
        "c": concern, "state": bodies.state(concern.body, concern.state),
        "next": bodies.next_step(concern), "days_label": _days_label(bodies, concern, timezone.now()),
        "category": bodies.category(concern.body, concern.category),
        "indicator": forms.indicator_name(concern.indicator) if concern.indicator else "",
        "progress": services.progress_of(concern), "clock": _clock(bodies, concern),
        "timeline": _timeline(bodies, concern, events, public=False),
        "children": [{"c": o, "state": bodies.state(o.body, o.state), "progress": _progress(o)}
                     for o in concern.children.select_related("body").prefetch_related("children")],
        "photos": list(concern.photos.values("pk", "width", "height")),
        "raiser_name": name if sees else acc.mask_name(name), "raiser_phone": phone if sees else acc.mask_phone(phone),
        "sees_personal": sees, "is_raiser": "raiser" in roles, "can_rate": can_rate, "form": form,
        "problem": problem, "my_rating": my_ratings.first(), "ratings": _ratings_summary(concern),
        "public": not concern.hidden,
    }, status=status)
