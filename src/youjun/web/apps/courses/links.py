"""What the courses app adds to the district's page (the catalogue's counts, links by theme and
by the “114” tags), to a school's page (its course groups and courses, when it has any) and to a
teacher's record (the courses the teacher teaches this school year)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone


def district_panel(request: Any, district: Any) -> Any:
    from youjun.core import courses as rules
    from youjun.web.apps.courses import selectors
    from youjun.web.apps.platform import extensions, reach
    from youjun.web.apps.platform.templatetags.youjun import lang_code

    if not reach.district_reach(request.user, district).sees:
        return None
    today = timezone.localdate()
    year = rules.school_year_of(today)
    qs = selectors.active(selectors.Course.objects.filter(school__district=district), year)
    ethnic = rules.ethnic_theme(today)
    words = next((t.shown(lang_code()) for t in rules.themes(today) if t.key == ethnic), ethnic)
    url = reverse("courses:district", args=[district.code])
    first_tag = next(iter(rules.fixed_tags(today)), None)
    return extensions.Panel("courses_district", "courses/panels/district.html", {
        "url": url, "courses": selectors.count_text(qs.count()),
        "schools": selectors.count_text(qs.values("school").distinct().count()),
        "with_groups": selectors.count_text(selectors.schools_with_groups(district).count()),
        "ethnic": ethnic, "ethnic_words": words,
        "tag_url": f"{url}?tag={quote(first_tag.key)}" if first_tag else "",
        # no course recorded in any year: 暂无记录, not "0 schools offer 0 courses"
        "has_records": selectors.Course.objects.filter(school__district=district).exists(),
    })


def school_panel(request: Any, school: Any) -> Any:
    from youjun.core import courses as rules
    from youjun.web.apps.courses import selectors
    from youjun.web.apps.courses.models import CourseGroup
    from youjun.web.apps.platform import extensions, reach

    groups = CourseGroup.objects.filter(school=school).count()
    all_courses = selectors.Course.objects.filter(school=school)
    empty = not groups and not all_courses.exists()
    # a school with no catalogue yet: its own data officer is shown where to start one
    if empty and school.pk not in reach.own_school_ids(request.user, school.district):
        return None
    year = rules.school_year_of(timezone.localdate())
    return extensions.Panel("courses_school", "courses/panels/school.html", {
        "url": reverse("courses:school", args=[school.code]), "groups": selectors.count_text(groups),
        "courses": selectors.count_text(selectors.active(all_courses, year).count()), "empty": empty,
    })


def teacher_panel(request: Any, teacher: Any) -> Any:
    """The courses ``teacher`` teaches this school year, on the teacher's record: listed to whoever
    may open them (linked) and to the teacher on her own record (a course page she cannot open is
    not linked); nothing when there are none."""
    from youjun.core import courses as rules
    from youjun.web.apps.courses import selectors
    from youjun.web.apps.platform import extensions, reach
    from youjun.web.apps.platform.templatetags.youjun import lang_code
    from youjun.web.apps.workforce.access import is_self

    year = rules.school_year_of(timezone.localdate())
    courses = list(selectors.active(selectors.Course.objects.filter(teachers=teacher), year)
                   .select_related("school__district", "group").order_by("school__code", "group__order", "title"))
    if not courses:
        return None
    user, lang, own = request.user, lang_code(), is_self(request.user, teacher)
    opens: dict[int, bool] = {}
    rows = []
    for c in courses:
        if c.school_id not in opens:  # as the course pages decide (courses.views._catalogue_reach)
            opens[c.school_id] = (reach.school_reach(user, c.school).sees
                                  or reach.district_reach(user, c.school.district).sees
                                  or bool(reach.own_school_ids(user, c.school.district)))
        if not (opens[c.school_id] or own):
            continue
        rows.append({"course": c, "group": c.group.name if c.group else "",
                     "grades": rules.grades_text(c.grade_from, c.grade_to, lang),
                     "hours_year": selectors.hours_text(c.hours_year),
                     "url": reverse("courses:course", args=[c.pk]) if opens[c.school_id] else ""})
    if not rows:
        return None
    return extensions.Panel("courses_teacher", "courses/panels/teacher.html", {
        "rows": rows, "year": year, "n": selectors.count_text(len(rows)),
        "several_schools": len({r["course"].school_id for r in rows}) > 1})


def register() -> None:
    from youjun.web.apps.courses import figures
    from youjun.web.apps.platform import extensions

    extensions.register_district_panel(district_panel)
    extensions.register_school_panel(school_panel)
    extensions.register_teacher_panel(teacher_panel)
    extensions.register_district_figures(figures.district_figures)
