"""A teacher's career record: one ``Teacher`` per person across schools and years, with the rows
that make up their career (assignments and rotations, qualifications, titles, key-teacher tiers,
honours and contest results) and the evidence files other workforce parts attach.

A teacher is known by the district's masked staff number (the data contract's ``teacher_id``:
never an ID-card number); the name is personal data, shown only to those who manage the
teacher's school (``workforce.access``). Codes (section, subject, qualification, title, tier,
level) are the workbook's codes of ``youjun.core.schema``, so the district workbook and these
records speak one vocabulary.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, School, User


class Teacher(models.Model):
    """One teacher of a district, kept across schools and years."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    staff_id = models.CharField(max_length=32)  # the district's masked number (workbook teacher_id)
    name = models.CharField(max_length=64, blank=True)  # personal: masked outside the managers
    sex = models.CharField(max_length=8, blank=True)  # "male" / "female" / ""
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    started_teaching = models.PositiveSmallIntegerField(null=True, blank=True)  # year (教龄 from it)
    # where the teacher works now: the school of the open assignment (kept in step by services)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.SET_NULL, related_name="teachers")
    user = models.OneToOneField(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="teacher_record")
    section = models.CharField(max_length=16, blank=True)  # schema SECTIONS code
    subject = models.CharField(max_length=32, blank=True)  # schema SUBJECTS code
    on_establishment = models.BooleanField(default=True)  # 在编 (a post of the approved establishment)
    has_certificate = models.BooleanField(default=True)  # 教师资格证
    pe_art_specialist = models.BooleanField(default=False)
    active = models.BooleanField(default=True)  # False: retired or left the district
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("district", "staff_id")
        constraints = (models.UniqueConstraint(fields=("district", "staff_id"), name="one_teacher_per_staff_id"),)
        indexes = (models.Index(fields=("school", "active")),)

    def __str__(self) -> str:
        return self.staff_id


class Assignment(models.Model):
    """One stretch of a teacher at one school. A rotation (交流轮岗) is an assignment of kind
    ``rotation`` whose ``from_school`` is where the teacher came from; the rotation history and the
    years at the current school are read from these rows."""

    class Kind(models.TextChoices):
        APPOINTED = "appointed", _("appointed")
        ROTATION = "rotation", _("rotation")
        TRANSFER = "transfer", _("transfer")

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="assignments")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    from_school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.APPOINTED)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # open: the current assignment
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("teacher", "start", "id")
        indexes = (models.Index(fields=("school", "end")), models.Index(fields=("kind", "start")))

    def __str__(self) -> str:
        return f"{self.teacher} @ {self.school_id} {self.start}–{self.end or ''}"


class Qualification(models.Model):
    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="qualifications")
    level = models.CharField(max_length=32)  # schema QUALIFICATIONS code
    major = models.CharField(max_length=64, blank=True)
    institution = models.CharField(max_length=128, blank=True)
    awarded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("teacher", "awarded_on", "id")


class TitleAward(models.Model):
    """A professional title (专业技术职务) held from a date."""

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(max_length=16)  # schema TITLES code
    awarded_on = models.DateField()

    class Meta:
        ordering = ("teacher", "awarded_on", "id")


class KeyTeacherAward(models.Model):
    """A key-teacher tier (骨干教师, 学科带头人, 名师, 特级教师) at an awarding level for a term:
    the tiers are time-limited and reviewed at the end of their term."""

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="key_awards")
    tier = models.CharField(max_length=16)  # schema KEY_TEACHER_TIERS code
    level = models.CharField(max_length=16)  # schema AWARD_LEVELS code
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # end of the term

    class Meta:
        ordering = ("teacher", "start", "id")


class Evidence(models.Model):
    """A file that shows something happened (a certificate, a lesson plan, a photo): images are
    re-encoded without metadata, PDFs kept as sent; the SHA-256 of the upload is kept so the
    same file offered for two teachers can be flagged."""

    teacher = models.ForeignKey(Teacher, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence")
    name = models.CharField(max_length=120)
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class Honour(models.Model):
    """An honour (荣誉) or a contest result (赛课、基本功大赛…), at an awarding level."""

    class Kind(models.TextChoices):
        HONOUR = "honour", _("honour")
        CONTEST = "contest", _("contest result")

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="honours")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=128)
    level = models.CharField(max_length=16)  # schema AWARD_LEVELS code
    prize = models.CharField(max_length=32, blank=True)  # "一等奖"; blank for an honour
    awarded_on = models.DateField()
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("teacher", "-awarded_on", "id")
