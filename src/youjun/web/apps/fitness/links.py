"""The fitness app's links on the pupils app's pages (a school's classes, a class, a pupil)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from youjun.web.apps.fitness.models import Result
from youjun.web.apps.platform import extensions
from youjun.web.apps.pupils import links
from youjun.web.apps.pupils.links import Link


def school_links(request: Any, school: Any, school_year: str) -> list[Link]:
    n = Result.objects.filter(school=school, school_year=school_year, counts=True).count()
    note = _("%(year)s: %(n)s pupils with results") % {"year": school_year, "n": f"{n:,}"}
    return [Link(_("Physical fitness"), reverse("fitness:school", args=[school.code, school_year]), note)]


def class_links(request: Any, class_group: Any) -> list[Link]:
    n = Result.objects.filter(class_group=class_group, counts=True).count()
    note = _("%(n)s pupils with results") % {"n": f"{n:,}"}
    return [Link(_("Physical fitness"), reverse("fitness:class", args=[class_group.pk]), note)]


def pupil_links(request: Any, pupil: Any) -> list[Link]:
    years = list(Result.objects.filter(pupil=pupil, counts=True).order_by("-school_year")
                 .values_list("school_year", flat=True)[:1])
    if not years:
        return []
    return [Link(_("Physical fitness report card"), reverse("fitness:pupil", args=[pupil.pk, years[0]]), years[0])]


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    """On a district's page: the latest year's coverage (schools with results / all) and a link."""
    from youjun.web.apps.fitness import selectors
    from youjun.web.apps.fitness.views import district_years
    from youjun.web.apps.platform.panel_years import panel_year

    years = selectors.years_of_district(district)
    year = years[0] if years else district_years(district)[0]
    tested, schools = selectors.district_coverage(district, year)
    return extensions.Panel("fitness_district", "fitness/panels/district.html", {
        "year": year, "tested": tested, "schools": schools, "py": panel_year(district, year),
        "url": reverse("fitness:district", args=[district.code, year]),
    })


def register() -> None:
    extensions.register_district_panel(district_panel)
    links.register_school_links(school_links)
    links.register_class_links(class_links)
    links.register_pupil_links(pupil_links)
