"""Pupils, their classes by school year, the teachers of a class and pupils' guardians.

The evaluation apps (fitness, quality, habits) record things about these people; who may see a
pupil follows from these rows (``pupils.access``): the school's staff, the pupil's teachers this
year, the pupil's guardians and the pupil.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import School, User


class Sex(models.TextChoices):
    MALE = "male", _("boy")
    FEMALE = "female", _("girl")


class ClassGroup(models.Model):
    """One class (班) of a school in one school year: grade 1–9 and its number."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="class_groups")
    school_year = models.CharField(max_length=9)  # "2025-2026"
    grade = models.PositiveSmallIntegerField()  # 1–6 primary, 7–9 junior
    number = models.PositiveSmallIntegerField()  # 班号
    name = models.CharField(max_length=32, blank=True)  # as the school writes it, e.g. "三年级（2）班"

    class Meta:
        ordering = ("school", "-school_year", "grade", "number")
        constraints = (
            models.UniqueConstraint(fields=("school", "school_year", "grade", "number"), name="one_class_per_number"),
        )

    def __str__(self) -> str:
        return self.name or f"{self.grade}年级{self.number}班"


class Pupil(models.Model):
    """A pupil, identified by the national pupil record number (学籍号) and kept across years.

    ``school`` is where the pupil is now; a pupil moves school only by an explicit transfer,
    never because a workbook of another school names them (``services.upsert_roster``).
    """

    student_id = models.CharField(max_length=32, unique=True)  # 学籍号 (personal: masked outside the school)
    name = models.CharField(max_length=64)
    sex = models.CharField(max_length=8, choices=Sex.choices)
    birth_date = models.DateField(null=True, blank=True)
    ethnic_code = models.CharField(max_length=2, blank=True)  # GB 3304 民族代码, "01" 汉族
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="pupils")
    user = models.OneToOneField(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="pupil")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "student_id")

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    """A pupil in a class for one school year (one class per pupil and year)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="enrolments")
    class_group = models.ForeignKey(ClassGroup, on_delete=models.CASCADE, related_name="enrolments")
    school_year = models.CharField(max_length=9)  # = class_group.school_year, kept for the constraint

    class Meta:
        ordering = ("class_group", "pupil__student_id")
        constraints = (models.UniqueConstraint(fields=("pupil", "school_year"), name="one_class_per_pupil_year"),)

    def __str__(self) -> str:
        return f"{self.pupil} · {self.class_group}"


class ClassTeacher(models.Model):
    """A teacher of a class: the head teacher (班主任) or a subject teacher."""

    class Kind(models.TextChoices):
        HEAD = "head", _("head teacher")
        SUBJECT = "subject", _("subject teacher")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="classes_taught")
    class_group = models.ForeignKey(ClassGroup, on_delete=models.CASCADE, related_name="teachers")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.SUBJECT)
    subject = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ("class_group", "kind", "user")
        constraints = (models.UniqueConstraint(fields=("user", "class_group"), name="one_teacher_row_per_class"),)

    def __str__(self) -> str:
        return f"{self.user} · {self.class_group} · {self.get_kind_display()}"


class Guardian(models.Model):
    """A parent or other guardian of a pupil, with their own account."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="wards")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="guardians")
    relation = models.CharField(max_length=16, blank=True)  # 父亲, 母亲, 祖父母 …

    class Meta:
        ordering = ("pupil", "user")
        constraints = (models.UniqueConstraint(fields=("user", "pupil"), name="one_guardian_row_per_pupil"),)

    def __str__(self) -> str:
        return f"{self.user} → {self.pupil}"
