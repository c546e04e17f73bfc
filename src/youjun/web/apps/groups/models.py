"""Education groups: dated membership, sharing, joint research areas, coverage.

The groups themselves are the platform's ``EducationGroup`` (district, name); ``School.group``
is a school's current group, kept in step with the open ``GroupMembership`` by the one service
``services.move_school``. History is kept: a move closes the school's membership and opens one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, EducationGroup, School, User
from youjun.web.apps.workforce.models import Evidence, Teacher


class GroupMembership(models.Model):
    """A school in a group from ``start`` to ``end`` (inclusive; open: now), as lead or member."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead school")
        MEMBER = "member", _("member school")

    group = models.ForeignKey(EducationGroup, on_delete=models.PROTECT, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="group_memberships")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    from_register = models.BooleanField(default=False)  # opened from the register's group (the workbook)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "start")
        constraints = (
            models.UniqueConstraint(fields=("school",), condition=models.Q(end__isnull=True),
                                    name="groups_one_open_membership"),
        )

    def __str__(self) -> str:
        return f"{self.school} @ {self.group} {self.start}–{self.end or ''}"


class QualityMark(models.Model):
    """The bureau's mark of a school as a quality school (优质), with its basis and date."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="quality_marks")
    basis = models.CharField(max_length=200)
    marked_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "-marked_on")

    def __str__(self) -> str:
        return f"{self.school} {self.marked_on.isoformat()}"


class SharedCourse(models.Model):
    """A course one school of the group offers to others (送课、共享课程)."""

    group = models.ForeignKey(EducationGroup, on_delete=models.CASCADE, related_name="shared_courses")
    title = models.CharField(max_length=120)
    offering_school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    receiving_schools = models.ManyToManyField(School, related_name="+")
    school_year = models.CharField(max_length=9)
    term = models.PositiveSmallIntegerField()  # 1 or 2
    hours = models.DecimalField(max_digits=6, decimal_places=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("group", "-school_year", "-term", "title")

    def __str__(self) -> str:
        return self.title


class JointResearch(models.Model):
    """A joint teaching-research activity of a group (集团教研活动)."""

    group = models.ForeignKey(EducationGroup, on_delete=models.CASCADE, related_name="research")
    held_on = models.DateField()
    topic = models.CharField(max_length=120)
    host = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    schools = models.ManyToManyField(School, related_name="+")
    outputs = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("group", "-held_on", "topic")

    def __str__(self) -> str:
        return self.topic


class ResearchArea(models.Model):
    """A 片区 of area-based joint research: schools of a district (across groups, town and country)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=64)
    schools = models.ManyToManyField(School, related_name="research_areas")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("district", "name")
        constraints = (models.UniqueConstraint(fields=("district", "name"), name="groups_area_unique_name"),)

    def __str__(self) -> str:
        return self.name


class AreaSession(models.Model):
    """One 片区教研 session: date, topic, host school, participating teachers, outputs."""

    area = models.ForeignKey(ResearchArea, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    topic = models.CharField(max_length=120)
    host = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    participants = models.ManyToManyField(Teacher, related_name="+")
    outputs = models.CharField(max_length=500, blank=True)
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("area", "-held_on")

    def __str__(self) -> str:
        return self.topic
