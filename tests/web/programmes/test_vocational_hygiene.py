"""The vocational centre's pages read clean in both languages: the district's centres, the
centre page with every kind of record, each list, a major, a competition, a teacher with a
recognition, refusals, the district and school panels and the audit history of these writes."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.web import hygiene
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.vocational import services
from youjun.web.apps.vocational.models import Centre
from youjun.web.apps.workforce.access import mask_name

LANGS = ("zh", "en")
WORDS = {"永川区职业教育中心", "计算机应用", "云计算平台运维与开发", "重庆某云计算公司", "某培训评价组织",
         "某电商公司", "电子商务", "全国职业院校技能大赛", "直播助农培训", "欧阳一", "欧阳二", "司马获奖", "三等奖",
         "二等奖", "证书.jpg", "710201", "1+X"}


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {s.town for s in School.objects.all() if s.town}
    return names | WORDS | {mask_name(n) for n in WORDS}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 0)).save(out, format="PNG")
    return out.getvalue()


def _world(w: PWorld) -> Centre:
    bureau = w.user("bureau")
    c = services.create_centre(bureau, w.base.a, name="永川区职业教育中心", school=w.wf.a1)
    m = services.add_major(bureau, c, code="710201", name="计算机应用", started=2015,
                           apprenticeship_partner="重庆某云计算公司", apprenticeship_from=2021)
    p = services.add_pilot(bureau, m, certificate="云计算平台运维与开发", level="middle", awarding_org="某培训评价组织",
                           from_year=2020)
    services.record_pilot_result(bureau, p, year=2024, candidates=1234, passes=1100)
    partner = services.add_partner(bureau, c, name="某电商公司", sector="电子商务", agreed_on=dt.date(2022, 3, 1),
                                   majors=[m])
    services.record_placements(bureau, partner, year=2024, pupils=1500)
    t = services.add_teacher(bureau, c, name="欧阳一", subject="计算机应用", joined=dt.date(2019, 9, 1))
    services.add_teacher(bureau, c, name="欧阳二", subject="计算机应用", full_time=False)
    services.recognise(bureau, t, recognised_on=dt.date(2024, 6, 1), level="middle", basis="practice",
                       upload=SimpleUploadedFile("证书.jpg", _png()))
    comp = services.add_competition(bureau, c, name="全国职业院校技能大赛", level="national", year=2024, entrants=1200)
    services.add_result(bureau, comp, person="司马获奖", kind="pupil", prize="三等奖")
    services.add_result(bureau, comp, person="欧阳一", kind="teacher", prize="二等奖")
    services.add_training(bureau, c, programme="直播助农培训", year=2024, trainees=5230, hours=1200)
    services.record_destinations(bureau, c, year=2024, further=1060, employed=1200, matched=960, other=20)
    return c


def test_the_vocational_pages_read_clean(pworld: PWorld) -> None:
    w = pworld
    c = _world(w)
    m, p, t = c.majors.get(), c.majors.get().pilots.get(), c.teachers.get(name="欧阳一")
    comp, partner = c.competitions.get(), c.partners.get()
    found: list[str] = []
    names = _names()
    for role in ("bureau", "analyst"):
        for lang in LANGS:
            cl = Client()
            cl.force_login(w.user(role))
            cl.cookies["youjun_language"] = lang
            pages = [reverse("vocational:district", args=[w.base.a.code]), reverse("vocational:centre", args=[c.pk]),
                     *[reverse(f"vocational:{k}", args=[c.pk]) for k in
                       ("majors", "partners", "teachers", "competitions", "training", "destinations")],
                     reverse("vocational:major", args=[m.pk]), reverse("vocational:competition", args=[comp.pk]),
                     reverse("vocational:teacher", args=[t.pk]), f"/d/{w.base.a.code}/",
                     reverse("vocational:teachers", args=[c.pk]) + "?status=dq&on=2024-12-31",
                     reverse("vocational:majors", args=[c.pk]) + "?only=pilot&year=2024"]
            answers = [(url, cl.get(url)) for url in pages]
            if role == "bureau":
                pages.append(f"/s/{w.wf.a1.code}/")
                answers.append((f"/s/{w.wf.a1.code}/", cl.get(f"/s/{w.wf.a1.code}/")))
                answers.append(("/history/", cl.get("/history/")))
                answers.append(("refused", cl.post(reverse("vocational:pilot_result", args=[p.pk]), {
                    f"p{p.pk}-year": "2024", f"p{p.pk}-candidates": "10", f"p{p.pk}-passes": "11"})))
                answers.append(("invalid", cl.post(reverse("vocational:teachers", args=[c.pk]), {"name": ""})))
                answers.append(("unlinked", cl.post(reverse("vocational:teachers", args=[c.pk]), {
                    "name": "欧阳二", "subject": "计算机应用", "staff_id": "710201"}, follow=True)))
                answers.append(("placement", cl.post(reverse("vocational:placements", args=[partner.pk]),
                                                     {"year": ""})))
                answers.append(("no evidence", cl.post(reverse("vocational:teacher", args=[t.pk]), {
                    "recognised_on": "2024-06-01", "level": "middle", "basis": "practice"})))
            for where, r in answers:
                assert r.status_code in (200, 400), (where, r.status_code)
                page = r.content.decode()
                if where.startswith(("/d/", "/s/")):
                    start = page.index('data-testid="vocational-district-panel"' if where.startswith("/d/")
                                       else 'data-testid="vocational-school-panel"')
                    page = page[start:page.index("</section>", start)]
                if where == "/history/":
                    page = "".join(line for line in page.splitlines() if "vocational" in line or "职教" in line
                                   or "双师" in line or "专业" in line or "培训" in line or "大赛" in line)
                for problem in hygiene.problems(hygiene.shown_text(page), lang, names):
                    found.append(f"{role} {lang} {where}: {problem}")
    assert not found, "\n".join(found)
