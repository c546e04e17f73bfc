"""Differentiated evaluation on other pages (registered in ``AppraisalConfig.ready``): a panel on
the school's page, a link in the school's teacher list and a section on the teacher's record."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions
from youjun.web.apps.workforce import links
from youjun.web.apps.workforce.appraisal import access
from youjun.web.apps.workforce.appraisal.models import Participant, Round


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    if not access.sees_school(request.user, school):
        return None
    latest = Round.objects.filter(school=school).order_by("-created_at", "-id").first()
    return extensions.Panel("workforce_appraisal", "workforce_appraisal/panels/school.html",
                            {"school": school, "latest": latest})


def school_links(request: Any, school: Any) -> list[links.Link]:
    if not access.sees_school(request.user, school):
        return []
    return [links.Link(_("Differentiated teacher evaluation"),
                       reverse("workforce_appraisal:school", args=[school.code]))]


def teacher_links(request: Any, teacher: Any) -> list[links.Link]:
    """The teacher's rounds, for whoever may see them (the school's staff, the teacher, the mentor)."""
    out = []
    for p in Participant.objects.filter(teacher=teacher).select_related("round").order_by("-round__created_at"):
        try:
            access.participant_or_404(request.user, p.pk)
        except Http404:
            continue
        out.append(links.Link(_("Differentiated evaluation: %(title)s") % {"title": p.round.title},
                              reverse("workforce_appraisal:participant", args=[p.pk]),
                              note=_("closed") if p.round.closed else _("in progress")))
    return out


def register() -> None:
    extensions.register_school_panel(school_panel)
    links.register_school_links(school_links)
    links.register_teacher_links(teacher_links)
