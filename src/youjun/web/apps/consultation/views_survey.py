"""Pages of the social-recognition survey: the district bureau's surveys (plan, questionnaire,
codes, paper returns, result, finalise) and the public answer page reached by a code.

Every survey page is for the district's bureau administrator and the platform admin only
(``services_survey.survey_or_404``: anyone else finds nothing). The answer page needs no
sign-in; an unknown, used or closed code gets the same page (a code cannot be probed)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from youjun.core import survey as rules
from youjun.report import numbers
from youjun.web.apps.consultation import forms_survey as forms
from youjun.web.apps.consultation import services_survey as ss
from youjun.web.apps.consultation.models import Survey, SurveyQuestion
from youjun.web.apps.platform.templatetags.youjun import lang_code


def _count(n: Any, zh_unit: str, en_unit: str = "") -> str:
    text = numbers.count(n)
    if lang_code() == "en":
        return f"{text} {en_unit}".strip()
    return f"{text} {zh_unit}"


def _pct(x: Any, below: Any = None) -> str:
    return numbers.percent(x, measured=True, below=below)


def _problems(exc: ss.SurveyRefused) -> list[dict[str, str]]:
    lang = lang_code()
    return [{"code": p["code"], "message": p["message"][lang], "hint": p["hint"][lang]} for p in exc.problems]


def _flash(request: HttpRequest, exc: ss.SurveyRefused, lead: str = "") -> None:
    for p in _problems(exc):
        messages.error(request, f"{lead}{p['code']} {p['message']} {p['hint']}")


def _rule_words(rule: rules.SamplingRule) -> dict[str, str]:
    return {"per_mille": numbers.limit(rule.residents_per_mille), "min_sample": numbers.count(rule.min_sample),
            "below": numbers.count(rule.min_sample_below_population),
            "parents": numbers.percent(rule.parents_min_percent),
            "returns": numbers.percent(rule.valid_return_min_percent),
            "recognition": numbers.percent(rule.min_percent)}


def _scale_words(scale: rules.Answers) -> dict[str, str]:
    i = 0 if lang_code() == "zh" else 1
    sep = "、" if i == 0 else ", "
    return {"answers": sep.join(scale.labels[k][i] for k in scale.keys),
            "recognising": sep.join(scale.labels[k][i] for k in scale.keys if k in scale.recognising),
            "min_answered": numbers.percent(scale.min_answered_percent)}


# --- the bureau's surveys ------------------------------------------------------------------

@login_required
def surveys(request: HttpRequest) -> HttpResponse:
    districts = list(ss.managed_districts(request.user))
    if not districts:
        raise Http404("survey")
    form = forms.SurveyCreateForm(request.POST or None, districts=districts,
                                  ask_second="confirm_second" in request.POST)
    existing: list[Survey] = []
    if request.method == "POST" and form.is_valid():
        district = next(d for d in districts if d.code == form.cleaned_data["district"])
        year = form.cleaned_data["school_year"]
        population = form.cleaned_data["population"] or ss.default_population(district, year)
        existing = ss.same_year(district, year)
        if existing and not form.cleaned_data.get("confirm_second"):
            form = forms.SurveyCreateForm(request.POST, districts=districts, ask_second=True)
            form.is_valid()
        elif population is None:
            form.add_error("population", _("The district has no data for this school year: give the resident "
                                           "population."))
        else:
            survey = ss.create_survey(request.user, district, school_year=year, title=form.cleaned_data["title"],
                                      population=population)
            messages.success(request, _("Survey created."))
            return redirect("consultation:survey", pk=survey.pk)
    rows = []
    for s in Survey.objects.filter(district__in=districts).select_related("district"):
        rows.append({"survey": s, "sample": _count((s.plan or {}).get("sample"), "份", "questionnaires"),
                     "rate": _pct(((s.result or {}).get("overall") or {}).get("rate"), 85)
                     if s.status == Survey.Status.FINAL else ""})
    return render(request, "consultation/survey/list.html", {"form": form, "rows": rows, "districts": districts,
                                                             "existing": existing})


def _plan_rows(survey: Survey) -> list[dict[str, Any]]:
    by_group = (survey.plan or {}).get("by_group") or {}
    have = ss.issued(survey)
    asked = ss.asked(survey)
    return [{"group": g, "label": ss.group_label(g, lang_code()), "sample": _count(by_group.get(g, 0), "份"),
             "issued": _count(have.get(g, 0), "个", "codes"), "questions": len(asked.get(g, []))}
            for g in rules.GROUPS]


@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    s = ss.survey_or_404(request.user, pk)
    if request.method == "POST":
        return _survey_action(request, s)
    rule = ss.rule()
    plan = s.plan or {}
    questions = []
    labels = dict(forms.group_choices())
    for q in s.questions.order_by("order", "id"):
        shown = q.text_en if lang_code() == "en" and q.text_en else q.text_zh
        if lang_code() == "en" and not q.text_en:
            shown = f"{shown} {_('(no English text)')}"
        questions.append({"q": q, "text": shown, "form": forms.QuestionForm(prefix=f"q{q.pk}", initial={
            "text_zh": q.text_zh, "text_en": q.text_en, "groups": q.groups}),
            "groups": "、".join(labels[g] for g in q.groups) if q.groups else _("every group")})
    sample = int(plan.get("sample") or rules.sample_size(s.population, rule))
    others = ss.same_year(s.district, s.school_year, exclude=s)
    return render(request, "consultation/survey/survey.html", {
        "survey": s, "rule": _rule_words(rule), "plan_rows": _plan_rows(s),
        "sample": numbers.count(sample), "parents_min": numbers.count(plan.get("parents_min")),
        "returns_min": numbers.count(plan.get("returns_min") or rules.returns_min(sample, rule)),
        "others": others, "feeds": next((o for o in [s, *others] if o.status == Survey.Status.FINAL), None),
        "population": _count(s.population, "人", "residents"),
        "questions": questions, "new_form": forms.QuestionForm(prefix="new"),
        "editable": s.status == Survey.Status.DRAFT, "reference": ss.questionnaire()["reference"],
        "scale": _scale_words(ss.scale())})


def _survey_action(request: HttpRequest, s: Survey) -> HttpResponse:
    action = request.POST.get("action", "")
    back = redirect("consultation:survey", pk=s.pk)
    q = None
    if request.POST.get("question"):
        q = get_object_or_404(SurveyQuestion, pk=request.POST.get("question") if
                              str(request.POST.get("question")).isdigit() else 0, survey=s)
    try:
        if action == "defaults":
            n = ss.load_default_questions(request.user, s)
            if n:
                messages.success(request, _("%(n)s default questions added.") % {"n": n})
            else:
                messages.info(request, _("The default questions are all in the questionnaire already."))
        elif action == "add":
            form = forms.QuestionForm(request.POST, prefix="new")
            if not form.is_valid():
                messages.error(request, _("Write the question in Chinese."))
                return back
            ss.add_question(request.user, s, **form.cleaned_data)
        elif action == "edit" and q is not None:
            form = forms.QuestionForm(request.POST, prefix=f"q{q.pk}")
            if not form.is_valid():
                messages.error(request, _("Write the question in Chinese."))
                return back
            ss.edit_question(request.user, q, **form.cleaned_data)
        elif action in ("up", "down") and q is not None:
            ss.move_question(request.user, q, -1 if action == "up" else 1)
        elif action == "remove" and q is not None:
            ss.remove_question(request.user, q)
        elif action == "open":
            ss.open_survey(request.user, s)
            messages.success(request, _("Collection started: codes can now be answered."))
        elif action == "close":
            ss.close_survey(request.user, s)
            messages.success(request, _("Collection stopped."))
    except ss.SurveyRefused as exc:
        _flash(request, exc, _("Cannot start collecting: ") if action == "open" else "")
    return back


@login_required
def survey_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    s = ss.survey_or_404(request.user, pk)
    form = forms.InvitationForm(request.POST or None, plan=ss.remaining(s))
    problems: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            codes = ss.issue_invitations(request.user, s, form.counts())
        except ss.SurveyRefused as exc:
            problems = _problems(exc)
        else:
            return _code_sheet(request, s, codes, form.cleaned_data["fmt"])
    used = dict(s.invitations.filter(used_at__isnull=False).values_list("group").annotate(
        n=Count("id")).values_list("group", "n"))
    have = ss.issued(s)
    rows = [{"label": ss.group_label(g, lang_code()), "issued": _count(have.get(g, 0), "个", "codes"),
             "used": _count(used.get(g, 0), "个", "codes")} for g in rules.GROUPS]
    fields = [form[f"n_{g}"] for g in rules.GROUPS]
    return render(request, "consultation/survey/invitations.html", {
        "survey": s, "form": form, "fields": fields, "rows": rows, "problems": problems,
        "rule": _rule_words(ss.rule())})


def _sheet_instructions(lang: str, enter: str, s: Survey) -> list[str]:
    """What the printed sheet tells the people who hand the codes out (and the respondents)."""
    if lang == "zh":
        return [f"{s.district.name} · {s.school_year}学年 · 匿名问卷，不填姓名和电话",
                f"答卷网址：{enter}",
                "答卷方法：打开上面的网址，输入邀请码（不分大小写，空格和短横线可有可无）；"
                "或者直接打开下表中该邀请码的答卷网址。",
                "每个邀请码只能作答一次；纸质问卷请把邀请码印在问卷上，交回后由教育局录入。",
                "本表只在发放时显示一次，服务器不保存邀请码本身：请现在打印或保存。"]
    return [f"{s.district.name} · school year {s.school_year} · anonymous: no name or phone is asked",
            f"Answer at: {enter}",
            "Open the address above and type the code (capital or small letters, spaces and hyphens do not "
            "matter), or open the code's own link in the table below.",
            "Each code takes one response; on paper, print the code on the questionnaire and the bureau "
            "enters the return.",
            "This sheet is shown once, when the codes are issued; the server keeps no code itself: print or "
            "save it now."]


def _code_sheet(request: HttpRequest, s: Survey, codes: list[tuple[str, str]], fmt: str) -> HttpResponse:
    """The codes, once: group, code, link. Only their hashes stay on the server."""
    lang = lang_code()
    head = ["调查对象", "邀请码", "答卷网址"] if lang == "zh" else ["Group", "Code", "Link"]
    rows = [[ss.group_label(g, lang), code,
             request.build_absolute_uri(reverse("consultation:survey_respond", args=[code]))] for g, code in codes]
    name = f"survey-{s.pk}-codes"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(head)
        writer.writerows(rows)
        response = HttpResponse(("\ufeff" + buf.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "邀请码" if lang == "zh" else "codes"
        enter = request.build_absolute_uri(reverse("consultation:survey_enter"))
        ws.append([s.title])
        ws["A1"].font = Font(bold=True, size=14)
        for line in _sheet_instructions(lang, enter, s):
            ws.append([line])
        ws.append([])
        ws.append(head)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append(r)
        ws.column_dimensions["B"].width = 16
        ws.column_dimensions["C"].width = 48
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(out.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def survey_paper(request: HttpRequest, pk: int) -> HttpResponse:
    s = ss.survey_or_404(request.user, pk)
    questions = list(s.questions.order_by("order", "id"))
    scale = ss.scale()
    data = request.POST if request.method == "POST" else None
    paper = forms.PaperForm(data)
    answers = forms.AnswersForm(data, questions=questions, scale=scale)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and paper.is_valid() and answers.is_valid():
        try:
            ss.enter_paper(request.user, s, code=paper.cleaned_data["code"], group=paper.cleaned_data["group"],
                           answers=answers.answers(), spoilt=paper.cleaned_data["spoilt"])
        except ss.SurveyRefused as exc:
            problems = _problems(exc)
        else:
            messages.success(request, _("Return entered. Enter the next one."))
            return redirect("consultation:survey_paper", pk=s.pk)
    entered = s.responses.filter(channel="paper").count()
    return render(request, "consultation/survey/paper.html", {
        "survey": s, "paper": paper, "answers": answers, "problems": problems,
        "entered": _count(entered, "份", "returns"), "collecting": s.status in (Survey.Status.OPEN,
                                                                                 Survey.Status.CLOSED)})


@require_GET
@login_required
def survey_result(request: HttpRequest, pk: int) -> HttpResponse:
    s = ss.survey_or_404(request.user, pk)
    out = ss.outcome(s)
    rule = out.rule
    rows = []
    for g in rules.GROUPS:
        t = out.result.by_group.get(g, rules.Tally())
        rows.append({"label": ss.group_label(g, lang_code()), "issued": _count(t.issued, "个", ""),
                     "valid": _count(t.valid, "份", ""), "return_rate": _pct(t.return_rate),
                     "answered": _count(t.answered, "题", ""), "recognised": _count(t.recognised, "题", ""),
                     "rate": _pct(t.rate, rule.min_percent),
                     "met": rules.recognised(t.rate, rule)})
    o = out.result.overall
    lang = lang_code()
    reasons = [{"code": p["code"], "message": p["message"][lang], "hint": p["hint"][lang]}
               for p in (ss.shortfall_problem(x, o.issued) for x in out.shortfalls)]
    parents = out.result.by_group.get(rules.PARENTS, rules.Tally()).issued
    planned = (s.plan or {}).get("by_group") or {}
    sep = "、" if lang == "zh" else ", "
    empty = sep.join(ss.group_label(g, lang) for g in rules.GROUPS
                     if (planned.get(g) or out.result.by_group.get(g, rules.Tally()).issued)
                     and not out.result.by_group.get(g, rules.Tally()).valid)
    return render(request, "consultation/survey/result.html", {
        "survey": s, "rows": rows, "reasons": reasons, "met": out.met, "empty_groups": empty,
        "overall": {"issued": _count(o.issued, "份", ""), "valid": _count(o.valid, "份", ""),
                    "return_rate": _pct(o.return_rate, rule.valid_return_min_percent),
                    "answered": _count(o.answered, "题", ""), "recognised": _count(o.recognised, "题", ""),
                    "rate": _pct(o.rate, rule.min_percent), "met": rules.recognised(o.rate, rule),
                    "sample": _count(out.sample, "份", ""),
                    "parents": _pct(100 * parents / o.issued if o.issued else None, rule.parents_min_percent)},
        "rule": _rule_words(rule), "scale": _scale_words(ss.scale()),
        "can_finalise": s.status in (Survey.Status.OPEN, Survey.Status.CLOSED)})


@require_POST
@login_required
def survey_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    s = ss.survey_or_404(request.user, pk)
    try:
        ss.finalise(request.user, s)
    except ss.SurveyRefused as exc:
        _flash(request, exc, _("Cannot finalise: "))
    else:
        messages.success(request, _("Survey final: the assessment of this school year uses its recognition rate."))
    return redirect("consultation:survey_result", pk=s.pk)


# --- the public answer page ----------------------------------------------------------------

def survey_respond(request: HttpRequest, code: str) -> HttpResponse:
    inv = ss.usable_invitation(code)
    if inv is None:
        return render(request, "consultation/survey/unusable.html", status=404)
    s = inv.survey
    questions = ss.questions_for(s, inv.group)
    scale = ss.scale()
    form = forms.AnswersForm(request.POST or None, questions=questions, scale=scale)
    short: dict[str, str] = {}
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            ss.respond(inv, answers)
        except ss.SurveyRefused as exc:
            if any(p["code"] == "E915" for p in exc.problems):  # used meanwhile: the same page as unknown
                return render(request, "consultation/survey/unusable.html", status=404)
            # a respondent is told plainly, without the bureau's codes and hints, what to answer
            short = _too_few_words(scale, len(questions), ss.unanswered(s, inv.group, answers))
            for n in ss.unanswered(s, inv.group, answers):
                form.add_error(f"q{questions[n - 1].pk}", _("Not answered yet"))
        else:
            return render(request, "consultation/survey/thanks.html", {"survey": s})
    return render(request, "consultation/survey/respond.html", {
        "survey": s, "form": form, "short": short, "group": ss.group_label(inv.group, lang_code()),
        "scale": _scale_words(scale)})


def _too_few_words(scale: rules.Answers, total: int, blank: list[int]) -> dict[str, str]:
    share = scale.min_answered_percent
    need = max(1, -(-int(share * total) // 100))
    zh = lang_code() == "zh"
    return {"share": _("half") if share == 50 else numbers.percent(share), "need": numbers.count(need),
            "total": numbers.count(total), "blank": ("、" if zh else ", ").join(str(n) for n in blank)}


@require_GET
def survey_enter(request: HttpRequest) -> HttpResponse:
    """The page where a respondent types the code from the paper invitation: any case, with or
    without spaces and hyphens. A code that cannot answer gets the same page whatever the reason."""
    typed = request.GET.get("code", "")
    code = ss.normalise_code(typed)
    if typed.strip():
        if ss.usable_invitation(code) is None:
            return render(request, "consultation/survey/unusable.html", status=404)
        return redirect("consultation:survey_respond", code=code)
    return render(request, "consultation/survey/enter.html", {})
