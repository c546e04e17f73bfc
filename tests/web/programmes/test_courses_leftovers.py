"""Issue 15 leftovers of courses: a teacher's record (the workforce teacher page) lists the
school-based courses the teacher teaches this school year — name, group, grades, hours a year and a
link — through a panel the courses app registers (the workforce app does not import courses).
Whoever may open the course gets the link; the teacher on her own record sees her courses; a
course of another year or without this teacher is not listed."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.programmes.pworld import PWorld
from youjun.core import courses as rules
from youjun.web.apps.courses import services
from youjun.web.apps.courses.models import Course


def _client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = "zh"
    return c


def _courses(w: PWorld) -> tuple[Course, Course, Course]:
    school, t1 = w.wf.a1, w.wf.teachers["t1"]
    year = rules.school_year_of(timezone.localdate())
    first = int(year[:4])
    group = services.create_group(None, school, name="民族文化课程群")
    mine = services.save_course(None, school, services.CourseData(
        title="西兰卡普", theme="ethnic", grade_from=4, grade_to=6, hours=16, hours_per="term", active_from=year,
        group=group, teachers=[t1]))
    old = services.save_course(None, school, services.CourseData(
        title="南溪号子旧课", theme="ethnic", grade_from=3, grade_to=3, hours=10, hours_per="year",
        active_from=f"{first - 3}-{first - 2}", active_to=f"{first - 2}-{first - 1}", teachers=[t1]))
    other = services.save_course(None, school, services.CourseData(
        title="威风锣鼓", theme="ethnic", grade_from=1, grade_to=2, hours=8, hours_per="term", active_from=year))
    return mine, old, other


def _panel(page: str) -> str:
    assert 'data-testid="courses-teacher-panel"' in page
    part = page[page.index('data-testid="courses-teacher-panel"'):]
    return part[:part.index("</section>")]


def test_the_school_officer_sees_the_teacher_s_courses_with_links(pworld: PWorld) -> None:
    w = pworld
    mine, old, other = _courses(w)
    page = _client(w, "officer").get(reverse("workforce:teacher", args=[w.wf.teachers["t1"].pk])).content.decode()
    panel = _panel(page)
    assert "西兰卡普" in panel and "民族文化课程群" in panel and "4–6年级" in panel and "32&nbsp;学时" in panel
    assert reverse("courses:course", args=[mine.pk]) in panel
    assert old.title not in panel and other.title not in panel


def test_the_bureau_and_the_analyst_see_the_panel(pworld: PWorld) -> None:
    w = pworld
    mine, _old, _other = _courses(w)
    for role in ("bureau", "analyst"):
        page = _client(w, role).get(reverse("workforce:teacher", args=[w.wf.teachers["t1"].pk])).content.decode()
        assert reverse("courses:course", args=[mine.pk]) in _panel(page), role


def test_the_teacher_sees_her_courses_on_her_own_record_without_a_link_she_cannot_open(pworld: PWorld) -> None:
    w = pworld
    mine, _old, _other = _courses(w)
    c = _client(w, "teacher")
    page = c.get(reverse("workforce:me")).content.decode()
    panel = _panel(page)
    assert "西兰卡普" in panel and reverse("courses:course", args=[mine.pk]) not in panel
    assert c.get(reverse("courses:course", args=[mine.pk])).status_code == 404


def test_a_teacher_without_courses_gets_no_panel(pworld: PWorld) -> None:
    w = pworld
    _courses(w)
    page = _client(w, "officer").get(reverse("workforce:teacher", args=[w.wf.teachers["t2"].pk])).content.decode()
    assert 'data-testid="courses-teacher-panel"' not in page


def test_the_workforce_app_does_not_import_courses() -> None:
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[3] / "src" / "youjun" / "web" / "apps" / "workforce"
    for f in root.rglob("*.py"):
        assert "apps.courses" not in f.read_text(encoding="utf-8"), f
