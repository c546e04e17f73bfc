"""Good habits (习惯培养): a school's habits with their schedules, check-ins per habit, pupil and
day, the head teacher's review of family check-ins, praise notes and the term comment.

What is due when is decided by ``youjun.core.habits`` from a habit's grades, frequency,
weekdays and active dates; the slots and dimensions are codes of ``rules/habits/slots.yaml``.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.core import habits as rules
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils.models import ClassGroup, Pupil


class Habit(models.Model):
    """One habit a school schedules through its pupils' day."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="habits")
    name = models.CharField(max_length=64)
    target = models.CharField(max_length=200, blank=True)  # what "done" means
    dimension = models.CharField(max_length=16)  # rules/habits/slots.yaml dimensions
    slot = models.CharField(max_length=16)  # rules/habits/slots.yaml slots
    grades = models.JSONField(default=list)  # [1, 2, …]
    frequency = models.CharField(max_length=16, default="daily")  # daily | school_days | weekly
    weekdays = models.JSONField(default=list, blank=True)  # weekly: [0 (Mon) … 6 (Sun)]
    checkers = models.JSONField(default=list)  # ["pupil", "parent", "teacher"]
    starts_on = models.DateField()
    ends_on = models.DateField()
    active = models.BooleanField(default=True)
    example = models.CharField(max_length=32, blank=True)  # code of the example catalogue it came from
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "name")
        constraints = (models.UniqueConstraint(fields=("school", "name"), name="one_habit_name_per_school"),)

    def __str__(self) -> str:
        return self.name

    def schedule(self) -> rules.Schedule:
        return rules.Schedule(frozenset(int(g) for g in self.grades), self.frequency, self.starts_on, self.ends_on,
                              frozenset(int(d) for d in self.weekdays or ()))

    def is_due(self, day: dt.date, grade: int, school_weekdays: frozenset[int]) -> bool:
        return self.active and self.schedule().is_due(day, grade, school_weekdays)


class CheckIn(models.Model):
    """A habit done by a pupil on a day: one per habit, pupil and day, whoever ticks it."""

    class By(models.TextChoices):
        PUPIL = "pupil", _("pupil")
        PARENT = "parent", _("parent")
        TEACHER = "teacher", _("teacher")

    class Review(models.TextChoices):
        NONE = "", _("not reviewed")
        CONFIRMED = "confirmed", _("confirmed")
        QUESTIONED = "questioned", _("questioned")

    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, related_name="checkins")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="habit_checkins")
    day = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_role = models.CharField(max_length=8, choices=By.choices)
    at = models.DateTimeField()
    review = models.CharField(max_length=12, choices=Review.choices, blank=True, default="")
    review_comment = models.CharField(max_length=500, blank=True)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-day", "habit", "pupil")
        constraints = (models.UniqueConstraint(fields=("habit", "pupil", "day"), name="one_checkin_per_habit_day"),)
        indexes = (models.Index(fields=("pupil", "day")),)

    def __str__(self) -> str:
        return f"{self.habit} · {self.day}"

    @property
    def counted(self) -> bool:
        """Counted in the rates unless a teacher questioned it."""
        return self.review != self.Review.QUESTIONED


class Praise(models.Model):
    """A teacher's praise note for a pupil (表扬)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="habit_praises")
    class_group = models.ForeignKey(ClassGroup, on_delete=models.CASCADE, related_name="habit_praises")
    habit = models.ForeignKey(Habit, null=True, blank=True, on_delete=models.SET_NULL, related_name="praises")
    day = models.DateField()
    text = models.CharField(max_length=500)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ("-day", "-at")

    def __str__(self) -> str:
        return f"{self.pupil} · {self.day}"


class TermComment(models.Model):
    """The teacher's comment on a pupil's habits over a term (the term summary's 教师评语)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="habit_comments")
    school_year = models.CharField(max_length=9)
    term = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=("pupil", "school_year", "term"),
                                               name="one_habit_comment_per_term"),)

    def __str__(self) -> str:
        return f"{self.pupil} · {self.school_year}/{self.term}"
