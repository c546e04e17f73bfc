"""The clean-school demo, on a district's existing schools and teachers (seeds 001 W3, 000 Y9).

``seed(district, *, today, rng)`` builds a campaign “清风校园，廉洁入心” with the rules' 6 stages
and 20 key points (dated over the two full calendar years before this one), 112 clean-school activities (the
article's “100余场次”) spread over the stages, key points, the 6 layers, the types and the
district's schools (a few district-wide), all within those two years, 120 issues of
teacher-ethics publicity (the article's “120期”) in the same years, and 4 teacher-ethics cases
at different steps. No case handler is granted: the bureau sees the cases' counts only. Bulk
writes; run twice, it changes nothing (a district with a campaign is left as it is).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from youjun.core import party_integrity as rules
from youjun.web.apps.party.integrity.models import (
    Activity,
    Campaign,
    CaseStep,
    EthicsCase,
    KeyPoint,
    PublicityIssue,
    Stage,
)
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.workforce.models import Teacher

N_ACTIVITIES = 112
N_ISSUES = 120
TITLES = ("“清风校园，廉洁入心”主题班会", "廉洁小故事分享会", "观看廉洁教育短片", "“清廉从教、党员先行”宣誓",
          "党委书记讲授“坚守廉洁底线”党课", "师德师风专题培训", "“以案四说”警示教育", "清廉家风家长会",
          "清廉文化走廊布置", "“传承好家风”优秀事迹评选", "廉洁书画作品展", "参观廉政教育基地")
CHANNELS = ("区教委微信公众号", "区教育网", "学校公众号", "《万盛教育》简报")
PUB_TITLES = ("师德标兵事迹", "最美教师风采", "师德规范解读", "典型案例警示", "优秀班主任故事", "乡村教师坚守")


def _parts(i: int, n: int, *, pupils: bool, parents: bool) -> dict[str, int | None]:
    """How many of each kind took part, for three activities in four (the fourth recorded the
    total only): about one teacher for every twelve pupils, a parent for every ten."""
    if i % 4 == 3:
        return {}
    n_parents = max(1, n // 10) if parents else None
    if not pupils:
        return {"teachers": n - (n_parents or 0), "parents": n_parents}
    n_teachers = max(2, n // 13)
    return {"pupils": n - n_teachers - (n_parents or 0), "teachers": n_teachers, "parents": n_parents}


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    if Campaign.objects.filter(district=district).exists():
        return {"skipped": True}
    schools = list(School.objects.filter(district=district).order_by("code"))
    if not schools:
        return {"skipped": True}
    # the two full calendar years before this one, so a district overview of the last full years
    # (its default) reads the sources' 100+ activities and 120 issues
    first = dt.date(today.year - 2, 1, 1)
    last = dt.date(today.year - 1, 12, 31)
    span = (last - first).days
    defaults = rules.rules("campaign-defaults", today)
    kinds = list(rules.words("activity-types", "types", today))
    layers = list(rules.words("layers", "layers", today))
    with transaction.atomic():
        campaign = Campaign.objects.create(district=district, name=defaults["name"], start=first, end=last)
        n_stages = len(defaults["stages"])
        bounds = [first + dt.timedelta(days=span * i // n_stages) for i in range(n_stages + 1)]
        stages = Stage.objects.bulk_create(
            Stage(campaign=campaign, order=i + 1, name=n, start=bounds[i],
                  end=bounds[i + 1] - dt.timedelta(days=1) if i + 1 < n_stages else last)
            for i, n in enumerate(defaults["stages"]))
        kps = KeyPoint.objects.bulk_create(KeyPoint(campaign=campaign, order=i + 1, name=n)
                                           for i, n in enumerate(defaults["key_points"]))
        rows = []
        for i in range(N_ACTIVITIES):
            step = max(1, span // N_ACTIVITIES)
            day = first + dt.timedelta(days=span * i // N_ACTIVITIES + rng.randrange(0, step))
            day = min(day, last)
            stage = next(s for s in reversed(stages) if s.start is not None and s.start <= day)
            kp = kps[i % len(kps)] if i < len(kps) * 5 else None  # every key point has activities
            school = None if i % 15 == 0 else rng.choice(schools)
            pupils = i % 3 != 0
            n = rng.randint(25, 60) * (8 if pupils else 1)
            rows.append(Activity(
                district=district, school=school, kind=kinds[i % len(kinds)], layer=layers[i % len(layers)],
                held_on=day, title=TITLES[i % len(TITLES)], participants=n,
                with_teachers=True, with_pupils=pupils, with_parents=i % 4 == 0,
                description="", stage=stage, key_point=kp, **_parts(i, n, pupils=pupils, parents=i % 4 == 0)))
        Activity.objects.bulk_create(rows)
        issues = []
        for n in range(1, N_ISSUES + 1):
            day = first + dt.timedelta(days=span * (n - 1) // N_ISSUES)
            issues.append(PublicityIssue(
                district=district, number=n, published_on=day,
                title=f"师德师风专题宣传：{PUB_TITLES[n % len(PUB_TITLES)]}",
                channel=CHANNELS[n % len(CHANNELS)], link=f"https://example.org/shide/{n}"))
        PublicityIssue.objects.bulk_create(issues)
        teachers = list(Teacher.objects.filter(district=district).order_by("staff_id")[:400])
        n_cases = 0
        if teachers:
            plans: tuple[list[str], ...] = (["verify", "close"], ["verify", "decide", "close"], ["verify", "decide"],
                                            [])
            sanctions = ("none", "admonition", "criticism", "")
            sources = list(rules.words("case-handling", "sources", today))
            for i, plan in enumerate(plans):
                received = first + dt.timedelta(days=span * (i + 1) // 6)
                case = EthicsCase.objects.create(
                    district=district, teacher=rng.choice(teachers), received_on=received,
                    source=sources[i % len(sources)],
                    summary=("（示例）反映该教师存在违规有偿补课的问题线索。" if i % 2
                             else "（示例）家长反映该教师言行不当。"),
                    status=rules.status_after(plan), sanction=sanctions[i] if "decide" in plan else "",
                    decision="经核查，情况属实，予以处理。" if "decide" in plan else "",
                    closed_on=received + dt.timedelta(days=20 * len(plan)) if "close" in plan else None)
                CaseStep.objects.bulk_create(CaseStep(case=case, step=s, on=received + dt.timedelta(days=20 * (j + 1)))
                                             for j, s in enumerate(plan))
                n_cases += 1
    return {"campaigns": 1, "stages": len(stages), "key_points": len(kps), "activities": len(rows),
            "publicity_issues": len(issues), "cases": n_cases}
