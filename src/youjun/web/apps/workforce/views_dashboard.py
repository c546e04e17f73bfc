"""The district's workforce dashboard and, for each of its figures, the records it counted.

Readers of the district only (its bureau, analysts, the province's inspectors, the platform
administrator); anyone else gets 404. Names in the record lists only where ``reach.names``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.views.decorators.http import require_GET

from youjun.core.labels import code_label
from youjun.core.params import LEVELS
from youjun.web.apps.platform.models import School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce import dashboard as dash
from youjun.web.apps.workforce import selectors_dashboard as sel

PAGE_SIZE = 50


def hours_text(value: Any) -> str:
    """Hours as people read them: a decimal only when there is one ("12", "1.5")."""
    number = round(float(value or 0), 1)
    return formats.number_format(number, 0 if number.is_integer() else 1, use_l10n=True, force_grouping=True)


@login_required
@require_GET
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    district = access.district_or_404(request.user, code)
    bureau = access.district_reach(request.user, district).bureau
    return render(request, "workforce/dashboard.html",
                  {"district": district, **dash.context(district, timezone.localdate(), lang_code(), bureau=bureau)})


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def records(request: HttpRequest, code: str, figure: str) -> HttpResponse:
    district = access.district_or_404(request.user, code)
    if figure not in sel.FIGURES:
        raise Http404("figure")
    reach = access.district_reach(request.user, district)
    today = timezone.localdate()
    lang = lang_code()
    school = None
    if request.GET.get("school"):
        school = School.objects.filter(district=district, code=request.GET["school"]).first()
        if school is None:
            raise Http404("school")
    section = request.GET.get("section", "")
    section = section if section in LEVELS else ""
    year = _int(request.GET.get("year"))
    rows: list[dict[str, Any]]
    if figure == "rotations":
        page = Paginator(sel.rotation_rows(district, year=year, school=school), PAGE_SIZE).get_page(
            request.GET.get("page"))
        rows = [{"teacher": a.teacher, "name": access.name_for(request.user, a.teacher, reach),
                 "school": a.school, "from_school": a.from_school, "start": a.start, "end": a.end}
                for a in page.object_list]
    elif figure == "training":
        year = year or sel.wd.dashboard_rules(today).training_year(today)
        page = Paginator(sel.training_rows(district, year), PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [{"teacher": a.teacher, "name": access.name_for(request.user, a.teacher, reach),
                 "school": a.teacher.school, "course": a.session.course.name, "day": a.day,
                 "hours": hours_text(a.hours)} for a in page.object_list]
    else:
        qs = sel.figure_teachers(district, figure, today=today, school=school)
        if section:
            qs = qs.filter(section=section)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [{"teacher": t, "name": access.name_for(request.user, t, reach), "school": t.school,
                 "section": code_label("section", t.section, lang) if t.section else "—",
                 "subject": code_label("subject", t.subject, lang) if t.subject else "—"}
                for t in page.object_list]
    query = "&".join(f"{k}={v}" for k, v in (("school", school.code if school else ""), ("section", section),
                                               ("year", year or "")) if v)
    return render(request, "workforce/dashboard_records.html", {
        "district": district, "figure": figure, "rows": rows, "page": page, "school": school,
        "section_name": code_label("section", section, lang) if section else "", "year": year,
        "query": query, "today": today, "since": sel.wd.dashboard_rules(today).new_posts_since(today),
        "training_back": sel.wd.dashboard_rules(today).training_year_back,
    })
