"""Who may do what with habits, on top of ``pupils.access`` (reads: 404 out of reach).

- a school's habits are defined by those who manage the school (data officer, bureau, admin);
  its staff and the teachers of its classes read them;
- a pupil's check-ins are ticked by the pupil, their guardians and their teachers (the school's
  managers count as teachers), each only for habits that name their kind among its checkers;
- a class's grid, review and praise are written by the class's teachers and the school's managers.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from youjun.web.apps.habits.models import Habit
from youjun.web.apps.pupils import access
from youjun.web.apps.pupils.models import ClassGroup, Pupil


def sees_school_habits(user: Any, school: Any) -> bool:
    return access.school_reach(user, school).sees


def manages_school(user: Any, school: Any) -> bool:
    return access.school_reach(user, school).manages


def habit_or_404(user: Any, pk: int | str) -> Habit:
    habit = Habit.objects.select_related("school__district").filter(pk=pk).first()
    if habit is None or not sees_school_habits(user, habit.school):
        raise Http404("habit")
    return habit


def teaches_or_manages(user: Any, class_group: ClassGroup) -> bool:
    return access.teaches(user, class_group) or manages_school(user, class_group.school)


def require_teacher(user: Any, class_group: ClassGroup) -> None:
    if not teaches_or_manages(user, class_group):
        raise PermissionDenied("class")


def checker_role(user: Any, pupil: Pupil, school_year: str | None = None) -> str | None:
    """The kind of checker ``user`` is for ``pupil``: "parent", "pupil", "teacher" or None."""
    if access.is_guardian(user, pupil):
        return "parent"
    if access.is_self(user, pupil):
        return "pupil"
    if access.teaches_pupil(user, pupil, school_year) or manages_school(user, pupil.school):
        return "teacher"
    return None


def comments_on(user: Any, pupil: Pupil, school_year: str | None = None) -> bool:
    """Writes the term comment: the pupil's teachers and the school's managers."""
    return access.teaches_pupil(user, pupil, school_year) or manages_school(user, pupil.school)
