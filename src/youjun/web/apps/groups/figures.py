"""The education groups' figures of the district overview: the groups with member schools and
the coverage of quality resources, from ``selectors.group_summary`` (as the groups page shows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from youjun.report import numbers as num
from youjun.web.apps.platform import extensions, reach


def figures(request: Any, district: Any, first: int, last: int) -> list[extensions.DistrictFigure]:
    from youjun.web.apps.groups import selectors

    if not reach.district_reach(request.user, district).sees:
        return []
    summary = selectors.group_summary(district)
    n = int(summary["n_groups"] or 0)
    if not n:
        return []
    url = reverse("groups:district", args=[district.code])
    # the groups app counts today's memberships only: the figure cannot be dated to the range's end
    day = date_format(dt.date.fromisoformat(summary["as_of"]), "DATE_FORMAT")
    unit = pgettext("unit", "groups")
    out = [extensions.DistrictFigure(
        "education_groups", "groups", _("Education groups"), n, unit, f"{num.count(n)} {unit}", url,
        _("Counted as of today (%(day)s): the history of group memberships does not change this figure; "
          "groups with member schools, %(s)s member schools") % {"day": day,
                                                                 "s": num.count(summary["n_member_schools"])},
        "stock", 1)]
    pct = summary["coverage_percent"]
    if pct is not None:
        out.append(extensions.DistrictFigure(
            "group_coverage", "groups", _("Coverage of quality resources"), pct, "%",
            num.percent(pct, measured=True, below=100), url,
            _("Counted as of today (%(day)s): the history of group memberships does not change this figure; "
              "%(c)s of %(t)s pupils (%(y)s) are in a group whose lead school is a quality school (local rule)")
            % {"c": num.count(summary["covered_pupils"]), "t": num.count(summary["total_pupils"]),
               "y": summary["school_year"], "day": day}, "stock", 2))
    return out


def register() -> None:
    extensions.register_district_figures(figures)
