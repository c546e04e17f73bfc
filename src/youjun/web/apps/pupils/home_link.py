"""Pupils on the platform's pages: the home page sends a teacher, guardian or pupil to "mine",
and a school's page shows its classes and the evaluation apps' links to its staff."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions
from youjun.web.apps.pupils import access, links, selectors
from youjun.web.apps.pupils.models import ClassGroup, Enrolment


def pupils_home(request: Any) -> str | None:
    return reverse("pupils:mine") if access.has_family_or_class_role(getattr(request, "user", None)) else None


def pupils_panel(request: Any, school: Any) -> extensions.Panel | None:
    if not access.school_reach(request.user, school).sees:
        return None
    years = selectors.years_of(school)
    year = years[0] if years else ""
    pupils = Enrolment.objects.filter(class_group__school=school, school_year=year).count() if year else 0
    return extensions.Panel("pupils", "pupils/_school_panel.html", {
        "school": school, "year": year, "pupils": pupils,
        # a count, not the class table (with its per-class pupil and teacher queries) built to be counted
        "classes": ClassGroup.objects.filter(school=school, school_year=year).count() if year else 0,
        "links": links.school_links(request, school, year) if year else [],
        "title": _("Pupils and evaluation"),
    })


def register() -> None:
    extensions.register_home_redirect(pupils_home, specific=True)
    extensions.register_school_panel(pupils_panel)
