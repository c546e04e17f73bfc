"""The party pages read clean in both languages (the site-wide crawl does not build this world):
the tree, the compliance view filtered, the decisions list, a school's page with posts, duty
lists and a meeting, a group's community page, a refusal, the district's and the school's
panels and the audit history of these writes."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party import services
from youjun.web.apps.platform.models import District, EducationGroup, School, User

LANGS = ("zh", "en")
DAY = dt.date(2024, 9, 1)
WORDS = {"区教育工委", "一校党委", "二校党支部", "集团党委", "孙书记", "钱校长", "周副书记", "主持党组织全面工作",
         "主持学校行政工作", "校长办公会", "采购教学设备", "聘任教务主任", "党员活动室共享", "支委会"}


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {g.name for g in EducationGroup.objects.all()}
    return names | WORDS | {"钱**", "孙**", "周***"}


def test_the_party_pages_read_clean(pworld: PWorld) -> None:
    a, a1 = pworld.base.a, pworld.wf.a1
    bureau = pworld.user("bureau")
    root = services.create_organisation(bureau, a, name="区教育工委", kind="committee", founded=DAY)
    services.create_organisation(bureau, a, name="一校党委", kind="committee", founded=DAY, school=a1, parent=root,
                                 members=1200)
    services.create_organisation(bureau, a, name="二校党支部", kind="branch", founded=DAY, school=pworld.wf.a2,
                                 parent=root)
    group = EducationGroup.objects.filter(district=a).order_by("name").first()
    assert group is not None
    services.create_organisation(bureau, a, name="集团党委", kind="committee", founded=DAY, group=group, parent=root)
    services.appoint(bureau, post="secretary", person="孙书记", start=DAY, school=a1)
    services.appoint(bureau, post="principal", person="钱校长", start=DAY, school=a1)
    services.appoint(bureau, post="full_deputy", person="周副书记", start=DAY, school=a1)
    services.save_duties(bureau, a1, year=2025, as_of=dt.date(2025, 1, 10), secretary="主持党组织全面工作",
                         principal="主持学校行政工作")
    meeting = services.record_meeting(bureau, a1, kind="principal_meeting", title="校长办公会", held_on=dt.date.today(),
                            attendees=1500, decisions=[("采购教学设备", "large_funds", False),
                                                       ("聘任教务主任", "cadre_appointment", True)])
    services.set_community_item(bureau, group, year=dt.date.today().year, item="venues", done=True,
                                note="党员活动室共享")
    found: list[str] = []
    names = _names()
    for role in ("bureau", "analyst"):
        for lang in LANGS:
            c = Client()
            c.force_login(pworld.user(role))
            c.cookies["youjun_language"] = lang
            comp = reverse("party:compliance", args=[a.code])
            pages = [reverse("party:district", args=[a.code]), comp, comp + "?show=split",
                     comp + "?show=no_org", reverse("party:decisions", args=[a.code]),
                     reverse("party:decisions", args=[a.code]) + "?all=1", reverse("party:school", args=[a1.code]),
                     reverse("party:school", args=[pworld.wf.a2.code]), reverse("party:group", args=[group.pk]),
                     f"/s/{a1.code}/", f"/d/{a.code}/"]
            if role == "bureau":
                pages += ["/history/", reverse("party:meeting_edit", args=[a1.code, meeting.pk])]
            answers = [(url, c.get(url)) for url in pages]
            if role == "bureau":
                answers.append(("refused", c.post(reverse("party:appoint", args=[a1.code]), {
                    "post": "principal", "person": "钱校长", "start": "2024-09-01"})))
                answers.append(("invalid", c.post(reverse("party:duties", args=[a1.code]), {"year": ""})))
                answers.append(("unconfirmed", c.post(reverse("party:meeting_delete", args=[a1.code, meeting.pk]), {})))
            for where, r in answers:
                assert r.status_code in (200, 400), (where, r.status_code)
                page = r.content.decode()
                if where.startswith(("/d/", "/s/")):  # the district's or school's page: only our panel
                    start = page.index('data-testid="party-district-panel"' if where.startswith("/d/")
                                       else 'data-testid="party-school-panel"')
                    page = page[start:page.index("</section>", start)]
                if where == "/history/":
                    page = "".join(line for line in page.splitlines() if "party" in line or "党" in line
                                   or "校长" in line)
                for p in hygiene.problems(hygiene.shown_text(page), lang, names):
                    found.append(f"{role} {lang} {where}: {p}")
    assert not found, "\n".join(found)
