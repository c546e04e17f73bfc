"""The clean-school pages read clean in both languages (no None, no reprs, no English on Chinese
pages, units on numbers): the district's page with a campaign's progress, the lists, counts,
a campaign, an activity, a school's page, the publicity, the grants page, the cases (counts for
the bureau, contents for the handler), a case, refusals, and the panels on the district's and
the school's pages."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.programmes.pworld import PWorld
from youjun.core import party_integrity
from youjun.web.apps.party.integrity import services
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.models import Teacher

LANGS = ("zh", "en")
WORDS = {"清风校园，廉洁入心", "动员部署", "学习教育", "签订承诺书", "观看警示片", "廉洁主题班会", "师德标兵事迹",
         "区教委公众号", "家长反映言行不当", "经核查属实", "核查属实"}


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {t.name for t in Teacher.objects.all()}
    defaults = party_integrity.rules("campaign-defaults", dt.date.today())  # the form's default names (data)
    return names | WORDS | set(defaults["stages"]) | set(defaults["key_points"]) | {defaults["name"]}


def test_the_clean_school_pages_read_clean(pworld: PWorld) -> None:
    w = pworld
    a = w.base.a
    bureau = w.user("bureau")
    camp = services.create_campaign(bureau, a, name="清风校园，廉洁入心", start=dt.date(2025, 3, 1), end=None,
                                    stages=["动员部署", "学习教育"], key_points=["签订承诺书", "观看警示片"])
    stage = camp.stages.get(order=1)
    services.set_stage_dates(bureau, stage, start=dt.date(2025, 3, 1), end=dt.date(2025, 4, 30))
    act = services.record_activity(bureau, a, school=w.wf.a1, kind="class_meeting", layer="classroom",
                                   held_on=dt.date(2025, 3, 20), title="廉洁主题班会", participants=1234,
                                   kinds=["pupils", "parents"], stage=stage, key_point=camp.key_points.get(order=1))
    services.record_activity(bureau, a, school=None, kind="warning", layer="ethics", held_on=dt.date(2025, 4, 2),
                             title="廉洁主题班会", participants=80, kinds=["teachers"])
    services.add_publicity(bureau, a, number=1, published_on=dt.date(2025, 3, 1), title="师德标兵事迹",
                           channel="区教委公众号", link="https://example.org/1")
    services.grant_handler(bureau, a, username="ethics", start=dt.date(2025, 1, 1))
    case = services.open_case(w.user("ethics"), a, staff_id=w.wf.teachers["t2"].staff_id,
                              received_on=dt.date(2025, 5, 1), source="report", summary="家长反映言行不当")
    services.add_step(w.user("ethics"), case, step="verify", on=dt.date(2025, 5, 10), note="核查属实")
    services.add_step(w.user("ethics"), case, step="decide", on=dt.date(2025, 5, 20), decision="经核查属实",
                      sanction="criticism")
    names = _names()
    found: list[str] = []
    for lang in LANGS:
        for role, pages in (
            ("bureau", [reverse("party_integrity:district", args=[a.code]),
                        reverse("party_integrity:activities", args=[a.code]),
                        reverse("party_integrity:counts", args=[a.code]),
                        reverse("party_integrity:counts", args=[a.code]) + "?by=layer&from=2025&to=2025",
                        reverse("party_integrity:campaign_new", args=[a.code]),
                        reverse("party_integrity:campaign", args=[camp.pk]),
                        reverse("party_integrity:activity", args=[act.pk]),
                        reverse("party_integrity:school", args=[w.wf.a1.code]),
                        reverse("party_integrity:publicity", args=[a.code]),
                        reverse("party_integrity:handlers", args=[a.code]),
                        reverse("party_integrity:cases", args=[a.code]),
                        f"/d/{a.code}/", f"/s/{w.wf.a1.code}/"]),
            ("ethics", [reverse("party_integrity:cases", args=[a.code]),
                        reverse("party_integrity:case", args=[case.pk])]),
            ("officer", [reverse("party_integrity:school", args=[w.wf.a1.code])]),
        ):
            c = Client()
            c.force_login(w.user(role))
            c.cookies["youjun_language"] = lang
            answers = [(url, c.get(url)) for url in pages]
            if role == "bureau":
                answers.append(("refused", c.post(reverse("party_integrity:publicity", args=[a.code]), {
                    "number": "1", "published_on": "2025-03-02", "title": "重复", "channel": "公众号",
                    "link": "https://example.org/2"})))
                answers.append(("invalid", c.post(reverse("party_integrity:district", args=[a.code]), {"title": ""})))
            if role == "ethics":
                answers.append(("step refused", c.post(reverse("party_integrity:case", args=[case.pk]),
                                                       {"step": "verify", "on": "2025-06-01"})))
            for where, r in answers:
                assert r.status_code in (200, 400), (lang, where, r.status_code)
                page = r.content.decode()
                if where.startswith(("/d/", "/s/")):
                    key = "integrity-district-panel" if where.startswith("/d/") else "integrity-school-panel"
                    start = page.index(f'data-testid="{key}"')
                    page = page[start:page.index("</section>", start)]
                for p in hygiene.problems(hygiene.shown_text(page), lang, names):
                    found.append(f"{lang} {role} {where}: {p}")
    assert not found, "\n".join(found)
