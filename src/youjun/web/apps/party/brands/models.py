"""Party-building brands (党建品牌) of schools and brand schools (党建品牌特色学校).

A school (its data officer, or the bureau for it) applies for a brand: name, emblem image,
meaning, evidence. The application follows ``rules/party_brands/workflow.yaml``; every step is
kept (``BrandStep``: from, to, date, by whom, comment). An approved brand's school may apply for
acceptance as a brand school; the bureau scores it against ``rules/party_brands/acceptance.yaml``
(``Acceptance``: per-criterion scores and notes, the total, the pass mark in force, the decision
date). An accepted school is a brand school from ``decided_on`` until ``withdrawn_on``.
"""

from __future__ import annotations

from django.db import models

from youjun.web.apps.platform.models import District, School, User


class Brand(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="party_brands")
    name = models.CharField(max_length=40)
    meaning = models.TextField(max_length=2000)  # 释义
    state = models.CharField(max_length=16, default="draft")
    year = models.PositiveSmallIntegerField()  # the year of the application (its first submission)
    emblem = models.BinaryField(null=True, blank=True)  # re-encoded, no metadata
    emblem_type = models.CharField(max_length=32, blank=True)
    emblem_sha256 = models.CharField(max_length=64, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("school__code", "name")
        constraints = (models.UniqueConstraint(fields=("district", "name"), name="party_brands_unique_name"),)
        indexes = (models.Index(fields=("district", "state")),)

    def __str__(self) -> str:
        return self.name


class BrandStep(models.Model):
    """One step of an application: the action, the states before and after, when, by whom, why."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=16)
    from_state = models.CharField(max_length=16)
    to_state = models.CharField(max_length=16)
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, blank=True)
    by_bureau = models.BooleanField(default=False)
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("brand", "at", "pk")

    def __str__(self) -> str:
        return f"{self.brand_id} {self.from_state}→{self.to_state}"


class BrandEvidence(models.Model):
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField(max_length=120)
    content = models.BinaryField()
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("brand", "created_at", "pk")

    def __str__(self) -> str:
        return self.name


class Acceptance(models.Model):
    """A brand school acceptance: applied, then scored (passed or failed), an accepted one maybe withdrawn."""

    class State(models.TextChoices):
        APPLIED = "applied"
        ACCEPTED = "accepted"
        FAILED = "failed"
        WITHDRAWN = "withdrawn"

    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="acceptances")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices, default=State.APPLIED)
    applied_on = models.DateField()
    applied_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    scores = models.JSONField(default=list, blank=True)  # [{"key", "score", "note"}] in the criteria's order
    total = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    pass_mark = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdraw_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("brand", "applied_on", "pk")

    def __str__(self) -> str:
        return f"{self.brand_id}:{self.school_id}"
