"""The data officer's links on the pupils pages (through ``links``, as the evaluation apps add
theirs): the roster import on a school's page, teachers and accounts on a class's page, and
leaving, passwords and transfer on a pupil's page. Only to those who manage the school."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from youjun.web.apps.pupils import access, links


def school_links(request: Any, school: Any, school_year: str) -> list[links.Link]:
    if not access.school_reach(request.user, school).manages:
        return []
    return [links.Link(_("Import the pupil roster"), reverse("pupils:roster", args=[school.code]))]


def class_links(request: Any, class_group: Any) -> list[links.Link]:
    if not access.school_reach(request.user, class_group.school).manages:
        return []
    return [links.Link(_("Teachers of the class"), reverse("pupils:class_teachers", args=[class_group.pk])),
            links.Link(_("Parents' and pupils' accounts"), reverse("pupils:class_accounts", args=[class_group.pk]))]


def pupil_links(request: Any, pupil: Any) -> list[links.Link]:
    if not access.school_reach(request.user, pupil.school).manages:
        return []
    return [links.Link(_("Accounts, leaving and transfer"), reverse("pupils:pupil_manage", args=[pupil.pk]))]


def register() -> None:
    links.register_school_links(school_links)
    links.register_class_links(class_links)
    links.register_pupil_links(pupil_links)
