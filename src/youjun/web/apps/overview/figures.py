"""The facilities figures of the district overview (校舍建设), counted from the building works
completed in the years asked (flows), each linking to the works behind it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from youjun.report import numbers as num
from youjun.web.apps.overview import selectors
from youjun.web.apps.platform import extensions, reach


def works_url(district: Any, first: int, last: int, kind: str = "") -> str:
    url = reverse("overview:works", args=[district.code]) + f"?from={first}&to={last}"
    return url + (f"&kind={kind}" if kind else "")


def facilities(request: Any, district: Any, first: int, last: int) -> list[extensions.DistrictFigure]:
    if not reach.district_reach(request.user, district).sees:
        return []
    if not selectors.works(district).exists():
        return []  # no building works recorded: the overview says 暂无记录, never 0
    t = selectors.totals(district, first, last)
    url = works_url(district, first, last)
    period = _("%(a)s–%(b)s") % {"a": first, "b": last} if first != last else _("the year %(y)s") % {"y": first}
    basis = _("projects of new or enlarged schools completed in %(p)s (the completion date counts)") % {"p": period}

    def fig(key: str, label: str, value: float, unit: str, shown: str, order: int, words: str = "") -> \
            extensions.DistrictFigure:
        return extensions.DistrictFigure(key, "facilities", label, value, unit, shown, url, words or basis,
                                         kind="flow", order=order)

    sq = pgettext("unit", "m²")
    wan = pgettext("unit", "10,000 yuan")
    return [
        fig("schools_built_or_enlarged", _("Schools built or enlarged"), t.schools, pgettext("unit", "schools"),
            f"{num.count(t.schools)} {pgettext('unit', 'schools')}", 1,
            _("distinct schools (a new school not yet in the register by its name) with a project completed in %(p)s; "
              "%(n)s projects") % {"p": period, "n": num.count(t.works)}),
        fig("seats_added", _("Seats added"), t.seats, pgettext("unit", "seats"),
            f"{num.count(t.seats)} {pgettext('unit', 'seats')}", 2),
        fig("land_added_m2", _("Land added"), t.land_m2, sq, f"{num.count(t.land_m2)} {sq}", 3),
        fig("floor_area_added_m2", _("Floor area added"), t.floor_m2, sq, f"{num.count(t.floor_m2)} {sq}", 4),
        fig("teacher_flats", _("Teacher flats"), t.flats, pgettext("unit", "flats"),
            f"{num.count(t.flats)} {pgettext('unit', 'flats')}", 5),
        fig("construction_investment", _("Investment in construction"), float(t.investment), wan,
            f"{num.amount(float(t.investment))} {wan}", 6),
    ]


def register() -> None:
    extensions.register_district_figures(facilities)
