"""The growth ladder on other pages: a section link on a teacher's record, a school's and a
district's teacher lists (``workforce.links``) and a panel on the district's page
(``platform.extensions``), each only for those who may see it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from youjun.web.apps.platform import extensions
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.growth import selectors
from youjun.web.apps.workforce.links import (
    Link,
    register_district_links,
    register_school_links,
    register_teacher_links,
)


def _lang() -> str:
    from django.utils.translation import get_language

    return "en" if (get_language() or "zh").startswith("en") else "zh"


def teacher_links(request: Any, teacher: Any) -> list[Link]:
    if not access.teacher_reach(request.user, teacher).sees:
        return []
    view = selectors.teacher_view(teacher, _lang())
    current = view["current"].label(_lang()) if view["current"] else "—"
    note = f"{current} · {view['missing']}" if view["missing"] else current
    return [Link(_("Growth stage"), reverse("workforce_growth:teacher", args=[teacher.pk]), note=note)]


def school_links(request: Any, school: Any) -> list[Link]:
    if not access.school_reach(request.user, school).sees:
        return []
    pending = sum(1 for _a in selectors.pending(school.teachers.filter(active=True)))
    note = _("%(n)s pending reviews") % {"n": f"{pending:,}"} if pending else ""
    return [Link(_("Growth stages"), reverse("workforce_growth:school", args=[school.code]), note=note)]


def district_links(request: Any, district: Any) -> list[Link]:
    if not access.district_reach(request.user, district).sees:
        return []
    return [Link(_("Growth stages"), reverse("workforce_growth:district", args=[district.code]))]


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    if not access.district_reach(request.user, district).sees:
        return None
    counts = selectors.stage_counts(district)
    return extensions.Panel("workforce_growth", "workforce_growth/_district_panel.html",
                            {"district": district, "counts": counts,
                             # no teacher at any stage (an empty register): 暂无记录, not 0 per stage
                             "has_records": any(c["teachers"] for c in counts)})


def register() -> None:
    register_teacher_links(teacher_links)
    register_school_links(school_links)
    register_district_links(district_links)
    extensions.register_district_panel(district_panel)
