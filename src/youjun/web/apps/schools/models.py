"""A district's school-year data: uploads awaiting confirmation, stored snapshots (one current
per district and year) and the figures school data officers submit for their own school."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, School, User


class Snapshot(models.Model):
    """One district's data for one school year, as validated and confirmed; frozen once stored."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="snapshots")
    school_year = models.CharField(max_length=9)
    data_hash = models.CharField(max_length=64)
    source = models.CharField(max_length=255, blank=True)
    rows = models.JSONField(default=dict)  # table key -> row count
    current = models.BooleanField(default=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("district", "-school_year", "-created_at")
        constraints = (
            models.UniqueConstraint(fields=("district", "school_year"), condition=Q(current=True),
                                    name="one_current_snapshot_per_year"),
        )
        indexes = (models.Index(fields=("district", "school_year", "current")),)

    def __str__(self) -> str:
        return f"{self.district.code} {self.school_year} #{self.pk} ({self.data_hash[:12]})"


class SnapshotTable(models.Model):
    """One table of a snapshot: {"columns": [...], "rows": [[...], ...]} in canonical form."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="tables")
    table = models.CharField(max_length=32)
    data = models.JSONField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=("snapshot", "table"), name="one_table_per_snapshot"),)


class Upload(models.Model):
    """A workbook uploaded for a district: validated at once, stored only when confirmed."""

    class Status(models.TextChoices):
        INVALID = "invalid", _("not accepted")
        VALID = "valid", _("clean, not yet stored")
        CONFIRMED = "confirmed", _("stored")
        DISCARDED = "discarded", _("discarded")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="uploads")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    status = models.CharField(max_length=16, choices=Status.choices)
    school_year = models.CharField(max_length=9, blank=True)
    data_hash = models.CharField(max_length=64, blank=True)
    report = models.JSONField(default=dict)  # the validation report (docs/errors.md shape)
    preview = models.JSONField(default=dict)  # changes against the stored year
    snapshot = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"


class Submission(models.Model):
    """A school's own figures for one school year, entered in forms by its data officer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft with problems")
        SUBMITTED = "submitted", _("submitted")  # valid, waiting for the bureau
        APPROVED = "approved", _("approved, waiting to be merged")
        RETURNED = "returned", _("returned to the school")
        APPLIED = "applied", _("taken into the district data")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="submissions")
    school_year = models.CharField(max_length=9)
    status = models.CharField(max_length=16, choices=Status.choices)
    figures = models.JSONField(default=dict)  # form values
    problems = models.JSONField(default=list)
    submitted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    applied_to = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The bureau's review: who approved or returned it, when, and why (shown to the school).
    review_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("school", "-school_year")
        constraints = (models.UniqueConstraint(fields=("school", "school_year"), name="one_submission_per_year"),)

    def __str__(self) -> str:
        return f"{self.school.code} {self.school_year} {self.status}"
