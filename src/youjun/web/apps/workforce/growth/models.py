"""Growth stages as a configurable ladder, with evidence and promotion reviews.

- ``Ladder``: a district's own ladder (data the bureau edits; without one the default ladder of
  ``rules/workforce/growth-ladder.yaml`` applies);
- ``Item``: a thing a teacher did that a criterion counts (an open lesson, a contest prize, a
  research project or paper, a young teacher mentored), with its evidence; counted once accepted
  (by a panel's approval of the application that brought it, or recorded by the bureau);
- ``TeacherStage``: each teacher's current stage, since when, decided by which review;
- ``PanelMember``: the district's promotion panel, named by the bureau;
- ``Application`` / ``Decision``: a promotion application and each panel member's decision.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.web.apps.platform.models import District, User
from youjun.web.apps.workforce.models import Evidence, Teacher


class Ladder(models.Model):
    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField()  # what youjun.core.workforce_growth.parse_ladder reads
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)


class Application(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("pending review")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("not approved")

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="growth_applications")
    from_stage = models.CharField(max_length=16, blank=True)
    to_stage = models.CharField(max_length=16)
    to_stage_label = models.CharField(max_length=16)
    applicant = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    statement = models.TextField(blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    panel = models.ManyToManyField(User, related_name="growth_panels")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("state", "teacher")),)

    def __str__(self) -> str:
        return f"{self.teacher} → {self.to_stage}"


class Item(models.Model):
    class Kind(models.TextChoices):
        LESSONS = "lessons", _("open lesson")
        CONTEST = "contest", _("contest prize")
        RESEARCH = "research", _("research project or paper")
        MENTORING = "mentoring", _("young teacher mentored")

    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="growth_items")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=120)
    day = models.DateField()
    level = models.CharField(max_length=16, blank=True)  # contest: schema AWARD_LEVELS code
    prize = models.CharField(max_length=16, blank=True)  # contest: core PRIZES code
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="items")
    accepted = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("teacher", "day", "id")
        indexes = (models.Index(fields=("teacher", "accepted")),)


class TeacherStage(models.Model):
    teacher = models.OneToOneField(Teacher, on_delete=models.CASCADE, related_name="growth_stage")
    stage = models.CharField(max_length=16)
    since = models.DateField()
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")  # the review that decided it (none: recorded)
    note = models.CharField(max_length=120, blank=True)

    class Meta:
        indexes = (models.Index(fields=("stage",)),)


class PanelMember(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = (models.UniqueConstraint(fields=("district", "user"), name="growth_one_panel_seat"),)
        ordering = ("district", "user__username")


class Decision(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    member = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    agree = models.BooleanField()
    reason = models.CharField(max_length=300, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("application", "member"), name="growth_one_decision"),)
        ordering = ("decided_at", "id")
