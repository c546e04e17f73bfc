"""Extension points: the evaluation apps add their links to the pupils app's pages (a school's
classes, a class, a pupil, the "mine" page of a teacher, guardian or pupil) without ``pupils``
importing them. Each provider returns the links the requesting user may follow, or none.
Apps register in their ``AppConfig.ready``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Link:
    label: str  # in the page's language (gettext at call time)
    url: str
    note: str = ""  # a short status in words: "2025-2026学年 已测 38 人"


SchoolLinks = Callable[[Any, Any, str], list[Link]]  # (request, School, school_year)
ClassLinks = Callable[[Any, Any], list[Link]]  # (request, ClassGroup)
PupilLinks = Callable[[Any, Any], list[Link]]  # (request, Pupil)

_school: list[SchoolLinks] = []
_class: list[ClassLinks] = []
_pupil: list[PupilLinks] = []


def _add(registry: list[Any], fn: Any) -> Any:
    if fn not in registry:
        registry.append(fn)
    return fn


def register_school_links(fn: SchoolLinks) -> SchoolLinks:
    return _add(_school, fn)


def register_class_links(fn: ClassLinks) -> ClassLinks:
    return _add(_class, fn)


def register_pupil_links(fn: PupilLinks) -> PupilLinks:
    return _add(_pupil, fn)


def school_links(request: Any, school: Any, school_year: str) -> list[Link]:
    return [link for fn in _school for link in fn(request, school, school_year)]


def class_links(request: Any, class_group: Any) -> list[Link]:
    return [link for fn in _class for link in fn(request, class_group)]


def pupil_links(request: Any, pupil: Any) -> list[Link]:
    return [link for fn in _pupil for link in fn(request, pupil)]
