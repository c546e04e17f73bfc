"""Models of the vocational centre (职教中心): a district's centres, their majors with 1+X
certificate pilots (yearly candidates and passes) and apprenticeship status, enterprise partners
(placements per year), teachers with double-qualified (双师型) recognitions and their evidence,
skills competitions and their results, social training and graduates' destinations per year."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from youjun.web.apps.platform.models import District, School


class Centre(models.Model):
    """A vocational centre of a district; when linked to a school, that school's data officer
    manages its records (the bureau always does)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="vocational_centres")
    name = models.CharField(max_length=100)
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="vocational_centres")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("district", "name")
        constraints = (models.UniqueConstraint(fields=("district", "name"), name="voc_centre_unique_name"),)

    def __str__(self) -> str:
        return self.name


class Major(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="majors")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=100)
    started = models.PositiveSmallIntegerField()  # the year it first enrolled
    stopped = models.PositiveSmallIntegerField(null=True, blank=True)
    apprenticeship_partner = models.CharField(max_length=120, blank=True)  # 现代学徒制 partner enterprise
    apprenticeship_from = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("centre", "code")
        constraints = (models.UniqueConstraint(fields=("centre", "code"), name="voc_major_unique_code"),)

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CertificatePilot(models.Model):
    """A 1+X vocational skill-level certificate piloted in a major."""

    LEVELS = (("junior", "初级"), ("middle", "中级"), ("senior", "高级"))
    major = models.ForeignKey(Major, on_delete=models.CASCADE, related_name="pilots")
    certificate = models.CharField(max_length=120)
    level = models.CharField(max_length=10, choices=LEVELS)
    awarding_org = models.CharField(max_length=120)
    from_year = models.PositiveSmallIntegerField()
    to_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("major", "certificate", "level")

    def __str__(self) -> str:
        return f"{self.certificate}（{self.get_level_display()}）"


class PilotResult(models.Model):
    pilot = models.ForeignKey(CertificatePilot, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField()
    candidates = models.PositiveIntegerField()
    passes = models.PositiveIntegerField()

    class Meta:
        ordering = ("pilot", "year")
        constraints = (
            models.UniqueConstraint(fields=("pilot", "year"), name="voc_pilot_result_unique_year"),
        )


class Partner(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=120)
    sector = models.CharField(max_length=60)
    agreed_on = models.DateField()
    agreement_ends = models.DateField(null=True, blank=True)
    majors = models.ManyToManyField(Major, blank=True, related_name="partners")

    class Meta:
        ordering = ("centre", "name")

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="placements")
    year = models.PositiveSmallIntegerField()
    pupils = models.PositiveIntegerField()

    class Meta:
        ordering = ("partner", "year")
        constraints = (
            models.UniqueConstraint(fields=("partner", "year"), name="voc_placement_unique_year"),
        )


class VocTeacher(models.Model):
    """A teacher of the centre (not necessarily in the compulsory-education register)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="teachers")
    name = models.CharField(max_length=40)
    subject = models.CharField(max_length=60)  # the subject or major taught
    full_time = models.BooleanField(default=True)
    joined = models.DateField(null=True, blank=True)
    left = models.DateField(null=True, blank=True)
    teacher = models.ForeignKey("workforce.Teacher", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="vocational_posts")

    class Meta:
        ordering = ("centre", "name", "pk")

    def __str__(self) -> str:
        return self.name


class Recognition(models.Model):
    """A double-qualified (双师型) recognition with its evidence file."""

    teacher = models.ForeignKey(VocTeacher, on_delete=models.CASCADE, related_name="recognitions")
    recognised_on = models.DateField()
    level = models.CharField(max_length=10)  # rules/vocational/double_qualified.yaml levels
    basis = models.CharField(max_length=20)  # … bases
    expires = models.DateField(null=True, blank=True)
    file_name = models.CharField(max_length=160, blank=True)
    file_content = models.BinaryField(blank=True, default=b"")
    file_type = models.CharField(max_length=40, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("teacher", "recognised_on")


class Competition(models.Model):
    LEVELS = (("district", "区级"), ("city", "市级"), ("national", "国家级"))
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="competitions")
    name = models.CharField(max_length=160)
    level = models.CharField(max_length=10, choices=LEVELS)
    year = models.PositiveSmallIntegerField()
    entrants = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("centre", "-year", "name")

    def __str__(self) -> str:
        return self.name


class CompetitionResult(models.Model):
    KINDS = (("pupil", "学生"), ("teacher", "教师"))
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="results")
    person = models.CharField(max_length=40)
    kind = models.CharField(max_length=10, choices=KINDS)
    prize = models.CharField(max_length=40)  # 一等奖, 二等奖 …

    class Meta:
        ordering = ("competition", "pk")


class Training(models.Model):
    """A social-training programme of a year (社会培训)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="trainings")
    programme = models.CharField(max_length=160)
    year = models.PositiveSmallIntegerField()
    trainees = models.PositiveIntegerField()  # person-times
    hours = models.DecimalField(max_digits=7, decimal_places=1)

    class Meta:
        ordering = ("centre", "-year", "programme")


class Destination(models.Model):
    """Graduates' destinations of one year."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="destinations")
    year = models.PositiveSmallIntegerField()
    further = models.PositiveIntegerField()  # 升学
    employed = models.PositiveIntegerField()  # 就业
    matched = models.PositiveIntegerField()  # 对口就业 (of the employed)
    other = models.PositiveIntegerField()

    class Meta:
        ordering = ("centre", "-year")
        constraints = (
            models.UniqueConstraint(fields=("centre", "year"), name="voc_destination_unique_year"),
        )
