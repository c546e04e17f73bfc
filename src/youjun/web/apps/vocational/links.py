"""What the vocational centre adds to the district's page (its centres with the double-qualified
share, linking to the centres) and to the page of a school a centre is linked to."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from youjun.web.apps.platform import extensions, reach


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    from youjun.report import numbers as num
    from youjun.web.apps.vocational import selectors

    if not reach.district_reach(request.user, district).sees:
        return None
    today = timezone.localdate()
    rows = []
    for c in selectors.centres(district):
        s = selectors.share(c.teachers.all(), today)
        rows.append({"name": c.name, "url": reverse("vocational:centre", args=[c.pk]),
                     "share": num.percent(s.percent, measured=True) if s.percent is not None else num.MISSING,
                     "n": num.count(s.numerator), "d": num.count(s.denominator)})
    return extensions.Panel("vocational_district", "vocational/panels/district.html", {
        "rows": rows, "url": reverse("vocational:district", args=[district.code])})


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    from youjun.web.apps.vocational import selectors
    from youjun.web.apps.vocational.models import Centre

    centres = [c for c in Centre.objects.filter(school=school).select_related("district")
               if selectors.centre_reach(request.user, c).sees]
    if not centres:
        return None
    return extensions.Panel("vocational_school", "vocational/panels/school.html", {
        "rows": [{"name": c.name, "url": reverse("vocational:centre", args=[c.pk])} for c in centres]})


def register() -> None:
    extensions.register_district_panel(district_panel)
    extensions.register_school_panel(school_panel)
