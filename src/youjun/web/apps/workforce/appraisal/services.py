"""Writes of differentiated evaluation; each checked first (refused with E1215–E1229 before
anything is written), each in one transaction and audited. Audit entries never carry a rater's
scores: who rated what is not shown to anyone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import workforce_appraisal as core
from youjun.web.apps.platform import audit, scoping
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.workforce.appraisal import selectors
from youjun.web.apps.workforce.appraisal.models import Participant, Rater, Rating, Round, Survey, Track
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused, refuse, web_problem

__all__ = ["Refused", "add_participant", "add_rater", "close_round", "decide", "open_round", "record_survey",
           "remove_rater", "save_feedback", "save_track", "submit_form"]

_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def _problems(errors: list[core.AppraisalRuleError]) -> list[dict[str, Any]]:
    return [web_problem(e.code, value=e.value, rule="workforce.appraisal", **e.context) for e in errors]


def _open(round_: Round) -> None:
    if round_.closed:
        raise refuse("E1227", value=round_.title, rule="workforce.appraisal.round")


# --- tracks --------------------------------------------------------------------------------------

def save_track(actor: User | None, school: School, code: str, raw: Mapping[str, Any], *, ip: str = "") -> core.Track:
    """Keep the school's edited track ``code`` (the school's copy of the local defaults on the
    first edit). ``raw`` as ``core.check_track`` reads it, plus ``en`` and each row's ``code``."""
    current = {t.code: t for t in selectors.school_tracks(school)}
    if code not in current:
        raise refuse("E1219", value=code, rule="workforce.appraisal.track")
    problems = core.check_track(raw)
    if problems:
        raise Refused(_problems(problems))
    before = current[code]
    rows = [r for r in raw["criteria"] if str(r.get("zh", "")).strip() or str(r.get("weight", "")).strip()]
    used: set[str] = set()
    criteria = []
    for i, row in enumerate(rows, start=1):
        ccode = str(row.get("code", "")).strip() or f"c{i}"
        while ccode in used:
            ccode = f"{ccode}x"
        used.add(ccode)
        criteria.append(core.Criterion(ccode, str(row["zh"]).strip(), str(row.get("en", "")).strip(),
                                       float(core.parse_weight(row["weight"]) or 0)))
    raters = {k: float(core.parse_weight(raw.get("raters", {}).get(k, "")) or 0) for k in core.RATER_KINDS}
    track = core.Track(code, str(raw["zh"]).strip(), str(raw.get("en", "")).strip() or before.en, tuple(criteria),
                       raters, before.who_zh, before.who_en, before.aim_zh, before.aim_en, before.methods_zh,
                       before.methods_en)
    with transaction.atomic():
        if not Track.objects.filter(school=school).exists():
            Track.objects.bulk_create([Track(school=school, code=t.code, definition=t.to_dict(), position=i)
                                       for i, t in enumerate(current.values())])
        Track.objects.filter(school=school, code=code).update(definition=track.to_dict(), updated_at=timezone.now())
        audit.record(actor, "workforce_appraisal_track", school, before=before.to_dict(), after=track.to_dict(),
                     ip=ip)
    return track


# --- rounds --------------------------------------------------------------------------------------

def open_round(actor: User | None, school: School, *, school_year: str, term: Any, title: str,
               ip: str = "") -> Round:
    m = _YEAR.match(school_year.strip())
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        raise refuse("E1229", value=school_year, rule="workforce.appraisal.round", detail=("学年", "school year"))
    if str(term).strip() not in ("1", "2"):
        raise refuse("E1229", value=term, rule="workforce.appraisal.round", detail=("学期", "term"))
    title = title.strip()[:80] or f"{school_year.strip()} 第{term}学期 区分性教师评价"
    with transaction.atomic():
        round_ = Round.objects.create(school=school, school_year=school_year.strip(), term=int(term), title=title,
                                      created_by=actor if actor is not None and actor.pk else None)
        audit.record(actor, "workforce_appraisal_round", round_, school=school,
                     after={"school_year": round_.school_year, "term": round_.term, "title": title}, ip=ip)
    return round_


def close_round(actor: User | None, round_: Round, *, ip: str = "") -> Round:
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        _open(locked)
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        audit.record(actor, "workforce_appraisal_close", locked, school=locked.school, ip=ip)
    return locked


def _user(username: str) -> User:
    user = User.objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise refuse("E1224", value=username, rule="workforce.appraisal.rater")
    return user


