"""Reads of school party work: the district's tree, each school's posts on a day (split,
combined or unknown, and the full-time deputy), the compliance rows and counts, the 三重一大
decisions lacking a prior study, a school's records and a group's community checklist."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from youjun.core import party as rules
from youjun.web.apps.party.models import CommunityItem, Decision, DutyList, Meeting, PartyOrganisation, PostHolding
from youjun.web.apps.platform.models import District, EducationGroup, School


def _in_force_q(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def _org_in_force(org: PartyOrganisation, day: dt.date) -> bool:
    return org.founded <= day and (org.dissolved is None or org.dissolved >= day)


def organisations(district: District) -> list[PartyOrganisation]:
    return list(PartyOrganisation.objects.filter(district=district)
                .select_related("school", "education_group", "parent").order_by("name"))


@dataclass
class TreeNode:
    org: PartyOrganisation
    depth: int
    in_force: bool


def tree(district: District, day: dt.date) -> list[TreeNode]:
    """The district's organisations in tree order (roots first, children under their parent)."""
    orgs = organisations(district)
    children: dict[int | None, list[PartyOrganisation]] = defaultdict(list)
    ids = {o.pk for o in orgs}
    for o in orgs:
        children[o.parent_id if o.parent_id in ids else None].append(o)
    kind_order = {"committee": 0, "general_branch": 1, "branch": 2}
    out: list[TreeNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for o in sorted(children.get(parent, []), key=lambda o: (o.school_id is not None, kind_order.get(o.kind, 3),
                                                                o.name)):
            out.append(TreeNode(o, depth, _org_in_force(o, day)))
            if depth < 20:
                walk(o.pk, depth + 1)

    walk(None, 0)
    return out


TEACHING_POINT = "teaching_point"
NO_ORG = "no_org"  # a school without a party organisation of its own
PARENT_ORG = "parent_org"  # a teaching point: its members belong to a higher organisation's


@dataclass
class SchoolPosts:
    """A school's party organisation and posts on a day."""

    school: School
    organisation: PartyOrganisation | None = None
    secretary: PostHolding | None = None
    principal: PostHolding | None = None
    full_deputy: PostHolding | None = None
    deputies: list[PostHolding] = field(default_factory=list)
    # the posts ("secretary", "principal") held before the day and ended without a successor: 空缺
    vacant: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        def person(h: PostHolding | None) -> rules.Person | None:
            return rules.Person(h.teacher_id, h.person) if h is not None else None

        if self.organisation is None:  # not "unknown": nothing is missing from a record
            return PARENT_ORG if self.school.school_type == TEACHING_POINT else NO_ORG
        return rules.post_status(person(self.secretary), person(self.principal))

    @property
    def has_full_deputy(self) -> bool:
        return self.full_deputy is not None


def posts_on(district: District, day: dt.date, schools: list[School] | None = None) -> list[SchoolPosts]:
    """Every school of ``district`` (or those given) with its organisation and posts on ``day``."""
    if schools is None:
        schools = list(School.objects.filter(district=district).order_by("code"))
    rows = {s.pk: SchoolPosts(s) for s in schools}
    for org in (PartyOrganisation.objects.filter(district=district, school_id__in=rows, founded__lte=day)
                .order_by("founded", "id")):
        if org.dissolved is None or org.dissolved >= day:
            rows[org.school_id].organisation = org  # the latest founded wins
    org_school = {r.organisation.pk: pk for pk, r in rows.items() if r.organisation is not None}
    holdings = PostHolding.objects.filter(_in_force_q(day)).filter(
        Q(post="principal", school_id__in=rows) | Q(organisation_id__in=org_school)).order_by("start", "id")
    for h in holdings:
        if h.post == "principal":
            rows[h.school_id].principal = h
            continue
        row = rows[org_school[h.organisation_id]]
        if h.post == "secretary":
            row.secretary = h
        elif h.post == "full_deputy":
            row.full_deputy = h
        else:
            row.deputies.append(h)
    _mark_vacant(rows, org_school, day)
    return list(rows.values())


def _mark_vacant(rows: dict[int, SchoolPosts], org_school: dict[int, int], day: dt.date) -> None:
    """A secretary's or principal's post nobody holds on ``day`` but somebody held before
    (their holding ended, no successor yet) is vacant."""
    ended = PostHolding.objects.filter(end__lt=day).filter(
        Q(post="principal", school_id__in=[pk for pk, r in rows.items() if r.principal is None])
        | Q(post="secretary", organisation_id__in=[o for o, pk in org_school.items() if rows[pk].secretary is None]))
    for post, school_id, org_id in ended.values_list("post", "school_id", "organisation_id").distinct():
        rows[school_id if post == "principal" else org_school[org_id]].vacant.add(post)


FILTERS = ("split", "combined", "unknown", "no_deputy", "no_org")


def filtered(rows: list[SchoolPosts], show: str) -> list[SchoolPosts]:
    if show in ("split", "combined", "unknown"):
        return [r for r in rows if r.status == show]
    if show == "no_deputy":
        return [r for r in rows if r.organisation is not None and not r.has_full_deputy]
    if show == "no_org":  # a teaching point under a higher organisation is not missing one
        return [r for r in rows if r.status == NO_ORG]
    return rows


def counts(rows: list[SchoolPosts]) -> dict[str, int]:
    with_org = [r for r in rows if r.organisation is not None]
    return {"schools": len(rows), "split": sum(r.status == "split" for r in rows),
            "combined": sum(r.status == "combined" for r in rows),
            "unknown": sum(r.status == "unknown" for r in rows),
            "organisations": len(with_org), "full_deputies": sum(r.has_full_deputy for r in with_org),
            "no_deputy": sum(not r.has_full_deputy for r in with_org),
            "no_org": sum(r.status == NO_ORG for r in rows), "parent_org": sum(r.status == PARENT_ORG for r in rows)}


def decisions(district: District, *, first: dt.date, last: dt.date, lacking_only: bool) -> list[dict[str, Any]]:
    """The 三重一大 decisions of the district's school meetings held in [first, last], each with
    whether it lacks a prior study; ``lacking_only`` keeps those only."""
    kinds = {k.code: k for k in rules.meeting_kinds(timezone.localdate())}
    out = []
    for d in (Decision.objects.filter(meeting__school__district=district, meeting__held_on__gte=first,
                                      meeting__held_on__lte=last).exclude(major="")
              .select_related("meeting__school").order_by("-meeting__held_on", "meeting__school__code", "id")):
        lacks = rules.lacks_prior_study(kinds.get(d.meeting.kind), d.major, d.prior_study)
        if lacking_only and not lacks:
            continue
        out.append({"d": d, "meeting": d.meeting, "school": d.meeting.school, "lacks": lacks})
    return out


def school_holdings(school: School) -> list[PostHolding]:
    """Every holding of the school (its principal's and its organisations' posts), newest first."""
    return list(PostHolding.objects.filter(Q(school=school) | Q(organisation__school=school))
                .select_related("organisation", "teacher").order_by("-start", "post", "-id"))


def duty_versions(school: School, year: int | None = None) -> list[DutyList]:
    qs = DutyList.objects.filter(school=school)
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs.order_by("-year", "-as_of", "-id"))


