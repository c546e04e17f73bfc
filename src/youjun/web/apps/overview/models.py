"""Models of overview: the district's school building works (校舍建设台账)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, School, User


class SchoolWork(models.Model):
    """One building project at a school: a new school (新建) or the enlargement or rebuilding of
    one (改扩建). ``completed`` is the date that counts (a project without it is still being
    built and counts in no figure). A new school not yet in the register is named in
    ``new_school_name`` instead of ``school``. Areas in m², investment in 万元 (10,000 yuan)."""

    class Kind(models.TextChoices):
        NEW = "new", _("New school")
        ENLARGED = "enlarged", _("Enlarged or rebuilt")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="school_works")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="works")
    new_school_name = models.CharField(max_length=120, blank=True, default="")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    project = models.CharField(max_length=200)
    started = models.DateField(null=True, blank=True)
    completed = models.DateField(null=True, blank=True, db_index=True)
    seats_added = models.PositiveIntegerField(default=0)  # 学位
    land_m2 = models.PositiveIntegerField(default=0)
    floor_m2 = models.PositiveIntegerField(default=0)
    teacher_flats = models.PositiveIntegerField(default=0)  # 教师周转房（套）
    investment = models.DecimalField(max_digits=12, decimal_places=2, default=0)  # 万元
    evidence = models.BinaryField(null=True, blank=True)
    evidence_name = models.CharField(max_length=120, blank=True, default="")
    evidence_type = models.CharField(max_length=32, blank=True, default="")
    source = models.CharField(max_length=120, blank=True, default="")  # the imported file's name, "" from the form
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-completed", "id")
        indexes = (models.Index(fields=["district", "completed"]),)

    @property
    def school_name(self) -> str:
        return self.school.name if self.school_id and self.school else self.new_school_name

    def __str__(self) -> str:
        return f"{self.school_name} {self.project}"
