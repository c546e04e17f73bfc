"""Reads and writes of the social-recognition survey: create (with its sampling plan), the
questionnaire, invitation codes (only their hashes kept), web and paper returns, the result
and finalising. Every write is one transaction with one audit row; a refused write raises
``SurveyRefused`` with catalogue problems (E910–E919) and writes nothing.

Who may use them is decided here too: a survey belongs to a district, and only the district's
bureau administrator (``platform.scoping.can_manage_district``) and the platform admin reach it;
anyone else finds nothing (404)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.http import Http404
from django.utils import timezone

from youjun.core import survey as rules
from youjun.report import numbers
from youjun.web.apps.consultation.models import (
    Body,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.audit import model_state, record
from youjun.web.apps.platform.models import District, User
from youjun.web.errors import web_problem

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper without doubt
CODE_LENGTH = 10  # 50 bits: not guessable, short enough to type
STATE_LABELS = {"draft": ("准备中", "being prepared"), "open": ("收集中", "collecting"),
                "closed": ("已停止收集", "closed"), "final": ("已定稿", "final")}


class SurveyRefused(Exception):
    """A write refused before anything was written; ``problems`` are catalogue problem dicts."""

    def __init__(self, *problems: dict[str, Any]):
        self.problems = list(problems)
        super().__init__("; ".join(p["message"]["en"] for p in problems))


def _refuse(code: str, *, value: Any = "", **context: Any) -> SurveyRefused:
    return SurveyRefused(web_problem(code, value=value, rule="consultation.survey", **context))


def _state(survey: Survey) -> dict[str, str]:
    zh, en = STATE_LABELS.get(survey.status, (survey.status, survey.status))
    return {"state_zh": zh, "state_en": en}


def group_label(group: str, lang: str = "zh") -> str:
    zh, en = rules.GROUP_LABELS.get(group, (group, group))
    return en if lang == "en" else zh


# --- who may reach a survey ----------------------------------------------------------------

def managed_districts(user: Any) -> QuerySet[District]:
    """Districts whose surveys the user runs: the bureau administrator's, or all for the admin."""
    scope = scoping.scope_of(user)
    if scope.everything:
        return District.objects.all().order_by("code")
    return District.objects.filter(id__in=scope.admin_districts).order_by("code")


def survey_or_404(user: Any, pk: int) -> Survey:
    survey = Survey.objects.select_related("district").filter(pk=pk).first()
    if survey is None or not scoping.can_manage_district(scoping.scope_of(user), survey.district):
        raise Http404("survey")
    return survey


# --- settings, plan ------------------------------------------------------------------------

def rule() -> rules.SamplingRule:
    return rules.sampling_rule("cn-2017")


def questionnaire() -> dict[str, Any]:
    return rules.questionnaire_settings()


def scale() -> rules.Answers:
    return rules.Answers.from_settings(questionnaire())


def default_population(district: District, school_year: str) -> int | None:
    """The resident population of the district's current snapshot of the year, if it has one."""
    from youjun.web.apps.schools import selectors as school_selectors

    snap = school_selectors.current_snapshot(district, school_year)
    if snap is None:
        return None
    frame = school_selectors.snapshot_tables(snap).get("districts")
    if frame is None or "resident_population" not in frame.columns:
        return None
    rows = frame[frame["district_code"] == district.code]["resident_population"].dropna()
    return int(rows.iloc[0]) if len(rows) else None


def same_year(district: District, school_year: str, exclude: Survey | None = None) -> list[Survey]:
    """The district's other surveys of the school year (only one of them may feed the
    assessment: the one finalised first; E919 refuses a second final)."""
    qs = Survey.objects.filter(district=district, school_year=school_year.strip()).order_by("created_at", "id")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs)


def create_survey(actor: User | None, district: District, *, school_year: str, title: str,
                  population: int) -> Survey:
    plan = rules.plan(population, rule())
    with transaction.atomic():
        survey = Survey.objects.create(district=district, body=Body.objects.filter(district=district).first(),
                                       school_year=school_year.strip(), title=title.strip(), population=population,
                                       plan=plan.to_dict(), created_by=actor)
        record(actor, "survey_create", survey, district=district, after=model_state(survey))
    return survey


# --- questionnaire -------------------------------------------------------------------------

def _editable(survey: Survey, action_zh: str, action_en: str) -> None:
    if survey.status != Survey.Status.DRAFT:
        raise _refuse("E910", value=survey.title, action_zh=action_zh, action_en=action_en, **_state(survey))


def _clean_groups(groups: Sequence[str]) -> list[str]:
    return [g for g in rules.GROUPS if g in set(groups)]


