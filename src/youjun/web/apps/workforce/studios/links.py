"""The studios on other pages: a section link on a teacher's record and links on a school's and a
district's teacher lists (``workforce.links``), and a panel on the district's page
(``platform.extensions``) with the studios in term, their members and this year's outputs.
Each shows only to those who may follow it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.links import (
    Link,
    register_district_links,
    register_school_links,
    register_teacher_links,
)
from youjun.web.apps.workforce.studios import selectors


def lang() -> str:
    return "en" if (get_language() or "zh").startswith("en") else "zh"


def teacher_links(request: Any, teacher: Any) -> list[Link]:
    """The teacher's studio membership on her record, in words: the studios she hosts or is a
    current member of with her role (“xx工作室（成员）”), or that she belongs to none."""
    if not access.teacher_reach(request.user, teacher).sees:
        return []
    day = timezone.localdate()
    rows = [r for r in selectors.teacher_studios(request.user, teacher, lang(), day)
            if r["active"] and (r["left"] is None or r["left"] >= day)]
    sep = "; " if lang() == "en" else "；"
    note = (sep.join(_("%(studio)s (%(role)s)") % {"studio": r["studio"].name, "role": r["role"]} for r in rows)
            if rows else _("Not a member of any famous-teacher studio"))
    return [Link(_("Famous-teacher studios"), reverse("workforce_studios:teacher", args=[teacher.pk]),
                 note=note, testid="wf-studios")]


def school_links(request: Any, school: Any) -> list[Link]:
    if not access.school_reach(request.user, school).sees:
        return []
    return [Link(_("Famous-teacher studios"), reverse("workforce_studios:school", args=[school.code]))]


def district_links(request: Any, district: Any) -> list[Link]:
    if not access.district_reach(request.user, district).sees:
        return []
    return [Link(_("Famous-teacher studios"), reverse("workforce_studios:district", args=[district.code]))]


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    if not access.district_reach(request.user, district).sees:
        return None
    counts = selectors.studio_counts(district, timezone.localdate())
    return extensions.Panel("workforce_studios", "workforce_studios/_district_panel.html", {
        "district": district, "counts": counts, "url": reverse("workforce_studios:district", args=[district.code]),
        "has_records": selectors.has_studios(district)})


def register() -> None:
    register_teacher_links(teacher_links)
    register_school_links(school_links)
    register_district_links(district_links)
    extensions.register_district_panel(district_panel)
