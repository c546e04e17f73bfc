"""Plans made in the browser: a DB-backed task (queued -> running -> done | failed) per plan.

A finished plan keeps the plan dict (what ``youjun plan`` writes as plan.json) and its bundle
record (data hash, rules and parameters, options): enough to render it again and to make it
again with ``youjun plan rerun``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, Task
from youjun.web.apps.schools.models import Snapshot


class PlanRun(Task):
    class Kind(models.TextChoices):
        ROTATION = "rotation", _("Teacher rotation")
        INVESTMENT = "investment", _("Investment")
        SEATS = "seats", _("Seats and class sizes")
        WHATIF = "whatif", _("What-if scenario")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="plans")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="plans")
    school_year = models.CharField(max_length=9)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True)
    ruleset = models.CharField(max_length=64, default="cn-2017")
    options = models.JSONField(default=dict)  # plain data, as a bundle stores it
    result = models.JSONField(null=True, blank=True)  # the plan dict (plan.json)
    bundle = models.JSONField(null=True, blank=True)  # the bundle record (bundle.json)
    headline = models.JSONField(null=True, blank=True)  # the plan's headline, for lists

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("district", "kind", "status")),)

    def __str__(self) -> str:
        return f"plan #{self.pk} {self.kind} {self.district.code} {self.school_year} {self.status}"
