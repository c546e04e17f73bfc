"""Models of the schooleval app: a district's indicator tree per school year, a school's
evaluation for a year (its self-evaluation and the bureau's review), and evidence files.

A tree is stored whole as JSON (its shape: ``youjun.core.schooleval``); a year's evaluations
point at that year's tree, and the tree cannot change once a school has submitted (so every
evaluation keeps the tree it used)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from youjun.web.apps.platform.models import District, School

USER = settings.AUTH_USER_MODEL


class TreeVersion(models.Model):
    """A district's indicator tree for one school year (seeded from the guide or last year's)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school_year = models.CharField(max_length=9)
    tree = models.JSONField()
    seeded_from = models.CharField(max_length=32, blank=True)  # "guide" or the earlier year copied
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = (models.UniqueConstraint(fields=("district", "school_year"), name="schooleval_tree_year"),)
        ordering = ("district", "school_year")

    def __str__(self) -> str:
        return f"{self.district.code} {self.school_year}"


class Evaluation(models.Model):
    """A school's evaluation for a school year: states in rules/school-eval-2021/workflow.yaml."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.CharField(max_length=9)
    tree = models.ForeignKey(TreeVersion, on_delete=models.PROTECT, related_name="evaluations")
    state = models.CharField(max_length=16, default="draft")
    review_comment = models.TextField(blank=True)  # the bureau's overall comment (a return's reason)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("school", "school_year"), name="schooleval_school_year"),)
        ordering = ("school__code", "school_year")

    def __str__(self) -> str:
        return f"{self.school.code} {self.school_year}"


class Judgement(models.Model):
    """One consideration of an evaluation: the school's level and note, the bureau's level and comment."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="judgements")
    code = models.CharField(max_length=16)
    self_level = models.CharField(max_length=16, blank=True)
    self_note = models.TextField(blank=True)
    review_level = models.CharField(max_length=16, blank=True)
    review_comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("evaluation", "code"), name="schooleval_judgement_code"),)
        ordering = ("evaluation", "code")


class EvidenceFile(models.Model):
    """An evidence file of one consideration, checked by its content on arrival."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="evidence")
    code = models.CharField(max_length=16)
    filename = models.CharField(max_length=160)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("code", "at", "id")
