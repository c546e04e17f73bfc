"""Every habits page, filled by the demo (four weeks of check-ins, reviews, praise) and a refused
check-in, reads clean in both languages for a parent, a head teacher and the school's officer: no
English on Chinese pages nor Chinese on English ones (the data's own names apart), no identifiers,
no empty values, no long decimals; no style attribute or inline script (CSP). The site-wide crawl
(tests/web/test_page_hygiene.py) reads only pages without arguments, so these are read here."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

from tests.web import hygiene
from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.habits_fixtures import TODAY, today_fixture  # noqa: F401
from youjun.web.apps.habits import demo
from youjun.web.apps.habits.models import CheckIn, Habit, Praise
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils.models import ClassGroup, Pupil


def test_habits_pages_read_clean_in_both_languages(eworld: EWorld, today: dt.date) -> None:
    demo.seed(eworld.a1, "2025-2026")
    c1, p1 = eworld.classes["c1"], eworld.pupils["p1"]
    habit = Habit.objects.filter(school=eworld.a1).first()
    assert habit is not None
    names = {str(x) for x in [*School.objects.values_list("name", flat=True),
                              *User.objects.values_list("username", flat=True),
                              *Pupil.objects.values_list("name", flat=True),
                              *Habit.objects.values_list("name", flat=True),
                              *Habit.objects.values_list("target", flat=True),
                              *Praise.objects.values_list("text", flat=True),
                              *CheckIn.objects.exclude(review_comment="").values_list("review_comment", flat=True),
                              *[str(c) for c in ClassGroup.objects.all()]]}
    pages = [f"/habits/s/{eworld.a1.code}/", f"/habits/s/{eworld.a1.code}/new/",
             f"/habits/s/{eworld.a1.code}/trend/", f"/habits/h/{habit.pk}/", f"/habits/p/{p1.pk}/",
             f"/habits/p/{p1.pk}/?day=2025-11-10", f"/habits/p/{p1.pk}/summary/", f"/habits/c/{c1.pk}/",
             f"/habits/c/{c1.pk}/review/", f"/habits/c/{c1.pk}/review/?span=week", f"/habits/c/{c1.pk}/trend/"]
    found: list[str] = []
    read = 0
    for lang in ("zh", "en"):
        for role in ("parent", "teacher", "officer"):
            client = Client()
            client.cookies["youjun_language"] = lang
            client.force_login(eworld.user(role))
            for url in pages:
                r = client.get(url)
                if r.status_code != 200:
                    continue
                read += 1
                body = r.content.decode()
                assert not re.search(r"\sstyle=", body), url
                assert not re.search(r"<script(?![^>]*\bsrc=)", body), url
                found += [f"{lang} {role} {url}: {p}"
                          for p in hygiene.problems(hygiene.shown_text(body), lang, names)]
        # a refused check-in (a future day) shows the catalogue's words in the page's language
        client = Client()
        client.cookies["youjun_language"] = lang
        client.force_login(eworld.user("parent"))
        r = client.post(f"/habits/p/{p1.pk}/", {"habit": habit.pk, "day": "2025-11-20"})
        assert r.status_code == 422
        found += [f"{lang} refused: {p}" for p in hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names)]
    assert read == 42  # parent 3, teacher 7 (no school pages), officer 11; in two languages
    # the links on the pupils app's pages, in the page's language
    for lang, words in (("zh", ("今日习惯打卡", "习惯学期小结", "习惯打卡表", "习惯检查", "习惯趋势")),
                        ("en", ("Today's habits", "Habits term summary", "Habit check-in grid", "Habit review"))):
        client = Client()
        client.cookies["youjun_language"] = lang
        client.force_login(eworld.user("teacher"))
        shown = "".join(client.get(u).content.decode() for u in (f"/pupils/p/{p1.pk}/", f"/pupils/c/{c1.pk}/",
                                                                  "/pupils/me/")).replace("&#x27;", "'")
        assert all(w in shown for w in words), lang
    assert not found, "\n".join(found[:60])
