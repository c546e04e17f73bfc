"""The studios' demo at the sources' scale: Yongchuan's 57 famous-teacher studios (名师工作室),
in term today, hosted by the district's key teachers (famous teachers and subject leaders first),
each with 6–12 members and trainees across schools, this year's plan and outputs so far, last
year's plan, outputs and the bureau's review where the studio ran then; and 6 studios of an
earlier term, ended, for the history. Written with ``bulk_create`` and recorded as one audit
event; a district that already has studios is left as it is."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from youjun.core import schema
from youjun.core import workforce_studios as rules
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District
from youjun.web.apps.workforce.models import KeyTeacherAward, Teacher
from youjun.web.apps.workforce.studios.models import Member, Output, Plan, Review, Studio

STUDIOS = 57  # in term (Yongchuan: "57 个名师工作室")
ENDED = 6
TIER_ORDER = {"special_grade": 0, "famous": 1, "leader": 2, "key": 3}
TARGETS = {"open_class": (4, 8), "research": (1, 2), "paper": (2, 5), "mentoring": (2, 4), "lecture": (2, 6)}
TITLES = {
    "open_class": ("示范课《{s}》单元整体教学", "公开课：{s}大概念教学", "送课到校示范课（{s}）"),
    "research": ("区级课题：{s}作业设计研究", "{s}跨学科主题学习实践研究"),
    "paper": ("{s}课堂提问策略的实践", "基于核心素养的{s}评价改革", "{s}分层作业的设计与实施"),
    "mentoring": ("带教青年教师（{s}）", "学员汇报课指导（{s}）"),
    "lecture": ("乡村学校送教讲座：{s}教学", "片区教研专题讲座（{s}）"),
}
GOALS = "围绕{s}课堂教学改革，培养青年骨干教师，形成可推广的教学成果。"
ACTIVITIES = "每月开展一次集中研修；每学期到乡村学校送教两次；组织学员上汇报课。"
COMMENTS = {"excellent": "成果丰富，辐射带动作用明显。", "pass": "完成年度计划，建议加强课题研究。",
            "fail": "年度计划完成不足，请制定整改措施。"}


def _subject_zh(code: str) -> str:
    return {c.code: c.zh for c in schema.SUBJECTS}.get(code, "")


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    existing = Studio.objects.filter(district=district)
    if existing.exists():
        return {"studios": existing.count(), "created": 0}
    teachers = list(Teacher.objects.filter(district=district, active=True).select_related("school")
                    .only("id", "staff_id", "subject", "school__id", "school__name", "school__code"))
    if not teachers:
        return {"studios": 0, "created": 0}
    tiers: dict[int, int] = {}
    for teacher_id, tier in KeyTeacherAward.objects.filter(teacher__district=district, end__isnull=True) \
            .values_list("teacher_id", "tier"):
        tiers[teacher_id] = min(tiers.get(teacher_id, 9), TIER_ORDER.get(tier, 9))
    ranked = sorted(teachers, key=lambda t: (tiers.get(t.pk, 9), rng.random()))
    hosts = ranked[: STUDIOS + ENDED]
    by_subject: dict[str, list[Teacher]] = {}
    for t in teachers:
        by_subject.setdefault(t.subject, []).append(t)
    r = rules.studio_rules(today)
    kinds = [w.code for w in r.kinds]
    term_start = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)

    studios: list[Studio] = []
    names: set[str] = set()
    for i, host in enumerate(hosts):
        ended = i >= STUDIOS
        start = dt.date(term_start.year - (rng.choice((0, 1, 2)) if not ended else 4), 9, 1)
        end = dt.date(start.year + 3, 8, 31)
        level = "city" if i < 9 else "county"  # Chongqing: 市级 is its province level
        subject = host.subject if host.subject in {c.code for c in schema.SUBJECTS} else ""
        base = host.school
        name = f"{base.name if base else district.name}{_subject_zh(subject)}名师工作室"
        n = 2
        while name in names:
            name = f"{base.name if base else district.name}{_subject_zh(subject)}名师工作室（{n}）"
            n += 1
        names.add(name)
        studios.append(Studio(district=district, name=name[:100], host=host, subject=subject, level=level,
                              start=start, end=end, base_school=base))
    with transaction.atomic():
        Studio.objects.bulk_create(studios)
        members: list[Member] = []
        roster: dict[int, list[Member]] = {}
        host_ids = {h.pk for h in hosts}
        for s in studios:
            pool = [t for t in by_subject.get(s.host.subject, teachers) if t.pk not in host_ids] \
                or [t for t in teachers if t.pk != s.host_id]
            chosen = rng.sample(pool, min(len(pool), rng.randint(6, 12)))
            for t in chosen:
                role = "trainee" if rng.random() < 0.3 else "member"
                joined = s.start if rng.random() < 0.8 else _day(rng, s.start, min(today, s.end or today))
                left = None
                if s.end and s.end < today:
                    left = s.end
                elif rng.random() < 0.05 and joined < today:
                    left = _day(rng, joined, today)
                m = Member(studio=s, teacher=t, role=role, joined=joined, left=left)
                members.append(m)
                roster.setdefault(s.pk, []).append(m)
        Member.objects.bulk_create(members)

        plans: list[Plan] = []
        outputs: list[Output] = []
        people: list[tuple[int, list[int]]] = []  # (index in outputs, teacher ids)
        reviews: list[Review] = []
        for s in studios:
            subj = _subject_zh(s.subject) or "学科"
            last_day = min(today, s.end) if s.end else today
            for year in range(max(s.start.year, today.year - 1), last_day.year + 1):
                targets = {k: rng.randint(*TARGETS[k]) for k in kinds if k in TARGETS}
                plans.append(Plan(studio=s, year=year, goals=GOALS.format(s=subj), activities=ACTIVITIES,
                                  targets=targets))
                first = max(s.start, dt.date(year, 1, 1))
                last = min(last_day, dt.date(year, 12, 31))
                if first > last:
                    continue
                share = (last - dt.date(year, 1, 1)).days / 365
                done: dict[str, int] = {}
                for kind, planned in targets.items():
                    n = max(0, round(planned * share * rng.uniform(0.6, 1.3)))
                    done[kind] = n
                    for _ in range(n):
                        day = _day(rng, first, last)
                        here = [m.teacher_id for m in roster.get(s.pk, []) if m.joined <= day
                                and (m.left is None or m.left >= day)]
                        who = [s.host_id, *rng.sample(here, min(len(here), rng.randint(0, 3)))]
                        outputs.append(Output(studio=s, kind=kind, title=rng.choice(TITLES[kind]).format(s=subj),
                                              day=day))
                        people.append((len(outputs) - 1, who))
                if year < today.year:
                    met = sum(1 for k, p in targets.items() if done.get(k, 0) >= p) / max(len(targets), 1)
                    rating = "excellent" if met >= 0.8 else "pass" if met >= 0.4 else "fail"
                    reviews.append(Review(studio=s, year=year, rating=rating, comment=COMMENTS[rating],
                                          counts={k: {"planned": targets.get(k, 0), "done": done.get(k, 0)}
                                                  for k in kinds}))
        Plan.objects.bulk_create(plans)
        Output.objects.bulk_create(outputs, batch_size=2_000)
        through = Output.people.through
        Output.people.through.objects.bulk_create(
            [through(output_id=outputs[i].pk, teacher_id=t) for i, who in people for t in dict.fromkeys(who)],
            batch_size=5_000)
        Review.objects.bulk_create(reviews)
        audit.record(None, "workforce_studios_create", district, district=district, actor_name="demo",
                     after={"demo": True, "studios": len(studios), "members": len(members), "plans": len(plans),
                            "outputs": len(outputs), "reviews": len(reviews)})
    return {"studios": len(studios), "active": STUDIOS, "members": len(members), "outputs": len(outputs),
            "reviews": len(reviews), "created": len(studios)}
