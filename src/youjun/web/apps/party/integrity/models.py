"""Clean schools and teacher ethics (清廉学校、师德师风).

- ``Campaign`` with its ``Stage``s (环节, dated) and ``KeyPoint``s (重点): the bureau's district
  campaign (defaults: ``rules/party_integrity/campaign-defaults.yaml``, local);
- ``Activity``: a clean-school activity of a school or of the whole district (school empty), of a
  type and a layer (rules data), with its participants (a total, the kinds ticked and, where
  recorded, how many of each kind) and evidence files (``ActivityFile``);
- ``PublicityIssue``: one issue (期) of the district's teacher-ethics publicity;
- ``EthicsCase`` with its ``CaseStep``s: a restricted teacher-ethics case, seen only by the
  district's ``CaseHandler``s (granted and revoked by the bureau); ``CaseRead``: every open of a
  case page (who, when).
"""

from __future__ import annotations

from django.db import models

from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Teacher


class Campaign(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=80)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("district", "-start", "id")

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=60)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("campaign", "order")
        constraints = (models.UniqueConstraint(fields=("campaign", "order"), name="party_integrity_stage_order"),)

    def __str__(self) -> str:
        return self.name


class KeyPoint(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="key_points")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ("campaign", "order")
        constraints = (models.UniqueConstraint(fields=("campaign", "order"), name="party_integrity_kp_order"),)

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24)  # rules: activity-types
    layer = models.CharField(max_length=24)  # rules: layers
    held_on = models.DateField()
    title = models.CharField(max_length=80)
    participants = models.PositiveIntegerField()
    with_teachers = models.BooleanField(default=False)
    with_pupils = models.BooleanField(default=False)
    with_parents = models.BooleanField(default=False)
    # how many of each kind took part, where recorded (optional; together never more than ``participants``)
    pupils = models.PositiveIntegerField(null=True, blank=True)
    teachers = models.PositiveIntegerField(null=True, blank=True)
    parents = models.PositiveIntegerField(null=True, blank=True)
    description = models.TextField(max_length=1000, blank=True)
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities")
    key_point = models.ForeignKey(KeyPoint, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="activities")
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-held_on", "-id")
        indexes = (models.Index(fields=("district", "held_on")),)

    def __str__(self) -> str:
        return self.title


class ActivityFile(models.Model):
    """An evidence file of an activity, cleaned by content (images re-encoded without metadata)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=120)
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class PublicityIssue(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    published_on = models.DateField()
    title = models.CharField(max_length=120)
    channel = models.CharField(max_length=40)
    link = models.URLField(max_length=300, blank=True)
    file_name = models.CharField(max_length=120, blank=True)
    file_content = models.BinaryField(null=True, blank=True)
    file_type = models.CharField(max_length=32, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("district", "-number")
        constraints = (models.UniqueConstraint(fields=("district", "number"), name="party_integrity_issue_number"),)

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class CaseHandler(models.Model):
    """A grant of the handling of a district's teacher-ethics cases to ``user`` from ``start``
    to ``end`` (open: until revoked)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("district", "-start", "id")

    def __str__(self) -> str:
        return f"handler {self.pk}"


class EthicsCase(models.Model):
    """A teacher-ethics case (师德问题线索): restricted to the district's handlers."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    teacher = models.ForeignKey(Teacher, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField()
    source = models.CharField(max_length=24)  # rules: case-handling sources
    summary = models.TextField(max_length=2000)
    status = models.CharField(max_length=16, default="received")
    decision = models.TextField(max_length=2000, blank=True)
    sanction = models.CharField(max_length=24, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("district", "-received_on", "-id")

    def __str__(self) -> str:  # never the teacher's name or the summary: audit rows and logs read this
        return f"ethics case {self.pk}"


class CaseStep(models.Model):
    case = models.ForeignKey(EthicsCase, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=16)
    on = models.DateField()
    note = models.TextField(max_length=2000, blank=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("case", "on", "id")

    def __str__(self) -> str:
        return f"step {self.step} of case {self.case_id}"


class CaseRead(models.Model):
    """One open of a case page: who read it and when (also in the audit log)."""

    case = models.ForeignKey(EthicsCase, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("case", "-at")

    def __str__(self) -> str:
        return f"read of case {self.case_id}"
