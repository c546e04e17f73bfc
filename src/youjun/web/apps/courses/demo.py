"""The school-based courses' demo, on a district's existing schools and teachers.

``seed(district, *, today, rng)`` builds, as the sources describe them:

- Hongqi Primary (a school whose name contains 红旗小学; else the district's largest primary
  school by teachers) with its five course groups (星雅、星慧、星动、星艺、星探, adopted from the
  template in ``rules/courses/course_group_templates.yaml``) and 3–5 courses in each (seeds 000 Y8);
- the “114” example (a school whose name contains 民族中学; else the largest junior school, and
  the result says so) with a 民族文化 course group holding 西兰卡普、南溪号子、威风锣鼓 under the theme
  民族文化, tagged with the “114” paths, and a 大思政课 group (seeds 001 Q1);
- about 20 other schools with 2–4 courses each.

Teachers are the school's own; bulk writes (a few seconds); run twice, it changes nothing (a
district with any course group or course is left as it is)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import courses as rules
from youjun.web.apps.courses.models import Course, CourseGroup, CourseTag
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.workforce.models import Teacher

HONGQI_COURSES = {  # course group -> (title, theme) courses, by the aims of the five groups
    "星雅课程群": [("红旗少年礼仪", "moral"), ("经典诵读", "heritage"), ("以爱育爱·班会课", "moral"),
              ("书法雅韵", "heritage"), ("红色故事会", "moral")],
    "星慧课程群": [("整本书阅读", "reading"), ("趣味数学思维", "science"), ("英语绘本", "reading"),
              ("小古文", "reading"), ("思维导图", "science")],
    "星动课程群": [("足球", "health"), ("跳绳", "health"), ("武术操", "health"), ("篮球", "health"),
              ("心理健康游戏", "health")],
    "星艺课程群": [("合唱", "arts"), ("儿童画", "arts"), ("竹编", "heritage"), ("舞蹈", "arts"), ("陶艺", "arts")],
    "星探课程群": [("科学小实验", "science"), ("编程启蒙", "science"), ("校园种植", "labour"), ("研学旅行", "labour"),
              ("创客", "science")],
}
ETHNIC = [("西兰卡普", ["identity", "practice"], "土家织锦技艺传承人", "西兰卡普织锦室"),
          ("南溪号子", ["identity", "activities"], "南溪号子非遗传承人", "音乐教室"),
          ("威风锣鼓", ["identity", "activities"], "区非遗保护中心", "锣鼓训练室")]
CIVICS = [("大思政课·家乡变迁", "moral", ["subject", "practice"]),
          ("红色研学", "moral", ["practice"]), ("思政课与学科融合", "moral", ["subject"]),
          ("民族团结主题班会", "moral", ["activities", "identity"])]
POOL = [("经典诵读", "heritage"), ("书法", "heritage"), ("足球", "health"), ("篮球", "health"), ("合唱", "arts"),
        ("美术社团", "arts"), ("科技创新", "science"), ("机器人", "science"), ("整本书阅读", "reading"),
        ("劳动实践", "labour"), ("校园种植", "labour"), ("心理健康", "health"), ("剪纸", "heritage"),
        ("茶艺", "heritage"), ("编程", "science"), ("舞蹈", "arts")]
OTHERS = 20
JUNIOR_TYPES = ("junior", "complete_middle", "nine_year", "twelve_year")


def _largest(schools: list[School], types: tuple[str, ...], size: Counter[int]) -> School | None:
    found = [s for s in schools if s.school_type in types]
    return max(found, key=lambda s: (size[s.pk], s.code), default=None)


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    if (CourseGroup.objects.filter(school__district=district).exists()
            or Course.objects.filter(school__district=district).exists()):
        return {"skipped": True, "courses": Course.objects.filter(school__district=district).count()}
    schools = list(School.objects.filter(district=district).order_by("code"))
    if not schools:
        return {"skipped": True, "courses": 0}
    size = Counter(Teacher.objects.filter(school__district=district).values_list("school_id", flat=True))
    staff: dict[int, list[Teacher]] = {}
    for t in Teacher.objects.filter(school__district=district).only("pk", "school_id", "staff_id").order_by("staff_id"):
        staff.setdefault(t.school_id, []).append(t)
    year = rules.school_year_of(today)
    first_year = int(year[:4])
    tpl = rules.template("hongqi_qiyuan", today)
    assert tpl is not None

    hongqi = next((s for s in schools if "红旗小学" in s.name), None)
    hongqi_named = hongqi is not None
    if hongqi is None:
        hongqi = _largest(schools, ("primary",), size) or schools[0]
    minzu = next((s for s in schools if "民族中学" in s.name and s.pk != hongqi.pk), None)
    minzu_named = minzu is not None
    if minzu is None:
        minzu = _largest([s for s in schools if s.pk != hongqi.pk], JUNIOR_TYPES, size) \
            or next((s for s in schools if s.pk != hongqi.pk), hongqi)

    groups: list[CourseGroup] = []
    planned: list[tuple[Course, list[str], list[Teacher]]] = []

    def grades_of(school: School) -> tuple[int, int]:
        if school.school_type in ("junior", "complete_middle"):
            return 7, 9
        if school.school_type in ("nine_year", "twelve_year"):
            return 1, 9
        return 1, 6

    def course(school: School, group: CourseGroup | None, title: str, theme: str, tags: list[str], *,
               grades: tuple[int, int] | None = None, kind: str = "", partners: str = "", venue: str = "") -> None:
        low, high = grades or grades_of(school)
        a = rng.randint(low, high)
        b = min(high, a + rng.choice((0, 1, 2)))
        per = rng.choice(("term", "term", "year"))
        hours = Decimal(rng.choice((8, 12, 16, 18, 32, 36)))
        terms = rng.choice(("both", "both", "1", "2"))
        c = Course(school=school, group=group, title=title, theme=theme, grade_from=a, grade_to=b, hours=hours,
                   hours_per=per, hours_year=rules.hours_per_year(hours, per, terms),
                   kind=kind or rng.choice(("elective", "elective", "club", "required")), terms=terms,
                   venue=venue, partners=partners, active_from=_year(first_year - rng.randint(1, 4)), active_to="")
        teachers = rng.sample(staff.get(school.pk, []), min(len(staff.get(school.pk, [])), rng.randint(1, 2)))
        planned.append((c, tags, teachers))

    with transaction.atomic():
        # Hongqi Primary: the five course groups of the template, 3–5 courses in each
        for i, g in enumerate(tpl["groups"], start=1):
            groups.append(CourseGroup(school=hongqi, name=g["name"], aim=g["aim_zh"], template=tpl["key"], order=i))
        # the “114” example
        groups.append(CourseGroup(school=minzu, name="民族文化课程群", order=1,
                                  aim="民族认同：土家族、苗族优秀传统文化进课堂"))
        groups.append(CourseGroup(school=minzu, name="大思政课程群", order=2,
                                  aim="党建引领“大思政课”：学科教学、实践体验、活动浸润、民族认同"))
        CourseGroup.objects.bulk_create(groups)
        # the groups were set up with the oldest courses (four school years ago), so a district
        # overview of the last full years counts them
        since = timezone.make_aware(dt.datetime(first_year - 4, 9, 1))
        CourseGroup.objects.filter(pk__in=[g.pk for g in groups]).update(created_at=since)
        by_name = {(g.school_id, g.name): g for g in CourseGroup.objects.filter(school__in=[hongqi, minzu])}
        for g in tpl["groups"]:
            picks = rng.sample(HONGQI_COURSES[g["name"]], rng.randint(3, 5))
            for title, theme in picks:
                course(hongqi, by_name[(hongqi.pk, g["name"])], title, theme, [], grades=(1, 6))
        ethnic_group = by_name[(minzu.pk, "民族文化课程群")]
        civics_group = by_name[(minzu.pk, "大思政课程群")]
        span = grades_of(minzu)
        for title, tags, partner, venue in ETHNIC:
            course(minzu, ethnic_group, title, rules.ethnic_theme(today), [f"civics114:{t}" for t in tags],
                   grades=span, kind="elective", partners=partner, venue=venue)
        for title, theme, tags in CIVICS:
            course(minzu, civics_group, title, theme, [f"civics114:{t}" for t in tags], grades=span)
        # about 20 other schools, a few courses each
        rest = [s for s in schools if s.pk not in (hongqi.pk, minzu.pk)]
        for school in rng.sample(rest, min(OTHERS, len(rest))):
            for title, theme in rng.sample(POOL, rng.randint(2, 4)):
                course(school, None, title, theme, rng.choice(([], [], ["非遗"], ["社团"])))
        Course.objects.bulk_create([c for c, _t, _s in planned])
        CourseTag.objects.bulk_create([CourseTag(course=c, tag=t, position=i)
                                       for c, tags, _s in planned for i, t in enumerate(tags)])
        through = Course.teachers.through
        through.objects.bulk_create([through(course_id=c.pk, teacher_id=t.pk) for c, _t, ts in planned for t in ts])
        result = {
            "skipped": False, "course_groups": len(groups), "courses": len(planned),
            "schools": len({c.school_id for c, _t, _s in planned}), "hongqi": hongqi.name, "example_114": minzu.name,
            "example_114_named": minzu_named,
            "hongqi_named": hongqi_named,
            "note": "；".join(n for n in (
                "" if hongqi_named else f"区内没有红旗小学，以{hongqi.name}（最大的小学）作为红旗小学"
                                        f"“旗苑”五大课程群的示例 / no 红旗小学 in the district: "
                                        f"{hongqi.name} (the largest primary) stands for it",
                "" if minzu_named else f"区内没有民族中学，以{minzu.name}作为“114”模式示例 / no 民族中学 in the "
                                       f"district: {minzu.name} stands for the “114” example") if n),
        }
        audit.record(None, "courses_demo_seed", district, district=district, actor_name="demo",
                     after={"course_groups": sorted({g.name for g in groups})})
    return result


def _year(first: int) -> str:
    return f"{first}-{first + 1}"
