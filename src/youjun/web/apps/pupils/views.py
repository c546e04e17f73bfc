"""Pages of pupils and classes: a school's classes, a class, a pupil, and "mine" (what a
teacher, guardian or pupil has here). The evaluation apps add their links to each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from youjun.web.apps.pupils import access, links, selectors
from youjun.web.apps.pupils.models import ClassTeacher


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = request.user
    classes = list(access.classes_taught(user).order_by("-school_year", "grade", "number"))
    heads = set(ClassTeacher.objects.filter(user=user, kind=ClassTeacher.Kind.HEAD)
                .values_list("class_group_id", flat=True))
    family = list(access.family_pupils(user))
    return render(request, "pupils/mine.html", {
        "classes": [{"c": c, "head": c.pk in heads, "links": links.class_links(request, c)} for c in classes],
        "family": [{"p": p, "current": selectors.current_class(p), "links": links.pupil_links(request, p)}
                   for p in family],
    })


@login_required
def school(request: HttpRequest, code: str) -> HttpResponse:
    school = access.school_or_404(request.user, code)
    years = selectors.years_of(school)
    year = request.GET.get("year") or (years[0] if years else "")
    if year not in years and years:
        year = years[0]
    return render(request, "pupils/school.html", {
        "school": school, "years": years, "year": year,
        "classes": selectors.class_rows(school, year) if year else [],
        "reach": access.school_reach(request.user, school),
        "links": links.school_links(request, school, year) if year else [],
    })


@login_required
def class_page(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = access.class_or_404(request.user, pk)
    reach = access.school_reach(request.user, class_group.school)
    rows = [{"p": p, "student_id": access.student_id_for(request.user, p)}
            for p in selectors.pupils_of_class(class_group)]
    return render(request, "pupils/class.html", {
        "class_group": class_group, "school": class_group.school, "reach": reach, "rows": rows,
        "teachers": class_group.teachers.select_related("user"),
        "links": links.class_links(request, class_group),
    })


@login_required
def pupil_page(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = access.pupil_or_404(request.user, pk)
    return render(request, "pupils/pupil.html", {
        "pupil": pupil, "school": pupil.school, "current": selectors.current_class(pupil),
        "student_id": access.student_id_for(request.user, pupil),
        "staff": access.school_reach(request.user, pupil.school).sees,
        "links": links.pupil_links(request, pupil),
    })
