"""The habits app's links on the pupils app's pages (registered in ``HabitsConfig.ready``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from youjun.web.apps.habits import access
from youjun.web.apps.habits.models import Habit
from youjun.web.apps.pupils import access as pupil_access
from youjun.web.apps.pupils.links import Link, register_class_links, register_pupil_links, register_school_links


def school_links(request: Any, school: Any, school_year: str) -> list[Link]:
    if not access.sees_school_habits(request.user, school):
        return []
    n = Habit.objects.filter(school=school, active=True).count()
    return [Link(_("Good habits"), reverse("habits:school", args=[school.code]) + f"?year={school_year}",
                 _("%(n)s habits in use") % {"n": n}),
            Link(_("Habit trends"), reverse("habits:school_trend", args=[school.code]) + f"?year={school_year}")]


def class_links(request: Any, class_group: Any) -> list[Link]:
    if not pupil_access.sees_class(request.user, class_group):
        return []
    return [Link(_("Habit check-in grid"), reverse("habits:class", args=[class_group.pk])),
            Link(_("Habit review"), reverse("habits:review", args=[class_group.pk])),
            Link(_("Habit trends"), reverse("habits:trend", args=[class_group.pk]))]


def pupil_links(request: Any, pupil: Any) -> list[Link]:
    if not pupil_access.sees_pupil(request.user, pupil):
        return []
    return [Link(_("Today's habits"), reverse("habits:pupil", args=[pupil.pk])),
            Link(_("Habits term summary"), reverse("habits:summary", args=[pupil.pk]))]


def register() -> None:
    register_school_links(school_links)
    register_class_links(class_links)
    register_pupil_links(pupil_links)
