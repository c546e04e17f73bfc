"""Pages of good habits: a school's habits and their definitions, a pupil's day (check-in), a
class's grid, review and trend, the school's trend and a pupil's term summary. Views are thin:
reads through ``selectors`` and ``access``, writes through ``services``; a refusal is shown in
the page's language with its catalogue code (422)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youjun.core import habits as rules
from youjun.web.apps.habits import access, charts, clock, selectors, services
from youjun.web.apps.habits.forms import HabitForm, lang, parse_day, pick
from youjun.web.apps.habits.models import CheckIn, Habit
from youjun.web.apps.pupils import access as pupil_access
from youjun.web.apps.pupils import selectors as pupil_selectors
from youjun.web.apps.pupils.models import Enrolment, Pupil
from youjun.web.apps.pupils.services import Refused, refuse


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _problem(p: dict[str, Any]) -> dict[str, str]:
    code = lang()
    stop = "" if p["message"][code].endswith(("。", ".", "！", "？", "）", ")")) else ("。" if code == "zh" else ".")
    return {"code": p["code"], "message": p["message"][code] + stop, "hint": p["hint"][code]}


def _problems(exc: Refused) -> list[dict[str, str]]:
    return [_problem(p) for p in exc.problems]


def _rules_context() -> dict[str, Any]:
    r = rules.checkin_rules(clock.today())
    return {"max_days_back": r.max_days_back, "kept_rate": charts.standard(r.kept_rate),
            "struggle_rate": charts.standard(r.struggle_rate)}


# --- a school's habits ------------------------------------------------------------------------

def _year(request: HttpRequest, school: Any) -> tuple[str, list[str]]:
    years = pupil_selectors.years_of(school)
    wanted = request.GET.get("year") or pupil_access.school_year_of(clock.today())
    return (wanted if wanted in years else (years[0] if years else wanted)), years


@login_required
def school(request: HttpRequest, code: str) -> HttpResponse:
    school = pupil_access.school_or_404(request.user, code)
    year, years = _year(request, school)
    habits = selectors.school_habits(school)
    groups = [{"slot": s, "habits": [h for h in habits if h.slot == s.code]} for s in rules.slots()]
    return render(request, "habits/school.html", {
        "school": school, "year": year, "years": years, "groups": [g for g in groups if g["habits"]],
        "count": len(habits), "manages": access.manages_school(request.user, school),
        "classes": pupil_selectors.class_rows(school, year), **_rules_context(),
    })


@require_POST
@login_required
def load_examples(request: HttpRequest, code: str) -> HttpResponse:
    school = pupil_access.school_or_404(request.user, code)
    if not access.manages_school(request.user, school):
        raise PermissionDenied("school")
    year, term = rules.term_of(clock.today())
    start, end = rules.term_dates(year, term)
    services.load_examples(school, request.user, max(start, clock.today()), end, lang=lang(),
                           ip=_ip(request))
    return redirect("habits:school", code=school.code)


def _form_values(form: HabitForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
def new_habit(request: HttpRequest, code: str) -> HttpResponse:
    school = pupil_access.school_or_404(request.user, code)
    if not access.manages_school(request.user, school):
        raise PermissionDenied("school")
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        form = HabitForm(request.POST)
        if form.is_valid():
            try:
                services.define_habit(school, _form_values(form), request.user, ip=_ip(request))
                return redirect("habits:school", code=school.code)
            except Refused as exc:
                problems, status = _problems(exc), 422
        else:
            status = 422
    else:
        year, term = rules.term_of(clock.today())
        start, end = rules.term_dates(year, term)
        form = HabitForm(initial={"starts_on": start, "ends_on": end, "active": True, "frequency": "daily",
                                  "checkers": ["pupil", "parent"], "grades": list(range(1, 7))})
    return render(request, "habits/habit_form.html", {"school": school, "form": form, "problems": problems,
                                                      "habit": None, "manages": True}, status=status)


@login_required
def habit(request: HttpRequest, pk: int) -> HttpResponse:
    habit = access.habit_or_404(request.user, pk)
    manages = access.manages_school(request.user, habit.school)
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        if not manages:
            raise PermissionDenied("habit")
        form = HabitForm(request.POST)
        if form.is_valid():
            try:
                services.update_habit(habit, _form_values(form), request.user, ip=_ip(request))
                return redirect("habits:school", code=habit.school.code)
            except Refused as exc:
                problems, status = _problems(exc), 422
        else:
            status = 422
    else:
        form = HabitForm(initial={k: getattr(habit, k) for k in services.HABIT_FIELDS})
    return render(request, "habits/habit_form.html", {"school": habit.school, "form": form, "problems": problems,
                                                      "habit": habit, "manages": manages}, status=status)


# --- a pupil's day ----------------------------------------------------------------------------

@login_required
def pupil(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = pupil_access.pupil_or_404(request.user, pk)
    today = clock.today()
    settings = rules.checkin_rules(today)
    role = access.checker_role(request.user, pupil)
    problems: list[dict[str, str]] = []
    status = 200
    source = request.POST if request.method == "POST" else request.GET
    day = parse_day(source.get("day"), today)
    back = f"{reverse('habits:pupil', args=[pupil.pk])}?day={day.isoformat()}"
    if request.method == "POST":
        if role is None:
            raise PermissionDenied("pupil")
        try:
            if source.get("action") == "withdraw":
                raw = str(source.get("checkin") or "")
                checkin = CheckIn.objects.select_related("pupil__school", "habit").filter(
                    pk=int(raw) if raw.isdigit() else 0, pupil=pupil).first()
                if checkin is None:
                    raise refuse("E1121", value=raw, rule="habits.withdraw")
                services.withdraw_checkin(checkin, request.user, role, ip=_ip(request), today=today)
                messages.success(request, _("The check-in of “%(habit)s” was taken back.") % {
                    "habit": checkin.habit.name})
                return redirect(f"{back}#h{checkin.habit_id}")
            habit = Habit.objects.filter(pk=source.get("habit") or 0, school=pupil.school).first() \
                if str(source.get("habit") or "").isdigit() else None
            if habit is None:
                return HttpResponseBadRequest("habit")
            note = source.get("note", "")
            row, created = services.check_in(pupil, habit, day, request.user, role, note=note, ip=_ip(request),
                                             today=today)
            if not created:
                _said_again(request, row, note)
            return redirect(f"{back}#h{habit.pk}")
        except Refused as exc:
            problems, status = _problems(exc), 422
    class_group, groups = selectors.pupil_day(pupil, day, role)
    for g in groups:
        for r in g.rows:
            c = r.checkin
            r.may_withdraw = (c is not None and role in ("parent", "pupil") and c.by_role != "teacher"
                              and not c.review and timezone.localtime(c.at).date() == today)
    open_days = rules.open_days(today, settings.max_days_back)
    due = sum(len(g.rows) for g in groups)
    done = sum(1 for g in groups for r in g.rows if r.checkin is not None)
    return render(request, "habits/pupil.html", {
        "pupil": pupil, "school": pupil.school, "day": day, "today": today, "role": role,
        "class_group": class_group, "groups": groups, "open_days": open_days, "due": due, "done": done,
        "day_open": day in open_days and role is not None, "problems": problems,
        "staff": pupil_access.school_reach(request.user, pupil.school).sees,
        "sees_class": class_group is not None and pupil_access.sees_class(request.user, class_group),
        "year": pupil_access.school_year_of(day), **_rules_context(),
    }, status=status)


def _said_again(request: HttpRequest, row: CheckIn, note: str) -> None:
    """A second tick of a ticked habit (from another open page): say when it was ticked, and
    whether this tick's note was added to it."""
    at = timezone.localtime(row.at)
    who = pick(rules.CHECKERS.get(row.by_role, (row.by_role, row.by_role)))
    text = _("This habit was already ticked at %(time)s (by the %(who)s); no second record was made.") % {
        "time": f"{at:%H:%M}", "who": who.lower() if lang() == "en" else who}
    if note.strip():
        if services.note_kept(row, note):
            text += " " + _("Your note was added to it.")
        else:
            text += " " + _("Your note was not saved: with the first note it would be too long.")
    messages.info(request, text)


