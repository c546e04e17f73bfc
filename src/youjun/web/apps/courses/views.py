"""Pages of school-based courses: a school's catalogue (its course groups and courses; its
officer writes, phone-friendly), a course group, a course (with its resource files), the
district's catalogue (by theme, tag, grade and school; filters; 50 a page; XLSX). Out of reach
is 404, seen but not allowed 403; writes go through ``services``."""

from __future__ import annotations

import dataclasses
import io
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from youjun.core import courses as rules
from youjun.web.apps.courses import forms, selectors, services
from youjun.web.apps.courses.models import Course, CourseFile, CourseGroup
from youjun.web.apps.platform import reach
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.downloads import xlsx_attachment
from youjun.web.errors import Refused
from youjun.web.errors import shown_problem as shown_p

PAGE = 50


def _problems(exc: Refused) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown_p(p, lang) for p in exc.problems]


def _district_link(user: Any, district: District) -> bool:
    """Whether the user opens the district catalogue (its readers, its schools' officers)."""
    return reach.district_reach(user, district).sees or bool(reach.own_school_ids(user, district))


def _catalogue_reach(user: Any, school: School) -> reach.Reach:
    """Over a course or a course group: the school's reach, or reading only for whoever opens
    the district catalogue it is listed in (another school's data officer: names masked, no
    files, no link to the school's own pages)."""
    r = reach.school_reach(user, school)
    if r.sees or not _district_link(user, school.district):
        return r
    return reach.Reach(sees=True)


def _crumbs(user: Any, district: District, school: School | None = None) -> dict[str, Any]:
    """What the one breadcrumb trail (district › catalogue › school › group) may link to."""
    return {"sees_district": reach.district_reach(user, district).sees,
            "district_link": _district_link(user, district),
            "opens_school": school is not None and reach.school_reach(user, school).sees}


def _group(request: HttpRequest, pk: int) -> tuple[CourseGroup, reach.Reach]:
    group = CourseGroup.objects.select_related("school__district__province").filter(pk=pk).first()
    if group is None:
        raise Http404("course group")
    r = _catalogue_reach(request.user, group.school)
    if not r.sees:
        raise Http404("course group")
    return group, r


def _course(request: HttpRequest, pk: int) -> tuple[Course, reach.Reach]:
    course = Course.objects.select_related("school__district__province", "group").filter(pk=pk).first()
    if course is None:
        raise Http404("course")
    r = _catalogue_reach(request.user, course.school)
    if not r.sees:
        raise Http404("course")
    return course, r


def _data(form: forms.CourseForm) -> services.CourseData:
    cd = form.cleaned_data
    return services.CourseData(
        title=cd["title"], theme=cd["theme"], grade_from=cd["grade_from"], grade_to=cd["grade_to"],
        hours=cd["hours"], hours_per=cd["hours_per"], kind=cd["kind"], terms=cd["terms"],
        active_from=cd["active_from"], active_to=cd["active_to"], group=cd["group"],
        fixed_tags=cd["fixed_tags"], free_tags=rules.split_free_tags(cd["free_tags"]), teachers=list(cd["teachers"]),
        venue=cd["venue"], materials=cd["materials"], partners=cd["partners"])


# --- /courses/: where a user's catalogue is ------------------------------------------------------

