"""What the bureau sets on the rectification list: a responsible office and a deadline per
school finding. Kept per district and school year by the finding's stable key (school code +
requirement + level), so a re-run of the same year keeps them."""

from __future__ import annotations

from django.db import models

from youjun.web.apps.platform.models import District, User


class Assignment(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="rectification_assignments")
    school_year = models.CharField(max_length=9)
    finding_key = models.CharField(max_length=64)
    office = models.CharField(max_length=100, blank=True)
    deadline = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("district", "school_year", "finding_key"),
                                               name="one_assignment_per_finding"),)

    def __str__(self) -> str:
        return f"{self.district.code} {self.school_year} {self.finding_key}"
