"""The groups pages read clean in both languages (the site-wide hygiene crawl does not build the
workforce world): the district's groups with coverage, a group with history and sharing, the
comparison on an assessed year, the areas and an area with a session, a refusal, the district
panel and the audit history of these writes."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.groups import services
from youjun.web.apps.platform.models import District, EducationGroup, School, User

LANGS = ("zh", "en")


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {g.name for g in EducationGroup.objects.all()}
    names |= {s.town for s in School.objects.all() if s.town}
    return names | {"区教委认定文件", "书法进课堂", "大单元教学设计", "形成教学设计集", "一片区", "就近加入"}


def test_the_groups_pages_read_clean(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    bureau = wfworld.user("bureau")
    assessment_services.start_run(None, a, "2025-2026")
    services.adopt_register(bureau, a, dt.date(2024, 9, 1))
    hongqi = EducationGroup.objects.get(district=a, name="红旗教育集团")
    services.move_school(bureau, wfworld.a1, hongqi, role="lead", start=dt.date(2025, 1, 1))
    services.move_school(bureau, wfworld.a2, hongqi, start=dt.date(2025, 3, 1), note="就近加入")
    services.mark_quality(bureau, wfworld.a1, basis="区教委认定文件", marked_on=dt.date(2025, 1, 10))
    services.add_course(bureau, hongqi, title="书法进课堂", offering=wfworld.a1, receiving=[wfworld.a2],
                        school_year="2025-2026", term=1, hours="12")
    services.add_research(bureau, hongqi, held_on=dt.date(2025, 11, 5), topic="大单元教学设计", host=wfworld.a1,
                          schools=[wfworld.a2], outputs="形成教学设计集")
    area = services.create_area(bureau, a, name="一片区", schools=[wfworld.a1, wfworld.a2])
    services.add_session(bureau, area, held_on=dt.date(2025, 11, 6), topic="大单元教学设计", host=wfworld.a2,
                         participants=[wfworld.teachers["t1"], wfworld.teachers["ta2"]], outputs="形成教学设计集")
    found: list[str] = []
    names = _names()
    for lang in LANGS:
        c = Client()
        c.force_login(bureau)
        c.cookies["youjun_language"] = lang
        pages = [reverse("groups:district", args=[a.code]), reverse("groups:group", args=[hongqi.pk]),
                 reverse("groups:compare", args=[a.code]), reverse("groups:areas", args=[a.code]),
                 reverse("groups:area", args=[area.pk]), f"/s/{wfworld.a2.code}/", f"/d/{a.code}/", "/history/"]
        answers = [(url, c.get(url)) for url in pages]
        answers.append(("refused", c.post(reverse("groups:move", args=[a.code]), {
            "school": wfworld.a2.pk, "group": hongqi.pk, "role": "member", "start": "2025-03-01"})))
        answers.append(("invalid", c.post(reverse("groups:session", args=[area.pk]), {"topic": ""})))
        for where, r in answers:
            assert r.status_code in (200, 400), (where, r.status_code)
            page = r.content.decode()
            if where.startswith(("/d/", "/s/")):  # the district's or school's page: only our panel
                start = page.index('data-testid="groups-district-panel"' if where.startswith("/d/")
                                   else 'data-testid="groups-school-panel"')
                page = page[start:page.index("</section>", start)]
            if where == "/history/":  # the audit history: only the rows of these writes
                page = "".join(line for line in page.splitlines() if "groups" in line or "集团" in line
                               or "片区" in line or "优质" in line or "quality" in line)
            for p in hygiene.problems(hygiene.shown_text(page), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(found)
