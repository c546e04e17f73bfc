"""The career-record pages read clean in both languages (the site-wide crawl does not build the
teachers' world): no English left on Chinese pages, no Chinese on English ones beyond names and
what was typed, no None — the lists, a record with a rotation, key term and honour, the teacher's
own page, every form, the import page with a refused and a previewed upload."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.workforce.test_career_import import row, xlsx
from tests.web.workforce.wfworld import WFWorld
from youjun.core import schema
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce import hr_import, services
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.models import Teacher

LANGS = ("zh", "en")
# the other workforce parts' links (``workforce.links``) are their words, checked by their own tests
OTHER_PARTS = re.compile(r'<ul class="[^"]*cr-links[^"]*".*?</ul>', re.S)


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {d.name for d in District.objects.all()}
    names |= {u.username for u in User.objects.all()}
    teachers = list(Teacher.objects.exclude(name=""))
    names |= {t.name for t in teachers} | {mask_name(t.name) for t in teachers}
    typed = {"优质课大赛", "一等奖", "城乡交流", "人事信息.xlsx", "钱新", "占星", "数学", "T500118HR001", "八五年",
             "是", "否", "男", "女"}  # what was typed, and the values the hints quote to type
    return names | set(hr_import.HEADERS) | typed | {c.zh for c in schema.SUBJECTS}


def test_the_career_pages_read_clean(wfworld: WFWorld) -> None:
    w = wfworld
    t1, t2 = w.teachers["t1"], w.teachers["t2"]
    bureau = w.user("bureau")
    services.rotate(bureau, t2, w.a2, start=dt.date(2026, 9, 1), note="城乡交流")
    services.add_key_award(bureau, t2, tier="leader", level="city", start=dt.date(2019, 9, 1),
                           end=dt.date(2022, 8, 31))
    services.add_honour(bureau, t1, kind="contest", name="优质课大赛", level="city", prize="一等奖",
                        awarded_on=dt.date(2025, 11, 20))
    found: list[str] = []
    for lang in LANGS:
        answers = []
        for role in ("bureau", "analyst", "officer", "teacher"):
            c = Client()
            c.force_login(w.user(role))
            c.cookies["youjun_language"] = lang
            pages = [reverse("workforce:district", args=[w.base.a.code]),
                     reverse("workforce:district", args=[w.base.a.code]) + "?eligible=on&key_tier=any",
                     reverse("workforce:school", args=[w.a1.code]),
                     reverse("workforce:teacher", args=[t1.pk]), reverse("workforce:teacher", args=[t2.pk])]
            if role == "teacher":
                pages.append(reverse("workforce:me"))
            if role == "bureau":
                pages += [reverse("workforce:teacher_add", args=[w.base.a.code]),
                          reverse("workforce:import", args=[w.base.a.code])]
                pages += [reverse(f"workforce:{n}", args=[t1.pk]) for n in (
                    "teacher_edit", "rotate", "qualification_add", "title_add", "key_add", "honour_add")]
            for url in pages:
                r = c.get(url, follow=True)
                if r.status_code == 200:
                    answers.append((f"{role} {url}", r))
            if role == "bureau":
                for cells in ([row(出生年份="八五年", 任教学科="占星")], [row()]):
                    answers.append(("upload", c.post(reverse("workforce:import", args=[w.base.a.code]),
                                                     {"file": xlsx(cells)})))
                answers.append(("refused rotation", c.post(reverse("workforce:rotate", args=[t1.pk]),
                                                           {"to_school": w.a1.pk, "start": "2026-09-01"})))
        names = _names()
        for where, r in answers:
            assert r.status_code in (200, 400), (where, r.status_code)
            for p in hygiene.problems(hygiene.shown_text(OTHER_PARTS.sub("", r.content.decode())), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(sorted(set(found))[:80])
