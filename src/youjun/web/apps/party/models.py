"""School party organisation: the district's tree of party organisations, posts held with dates
(secretary, principal, deputy secretaries), each school's 一校一策 duty lists (versions), meetings
with their decisions (三重一大 items and the party organisation's prior study), an education
group's 七联七化 community checklist, and the evidence files of these records.

Codes: a meeting's ``kind`` and a decision's ``major`` are codes of ``rules/party/meeting-kinds.yaml``
and ``rules/party/major-decisions.yaml``; a checklist row's ``item`` one of
``rules/party/community-items.yaml``. History is kept: a new holder of a post closes the old
holding the day before; a new duty list of a school and year is a new version beside the old.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, EducationGroup, School, User
from youjun.web.apps.workforce.models import Teacher


class PartyFile(models.Model):
    """An evidence file (minutes, a photo of an item done): cleaned by content, images re-encoded."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class PartyOrganisation(models.Model):
    """A party organisation of the district: a school's, an education group's committee, or the
    district's own (区教育工委, no school and no group), with its parent in the tree."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("party committee")
        GENERAL_BRANCH = "general_branch", _("general party branch")
        BRANCH = "branch", _("party branch")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=128)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="party_organisations")
    education_group = models.ForeignKey(EducationGroup, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    founded = models.DateField()
    dissolved = models.DateField(null=True, blank=True)
    members = models.PositiveIntegerField(null=True, blank=True)  # 党员人数, optional
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("district", "name")
        constraints = (models.UniqueConstraint(fields=("district", "name"), name="party_org_unique_name"),)
        indexes = (models.Index(fields=("school", "dissolved")),)

    def __str__(self) -> str:
        return self.name


class PostHolding(models.Model):
    """A person in a post from ``start`` to ``end`` (inclusive; open: now). The secretary and the
    deputies hold posts of an organisation (``organisation``; ``school`` is its school); the
    principal holds the school's post (``school``, no organisation)."""

    class Post(models.TextChoices):
        SECRETARY = "secretary", _("party secretary")
        PRINCIPAL = "principal", _("principal")
        FULL_TIME_DEPUTY = "full_deputy", _("full-time deputy secretary")
        DEPUTY = "deputy", _("deputy secretary (part-time)")

    SINGLE = ("secretary", "principal", "full_deputy")  # one holder at a time

    organisation = models.ForeignKey(PartyOrganisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="holdings")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    post = models.CharField(max_length=16, choices=Post.choices)
    person = models.CharField(max_length=64)
    teacher = models.ForeignKey(Teacher, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "post", "start", "id")
        indexes = (models.Index(fields=("school", "post", "end")), models.Index(fields=("organisation", "post")))

    def __str__(self) -> str:
        return f"{self.get_post_display()} {self.start.isoformat()}"


class DutyList(models.Model):
    """One version of a school's 一校一策 duty list for a year: the secretary's and the principal's
    duties (one item a line), in force from ``as_of``; a later version is kept beside it."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    as_of = models.DateField()
    secretary_duties = models.JSONField(default=list)
    principal_duties = models.JSONField(default=list)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "-year", "-as_of", "-id")

    def __str__(self) -> str:
        return f"{self.year} {self.as_of.isoformat()}"


class Meeting(models.Model):
    """A school meeting (the party organisation's, the principal's …) with its minutes."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24)  # rules meeting-kinds code
    title = models.CharField(max_length=120)
    held_on = models.DateField()
    attendees = models.PositiveIntegerField(null=True, blank=True)
    minutes = models.ForeignKey(PartyFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("school", "-held_on", "-id")
        indexes = (models.Index(fields=("school", "held_on")),)

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A decision of a meeting: whether it is a 三重一大 item (``major``: a kind's code, or empty)
    and whether the party organisation studied it before (前置研究)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(max_length=200)
    major = models.CharField(max_length=24, blank=True)  # rules major-decisions code
    prior_study = models.BooleanField(default=False)

    class Meta:
        ordering = ("meeting", "id")

    def __str__(self) -> str:
        return self.text


class CommunityItem(models.Model):
    """One 七联七化 item of an education group's party community for a year: done or not yet,
    a note and evidence files (the latest state; each change is in the audit trail)."""

    group = models.ForeignKey(EducationGroup, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    item = models.CharField(max_length=24)  # rules community-items code
    done = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    evidence = models.ManyToManyField(PartyFile, blank=True, related_name="+")
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("group", "-year", "id")
        constraints = (models.UniqueConstraint(fields=("group", "year", "item"), name="party_one_item_a_year"),)

    def __str__(self) -> str:
        return f"{self.item} {self.year}"