# --- a pupil's term summary -------------------------------------------------------------------

def _term(request: HttpRequest, pupil: Pupil) -> tuple[str, int]:
    year, term = rules.term_of(clock.today())
    enrolled = list(Enrolment.objects.filter(pupil=pupil).order_by("-school_year")
                    .values_list("school_year", flat=True))
    if enrolled and year not in enrolled:
        year, term = enrolled[0], 2
    asked_year, asked_term = request.GET.get("year", ""), request.GET.get("term", "")
    if asked_year in enrolled:
        year = asked_year
    if asked_term in ("1", "2"):
        term = int(asked_term)
    return year, term


@login_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = pupil_access.pupil_or_404(request.user, pk)
    year, term = _term(request, pupil)
    may_comment = access.comments_on(request.user, pupil, year)
    problems: list[dict[str, str]] = []
    status = 200
    if request.method == "POST":
        if not may_comment:
            raise PermissionDenied("pupil")
        year = request.POST.get("year") or year
        term = int(request.POST["term"]) if request.POST.get("term") in ("1", "2") else term
        try:
            services.set_term_comment(pupil, year, term, request.POST.get("comment", ""), request.user,
                                      ip=_ip(request))
            return redirect(f"{reverse('habits:summary', args=[pupil.pk])}?year={year}&term={term}")
        except Refused as exc:
            problems, status = _problems(exc), 422
    s = selectors.term_summary(pupil, year, term)
    years = list(Enrolment.objects.filter(pupil=pupil).order_by("-school_year").values_list("school_year", flat=True))
    return render(request, "habits/summary.html", {
        "pupil": pupil, "school": pupil.school, "s": s, "year": year, "term": term, "years": years,
        "may_comment": may_comment, "problems": problems,
        "staff": may_comment or pupil_access.school_reach(request.user, pupil.school).sees,
        "late_start": s.counted_from is not None and s.counted_from > s.start, **_rules_context(),
    }, status=status)