@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The school's own catalogue for its data officer, the district's catalogue for its readers;
    a list when there are several, and words when there is none."""
    places = reach.landing(request.user)
    only = places.only()
    if only is not None:
        return redirect(f"courses:{only[0]}", only[1])
    return render(request, "courses/index.html", {"schools": places.schools, "districts": places.districts})


# --- a school's catalogue ------------------------------------------------------------------------

def _school_page(request: HttpRequest, school: School, *, status: int = 200,
                 problems: list[dict[str, Any]] | None = None, **bound: Any) -> HttpResponse:
    r = reach.school_reach(request.user, school)
    today, lang = timezone.localdate(), lang_code()
    year = rules.school_year_of(today)
    courses = list(selectors.school_courses(school))
    rows = [selectors.shown(c, lang, r.manages, today) for c in courses]
    groups = selectors.school_groups(school)
    by_group: dict[int | None, list[Any]] = {}
    for row in rows:
        by_group.setdefault(row.course.group_id, []).append(row)
    sections = [{"group": g, "rows": by_group.get(g.pk, [])} for g in groups]
    return render(request, "courses/school.html", {
        "school": school, "district": school.district, "manages": r.manages, "sections": sections,
        "ungrouped": by_group.get(None, []), "year": year, **_crumbs(request.user, school.district, school),
        "n_active": sum(1 for c in courses if rules.active_in(c.active_from, c.active_to, year)),
        "n_courses": len(courses), "n_groups": len(groups),
        "district_link": _district_link(request.user, school.district), "problems": problems or [],
        "group_form": bound.get("group_form") or forms.GroupForm(),
        "adopt_form": bound.get("adopt_form") or forms.AdoptForm(),
    }, status=status)


@login_required
@require_safe
def school(request: HttpRequest, code: str) -> HttpResponse:
    return _school_page(request, reach.school_or_404(request.user, code))


@login_required
@require_POST
def group_create(request: HttpRequest, code: str) -> HttpResponse:
    s = reach.school_or_404(request.user, code)
    reach.require(reach.school_reach(request.user, s).manages)
    form = forms.GroupForm(request.POST)
    if not form.is_valid():
        return _school_page(request, s, status=400, group_form=form)
    try:
        g = services.create_group(request.user, s, name=form.cleaned_data["name"], aim=form.cleaned_data["aim"])
    except Refused as exc:
        return _school_page(request, s, status=400, problems=_problems(exc), group_form=form)
    return redirect("courses:group", g.pk)


@login_required
@require_POST
def adopt(request: HttpRequest, code: str) -> HttpResponse:
    s = reach.school_or_404(request.user, code)
    reach.require(reach.school_reach(request.user, s).manages)
    form = forms.AdoptForm(request.POST)
    if not form.is_valid():
        return _school_page(request, s, status=400, adopt_form=form)
    try:
        made = services.adopt_template(request.user, s, form.cleaned_data["template"])
    except Refused as exc:
        return _school_page(request, s, status=400, problems=_problems(exc), adopt_form=form)
    messages.success(request, _("Course groups created from the template: %(n)s.") % {"n": len(made)})
    return redirect("courses:school", s.code)


def _course_form_page(request: HttpRequest, school: School, form: forms.CourseForm, course: Course | None, *,
                      status: int = 200, problems: list[dict[str, Any]] | None = None) -> HttpResponse:
    return render(request, "courses/course_form.html", {
        "school": school, "district": school.district, "form": form, "course": course, "problems": problems or [],
        **_crumbs(request.user, school.district, school),
        "tag_rule": rules.rules("tags", timezone.localdate())}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def course_create(request: HttpRequest, code: str) -> HttpResponse:
    s = reach.school_or_404(request.user, code)
    reach.require(reach.school_reach(request.user, s).manages)
    if request.method != "POST":
        initial = {}
        group = request.GET.get("group", "")
        if group.isdigit() and CourseGroup.objects.filter(pk=int(group), school=s).exists():
            initial["group"] = int(group)
        form = forms.CourseForm(s)
        form.initial.update(initial)
        return _course_form_page(request, s, form, None)
    form = forms.CourseForm(s, request.POST)
    if not form.is_valid():
        return _course_form_page(request, s, form, None, status=400)
    try:
        c = services.save_course(request.user, s, _data(form))
    except Refused as exc:
        return _course_form_page(request, s, form, None, status=400, problems=_problems(exc))
    return redirect("courses:course", c.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    c, r = _course(request, pk)
    reach.require(r.manages)
    if request.method != "POST":
        return _course_form_page(request, c.school, forms.CourseForm(c.school, initial=forms.CourseForm.initial_of(c)),
                                 c)
    form = forms.CourseForm(c.school, request.POST)
    if not form.is_valid():
        return _course_form_page(request, c.school, form, c, status=400)
    try:
        services.save_course(request.user, c.school, _data(form), course=c)
    except Refused as exc:
        return _course_form_page(request, c.school, form, c, status=400, problems=_problems(exc))
    return redirect("courses:course", c.pk)


# --- a course group, a course ---------------------------------------------------------------------

def _group_page(request: HttpRequest, g: CourseGroup, r: reach.Reach, *, status: int = 200,
                problems: list[dict[str, Any]] | None = None, form: Any = None) -> HttpResponse:
    today, lang = timezone.localdate(), lang_code()
    courses = selectors.with_details(Course.objects.filter(group=g)).order_by("title", "id")
    rows = [selectors.shown(c, lang, r.manages, today) for c in courses]
    return render(request, "courses/group.html", {
        "group": g, "school": g.school, "district": g.school.district, "rows": rows, "manages": r.manages,
        "hours_year": selectors.hours_text(sum(c.hours_year for c in courses)),
        "problems": problems or [], "form": form or forms.GroupForm(initial={"name": g.name, "aim": g.aim}),
        **_crumbs(request.user, g.school.district, g.school),
    }, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group(request: HttpRequest, pk: int) -> HttpResponse:
    g, r = _group(request, pk)
    if request.method != "POST":
        return _group_page(request, g, r)
    reach.require(r.manages)
    form = forms.GroupForm(request.POST)
    if not form.is_valid():
        return _group_page(request, g, r, status=400, form=form)
    try:
        services.update_group(request.user, g, name=form.cleaned_data["name"], aim=form.cleaned_data["aim"])
    except Refused as exc:
        return _group_page(request, g, r, status=400, problems=_problems(exc), form=form)
    return redirect("courses:group", g.pk)


def _course_page(request: HttpRequest, c: Course, r: reach.Reach, *, status: int = 200,
                 problems: list[dict[str, Any]] | None = None, form: Any = None) -> HttpResponse:
    today = timezone.localdate()
    c = selectors.with_details(Course.objects.filter(pk=c.pk)).get()
    crumbs = _crumbs(request.user, c.school.district, c.school)
    files = list(CourseFile.objects.filter(course=c).defer("content").order_by("id")) \
        if crumbs["opens_school"] else []
    return render(request, "courses/course.html", {
        "row": selectors.shown(c, lang_code(), r.manages, today), "course": c, "school": c.school,
        "district": c.school.district, "manages": r.manages, "files": files, **crumbs,
        "problems": problems or [], "file_form": form or forms.FileForm()}, status=status)


@login_required
@require_safe
def course(request: HttpRequest, pk: int) -> HttpResponse:
    c, r = _course(request, pk)
    return _course_page(request, c, r)


@login_required
@require_POST
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    c, r = _course(request, pk)
    reach.require(r.manages)
    form = forms.FileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _course_page(request, c, r, status=400, form=form)
    try:
        services.store_file(request.user, c, form.cleaned_data["file"])
    except Refused as exc:
        return _course_page(request, c, r, status=400, problems=_problems(exc), form=form)
    return redirect("courses:course", c.pk)


@login_required
@require_safe
def file(request: HttpRequest, pk: int) -> HttpResponse:
    f = CourseFile.objects.select_related("course__school__district").filter(pk=pk).first()
    if f is None or not reach.school_reach(request.user, f.course.school).sees:
        raise Http404("file")
    response = HttpResponse(bytes(f.content), content_type=f.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the district's catalogue -----------------------------------------------------------------------

def _filters(request: HttpRequest, district: District) -> tuple[forms.FilterForm, selectors.Filters, list[str]]:
    today, lang = timezone.localdate(), lang_code()
    all_courses = selectors.Course.objects.filter(school__district=district)
    tags = [(t.key, t.shown(lang)) for t in rules.fixed_tags(today)]
    free = sorted(set(selectors.CourseTag.objects.filter(course__in=all_courses).exclude(tag__contains=":")
                      .values_list("tag", flat=True)))
    tags += [(t, t) for t in free]
    current = rules.school_year_of(today)
    start = int(current[:4])
    earliest = all_courses.order_by("active_from").values_list("active_from", flat=True).first()
    first = min(start - 5, int(earliest[:4])) if earliest else start - 5
    years = [f"{y}-{y + 1}" for y in range(start + 1, first - 1, -1)]
    data = request.GET.copy()
    if "year" not in data:
        data["year"] = current
    form = forms.FilterForm(district, tags, years, data)
    if not form.is_valid():
        return form, selectors.Filters(year=current), years
    cd = form.cleaned_data
    return form, selectors.Filters(theme=cd["theme"], tag=cd["tag"], grade=cd["grade"], school=cd["school"],
                                   kind=cd["kind"], year=cd["year"], q=cd["q"].strip()), years


@login_required
@require_safe
def district(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code, officers=True)
    today, lang = timezone.localdate(), lang_code()
    form, f, _years = _filters(request, d)
    qs = selectors.district_courses(d, f)
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    schools = {c.school for c in page.object_list}
    names = selectors.name_readers(request.user, schools)
    rows = [selectors.shown(c, lang, c.school_id in names, today) for c in page.object_list]
    totals = selectors.theme_totals(qs)
    themes = [{"key": t.key, "words": t.shown(lang), "n": selectors.count_text(totals.get(t.key, (0, 0))[0]),
               "hours": selectors.hours_text(totals.get(t.key, (0, 0))[1]), "any": t.key in totals}
              for t in rules.themes(today)]
    tag_n = selectors.tag_counts(qs)
    tag_words = dict(form.fields["tag"].choices)
    tags = [{"key": k, "words": tag_words.get(k, k), "n": selectors.count_text(n)} for k, n in
            sorted(tag_n.items(), key=lambda kv: (not rules.is_fixed(kv[0]), -kv[1], kv[0]))]
    grades = [{"grade": g, "n": selectors.count_text(n)} for g, n in
              selectors.grade_counts(qs, rules.limits(today))]
    by_school = [{"code": s["school__code"], "name": s["school__name"], "n": selectors.count_text(s["n"]),
                  "hours": selectors.hours_text(s["h"])} for s in selectors.school_counts(qs)[:20]]
    query = request.GET.copy()
    query.pop("page", None)
    # the tags over the same courses but any theme: a civics course may carry the tag 民族认同
    others = query.copy()
    for k in ("theme", "tag"):
        others.pop(k, None)
    any_theme = selectors.tag_counts(selectors.district_courses(d, dataclasses.replace(f, theme="", tag="")))
    tag_links = [{"url": f"?{others.urlencode()}&tag={quote(t.key)}", "words": t.shown(lang),
                  "n": selectors.count_text(any_theme.get(t.key, 0))} for t in rules.fixed_tags(today)]
    sees = reach.district_reach(request.user, d).sees
    opens = {s.pk for s in schools} if sees else set(reach.own_school_ids(request.user, d))
    own = sorted(School.objects.filter(pk__in=reach.own_school_ids(request.user, d)).values_list("code", "name"))
    return render(request, "courses/district.html", {
        "district": d, "form": form, "f": f, "page": page, "rows": rows, "themes": themes, "tags": tags,
        "grades": grades, "by_school": by_school, "total": selectors.count_text(page.paginator.count),
        "total_hours": selectors.hours_text(sum(v[1] for v in totals.values())),
        "n_schools": selectors.count_text(len({s["school__code"] for s in selectors.school_counts(qs)})),
        "query": query.urlencode(), "own": own, "opens": opens, "tag_links": tag_links,
        "ethnic": rules.ethnic_theme(today), "sees_district": sees, "district_link": True,
    })


@login_required
@require_safe
def district_export(request: HttpRequest, code: str) -> HttpResponse:
    from openpyxl import Workbook

    d = reach.district_or_404(request.user, code, officers=True)
    today = timezone.localdate()
    _form, f, _years = _filters(request, d)
    qs = selectors.district_courses(d, f)
    names = selectors.name_readers(request.user, School.objects.filter(district=d))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("校本课程")
    ws.append(["学校标识码", "学校", "课程群", "课程名称", "主题", "标签", "年级", "学时", "学时口径", "每学年学时",
               "类型", "开设学期", "授课教师", "场地", "教材与器材", "校外合作单位", "开设学年", "停开学年"])
    for c in qs.iterator(chunk_size=500):
        s = selectors.shown(c, "zh", c.school_id in names, today)
        ws.append([c.school.code, c.school.name, c.group.name if c.group else "", c.title, s.theme,
                   "、".join(w for _k, w in s.tags), s.grades, float(c.hours), rules.HOURS_PER[c.hours_per][0],
                   float(c.hours_year), s.kind, s.terms, "、".join(s.teachers), c.venue, c.materials, c.partners,
                   c.active_from, c.active_to])
    out = io.BytesIO()
    wb.save(out)
    return xlsx_attachment(out.getvalue(), f"courses-{d.code}.xlsx")
