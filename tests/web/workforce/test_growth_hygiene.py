"""The growth pages read clean in both languages (the site-wide crawl does not build the teachers'
world): no English left on Chinese pages, no Chinese on English ones beyond names and the
ladder's own data (its stage names and evidence as the district wrote them), no None — with an
application pending, a decision given, a refused ladder and a refused decision."""

from __future__ import annotations

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.workforce.wfworld import WFWorld
from youjun.core import workforce_growth as core
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.growth import services
from youjun.web.apps.workforce.models import Teacher

PANEL = re.compile(r'<section class="card" data-testid="growth-panel">.*?</section>', re.S)
TEXTAREA = re.compile(r'<textarea name="data".*?</textarea>', re.S)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PanelPage:
    status_code = 200

    def __init__(self, html: str) -> None:
        self.content = html.encode()


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {t.name for t in Teacher.objects.all() if t.name}
    names |= {t.name[:1] + "*" * (len(t.name) - 1) for t in Teacher.objects.all() if t.name}
    ladder = core.default_ladder()
    names |= {s.zh for s in ladder.stages} | {c.evidence for s in ladder.stages for c in s.criteria}
    ref = core.reference()["reference"]
    return names | {ref["document"], ref["article"], "校级公开课《分数》", "lesson.pdf", "缺少证明"}


def test_the_growth_pages_read_clean(wfworld: WFWorld) -> None:
    a, t1 = wfworld.base.a, wfworld.teachers["t1"]
    services.set_panel(wfworld.user("bureau"), a, ["officer2", "analyst", "inspector"])
    app = services.apply(wfworld.user("teacher"), t1, "qualified", [services.ItemClaim(
        "lessons", "校级公开课《分数》", dt.date(2025, 10, 9),
        SimpleUploadedFile("lesson.pdf", PDF, content_type="application/pdf"))])
    services.decide(wfworld.user("inspector"), app, agree=False, reason="缺少证明")
    services.record_stage(wfworld.user("bureau"), wfworld.teachers["t2"], "advancing", since=dt.date(2024, 9, 1))
    names = _names()
    found: list[str] = []
    for lang in ("zh", "en"):
        answers = []
        for role, urls in {
            "bureau": [reverse("workforce_growth:district", args=[a.code]),
                       reverse("workforce_growth:district", args=[a.code]) + "?stage=none",
                       reverse("workforce_growth:school", args=[wfworld.a1.code]),
                       reverse("workforce_growth:panel", args=[a.code]),
                       reverse("workforce_growth:ladder", args=[a.code]),
                       reverse("workforce_growth:teacher", args=[wfworld.teachers["t2"].pk]),
                       reverse("workforce_growth:apply", args=[wfworld.teachers["t2"].pk])],
            "teacher": [reverse("workforce_growth:teacher", args=[t1.pk])],
            "analyst": [reverse("workforce_growth:queue"), reverse("workforce_growth:application", args=[app.pk])],
        }.items():
            c = Client()
            c.force_login(wfworld.user(role))
            c.cookies["youjun_language"] = lang
            answers += [(f"{role} {url}", c.get(url)) for url in urls]
            if role == "bureau":
                # the growth panel on the district's page (the rest of that page is not ours)
                district_page = c.get(reverse("schools:district", args=[a.code])).content.decode()
                answers.append(("district page's panel", PanelPage(PANEL.search(district_page).group(0))))
                answers.append(("bad ladder", c.post(reverse("workforce_growth:ladder", args=[a.code]),
                                                     {"data": "stages: []"})))
            if role == "analyst":
                answers.append(("no reason", c.post(reverse("workforce_growth:application", args=[app.pk]),
                                                    {"agree": "no"})))
        for where, r in answers:
            assert r.status_code in (200, 400), (where, r.status_code)
            # the ladder's YAML in the bureau's editing box is data in its file format (its keys are
            # the format's words, as docs/workforce.md documents them), not the page's text
            page = TEXTAREA.sub("", r.content.decode())
            for p in hygiene.problems(hygiene.shown_text(page), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(found)
