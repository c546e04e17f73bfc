"""What the groups app adds to the district's page (the groups, the coverage of quality
resources and the between-groups share of the Theil T per level) and to a school's page (its
group now and before)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from youjun.web.apps.platform import extensions


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    from youjun.report import numbers as num
    from youjun.web.apps.groups import selectors, views
    from youjun.web.apps.platform.models import EducationGroup
    from youjun.web.apps.platform.templatetags.youjun import lang_code

    if not selectors.district_reads(request.user, district):
        return None
    summary = selectors.group_summary(district)
    lang = lang_code()
    cmp = views.comparison_context(district, lang)
    levels = []
    sep = "；" if lang == "zh" else "; "
    for lv in cmp.get("levels") or []:
        levels.append({"name": lv["name"], "shares": sep.join(f"{r['name']} {r['share']}" for r in lv["rows"])})
    pct = summary["coverage_percent"]
    # the groups the school register names (from the uploaded data), kept apart from this register
    in_school_register = (EducationGroup.objects.filter(district=district, schools__isnull=False)
                          .distinct().count() if not summary["n_groups"] else 0)
    return extensions.Panel("groups_district", "groups/panels/district.html", {
        **summary, "in_school_register": in_school_register,
        "coverage": num.percent(pct, measured=True, below=100) if pct is not None else "",
        "levels": levels, "url": reverse("groups:district", args=[district.code]),
        "compare_url": reverse("groups:compare", args=[district.code]),
    })


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    """The school's education group now, its role and its earlier groups (the school's page)."""
    from youjun.web.apps.groups import selectors

    history = selectors.school_history(school)
    if not history:
        return None
    current = next((m for m in history if m.end is None), None)
    return extensions.Panel("groups_school", "groups/panels/school.html", {
        "current": current, "earlier": [m for m in history if m.end is not None][:5],
        "url": reverse("groups:group", args=[current.group_id]) if current else "",
    })


def _follow_register(actor: Any, school: Any, old: Any, new: Any, school_year: str) -> None:
    from youjun.web.apps.groups import services

    services.follow_register(actor, school, old, new, school_year)


def register() -> None:
    extensions.register_group_change_listener(_follow_register)
    extensions.register_district_panel(district_panel)
    extensions.register_school_panel(school_panel)
