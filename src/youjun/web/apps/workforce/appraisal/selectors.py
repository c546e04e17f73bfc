"""Reads of differentiated evaluation: a school's tracks, its rounds, a round's teachers with
their progress, a teacher's weighted result, and the forms a rater has to fill."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from youjun.core import workforce_appraisal as core
from youjun.web.apps.platform.models import School
from youjun.web.apps.workforce import access as wf_access
from youjun.web.apps.workforce.appraisal.models import Participant, Rater, Round, Track


def local_rules() -> core.AppraisalRules:
    return core.rules(timezone.localdate())


def school_tracks(school: School) -> list[core.Track]:
    """The school's own tracks, or the local defaults while it has not changed them."""
    stored = [core.track_from_dict(t.definition) for t in Track.objects.filter(school=school)]
    return stored or list(local_rules().tracks)


def school_has_own_tracks(school: School) -> bool:
    return Track.objects.filter(school=school).exists()


def rounds_of(school: School) -> list[Round]:
    return list(Round.objects.filter(school=school).annotate(n_teachers=Count("participants", distinct=True)))


@dataclass(frozen=True)
class ParticipantRow:
    participant: Participant
    name: str
    track: str
    answered: int
    raters: int
    total: float | None  # None when hidden (a number would give away a kind below the minimum raters)
    level: str
    provisional: bool = False
    missing: str = ""


def participant_rows(user: Any, round_: Round, lang: str) -> list[ParticipantRow]:
    reach = wf_access.school_reach(user, round_.school)
    rows = []
    parts = (Participant.objects.filter(round=round_).select_related("teacher")
             .annotate(n_raters=Count("raters", distinct=True),
                       n_answered=Count("raters", filter=Q(raters__submitted_at__isnull=False), distinct=True)))
    levels = local_rules().levels
    for p in parts:
        res = result_of(p)
        level = core.level_of(res.total, levels)
        provisional = res.provisional(round_.closed)
        label = (level.en if lang == "en" else level.zh) if level and not provisional else ""
        missing = (", " if lang == "en" else "、").join(core.RATER_KINDS[k][1 if lang == "en" else 0]
                                                        for k in res.missing)
        rows.append(ParticipantRow(p, wf_access.name_for(user, p.teacher, reach),
                                   core.track_from_dict(p.track).label(lang), p.n_answered, p.n_raters,
                                   core.round1(res.total) if res.total_shown else None, label,
                                   provisional and res.total is not None, missing if provisional else ""))
    return rows


def forms_of(participant: Participant) -> list[core.Form]:
    forms: dict[int, dict[str, float]] = {}
    kinds: dict[int, str] = {}
    for rater in Rater.objects.filter(participant=participant, submitted_at__isnull=False).prefetch_related("ratings"):
        kinds[rater.pk] = rater.kind
        forms[rater.pk] = {r.criterion: float(r.score) for r in rater.ratings.all()}
    return [core.Form(kinds[pk], scores) for pk, scores in forms.items()]


def surveys_of(participant: Participant) -> list[core.Survey]:
    return [core.Survey(s.kind, float(s.score), s.respondents) for s in participant.surveys.all()]


def result_of(participant: Participant) -> core.Result:
    return core.result(core.track_from_dict(participant.track), forms_of(participant), surveys_of(participant),
                       min_raters=local_rules().min_raters)


def raters_of(participant: Participant) -> list[Rater]:
    return list(Rater.objects.filter(participant=participant).select_related("user"))


def comments_of(participant: Participant, lang: str, kinds: set[str]) -> list[tuple[str, list[str]]]:
    """The comments of raters of ``kinds`` per criterion, without who wrote them (in the order of
    their text, not of the raters)."""
    track = core.track_from_dict(participant.track)
    out = []
    ratings = [r for rater in Rater.objects.filter(participant=participant, submitted_at__isnull=False,
                                                   kind__in=kinds).prefetch_related("ratings")
               for r in rater.ratings.all() if r.comment]
    for c in track.criteria:
        texts = sorted(r.comment for r in ratings if r.criterion == c.code)
        if texts:
            out.append((c.label(lang), texts))
    return out


def forms_for(user: Any) -> list[Rater]:
    """The forms ``user`` is asked to fill, open rounds first."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Rater.objects.filter(user=user).select_related("participant__round__school", "participant__teacher")
                .order_by("participant__round__closed_at", "submitted_at", "-participant__round__created_at", "id"))


@dataclass(frozen=True)
class Person:
    """Someone who may rate or mentor, as a page offers them: by name (masked per the viewer's
    reach), never by login name; ``username`` is only the form's value."""

    username: str
    label: str
    staff_id: str = ""


def people_of(viewer: Any, school: School, *, exclude: set[int] | frozenset[int] = frozenset()) -> list[Person]:
    """The school's current teachers with an active account, then its staff users (the school's
    data officers) by full name; users in ``exclude`` left out."""
    from youjun.web.apps.platform.models import Role, User
    from youjun.web.apps.workforce.models import Teacher

    reach = wf_access.school_reach(viewer, school)
    out: list[Person] = []
    seen: set[int] = set(exclude)
    for t in (Teacher.objects.filter(school=school, active=True, user__isnull=False, user__is_active=True)
              .select_related("user").order_by("staff_id")):
        assert t.user is not None
        if t.user_id in seen:
            continue
        seen.add(t.user.pk)
        out.append(Person(t.user.get_username(), wf_access.name_for(viewer, t, reach) or t.staff_id, t.staff_id))
    staff = (User.objects.filter(is_active=True, memberships__role=Role.SCHOOL_OFFICER,
                                 memberships__school=school)
             .exclude(pk__in=seen).distinct().order_by("full_name", "id"))
    for u in staff:
        out.append(Person(u.get_username(), str(u)))
    return out


def person_label(viewer: Any, user: Any, school: School) -> str:
    """A user as a page names them: the teacher's name (masked per reach) when the user is a
    teacher, else their full name (the login name only when they have none)."""
    from youjun.web.apps.workforce.models import Teacher

    if user is None:
        return ""
    t = Teacher.objects.filter(user=user).select_related("district", "school").order_by("-active").first()
    if t is not None and t.name:
        return wf_access.name_for(viewer, t)
    return str(user)
