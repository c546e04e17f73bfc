"""Differentiated evaluation's demo, at one school of a district: 凤凰湖中学 when the district has
it, else its junior school with the most teachers.

``seed(district, *, today, rng)`` gives twelve of the school's teachers demo accounts (password
``DEMO_PASSWORD``, one password hash for all: fast) and a school leader account, then runs, through
``services`` (audited), a finished round of the last term (eight teachers on the three default
tracks, each rated by themself, three peers and the leader, with the pupils' and parents'
surveys, growth feedback and a plan; the below-standard teacher's decision recorded) and a round
of this term in progress (the same teachers, about half the forms answered).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db.models import Count, Q

from youjun.core import workforce_appraisal as core
from youjun.core.school_year import school_year_of, start_year
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.appraisal import services
from youjun.web.apps.workforce.appraisal.models import Participant, Round
from youjun.web.apps.workforce.models import Teacher

DEMO_PASSWORD = "youjun-demo-2025"
ACCOUNTS = 12
IN_ROUND = 8
STRENGTHS = ("课堂组织有序，师生互动自然。", "作业设计有层次，批改及时。", "乐于分享，教研组活动积极。",
             "关爱学生，班级氛围好。")
GROW = ("提问的层次可以更丰富。", "课堂小结可以更聚焦目标。", "信息技术与教学融合还可加强。",
        "对学困生的个别辅导可以更有计划。")
GOALS = ("每学期上一节校级公开课。", "本学期完成一份单元作业设计。", "每月写一篇教学反思。")
ACTIONS = ("参加教研组集体备课并主讲一次。", "每两周听同伴课一次并交流。", "整理本学期课堂实录两节。")
SUPPORT = ("导师每月听课一次并反馈。", "教研组长提供作业设计范例。", "学校提供线上研修课程。")
COMMENTS = ("教学目标清楚。", "课堂节奏把握较好。", "对学生的反馈及时具体。", "可以多给学生表达的机会。")


def pick_school(district: District) -> School | None:
    schools = School.objects.filter(district=district)
    named = schools.filter(name__contains="凤凰湖").first()
    if named is not None:
        return named
    return (schools.filter(school_type="junior").annotate(n=Count("teachers", filter=Q(teachers__active=True)))
            .order_by("-n", "code").first())


def _accounts(school: School, teachers: list[Teacher]) -> tuple[list[User], User]:
    """Demo accounts for ``teachers`` (one hash for all) and a school leader (the school's officer)."""
    hashed = make_password(DEMO_PASSWORD)
    wanted = {f"ap-{t.staff_id}".lower(): t for t in teachers}
    existing = {u.username: u for u in User.objects.filter(username__in=wanted)}
    User.objects.bulk_create([User(username=name, password=hashed, full_name=t.name) for name, t in wanted.items()
                              if name not in existing])
    users = {u.username: u for u in User.objects.filter(username__in=wanted)}
    for name, t in wanted.items():
        if t.user_id is None:
            Teacher.objects.filter(pk=t.pk, user__isnull=True).update(user=users[name])
    leader_name = f"ap-leader-{school.code}"
    leader = User.objects.filter(username=leader_name).first() or platform_services.create_user(
        None, leader_name, DEMO_PASSWORD, role="school_officer", school=school)
    return [users[n] for n in wanted], leader


def _track(t: Teacher, this_year: int, i: int, n: int) -> str:
    years = this_year - (t.started_teaching or this_year - 10)
    if i == n - 1:
        return "improving"
    return "beginner" if years < 3 or i < 2 else "experienced"


def _fill(leader: User, round_: Round, plan: list[tuple[Teacher, str]], users: dict[int, User],
          rng: random.Random, *, answered: float) -> list[Participant]:
    out = []
    peers = list(users.values())
    for teacher, track in plan:
        p = services.add_participant(leader, round_, staff_id=teacher.staff_id, track_code=track)
        mine = [u for u in peers if u.pk != teacher.user_id]
        rng.shuffle(mine)
        for u in mine[:3]:
            services.add_rater(leader, p, kind="peer", username=u.username)
        services.add_rater(leader, p, kind="leader", username=leader.username)
        base = {"beginner": 78, "experienced": 86, "improving": 62}[track]
        criteria = core.track_from_dict(p.track).criteria
        for rater in p.raters.select_related("user"):
            if rng.random() > answered:
                continue
            lift = 6 if rater.kind == "self" else 0
            scores = {c.code: max(0, min(100, round(rng.gauss(base + lift, 6)))) for c in criteria}
            comments = {c.code: rng.choice(COMMENTS) for c in criteria if rng.random() < 0.4}
            services.submit_form(rater.user, rater, scores, comments)
        if answered >= 1:
            for kind, n in (("pupils", rng.randint(35, 48)), ("parents", rng.randint(20, 40))):
                services.record_survey(leader, p, kind=kind, score=round(rng.gauss(base + 3, 4), 1), respondents=n)
        out.append(p)
    return out


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    school = pick_school(district)
    if school is None:
        return {"school": None, "rounds": 0}
    teachers = list(Teacher.objects.filter(school=school, active=True).order_by("-started_teaching", "staff_id"))
    if len(teachers) < 5:
        return {"school": school.code, "rounds": 0}
    chosen = teachers[:ACCOUNTS]
    users_list, leader = _accounts(school, chosen)
    chosen = list(Teacher.objects.filter(pk__in=[t.pk for t in chosen]).order_by("-started_teaching", "staff_id"))
    users = {t.pk: t.user for t in chosen if t.user is not None}
    this_year = start_year(today)
    rated = chosen[:IN_ROUND]
    plan = [(t, _track(t, this_year, i, len(rated))) for i, t in enumerate(rated)]
    # the finished round: the last term
    year, term = (school_year_of(today), 1) if today.month < 8 and today.month != 1 else \
        (f"{this_year - 1}-{this_year}", 2)
    done = services.open_round(leader, school, school_year=year, term=term,
                               title=f"{year} 第{term}学期 区分性教师评价")
    finished = _fill(leader, done, plan, users, rng, answered=1.0)
    for p in finished:
        services.save_feedback(leader, p, {"strengths": rng.choice(STRENGTHS), "growth_areas": rng.choice(GROW),
                                           "plan_goals": rng.choice(GOALS), "plan_actions": rng.choice(ACTIONS),
                                           "plan_support": rng.choice(SUPPORT)},
                               review_on=today + dt.timedelta(days=rng.randint(30, 90)))
        if p.track_code == "improving":
            p.refresh_from_db()
            services.decide(leader, p, decision="extend", note="课堂常规已有改进，延长一学期继续帮扶。", day=today)
    services.close_round(leader, done)
    # this term's round, in progress
    now_year = school_year_of(today)
    now_term = 1 if today.month >= 8 or today.month == 1 else 2
    current = services.open_round(leader, school, school_year=now_year, term=now_term,
                                  title=f"{now_year} 第{now_term}学期 区分性教师评价")
    _fill(leader, current, plan, users, rng, answered=0.5)
    return {"school": school.code, "rounds": 2, "teachers": len(plan), "accounts": len(users_list) + 1,
            "leader": leader.username}
