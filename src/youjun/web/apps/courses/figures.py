"""The courses' figures of the district overview, counted from the course records as at the end
of the last year asked (stocks): school-based courses offered, schools that define course
groups, courses under the ethnic-culture theme; each links to the district catalogue filtered
to the school year of that day."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from youjun.core import courses as rules
from youjun.core.overview import stock_day
from youjun.report import numbers as num
from youjun.web.apps.courses import selectors
from youjun.web.apps.courses.models import Course, CourseGroup
from youjun.web.apps.platform import extensions, reach
from youjun.web.apps.platform.templatetags.youjun import lang_code


def _end_of(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` in local time (what was created on ``day`` is before it)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def district_figures(request: Any, district: Any, first: int, last: int) -> list[extensions.DistrictFigure]:
    if not reach.district_reach(request.user, district).sees:
        return []
    today = timezone.localdate()
    end = stock_day(last, today)
    year = rules.school_year_of(end)
    base = reverse("courses:district", args=[district.code])
    active = selectors.active(Course.objects.filter(school__district=district), year)
    n_courses = active.count()
    with_groups = (CourseGroup.objects.filter(school__district=district, created_at__lt=_end_of(end))
                   .values("school").distinct().count())
    if not n_courses and not with_groups:
        return []  # no course records: the overview says 暂无记录
    ethnic = rules.ethnic_theme(end)
    ethnic_words = next((t.shown(lang_code()) for t in rules.themes(end) if t.key == ethnic), ethnic)
    n_ethnic = active.filter(theme=ethnic).count()
    courses_u, schools_u = pgettext("courses unit", "courses"), pgettext("unit", "schools")
    day = end.isoformat()

    def fig(key: str, label: str, value: int, unit: str, url: str, basis: str, order: int) -> extensions.DistrictFigure:
        return extensions.DistrictFigure(key, "courses", label, value, unit, f"{num.count(value)} {unit}", url, basis,
                                         "stock", order)

    return [
        fig("courses_school_based", _("School-based courses"), n_courses, courses_u,
            f"{base}?{urlencode({'year': year})}",
            _("school-based courses offered in the school year %(y)s (the one %(d)s falls in), from the schools' "
              "course catalogues") % {"y": year, "d": day}, 1),
        fig("courses_schools_with_course_groups", _("Schools with course groups"), with_groups, schools_u, base,
            _("schools that had defined at least one course group by %(d)s") % {"d": day}, 2),
        fig("courses_ethnic_culture", _("Ethnic-culture courses"), n_ethnic, courses_u,
            f"{base}?{urlencode({'year': year, 'theme': ethnic})}",
            _("courses under the theme %(t)s offered in the school year %(y)s") % {"t": ethnic_words, "y": year}, 3),
    ]