def meetings(school: School, limit: int = 50) -> list[Meeting]:
    return list(Meeting.objects.filter(school=school).select_related("minutes")
                .prefetch_related("decisions").order_by("-held_on", "-id")[:limit])


def group_schools(group: EducationGroup) -> list[School]:
    return list(School.objects.filter(group=group).order_by("code"))


def group_committees(group: EducationGroup) -> list[PartyOrganisation]:
    return list(PartyOrganisation.objects.filter(education_group=group).order_by("name"))


def community(group: EducationGroup, year: int) -> list[dict[str, Any]]:
    """The seven items for ``year`` in the rules' order, each with its row (or none yet)."""
    found = {r.item: r for r in CommunityItem.objects.filter(group=group, year=year).prefetch_related("evidence")}
    return [{"item": i, "row": found.get(i.code)} for i in rules.community_items(timezone.localdate())]


def community_groups(district: District) -> list[EducationGroup]:
    """The district's groups with a party committee or a checklist row (those the pages link)."""
    ids = set(PartyOrganisation.objects.filter(district=district, education_group__isnull=False)
              .values_list("education_group_id", flat=True))
    ids |= set(CommunityItem.objects.filter(group__district=district).values_list("group_id", flat=True))
    return list(EducationGroup.objects.filter(pk__in=ids).order_by("name"))
