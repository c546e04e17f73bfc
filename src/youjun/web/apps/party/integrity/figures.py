"""The clean-school area's figures of the district overview: clean-school activities and
issues of teacher-ethics publicity over the calendar years asked (flows), each with the list
behind it filtered to those years."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from youjun.web.apps.platform import extensions, reach


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def district_figures(request: Any, district: Any, first_year: int, last_year: int) -> list[extensions.DistrictFigure]:
    from youjun.web.apps.party.integrity.models import Activity, PublicityIssue

    if not reach.district_reach(request.user, district).sees:
        return []
    years = {"from": first_year, "to": last_year}
    acts = Activity.objects.filter(district=district, held_on__year__gte=first_year, held_on__year__lte=last_year)
    issues = PublicityIssue.objects.filter(district=district, published_on__year__gte=first_year,
                                           published_on__year__lte=last_year)
    n_acts, n_issues = acts.count(), issues.count()
    times, per = pgettext("unit", "times"), pgettext("unit", "issues")
    span = _years(first_year, last_year)
    return [
        extensions.DistrictFigure(
            key="clean_school_activities", section="party", label=_("Clean-school activities"), value=n_acts,
            unit=times, shown=f"{n_acts:,} {times}",
            url=reverse("party_integrity:activities", args=[district.code]) + "?" + urlencode(years),
            basis=_("Clean-school activities of the district's schools and of the whole district held in %(y)s, "
                    "as recorded") % {"y": span}, kind="flow", order=30),
        extensions.DistrictFigure(
            key="ethics_publicity_issues", section="party", label=_("Issues of teacher-ethics publicity"),
            value=n_issues, unit=per, shown=f"{n_issues:,} {per}",
            url=reverse("party_integrity:publicity", args=[district.code]) + "?" + urlencode(years),
            basis=_("Issues of the district's teacher-ethics publicity published in %(y)s, as recorded")
            % {"y": span}, kind="flow", order=31),
    ]


def register() -> None:
    extensions.register_district_figures(district_figures)