def add_participant(actor: User | None, round_: Round, *, staff_id: str, track_code: str, mentor: str = "",
                    ip: str = "") -> Participant:
    """Put a current teacher of the round's school on a track; their own account rates themself."""
    _open(round_)
    school = round_.school
    teacher = Teacher.objects.filter(district_id=school.district_id, staff_id=staff_id.strip(), school=school,
                                     active=True).first()
    if teacher is None:
        raise refuse("E1221", value=staff_id, rule="workforce.appraisal.teacher", school=school.name)
    if Participant.objects.filter(round=round_, teacher=teacher).exists():
        raise refuse("E1222", value=staff_id, rule="workforce.appraisal.teacher")
    tracks = {t.code: t for t in selectors.school_tracks(school)}
    if track_code not in tracks:
        raise refuse("E1219", value=track_code, rule="workforce.appraisal.track")
    mentor_user = _user(mentor) if mentor.strip() else None
    if mentor_user is not None:
        _check_rater(school, teacher, mentor_user, "leader")
    with transaction.atomic():
        participant = Participant.objects.create(round=round_, teacher=teacher, track_code=track_code,
                                                 track=tracks[track_code].to_dict(), mentor=mentor_user)
        if teacher.user_id is not None and teacher.user is not None and teacher.user.is_active:
            Rater.objects.create(participant=participant, user_id=teacher.user_id, kind=Rater.Kind.SELF)
        audit.record(actor, "workforce_appraisal_teacher", participant, school=school,
                     after={"round": round_.pk, "teacher": teacher.staff_id, "track": track_code,
                            "mentor": mentor_user.username if mentor_user else ""}, ip=ip)
    return participant


def _check_rater(school: School, teacher: Teacher, user: User, kind: str) -> None:
    def no(zh: str, en: str) -> Refused:
        label = core.RATER_KINDS[kind]
        return refuse("E1223", value=user.username, rule="workforce.appraisal.rater", kind_zh=label[0],
                      kind_en=label[1], detail=(zh, en))
    if teacher.user_id == user.pk:
        raise no("这是被评价教师本人（自评已自动加入）", "it is the teacher themself (self-rating is added by itself)")
    own = Teacher.objects.filter(user=user, active=True).first()
    if kind == "peer":
        if own is None or own.district_id != teacher.district_id:
            raise no("不是本区县有账号的教师", "not a teacher of the district with an account")
        return
    scope = scoping.scope_of(user)
    if school.pk in scope.own_schools or scoping.can_manage_district(scope, school.district):
        return
    if own is not None and own.school_id == school.pk:
        return
    raise no("不是本校领导或区县教育局", "not a leader of the school nor the district bureau")


def add_rater(actor: User | None, participant: Participant, *, kind: str, username: str, ip: str = "") -> Rater:
    _open(participant.round)
    if kind not in ("peer", "leader"):
        raise refuse("E1223", value=kind, rule="workforce.appraisal.rater", kind_zh=kind, kind_en=kind,
                      detail=("只能添加同伴或学校领导", "only peers and leaders are added"))
    user = _user(username)
    _check_rater(participant.round.school, participant.teacher, user, kind)
    if Rater.objects.filter(participant=participant, user=user).exists():
        label = core.RATER_KINDS[kind]
        raise refuse("E1223", value=user.username, rule="workforce.appraisal.rater", kind_zh=label[0],
                     kind_en=label[1], detail=("已经是该教师的评价者", "already one of this teacher's raters"))
    with transaction.atomic():
        rater = Rater.objects.create(participant=participant, user=user, kind=kind)
        audit.record(actor, "workforce_appraisal_rater", participant, school=participant.round.school,
                     after={"kind": kind, "rater": user.username}, ip=ip)
    return rater


def remove_rater(actor: User | None, rater: Rater, *, ip: str = "") -> None:
    participant = rater.participant
    _open(participant.round)
    with transaction.atomic():
        audit.record(actor, "workforce_appraisal_rater", participant, school=participant.round.school,
                     before={"kind": rater.kind, "rater": rater.user.username}, after=None, ip=ip)
        rater.delete()


def submit_form(actor: User, rater: Rater, scores: Mapping[str, Any], comments: Mapping[str, str], *,
                ip: str = "") -> Rater:
    """A rater's answers: every criterion of the teacher's track scored 0–100, with a comment."""
    participant = rater.participant
    _open(participant.round)
    track = core.track_from_dict(participant.track)
    clean, problems = core.check_scores(track, scores)
    if problems:
        raise Refused(_problems(problems))
    with transaction.atomic():
        locked = Rater.objects.select_for_update().get(pk=rater.pk)
        locked.ratings.all().delete()
        Rating.objects.bulk_create([Rating(rater=locked, criterion=code, score=Decimal(str(value)),
                                           comment=str(comments.get(code, "")).strip()[:400])
                                    for code, value in clean.items()])
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["submitted_at"])
        # who rated what stays out of the log: the kind and the count only
        audit.record(actor, "workforce_appraisal_rating", participant, school=participant.round.school,
                     after={"kind": locked.kind, "criteria": len(clean)}, ip=ip)
    return locked


