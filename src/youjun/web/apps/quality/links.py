"""The quality app's links on the pupils app's pages (a school, a class, a pupil, "mine")."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from youjun.web.apps.pupils import access
from youjun.web.apps.pupils import links as pupil_links


def school_links(request: Any, school: Any, school_year: str) -> list[pupil_links.Link]:
    if not access.school_reach(request.user, school).sees:
        return []
    return [pupil_links.Link(_("Comprehensive quality evaluation"),
                             f"{reverse('quality:school', args=[school.code])}?year={school_year}")]


def class_links(request: Any, class_group: Any) -> list[pupil_links.Link]:
    if not access.sees_class(request.user, class_group):
        return []
    return [pupil_links.Link(_("Comprehensive quality evaluation"), reverse("quality:class", args=[class_group.pk]))]


def pupil_links_of(request: Any, pupil: Any) -> list[pupil_links.Link]:
    if not access.sees_pupil(request.user, pupil):
        return []
    return [pupil_links.Link(_("Comprehensive quality records"), reverse("quality:pupil", args=[pupil.pk]))]


def register() -> None:
    pupil_links.register_school_links(school_links)
    pupil_links.register_class_links(class_links)
    pupil_links.register_pupil_links(pupil_links_of)
