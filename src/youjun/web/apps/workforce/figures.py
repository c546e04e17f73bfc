"""The workforce's figures of the district overview, counted exactly as the workforce dashboard
counts them (``selectors_dashboard``): teachers, new posts, rotations, studios, training
person-times and the qualification share, each linking to the workforce list behind it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from youjun.core.overview import stock_day
from youjun.report import numbers as num
from youjun.web.apps.platform import extensions, reach
from youjun.web.apps.workforce import dashboard as dash
from youjun.web.apps.workforce import selectors_dashboard as sel


def _period(first: int, last: int) -> str:
    return _("%(a)s–%(b)s") % {"a": first, "b": last} if first != last else _("the year %(y)s") % {"y": first}


def _active_studios(district: Any, day: Any) -> int:
    """Studios active on ``day`` by the studios app's own rule (what its ``studio_counts`` counts
    today; asked directly so a day before its rules took effect still counts)."""
    try:
        from youjun.web.apps.workforce.studios import selectors as studios
        from youjun.web.apps.workforce.studios.models import Studio
    except ImportError:
        return 0
    return Studio.objects.filter(district=district).filter(studios._active_q(day)).count()


def figures(request: Any, district: Any, first: int, last: int) -> list[extensions.DistrictFigure]:
    if not reach.district_reach(request.user, district).sees:
        return []
    today = timezone.localdate()
    end = stock_day(last, today)
    period = _period(first, last)
    people, times = pgettext("unit", "teachers"), pgettext("unit", "person-times")
    out: list[extensions.DistrictFigure] = []

    def add(key: str, label: str, value: float | None, unit: str, shown: str, url: str, basis: str, kind: str,
            order: int) -> None:
        out.append(extensions.DistrictFigure(key, "workforce", label, value, unit, shown, url, basis, kind, order))

    teachers = sel.figure_teachers(district, "teachers", today=today)
    n_teachers = teachers.count()
    if not n_teachers:
        return []  # no teacher records: every workforce figure is 暂无记录
    add("teachers", _("Teachers"), n_teachers, people, f"{num.count(n_teachers)} {people}",
        dash.figure_url(district, "teachers"),
        _("active teachers in the teacher register today (the register keeps no earlier head count)"), "stock", 1)
    rules = sel.wd.dashboard_rules(today)
    since = rules.new_posts_since(today)
    posts = teachers.filter(on_establishment=True, started_teaching__gte=first, started_teaching__lte=last).count()
    window = (first, last) == (since, today.year)
    posts_unit = pgettext("unit", "posts")
    add("posts_added", _("New posts"), posts, posts_unit, f"{num.count(posts)} {posts_unit}",
        dash.figure_url(district, "new_posts") if window else reverse("workforce:district", args=[district.code]),
        _("active teachers on the establishment who started teaching in %(p)s, as the workforce dashboard counts "
          "new posts") % {"p": period}, "flow", 2)
    rotations = sel.rotations(district).filter(start__year__gte=first, start__year__lte=last).count()
    add("rotations", _("Rotations"), rotations, times, f"{num.count(rotations)} {times}",
        dash.figure_url(district, "rotations", year=last if first == last else ""),
        _("rotation assignments starting in %(p)s") % {"p": period}, "flow", 3)
    n = _active_studios(district, end)
    if n:
        unit = pgettext("unit", "studios")
        add("studios", _("Famous-teacher studios"), n, unit, f"{num.count(n)} {unit}",
            dash.area_url("workforce_studios:district", district),
            _("studios active on %(day)s") % {"day": end.isoformat()}, "stock", 4)
    counts = [int(sel.optional(sel.TRAINING, "person_times", district, y) or 0) for y in range(first, last + 1)]
    if any(counts):
        total = sum(counts)
        add("training_person_times", _("Training person-times"), total, times, f"{num.count(total)} {times}",
            dash.figure_url(district, "training", year=last),
            _("total attendances at sessions ending in %(p)s; %(avg)s person-times a year on average")
            % {"p": period, "avg": num.count(total / len(counts))}, "flow", 5)
    ok, per_section, _ok_section = sel.qualified_ids(district, sel.method_params(today))
    whole = sum(per_section.values())
    share = sel.wd.share(len(ok), whole)
    if share is not None:
        add("qualification_compliance", _("Teachers with the required qualification"), share, "%",
            num.percent(share, measured=True), dash.figure_url(district, "qualified"),
            _("%(ok)s of %(n)s teachers of the compulsory sections hold the qualification their section requires "
              "(the assessment's R1 rule, teachers above the required qualification per 100 pupils), today")
            % {"ok": num.count(len(ok)), "n": num.count(whole)}, "stock", 6)
    return out


def register() -> None:
    extensions.register_district_figures(figures)
