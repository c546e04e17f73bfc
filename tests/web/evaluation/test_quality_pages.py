"""The quality pages read clean (tests/web/hygiene.py) in both languages for every role that sees
them, on the demo seed (which must make what it promises: records in five dimensions, a locked
archive, an open publication with an objection, a reuse flag)."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.web import hygiene
from tests.web.evaluation.eworld import YEAR, EWorld
from youjun.web.apps.platform.models import User
from youjun.web.apps.pupils.services import RosterRow, upsert_roster
from youjun.web.apps.quality import demo, selectors, services
from youjun.web.apps.quality.models import Objection, Publication, Record, TermRecord


def test_demo_seed_and_every_quality_page_reads_clean(eworld: EWorld) -> None:
    ew = eworld
    upsert_roster(ew.a1, YEAR, [RosterRow("G500118201609090099", "周小雨", "female", 3, 2)], None)
    result = demo.seed(ew.a1, YEAR, today=dt.date(2025, 12, 3))
    services.save_district_settings(ew.user("bureau"), ew.a1.district, {"grades_per": "term", "quota_pct": {"A": 40}})
    objection = Objection.objects.get()
    services.answer_objection(objection.publication.class_group.teachers.get(kind="head").user, objection,
                              upheld=True, answer="已核实")
    assert result.locked == 1 and result.objections == 1 and len(result.classes) == 2
    assert set(Record.objects.values_list("dimension", flat=True)) == {"moral", "academic", "health", "arts",
                                                                       "practice"}
    assert TermRecord.objects.filter(state="locked").count() == 1
    assert Objection.objects.filter(state="upheld").count() == 1
    assert [f.pupils for f in selectors.reuse_flags(ew.a1, YEAR)] == [2]
    p1, c1 = ew.pupils["p1"], ew.classes["c1"]
    pubs = list(Publication.objects.order_by("pk"))
    evidence = Record.objects.filter(pupil=p1).exclude(evidence=None).first().evidence.first()  # type: ignore[union-attr]
    pages = {
        "officer": [f"/quality/p/{p1.pk}/?year={YEAR}&term=1", f"/quality/p/{p1.pk}/archive/",
                    f"/quality/c/{c1.pk}/?term=1", f"/quality/pub/{pubs[0].pk}/", f"/quality/pub/{pubs[1].pk}/",
                    f"/quality/s/{ew.a1.code}/?year={YEAR}"],
        "teacher": [f"/quality/c/{c1.pk}/?term=1", f"/quality/c/{c1.pk}/?term=2", f"/quality/pub/{pubs[0].pk}/",
                    f"/quality/p/{p1.pk}/?year={YEAR}&term=1"],
        "parent": [f"/quality/p/{p1.pk}/?year={YEAR}&term=1", f"/quality/p/{p1.pk}/?year={YEAR}&term=2",
                   f"/quality/pub/{pubs[0].pk}/", f"/quality/p/{p1.pk}/archive/", "/pupils/me/"],
        "bureau": [f"/quality/d/{ew.base.a.code}/settings/", f"/quality/p/{p1.pk}/?year={YEAR}&term=1"],
        "analyst": [f"/quality/d/{ew.base.a.code}/settings/", "/history/"],
    }
    names = {ew.a1.name, ew.a1.district.name, *[p.name for p in ew.pupils.values()], "周小雨"}
    names |= {str(u) for u in ew.users.values()} | {u.username for u in ew.base.users.values()}
    names |= set(result.accounts) | {str(u) for u in ew.base.users.values()}
    # what people wrote (titles, reasons) and the classes' own names are the data's, in Chinese
    names |= {t for _, _, t, _, _ in demo.RECORDS} | {str(c) for c in ew.classes.values()}
    names |= set(Objection.objects.values_list("reason", flat=True)) | {str(u) for u in User.objects.all()}
    names |= {"家长", "母亲", "数学"}  # guardians' relations and subjects as people wrote them
    found = []
    for lang in ("zh", "en"):
        for role, urls in pages.items():
            c = Client()
            c.force_login(ew.user(role))
            c.cookies["youjun_language"] = lang
            for url in urls:
                r = c.get(url)
                assert r.status_code == 200, (role, url, r.status_code)
                for p in hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names):
                    found.append(f"{lang} {role} {url}: {p}")
    assert evidence is not None and Client().get(f"/quality/e/{evidence.pk}/").status_code == 302
    assert not found, "\n".join(found)
