"""Pages of school party work: the district's tree of organisations, the compliance view (split
posts, full-time deputies, schools without an organisation) with its XLSX, the 三重一大
decisions lacking a prior study, a school's page (organisation, posts and their history, duty
lists, meetings) and a group's 七联七化 community. Reach: ``platform.reach`` (out of reach 404,
seen but not allowed 403); names masked for readers who do not manage the school."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from youjun.core import party as rules
from youjun.web.apps.party import forms, selectors, services
from youjun.web.apps.party.models import CommunityItem, Meeting, PartyFile, PartyOrganisation, PostHolding
from youjun.web.apps.platform import reach
from youjun.web.apps.platform.models import District, EducationGroup, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.models import Teacher
from youjun.web.downloads import xlsx_attachment, xlsx_table
from youjun.web.errors import Refused, refuse
from youjun.web.errors import shown_problem as shown

PAGE = 50
KIND_ENDINGS = {"committee": "党委", "general_branch": "党总支", "branch": "党支部"}
STATUS_WORDS = {"split": ("分设", "split"), "combined": ("一肩挑", "combined"), "unknown": ("不详", "not known"),
                selectors.NO_ORG: ("未建党组织", "no party organisation"),
                selectors.PARENT_ORG: ("由上级党组织管理", "under a higher party organisation")}


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """/party/: the officer's school page, the reader's district page, or a list of both."""
    places = reach.landing(request.user)
    only = places.only()
    if only is not None:
        return redirect(f"party:{only[0]}", only[1])
    return render(request, "party/index.html", {"schools": places.schools, "districts": places.districts})


def _problems(exc: Refused) -> list[dict[str, Any]]:
    lang = lang_code()
    return [shown(p, lang) for p in exc.problems]


def status_word(status: str) -> str:
    zh, en = STATUS_WORDS.get(status, ("", ""))
    return en if lang_code() == "en" else zh


def org_kind(org: PartyOrganisation | None) -> str:
    """The kind's words after an organisation's name, or "" when the name already ends with them
    (“…党委 党委”)."""
    if org is None:
        return ""
    kind = str(org.get_kind_display())
    return "" if org.name.endswith(kind) or org.name.endswith(KIND_ENDINGS.get(org.kind, "\0")) else kind


def person_shown(h: PostHolding | None, names: bool) -> str:
    if h is None:
        return ""
    return h.person if names else mask_name(h.person)


def post_shown(row: selectors.SchoolPosts, post: str, names: bool) -> str:
    """Who holds the secretary's or principal's post in ``row``: the name, 空缺 when the last
    holder's term ended without a successor, or "" when nobody was ever recorded."""
    h = getattr(row, post)
    if h is None and post in row.vacant:
        return str(pgettext("party post", "vacant"))
    return person_shown(h, names)


# --- the district ------------------------------------------------------------------------------

def _district_page(request: HttpRequest, district: District, *, status: int = 200,
                   problems: list[dict[str, Any]] | None = None, **bound: Any) -> HttpResponse:
    r = reach.district_reach(request.user, district)
    today = timezone.localdate()
    nodes = selectors.tree(district, today)
    return render(request, "party/district.html", {
        "district": district, "nodes": nodes, "bureau": r.bureau, "problems": problems or [], "today": today,
        "n_orgs": sum(1 for n in nodes if n.in_force and n.org.school_id),
        "groups": selectors.community_groups(district),
        "create_form": bound.get("create_form") or forms.OrganisationForm(district),
        "update_form": bound.get("update_form") or forms.OrganisationUpdateForm(district),
    }, status=status)


@login_required
@require_safe
def district(request: HttpRequest, code: str) -> HttpResponse:
    return _district_page(request, reach.district_or_404(request.user, code))


