"""Pages of differentiated evaluation: a school's rounds and tracks, a round, a teacher in a
round (raters, surveys, result, feedback and plan, decision), the rater's forms and the teacher's
own result. Views are thin: reads through ``selectors`` and ``access``, writes through
``services``; a refusal is shown in the page's language with its catalogue code (422)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from youjun.core import workforce_appraisal as core
from youjun.web.apps.platform.audit import client_ip
from youjun.web.apps.workforce import access as wf_access
from youjun.web.apps.workforce.appraisal import access, selectors, services
from youjun.web.apps.workforce.appraisal.forms import DecisionForm, FeedbackForm, RoundForm, lang
from youjun.web.apps.workforce.appraisal.models import Participant, Rater, Round
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused


def _problems(exc: Refused) -> list[dict[str, str]]:
    code = lang()
    out = []
    for p in exc.problems:
        msg = p["message"][code]
        stop = "" if msg.endswith(("。", ".", "！", "？", "）", ")")) else ("。" if code == "zh" else ".")
        out.append({"code": p["code"], "message": msg + stop, "hint": p["hint"][code]})
    return out


def _kind_label(kind: str) -> str:
    return core.RATER_KINDS[kind][1 if lang() == "en" else 0]


# --- a school's rounds and tracks ------------------------------------------------------------------

def _track_view(t: core.Track) -> dict[str, Any]:
    en = lang() == "en"
    return {"code": t.code, "name": t.label(lang()), "who": t.who_en if en else t.who_zh,
            "aim": t.aim_en if en else t.aim_zh, "methods": t.methods_en if en else t.methods_zh,
            "criteria": [{"code": c.code, "name": c.label(lang()), "zh": c.zh, "en": c.en, "weight": f"{c.weight:g}"}
                         for c in t.criteria],
            "raters": [{"kind": k, "label": _kind_label(k), "weight": f"{t.raters.get(k, 0):g}",
                        "used": t.raters.get(k, 0) > 0} for k in core.RATER_KINDS]}


@login_required
def school(request: HttpRequest, code: str) -> HttpResponse:
    school = wf_access.school_or_404(request.user, code)
    manages = access.manages_school(request.user, school)
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        if not manages:
            raise PermissionDenied("school")
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                r = services.open_round(request.user, school, school_year=form.cleaned_data["school_year"],
                                        term=form.cleaned_data["term"], title=form.cleaned_data["title"],
                                        ip=client_ip(request))
                return redirect("workforce_appraisal:round", pk=r.pk)
            except Refused as exc:
                problems, status = _problems(exc), 422
        else:
            status = 422
    else:
        from youjun.core.school_year import school_year_of

        today = timezone.localdate()
        form = RoundForm(initial={"school_year": school_year_of(today), "term": "1" if today.month >= 8 or
                                  today.month == 1 else "2"})
    return render(request, "workforce_appraisal/school.html", {
        "school": school, "manages": manages, "form": form, "problems": problems,
        "rounds": selectors.rounds_of(school), "tracks": [_track_view(t) for t in selectors.school_tracks(school)],
        "own_tracks": selectors.school_has_own_tracks(school), "min_raters": selectors.local_rules().min_raters,
    }, status=status)


def _typed_track(post: Any) -> dict[str, Any]:
    codes, zh, en, weights = (post.getlist(k) for k in ("c_code", "c_zh", "c_en", "c_weight"))
    rows = [{"code": c, "zh": z, "en": e, "weight": w} for c, z, e, w in zip(codes, zh, en, weights, strict=False)]
    return {"zh": post.get("zh", ""), "en": post.get("en", ""), "criteria": rows,
            "raters": {k: post.get(f"r_{k}", "") for k in core.RATER_KINDS}}


@login_required
def tracks(request: HttpRequest, code: str) -> HttpResponse:
    school = wf_access.school_or_404(request.user, code)
    manages = access.manages_school(request.user, school)
    problems: list[dict[str, str]] = []
    status = 200
    typed: dict[str, Any] = {}
    typed_code = ""
    if request.method == "POST":
        if not manages:
            raise PermissionDenied("school")
        typed_code = request.POST.get("track", "")
        typed = _typed_track(request.POST)
        try:
            services.save_track(request.user, school, typed_code, typed, ip=client_ip(request))
            return redirect("workforce_appraisal:tracks", code=school.code)
        except Refused as exc:
            problems, status = _problems(exc), 422
    views = []
    for t in selectors.school_tracks(school):
        v = _track_view(t)
        if t.code == typed_code and typed:  # a refused edit is shown as typed
            v["typed"] = True
            v["name_zh"], v["name_en"] = typed["zh"], typed["en"]
            v["criteria"] = [{"code": r["code"], "zh": r["zh"], "en": r["en"], "weight": r["weight"]}
                             for r in typed["criteria"]]
            v["raters"] = [{"kind": k, "label": _kind_label(k), "weight": typed["raters"][k]} for k in core.RATER_KINDS]
        else:
            v["name_zh"], v["name_en"] = t.zh, t.en
        v["blank_rows"] = range(2)
        views.append(v)
    return render(request, "workforce_appraisal/tracks.html", {
        "school": school, "manages": manages, "tracks": views, "problems": problems, "problem_track": typed_code,
    }, status=status)


# --- a round -----------------------------------------------------------------------------------------

def _round_page(request: HttpRequest, r: Round, *, problems: list[dict[str, str]] | None = None,
                status: int = 200) -> HttpResponse:
    manages = access.manages_school(request.user, r.school)
    in_round = set(Participant.objects.filter(round=r).values_list("teacher_id", flat=True))
    candidates = []
    mentors: list[selectors.Person] = []
    if manages and not r.closed:
        reach = wf_access.school_reach(request.user, r.school)
        for t in Teacher.objects.filter(school=r.school, active=True).exclude(pk__in=in_round).order_by("staff_id"):
            candidates.append({"staff_id": t.staff_id, "name": wf_access.name_for(request.user, t, reach)})
        mentors = selectors.people_of(request.user, r.school)
    rows = selectors.participant_rows(request.user, r, lang())
    # closing makes every total final: say first whose evaluation is not complete
    incomplete = [row for row in rows if row.missing or row.answered == 0] if not r.closed else []
    return render(request, "workforce_appraisal/round.html", {
        "round": r, "school": r.school, "manages": manages, "rows": rows, "incomplete": incomplete,
        "candidates": candidates, "mentors": mentors,
        "tracks": [_track_view(t) for t in selectors.school_tracks(r.school)],
        "problems": problems or [],
    }, status=status)


@login_required
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, access.round_or_404(request.user, pk))


def _managed_round(request: HttpRequest, pk: int) -> Round:
    r = access.round_or_404(request.user, pk)
    if not access.manages_school(request.user, r.school):
        raise PermissionDenied("round")
    return r


@require_POST
@login_required
def round_add(request: HttpRequest, pk: int) -> HttpResponse:
    r = _managed_round(request, pk)
    try:
        p = services.add_participant(request.user, r, staff_id=request.POST.get("staff_id", ""),
                                     track_code=request.POST.get("track", ""),
                                     mentor=request.POST.get("mentor", ""), ip=client_ip(request))
    except Refused as exc:
        return _round_page(request, r, problems=_problems(exc), status=422)
    return redirect("workforce_appraisal:participant", pk=p.pk)


@require_POST
@login_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    r = _managed_round(request, pk)
    try:
        services.close_round(request.user, r, ip=client_ip(request))
    except Refused as exc:
        return _round_page(request, r, problems=_problems(exc), status=422)
    return redirect("workforce_appraisal:round", pk=r.pk)


# --- a teacher in a round ------------------------------------------------------------------------------

def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{core.round1(x):.1f}"


def _result_view(p: Participant) -> dict[str, Any]:
    """The result as a page shows it, to every viewer alike: the min-raters rule hides a kind with
    fewer than the minimum raters (self excepted), and a total with kinds missing is provisional
    while the round is open."""
    res = selectors.result_of(p)
    rules = selectors.local_rules()
    en = lang() == "en"

    def level(x: float | None) -> str:
        lv = core.level_of(x, rules.levels)
        return "" if lv is None else (lv.en if en else lv.zh)

    kinds = []
    for k in res.kinds:
        if k.weight <= 0:
            continue
        hidden = not k.shown and k.score is not None
        kinds.append({"kind": k.kind, "label": _kind_label(k.kind), "weight": f"{k.weight:g}",
                      "weight_used": f"{core.round1(k.weight_used):g}" if k.score is not None else "",
                      "score": "" if hidden else _fmt(k.score), "level": "" if hidden else level(k.score),
                      "n": k.n, "hidden": hidden, "missing": k.missing, "survey": k.kind in core.SURVEY_KINDS})
    form_kinds = [k for k in core.FORM_KINDS if dict((x.kind, x.weight) for x in res.kinds)[k] > 0]
    shown_kinds = [k for k in form_kinds if next(x for x in res.kinds if x.kind == k).shown]
    numbers = res.total_shown
    criteria = []
    for c in res.criteria:
        criteria.append({"name": c.criterion.label(lang()), "weight": f"{c.criterion.weight:g}",
                         "cells": [(_kind_label(k), _fmt(c.by_kind[k].score)) for k in shown_kinds],
                         "overall": _fmt(c.overall) if numbers else level(c.overall)})
    provisional = res.provisional(p.round.closed)
    return {"kinds": kinds, "criteria": criteria, "columns": [_kind_label(k) for k in shown_kinds],
            "total": (_fmt(res.total) if numbers else "") if res.total is not None else "",
            "total_level": "" if provisional else level(res.total), "numbers": numbers,
            "provisional": provisional,
            "missing": (", " if en else "、").join(_kind_label(k) for k in res.missing),
            "shared": res.shared and not provisional, "min_raters": res.min_raters,
            "has_total": res.total is not None}


def _participant_page(request: HttpRequest, p: Participant, *, problems: list[dict[str, str]] | None = None,
                      status: int = 200) -> HttpResponse:
    user = request.user
    school = p.round.school
    sees = access.sees_school(user, school)
    manages = access.manages_school(user, school)
    mentor = access.is_mentor(user, p)
    track = core.track_from_dict(p.track)
    rules = selectors.local_rules()
    base = {"p": p, "round": p.round, "school": school, "track": _track_view(track), "problems": problems or [],
            "improving": p.track_code == "improving",
            "decision_label": (rules.decisions.get(p.decision, ("", ""))[1 if lang() == "en" else 0]
                               if p.decision else "")}
    if not sees and not mentor:  # the teacher themself: their own result, once the round is closed
        result = _result_view(p) if p.round.closed else None
        hidden_kinds = {k["kind"] for k in result["kinds"] if k["hidden"]} if result else set()
        comments = (selectors.comments_of(p, lang(), {"peer", "leader"} - hidden_kinds)
                    if p.round.closed else [])
        return render(request, "workforce_appraisal/teacher.html", {
            **base, "result": result, "comments": comments, "name": p.teacher.name,
            "my_forms": [r for r in selectors.forms_for(user) if r.participant_id == p.pk]}, status=status)
    reach = wf_access.school_reach(user, school)
    raters = [{"pk": r.pk, "kind": _kind_label(r.kind), "person": selectors.person_label(user, r.user, school),
               "answered": r.submitted_at, "self": r.kind == "self"} for r in selectors.raters_of(p)]
    surveys = {s.kind: s for s in p.surveys.all()}
    open_ = not p.round.closed
    candidates: list[selectors.Person] = []
    if manages and open_:
        taken = {r.user_id for r in selectors.raters_of(p)}
        if p.teacher.user_id is not None:
            taken.add(p.teacher.user_id)
        candidates = selectors.people_of(user, school, exclude=taken)
    feedback_form = FeedbackForm(initial={**{f: getattr(p, f) for f in services.FEEDBACK_FIELDS},
                                          "review_on": p.review_on})
    return render(request, "workforce_appraisal/participant.html", {
        **base, "manages": manages, "writes_feedback": access.writes_feedback(user, p) and open_, "open": open_,
        "name": wf_access.name_for(user, p.teacher, reach), "raters": raters, "candidates": candidates,
        "mentor_name": selectors.person_label(user, p.mentor, school) if p.mentor_id else "",
        "surveys": [{"kind": k, "label": _kind_label(k), "score": surveys[k].score if k in surveys else "",
                     "respondents": surveys[k].respondents if k in surveys else ""} for k in core.SURVEY_KINDS],
        "result": _result_view(p), "feedback_form": feedback_form,
        "decision_form": DecisionForm(decisions=dict(rules.decisions),
                                      initial={"decision": p.decision, "note": p.decision_note}),
    }, status=status)


@login_required
def participant(request: HttpRequest, pk: int) -> HttpResponse:
    return _participant_page(request, access.participant_or_404(request.user, pk))


def _managed_participant(request: HttpRequest, pk: int) -> Participant:
    p = access.participant_or_404(request.user, pk)
    if not access.manages_school(request.user, p.round.school):
        raise PermissionDenied("participant")
    return p


@require_POST
@login_required
def raters(request: HttpRequest, pk: int) -> HttpResponse:
    p = _managed_participant(request, pk)
    try:
        remove = request.POST.get("remove", "")
        if remove.isdigit():
            rater = Rater.objects.filter(participant=p, pk=int(remove)).exclude(kind="self").first()
            if rater is not None:
                services.remove_rater(request.user, rater, ip=client_ip(request))
        else:
            username = request.POST.get("username", "").strip() or request.POST.get("candidate", "")
            services.add_rater(request.user, p, kind=request.POST.get("kind", ""), username=username,
                               ip=client_ip(request))
    except Refused as exc:
        return _participant_page(request, p, problems=_problems(exc), status=422)
    return redirect("workforce_appraisal:participant", pk=p.pk)


@require_POST
@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    p = _managed_participant(request, pk)
    try:
        services.record_survey(request.user, p, kind=request.POST.get("kind", ""),
                               score=request.POST.get("score", ""), respondents=request.POST.get("respondents", ""),
                               ip=client_ip(request))
    except Refused as exc:
        return _participant_page(request, p, problems=_problems(exc), status=422)
    return redirect("workforce_appraisal:participant", pk=p.pk)


@require_POST
@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.participant_or_404(request.user, pk)
    if not access.writes_feedback(request.user, p):
        raise PermissionDenied("participant")
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _participant_page(request, p, status=422)
    try:
        services.save_feedback(request.user, p, form.cleaned_data, review_on=form.cleaned_data["review_on"],
                               ip=client_ip(request))
    except Refused as exc:
        return _participant_page(request, p, problems=_problems(exc), status=422)
    return redirect("workforce_appraisal:participant", pk=p.pk)


@require_POST
@login_required
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    p = _managed_participant(request, pk)
    try:
        services.decide(request.user, p, decision=request.POST.get("decision", ""),
                        note=request.POST.get("note", ""), day=timezone.localdate(), ip=client_ip(request))
    except Refused as exc:
        return _participant_page(request, p, problems=_problems(exc), status=422)
    return redirect("workforce_appraisal:participant", pk=p.pk)


# --- the rater's side --------------------------------------------------------------------------------

@login_required
def mine(request: HttpRequest) -> HttpResponse:
    rows = []
    own = wf_access.own_teacher(request.user)
    for r in selectors.forms_for(request.user):
        t = r.participant.teacher
        rows.append({"rater": r, "kind": _kind_label(r.kind), "round": r.participant.round,
                     "teacher": t.name if r.kind != "self" else (t.name or t.staff_id), "staff_id": t.staff_id})
    mine_results = (list(Participant.objects.filter(teacher=own).select_related("round__school")
                         .order_by("-round__created_at")) if own is not None else [])
    todo = [r for r in rows if not r["rater"].submitted_at and not r["round"].closed]
    done = [r for r in rows if r not in todo]
    return render(request, "workforce_appraisal/mine.html", {"rows": todo, "done": done, "results": mine_results})


@login_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    rater = access.rater_or_404(request.user, pk)
    p = rater.participant
    track = core.track_from_dict(p.track)
    problems: list[dict[str, str]] = []
    status = 200
    typed = {r.criterion: (str(r.score), r.comment) for r in rater.ratings.all()}
    if request.method == "POST":
        scores = {c.code: request.POST.get(f"score_{c.code}", "") for c in track.criteria}
        comments = {c.code: request.POST.get(f"comment_{c.code}", "") for c in track.criteria}
        try:
            services.submit_form(request.user, rater, scores, comments, ip=client_ip(request))
            messages.success(request, gettext("The evaluation form was submitted: %(teacher)s, %(kind)s.") % {
                "teacher": p.teacher.name or p.teacher.staff_id, "kind": _kind_label(rater.kind)})
            return redirect("workforce_appraisal:mine")
        except Refused as exc:
            problems, status = _problems(exc), 422
            typed = {c.code: (scores[c.code], comments[c.code]) for c in track.criteria}
    rows = [{"code": c.code, "name": c.label(lang()), "weight": f"{c.weight:g}",
             "score": typed.get(c.code, ("", ""))[0], "comment": typed.get(c.code, ("", ""))[1]}
            for c in track.criteria]
    t = p.teacher
    return render(request, "workforce_appraisal/rate.html", {
        "rater": rater, "p": p, "round": p.round, "rows": rows, "problems": problems, "kind": _kind_label(rater.kind),
        "teacher": t.name or t.staff_id, "track": _track_view(track), "open": not p.round.closed,
        "min_raters": selectors.local_rules().min_raters,
    }, status=status)