def add_question(actor: User | None, survey: Survey, *, text_zh: str, text_en: str = "",
                 groups: Sequence[str] = ()) -> SurveyQuestion:
    _editable(survey, "修改问卷", "change its questionnaire")
    with transaction.atomic():
        last = survey.questions.aggregate(m=Max("order"))["m"] or 0
        q = SurveyQuestion.objects.create(survey=survey, order=last + 1, text_zh=text_zh.strip(),
                                          text_en=text_en.strip(), groups=_clean_groups(groups))
        record(actor, "survey_question_add", survey, district=survey.district, after=model_state(q))
    return q


def load_default_questions(actor: User | None, survey: Survey) -> int:
    """Add the default questions of ``rules/consultation/survey_questions.yaml`` not yet there."""
    _editable(survey, "修改问卷", "change its questionnaire")
    have = set(survey.questions.values_list("text_zh", flat=True))
    added = 0
    with transaction.atomic():
        last = survey.questions.aggregate(m=Max("order"))["m"] or 0
        for q in questionnaire()["questions"]:
            if q["zh"] in have:
                continue
            added += 1
            SurveyQuestion.objects.create(survey=survey, order=last + added, text_zh=q["zh"], text_en=q.get("en", ""),
                                          groups=_clean_groups(q.get("groups") or []))
        record(actor, "survey_question_defaults", survey, district=survey.district, after={"added": added})
    return added


def edit_question(actor: User | None, q: SurveyQuestion, *, text_zh: str, text_en: str,
                  groups: Sequence[str]) -> SurveyQuestion:
    _editable(q.survey, "修改问卷", "change its questionnaire")
    with transaction.atomic():
        before = model_state(q)
        q.text_zh, q.text_en, q.groups = text_zh.strip(), text_en.strip(), _clean_groups(groups)
        q.save(update_fields=["text_zh", "text_en", "groups"])
        record(actor, "survey_question_edit", q.survey, district=q.survey.district, before=before,
               after=model_state(q))
    return q


def move_question(actor: User | None, q: SurveyQuestion, step: int) -> None:
    """Swap with the question before (``step`` -1) or after (+1); numbers stay 1…n."""
    survey = q.survey
    _editable(survey, "修改问卷", "change its questionnaire")
    with transaction.atomic():
        ordered = list(survey.questions.select_for_update().order_by("order", "id"))
        i = next(n for n, x in enumerate(ordered) if x.pk == q.pk)
        j = i + step
        if 0 <= j < len(ordered):
            ordered[i], ordered[j] = ordered[j], ordered[i]
        _renumber(ordered)
        record(actor, "survey_question_move", survey, district=survey.district,
               after={"question": q.pk, "order": [x.pk for x in ordered]})


def remove_question(actor: User | None, q: SurveyQuestion) -> None:
    survey = q.survey
    _editable(survey, "修改问卷", "change its questionnaire")
    with transaction.atomic():
        before = model_state(q)
        q.delete()
        _renumber(list(survey.questions.order_by("order", "id")))
        record(actor, "survey_question_remove", survey, district=survey.district, before=before)


def _renumber(ordered: list[SurveyQuestion]) -> None:
    for n, x in enumerate(ordered, start=1):
        if x.order != n:
            x.order = n
            x.save(update_fields=["order"])


def questions_for(survey: Survey, group: str) -> list[SurveyQuestion]:
    return [q for q in survey.questions.order_by("order", "id") if not q.groups or group in q.groups]


def asked(survey: Survey) -> dict[str, list[str]]:
    """Group -> the keys (question ids as text) of the questions put to it."""
    qs = list(survey.questions.order_by("order", "id"))
    return {g: [str(q.pk) for q in qs if not q.groups or g in q.groups] for g in rules.GROUPS}


# --- collection state ----------------------------------------------------------------------

def open_survey(actor: User | None, survey: Survey) -> None:
    if survey.status not in (Survey.Status.DRAFT, Survey.Status.CLOSED):
        raise _refuse("E910", value=survey.title, action_zh="开始收集", action_en="start collecting", **_state(survey))
    groups = asked(survey)
    for g in survey.plan.get("by_group") or rules.GROUPS:
        if not groups.get(g):
            raise _refuse("E914", value=group_label(g), group_en=group_label(g, "en"))
    _set_status(actor, survey, str(Survey.Status.OPEN), "survey_open")


def close_survey(actor: User | None, survey: Survey) -> None:
    if survey.status != Survey.Status.OPEN:
        raise _refuse("E910", value=survey.title, action_zh="停止收集", action_en="stop collecting", **_state(survey))
    _set_status(actor, survey, str(Survey.Status.CLOSED), "survey_close")


def _set_status(actor: User | None, survey: Survey, status: str, action: str) -> None:
    with transaction.atomic():
        before = survey.status
        survey.status = status
        survey.save(update_fields=["status"])
        record(actor, action, survey, district=survey.district, before={"status": before}, after={"status": status})


