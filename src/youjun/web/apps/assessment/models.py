"""Assessment runs (a DB-backed task: queued -> running -> done | failed) and their reports."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, User
from youjun.web.apps.schools.models import Snapshot


class AssessmentRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="runs")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="runs")
    school_year = models.CharField(max_length=9)
    ruleset = models.CharField(max_length=64, default="cn-2017")
    overlays = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=64, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    passes = models.BooleanField(null=True)
    error = models.JSONField(null=True, blank=True)  # a problem dict (docs/errors.md shape)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("district", "school_year", "status")),)

    def __str__(self) -> str:
        return f"run #{self.pk} {self.district.code} {self.school_year} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class RunReport(models.Model):
    """One rendered report of a run (html, xlsx, json or pdf, in one language)."""

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="reports")
    fmt = models.CharField(max_length=8)
    lang = models.CharField(max_length=4)
    filename = models.CharField(max_length=128)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("run", "fmt", "lang"), name="one_report_per_format"),)
