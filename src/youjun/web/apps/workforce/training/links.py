"""The training ledger on other pages: a section link on a teacher's record and links on a
school's and a district's teacher lists (``workforce.links``), a panel on the district's page,
and the five-year hours the assessment's G9 reads (``platform.extensions.teacher_figures``)
when the district's bureau has switched the ledger on."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.links import (
    Link,
    register_district_links,
    register_school_links,
    register_teacher_links,
)
from youjun.web.apps.workforce.training import selectors

SOURCE = ("学时取自培训台账", "Hours taken from the training ledger")


def _hours(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def teacher_links(request: Any, teacher: Any) -> list[Link]:
    if not access.teacher_reach(request.user, teacher).sees:
        return []
    today = timezone.localdate()
    cycle = selectors.current_cycle(today)
    s = selectors.teacher_standing(teacher, cycle, today)
    note = (_("cycle %(c)s: %(h)s / %(r)s hours") % {"c": cycle.label, "h": _hours(s.counted), "r": _hours(s.required)})
    return [Link(_("Training hours"), reverse("workforce_training:teacher", args=[teacher.pk]), note=note)]


def school_links(request: Any, school: Any) -> list[Link]:
    if not access.school_reach(request.user, school).sees:
        return []
    return [Link(_("Training ledger"), reverse("workforce_training:school", args=[school.code]))]


def district_links(request: Any, district: Any) -> list[Link]:
    if not access.district_reach(request.user, district).sees:
        return []
    return [Link(_("Training ledger"), reverse("workforce_training:district", args=[district.code]))]


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    from youjun.web.apps.workforce.training.models import Attendance

    if not access.district_reach(request.user, district).sees:
        return None
    year = timezone.localdate().year
    return extensions.Panel("workforce_training", "workforce_training/_district_panel.html", {
        "district": district, "year": year, "person_times": selectors.person_times(district, year),
        "uses_ledger": selectors.uses_ledger(district),
        # the ledger holds no attendance at all: 暂无记录, not "0 person-times"
        "has_records": Attendance.objects.filter(teacher__district=district).exists()})


def ledger_figures(district: Any, school_year: str) -> dict[str, dict[str, Any]]:
    """Each teacher's five-year hours from the ledger, when the district uses it for G9."""
    if not selectors.uses_ledger(district):
        return {}
    return {staff_id: {"training_hours_5y": hours}
            for staff_id, hours in selectors.ledger_hours_5y(district, school_year).items()}


def register() -> None:
    register_teacher_links(teacher_links)
    register_school_links(school_links)
    register_district_links(district_links)
    extensions.register_district_panel(district_panel)
    extensions.register_teacher_figures(ledger_figures, sources={"training_hours_5y": SOURCE})
