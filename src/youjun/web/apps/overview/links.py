"""What the overview adds to the district's page (a panel with a link and headline figures), to a
school's page (its building works) and to the navigation (the district reader's overview)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from youjun.core import overview as core
from youjun.web.apps.platform import extensions, reach, scoping
from youjun.web.apps.platform.models import District

HEADLINE = ("schools_built_or_enlarged", "seats_added", "floor_area_added_m2", "construction_investment")


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    if not reach.district_reach(request.user, district).sees:
        return None
    from youjun.web.apps.overview import figures as facilities

    years = core.default_range(timezone.localdate())
    # the building works' own figures only: cheap, and the district page never depends on
    # another area's figures (the overview page computes those)
    figures = {f.key: f for f in facilities.facilities(request, district, years.first, years.last)}
    shown = [figures[k] for k in HEADLINE if k in figures and figures[k].value is not None]
    return extensions.Panel("overview_district", "overview/panels/district.html", {
        "figures": shown, "years": years, "url": reverse("overview:district", args=[district.code]),
        "works_url": reverse("overview:works", args=[district.code])})


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    from youjun.web.apps.overview import selectors

    if not reach.district_reach(request.user, school.district).sees:
        return None
    works = list(selectors.school_works(school)[:10])
    if not works:
        return None
    return extensions.Panel("overview_school", "overview/panels/school.html", {"works": works})


def nav(request: Any) -> list[tuple[str, str, str]]:
    """“区县概览” for a user who reads exactly one district (its bureau, an analyst)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return []
    scope = scoping.scope_of(user)
    ids = scope.admin_districts | scope.districts
    if scope.everything or len(ids) != 1:
        return []
    district = District.objects.filter(pk=next(iter(ids))).only("code").first()
    if district is None:
        return []
    return [(_("District overview"), reverse("overview:district", args=[district.code]), "nav-overview")]


def register() -> None:
    extensions.register_district_panel(district_panel)
    extensions.register_school_panel(school_panel)
    extensions.register_nav_links(nav)
