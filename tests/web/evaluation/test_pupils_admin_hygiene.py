"""The data officer's pupils pages read clean in both languages (the site-wide hygiene crawl does
not build the evaluation world): no English left on Chinese pages, no Chinese on English ones
beyond names, no None — the empty pages, a refused upload, the preview and the slips."""

from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.evaluation.eworld import EWorld
from tests.web.evaluation.test_pupils_roster import NEW, ROW_P1, book, filled_template

LANGS = ("zh", "en")


def _names(ew: EWorld) -> set[str]:
    from youjun.web.apps.platform.models import District, EducationGroup, School, User
    from youjun.web.apps.pupils.accounts import mask_name
    from youjun.web.apps.pupils.models import ClassGroup, Pupil

    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {u.full_name for u in User.objects.all() if u.full_name}
    names |= {p.name for p in Pupil.objects.all()} | {str(c) for c in ClassGroup.objects.all()}
    names |= {c.name for c in ClassGroup.objects.all() if c.name} | {d.name for d in District.objects.all()}
    names |= {g.name for g in EducationGroup.objects.all()}
    names |= {mask_name(p.name) for p in Pupil.objects.all()}
    # the workbook's own column names and the values a person types in them are shown as written
    from youjun.web.apps.pupils.roster_import import HEADERS

    return names | set(HEADERS) | {"名册.xlsx", "王新名", "陈新", "四年级（2）班", "李*红", "数学", "母亲", "男", "女"}


def test_the_officer_pages_read_clean(eworld: EWorld) -> None:
    found: list[str] = []
    c1, p1 = eworld.classes["c1"], eworld.pupils["p1"]
    for lang in LANGS:
        c = Client()
        c.force_login(eworld.user("bureau"))
        c.cookies["youjun_language"] = lang
        pages = [reverse("pupils:roster", args=[eworld.a1.code]),
                 reverse("pupils:class_teachers", args=[c1.pk]), reverse("pupils:class_accounts", args=[c1.pk]),
                 reverse("pupils:pupil_manage", args=[p1.pk]), reverse("pupils:pupil_transfer", args=[p1.pk])]
        answers = [(url, c.get(url)) for url in pages]
        for content in (book([[3, 1, "", "12345", "甲", "X", "", "77"]]), filled_template([ROW_P1, NEW])):
            f = io.BytesIO(content)
            f.name = "名册.xlsx"
            answers.append(("upload", c.post(reverse("pupils:roster", args=[eworld.a1.code]),
                                              {"school_year": "2025-2026", "file": f})))
        answers.append(("slips", c.post(reverse("pupils:class_accounts", args=[c1.pk]), {"kind": "guardians"})))
        answers.append(("reissue", c.post(reverse("pupils:pupil_reissue", args=[p1.pk]),
                                          {"user": eworld.user("parent").pk})))
        c.post(reverse("pupils:pupil_leave", args=[eworld.pupils["p3"].pk]), {"reason": "graduated"})
        c.post(reverse("pupils:pupil_transfer", args=[eworld.pupils["p2"].pk]), {"to_school": eworld.a2.code})
        answers.append(("history", c.get("/history/")))  # the audit rows of these writes, in words
        names = _names(eworld)
        for where, r in answers:
            assert r.status_code in (200, 400), (where, r.status_code)
            for p in hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(found)
