"""The education groups' demo, on a district's existing schools and teachers.

``seed(district, *, today, rng)`` keeps the register's groups (the workbook's ``education_group``;
the sample district S has 20) and adds groups up to 18 when it has fewer (fewer for a district of
fewer than 36 schools), each with a lead
school (its largest school) and the district's other schools spread over them by town, so every
school is in a group; each lead but those of the smallest fifth of the groups marked as a quality school by the bureau
(so the coverage is below 100% and a move can change it); a register group's lead is the school
it is named after; memberships from three school years ago, and one school
moved to another group last school year (its history); shared courses and joint research in
each group over two school years; one 片区 area per town (at most 12) with sessions each term
and teachers of the area's schools as participants. Bulk writes (fast at 9,300 teachers); run
twice, it changes nothing (a district with memberships is left as it is).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import transaction

from youjun.core.school_year import start_year
from youjun.web.apps.groups import selectors
from youjun.web.apps.groups.models import (
    AreaSession,
    GroupMembership,
    JointResearch,
    QualityMark,
    ResearchArea,
    SharedCourse,
)
from youjun.web.apps.platform.models import District, EducationGroup, School
from youjun.web.apps.workforce.models import Teacher

N_GROUPS = 18
MAX_AREAS = 12
COURSES = ("书法进课堂", "科学探究实验", "整本书阅读", "劳动教育实践", "英语口语", "音乐合唱", "足球校本课", "心理健康")
TOPICS = ("大单元教学设计", "作业设计与减负", "课堂提问有效性", "跨学科主题学习", "双减背景下的课后服务",
          "新课标学业质量", "乡村小规模学校复式教学", "实验教学能力提升")
OUTPUTS = ("形成教学设计集 1 册", "录制示范课 2 节", "形成作业样例 20 份", "撰写教研简报 1 期", "")


def _year_start(year: int) -> dt.date:
    return dt.date(year, 9, 1)


UNMARKED_SHARE = 5  # one group in five (at least one) has a lead not (yet) marked as a quality school


def _lead_of(group_name: str, members: list[School], pupils: dict[str, int]) -> School:
    """The lead school of a register group: the member the group is named after (its name in the
    group's, longest first), else the largest member by pupils."""
    def short(name: str) -> str:  # "永川区红星小学" → "红星小学"
        head, sep, tail = name.partition("区")
        return tail if sep and len(head) <= 3 and tail else name

    named = [s for s in members if s.name and short(s.name) in group_name]
    if named:
        return max(named, key=lambda s: (len(s.name), s.code))
    return max(members, key=lambda s: (pupils.get(s.code, 0), s.code))


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    if GroupMembership.objects.filter(school__district=district).exists():
        return {"skipped": True, "memberships": GroupMembership.objects.filter(school__district=district).count()}
    schools = list(School.objects.filter(district=district).order_by("code"))
    if len(schools) < 2:
        return {"skipped": True, "memberships": 0}
    _year, pupils = selectors.pupils_by_school(district)
    n_groups = max(1, min(N_GROUPS, len(schools) // 2))
    this_year = start_year(today)
    since = _year_start(this_year - 3)
    moved_on = _year_start(this_year - 1)

    with transaction.atomic():
        # groups: the register's, then new ones around the largest schools not yet leading a group
        by_group: dict[int, list[School]] = defaultdict(list)
        for s in schools:
            if s.group_id:
                by_group[s.group_id].append(s)
        groups = list(EducationGroup.objects.filter(district=district, pk__in=list(by_group)).order_by("name"))
        leads: dict[int, School] = {g.pk: _lead_of(g.name, by_group[g.pk], pupils) for g in groups}
        free = sorted((s for s in schools if not s.group_id), key=lambda s: (-pupils.get(s.code, 0), s.code))
        taken = {s.pk for s in leads.values()}
        names = set(EducationGroup.objects.filter(district=district).values_list("name", flat=True))
        while len(groups) < n_groups and free:
            lead = free.pop(0)
            name = f"{lead.name}教育集团"
            if name in names:
                continue
            g = EducationGroup.objects.create(district=district, name=name)
            names.add(name)
            groups.append(g)
            leads[g.pk] = lead
            taken.add(lead.pk)
            by_group[g.pk].append(lead)
        # the others by town: a town's schools join the group whose lead is in that town, else round robin
        lead_town: dict[str, int] = {}
        for g in groups:
            lead_town.setdefault(leads[g.pk].town, g.pk)
        for i, s in enumerate(sorted(free, key=lambda s: (s.town, s.code))):
            gid = lead_town.get(s.town) or groups[i % len(groups)].pk
            by_group[gid].append(s)
        rows, group_of = [], {}
        for g in groups:
            for s in by_group[g.pk]:
                role = "lead" if leads[g.pk].pk == s.pk else "member"
                rows.append(GroupMembership(group=g, school=s, role=role, start=since, note="示例数据"))
                group_of[s.pk] = g
        # one school moved last school year: out of the largest group into the next one
        moved = None
        if len(groups) > 1:
            big = max(groups, key=lambda g: len(by_group[g.pk]))
            members = [s for s in by_group[big.pk] if s.pk != leads[big.pk].pk]
            if members:
                moved = members[-1]
                target = next(g for g in groups if g.pk != big.pk)
                for r in rows:
                    if r.school.pk == moved.pk:
                        r.end = moved_on - dt.timedelta(days=1)
                rows.append(GroupMembership(group=target, school=moved, role="member", start=moved_on,
                                            note="示例：就近调整到新集团"))
                group_of[moved.pk] = target
        GroupMembership.objects.bulk_create(rows)
        for s in schools:
            s.group = group_of.get(s.pk)
        School.objects.bulk_update(schools, ["group"], batch_size=500)
        # most leads are quality schools; the smallest groups' leads not yet (so coverage is below 100%
        # and a move can change it)
        by_size = sorted(groups, key=lambda g: (sum(pupils.get(s.code, 0) for s in by_group[g.pk]), g.name))
        unmarked = {g.pk for g in by_size[:max(1, len(groups) // UNMARKED_SHARE)]} if len(groups) > 1 else set()
        QualityMark.objects.bulk_create([
            QualityMark(school=leads[g.pk], basis="区教委优质学校认定（示例）", marked_on=_year_start(this_year - 1))
            for g in groups if g.pk not in unmarked])

        # what the groups share, over the last two school years
        current: dict[int, list[School]] = defaultdict(list)
        for s in schools:
            if s.pk in group_of:
                current[group_of[s.pk].pk].append(s)
        courses, research = [], []
        course_links, research_links = [], []
        for g in groups:
            members = current[g.pk]
            others = [s for s in members if s.pk != leads[g.pk].pk]
            for year in (this_year - 1, this_year):
                for term in (1, 2):
                    held = dt.date(year, 10, 20) if term == 1 else dt.date(year + 1, 4, 15)
                    if held > today:
                        continue
                    c = SharedCourse(group=g, title=rng.choice(COURSES), offering_school=leads[g.pk],
                                     school_year=f"{year}-{year + 1}", term=term,
                                     hours=Decimal(rng.choice((8, 12, 16, 24))))
                    courses.append((c, others[:3] or [leads[g.pk]]))
                    r = JointResearch(group=g, held_on=held, topic=rng.choice(TOPICS),
                                      host=rng.choice(members), outputs=rng.choice(OUTPUTS))
                    research.append((r, members))
        SharedCourse.objects.bulk_create([c for c, _ in courses])
        JointResearch.objects.bulk_create([r for r, _ in research])
        for c, receiving in courses:
            course_links += [SharedCourse.receiving_schools.through(sharedcourse_id=c.pk, school_id=s.pk)
                             for s in receiving]
        for r, members in research:
            research_links += [JointResearch.schools.through(jointresearch_id=r.pk, school_id=s.pk) for s in members]
        SharedCourse.receiving_schools.through.objects.bulk_create(course_links, batch_size=2000)
        JointResearch.schools.through.objects.bulk_create(research_links, batch_size=2000)

        # 片区 areas by town, with sessions each term and the teachers of their schools
        towns: dict[str, list[School]] = defaultdict(list)
        for s in schools:
            towns[s.town or "—"].append(s)
        teachers_at: dict[int, list[int]] = defaultdict(list)
        for pk, school_id in Teacher.objects.filter(district=district, active=True).values_list("pk", "school_id"):
            if school_id:
                teachers_at[school_id].append(pk)
        areas = []
        for town, members in sorted(towns.items(), key=lambda kv: -len(kv[1]))[:MAX_AREAS]:
            areas.append((ResearchArea(district=district, name=f"{town}片区"), members))
        ResearchArea.objects.bulk_create([a for a, _ in areas])
        ResearchArea.schools.through.objects.bulk_create(
            [ResearchArea.schools.through(researcharea_id=a.pk, school_id=s.pk) for a, members in areas
             for s in members], batch_size=2000)
        sessions = []
        for a, members in areas:
            pool = [t for s in members for t in teachers_at.get(s.pk, [])]
            for year in (this_year - 1, this_year):
                for month, day in ((10, 15), (12, 10), (3, 20), (5, 15)):
                    held = dt.date(year if month >= 9 else year + 1, month, day)
                    if held > today:
                        continue
                    session = AreaSession(area=a, held_on=held, topic=rng.choice(TOPICS), host=rng.choice(members),
                                          outputs=rng.choice(OUTPUTS))
                    sessions.append((session, rng.sample(pool, min(len(pool), rng.randint(12, 40)))))
        AreaSession.objects.bulk_create([s for s, _ in sessions])
        AreaSession.participants.through.objects.bulk_create(
            [AreaSession.participants.through(areasession_id=s.pk, teacher_id=t) for s, ts in sessions for t in ts],
            batch_size=5000)
    return {"groups": len(groups), "memberships": len(rows), "moved": moved.code if moved else None,
            "quality_leads": len(groups) - len(unmarked), "courses": len(courses), "research": len(research),
            "areas": len(areas), "sessions": len(sessions),
            "participants": sum(len(ts) for _, ts in sessions)}
