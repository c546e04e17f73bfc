"""Famous-teacher studios (名师工作室): host, members across schools, yearly plans, outputs with
evidence, and the bureau's yearly reviews.

Codes: ``subject`` is a workbook SUBJECTS code; ``level``, member ``role``, output ``kind`` and
review ``rating`` are codes of ``rules/workforce/studios.yaml`` (the review words are local).
"""

from __future__ import annotations

from django.db import models

from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Evidence, Teacher


class Studio(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    host = models.ForeignKey(Teacher, on_delete=models.PROTECT, related_name="hosted_studios")
    subject = models.CharField(max_length=32, blank=True)  # schema SUBJECTS code
    level = models.CharField(max_length=16)  # rules levels code (区级, 市级…)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # end of the term
    base_school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("district", "name", "id")
        indexes = (models.Index(fields=("district", "start")),)

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A teacher in a studio from ``joined`` to ``left`` (open: still a member)."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="members")
    teacher = models.ForeignKey(Teacher, on_delete=models.PROTECT, related_name="studio_memberships")
    role = models.CharField(max_length=16)  # rules roles code (成员, 学员)
    joined = models.DateField()
    left = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("studio", "joined", "id")
        indexes = (models.Index(fields=("teacher", "left")),)

    def __str__(self) -> str:
        return f"{self.teacher} in {self.studio_id}"


class Plan(models.Model):
    """A studio's plan for a calendar year: goals, planned activities, a number per kind of output."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField()
    goals = models.TextField(blank=True)
    activities = models.TextField(blank=True)
    targets = models.JSONField(default=dict)  # kind code -> number planned
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("studio", "-year")
        constraints = (models.UniqueConstraint(fields=("studio", "year"), name="one_studio_plan_per_year"),)


class Output(models.Model):
    """Something the studio produced (a public lesson, a research project, a paper…), by whom."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(max_length=16)  # rules kinds code
    title = models.CharField(max_length=200)
    day = models.DateField()
    people = models.ManyToManyField(Teacher, related_name="studio_outputs", blank=True)
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("studio", "-day", "-id")
        indexes = (models.Index(fields=("studio", "day")), models.Index(fields=("kind", "day")))

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    """The bureau's review of a studio's year: the counts against the plan as they stood, a rating
    (local words) and a comment. A second review of the same year is kept beside the first."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField()
    rating = models.CharField(max_length=16)  # rules ratings code
    comment = models.TextField(blank=True)
    counts = models.JSONField(default=dict)  # kind -> {"planned": n, "done": n} at the review
    reviewer = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("studio", "-year", "-reviewed_at", "-id")
