"""School-based courses (校本课程): a school's course groups (课程群) and its courses, with their
theme (from the district's list, ``rules/courses/themes.yaml``), tags (``CourseTag``: the “114” paths as
fixed tags, a few free ones), grades, hours, kind, teachers, resources and resource files."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import School, User
from youjun.web.apps.workforce.models import Teacher


class CourseGroup(models.Model):
    """A school's course group (课程群): a name and what it is for."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="course_groups")
    name = models.CharField(max_length=40)
    aim = models.CharField(max_length=200, blank=True)
    template = models.CharField(max_length=40, blank=True)  # adopted from rules/courses/course_group_templates.yaml
    order = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "order", "id")
        constraints = (models.UniqueConstraint(fields=("school", "name"), name="courses_group_unique_name"),)

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    """One school-based course, offered from ``active_from`` to ``active_to`` (school years;
    blank: still offered)."""

    class Kind(models.TextChoices):
        REQUIRED = "required", _("required")
        ELECTIVE = "elective", _("elective")
        CLUB = "club", _("club")

    class Per(models.TextChoices):
        TERM = "term", _("per term")
        YEAR = "year", _("per year")

    class Terms(models.TextChoices):
        FIRST = "1", _("first term")
        SECOND = "2", _("second term")
        BOTH = "both", _("both terms")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="courses")
    group = models.ForeignKey(CourseGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="courses")
    title = models.CharField(max_length=60)
    theme = models.CharField(max_length=24)  # a key of rules/courses/themes.yaml
    grade_from = models.PositiveSmallIntegerField()
    grade_to = models.PositiveSmallIntegerField()
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    hours_per = models.CharField(max_length=4, choices=Per.choices, default=Per.TERM)
    hours_year = models.DecimalField(max_digits=6, decimal_places=1)  # hours in a school year (computed)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ELECTIVE)
    terms = models.CharField(max_length=4, choices=Terms.choices, default=Terms.BOTH)
    teachers = models.ManyToManyField(Teacher, blank=True, related_name="+")
    venue = models.CharField(max_length=80, blank=True)
    materials = models.CharField(max_length=200, blank=True)
    partners = models.CharField(max_length=200, blank=True)  # external partners (非遗传承人、场馆、企业)
    active_from = models.CharField(max_length=9)  # school year "2024-2025"
    active_to = models.CharField(max_length=9, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("school", "group__order", "title", "id")
        indexes = (models.Index(fields=("theme",), name="courses_theme_idx"),)

    def __str__(self) -> str:
        return self.title


class CourseTag(models.Model):
    """A tag of a course: a fixed tag by its key ("civics114:practice", a “114” path) or a free
    tag as written; ``position`` keeps the order they were given in."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="tag_rows")
    tag = models.CharField(max_length=40, db_index=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("course", "position")
        constraints = (models.UniqueConstraint(fields=("course", "tag"), name="courses_tag_unique"),)

    def __str__(self) -> str:
        return self.tag


class CourseFile(models.Model):
    """A resource file of a course (a syllabus, a photo of the materials): images re-encoded
    without metadata, PDFs kept as sent (``youjun.web.evidence_files``)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=120)
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("course", "id")

    def __str__(self) -> str:
        return self.name
