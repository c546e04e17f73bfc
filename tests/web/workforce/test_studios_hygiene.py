"""The studio pages read clean in both languages (the site-wide crawl does not build the teachers'
world): no English left on Chinese pages, no Chinese on English ones beyond names and what was
typed, no None, no identifiers — every page of every studio route for the bureau, the host, a
member, an officer and an analyst, plus the refused forms."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.workforce.matrix_rules_studios import make_objects
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.studios import services
from youjun.web.apps.workforce.studios.models import Studio

LANGS = ("zh", "en")


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {d.name for d in District.objects.all()}
    names |= {u.username for u in User.objects.all()} | {s.name for s in Studio.objects.all()}
    teachers = list(Teacher.objects.exclude(name=""))
    names |= {t.name for t in teachers} | {mask_name(t.name) for t in teachers}
    return names | {"示范课《春》", "课堂.jpg", "打造区级语文示范课", "每月一次送教", "成果偏少"}


def test_the_studio_pages_read_clean(wfworld: WFWorld) -> None:
    w = wfworld
    ids = make_objects(w)
    s1 = Studio.objects.get(pk=ids["studio_s1"])
    services.save_plan(w.user("bureau"), s1, year=2025, goals="打造区级语文示范课", activities="每月一次送教",
                       targets={"open_class": 2, "paper": 1})
    services.review_year(w.user("bureau"), s1, year=2025, rating="pass", comment="成果偏少")
    found: list[str] = []
    for lang in LANGS:
        answers = []
        for role in ("bureau", "teacher", "teacher2", "officer2", "analyst"):
            c = Client()
            c.force_login(w.user(role))
            c.cookies["youjun_language"] = lang
            pages = [reverse("workforce_studios:district", args=[w.base.a.code]),
                     reverse("workforce_studios:district", args=[w.base.a.code]) + "?active=all&level=city",
                     reverse("workforce_studios:studio_new", args=[w.base.a.code]),
                     reverse("workforce_studios:school", args=[w.a2.code]),
                     reverse("workforce_studios:mine"),
                     reverse("workforce_studios:teacher", args=[w.teachers["ta2"].pk]),
                     reverse("workforce_studios:studio", args=[s1.pk]) + "?year=2025",
                     reverse("workforce_studios:studio", args=[ids["studio_s2"]]),
                     reverse("workforce_studios:studio_edit", args=[s1.pk]),
                     reverse("workforce_studios:members", args=[s1.pk]),
                     reverse("workforce_studios:plan", args=[s1.pk]) + "?year=2025",
                     reverse("workforce_studios:output_add", args=[s1.pk]),
                     reverse("workforce_studios:review", args=[s1.pk]) + "?year=2025"]
            for url in pages:
                r = c.get(url, follow=True)
                if r.status_code == 200:
                    answers.append((f"{role} {url}", r))
        bureau = Client()
        bureau.force_login(w.user("bureau"))
        bureau.cookies["youjun_language"] = lang
        answers += [
            ("refused host", bureau.post(reverse("workforce_studios:studio_new", args=[w.base.a.code]),
                                         {"name": "x", "host": w.teachers["tb"].staff_id, "level": "county",
                                          "start": "2025-09-01"})),
            ("refused member", bureau.post(reverse("workforce_studios:members", args=[s1.pk]),
                                           {"staff_id": w.teachers["tb"].staff_id, "role": "member",
                                            "joined": "2025-10-01"})),
            ("refused output", bureau.post(reverse("workforce_studios:output_add", args=[s1.pk]),
                                           {"kind": "paper", "title": "x", "day": "2020-01-01",
                                            "people": [w.teachers["t1"].staff_id]})),
            ("empty review", bureau.post(reverse("workforce_studios:review", args=[s1.pk]), {"year": "2025"})),
        ]
        assert len(answers) > 30
        names = _names() | {w.teachers["tb"].staff_id}
        for where, r in answers:
            assert r.status_code in (200, 400), (where, r.status_code)
            for p in hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(found)
