"""The workforce dashboard as a page shows it: the headline figures in the words of the sources
(“新增编制 713 个、教师 9,278 名、交流轮岗 3,964 人次、名师工作室 57 个、年培训 10,000+ 人次、教育集团
18 个” for Yongchuan) — each counted by ``selectors_dashboard`` from the records, never typed —
with the link to the records behind it, and the province's roll-up of its districts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, pgettext

from youjun.core.labels import code_label
from youjun.web.apps.platform.models import District, Province
from youjun.web.apps.workforce import selectors_dashboard as sel


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: int | None  # None: no records yet (暂无记录)
    unit: str
    url: str  # the records behind the figure ("" when another area keeps them)
    note: str = ""


def figure_url(district: District, figure: str, **query: Any) -> str:
    url = reverse("workforce:dashboard_records", args=[district.code, figure])
    args = "&".join(f"{k}={v}" for k, v in query.items() if v not in (None, ""))
    return f"{url}?{args}" if args else url


def area_url(name: str, district: District) -> str:
    """Another area's district page (its records), "" when that area has no such page."""
    try:
        return reverse(name, args=[district.code])
    except NoReverseMatch:
        return ""


def eligible_url(district: District) -> str:
    """The district's teacher list filtered to those eligible to rotate (G11's years at one school)."""
    return reverse("workforce:district", args=[district.code]) + "?eligible=on"


def headline(d: sel.Dashboard) -> list[Headline]:
    district = d.district
    unit = pgettext
    years = d.rules.new_posts_years
    span = d.rotation_years
    rotations_label = (gettext("Rotations %(a)s–%(b)s") % {"a": span[0], "b": span[1]} if span
                       else gettext("Rotations"))
    empty = d.register_empty  # no register: its counts are not known (暂无记录), never 0
    training_note = (gettext("the last complete calendar year (local rule)") if d.rules.training_year_back
                     else gettext("the current calendar year (local rule)"))
    return [
        Headline("new_posts", gettext("New teachers on the establishment in the last %(n)d years") % {"n": years},
                 None if empty else d.new_posts, unit("unit", "teachers"), figure_url(district, "new_posts"),
                 gettext("teachers on the establishment who started teaching in %(year)s or later (local rule)")
                 % {"year": d.new_posts_since}),
        Headline("teachers", pgettext("headline", "Teachers"), None if empty else d.teachers, unit("unit", "teachers"),
                 figure_url(district, "teachers")),
        Headline("rotations", rotations_label, None if empty else d.rotations, unit("unit", "person-times"),
                 figure_url(district, "rotations"),
                 "" if empty else gettext("in %(year)s: %(n)s person-times")
                 % {"year": d.today.year, "n": intcomma(d.rotations_this_year)}),
        Headline("studios", gettext("Famous-teacher studios"), d.studio_total or None, unit("unit", "studios"),
                 area_url("workforce_studios:district", district)),
        Headline("training", gettext("Training in %(year)s") % {"year": d.training_year},
                 d.training_person_times or None, unit("unit", "person-times"),
                 figure_url(district, "training", year=d.training_year), training_note),
        Headline("groups", gettext("Education groups"), d.groups or None, unit("unit", "groups"),
                 area_url("groups:district", district)),
    ]


def section_rows(d: sel.Dashboard, lang: str) -> list[dict[str, Any]]:
    return [{**s, "name": code_label("section", s["level"], lang),
             "required_name": code_label("qualification", s["required"], lang),
             "url": figure_url(d.district, "qualified", section=s["level"])} for s in d.sections]


def context(district: District, today: dt.date, lang: str, *, bureau: bool = False) -> dict[str, Any]:
    """The page's context; ``bureau``: the reader keeps the district's register (the empty
    register's notice then links to the import and the form that fill it)."""
    d = sel.dashboard(district, today)
    return {"d": d, "headline": headline(d), "sections": section_rows(d, lang), "bureau": bureau,
            "training_url": area_url("workforce_training:district", district),
            "studios_url": area_url("workforce_studios:district", district),
            "growth_url": area_url("workforce_growth:district", district),
            "eligible_url": eligible_url(district),
            "school_types": {r.school.pk: code_label("school_type", r.school.school_type, lang) for r in d.schools}}


@dataclass(frozen=True)
class DistrictLine:
    district: District
    teachers: int
    establishment: int
    quota: int | None
    rotations: int


def province_roll_up(province: Province, today: dt.date) -> list[DistrictLine]:
    """Each district of ``province`` with its teachers, posts against quota and rotations."""
    out = []
    for district in District.objects.filter(province=province).order_by("code"):
        d = sel.dashboard(district, today)
        out.append(DistrictLine(district, d.teachers, d.establishment, d.quota, d.rotations))
    return out


def district_panel(request: Any, district: District) -> Any:
    """The district page's link to the workforce dashboard, for the district's readers (one
    count: the dashboard itself is computed on its own page)."""
    from youjun.web.apps.platform import extensions
    from youjun.web.apps.workforce import access

    if not access.district_reach(request.user, district).sees:
        return None
    return extensions.Panel("workforce_dashboard", "workforce/dashboard_panel.html", {
        "district": district, "teachers": sel.active_teachers(district).count(),
        "url": reverse("workforce:dashboard", args=[district.code])})


def register() -> None:
    """Add the dashboard's panel to the district page (called from ``WorkforceConfig.ready``)."""
    from youjun.web.apps.platform import extensions

    extensions.register_district_panel(district_panel)
