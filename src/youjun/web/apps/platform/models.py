"""Organisations (province → district → school, education groups), users and their roles,
the audit trail, log-in failures and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(max_length=6, unique=True)
    name = models.CharField(max_length=64)

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class District(models.Model):
    code = models.CharField(max_length=6, unique=True)
    name = models.CharField(max_length=64)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    kind = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class EducationGroup(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=128)

    class Meta:
        ordering = ("district", "name")
        constraints = (models.UniqueConstraint(fields=("district", "name"), name="group_unique_in_district"),)

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=128)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="schools")
    group = models.ForeignKey(EducationGroup, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="schools")
    school_type = models.CharField(max_length=32, blank=True)
    town = models.CharField(max_length=64, blank=True)
    location = models.CharField(max_length=16, blank=True)
    last_year = models.CharField(max_length=9, blank=True, help_text="latest school year with data")

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class User(AbstractUser):
    """A person who logs in. What they may see and do comes from their memberships."""

    full_name = models.CharField(max_length=64, blank=True)
    # Set by an administrator's reset: every page leads to the password change until it is done.
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
    DISTRICT_ADMIN = "district_admin", _("District bureau administrator")
    DISTRICT_ANALYST = "district_analyst", _("District analyst (read-only)")
    SCHOOL_OFFICER = "school_officer", _("School data officer")
    INSPECTOR = "inspector", _("Inspector (read-only)")


class Membership(models.Model):
    """One role of a user over one organisation: a province, a district or a school."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    province = models.ForeignKey(Province, null=True, blank=True, on_delete=models.CASCADE)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.CASCADE)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        ordering = ("user", "role")

    def __str__(self) -> str:
        target = self.school or self.district or self.province or "*"
        return f"{self.user} · {self.get_role_display()} · {target}"


class AuditEvent(models.Model):
    """One write: who, when, what object, the state before and after."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    ip = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class LoginThrottle(models.Model):
    """One log-in counter: ``pair:<user>|<ip>`` (locked after N failures), ``account:<user>``
    (slowed down, never locked) or ``ip:<ip>`` (failures over every account).

    ``services.begin_login`` reads and bumps the counters in one locked transaction, so
    concurrent attempts cannot get more tries than allowed (docs/adr/0005-login-throttling.md).
    """

    key = models.CharField(max_length=255, unique=True)
    failures = models.PositiveIntegerField(default=0)  # attempts reserved and not succeeded
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    next_try_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=64)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Task(models.Model):
    """The fields of a background task row (``platform.tasks`` runs them): assessment runs, plans."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=64, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    owner = models.CharField(max_length=160, blank=True)  # host/pid/start of the process that runs it (tasks.py)
    error = models.JSONField(null=True, blank=True)  # a problem dict (docs/errors.md shape)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

