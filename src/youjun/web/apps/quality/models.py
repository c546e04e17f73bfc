"""Models of the quality app: factual records (写实记录) with evidence files, a pupil's term
record (its state: open → confirmed → locked), a class's publication window (公示) with
objections (异议), the grades A–D per dimension, the bureau's addenda and a district's settings.

Every row says who entered it and when; nothing of a locked term changes (``services``)."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models

from youjun.web.apps.platform.models import District
from youjun.web.apps.pupils.models import ClassGroup, Pupil

USER = django_settings.AUTH_USER_MODEL


class Record(models.Model):
    """One factual record of a pupil for a term and dimension."""

    class Role(models.TextChoices):
        PUPIL = "pupil", "pupil"
        GUARDIAN = "guardian", "guardian"
        TEACHER = "teacher", "teacher"
        SYSTEM = "system", "system"

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="quality_records")
    school_year = models.CharField(max_length=9)
    term = models.PositiveSmallIntegerField()
    dimension = models.CharField(max_length=16)  # rules/quality/dimensions.yaml code
    kind = models.CharField(max_length=24)
    title = models.CharField(max_length=120)
    day = models.DateField()
    description = models.TextField(blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    # the fitness hook: a record of kind "fitness" names its source (e.g. "fitness:result:123")
    source = models.CharField(max_length=64, blank=True)
    entered_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    entered_role = models.CharField(max_length=8, choices=Role.choices)
    entered_at = models.DateTimeField(auto_now_add=True)
    selected = models.BooleanField(default=False)
    selected_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    selected_at = models.DateTimeField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)
    withdrawn_reason = models.TextField(blank=True)
    # a correction after an objection (the head teacher's answer): what it was, and why it changed
    correction = models.TextField(blank=True)

    class Meta:
        ordering = ("pupil", "school_year", "term", "dimension", "day", "id")
        indexes = (models.Index(fields=("pupil", "school_year", "term")),
                   models.Index(fields=("entered_by", "entered_at")))

    def __str__(self) -> str:
        return self.title


class Evidence(models.Model):
    """An evidence file: images re-encoded (no EXIF, no GPS), PDFs as sent, both size-limited."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(max_length=120)
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)  # of the file as uploaded
    stored_sha256 = models.CharField(max_length=64)  # of the content as stored
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("record", "id")

    def __str__(self) -> str:
        return self.name


class TermRecord(models.Model):
    """A pupil's record of one term: its state, who confirmed, who signed, the head teacher's comment."""

    class State(models.TextChoices):
        OPEN = "open", "open"
        CONFIRMED = "confirmed", "confirmed"
        LOCKED = "locked", "locked"

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="quality_terms")
    school_year = models.CharField(max_length=9)
    term = models.PositiveSmallIntegerField()
    class_group = models.ForeignKey(ClassGroup, null=True, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    comment = models.TextField(blank=True)  # the head teacher's written comment (评语)
    comment_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signed_role = models.CharField(max_length=8, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("pupil", "school_year", "term")
        constraints = (models.UniqueConstraint(fields=("pupil", "school_year", "term"), name="one_quality_term"),)

    def __str__(self) -> str:
        return f"{self.pupil} {self.school_year}-{self.term}"


class Grade(models.Model):
    """A grade A–D of one dimension, proposed by the head teacher, checked against the quotas."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="quality_grades")
    school_year = models.CharField(max_length=9)
    term = models.PositiveSmallIntegerField()
    dimension = models.CharField(max_length=16)
    grade = models.CharField(max_length=1)
    cohort_grade = models.PositiveSmallIntegerField()  # the pupil's grade (年级) when graded: the quota's cohort
    school = models.ForeignKey("platform.School", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pupil", "school_year", "term", "dimension")
        constraints = (models.UniqueConstraint(fields=("pupil", "school_year", "term", "dimension"),
                                               name="one_quality_grade"),)

    def __str__(self) -> str:
        return self.grade


class Publication(models.Model):
    """A class's publication window (公示) of one term: dates in school days, who opened it."""

    class_group = models.ForeignKey(ClassGroup, on_delete=models.PROTECT, related_name="quality_publications")
    school_year = models.CharField(max_length=9)
    term = models.PositiveSmallIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    school_days = models.PositiveSmallIntegerField()
    opened_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-opens_on", "id")
        constraints = (models.UniqueConstraint(fields=("class_group", "school_year", "term"),
                                               name="one_quality_publication"),)

    def __str__(self) -> str:
        return f"{self.class_group} {self.school_year}-{self.term}"


class Objection(models.Model):
    """An objection (异议) to a published item: a record, or a pupil's grades when ``record`` is empty."""

    class State(models.TextChoices):
        OPEN = "open", "open"
        UPHELD = "upheld", "upheld"
        REJECTED = "rejected", "rejected"
        CORRECTED = "corrected", "corrected"

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="objections")
    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(Record, null=True, blank=True, on_delete=models.PROTECT, related_name="objections")
    reason = models.TextField()
    raised_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("publication", "raised_at", "id")

    def __str__(self) -> str:
        return f"{self.publication} #{self.pk}"


class Addendum(models.Model):
    """The bureau's correction of an archived term record: added, never replacing anything."""

    term_record = models.ForeignKey(TermRecord, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField()
    added_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("term_record", "added_at", "id")

    def __str__(self) -> str:
        return f"{self.term_record} #{self.pk}"


class DistrictSetting(models.Model):
    """A district's own values of the local settings (``youjun.core.quality.DISTRICT_KEYS``)."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="quality_setting")
    values = models.JSONField(default=dict)
    updated_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.district)
