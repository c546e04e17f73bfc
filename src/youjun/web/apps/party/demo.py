"""The party app's demo at the sources' scale (seeds 000 Y1, 001 W4), on a district's existing
schools and teachers.

Yongchuan reports that "the 24 schools with a party committee or a general branch have all split
the secretary's and the principal's posts" and that "the 99 grass-roots school party
organisations all have a full-time deputy secretary", and that the 兴龙湖中学 and 凤凰湖中学
education groups have their own party committees. So: the district's own committee (教育工委) at
the top; 99 school party organisations in the largest schools that are not teaching points
(by serving teachers; fewer in a smaller district): committees for the largest twelve, general
branches for the next twelve, branches for the rest; two group committees (the groups whose name
or member school's name contains 兴龙湖 / 凤凰湖, else the two largest groups), the schools of
those groups under them. Each school organisation has a full-time deputy secretary; the 24
committee and general-branch schools split their posts (an earlier combined holding closed, a
new principal since), the others combined (一肩挑); duty lists for the split ones; a few
meetings with 三重一大 decisions, one of them without a prior study; the 七联七化 checklist of
each group committee's group for this year and last with some items done. Bulk writes; run
twice, it changes nothing (a district with party organisations is left as it is).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from youjun.core import party as rules
from youjun.web.apps.party.models import (
    CommunityItem,
    Decision,
    DutyList,
    Meeting,
    PartyOrganisation,
    PostHolding,
)
from youjun.web.apps.platform.models import District, EducationGroup, School
from youjun.web.apps.workforce.models import Teacher

N_ORGS = 99  # seeds 000 Y1: 99 school party organisations, each with a full-time deputy secretary
N_SPLIT = 24  # seeds 000 Y1: 24 committee and general-branch schools with split posts
N_COMMITTEES = 12  # of the 24: party committees for the largest, general branches for the others
GROUP_WORDS = ("兴龙湖", "凤凰湖")  # seeds 000 Y1: the two education groups with their own committees
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = ("建国", "志强", "丽华", "海燕", "明", "静", "军", "芳", "勇", "敏", "伟", "红梅", "晓东", "春燕", "国庆",
         "玉兰")
SECRETARY_DUTIES = ("主持学校党组织全面工作，履行全面从严治党主体责任",
                    "把方向、管大局、作决策、抓班子、带队伍、保落实",
                    "组织党组织会议研究“三重一大”事项", "抓好意识形态和思想政治工作", "领导学校德育和师德师风建设")
PRINCIPAL_DUTIES = ("在党组织领导下主持学校行政工作", "组织实施党组织会议决定", "组织拟订并实施学校发展规划和年度计划",
                    "主持校长办公会，研究提交党组织会议的事项", "负责教育教学、安全和后勤管理")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(max(1, (last - first).days + 1)))


def _two_groups(district: District) -> list[EducationGroup]:
    groups = list(EducationGroup.objects.filter(district=district).annotate(n=Count("schools")).order_by("-n", "name"))
    named = []
    for word in GROUP_WORDS:
        hit = next((g for g in groups if word in g.name), None)
        if hit is None:
            hit = next((g for g in groups if School.objects.filter(group=g, name__contains=word).exists()), None)
        if hit is not None and hit not in named:
            named.append(hit)
    for g in groups:
        if len(named) >= 2:
            break
        if g not in named:
            named.append(g)
    return named


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    if PartyOrganisation.objects.filter(district=district).exists():
        return {"skipped": True, "organisations": PartyOrganisation.objects.filter(district=district,
                                                                                   school__isnull=False).count()}
    sizes = Counter(dict(Teacher.objects.filter(school__district=district, active=True).values_list("school")
                         .annotate(n=Count("id")).values_list("school", "n")))
    schools = sorted(School.objects.filter(district=district).filter(~Q(school_type="teaching_point")),
                     key=lambda s: (-sizes.get(s.pk, 0), s.code))[:N_ORGS]
    if not schools:
        return {"skipped": True, "organisations": 0}
    n_split = min(N_SPLIT, len(schools))
    teachers: dict[int, list[Teacher]] = {}
    for t in Teacher.objects.filter(school__in=schools, active=True).order_by("staff_id"):
        teachers.setdefault(t.school_id, []).append(t)
    y = today.year
    long_ago, settled = dt.date(y - 12, 1, 1), dt.date(y - 2, 12, 31)  # every stock in place by the end of y-2

    with transaction.atomic():
        root = PartyOrganisation.objects.create(district=district, name=f"中共{district.name}委教育工作委员会",
                                                kind="committee", founded=dt.date(y - 15, 3, 1))
        group_orgs: dict[int, PartyOrganisation] = {}
        holdings: list[PostHolding] = []
        for g in _two_groups(district):
            org = PartyOrganisation.objects.create(district=district, name=f"{g.name}党委", kind="committee",
                                                   education_group=g, parent=root,
                                                   founded=_day(rng, dt.date(y - 5, 1, 1), dt.date(y - 3, 12, 31)),
                                                   members=rng.randint(60, 140))
            group_orgs[g.pk] = org
            for post in ("secretary", "full_deputy"):
                holdings.append(PostHolding(organisation=org, post=post, person=_name(rng), start=org.founded))
        orgs = []
        for i, s in enumerate(schools):
            kind = "committee" if i < min(N_COMMITTEES, n_split) else "general_branch" if i < n_split else "branch"
            suffix = {"committee": "党委", "general_branch": "党总支", "branch": "党支部"}[kind]
            parent = group_orgs.get(s.group_id or 0, root)
            n_staff = sizes.get(s.pk, 0)
            orgs.append(PartyOrganisation(district=district, name=f"中共{s.name}{suffix}", kind=kind, school=s,
                                          parent=parent, founded=_day(rng, long_ago, dt.date(y - 4, 12, 31)),
                                          members=max(3, round(n_staff * rng.uniform(.3, .55))) if n_staff else None))
        PartyOrganisation.objects.bulk_create(orgs)
        orgs = list(PartyOrganisation.objects.filter(district=district, school__isnull=False).order_by("id"))
        by_school = {o.school_id: o for o in orgs}
        split_days: dict[int, dt.date] = {}
        for i, s in enumerate(schools):
            org = by_school[s.pk]
            staff = teachers.get(s.pk, [])
            people = [(t, t.name) for t in staff[:3]] + [(None, _name(rng)) for _ in range(3 - len(staff[:3]))]
            (t0, n0), (t1, n1), (t2, n2) = people
            since = _day(rng, org.founded, dt.date(y - 3, 8, 31))
            holdings.append(PostHolding(organisation=org, school=s, post="secretary", person=n0, teacher=t0,
                                        start=since))
            holdings.append(PostHolding(organisation=org, school=s, post="full_deputy", person=n2, teacher=t2,
                                        start=_day(rng, since, settled)))
            if i < n_split:  # the split: the secretary was also the principal until a new principal came
                split = _day(rng, since + dt.timedelta(days=30), settled)
                split_days[s.pk] = split
                holdings.append(PostHolding(school=s, post="principal", person=n0, teacher=t0, start=since,
                                            end=split - dt.timedelta(days=1)))
                holdings.append(PostHolding(school=s, post="principal", person=n1, teacher=t1, start=split))
            else:
                holdings.append(PostHolding(school=s, post="principal", person=n0, teacher=t0, start=since))
        PostHolding.objects.bulk_create(holdings)

        duties = [DutyList(school=s, year=y, as_of=min(dt.date(y, 1, 10), today),
                           secretary_duties=list(SECRETARY_DUTIES), principal_duties=list(PRINCIPAL_DUTIES))
                  for s in schools[:n_split]]
        duties += [DutyList(school=s, year=y - 1, as_of=dt.date(y - 1, 1, 10),
                            secretary_duties=list(SECRETARY_DUTIES[:4]), principal_duties=list(PRINCIPAL_DUTIES[:4]))
                   for s in schools[:n_split]]
        DutyList.objects.bulk_create(duties)

        n_meetings, decisions = 0, []
        held = max(dt.date(y, 1, 1), today - dt.timedelta(days=120))
        for i, s in enumerate(schools[:min(8, len(schools))]):
            party_day = _day(rng, held, today - dt.timedelta(days=7)) if today - dt.timedelta(days=7) >= held else today
            pm = Meeting.objects.create(school=s, kind="party_meeting", title=f"{by_school[s.pk].name}会议",
                                        held_on=party_day, attendees=rng.randint(5, 11))
            principal_day = min(party_day + dt.timedelta(days=rng.randint(1, 7)), today)
            sm = Meeting.objects.create(school=s, kind="principal_meeting", title="校长办公会",
                                        held_on=principal_day, attendees=rng.randint(6, 12))
            n_meetings += 2
            decisions += [Decision(meeting=pm, text="研究年度经费预算安排", major="large_funds", prior_study=True),
                          Decision(meeting=pm, text="研究中层干部调整方案", major="cadre_appointment",
                                   prior_study=True),
                          Decision(meeting=sm, text="执行年度经费预算", major="large_funds", prior_study=True),
                          Decision(meeting=sm, text="安排期末工作", major="", prior_study=False)]
            if i == 0:  # the one the compliance list shows
                decisions.append(Decision(meeting=sm, text="采购智慧教室设备", major="major_project",
                                          prior_study=False))
        Decision.objects.bulk_create(decisions)

        items = rules.community_items(today)
        rows = []
        for g_pk in group_orgs:
            for year, n_done in ((y - 1, len(items) - 1), (y, max(1, len(items) // 2))):
                rows += [CommunityItem(group_id=g_pk, year=year, item=it.code, done=k < n_done,
                                       note="已落实" if k < n_done else "")
                         for k, it in enumerate(items)]
        CommunityItem.objects.bulk_create(rows)

    lacking = sum(1 for d in decisions if rules.lacks_prior_study(
        next((k for k in rules.meeting_kinds(today) if k.code == d.meeting.kind), None), d.major, d.prior_study))
    return {"organisations": len(orgs), "split": len(split_days), "full_deputies": len(orgs),
            "group_committees": len(group_orgs), "meetings": n_meetings, "decisions_lacking_prior_study": lacking,
            "community_items": len(rows)}
