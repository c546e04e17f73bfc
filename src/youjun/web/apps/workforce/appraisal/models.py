"""Differentiated teacher evaluation (区分性教师评价): a school's tracks, rounds, the teachers of a
round on their tracks, their raters and answers, survey aggregates, and the growth feedback with
the improvement plan. The tracks' criteria and weights are local rules (``youjun.core.workforce_appraisal``)."""

from __future__ import annotations

from django.db import models

from youjun.web.apps.platform.models import School, User
from youjun.web.apps.workforce.models import Teacher


class Track(models.Model):
    """A school's own evaluation track (copied from the local defaults, then edited by the school).
    ``definition`` is ``youjun.core.workforce_appraisal.Track.to_dict()``."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=32)
    definition = models.JSONField()
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("school", "position", "id")
        constraints = (models.UniqueConstraint(fields=("school", "code"), name="appraisal_one_track_code"),)

    def __str__(self) -> str:
        return f"{self.school_id}:{self.code}"


class Round(models.Model):
    """One round of evaluation at a school for a school year and term."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    school_year = models.CharField(max_length=9)  # "2025-2026"
    term = models.PositiveSmallIntegerField()  # 1 or 2
    title = models.CharField(max_length=80)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "-school_year", "-term", "-id")

    def __str__(self) -> str:
        return self.title

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


class Participant(models.Model):
    """A teacher in a round on one track; the track is frozen at the time the teacher was added
    (``track``: the definition), so later edits of the school's tracks do not change a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    teacher = models.ForeignKey(Teacher, on_delete=models.PROTECT, related_name="+")
    track_code = models.CharField(max_length=32)
    track = models.JSONField()
    mentor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # growth feedback and the improvement plan, written by the officer or mentor with the teacher
    strengths = models.TextField(blank=True)
    growth_areas = models.TextField(blank=True)
    plan_goals = models.TextField(blank=True)
    plan_actions = models.TextField(blank=True)
    plan_support = models.TextField(blank=True)
    review_on = models.DateField(null=True, blank=True)
    feedback_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    feedback_at = models.DateTimeField(null=True, blank=True)
    # the below-standard track's follow-up decision
    decision = models.CharField(max_length=16, blank=True)
    decision_note = models.CharField(max_length=400, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("round", "teacher__staff_id")
        constraints = (models.UniqueConstraint(fields=("round", "teacher"), name="appraisal_one_teacher_per_round"),)

    def __str__(self) -> str:
        return f"{self.round_id}:{self.teacher_id}"


class Rater(models.Model):
    """A user asked to rate one teacher of a round (self, a peer or a leader); answered when
    ``submitted_at`` is set. Who rated what is never shown to the teacher."""

    class Kind(models.TextChoices):
        SELF = "self", "self"
        PEER = "peer", "peer"
        LEADER = "leader", "leader"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="raters")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("participant", "kind", "id")
        constraints = (models.UniqueConstraint(fields=("participant", "user"), name="appraisal_one_rater_per_user"),)

    def __str__(self) -> str:
        return f"{self.participant_id}:{self.kind}"


class Rating(models.Model):
    """One criterion of one rater's form: a score 0–100 and a comment."""

    rater = models.ForeignKey(Rater, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.CharField(max_length=32)
    score = models.DecimalField(max_digits=5, decimal_places=1)
    comment = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ("rater", "id")
        constraints = (models.UniqueConstraint(fields=("rater", "criterion"), name="appraisal_one_rating"),)


class Survey(models.Model):
    """A pupils' or parents' survey of one teacher: the mean score and how many answered."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(max_length=8)  # pupils / parents
    score = models.DecimalField(max_digits=5, decimal_places=1)
    respondents = models.PositiveIntegerField()
    entered_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("participant", "kind")
        constraints = (models.UniqueConstraint(fields=("participant", "kind"), name="appraisal_one_survey"),)
