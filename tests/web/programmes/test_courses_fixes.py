"""Findings of the users' walk of the course catalogue: the school's officer reaches it from the
school's page and from /courses/; the by-grade table counts a course in every grade of its span;
another school's officer reads a course of the catalogue read-only (names masked, no files);
the theme view points at the tag filter; one breadcrumb trail; grades offered by the school's type."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.web.programmes.pworld import PWorld
from tests.web.workforce.wfworld import SECRET_NAME
from youjun.web.apps.courses import services
from youjun.web.apps.courses.models import Course
from youjun.web.errors import Refused


def _client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = "zh"
    return c


def _course(school: object, title: str, a: int, b: int, **kw: object) -> Course:
    return services.save_course(None, school, services.CourseData(  # type: ignore[arg-type]
        title=title, theme=str(kw.pop("theme", "moral")), grade_from=a, grade_to=b, hours=16,
        active_from="2020-2021", **kw))  # type: ignore[arg-type]


def test_the_officer_reaches_the_catalogue_with_no_course_yet(pworld: PWorld) -> None:
    w = pworld.wf
    officer2 = _client(pworld, "officer2")
    page = officer2.get(f"/s/{w.a2.code}/").content.decode()
    assert reverse("courses:school", args=[w.a2.code]) in page and "建立本校课程目录" in page
    r = officer2.get("/courses/")
    assert r.status_code == 302 and r["Location"] == reverse("courses:school", args=[w.a2.code])
    r = _client(pworld, "bureau").get("/courses/")
    assert r.status_code == 302 and r["Location"] == reverse("courses:district", args=[w.base.a.code])
    r = _client(pworld, "nobody").get("/courses/")
    assert r.status_code == 200 and reverse("courses:district", args=[w.base.a.code]) not in r.content.decode()


def _grade_cells(page: str) -> dict[int, int]:
    table = page.split('data-testid="by-grade"', 1)[1].split("</table>", 1)[0]
    return {int(g): int(n.replace(",", "")) for g, n in
            re.findall(r"grade=(\d+)\">[^<]*</a></td><td class=\"num\">([\d,]+)", table)}


def test_the_grade_table_counts_a_course_in_every_grade_of_its_span(pworld: PWorld) -> None:
    w = pworld.wf
    for i in range(3):
        _course(w.a1, f"合唱{i}", 3, 5)
    _course(w.a2, "足球", 4, 4)
    bureau = _client(pworld, "bureau")
    url = reverse("courses:district", args=[w.base.a.code])
    page = bureau.get(url, {"year": ""}).content.decode()
    cells = _grade_cells(page)
    assert cells[3] == 3 and cells[4] == 4 and cells[5] == 3 and cells[6] == 0
    assert "跨年级课程在每个年级都计" in page
    filtered = bureau.get(url, {"year": "", "grade": "3"}).content.decode()
    assert 'data-testid="district-figures"><span><strong>3</strong>' in filtered


def test_another_schools_officer_reads_a_course_of_the_catalogue(pworld: PWorld) -> None:
    w = pworld.wf
    group = services.create_group(None, w.a1, name="星艺课程群")
    course = _course(w.a1, "西兰卡普", 3, 5, group=group, teachers=[w.teachers["t1"]])
    officer2 = _client(pworld, "officer2")
    district = officer2.get(reverse("courses:district", args=[w.base.a.code]), {"year": ""}).content.decode()
    assert reverse("courses:course", args=[course.pk]) in district
    assert reverse("courses:school", args=[w.a1.code]) not in district  # the school's own pages stay closed
    r = officer2.get(reverse("courses:course", args=[course.pk]))
    page = r.content.decode()
    assert r.status_code == 200 and "西兰卡普" in page and SECRET_NAME not in page
    assert reverse("courses:course_edit", args=[course.pk]) not in page and 'data-testid="file-form"' not in page
    assert reverse("courses:school", args=[w.a1.code]) not in page
    assert officer2.get(reverse("courses:group", args=[group.pk])).status_code == 200
    assert officer2.post(reverse("courses:group", args=[group.pk]), {"name": "x"}).status_code == 403
    assert officer2.get(reverse("courses:course_edit", args=[course.pk])).status_code == 403
    assert officer2.get(reverse("courses:school", args=[w.a1.code])).status_code == 404
    # district B's readers and nobody still do not reach it
    assert _client(pworld, "bureau_b").get(reverse("courses:course", args=[course.pk])).status_code == 404


def test_the_theme_view_points_at_the_tag_filter(pworld: PWorld) -> None:
    w = pworld.wf
    _course(w.a1, "民族团结主题班会", 4, 6, fixed_tags=["civics114:identity"])
    page = _client(pworld, "bureau").get(reverse("courses:district", args=[w.base.a.code]),
                                         {"year": "", "theme": "ethnic"}).content.decode()
    note = page.split('data-testid="tag-note"', 1)[1].split("</p>", 1)[0]
    assert "tag=civics114%3Aidentity" in note and "1" in note


def test_one_breadcrumb_trail(pworld: PWorld) -> None:
    w = pworld.wf
    group = services.create_group(None, w.a1, name="星艺课程群")
    course = _course(w.a1, "合唱", 3, 5, group=group)
    officer = _client(pworld, "officer")

    def crumbs(url: str) -> list[str]:
        page = officer.get(url).content.decode()
        trail = page.split('data-testid="breadcrumb">', 1)[1].split("</p>", 1)[0]
        return [re.sub(r"<[^>]+>", "", x).strip() for x in trail.split("›")]

    a, school = w.base.a.name, w.a1.name
    assert crumbs(reverse("courses:course", args=[course.pk])) == [
        a, "校本课程目录", f"{school}校本课程", "星艺课程群"]
    assert crumbs(reverse("courses:district", args=[w.base.a.code])) == [a, "校本课程目录"]


def test_grades_offered_by_the_schools_type(pworld: PWorld) -> None:
    w = pworld.wf
    w.a2.school_type = "primary"
    w.a2.save(update_fields=["school_type"])
    page = _client(pworld, "officer2").get(reverse("courses:course_create", args=[w.a2.code])).content.decode()
    select = page.split('name="grade_to"', 1)[1].split("</select>", 1)[0]
    assert 'value="6"' in select and 'value="7"' not in select
    try:
        _course(w.a2, "物理实验", 7, 9)
    except Refused as exc:
        text = exc.problems[0]["message"]["zh"] + exc.problems[0]["hint"]["zh"]
        assert "1–6" in text and "小学" in text
    else:
        raise AssertionError("a primary school's course of grades 7–9 was accepted")


def test_the_demo_says_which_school_stands_for_hongqi(pworld: PWorld) -> None:
    import random

    from django.utils import timezone

    from youjun.web.apps.courses import demo
    from youjun.web.apps.platform.models import School

    School.objects.filter(district=pworld.base.a, name__contains="红旗小学").update(name="永川区兴隆小学")
    result = demo.seed(pworld.base.a, today=timezone.localdate(), rng=random.Random(3))
    assert result["hongqi_named"] is False
    assert "区内没有红旗小学" in result["note"] and result["hongqi"] in result["note"]