@login_required
@require_POST
def org_create(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    reach.require(reach.district_reach(request.user, d).bureau)
    form = forms.OrganisationForm(d, request.POST)
    if not form.is_valid():
        return _district_page(request, d, status=400, create_form=form)
    cd = form.cleaned_data
    try:
        services.create_organisation(request.user, d, name=cd["name"], kind=cd["kind"], founded=cd["founded"],
                                     school=cd["school"], group=cd["group"], parent=cd["parent"],
                                     members=cd["members"])
    except Refused as exc:
        return _district_page(request, d, status=400, problems=_problems(exc), create_form=form)
    messages.success(request, _("The organisation was added to the tree."))
    return redirect("party:district", d.code)


@login_required
@require_POST
def org_update(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    reach.require(reach.district_reach(request.user, d).bureau)
    form = forms.OrganisationUpdateForm(d, request.POST)
    if not form.is_valid():
        return _district_page(request, d, status=400, update_form=form)
    cd = form.cleaned_data
    try:
        services.update_organisation(request.user, cd["organisation"], parent=cd["parent"], members=cd["members"],
                                     dissolved=cd["dissolved"])
    except Refused as exc:
        return _district_page(request, d, status=400, problems=_problems(exc), update_form=form)
    messages.success(request, _("The organisation was changed."))
    return redirect("party:district", d.code)


# --- compliance --------------------------------------------------------------------------------

def _compliance_rows(request: HttpRequest, district: District) -> tuple[forms.ComplianceFilter, dt.date, str,
                                                                        list[selectors.SchoolPosts]]:
    today = timezone.localdate()
    # the date box shows the day the page counts on, not an empty box beside "在任情况" of today
    form = forms.ComplianceFilter(request.GET or None, initial={"on": today})
    day, show = today, ""
    if form.is_valid():
        day = min(form.cleaned_data.get("on") or today, today)
        show = form.cleaned_data.get("show") or ""
    return form, day, show, selectors.posts_on(district, day)


@login_required
@require_safe
def compliance(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    r = reach.district_reach(request.user, d)
    form, day, show, rows = _compliance_rows(request, d)
    c = selectors.counts(rows)
    shown_rows = selectors.filtered(rows, show)
    page = Paginator(shown_rows, PAGE).get_page(request.GET.get("page"))
    on = day.isoformat()

    def link(**q: str) -> str:
        return reverse("party:compliance", args=[d.code]) + "?" + urlencode({"on": on, **q})

    lines = [{"r": row, "status": status_word(row.status), "kind": org_kind(row.organisation),
              "secretary": post_shown(row, "secretary", r.manages),
              "principal": post_shown(row, "principal", r.manages)} for row in page.object_list]
    base_q = urlencode({"on": on, "show": show})
    return render(request, "party/compliance.html", {
        "district": d, "form": form, "day": day, "show": show, "counts": c, "lines": lines, "page": page,
        "n_shown": len(shown_rows), "bureau": r.bureau, "base_q": base_q,
        "links": {k: link(show=k) for k in selectors.FILTERS} | {"all": link()},
        "export_url": reverse("party:compliance_export", args=[d.code]) + "?" + base_q,
    })


@login_required
@require_safe
def compliance_export(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    r = reach.district_reach(request.user, d)
    _form, day, show, rows = _compliance_rows(request, d)
    zh = lang_code() != "en"
    yes, no = ("有", "无") if zh else ("yes", "no")
    lines = []
    for row in selectors.filtered(rows, show):
        org = row.organisation
        lines.append([row.school.code, row.school.name, org.name if org else "", org.get_kind_display() if org else "",
                      post_shown(row, "secretary", r.manages), post_shown(row, "principal", r.manages),
                      status_word(row.status), (yes if row.has_full_deputy else no) if org else "", day.isoformat()])
    header = (["学校标识码", "学校", "党组织", "组织类型", "书记", "校长", "书记、校长", "专职副书记", "日期"]
              if zh else ["School code", "School", "Party organisation", "Kind", "Secretary", "Principal", "Posts",
               "Full-time deputy", "On"])
    content = xlsx_table("书记校长分设" if zh else "Posts", header, lines)
    return xlsx_attachment(content, f"party-posts-{d.code}-{day.isoformat()}.xlsx")


def _decision_rows(request: HttpRequest, d: District) -> tuple[int, bool, list[dict[str, Any]]]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = max(2000, min(year, today.year))
    every = request.GET.get("all") == "1"
    rows = selectors.decisions(d, first=dt.date(year, 1, 1), last=dt.date(year, 12, 31), lacking_only=not every)
    majors, kinds, lang = rules.major_kinds(today), rules.meeting_kinds(today), lang_code()
    for row in rows:
        row["major"] = rules.word(majors, row["d"].major, lang)
        row["kind"] = rules.word(kinds, row["meeting"].kind, lang)
    return year, every, rows


@login_required
@require_safe
def decisions(request: HttpRequest, code: str) -> HttpResponse:
    d = reach.district_or_404(request.user, code)
    year, every, rows = _decision_rows(request, d)
    today = timezone.localdate()
    page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
    return render(request, "party/decisions.html", {
        "district": d, "year": year, "every": every, "page": page, "n": len(rows),
        "years": list(range(today.year, today.year - 6, -1)),
        "export_query": urlencode({"year": year, **({"all": "1"} if every else {})}),
    })


@login_required
@require_safe
def decisions_export(request: HttpRequest, code: str) -> HttpResponse:
    """The decisions listed (same year and choice), every one, as XLSX; texts stay text."""
    d = reach.district_or_404(request.user, code)
    year, every, rows = _decision_rows(request, d)
    zh = lang_code() != "en"
    header = (["日期", "学校标识码", "学校", "会议", "会议名称", "决策事项", "类别", "党组织前置研究"] if zh else
              ["Date", "School code", "School", "Meeting", "Meeting title", "Decision", "Kind", "Prior study"])
    words = {"none": ("无", "none"), "yes": ("有", "yes"), "party": ("由党组织决定", "taken by the party organisation")}

    def study(r: dict[str, Any]) -> str:
        key = "none" if r["lacks"] else "yes" if r["d"].prior_study else "party"
        return words[key][0 if zh else 1]

    lines = [[r["meeting"].held_on.isoformat(), r["school"].code, r["school"].name, r["kind"], r["meeting"].title,
              r["d"].text, r["major"], study(r)] for r in rows]
    content = xlsx_table("三重一大决策" if zh else "Decisions", header, lines)
    return xlsx_attachment(content, f"party-decisions-{d.code}-{year}{'-all' if every else ''}.xlsx")


# --- a school ----------------------------------------------------------------------------------

def _school_page(request: HttpRequest, school: School, *, status: int = 200,
                 problems: list[dict[str, Any]] | None = None, **bound: Any) -> HttpResponse:
    r = reach.school_reach(request.user, school)
    today = timezone.localdate()
    posts = selectors.posts_on(school.district, today, [school])[0]
    lang = lang_code()
    history = [{"h": h, "person": person_shown(h, r.manages)} for h in selectors.school_holdings(school)]
    versions = selectors.duty_versions(school)
    current = versions[0] if versions else None
    kinds, majors = rules.meeting_kinds(today), rules.major_kinds(today)
    meetings = [{"m": m, "kind": rules.word(kinds, m.kind, lang),
                 "decisions": [{"d": x, "major": rules.word(majors, x.major, lang) if x.major else "",
                                "lacks": rules.lacks_prior_study(next((k for k in kinds if k.code == m.kind), None),
                                                                 x.major, x.prior_study)}
                               for x in m.decisions.all()]}
                for m in selectors.meetings(school)]
    district_sees = reach.district_reach(request.user, school.district).sees
    return render(request, "party/school.html", {
        "school": school, "district": school.district, "posts": posts, "status": status_word(posts.status),
        "org_kind": org_kind(posts.organisation),
        "secretary": post_shown(posts, "secretary", r.manages), "principal": post_shown(posts, "principal", r.manages),
        "full_deputy": person_shown(posts.full_deputy, r.manages), "history": history,
        "current": current, "versions": versions[1:10], "meetings": meetings, "manages": r.manages,
        "district_sees": district_sees, "problems": problems or [], "today": today,
        "appoint_form": bound.get("appoint_form") or forms.AppointForm(),
        "end_form": bound.get("end_form") or forms.EndHoldingForm(school),
        "vacant": posts.vacant,
        "duties_form": bound.get("duties_form") or forms.DutiesForm(initial={"year": today.year}),
        "meeting_form": bound.get("meeting_form") or forms.MeetingForm(),
    }, status=status)


@login_required
@require_safe
def school(request: HttpRequest, code: str) -> HttpResponse:
    return _school_page(request, reach.school_or_404(request.user, code))


def _managed_school(request: HttpRequest, code: str) -> School:
    s = reach.school_or_404(request.user, code)
    reach.require(reach.school_reach(request.user, s).manages)
    return s


@login_required
@require_POST
def appoint(request: HttpRequest, code: str) -> HttpResponse:
    s = _managed_school(request, code)
    form = forms.AppointForm(request.POST)
    if not form.is_valid():
        return _school_page(request, s, status=400, appoint_form=form)
    cd = form.cleaned_data
    try:
        teacher = None
        staff_id = (cd.get("staff_id") or "").strip()
        if staff_id:
            teacher = Teacher.objects.filter(district=s.district, staff_id=staff_id).first()
            if teacher is None:
                raise refuse("E1255", value=staff_id, rule="party.post.teacher", school=s.name)
        services.appoint(request.user, post=cd["post"], person=cd.get("person") or "", start=cd["start"], school=s,
                         teacher=teacher)
    except Refused as exc:
        return _school_page(request, s, status=400, problems=_problems(exc), appoint_form=form)
    messages.success(request, _("The post was recorded; the earlier holding is kept in the history."))
    nxt = request.POST.get("next") or ""
    if nxt.startswith("/party/district/"):
        return redirect(nxt)
    return redirect("party:school", s.code)


@login_required
@require_POST
def end_holding(request: HttpRequest, code: str) -> HttpResponse:
    """End one of the school's open holdings without a successor (the post is vacant from the
    next day); a holding of another school is out of reach (404)."""
    s = _managed_school(request, code)
    pk = request.POST.get("holding") or ""
    found = PostHolding.objects.filter(pk=int(pk)).select_related("organisation").first() if pk.isdigit() else None
    if found is not None and s.pk not in (found.school_id, found.organisation.school_id if found.organisation
                                          else None):
        raise Http404("holding")
    form = forms.EndHoldingForm(s, request.POST)
    if not form.is_valid():
        return _school_page(request, s, status=400, end_form=form)
    try:
        h = services.end_holding(request.user, form.cleaned_data["holding"], end=form.cleaned_data["end"])
    except Refused as exc:
        return _school_page(request, s, status=400, problems=_problems(exc), end_form=form)
    messages.success(request, _("The holding ended on %(day)s; the post is vacant until a new holder is recorded.")
                     % {"day": date_format(h.end)})
    return redirect("party:school", s.code)


@login_required
@require_POST
def duties(request: HttpRequest, code: str) -> HttpResponse:
    s = _managed_school(request, code)
    form = forms.DutiesForm(request.POST)
    if not form.is_valid():
        return _school_page(request, s, status=400, duties_form=form)
    cd = form.cleaned_data
    try:
        services.save_duties(request.user, s, year=cd["year"], as_of=cd["as_of"], secretary=cd["secretary"],
                             principal=cd["principal"])
    except Refused as exc:
        return _school_page(request, s, status=400, problems=_problems(exc), duties_form=form)
    messages.success(request, _("A new version of the duty list was saved; earlier versions are kept."))
    return redirect("party:school", s.code)


@login_required
@require_POST
def meeting(request: HttpRequest, code: str) -> HttpResponse:
    s = _managed_school(request, code)
    form = forms.MeetingForm(request.POST, request.FILES)
    if not form.is_valid():
        return _school_page(request, s, status=400, meeting_form=form)
    cd = form.cleaned_data
    try:
        m = services.record_meeting(request.user, s, kind=cd["kind"], title=cd["title"], held_on=cd["held_on"],
                                    attendees=cd["attendees"], decisions=form.decisions(), minutes=cd.get("minutes"))
    except Refused as exc:
        return _school_page(request, s, status=400, problems=_problems(exc), meeting_form=form)
    messages.success(request, _("The meeting was recorded."))
    _warn_lacking(request, m)
    return redirect("party:school", s.code)


def _warn_lacking(request: HttpRequest, m: Meeting) -> None:
    """A warning for each 三重一大 decision of ``m`` saved without the party organisation's prior study."""
    kind = next((k for k in rules.meeting_kinds(timezone.localdate()) if k.code == m.kind), None)
    for d in m.decisions.all():
        if rules.lacks_prior_study(kind, d.major, d.prior_study):
            messages.warning(request, _("“%(d)s”: this decision is a “three majors, one large” item that the party "
                                        "organisation did not study beforehand.") % {"d": d.text})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    s = reach.school_or_404(request.user, code)
    m = Meeting.objects.filter(pk=pk, school=s).select_related("minutes").first()
    if m is None:
        raise Http404("meeting")
    reach.require(reach.school_reach(request.user, s).manages)
    n = m.decisions.count()
    problems: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST":
        form = forms.MeetingForm(request.POST, request.FILES, n=n)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                m = services.update_meeting(request.user, m, kind=cd["kind"], title=cd["title"],
                                            held_on=cd["held_on"], attendees=cd["attendees"],
                                            decisions=form.decisions(), minutes=cd.get("minutes"))
            except Refused as exc:
                problems, status = _problems(exc), 400
            else:
                messages.success(request, _("The meeting was corrected."))
                _warn_lacking(request, m)
                return redirect("party:school", s.code)
        else:
            status = 400
    else:
        form = forms.MeetingForm(initial=forms.meeting_initial(m), n=n)
    return render(request, "party/meeting_edit.html", {"school": s, "district": s.district, "m": m, "form": form,
                                                       "problems": problems}, status=status)


@login_required
@require_POST
def meeting_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    s = reach.school_or_404(request.user, code)
    m = Meeting.objects.filter(pk=pk, school=s).first()
    if m is None:
        raise Http404("meeting")
    reach.require(reach.school_reach(request.user, s).manages)
    form = forms.MeetingDeleteForm(request.POST)
    try:
        services.delete_meeting(request.user, m, confirmed=form.is_valid())
    except Refused as exc:
        return _school_page(request, s, status=400, problems=_problems(exc))
    messages.success(request, _("The meeting and its decisions were deleted."))
    return redirect("party:school", s.code)


# --- a group's community -------------------------------------------------------------------------

def _group(request: HttpRequest, pk: int) -> tuple[EducationGroup, reach.Reach]:
    group = EducationGroup.objects.select_related("district__province").filter(pk=pk).first()
    if group is None:
        raise Http404("group")
    r = reach.district_reach(request.user, group.district)
    if r.sees:
        return group, r
    own = reach.own_school_ids(request.user, group.district)
    if own and School.objects.filter(group=group, pk__in=own).exists():
        return group, reach.Reach(sees=True)
    raise Http404("group")


def _group_page(request: HttpRequest, group: EducationGroup, r: reach.Reach, *, status: int = 200,
                problems: list[dict[str, Any]] | None = None, form: Any = None) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = max(2000, min(year, today.year))
    lang = lang_code()
    items = selectors.community(group, year)
    schools = selectors.group_schools(group)
    posts = selectors.posts_on(group.district, today, schools) if schools else []
    committees = selectors.group_committees(group)
    holders = {o.pk: [h for h in o.holdings.all() if h.end is None] for o in committees}
    return render(request, "party/group.html", {
        "group": group, "district": group.district, "year": year, "years": list(range(today.year, today.year - 5, -1)),
        "items": [{**i, "name": i["item"].label(lang), "aim": i["item"].aim(lang)} for i in items],
        "n_done": sum(1 for i in items if i["row"] is not None and i["row"].done), "n_items": len(items),
        "committees": [{"o": o, "holders": [{"h": h, "person": person_shown(h, r.manages)} for h in holders[o.pk]]}
                       for o in committees],
        "schools": [{"p": p, "status": status_word(p.status)} for p in posts],
        "bureau": r.bureau, "district_sees": reach.district_reach(request.user, group.district).sees,
        "problems": problems or [], "form": form or forms.CommunityForm(initial={"year": year}),
        "local": rules.is_local("community-items"), "reference": rules.reference("community-items"),
    }, status=status)


@login_required
@require_safe
def group(request: HttpRequest, pk: int) -> HttpResponse:
    g, r = _group(request, pk)
    return _group_page(request, g, r)


@login_required
@require_POST
def community(request: HttpRequest, pk: int) -> HttpResponse:
    g, r = _group(request, pk)
    reach.require(r.bureau)
    form = forms.CommunityForm(request.POST, request.FILES)
    if not form.is_valid():
        return _group_page(request, g, r, status=400, form=form)
    cd = form.cleaned_data
    try:
        services.set_community_item(request.user, g, year=cd["year"], item=cd["item"], done=cd["done"],
                                    note=cd["note"], upload=cd.get("evidence"))
    except Refused as exc:
        return _group_page(request, g, r, status=400, problems=_problems(exc), form=form)
    return redirect(reverse("party:group", args=[g.pk]) + f"?year={cd['year']}")


# --- evidence files ------------------------------------------------------------------------------

@login_required
@require_safe
def file(request: HttpRequest, pk: int) -> HttpResponse:
    row = PartyFile.objects.select_related("district", "school__district").filter(pk=pk).first()
    if row is None:
        raise Http404("file")
    if row.school is not None:
        reach.school_or_404(request.user, row.school.code)
    else:
        item = CommunityItem.objects.filter(evidence=row).select_related("group").first()
        if item is not None:
            _group(request, item.group_id)
        elif not reach.district_reach(request.user, row.district).sees:
            raise Http404("file")
    response = HttpResponse(bytes(row.content), content_type=row.content_type)
    response["Content-Disposition"] = "inline; filename=\"evidence.{}\"".format(
        "pdf" if row.content_type == "application/pdf" else "jpg")
    response["X-Content-Type-Options"] = "nosniff"
    return response
