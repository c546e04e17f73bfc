"""The courses pages read clean in both languages: a school's catalogue, a course group, a
course with its files, the course form (blank and refused), the district catalogue (filtered),
the district's and the school's panels, the XLSX export and the audit history of these writes."""

from __future__ import annotations

import datetime as dt
import io

from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.web import hygiene
from tests.web.programmes.pworld import PWorld
from youjun.core import courses as rules
from youjun.web.apps.courses import services
from youjun.web.apps.courses.models import CourseGroup
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Teacher

LANGS = ("zh", "en")
WORDS = {"西兰卡普", "南溪号子", "织锦室", "织机", "非遗传承人", "非遗", "土家族", "民族文化课程群",
         "铸牢民族共同体意识", "锦.jpg"}


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {t.name for t in Teacher.objects.all()}
    names |= {g.name for g in CourseGroup.objects.all()} | {g.aim for g in CourseGroup.objects.all() if g.aim}
    names |= {s.town for s in School.objects.all() if s.town}
    names |= {t.name[:1] + "*" * (len(t.name) - 1) for t in Teacher.objects.all()}
    return names | WORDS


def _audit_words() -> set[str]:
    """The audit keeps a course's theme, kind and fixed tags in the Chinese words the catalogue
    showed (the platform history has no table of this area's codes): data on the history page."""
    today = dt.date.today()
    return {t.zh for t in rules.themes(today)} | {t.zh for t in rules.fixed_tags(today)} | {
        k[0] for k in rules.KINDS.values()}


def test_the_courses_pages_read_clean(pworld: PWorld) -> None:
    w = pworld.wf
    a = w.base.a
    bureau = w.user("bureau")
    services.adopt_template(bureau, w.a1, "hongqi_qiyuan")
    group = services.create_group(bureau, w.a1, name="民族文化课程群", aim="铸牢民族共同体意识")
    course = services.save_course(bureau, w.a1, services.CourseData(
        title="西兰卡普", theme="ethnic", grade_from=4, grade_to=6, hours="16.5", active_from="2024-2025",
        group=group, fixed_tags=["civics114:identity", "civics114:practice"], free_tags=["非遗", "土家族"],
        teachers=[w.teachers["t1"], w.teachers["t2"]], venue="织锦室", materials="织机", partners="非遗传承人"))
    services.save_course(bureau, w.a1, services.CourseData(title="南溪号子", theme="arts", grade_from=1, grade_to=1,
                                                           hours=36, hours_per="year", active_from="2025-2026"))
    img = io.BytesIO()
    Image.new("RGB", (20, 20)).save(img, format="PNG")
    img.seek(0)
    img.name = "锦.png"
    services.store_file(bureau, course, img)
    names = _names()
    found: list[str] = []
    for lang in LANGS:
        for role in ("bureau", "analyst", "officer"):
            c = Client()
            c.force_login(w.user(role))
            c.cookies["youjun_language"] = lang
            dist = reverse("courses:district", args=[a.code])
            pages = [dist, f"{dist}?theme=ethnic&tag=civics114:practice&grade=5", f"{dist}?year=2019-2020",
                     reverse("courses:school", args=[w.a1.code]), reverse("courses:group", args=[group.pk]),
                     reverse("courses:course", args=[course.pk])]
            if role != "analyst":
                pages += [reverse("courses:course_create", args=[w.a1.code]),
                          reverse("courses:course_edit", args=[course.pk])]
            if role == "bureau":
                pages += [f"/d/{a.code}/", f"/s/{w.a1.code}/", "/history/"]
            answers = [(url, c.get(url)) for url in pages]
            if role == "officer":
                answers.append(("refused", c.post(reverse("courses:course_create", args=[w.a1.code]), {
                    "title": "x", "theme": "arts", "grade_from": "3", "grade_to": "2", "hours": "8",
                    "hours_per": "term", "kind": "club", "terms": "1", "active_from": "2025-2026"})))
                answers.append(("invalid", c.post(reverse("courses:group_create", args=[w.a1.code]), {"name": ""})))
            for where, r in answers:
                assert r.status_code in (200, 400), (where, r.status_code)
                page = r.content.decode()
                if where.startswith(("/d/", "/s/")):
                    start = page.index('data-testid="courses-district-panel"' if where.startswith("/d/")
                                       else 'data-testid="courses-school-panel"')
                    page = page[start:page.index("</section>", start)]
                if where == "/history/":
                    page = "".join(line for line in page.splitlines() if "课程" in line or "course" in line)
                    assert page, "the audit history shows the courses' writes"
                shown_names = names | _audit_words() if where == "/history/" else names
                for p in hygiene.problems(hygiene.shown_text(page), lang, shown_names):
                    found.append(f"{lang} {role} {where}: {p}")
        c = Client()
        c.force_login(bureau)
        c.cookies["youjun_language"] = lang
        x = c.get(reverse("courses:district_export", args=[a.code]))
        assert x.status_code == 200
        for where, text in hygiene.xlsx_cells(x.content):
            for p in hygiene.problems(text, "zh", names):
                found.append(f"xlsx {where}: {p}")
    assert not found, "\n".join(found)
