"""Pages of the education groups: the district's groups (coverage, quality marks, moves), a
group (members, history, shared teachers, courses, joint research), the group comparison, the
片区 areas and an area's sessions. Out of reach is 404, seen but not allowed 403; writes go
through ``services`` and refusals are shown in the page's language."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from youjun.report import numbers as num
from youjun.web.apps.assessment.dashboard import level_name
from youjun.web.apps.groups import forms, selectors, services
from youjun.web.apps.groups.models import QualityMark, ResearchArea
from youjun.web.apps.platform.models import District, EducationGroup, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.workforce.models import Teacher
from youjun.web.errors import Refused, refuse
from youjun.web.errors import shown_problem as shown


def _problems(exc: Refused) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown(p, lang) for p in exc.problems]


# --- reach -----------------------------------------------------------------------------------

def _district(request: HttpRequest, code: str) -> District:
    district = District.objects.select_related("province").filter(code=code).first()
    if district is None or not selectors.district_reads(request.user, district):
        raise Http404("district")
    return district


def _bureau(request: HttpRequest, district: District) -> None:
    if not selectors.district_runs(request.user, district):
        raise PermissionDenied("the bureau runs the groups")


def _group(request: HttpRequest, pk: int) -> tuple[EducationGroup, bool]:
    """The group and whether the user may record its sharing (the bureau, the lead's officer)."""
    group = EducationGroup.objects.select_related("district__province").filter(pk=pk).first()
    if group is None:
        raise Http404("group")
    if selectors.district_reads(request.user, group.district):
        return group, selectors.district_runs(request.user, group.district)
    own = selectors.own_school_ids(request.user)
    members = {m.school_id: m.role for m in selectors.current_memberships(group)}
    if not own & set(members):
        raise Http404("group")
    return group, any(members.get(s) == "lead" for s in own)


def _area(request: HttpRequest, pk: int) -> tuple[ResearchArea, bool]:
    area = ResearchArea.objects.select_related("district__province").filter(pk=pk).first()
    if area is None:
        raise Http404("area")
    if selectors.district_reads(request.user, area.district):
        return area, selectors.district_runs(request.user, area.district)
    own = selectors.own_school_ids(request.user)
    if not own & set(area.schools.values_list("pk", flat=True)):
        raise Http404("area")
    return area, True


def _percent(x: Any) -> str:
    return num.percent(x, measured=True, below=100)


# --- the district's groups -------------------------------------------------------------------

def _district_page(request: HttpRequest, district: District, *, status: int = 200,
                   problems: list[dict[str, Any]] | None = None, **bound: Any) -> HttpResponse:
    runs = selectors.district_runs(request.user, district)
    cov = selectors.coverage(district)
    year, pupils = selectors.pupils_by_school(district)
    history_by_group: dict[int, list[Any]] = {}
    for m in (selectors.GroupMembership.objects.filter(school__district=district, end__isnull=True)
              .select_related("school")):
        history_by_group.setdefault(m.group_id, []).append(m)
    in_register = Counter(School.objects.filter(district=district, group__isnull=False)
                          .values_list("group_id", flat=True))
    rows = []
    for g in selectors.groups(district):
        members = sorted(history_by_group.get(g.pk, []), key=lambda m: (m.role != "lead", m.school.code))
        lead = next((m.school for m in members if m.role == "lead"), None)
        rows.append({"group": g, "lead": lead, "n": len(members),
                     "pupils": sum(pupils.get(m.school.code, 0) for m in members),
                     "quality": g.pk in cov["good_groups"],
                     # named in the uploaded school register, no member recorded in group management yet
                     "register_only": not members and in_register.get(g.pk, 0) > 0,
                     "in_register": in_register.get(g.pk, 0)})
    in_group = {m.school_id for ms in history_by_group.values() for m in ms}
    not_members = list(School.objects.filter(district=district).exclude(pk__in=in_group).order_by("code"))
    # a school the uploaded register puts in a group is not "in no group": its membership is not recorded yet
    outside = [sc for sc in not_members if sc.group_id is None]
    unrecorded = [sc for sc in not_members if sc.group_id is not None]
    c = cov["coverage"]
    context = {
        "district": district, "rows": rows, "outside": outside, "unrecorded": unrecorded,
        "runs": runs, "problems": problems or [],
        # no school is a member of any group: no coverage to give (暂无集团记录), never a 0.0% rate
        "has_members": bool(in_group),
        "register_only": sum(1 for r in rows if r["register_only"]),
        "year": year, "cov": c, "cov_percent": _percent(c.percent), "cov_complete": c.complete,
        "cov_day": cov["day"], "cov_source_text": cov["source"]["zh" if lang_code() == "zh" else "en"],
        "unadopted": selectors.unadopted(district),
        "marks": selectors.marks(district), "quality_ids": cov["quality_ids"],
        "valid_years": cov["rule"].get("mark_valid_years"),
        "move_form": bound.get("move_form") or forms.MoveForm(district),
        "group_form": bound.get("group_form") or forms.GroupForm(),
        "quality_form": bound.get("quality_form") or forms.QualityForm(district),
        "adopt_form": bound.get("adopt_form") or forms.AdoptForm(initial={"start": timezone.localdate()}),
    }
    return render(request, "groups/district.html", context, status=status)


@login_required
@require_safe
def district(request: HttpRequest, code: str) -> HttpResponse:
    return _district_page(request, _district(request, code))


@login_required
@require_POST
def move(request: HttpRequest, code: str) -> HttpResponse:
    d = _district(request, code)
    _bureau(request, d)
    form = forms.MoveForm(d, request.POST)
    if not form.is_valid():
        return _district_page(request, d, status=400, move_form=form)
    try:
        services.move_school(request.user, form.cleaned_data["school"], form.cleaned_data["group"],
                             role=form.cleaned_data["role"], start=form.cleaned_data["start"],
                             note=form.cleaned_data["note"])
    except Refused as exc:
        return _district_page(request, d, status=400, problems=_problems(exc), move_form=form)
    messages.success(request, _("The school's group was changed; the earlier membership is kept in the history."))
    group = form.cleaned_data["group"]
    return redirect(reverse("groups:group", args=[group.pk]) if group else reverse("groups:district", args=[d.code]))


@login_required
@require_POST
def create(request: HttpRequest, code: str) -> HttpResponse:
    d = _district(request, code)
    _bureau(request, d)
    form = forms.GroupForm(request.POST)
    if not form.is_valid():
        return _district_page(request, d, status=400, group_form=form)
    try:
        group = services.create_group(request.user, d, name=form.cleaned_data["name"])
    except Refused as exc:
        return _district_page(request, d, status=400, problems=_problems(exc), group_form=form)
    return redirect("groups:group", group.pk)


@login_required
@require_POST
def adopt(request: HttpRequest, code: str) -> HttpResponse:
    d = _district(request, code)
    _bureau(request, d)
    form = forms.AdoptForm(request.POST)
    if not form.is_valid():
        return _district_page(request, d, status=400, adopt_form=form)
    try:
        n = services.adopt_register(request.user, d, form.cleaned_data["start"])
    except Refused as exc:
        return _district_page(request, d, status=400, problems=_problems(exc), adopt_form=form)
    messages.success(request, _("Memberships opened from the school register: %(n)s.") % {"n": n})
    return redirect("groups:district", d.code)


@login_required
@require_POST
def quality(request: HttpRequest, code: str) -> HttpResponse:
    d = _district(request, code)
    _bureau(request, d)
    form = forms.QualityForm(d, request.POST)
    if not form.is_valid():
        return _district_page(request, d, status=400, quality_form=form)
    try:
        services.mark_quality(request.user, form.cleaned_data["school"], basis=form.cleaned_data["basis"],
                              marked_on=form.cleaned_data["marked_on"])
    except Refused as exc:
        return _district_page(request, d, status=400, problems=_problems(exc), quality_form=form)
    return redirect("groups:district", d.code)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    mark = QualityMark.objects.select_related("school__district").filter(pk=pk).first()
    if mark is None or not selectors.district_reads(request.user, mark.school.district):
        raise Http404("mark")
    _bureau(request, mark.school.district)
    services.withdraw_quality(request.user, mark, on=timezone.localdate())
    return redirect("groups:district", mark.school.district.code)


# --- one group -------------------------------------------------------------------------------

def _member_schools(group: EducationGroup) -> QuerySet[School]:
    return School.objects.filter(group_memberships__group=group, group_memberships__end__isnull=True).order_by("code")


def _group_page(request: HttpRequest, group: EducationGroup, manages: bool, *, status: int = 200,
                problems: list[dict[str, Any]] | None = None, **bound: Any) -> HttpResponse:
    members = selectors.current_memberships(group)
    shared: Counter[str] = selectors.shared_teachers(group.district).get(group.pk) or Counter()
    schools = _member_schools(group)
    context = {
        "group": group, "district": group.district, "members": members, "history": selectors.history(group),
        "shared": sorted(shared.items(), reverse=True), "shared_total": sum(shared.values()),
        "courses": [{"c": c, "hours": hours_text(c.hours)} for c in selectors.courses(group)],
        "research": selectors.research(group),
        "manages": manages, "runs": selectors.district_runs(request.user, group.district),
        "district_reads": selectors.district_reads(request.user, group.district),
        "problems": problems or [],
        "course_form": bound.get("course_form") or forms.CourseForm(schools),
        "research_form": bound.get("research_form") or forms.ResearchForm(schools),
    }
    return render(request, "groups/group.html", context, status=status)


@login_required
@require_safe
def group(request: HttpRequest, pk: int) -> HttpResponse:
    g, manages = _group(request, pk)
    return _group_page(request, g, manages)


@login_required
@require_POST
def course(request: HttpRequest, pk: int) -> HttpResponse:
    g, manages = _group(request, pk)
    if not manages:
        raise PermissionDenied("the bureau or the lead school")
    form = forms.CourseForm(_member_schools(g), request.POST)
    if not form.is_valid():
        return _group_page(request, g, manages, status=400, course_form=form)
    cd = form.cleaned_data
    try:
        services.add_course(request.user, g, title=cd["title"], offering=cd["offering"],
                            receiving=[s for s in cd["receiving"] if s.pk != cd["offering"].pk],
                            school_year=cd["school_year"], term=cd["term"], hours=cd["hours"])
    except Refused as exc:
        return _group_page(request, g, manages, status=400, problems=_problems(exc), course_form=form)
    return redirect("groups:group", g.pk)


@login_required
@require_POST
def research(request: HttpRequest, pk: int) -> HttpResponse:
    g, manages = _group(request, pk)
    if not manages:
        raise PermissionDenied("the bureau or the lead school")
    form = forms.ResearchForm(_member_schools(g), request.POST)
    if not form.is_valid():
        return _group_page(request, g, manages, status=400, research_form=form)
    cd = form.cleaned_data
    try:
        services.add_research(request.user, g, held_on=cd["held_on"], topic=cd["topic"], host=cd["host"],
                              schools=list(cd["schools"]), outputs=cd["outputs"])
    except Refused as exc:
        return _group_page(request, g, manages, status=400, problems=_problems(exc), research_form=form)
    return redirect("groups:group", g.pk)


# --- the comparison --------------------------------------------------------------------------

def hours_text(value: Any) -> str:
    """Hours as people read them: a decimal only when there is one ("12", "1.5")."""
    number = round(float(value or 0), 1)
    return formats.number_format(number, 0 if number.is_integer() else 1, use_l10n=True, force_grouping=True)


THEIL_SCALE = 1000  # Theil values shown per mille (× 1,000) with one decimal: three significant digits


def theil_shown(value: Any) -> str:
    """A Theil value × 1,000 with one decimal (0.0123 → "12.3"), so the shares between and within
    groups can be read from the shown values without more than three decimals."""
    return num.fixed(THEIL_SCALE * float(value), 1) if num.is_number(value) else num.MISSING


def comparison_context(district: District, lang: str) -> dict[str, Any]:
    found = selectors.comparison(district)
    if found["status"] != "ok":
        return found
    if not any(g.get("name") for lv in found["levels"] for g in lv["groups"]):
        # every school in no group: nothing to compare; the register may still name groups whose
        # members are not recorded yet (said so, as the groups page says it; walk 28)
        in_register = (School.objects.filter(district=district, group__isnull=False)
                       .values("group_id").distinct().count())
        return {**found, "status": "no_groups", "levels": [], "register_groups": in_register}
    levels = []
    for lv in found["levels"]:
        groups = lv["groups"]
        rows = []
        for ind in lv["indicators"]:
            rows.append({
                "name": ind["name_zh"] if lang == "zh" else ind["name_en"],
                "unit": ind["unit_zh"] if lang == "zh" else ind["unit_en"],
                "mean": num.value(ind["mean"]),
                "means": [num.value(ind["means"].get(g["id"])) for g in groups],
                "total": theil_shown(ind["total"]),
                "between": theil_shown(ind["between"]), "within": theil_shown(ind["within"]),
                "share": num.percent(100 * ind["between_share"], measured=True)
                if num.is_number(ind["between_share"]) else num.MISSING,
                "engine_between": theil_shown(ind["engine_between"]),
            })
        levels.append({"level": lv["level"], "name": level_name(lv["level"], lang),
                       "groups": [{**g, "pupils": num.count(g["pupils"])} for g in groups],
                       "rows": rows})
    return {**found, "levels": levels}


@login_required
@require_safe
def compare(request: HttpRequest, code: str) -> HttpResponse:
    d = _district(request, code)
    return render(request, "groups/compare.html", {"district": d, "cmp": comparison_context(d, lang_code())})


# --- 片区 areas --------------------------------------------------------------------------------

def _areas_page(request: HttpRequest, district: District, *, status: int = 200,
                problems: list[dict[str, Any]] | None = None, form: Any = None) -> HttpResponse:
    return render(request, "groups/areas.html", {
        "district": district, "areas": selectors.areas(district),
        "runs": selectors.district_runs(request.user, district),
        "problems": problems or [], "form": form or forms.AreaForm(district)}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def areas(request: HttpRequest, code: str) -> HttpResponse:
    d = _district(request, code)
    if request.method != "POST":
        return _areas_page(request, d)
    _bureau(request, d)
    form = forms.AreaForm(d, request.POST)
    if not form.is_valid():
        return _areas_page(request, d, status=400, form=form)
    try:
        a = services.create_area(request.user, d, name=form.cleaned_data["name"],
                                 schools=list(form.cleaned_data["schools"]))
    except Refused as exc:
        return _areas_page(request, d, status=400, problems=_problems(exc), form=form)
    return redirect("groups:area", a.pk)


def _area_page(request: HttpRequest, area: ResearchArea, manages: bool, *, status: int = 200,
               problems: list[dict[str, Any]] | None = None, form: Any = None) -> HttpResponse:
    schools = area.schools.order_by("code")
    return render(request, "groups/area.html", {
        "area": area, "district": area.district, "schools": schools, "sessions": selectors.sessions(area),
        "per_term": selectors.sessions_per_term(area), "manages": manages,
        "district_reads": selectors.district_reads(request.user, area.district),
        "problems": problems or [], "form": form or forms.SessionForm(schools)}, status=status)


@login_required
@require_safe
def area(request: HttpRequest, pk: int) -> HttpResponse:
    a, manages = _area(request, pk)
    return _area_page(request, a, manages)


@login_required
@require_POST
def session(request: HttpRequest, pk: int) -> HttpResponse:
    a, manages = _area(request, pk)
    if not manages:
        raise PermissionDenied("the bureau or the area's schools")
    schools = a.schools.order_by("code")
    form = forms.SessionForm(schools, request.POST)
    if not form.is_valid():
        return _area_page(request, a, manages, status=400, form=form)
    ids = form.staff_ids()
    teachers = list(Teacher.objects.filter(district=a.district, staff_id__in=ids))
    try:
        missing = sorted(set(ids) - {t.staff_id for t in teachers})
        if missing:
            raise refuse("E1238", value=missing[0], rule="groups.session.participant")
        cd = form.cleaned_data
        services.add_session(request.user, a, held_on=cd["held_on"], topic=cd["topic"], host=cd["host"],
                             participants=teachers, outputs=cd["outputs"])
    except Refused as exc:
        return _area_page(request, a, manages, status=400, problems=_problems(exc), form=form)
    return redirect("groups:area", a.pk)
