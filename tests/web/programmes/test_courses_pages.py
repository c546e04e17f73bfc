"""School-based courses through the real pages and services: a school's officer builds its
catalogue (course groups, a template, courses with tags, teachers, files); the bureau and the
readers find the courses in the district catalogue by theme, tag, grade and school; names are
masked for those who may not read them; refusals write nothing; the overview's figures."""

from __future__ import annotations

import io

from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from tests.web.programmes.pworld import PWorld
from tests.web.workforce.wfworld import SECRET_NAME
from youjun.core import courses as rules
from youjun.web.apps.courses import figures, services
from youjun.web.apps.courses.models import Course, CourseFile, CourseGroup
from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.models import AuditEvent


def _client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = "zh"
    return c


def _course_post(**over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "西兰卡普", "theme": "ethnic", "fixed_tags": ["civics114:identity", "civics114:practice"],
        "free_tags": "非遗，土家族", "grade_from": "4", "grade_to": "6", "hours": "16", "hours_per": "term",
        "kind": "elective", "terms": "both", "venue": "织锦室", "materials": "织机", "partners": "非遗传承人",
        "active_from": "2024-2025", "active_to": ""}
    data.update(over)
    return data


def test_officer_builds_the_catalogue_and_the_bureau_finds_it(pworld: PWorld) -> None:
    w = pworld.wf
    officer = _client(pworld, "officer")
    r = officer.post(reverse("courses:group_create", args=[w.a1.code]), {"name": "民族文化课程群", "aim": "民族认同"})
    group = CourseGroup.objects.get(school=w.a1, name="民族文化课程群")
    assert r.status_code == 302 and r["Location"] == reverse("courses:group", args=[group.pk])
    r = officer.post(reverse("courses:adopt", args=[w.a1.code]), {"template": "hongqi_qiyuan"})
    assert r.status_code == 302
    assert CourseGroup.objects.filter(school=w.a1, template="hongqi_qiyuan").count() == 5
    r = officer.post(reverse("courses:course_create", args=[w.a1.code]),
                     _course_post(group=group.pk, teachers=[w.teachers["t1"].pk]))
    course = Course.objects.get(school=w.a1, title="西兰卡普")
    assert r.status_code == 302 and r["Location"] == reverse("courses:course", args=[course.pk])
    assert course.hours_year == 32 and course.group == group
    assert list(course.tag_rows.values_list("tag", flat=True)) == ["civics114:practice", "civics114:identity",
                                                                    "非遗", "土家族"]
    assert AuditEvent.objects.filter(action="courses_course_create", object_id=str(course.pk)).exists()
    page = officer.get(reverse("courses:school", args=[w.a1.code])).content.decode()
    assert "西兰卡普" in page and "星雅课程群" in page and SECRET_NAME in page
    page = officer.get(reverse("courses:course", args=[course.pk])).content.decode()
    assert "实践体验" in page and "民族认同" in page and "4–6年级" in page and "每学年 32 学时" in page

    bureau = _client(pworld, "bureau")
    url = reverse("courses:district", args=[w.base.a.code])
    by_theme = bureau.get(url, {"theme": "ethnic"}).content.decode()
    assert "西兰卡普" in by_theme and SECRET_NAME in by_theme
    assert "西兰卡普" in bureau.get(url, {"tag": "civics114:practice"}).content.decode()
    assert "西兰卡普" in bureau.get(url, {"tag": "非遗"}).content.decode()
    assert "西兰卡普" in bureau.get(url, {"grade": "5"}).content.decode()
    assert "西兰卡普" not in bureau.get(url, {"grade": "3"}).content.decode()
    assert "西兰卡普" not in bureau.get(url, {"theme": "arts"}).content.decode()
    assert "西兰卡普" not in bureau.get(url, {"year": "2023-2024"}).content.decode()

    # readers and the other school's officer see the course, the teacher's name masked
    for role in ("analyst", "officer2"):
        page = _client(pworld, role).get(url, {"theme": "ethnic"}).content.decode()
        assert "西兰卡普" in page and SECRET_NAME not in page and "周**" in page, role
    page = _client(pworld, "analyst").get(reverse("courses:course", args=[course.pk])).content.decode()
    assert SECRET_NAME not in page and "周**" in page
    # the other district's bureau does not find it
    assert _client(pworld, "bureau_b").get(url).status_code == 404

    x = bureau.get(reverse("courses:district_export", args=[w.base.a.code]), {"theme": "ethnic"})
    ws = load_workbook(io.BytesIO(x.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][3] == "课程名称" and [r[3] for r in rows[1:]] == ["西兰卡普"]
    assert SECRET_NAME in rows[1][12] and "实践体验" in rows[1][5]
    x = _client(pworld, "analyst").get(reverse("courses:district_export", args=[w.base.a.code]))
    assert SECRET_NAME not in x.content.decode("latin-1") and b"\xe5\x91\xa8**" in _cells(x.content)


def _cells(content: bytes) -> bytes:
    ws = load_workbook(io.BytesIO(content)).active
    return "|".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v).encode()