def record_survey(actor: User | None, participant: Participant, *, kind: str, score: Any, respondents: Any,
                  ip: str = "") -> Survey | None:
    """The pupils' or parents' survey mean (0–100) with its respondents; both blank removes it."""
    _open(participant.round)
    if kind not in core.SURVEY_KINDS:
        raise refuse("E1226", value=kind, rule="workforce.appraisal.survey", detail=("问卷类别", "survey kind"))
    label = core.RATER_KINDS[kind]
    if not str(score).strip() and not str(respondents).strip():
        with transaction.atomic():
            Survey.objects.filter(participant=participant, kind=kind).delete()
            audit.record(actor, "workforce_appraisal_survey", participant, school=participant.round.school,
                         after={"kind": kind, "removed": True}, ip=ip)
        return None
    value = core.parse_weight(score)
    problems = []
    if value is None or value < 0 or value > core.MAX_SCORE:
        problems.append(web_problem("E1226", value=score, rule="workforce.appraisal.survey",
                                    detail=(f"{label[0]}平均分", f"{label[1]} mean score")))
    n = str(respondents).strip()
    if not n.isdigit() or int(n) < 1:
        problems.append(web_problem("E1226", value=respondents, rule="workforce.appraisal.survey",
                                    detail=(f"{label[0]}答卷人数", f"{label[1]} respondents")))
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        survey, _ = Survey.objects.update_or_create(
            participant=participant, kind=kind,
            defaults={"score": Decimal(str(value)), "respondents": int(n),
                      "entered_by": actor if actor is not None and actor.pk else None})
        audit.record(actor, "workforce_appraisal_survey", participant, school=participant.round.school,
                     after={"kind": kind, "score": value, "respondents": int(n)}, ip=ip)
    return survey


FEEDBACK_FIELDS = ("strengths", "growth_areas", "plan_goals", "plan_actions", "plan_support")


def save_feedback(actor: User | None, participant: Participant, values: Mapping[str, Any], *,
                  review_on: dt.date | None, ip: str = "") -> Participant:
    """The growth feedback and the improvement plan, written by the officer or mentor with the teacher."""
    _open(participant.round)
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        before = {f: getattr(locked, f) for f in FEEDBACK_FIELDS}
        for f in FEEDBACK_FIELDS:
            setattr(locked, f, str(values.get(f, "")).strip()[:4000])
        locked.review_on = review_on
        locked.feedback_by = actor if actor is not None and actor.pk else None
        locked.feedback_at = timezone.now()
        locked.save()
        audit.record(actor, "workforce_appraisal_feedback", locked, school=locked.round.school, before=before,
                     after={**{f: getattr(locked, f) for f in FEEDBACK_FIELDS}, "review_on": review_on}, ip=ip)
    return locked


def decide(actor: User | None, participant: Participant, *, decision: str, note: str, day: dt.date,
           ip: str = "") -> Participant:
    """The below-standard track's follow-up decision once the improvement plan has run."""
    _open(participant.round)
    decisions = core.rules(day).decisions
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)  # the plan as stored now
        label = decisions.get(decision, (decision, decision))

        def no(zh: str, en: str) -> Refused:
            return refuse("E1228", value=decision, rule="workforce.appraisal.decision", decision_zh=label[0],
                          decision_en=label[1], detail=(zh, en))
        if locked.track_code != "improving":
            raise no("该教师不在“待改进教师”轨道", "the teacher is not on the below-standard track")
        if decision not in decisions:
            raise no("不是可选的处理决定", "not one of the decisions offered")
        if not (locked.plan_goals.strip() or locked.plan_actions.strip()):
            raise no("还没有改进计划", "there is no improvement plan yet")
        locked.decision, locked.decision_note, locked.decided_on = decision, note.strip()[:400], day
        locked.decided_by = actor if actor is not None and actor.pk else None
        locked.save(update_fields=["decision", "decision_note", "decided_on", "decided_by"])
        audit.record(actor, "workforce_appraisal_decision", locked, school=locked.round.school,
                     after={"decision": decision, "note": locked.decision_note, "on": day}, ip=ip)
    return locked
