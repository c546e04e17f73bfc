"""Who sees and changes what in differentiated evaluation, on top of ``workforce.access``:

- a round is seen by those who see the school's teachers (its data officer, the district's
  readers) and run by those who manage them (the data officer, the bureau, the admin);
- a teacher's page in a round is also seen by the teacher (their own result, once the round is
  closed) and by their mentor, who may write the feedback and plan with the teacher;
- a rater's form is seen and answered by that rater alone; nobody else sees who rated what.

Out of reach is 404, seen but not allowed 403.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from youjun.web.apps.platform.models import School
from youjun.web.apps.workforce import access as wf_access
from youjun.web.apps.workforce.appraisal.models import Participant, Rater, Round


def sees_school(user: Any, school: School) -> bool:
    return wf_access.school_reach(user, school).sees


def manages_school(user: Any, school: School) -> bool:
    return wf_access.school_reach(user, school).manages


def round_or_404(user: Any, pk: int) -> Round:
    found = Round.objects.select_related("school__district__province").filter(pk=pk).first()
    if found is None or not sees_school(user, found.school):
        raise Http404("round")
    return found


def is_mentor(user: Any, participant: Participant) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and participant.mentor_id == user.pk


def participant_or_404(user: Any, pk: int) -> Participant:
    found = (Participant.objects.select_related("round__school__district__province", "teacher__district",
                                                "teacher__school", "mentor").filter(pk=pk).first())
    if found is None:
        raise Http404("participant")
    if not (sees_school(user, found.round.school) or wf_access.is_self(user, found.teacher) or is_mentor(user, found)):
        raise Http404("participant")
    return found


def writes_feedback(user: Any, participant: Participant) -> bool:
    return manages_school(user, participant.round.school) or is_mentor(user, participant)


def rater_or_404(user: Any, pk: int) -> Rater:
    found = (Rater.objects.select_related("participant__round__school", "participant__teacher").filter(pk=pk).first())
    if found is None or not getattr(user, "is_authenticated", False) or found.user_id != user.pk:
        raise Http404("form")
    return found
