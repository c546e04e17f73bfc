"""Plans made in the browser: a DB-backed task (queued -> running -> done | failed) per plan.

A finished plan keeps the plan dict (what ``youjun plan`` writes as plan.json) and its bundle
record (data hash, rules and parameters, options): enough to render it again and to make it
again with ``youjun plan rerun``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, User
from youjun.web.apps.schools.models import Snapshot


class PlanRun(models.Model):
    class Kind(models.TextChoices):
        ROTATION = "rotation", _("Teacher rotation")
        INVESTMENT = "investment", _("Investment")
        SEATS = "seats", _("Seats and class sizes")
        WHATIF = "whatif", _("What-if scenario")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="plans")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="plans")
    school_year = models.CharField(max_length=9)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True)
    ruleset = models.CharField(max_length=64, default="cn-2017")
    options = models.JSONField(default=dict)  # plain data, as a bundle stores it
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=64, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)  # the plan dict (plan.json)
    bundle = models.JSONField(null=True, blank=True)  # the bundle record (bundle.json)
    headline = models.JSONField(null=True, blank=True)  # the plan's headline, for lists
    error = models.JSONField(null=True, blank=True)  # a problem dict (docs/errors.md shape)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("district", "kind", "status")),)

    def __str__(self) -> str:
        return f"plan #{self.pk} {self.kind} {self.district.code} {self.school_year} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
