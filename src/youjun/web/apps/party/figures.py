"""The party app's figures of the district overview, stocks at the end of the last year asked
(or today when that is sooner), counted from the party records: schools whose secretary and
principal are different people (``party_split_posts``), school party organisations with a
full-time deputy secretary (``party_full_time_deputies``) and school party organisations
(``party_organisations``). Each links to the compliance view on that day, filtered."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from youjun.core import party as rules
from youjun.report import numbers as num
from youjun.web.apps.party import selectors
from youjun.web.apps.party.models import PartyOrganisation
from youjun.web.apps.platform import extensions, reach


def district_figures(request: Any, district: Any, first: int, last: int) -> list[extensions.DistrictFigure]:
    if not reach.district_reach(request.user, district).sees:
        return []
    if not PartyOrganisation.objects.filter(district=district).exists():
        return []  # no party records: the overview says so rather than showing 0
    day = rules.year_end(last, timezone.localdate())
    c = selectors.counts(selectors.posts_on(district, day))
    base = reverse("party:compliance", args=[district.code])
    on = day.isoformat()
    schools_u, orgs_u = pgettext("unit", "schools"), pgettext("unit", "organisations")

    def fig(key: str, label: str, value: int, unit: str, show: str, basis: str,
            order: int) -> extensions.DistrictFigure:
        url = f"{base}?{urlencode({'on': on, 'show': show} if show else {'on': on})}"
        return extensions.DistrictFigure(key, "party", label, value, unit, f"{num.count(value)} {unit}", url, basis,
                                         "stock", order)

    return [
        fig("party_split_posts", _("Schools with the secretary's and the principal's posts split"), c["split"],
            schools_u, "split",
            _("schools whose party secretary and principal in force on %(d)s are different people, from the "
              "recorded posts") % {"d": on}, 1),
        fig("party_full_time_deputies", _("School party organisations with a full-time deputy secretary"),
            c["full_deputies"], orgs_u, "",
            _("school party organisations in force on %(d)s with a full-time deputy secretary in post "
              "(of %(n)s organisations)") % {"d": on, "n": num.count(c["organisations"])}, 2),
        fig("party_organisations", _("School party organisations"), c["organisations"], orgs_u, "",
            _("party organisations of schools in force on %(d)s (a group's committee and the district's own not "
              "counted)") % {"d": on}, 3),
    ]
