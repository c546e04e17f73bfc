"""The consultation platform "渝事好商量": CPPCC bodies and who works in them, concerns and the
items agreed from them, every step of their path, meetings in the four venues, ratings,
moderation, notifications, and the social-recognition survey.

One ``Concern`` row is one trackable thing: a resident's concern, or an opinion agreed at a
meeting (``parent`` is the concern it came from, so progress rolls up). Its state is a code of
the body's workflow (``youjun.core.consultation``), never a Django choice: states are data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youjun.core.consultation import FIXED, SATISFACTION, VENUES
from youjun.web.apps.platform.models import District, School

USER = settings.AUTH_USER_MODEL


class Body(models.Model):
    """One CPPCC committee (政协), e.g. 荣昌区政协 or 内江市政协 across the border."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=64)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 help_text="the county-level unit it serves, when it is one youjun holds")
    region = models.CharField(max_length=64, blank=True, help_text="e.g. 四川省内江市 for a body across the border")
    number_prefix = models.CharField(max_length=8, help_text="public numbers of its concerns: RC-2026-0001")
    settings = models.JSONField(default=dict, blank=True, help_text="laid over rules/consultation/*.yaml")

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Studio(models.Model):
    """A member studio (委员工作室): a standing team on one theme."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="studios")
    name = models.CharField(max_length=128)
    theme = models.CharField(max_length=128, blank=True)
    active = models.BooleanField(default=True, help_text="deactivated studios are kept for history")

    class Meta:
        ordering = ("body", "name")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department items are assigned to (教育委员会, a town government, transport…)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(max_length=128)
    kind = models.CharField(max_length=32, blank=True)  # education, town, transport, water, ...
    email = models.EmailField(blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(default=True, help_text="deactivated departments are kept for history")

    class Meta:
        ordering = ("body", "name")
        constraints = (models.UniqueConstraint(fields=("body", "name"), name="department_unique_in_body"),)

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """One consultation role of a user in one body: committee staff, a member, or a
    department's handler. A resident needs no row: any signed-in user may raise concerns."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Committee staff")
        MEMBER = "member", _("CPPCC member")
        DEPARTMENT = "department", _("Department handler")

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="consultation_roles")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="handlers")
    sector = models.CharField(max_length=64, blank=True)  # 界别, members only
    studio = models.ForeignKey(Studio, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    neighbourhood = models.CharField(max_length=128, blank=True)  # the town/village a member is sent to
    digest = models.BooleanField(default=True, help_text="send the daily digest by e-mail")

    class Meta:
        ordering = ("body", "kind", "user")
        constraints = (
            models.UniqueConstraint(fields=("user", "body", "kind", "department"), name="one_role_per_place"),
            models.CheckConstraint(condition=~models.Q(kind="department") | models.Q(department__isnull=False),
                                   name="department_handler_has_department"),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.body}"


class ResidentProfile(models.Model):
    """What a resident account adds to a user: a phone (stored whole, shown masked) and a place."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="resident_profile")
    phone = models.CharField(max_length=20, blank=True)
    town = models.CharField(max_length=64, blank=True)
    blocked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user)


class Concern(models.Model):
    """A concern, or an opinion agreed from one (``parent``): one trackable item."""

    class Kind(models.TextChoices):
        CONCERN = "concern", _("Concern")
        OPINION = "opinion", _("Agreed opinion")

    class Channel(models.TextChoices):
        WEB = "web", _("Raised online")
        VISIT = "visit", _("Recorded by a member on a visit")
        MEMBER = "member", _("Raised by a member")
        SCHOOL = "school", _("Raised by a school")
        PAPER = "paper", _("Entered by staff from paper")
        MEETING = "meeting", _("Agreed at a meeting")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="concerns")
    joint_bodies = models.ManyToManyField(Body, blank=True, related_name="joint_concerns",
                                          help_text="other bodies owning the item with it (川渝毗邻)")
    number = models.CharField(max_length=24, unique=True)  # public: RC-2026-0001
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CONCERN)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    title = models.CharField(max_length=120)
    text = models.TextField(max_length=4000)
    category = models.CharField(max_length=32)  # a key of the body's sla.categories
    town = models.CharField(max_length=64, blank=True)
    village = models.CharField(max_length=64, blank=True)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="consultation_concerns")
    indicator = models.CharField(max_length=16, blank=True)  # an assessment code: R3, G5, Q2…
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.WEB)
    # who raised it: a user, or a person recorded on their behalf (personal data: never public)
    raised_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    raiser_name = models.CharField(max_length=64, blank=True)
    raiser_phone = models.CharField(max_length=20, blank=True)
    consent_noted = models.BooleanField(default=False)
    consent_text = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=32, db_index=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="merged_from")
    venue = models.CharField(max_length=16, blank=True, choices=[(k, v[0]) for k, v in VENUES.items()])
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="items")
    assigned_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)  # its own; rolled up from children when it has some
    answer = models.TextField(blank=True, max_length=4000)
    answered_at = models.DateTimeField(null=True, blank=True)
    meeting = models.ForeignKey("Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    hidden = models.BooleanField(default=False)  # by moderation: kept, shown to staff only
    report_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("body", "state")), models.Index(fields=("department", "state")))

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Supporter(models.Model):
    """Someone who raised the same concern: kept when duplicates are merged (FixMyStreet's
    'me too'), so the merged concern counts everyone who asked."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=64, blank=True)
    from_concern = models.ForeignKey(Concern, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")


class Photo(models.Model):
    """A photo of a concern, re-encoded on arrival (EXIF and GPS gone)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="photos")
    event = models.ForeignKey("Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="photos")
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    public = models.BooleanField(default=True)

    class Meta:
        ordering = ("at", "id")


class Event(models.Model):
    """One step of an item's path: who, when, what, from which state to which.

    ``public`` events appear on the public timeline (with the actor's role, never their name).
    """

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_role = models.CharField(max_length=16)  # staff, member, department, raiser, system
    action = models.CharField(max_length=32)  # raise, select, merge, investigate, consult, assign, progress, ...
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True, max_length=4000)
    data = models.JSONField(default=dict, blank=True)  # percent, deadline, department, meeting, ...
    public = models.BooleanField(default=True)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.concern.number} {self.action} {self.at:%Y-%m-%d}"


class Evidence(models.Model):
    """A file backing a progress update or an answer (a photo of the new street light)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evidence")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=64)
    content = models.BinaryField()
    size = models.PositiveIntegerField()


class Milestone(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=120)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("due_on", "id")


class Meeting(models.Model):
    """A consultation in one of the four venues: when, where, who, the minutes."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    joint_bodies = models.ManyToManyField(Body, blank=True, related_name="joint_meetings")
    venue = models.CharField(max_length=16, choices=[(k, v[0]) for k, v in VENUES.items()])
    studio = models.ForeignKey(Studio, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")
    title = models.CharField(max_length=160)
    held_on = models.DateField(db_index=True)
    place = models.CharField(max_length=160)
    town = models.CharField(max_length=64, blank=True)
    minutes = models.TextField(blank=True, max_length=20000)
    concerns = models.ManyToManyField(Concern, blank=True, related_name="meetings")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-held_on", "-id")

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class Attendee(models.Model):
    """One person at a meeting. Residents' names are personal data: never on public pages."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("CPPCC member")
        RESIDENT = "resident", _("Resident")
        OFFICIAL = "official", _("Department official")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=64)
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.CharField(max_length=128, blank=True)

    class Meta:
        ordering = ("meeting", "kind", "id")


class Rating(models.Model):
    """The raiser's or a member's verdict on an answer (FixMyStreet's 'fixed / not fixed')."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rater_role = models.CharField(max_length=16)  # raiser, member
    satisfaction = models.CharField(max_length=16, choices=[(k, v[0]) for k, v in SATISFACTION.items()])
    fixed = models.CharField(max_length=16, choices=[(k, v[0]) for k, v in FIXED.items()])
    comment = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")


class AnswerTemplate(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="answer_templates")
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    text = models.TextField(max_length=4000)

    class Meta:
        ordering = ("body", "title")


class ModerationReport(models.Model):
    """A report of a concern as abusive or carrying personal data; N of them hide it pending review."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=255)
    at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=16, blank=True)  # kept, hidden

    class Meta:
        ordering = ("-at", "-id")
        constraints = (models.UniqueConstraint(fields=("concern", "reporter"), name="one_report_per_person"),)


class Notification(models.Model):
    """An in-app notice (overdue, assigned to you, answered); also sent in the daily digest."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="consultation_notices")
    concern = models.ForeignKey(Concern, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    text_zh = models.CharField(max_length=255)
    text_en = models.CharField(max_length=255)
    at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-at", "-id")


# --- the social-recognition survey ---------------------------------------------------------

class Survey(models.Model):
    """A county's social-recognition survey for one school year (the 2017 method's item)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Collecting")
        CLOSED = "closed", _("Closed")
        FINAL = "final", _("Final: used by the assessment")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="recognition_surveys")
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="surveys")
    school_year = models.CharField(max_length=9)
    title = models.CharField(max_length=160)
    population = models.PositiveIntegerField(help_text="resident population, for the sample size")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    plan = models.JSONField(default=dict, blank=True)  # group -> invitations to issue
    result = models.JSONField(default=dict, blank=True)  # rates by group and overall, when final
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("district", "-school_year", "-id")


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text_zh = models.CharField(max_length=255)
    text_en = models.CharField(max_length=255, blank=True)
    groups = models.JSONField(default=list, blank=True)  # [] = every group

    class Meta:
        ordering = ("survey", "order")


class SurveyInvitation(models.Model):
    """One invitation: a code good for one response (only its hash is kept)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    group = models.CharField(max_length=16)  # parents, pupils, teachers, principals, deputies, cppcc, residents
    code_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=16)
    invitation = models.OneToOneField(SurveyInvitation, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="response")
    channel = models.CharField(max_length=8)  # web, paper
    entered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answers = models.JSONField(default=dict)  # question order -> answer key
    valid = models.BooleanField(default=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ("survey", "at", "id")
