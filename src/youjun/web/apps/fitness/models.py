"""Results of the national student physical-fitness standard (2014) per pupil and school year,
and the imports they came from.

A result keeps the row as written (``raw``), the parsed values, and the core's ``Scored`` as
JSON (``scored``; read back with ``Result.core()``): every page shows the core's numbers, never
numbers recomputed here. The columns beside it (status, total, level, BMI …) are copies for
queries and statistics.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils.models import ClassGroup, Pupil


class ImportBatch(models.Model):
    """One upload of a school's results for a school year: staged (the file kept until it is
    confirmed or replaced), then confirmed (the file emptied, its hash and counts kept)."""

    class State(models.TextChoices):
        STAGED = "staged", "staged"
        CONFIRMED = "confirmed", "confirmed"
        DISCARDED = "discarded", "discarded"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="fitness_imports")
    school_year = models.CharField(max_length=9)
    file_name = models.CharField(max_length=160)
    file_hash = models.CharField(max_length=64)  # sha256 of the file as uploaded
    content = models.BinaryField(blank=True, default=b"")  # kept only while staged
    state = models.CharField(max_length=12, choices=State.choices, default=State.STAGED)
    counts = models.JSONField(default=dict, blank=True)  # the preview's figures (services.Preview.counts)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return f"{self.school.code} {self.school_year} {self.file_name}"


class Result(models.Model):
    """One test of one pupil in one school year: the first test, or its one retest (补测).

    ``counts`` marks the year's result (the retest when there is one); statistics and report
    cards read only those."""

    class Status(models.TextChoices):
        SCORED = "scored", "scored"
        EXEMPT = "exempt", "exempt"
        INCOMPLETE = "incomplete", "incomplete"
        REFUSED = "refused", "refused"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="fitness_results")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="fitness_results")
    school_year = models.CharField(max_length=9)
    class_group = models.ForeignKey(ClassGroup, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="fitness_results")
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="results")
    row = models.PositiveIntegerField(default=0)  # the sheet's row
    retest = models.BooleanField(default=False)  # this row is the retest (补测)
    retest_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="retested_by")
    counts = models.BooleanField(default=True)  # the year's result
    grade = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=8)
    raw = models.JSONField(default=dict)  # the national columns as written
    parsed = models.JSONField(default=dict)  # item key -> value as the core read it (text)
    scored = models.JSONField(default=dict)  # the core's Scored (serial.scored_to_json)
    status = models.CharField(max_length=12, choices=Status.choices)
    standard = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    bonus = models.PositiveSmallIntegerField(null=True, blank=True)
    total = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    level = models.CharField(max_length=12, blank=True)
    bmi = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    bmi_category = models.CharField(max_length=12, blank=True)
    vision_left = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    vision_right = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    exempt = models.BooleanField(default=False)
    exempt_reason = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school_year", "pupil", "retest")
        constraints = (
            models.UniqueConstraint(fields=("pupil", "school_year", "retest"), name="fitness_one_test_per_kind"),
        )
        indexes = (models.Index(fields=("school", "school_year", "counts")),)

    def __str__(self) -> str:
        return f"{self.pupil} {self.school_year}{' 补测' if self.retest else ''}"

    def core(self) -> Any:
        """The core's ``Scored`` of this test, exactly as stored."""
        from youjun.web.apps.fitness.serial import scored_from_json

        return scored_from_json(self.scored)
