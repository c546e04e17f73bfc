"""Assessment runs (a DB-backed task: queued -> running -> done | failed) and their reports."""

from __future__ import annotations

from typing import Any

from django.db import models

from youjun.web.apps.platform.models import District, Task
from youjun.web.apps.schools.models import Snapshot


class AssessmentRun(Task):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="runs")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="runs")
    school_year = models.CharField(max_length=9)
    ruleset = models.CharField(max_length=64, default="cn-2017")
    overlays = models.JSONField(default=list)
    result = models.JSONField(null=True, blank=True)
    passes = models.BooleanField(null=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("district", "school_year", "status")),)

    def __str__(self) -> str:
        return f"run #{self.pk} {self.district.code} {self.school_year} {self.status}"

    @property
    def frozen_key(self) -> tuple[int, str]:
        """A finished run never changes; its id and finishing time name it in the caches."""
        return (self.pk, self.finished_at.isoformat() if self.finished_at else "")

    def stored_result(self) -> dict[str, Any]:
        """The result as stored (read on its own: lists of runs defer this large field)."""
        return AssessmentRun.objects.filter(pk=self.pk).values_list("result", flat=True).first() or {}


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


class ReportRender(Task):
    """A report of a run being rendered in the background (a PDF takes ~10 s): the page that asked
    for it follows this row, then downloads the stored ``RunReport``."""

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="renders")
    fmt = models.CharField(max_length=8)
    lang = models.CharField(max_length=4)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"report {self.fmt}/{self.lang} of run #{self.run_id} {self.status}"
