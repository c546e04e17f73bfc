"""The courses' demo on the test world's district A: Hongqi Primary's five course groups with
3–5 courses each, the “114” example's ethnic-culture courses with the paths as tags, other
schools with a few courses; run twice it changes nothing; the overview counts what it made."""

from __future__ import annotations

import random

from django.test import RequestFactory
from django.utils import timezone

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.courses import demo, figures
from youjun.web.apps.courses.models import Course, CourseGroup, CourseTag


def test_the_demo_builds_what_it_promises(pworld: PWorld) -> None:
    a = pworld.base.a
    today = timezone.localdate()
    result = demo.seed(a, today=today, rng=random.Random(7))
    assert result["skipped"] is False
    hongqi = CourseGroup.objects.filter(school__district=a, template="hongqi_qiyuan")
    five = ["星雅课程群", "星慧课程群", "星动课程群", "星艺课程群", "星探课程群"]
    assert sorted(hongqi.values_list("name", flat=True)) == sorted(five)
    assert len({g.school_id for g in hongqi}) == 1 and hongqi[0].school.name == result["hongqi"]
    assert "红旗小学" in result["hongqi"]  # the test world's A0001 is 红旗小学
    for g in hongqi:
        assert 3 <= g.courses.count() <= 5, g.name
    example = Course.objects.filter(school__district=a, title__in=["西兰卡普", "南溪号子", "威风锣鼓"])
    assert example.count() == 3 and set(example.values_list("theme", flat=True)) == {"ethnic"}
    assert len({c.school_id for c in example}) == 1 and example[0].school.name == result["example_114"]
    assert all(CourseTag.objects.filter(course=c, tag="civics114:identity").exists() for c in example)
    assert result["hongqi_named"] is True and "红旗小学" not in result["note"]  # named in the test world
    if not result["example_114_named"]:
        assert "民族中学" in result["note"] and result["example_114"] in result["note"]
    assert result["courses"] == Course.objects.filter(school__district=a).count()
    assert result["schools"] == Course.objects.filter(school__district=a).values("school").distinct().count()
    assert all(c.teachers.exists() for c in Course.objects.filter(school=hongqi[0].school))
    assert demo.seed(a, today=today, rng=random.Random(8))["skipped"] is True
    assert Course.objects.filter(school__district=a).count() == result["courses"]

    req = RequestFactory().get("/")
    req.user = pworld.user("bureau")
    got = {f.key: f.value for f in figures.district_figures(req, a, today.year, today.year)}
    assert got["courses_school_based"] == result["courses"]  # every demo course is offered this school year
    assert got["courses_ethnic_culture"] == 3
    assert got["courses_schools_with_course_groups"] == 2
    # and over the overview's default, the last five full years (stocks at the end of last year)
    got = {f.key: f.value for f in figures.district_figures(req, a, today.year - 5, today.year - 1)}
    assert got["courses_school_based"] == result["courses"] and got["courses_ethnic_culture"] == 3
    assert got["courses_schools_with_course_groups"] == 2