# --- a class: the grid, the review, the trend -------------------------------------------------

@login_required
def class_grid(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = pupil_access.class_or_404(request.user, pk)
    today = clock.today()
    source = request.POST if request.method == "POST" else request.GET
    day = parse_day(source.get("day"), today)
    may_tick = access.teaches_or_manages(request.user, class_group)
    problems: list[dict[str, str]] = []
    status = 200
    pupils = pupil_selectors.pupils_of_class(class_group)
    if request.method == "POST":
        if not may_tick:
            raise PermissionDenied("class")
        undo = request.POST.get("undo", "")
        if undo:
            h, _sep, p = undo.partition(":")
            try:
                if not (h.isdigit() and p.isdigit()):
                    raise refuse("E1121", value=undo, rule="habits.undo")
                services.undo_class_checkin(class_group, int(h), int(p), day, request.user, ip=_ip(request),
                                            today=today)
                messages.success(request, _("The tick was taken back."))
                return redirect(f"{reverse('habits:class', args=[class_group.pk])}?day={day.isoformat()}")
            except Refused as exc:
                problems, status = _problems(exc), 422
        cells: list[tuple[int, int]] = []
        for cell in request.POST.getlist("cell"):
            h, _sep, p = cell.partition(":")
            if h.isdigit() and p.isdigit():
                cells.append((int(h), int(p)))
        whole = request.POST.get("all", "")
        if whole.isdigit():
            cells += [(int(whole), p.pk) for p in pupils]
        try:
            if not problems:
                made = services.class_check_in(class_group, day, cells, request.user, ip=_ip(request),
                                               today=today)
                return redirect(f"{reverse('habits:class', args=[class_group.pk])}?day={day.isoformat()}"
                                f"&made={made}")
        except Refused as exc:
            problems, status = _problems(exc), 422
    habits = selectors.grid_habits(class_group, day)
    found = selectors.checkins_of(pupils, habits, day, day)
    rows = [{"p": p, "cells": [{"h": h, "c": found.get((h.pk, p.pk, day))} for h in habits]} for p in pupils]
    settings = rules.checkin_rules(today)
    open_days = rules.open_days(today, settings.max_days_back)
    made = request.GET.get("made", "")
    return render(request, "habits/class_grid.html", {
        "class_group": class_group, "school": class_group.school, "day": day, "habits": habits, "rows": rows,
        "may_tick": may_tick and day in open_days, "teacher": may_tick, "open_days": open_days, "problems": problems,
        "made": int(made) if made.isdigit() else None, **_rules_context(),
    }, status=status)


def _span(request: HttpRequest, source: Any, today: dt.date) -> tuple[dt.date, dt.date, dt.date, str]:
    day = parse_day(source.get("day"), today)
    span = "week" if source.get("span") == "week" else "day"
    if span == "week":
        start = rules.week_start(day)
        return day, start, min(start + dt.timedelta(days=6), today), span
    return day, day, day, span


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = pupil_access.class_or_404(request.user, pk)
    today = clock.today()
    may_write = access.teaches_or_manages(request.user, class_group)
    source = request.POST if request.method == "POST" else request.GET
    day, start, end, span = _span(request, source, today)
    problems: list[dict[str, str]] = []
    status = 200
    pupils = pupil_selectors.pupils_of_class(class_group)
    asked: list[CheckIn] = []
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied("class")
        action = request.POST.get("action")
        back = f"{reverse('habits:review', args=[class_group.pk])}?day={day.isoformat()}&span={span}"
        try:
            if action == "review":
                raw = str(request.POST.get("checkin", ""))
                checkin = CheckIn.objects.select_related("pupil", "habit").filter(
                    pk=int(raw) if raw.isdigit() else 0, pupil__in=pupils, habit__school=class_group.school).first()
                if checkin is None:
                    raise refuse("E1121", value=raw, rule="habits.review")
                services.review_checkin(checkin, request.POST.get("state", ""), request.POST.get("comment", ""),
                                        request.user, ip=_ip(request))
                return redirect(back + f"#c{checkin.pk}")
            if action == "praise":
                target = next((p for p in pupils if str(p.pk) == request.POST.get("pupil")), None)
                if target is None:
                    return HttpResponseBadRequest("pupil")
                habit = Habit.objects.filter(school=class_group.school, pk=request.POST.get("habit")).first() \
                    if str(request.POST.get("habit", "")).isdigit() else None
                services.add_praise(class_group, target, request.POST.get("text", ""), request.user,
                                    habit=habit, day=min(day, today), ip=_ip(request))
                return redirect(back + "#praise")
            if action == "confirm_all":
                family = cast(list[CheckIn], selectors.review_data(class_group, start, end)["family"])
                shown = [c for c in family if not c.review]
                if request.POST.get("sure") != "1":
                    asked = shown  # asked first: the page lists them with a button to confirm
                else:
                    ids = {int(x) for x in request.POST.getlist("ids") if x.isdigit()}
                    n = services.confirm_all([c for c in shown if c.pk in ids], request.user,
                                             class_group=class_group, ip=_ip(request))
                    messages.success(request, _("%(n)s check-ins confirmed.") % {"n": n})
                    return redirect(back + "#family")
            else:
                return HttpResponseBadRequest("action")
        except Refused as exc:
            problems, status = _problems(exc), 422
    data = selectors.review_data(class_group, start, end)
    unreviewed = sum(1 for c in cast(list[CheckIn], data["family"]) if not c.review)
    return render(request, "habits/review.html", {
        "class_group": class_group, "school": class_group.school, "day": day, "start": start, "end": end,
        "span": span, "may_write": may_write, "problems": problems, "today": today, "asked": asked,
        "unreviewed": unreviewed,
        "prev": start - dt.timedelta(days=7 if span == "week" else 1),
        "next": (end + dt.timedelta(days=1)) if end < today else None, **data,
    }, status=status)


@dataclass(frozen=True)
class HabitRow:
    h: Habit
    n: selectors.Count


def _weeks(request: HttpRequest) -> int:
    raw = request.GET.get("weeks", "4")
    return max(1, min(int(raw), 20)) if raw.isdigit() else 4


@login_required
def trend(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = pupil_access.class_or_404(request.user, pk)
    today = clock.today()
    weeks = _weeks(request)
    end = min(today, rules.term_dates(class_group.school_year, 2)[1])
    start = rules.week_start(end) - dt.timedelta(weeks=weeks - 1)
    t = selectors.class_tally(class_group, start, end, today)
    settings = rules.checkin_rules(start)
    threshold = settings.struggle_rate
    habit_rows = sorted((HabitRow(h, t.by_habit[h.pk]) for h in t.habits if t.by_habit[h.pk].due),
                        key=lambda r: (r.n.rate if r.n.rate is not None else 2.0, r.h.name))
    struggles = [r for r in habit_rows if r.n.rate is not None and r.n.rate < threshold]
    days = [(d, n) for d, n in t.by_day.items() if n.due]
    lg = lang()
    day_label = (lambda d: f"{d.day}/{d.month}") if lg == "en" else (lambda d: f"{d.month}月{d.day}日")
    week_label = (lambda d: f"w/c {d.day}/{d.month}") if lg == "en" else (lambda d: f"{d.month}月{d.day}日起")
    return render(request, "habits/trend.html", {
        "class_group": class_group, "school": class_group.school, "t": t, "weeks": weeks, "start": start,
        "end": t.end, "habit_rows": habit_rows, "struggles": struggles, "days": days,
        "week_rows": list(t.by_week.items()),
        "pupil_rows": sorted(t.by_pupil.values(), key=lambda r: r.pupil.student_id),
        "chart_days": charts.rate_chart([(day_label(d), n.rate) for d, n in days], title=_("Completion rate by day"),
                                        axis_title=_("completion rate (check-ins / due)"), threshold=threshold,
                                        threshold_label=_("local struggle line")),
        "chart_weeks": charts.rate_chart([(week_label(w), n.rate) for w, n in t.by_week.items()],
                                         title=_("Completion rate by week"),
                                         axis_title=_("completion rate (check-ins / due)"), threshold=threshold,
                                         threshold_label=_("local struggle line")),
        "chart_habits": charts.rate_chart([(r.h.name, r.n.rate) for r in habit_rows],
                                          title=_("Completion rate by habit"),
                                          axis_title=_("completion rate (check-ins / due)"), threshold=threshold,
                                          threshold_label=_("local struggle line")),
        **_rules_context(),
    })


@login_required
def school_trend(request: HttpRequest, code: str) -> HttpResponse:
    school = pupil_access.school_or_404(request.user, code)
    year, years = _year(request, school)
    today = clock.today()
    weeks = _weeks(request)
    end = min(today, rules.term_dates(year, 2)[1]) if year[:4].isdigit() else today
    start = rules.week_start(end) - dt.timedelta(weeks=weeks - 1)
    classes, dims, total = selectors.school_tally(school, year, start, end, today)
    labels = rules.dimensions(start)
    dim_rows = [{"code": k, "n": dims[k]} for k in labels if k in dims and dims[k].due]
    threshold = rules.checkin_rules(start).struggle_rate
    return render(request, "habits/school_trend.html", {
        "school": school, "year": year, "years": years, "weeks": weeks, "start": start, "end": min(end, today),
        "classes": classes, "dim_rows": dim_rows, "total": total,
        "chart": charts.rate_chart([(str(c.class_group), c.count.rate) for c in classes],
                                   title=_("Completion rate by class"),
                                   axis_title=_("completion rate (check-ins / due)"), threshold=threshold,
                                   threshold_label=_("local struggle line")),
        **_rules_context(),
    })