# --- invitation codes ----------------------------------------------------------------------

def normalise_code(code: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", code or "").upper() if ch.isalnum())


def code_hash(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"survey-code:{normalise_code(code)}".encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def issue_invitations(actor: User | None, survey: Survey, counts: Mapping[str, int]) -> list[tuple[str, str]]:
    """New codes, ``counts`` per group: (group, code) pairs, returned once and never stored
    (only their hashes are kept); the caller hands them out as a sheet to print."""
    if survey.status == Survey.Status.FINAL:
        raise _refuse("E910", value=survey.title, action_zh="发放邀请码", action_en="issue codes", **_state(survey))
    now = timezone.now()
    out: list[tuple[str, str]] = []
    rows: list[SurveyInvitation] = []
    for g in rules.GROUPS:
        for _ in range(max(0, int(counts.get(g, 0) or 0))):
            code = _new_code()
            out.append((g, code))
            rows.append(SurveyInvitation(survey=survey, group=g, code_hash=code_hash(code), issued_at=now))
    if not rows:
        return []
    with transaction.atomic():
        SurveyInvitation.objects.bulk_create(rows)
        record(actor, "survey_invitations", survey, district=survey.district,
               after={g: n for g, n in counts.items() if n})
    return out


def issued(survey: Survey) -> dict[str, int]:
    return dict(survey.invitations.values_list("group").annotate(n=Count("id")).values_list("group", "n"))


def remaining(survey: Survey) -> dict[str, int]:
    """Group -> questionnaires the plan still asks for (its share less the codes issued, never
    below 0): what the code form offers next."""
    by_group = (survey.plan or {}).get("by_group") or {}
    have = issued(survey)
    return {g: max(0, int(by_group.get(g, 0) or 0) - have.get(g, 0)) for g in rules.GROUPS}


def usable_invitation(code: str) -> SurveyInvitation | None:
    """The invitation of ``code`` if it may answer now: known, unused, its survey collecting.
    Unknown, used and closed give the same None (a code cannot be probed)."""
    if not normalise_code(code):
        return None
    inv = SurveyInvitation.objects.select_related("survey").filter(code_hash=code_hash(code)).first()
    if inv is None or inv.used_at is not None or inv.survey.status != Survey.Status.OPEN:
        return None
    return inv


# --- returns -------------------------------------------------------------------------------

def _answers(survey: Survey, group: str, answers: Mapping[str, str]) -> dict[str, str]:
    keys = set(scale().keys)
    return {str(q.pk): answers[str(q.pk)] for q in questions_for(survey, group)
            if answers.get(str(q.pk)) in keys}


def _check_answered(survey: Survey, group: str, answers: dict[str, str]) -> None:
    s = scale()
    put = asked(survey)[group]
    if not rules.is_valid(answers, put, s):
        need = max(1, -(-int(s.min_answered_percent * len(put)) // 100))
        raise _refuse("E918", value=len(answers), expected=need)


def unanswered(survey: Survey, group: str, answers: Mapping[str, str]) -> list[int]:
    """The numbers (1…n, as the group's form numbers them) of the questions left blank."""
    keys = set(scale().keys)
    return [n for n, q in enumerate(questions_for(survey, group), start=1) if answers.get(str(q.pk)) not in keys]


def _used_words(inv: SurveyInvitation | None) -> dict[str, str]:
    """For E915 on the bureau's paper entry: a code already answered on the web says so."""
    if inv is None or inv.used_at is None:
        return {}
    web = SurveyResponse.objects.filter(invitation=inv, channel="web").first()
    if web is None:
        return {}
    day = timezone.localdate(web.at)
    return {"used_zh": f"这个邀请码已在网上作答（{day.year}年{day.month}月{day.day}日），纸质答卷不再录入。",
            "used_en": f" This code was answered on the web ({day.day} {day:%B} {day.year}): "
                       "its paper return is not entered."}


def respond(invitation: SurveyInvitation, answers: Mapping[str, str]) -> SurveyResponse:
    """A web return on an invitation code (no sign-in): one per code."""
    survey = invitation.survey
    clean = _answers(survey, invitation.group, answers)
    _check_answered(survey, invitation.group, clean)
    with transaction.atomic():
        inv = SurveyInvitation.objects.select_for_update(of=("self",)).select_related("survey").get(pk=invitation.pk)
        if inv.used_at is not None or inv.survey.status != Survey.Status.OPEN:
            raise _refuse("E915", value="")
        now = timezone.now()
        inv.used_at = now
        inv.save(update_fields=["used_at"])
        resp = SurveyResponse.objects.create(survey=survey, group=inv.group, invitation=inv, channel="web",
                                             answers=clean, valid=True, at=now)
        record(None, "survey_response", survey, district=survey.district, actor_name="survey respondent",
               after={"response": resp.pk, "group": inv.group, "channel": "web", "answered": len(clean)})
    return resp


def enter_paper(actor: User | None, survey: Survey, *, code: str, group: str, answers: Mapping[str, str],
                spoilt: bool = False) -> SurveyResponse:
    """A paper return entered by the bureau: the code printed on it, its group (checked against
    the code's), its answers; ``spoilt`` records a return that cannot count (kept, not valid)."""
    if survey.status not in (Survey.Status.OPEN, Survey.Status.CLOSED):
        raise _refuse("E917", value=survey.title, **_state(survey))
    clean = _answers(survey, group, answers)
    with transaction.atomic():
        inv = (SurveyInvitation.objects.select_for_update()
               .filter(survey=survey, code_hash=code_hash(code)).first()) if normalise_code(code) else None
        if inv is None or inv.used_at is not None:
            raise _refuse("E915", value=code.strip(), **_used_words(inv))
        if inv.group != group:
            raise _refuse("E916", value=code.strip(), expected=group_label(inv.group), detail=group_label(group),
                          expected_en=group_label(inv.group, "en"), detail_en=group_label(group, "en"))
        if not spoilt:
            _check_answered(survey, group, clean)
        now = timezone.now()
        inv.used_at = now
        inv.save(update_fields=["used_at"])
        resp = SurveyResponse.objects.create(survey=survey, group=group, invitation=inv, channel="paper",
                                             entered_by=actor, answers=clean, valid=not spoilt, at=now)
        record(actor, "survey_paper_return", survey, district=survey.district,
               after={"response": resp.pk, "group": group, "answered": len(clean), "spoilt": spoilt})
    return resp


# --- result and finalising -----------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    result: rules.Result
    shortfalls: list[rules.Shortfall]
    sample: int
    rule: rules.SamplingRule

    @property
    def met(self) -> bool:
        return not self.shortfalls


def outcome(survey: Survey) -> Outcome:
    responses = [rules.Response(r.group, r.answers or {}, r.valid)
                 for r in survey.responses.only("group", "answers", "valid")]
    result = rules.tally(responses, issued(survey), asked(survey), scale())
    r = rule()
    sample = int((survey.plan or {}).get("sample") or rules.sample_size(survey.population, r))
    return Outcome(result, rules.shortfalls(result, sample, r), sample, r)


def shortfall_problem(s: rules.Shortfall, issued_total: int) -> dict[str, Any]:
    if s.kind == "sample":
        return web_problem("E911", value=numbers.count(s.have), expected=numbers.count(s.need),
                           rule="consultation.survey.sample")
    code = "E912" if s.kind == "parents" else "E913"
    # a share of nothing issued is no share: "—", never "0.0%"
    have = numbers.percent(s.have, measured=True, below=s.need) if issued_total else numbers.MISSING
    return web_problem(code, value=have,
                       expected=numbers.percent(s.need), issued=numbers.count(issued_total),
                       rule=f"consultation.survey.{s.kind}")


def finalise(actor: User | None, survey: Survey) -> Survey:
    """Final: the result stored and used by the assessment; refused (every reason named) when
    the plan is not met, when the survey is not collecting or closed, or when the year has a
    final survey already."""
    if survey.status not in (Survey.Status.OPEN, Survey.Status.CLOSED):
        raise _refuse("E910", value=survey.title, action_zh="定稿", action_en="be finalised", **_state(survey))
    with transaction.atomic():
        District.objects.select_for_update().filter(pk=survey.district_id).first()  # one final per year
        other = Survey.objects.filter(district=survey.district, school_year=survey.school_year,
                                      status=Survey.Status.FINAL).exclude(pk=survey.pk).first()
        if other is not None:
            raise _refuse("E919", value=survey.school_year, detail=other.title)
        out = outcome(survey)
        if out.shortfalls:
            raise SurveyRefused(*(shortfall_problem(s, out.result.overall.issued) for s in out.shortfalls))
        now = timezone.now()
        survey.status = Survey.Status.FINAL
        survey.finalised_at = now
        survey.result = {**out.result.to_dict(), "sample": out.sample, "min_percent": out.rule.min_percent,
                         "finalised_on": timezone.localdate(now).isoformat()}
        survey.save(update_fields=["status", "finalised_at", "result"])
        o = out.result.overall
        record(actor, "survey_finalise", survey, district=survey.district,
               after={"status": "final", "valid": o.valid, "issued": o.issued, "answered": o.answered,
                      "recognised": o.recognised, "rate": o.rate})
    return survey


def final_survey(district: District, school_year: str) -> Survey | None:
    return (Survey.objects.filter(district=district, school_year=school_year, status=Survey.Status.FINAL)
            .order_by("-finalised_at", "-id").first())


def local_date(at: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(at) if at else None
