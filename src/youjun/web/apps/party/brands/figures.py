"""The brands' figures of the district overview: approved brands and brand schools (stocks, at
the end of the last year asked or today if sooner) and brands approved within the years (a flow),
each with the list of the records behind it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from youjun.web.apps.platform import extensions, reach


def district_figures(request: Any, district: Any, first_year: int, last_year: int) -> list[extensions.DistrictFigure]:
    from youjun.web.apps.party.brands import selectors
    from youjun.web.apps.platform.templatetags.youjun import lang_code

    if not reach.district_reach(request.user, district).sees:
        return []
    zh = lang_code() == "zh"
    today = timezone.localdate()
    end = min(dt.date(last_year, 12, 31), today)
    first = dt.date(first_year, 1, 1)
    unit = "个" if zh else ""
    school_unit = "所" if zh else ""
    base = reverse("party_brands:district", args=[district.code])

    def shown(n: int, u: str, en_one: str, en_many: str) -> str:
        return f"{n:,} {u}" if zh else f"{n:,} {en_one if n == 1 else en_many}"

    n_brands = selectors.approved_count(district, None, end)
    n_schools = selectors.brand_school_count(district, end)
    n_flow = selectors.approved_count(district, first, end)
    on = f"{end.year}年{end.month}月{end.day}日" if zh else end.isoformat()
    years = (f"{first_year}–{last_year}年" if first_year != last_year else f"{last_year}年") if zh \
        else (f"{first_year}–{last_year}" if first_year != last_year else str(last_year))
    return [
        extensions.DistrictFigure(
            "party_brands", "party", "党建品牌" if zh else "Party-building brands", n_brands, unit or "brands",
            shown(n_brands, unit, "brand", "brands"), f"{base}?state=approved&approved_to={end.year}",
            f"截至{on}经教育局审核命名的党建品牌" if zh else f"Brands approved by the bureau as at {on}",
            kind="stock", order=10),
        extensions.DistrictFigure(
            "party_brand_schools", "party", "党建品牌特色学校" if zh else "Brand schools", n_schools,
            school_unit or "schools", shown(n_schools, school_unit, "school", "schools"),
            reverse("party_brands:schools", args=[district.code]) + f"?as_of={end.isoformat()}",
            f"截至{on}验收合格且未撤销称号的学校" if zh else f"Schools accepted and not withdrawn as at {on}",
            kind="stock", order=11),
        extensions.DistrictFigure(
            "party_brands_approved_in_period", "party", "期间命名的党建品牌" if zh else "Brands approved in the period",
            n_flow, unit or "brands", shown(n_flow, unit, "brand", "brands"),
            f"{base}?state=approved&approved_from={first_year}&approved_to={last_year}",
            f"{years}经教育局审核命名的党建品牌" if zh else f"Brands approved by the bureau in {years}",
            kind="flow", order=12),
    ]
