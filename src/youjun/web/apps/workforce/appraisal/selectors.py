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
    total: float | None
    level: str


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
        rows.append(ParticipantRow(p, wf_access.name_for(user, p.teacher, reach),
                                   core.track_from_dict(p.track).label(lang), p.n_answered, p.n_raters,
                                   core.round1(res.total), (level.en if lang == "en" else level.zh) if level else ""))
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