def test_refusals_write_nothing(pworld: PWorld) -> None:
    w = pworld.wf
    officer = _client(pworld, "officer")
    url = reverse("courses:course_create", args=[w.a1.code])
    r = officer.post(url, _course_post(teachers=[w.teachers["ta2"].pk]))  # not offered: another school's teacher
    assert r.status_code == 400
    r = officer.post(url, _course_post(free_tags="一，二，三，四"))
    assert r.status_code == 400 and "E1326" in r.content.decode()
    r = officer.post(url, _course_post(active_from="2025-2026", active_to="2024-2025"))
    assert r.status_code == 400 and "E1324" in r.content.decode()
    r = officer.post(url, _course_post(grade_from="6", grade_to="5"))
    assert r.status_code == 400 and "E1322" in r.content.decode()
    assert not Course.objects.exists()
    other = services.create_group(None, w.a2, name="别校课程群")
    try:
        services.save_course(None, w.a1, services.CourseData(title="x", theme="arts", grade_from=1, grade_to=2,
                                                             hours=8, active_from="2025-2026", group=other))
    except services.Refused as exc:
        assert exc.problems[0]["code"] == "E1328"
    else:
        raise AssertionError("a course in another school's group")
    try:
        services.save_course(None, w.a1, services.CourseData(title="x", theme="arts", grade_from=1, grade_to=2,
                                                             hours=8, active_from="2025-2026",
                                                             teachers=[w.teachers["ta2"]]))
    except services.Refused as exc:
        assert exc.problems[0]["code"] == "E1327"
    else:
        raise AssertionError("another school's teacher")
    r = officer.post(reverse("courses:group_create", args=[w.a1.code]), {"name": "星雅课程群"})
    assert r.status_code == 302
    r = officer.post(reverse("courses:group_create", args=[w.a1.code]), {"name": "星雅课程群"})
    assert r.status_code == 400 and "E1321" in r.content.decode()
    assert not Course.objects.exists()


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (29.0, 30.0, 0.0)}  # GPSInfo
    exif[0x010F] = "CameraMaker"
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes())
    assert b"CameraMaker" in out.getvalue()
    return out.getvalue()


def test_resource_files_are_cleaned(pworld: PWorld) -> None:
    w = pworld.wf
    course = services.save_course(None, w.a1, services.CourseData(
        title="威风锣鼓", theme="ethnic", grade_from=4, grade_to=5, hours=18, active_from="2024-2025"))
    officer = _client(pworld, "officer")
    up = io.BytesIO(_jpeg_with_gps())
    up.name = "锣鼓.jpg"
    r = officer.post(reverse("courses:file_add", args=[course.pk]), {"file": up})
    assert r.status_code == 302
    f = CourseFile.objects.get(course=course)
    assert f.content_type == "image/jpeg" and b"CameraMaker" not in bytes(f.content)
    assert Image.open(io.BytesIO(bytes(f.content))).getexif().get(0x8825) is None
    bad = io.BytesIO(b"<script>alert(1)</script>")
    bad.name = "x.jpg"
    r = officer.post(reverse("courses:file_add", args=[course.pk]), {"file": bad})
    assert r.status_code == 400 and "E1329" in r.content.decode()
    assert CourseFile.objects.filter(course=course).count() == 1
    got = _client(pworld, "analyst").get(reverse("courses:file", args=[f.pk]))
    assert got.status_code == 200 and got["Content-Type"] == "image/jpeg"
    assert _client(pworld, "officer2").get(reverse("courses:file", args=[f.pk])).status_code == 404
    # another school's officer reads the course from the district catalogue, but writes nothing to it
    assert _client(pworld, "officer2").post(reverse("courses:file_add", args=[course.pk])).status_code == 403


def test_overview_figures_count_the_records(pworld: PWorld) -> None:
    w = pworld.wf
    today = timezone.localdate()
    year = rules.school_year_of(today)
    g = services.create_group(None, w.a1, name="星探课程群")
    services.create_group(None, w.a2, name="劳动课程群")
    mk = services.CourseData
    services.save_course(None, w.a1, mk(title="西兰卡普", theme="ethnic", grade_from=4, grade_to=6, hours=16,
                                        active_from="2020-2021", group=g))
    services.save_course(None, w.a1, mk(title="机器人", theme="science", grade_from=4, grade_to=6, hours=16,
                                        active_from="2020-2021"))
    services.save_course(None, w.a2, mk(title="旧课程", theme="ethnic", grade_from=1, grade_to=2, hours=8,
                                        active_from="2020-2021", active_to="2021-2022"))
    rf = RequestFactory()
    req = rf.get("/")
    req.user = w.user("bureau")
    got = {f.key: f for f in figures.district_figures(req, w.base.a, today.year - 1, today.year)}
    assert got["courses_school_based"].value == 2 and got["courses_school_based"].kind == "stock"
    assert got["courses_ethnic_culture"].value == 1
    assert got["courses_schools_with_course_groups"].value == 2
    assert f"year={year}" in got["courses_school_based"].url and "theme=ethnic" in got["courses_ethnic_culture"].url
    old = {f.key: f.value for f in figures.district_figures(req, w.base.a, 2021, 2021)}
    assert old["courses_school_based"] == 3 and old["courses_ethnic_culture"] == 2  # 2021-2022: the old one too
    assert old["courses_schools_with_course_groups"] == 0  # no group defined by the end of 2021
    assert {f.key for f in extensions.district_figures(req, w.base.a, today.year, today.year)} >= set(got)
    for role in ("officer", "nobody", "bureau_b"):
        req.user = w.user(role)
        assert figures.district_figures(req, w.base.a, today.year, today.year) == [], role
    req.user = w.user("bureau")
    assert figures.district_figures(req, w.base.b, today.year, today.year) == []


def test_the_district_and_school_pages_link_to_the_catalogue(pworld: PWorld) -> None:
    w = pworld.wf
    services.create_group(None, w.a1, name="星艺课程群")
    bureau = _client(pworld, "bureau")
    page = bureau.get(f"/d/{w.base.a.code}/").content.decode()
    assert reverse("courses:district", args=[w.base.a.code]) in page
    assert reverse("courses:school", args=[w.a1.code]) in bureau.get(f"/s/{w.a1.code}/").content.decode()
    assert reverse("courses:school", args=[w.a2.code]) not in bureau.get(f"/s/{w.a2.code}/").content.decode()
