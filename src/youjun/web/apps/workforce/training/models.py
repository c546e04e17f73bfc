"""The training ledger: courses, sessions, attendance and each teacher's 5-year cycle.

A ``Course`` is a training offer at a level (national … school) of an hour type (on-site,
online, school-based), funded by the bureau or not, with its cost in yuan and budget year; the
bureau records national to area courses, a school its own school-based ones (``school`` set).
A ``TrainingSession`` is one sitting of a course (dates, hours, place, host school); an
``Attendance`` is one teacher's hours credited at a session and whether they passed (only
passed hours count). The cycle figures are computed from these rows
(``youjun.core.workforce_training``), never typed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy

from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Teacher


class Level(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("training level", "national")
    MUNICIPAL = "municipal", pgettext_lazy("training level", "municipal")
    DISTRICT = "district", pgettext_lazy("training level", "district")
    AREA = "area", pgettext_lazy("training level", "area")
    SCHOOL = "school", pgettext_lazy("training level", "school")


class HourType(models.TextChoices):
    ONSITE = "onsite", pgettext_lazy("hour type", "on-site")
    ONLINE = "online", pgettext_lazy("hour type", "online")
    SCHOOL_BASED = "school_based", pgettext_lazy("hour type", "school-based")


class Course(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=16, choices=Level.choices)
    organiser = models.CharField(max_length=120, blank=True)
    hour_type = models.CharField(max_length=16, choices=HourType.choices)
    funded = models.BooleanField(default=False)  # paid by the bureau's training budget
    cost_yuan = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    year = models.PositiveSmallIntegerField()  # the budget year its cost belongs to
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-year", "name", "id")
        indexes = (models.Index(fields=("district", "year")), models.Index(fields=("school", "year")))

    def __str__(self) -> str:
        return self.name


class TrainingSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateField()
    end = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    place = models.CharField(max_length=120, blank=True)
    host_school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-start", "id")
        indexes = (models.Index(fields=("end",)),)

    def __str__(self) -> str:
        return f"{self.course} {self.start}"


class Attendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendance")
    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="+")
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    passed = models.BooleanField(default=True)
    # copied from the session and course so a cycle sums without joins (kept in step by services)
    day = models.DateField()  # the session's last day
    hour_type = models.CharField(max_length=16, choices=HourType.choices)

    class Meta:
        ordering = ("session", "teacher")
        constraints = (models.UniqueConstraint(fields=("session", "teacher"), name="one_attendance_per_session"),)
        indexes = (models.Index(fields=("teacher", "day")),)


class LedgerSetting(models.Model):
    """A district's use of the ledger: when ``use_for_g9`` is on, the web assessment reads each
    teacher's five-year hours from here instead of the workbook."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="+")
    use_for_g9 = models.BooleanField(default=False)
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
