"""Extension point: the other workforce parts (training, studios, growth stages, appraisal) add
their sections to a teacher's record page and links to a school's teacher list without the
career record importing them. A provider returns what the requesting user may follow, or
nothing. Parts register in their ``AppConfig.ready``.

    from youjun.web.apps.workforce.links import Link, register_teacher_links

    def training_links(request, teacher):
        return [Link(gettext("Training hours"), reverse(...), note="5 年周期 已满 212/360 学时")]

    register_teacher_links(training_links)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Link:
    label: str  # in the page's language (gettext at call time)
    url: str
    note: str = ""  # a short status in words
    testid: str = ""  # data-testid of the link's line, when a page or a test points at it


TeacherLinks = Callable[[Any, Any], list[Link]]  # (request, Teacher)
SchoolLinks = Callable[[Any, Any], list[Link]]  # (request, School)
DistrictLinks = Callable[[Any, Any], list[Link]]  # (request, District)

_teacher: list[TeacherLinks] = []
_school: list[SchoolLinks] = []
_district: list[DistrictLinks] = []


def _add(registry: list[Any], fn: Any) -> Any:
    if fn not in registry:
        registry.append(fn)
    return fn


def register_teacher_links(fn: TeacherLinks) -> TeacherLinks:
    return _add(_teacher, fn)


def register_school_links(fn: SchoolLinks) -> SchoolLinks:
    return _add(_school, fn)


def register_district_links(fn: DistrictLinks) -> DistrictLinks:
    return _add(_district, fn)


def teacher_links(request: Any, teacher: Any) -> list[Link]:
    return [link for fn in _teacher for link in fn(request, teacher)]


def school_links(request: Any, school: Any) -> list[Link]:
    return [link for fn in _school for link in fn(request, school)]


def district_links(request: Any, district: Any) -> list[Link]:
    return [link for fn in _district for link in fn(request, district)]
