"""The vocational centre's figures of the district overview, counted from its records: majors in
the 1+X certificate pilot and apprenticeship majors (stocks at the end of the last year asked),
the double-qualified share (stock), new double-qualified teachers and social trainees (flows over
the calendar years asked)."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from youjun.core import vocational as core
from youjun.report import numbers as num
from youjun.web.apps.platform import extensions, reach
from youjun.web.apps.vocational import selectors
from youjun.web.apps.vocational.models import Centre, Major, Training, VocTeacher

SECTION = "vocational"


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def district_figures(request: Any, district: Any, first_year: int, last_year: int) -> list[extensions.DistrictFigure]:
    if not reach.district_reach(request.user, district).sees:
        return []
    today = timezone.localdate()
    day = selectors.year_end(last_year, today)
    centres = list(Centre.objects.filter(district=district).order_by("name"))
    one = centres[0] if len(centres) == 1 else None

    def url(kind: str, year: int | None = None, **extra: str) -> str:
        if one is None:
            return reverse("vocational:district", args=[district.code])
        base = reverse(f"vocational:{kind}", args=[one.pk])
        query = "&".join([f"{k}={v}" for k, v in extra.items()] + ([f"year={year}"] if year else []))
        return f"{base}?{query}" if query else base

    majors = Major.objects.filter(centre__district=district)
    teachers = VocTeacher.objects.filter(centre__district=district)
    known = bool(centres)
    pilots = selectors.pilots_at(majors, day.year) if known else []
    pilot_majors = len({p.major_id for p in pilots})
    appr = len(selectors.apprenticeship_majors_at(majors, day.year)) if known else 0
    share = selectors.share(teachers, day)
    spans = selectors.spans(teachers)
    new = core.new_recognitions(spans, first_year, last_year)
    trainees = int(Training.objects.filter(centre__district=district, year__gte=first_year, year__lte=last_year)
                   .aggregate(n=Sum("trainees"))["n"] or 0)
    has_training = Training.objects.filter(centre__district=district).exists()
    items, persons, times = pgettext("unit", "items"), pgettext("unit", "persons"), pgettext("unit", "person-times")
    at = day.isoformat()
    years = _years(first_year, last_year)

    def count(v: int | None, unit: str) -> str:
        return f"{num.count(v)} {unit}" if v is not None else num.MISSING

    pilot_value = pilot_majors if known else None
    appr_value = appr if known else None
    new_value = new if share.denominator or new else (None if not known else 0)
    trainee_value = trainees if has_training else None
    return [
        extensions.DistrictFigure(
            "vocational_certificate_pilots", SECTION, _("Majors in the 1+X certificate pilot"), pilot_value, items,
            count(pilot_value, items), url("majors", day.year, only="pilot"),
            _("Majors of the vocational centres running at least one 1+X certificate pilot on %(day)s "
              "(%(n)s certificate pilots in all); a major is counted once however many certificates it pilots.")
            % {"day": at, "n": num.count(len(pilots))}, kind="stock", order=1),
        extensions.DistrictFigure(
            "vocational_apprenticeship_majors", SECTION, _("Apprenticeship majors"), appr_value, items,
            count(appr_value, items), url("majors", day.year, only="apprenticeship"),
            _("Majors running on %(day)s with a modern-apprenticeship partner enterprise since that year or before.")
            % {"day": at}, kind="stock", order=2),
        extensions.DistrictFigure(
            "vocational_double_qualified_share", SECTION, _("Share of double-qualified teachers"), share.percent, "%",
            num.percent(share.percent, measured=True) if share.percent is not None else num.MISSING,
            url("teachers", status="staff", on=at),
            _("%(n)s of %(d)s full-time teachers in post on %(day)s hold a double-qualified recognition in force "
              "(教师厅〔2022〕2号; the denominator is a local rule).")
            % {"n": num.count(share.numerator), "d": num.count(share.denominator), "day": at},
            kind="stock", order=3),
        extensions.DistrictFigure(
            "vocational_new_double_qualified", SECTION, _("New double-qualified teachers"), new_value, persons,
            count(new_value, persons), url("teachers"),
            _("Teachers first recognised as double-qualified in %(years)s (a renewal is not counted again).")
            % {"years": years}, order=4),
        extensions.DistrictFigure(
            "vocational_trainees", SECTION, _("Social trainees"), trainee_value, times,
            count(trainee_value, times), url("training", first_year if first_year == last_year else None),
            _("Trainees (person-times) of the vocational centres' social-training programmes of %(years)s.")
            % {"years": years}, order=5),
    ]


def register() -> None:
    extensions.register_district_figures(district_figures)
