"""The quality app's links on the pupils app's pages (a school, a class, a pupil, "mine") and its
panel on a district's page (the bureau's settings and the schools' progress).

The publication (公示) is linked wherever the class's pupils, guardians and staff look — on
"mine", the pupil's page and the class's page — from the day its window opens (and after it, to
read the answers)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions
from youjun.web.apps.pupils import access
from youjun.web.apps.pupils import links as pupil_links


def school_links(request: Any, school: Any, school_year: str) -> list[pupil_links.Link]:
    if not access.school_reach(request.user, school).sees:
        return []
    return [pupil_links.Link(_("Comprehensive quality evaluation"),
                             f"{reverse('quality:school', args=[school.code])}?year={school_year}")]


def publication_link(class_group: Any) -> pupil_links.Link | None:
    """The class's latest publication already opened, with its window in words; or none."""
    from youjun.core import quality as rules
    from youjun.web.apps.quality import services
    from youjun.web.apps.quality.models import Publication

    day = services.today()
    pub = (Publication.objects.filter(class_group=class_group, opens_on__lte=day)
           .order_by("-opens_on", "-pk").first())
    if pub is None:
        return None
    closes = date_format(pub.closes_on, "MONTH_DAY_FORMAT")
    if rules.window_state(pub.opens_on, pub.closes_on, day) == "open":
        note = _("in publication until %(day)s: objections are possible") % {"day": closes}
    elif pub.objections.exists():
        note = _("publication closed on %(day)s: read the answers") % {"day": closes}
    else:  # never promise answers to objections nobody raised
        note = _("publication closed on %(day)s: no objection was raised") % {"day": closes}
    return pupil_links.Link(_("Comprehensive quality publication"), reverse("quality:publication", args=[pub.pk]),
                            note)


def class_links(request: Any, class_group: Any) -> list[pupil_links.Link]:
    if not access.sees_class(request.user, class_group):
        return []
    out = [pupil_links.Link(_("Comprehensive quality evaluation"), reverse("quality:class", args=[class_group.pk]))]
    pub = publication_link(class_group)
    return out + ([pub] if pub else [])


def pupil_links_of(request: Any, pupil: Any) -> list[pupil_links.Link]:
    if not access.sees_pupil(request.user, pupil):
        return []
    from youjun.web.apps.pupils import selectors as pupil_selectors

    out = [pupil_links.Link(_("Comprehensive quality records"), reverse("quality:pupil", args=[pupil.pk]))]
    current = pupil_selectors.current_class(pupil)
    pub = publication_link(current) if current is not None else None
    return out + ([pub] if pub else [])


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    """The settings (local rules) and each school's progress of the current school year."""
    from youjun.web.apps.platform.panel_years import panel_year
    from youjun.web.apps.quality import selectors

    year, rows = selectors.district_progress(district)
    return extensions.Panel("quality_district", "quality/panels/district.html", {
        "year": year, "rows": rows, "py": panel_year(district, year),
        "settings_url": reverse("quality:settings", args=[district.code]),
    })


def register() -> None:
    pupil_links.register_school_links(school_links)
    pupil_links.register_class_links(class_links)
    pupil_links.register_pupil_links(pupil_links_of)
    extensions.register_district_panel(district_panel)
